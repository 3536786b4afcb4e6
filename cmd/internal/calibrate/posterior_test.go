package calibrate

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/govsim/govsim/cmd/internal/drive"
	"github.com/govsim/govsim/output/report"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/table"
	"github.com/govsim/govsim/sim/version"
)

const tinyFile = `particles = 20
generations = 2
set = ["district.villages=3"]

[[target]]
metric = "leakage_share"
from = 0
to = 12
observed = 0.12
tolerance = 0.01

[[prior]]
key = "economy.lambda0"

[[prior]]
key = "opinion.integration_rate"
dist = "normal"
mean = 0.02
sd = 0.004
min = 0.014
max = 0.026
`

// TestPosterior: the final population reads back from a calibration's
// directory; its draws lie in the priors' support, draw i is the same
// alone or among others, and set a configuration; a directory that is not
// a finished calibration is bad input.
func TestPosterior(t *testing.T) {
	dir := t.TempDir()
	cal, err := scenarios.ParseCalibration("tiny.toml", []byte(tinyFile), "")
	if err == nil {
		err = cal.Build()
	}
	if err != nil {
		t.Fatal(err)
	}
	e := drive.Env{Stdout: io.Discard, Stderr: io.Discard, Args: []string{"govsim", "calibrate"}, Build: version.Info{Version: "test"}}
	if err := Run(context.Background(), Options{E: e, Cal: cal, Out: dir, Format: table.FormatCSV, Font: report.ChartFont{}}); err != nil {
		t.Fatal(err)
	}
	p, err := LoadPosterior(dir)
	if err != nil {
		t.Fatal(err)
	}
	if p.Pop.Generation != 1 || len(p.Pop.Particles) != 20 || !slices.Equal(p.Keys(), []string{"economy.lambda0", "opinion.integration_rate"}) {
		t.Fatalf("generation %d, %d particles, keys %v", p.Pop.Generation, len(p.Pop.Particles), p.Keys())
	}
	pts, err := p.Points(3, 30)
	if err != nil {
		t.Fatal(err)
	}
	prior := Prior(cal.Spec("test").Priors)
	for i, pt := range pts {
		if !prior.InSupport(pt) {
			t.Errorf("draw %d %v lies outside the priors", i, pt)
		}
		alone, _, err := p.Point(3, i)
		if err != nil || !slices.Equal(alone, pt) {
			t.Errorf("draw %d alone %v, among others %v", i, alone, pt)
		}
	}
	other, _ := p.Points(4, 30)
	if slices.EqualFunc(pts, other, slices.Equal) {
		t.Error("another seed gives the same draws")
	}
	cfg := sim.Default()
	if err := p.Set(&cfg, pts[0]); err != nil || cfg.Economy.Lambda0 != pts[0][0] {
		t.Errorf("Set: %v, lambda0 %v want %v", err, cfg.Economy.Lambda0, pts[0][0])
	}
	type badInput interface{ BadInput() bool }
	for name, d := range map[string]string{"empty": t.TempDir(), "missing": filepath.Join(dir, "nosuch")} {
		var bi badInput
		if _, err := LoadPosterior(d); !errors.As(err, &bi) || !bi.BadInput() {
			t.Errorf("%s: %v, want bad input", name, err)
		}
	}
	if err := os.Remove(filepath.Join(dir, table.PosteriorCSV)); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadPosterior(dir); err == nil {
		t.Error("a calibration without posterior.csv")
	}
}
