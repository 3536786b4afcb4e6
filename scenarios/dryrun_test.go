package scenarios

import (
	"bytes"
	"strings"
	"testing"

	"github.com/govsim/govsim/scenarios/design"
	"github.com/govsim/govsim/sim/shard"
	"github.com/govsim/govsim/sim/table"
)

// TestWritePlan: the dry-run plan of every example sweep names its design,
// factors, runs and output, shows a design seed exactly for the designs
// that sample, and the shard only when there is one.
func TestWritePlan(t *testing.T) {
	for _, kind := range SweepExamples() {
		b, err := SweepExample(kind)
		if err != nil {
			t.Fatal(err)
		}
		sw, err := ParseSweep(kind+".toml", b, "")
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		p, err := sw.Build()
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		f := table.NewSweepFile(p.Spec("test", false))
		for _, sh := range []shard.Shard{{}, {Index: 1, Count: 3, From: "-shard"}} {
			var out bytes.Buffer
			WritePlan(&out, &f, sh, "out-dir")
			got := out.String()
			want := []string{"sweep " + sw.Name + ": design " + kind + ", ",
				"runs: ", "output: out-dir (sweep " + f.ID[:12] + ")\n"}
			if sh.Count > 1 {
				want = append(want, "shard 1/3 (from -shard): ")
			}
			for _, w := range want {
				if !strings.Contains(got, w) {
					t.Errorf("%s, shard %+v: plan lacks %q:\n%s", kind, sh, w, got)
				}
			}
			if strings.Contains(got, "design seed") != sw.Design.Sampled() {
				t.Errorf("%s: a design seed in the plan: %v; the design samples: %v", kind, !sw.Design.Sampled(), sw.Design.Sampled())
			}
			if sh.Count <= 1 && strings.Contains(got, "shard") {
				t.Errorf("%s: a shard in the plan of a whole sweep:\n%s", kind, got)
			}
		}
	}
}

// TestLimitsAgree: a sweep read back may hold as many points as a design
// may make, no more and no fewer.
func TestLimitsAgree(t *testing.T) {
	if table.MaxSweepPoints != design.MaxRuns {
		t.Errorf("table.MaxSweepPoints = %d, design.MaxRuns = %d", table.MaxSweepPoints, design.MaxRuns)
	}
}
