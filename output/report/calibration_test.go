package report

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govsim/govsim/analysis/abc"
	"github.com/govsim/govsim/sim/table"
)

// TestObservationInterval: one value gives the normal interval x ± 1.645
// sd; a spread much wider than sd gives about the values' own quantiles;
// missing values are left out.
func TestObservationInterval(t *testing.T) {
	lo, hi, n := observationInterval([]float64{2, math.NaN()}, 0.5)
	if n != 1 || math.Abs(lo-(2-1.6449*0.5)) > 1e-3 || math.Abs(hi-(2+1.6449*0.5)) > 1e-3 {
		t.Errorf("one value: [%v, %v] of %d", lo, hi, n)
	}
	xs := make([]float64, 1001)
	for i := range xs {
		xs[i] = float64(i)
	}
	lo, hi, _ = observationInterval(xs, 1e-3)
	if math.Abs(lo-50) > 1 || math.Abs(hi-950) > 1 {
		t.Errorf("0…1000 with a tiny error: [%v, %v], want about [50, 950]", lo, hi)
	}
	if _, _, n := observationInterval([]float64{math.NaN(), math.Inf(1)}, 1); n != 0 {
		t.Errorf("no finite value: n = %d", n)
	}
}

func TestConstraintWords(t *testing.T) {
	for _, c := range []struct {
		p    abc.ParamSummary
		want string
	}{
		{abc.ParamSummary{SDRatio: 0.5, Mean: 0.5, PriorMean: 0.5, PriorSD: 0.1}, "constrained"},
		{abc.ParamSummary{SDRatio: 0.95, Mean: 0.56, PriorMean: 0.5, PriorSD: 0.1}, "shifted"},
		{abc.ParamSummary{SDRatio: 0.95, Mean: 0.52, PriorMean: 0.5, PriorSD: 0.1}, "not constrained"},
	} {
		if got := Constraint(c.p); got != c.want {
			t.Errorf("%+v: %q, want %q", c.p, got, c.want)
		}
	}
}

// TestCalibrationMarkdown: the summaries a calibration writes become the
// tables and words of ODD.md's calibration section; the self-check's
// coverage is counted per parameter.
func TestCalibrationMarkdown(t *testing.T) {
	dir := t.TempDir()
	g := table.NewCSV(table.GenerationsColumns())
	g.Add(table.Cell{I: 0}, table.Cell{F: math.Inf(1)}, table.Cell{F: 1}, table.Cell{F: 200}, table.Cell{I: 200}, table.Cell{I: 200}, table.Cell{I: 400}, table.Cell{}, table.Cell{I: 1})
	g.Add(table.Cell{I: 1}, table.Cell{F: 2.5}, table.Cell{F: 0.5}, table.Cell{F: 180}, table.Cell{I: 400}, table.Cell{I: 440}, table.Cell{I: 880}, table.Cell{}, table.Cell{I: 1})
	p := table.NewCSV(table.ParametersColumns())
	p.Add(table.Cell{S: "economy.lambda0"}, table.Cell{S: "uniform"}, table.Cell{F: 0.3}, table.Cell{F: 0.6}, table.Cell{F: 0.45}, table.Cell{F: 0.087},
		table.Cell{F: 0.52}, table.Cell{F: 0.05}, table.Cell{F: 0.4}, table.Cell{F: 0.52}, table.Cell{F: 0.59}, table.Cell{F: 0.57}, table.Cell{S: "constrained"})
	p.Add(table.Cell{S: "reform.sigma_shift"}, table.Cell{S: "uniform"}, table.Cell{F: 0}, table.Cell{F: 0.55}, table.Cell{F: 0.275}, table.Cell{F: 0.16},
		table.Cell{F: 0.27}, table.Cell{F: 0.16}, table.Cell{F: 0.04}, table.Cell{F: 0.27}, table.Cell{F: 0.52}, table.Cell{F: 0.99}, table.Cell{S: "not constrained"})
	tg := table.NewCSV(table.TargetsColumns())
	tg.Add(table.Cell{S: "mix"}, table.Cell{S: "baseline"}, table.Cell{I: 0}, table.Cell{I: 24}, table.Cell{F: 0.9}, table.Cell{F: 0.1}, table.Cell{F: 0.7}, table.Cell{F: 1.1},
		table.Cell{F: 0.96}, table.Cell{F: 0.93}, table.Cell{F: 0.98}, table.Cell{F: 0.79}, table.Cell{F: 1.13}, table.Cell{I: 1})
	tg.Add(table.Cell{S: "far"}, table.Cell{S: "baseline"}, table.Cell{I: 0}, table.Cell{I: 24}, table.Cell{F: 10}, table.Cell{F: 1}, table.Cell{F: 0}, table.Cell{F: 3},
		table.Cell{F: 2}, table.Cell{F: 1}, table.Cell{F: 3}, table.Cell{F: 0.5}, table.Cell{F: 4}, table.Cell{I: 0})
	sc := table.NewCSV(table.SelfCheckColumns())
	for i, covered := range []int64{1, 0, 1} {
		sc.Add(table.Cell{I: int64(i)}, table.Cell{S: "economy.lambda0"}, table.Cell{F: 0.4}, table.Cell{F: 0.41}, table.Cell{F: 0.35}, table.Cell{F: 0.47}, table.Cell{F: 0.5}, table.Cell{I: covered})
	}
	for name, c := range map[string]*table.CSV{table.GenerationsCSV: g, table.ParametersCSV: p, table.TargetsCSV: tg, "selfcheck.csv": sc} {
		if err := table.WriteFileAtomic(filepath.Join(dir, name), c.Bytes()); err != nil {
			t.Fatal(err)
		}
	}
	md, err := CalibrationMarkdown(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"2 generations, 1280 runs; the last tolerance 2.5", "| `economy.lambda0` | uniform [0.3, 0.6] | 0.52 | [0.4, 0.59] | 0.57 | constrained |",
		"The figures constrain `economy.lambda0` (constrained) to [0.4, 0.59]", "They cannot constrain `reform.sigma_shift`", "does not reproduce `far`", "| `far` | 10 ± 1 | 2 [1, 3] | [0.5, 4] | **no** |"} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %q:\n%s", want, md)
		}
	}
	sm, err := SelfCheckMarkdown(filepath.Join(dir, "selfcheck.csv"))
	if err != nil || !strings.Contains(sm, "| `economy.lambda0` | 2 of 3 cases | 0.50 |") {
		t.Errorf("self-check: %v\n%s", err, sm)
	}
	if _, err := CalibrationMarkdown(t.TempDir()); err == nil {
		t.Error("Markdown of an empty directory")
	}
}
