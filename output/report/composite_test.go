package report

import (
	"strings"
	"testing"

	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/table"
)

func TestCompositeDefinition(t *testing.T) {
	scs := []table.ManifestScenario{{Name: "baseline"}, {Name: "zhengjing", Settings: []sim.Setting{{Key: "reform zhengjing", Value: "from month 12, all"}}}}
	parts, note := compositeDefinition(scs)
	if len(parts) != len(sim.CompositeParts()) {
		t.Fatalf("%d parts, want %d", len(parts), len(sim.CompositeParts()))
	}
	// The weights and scales are sim's defaults, read from its parameter
	// table: satisfaction weighs 2 of 8, disputes score 0 at 2 per 1,000.
	total := 0.0
	for _, p := range sim.CompositeParts() {
		par, _ := sim.Lookup(p.Weight)
		var w float64
		for _, c := range par.Default {
			w = w*10 + float64(c-'0')
		}
		total += w
	}
	if parts[0].Weight != "2" || parts[0].Share != "25.0%" || total != 8 {
		t.Errorf("satisfaction: weight %q share %q (total %g)", parts[0].Weight, parts[0].Share, total)
	}
	if !strings.Contains(parts[2].Transform, "x / 2)") || strings.Contains(parts[2].Transform, "composite.") {
		t.Errorf("disputes transform %q", parts[2].Transform)
	}
	if strings.Contains(note, "differently") {
		t.Errorf("note: %s", note)
	}
	// A scenario weighing trust differently: the note says the indices are
	// not on one scale, and shares are not given.
	scs[1].Settings = append(scs[1].Settings, sim.Setting{Key: "composite.w_trust", Value: "3.0"})
	parts, note = compositeDefinition(scs)
	if !strings.Contains(note, "composite.w_trust") || !strings.Contains(note, "not on one scale") || parts[0].Share != dash {
		t.Errorf("differing weights: %q, share %q", note, parts[0].Share)
	}
}
