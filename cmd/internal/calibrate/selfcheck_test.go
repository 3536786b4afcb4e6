package calibrate

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/govsim/govsim/analysis/abc"
	"github.com/govsim/govsim/cmd/internal/drive"
	"github.com/govsim/govsim/output/report"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/scenarios/design"
	"github.com/govsim/govsim/sim/table"
	"github.com/govsim/govsim/sim/version"
)

var (
	full   = flag.Bool("full", false, "run the full-size self-calibration (make calibrate-check: about half an hour)")
	update = flag.Bool("update", false, "with -full, write its result to docs/calibration/selfcheck.csv, which docs/ODD.md shows")
)

// selfFile is the self-calibration: three parameters of three mechanisms
// (leakage of collective income, the integration of migrants, the cost of
// services), each with a target that bears on it, in a baseline district;
// the observed values and tolerances are the model's own (Observe).
const selfFile = `name = "self-calibration"
scenario = "baseline"
set = [%q]

[[target]]
name = "leakage"
metric = "leakage_share"
from = 0
to = 48
observed = 0.0
tolerance = 1.0

[[target]]
name = "dividend_per_share"
metric = "dividend_per_share"
from = 12
to = 48
observed = 0.0
tolerance = 1.0

[[target]]
name = "integration"
metric = "integration"
from = 0
to = 48
observed = 0.0
tolerance = 1.0

[[target]]
name = "service_quality"
metric = "service_quality"
from = 0
to = 48
observed = 0.0
tolerance = 1.0

[[prior]]
key = "economy.lambda0"

[[prior]]
key = "opinion.integration_rate"

[[prior]]
key = "services.unit_cost"
`

// selfCase is one self-calibration: the true values and what the
// posterior says of them.
type selfCase struct {
	truth  []float64
	params []abc.ParamSummary
}

// selfCalibrate makes the observed figures at truth and calibrates to them
// in dir.
func selfCalibrate(t *testing.T, dir, set string, truth []float64, particles, generations int, seed uint64) selfCase {
	t.Helper()
	cal, err := scenarios.ParseCalibration("self.toml", []byte(fmt.Sprintf(selfFile, set)), "")
	if err != nil {
		t.Fatal(err)
	}
	cal.Particles, cal.Generations, cal.Seed = particles, generations, seed
	if err := cal.Build(); err != nil {
		t.Fatal(err)
	}
	if err := Observe(context.Background(), cal, truth, 10, seed+1_000_003, 0); err != nil {
		t.Fatal(err)
	}
	e := drive.Env{Stdout: io.Discard, Stderr: io.Discard, Args: []string{"govsim", "calibrate"}, Build: version.Info{Version: "test"}}
	if testing.Verbose() {
		e.Stderr = os.Stderr
	}
	if err := Run(context.Background(), Options{E: e, Cal: cal, Out: dir, Format: table.FormatCSV, Font: report.ChartFont{}}); err != nil {
		t.Fatal(err)
	}
	r, err := report.ReadCalibration(dir)
	if err != nil {
		t.Fatal(err)
	}
	return selfCase{truth: truth, params: r.Final.Params}
}

// TestSelfCalibration: the observed figures made by the model at known
// values of three parameters, a small district and population; each
// posterior 90% interval must hold the true value, and the figures must
// constrain at least two of the three (else covering them would be no
// test: the prior covers them too).
func TestSelfCalibration(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a calibration of about 1,000 runs")
	}
	dir := t.TempDir()
	if d := os.Getenv("GOVSIM_SELFCHECK_DIR"); d != "" {
		dir = d // keep the calibration to look at
	}
	c := selfCalibrate(t, dir, "district.villages=12", []float64{0.39, 0.0212, 880}, 60, 4, 11)
	constrained := 0
	for k, p := range c.params {
		t.Logf("%s: true %.4g, posterior %.4g [%.4g, %.4g], SD ratio %.2f", p.Name, c.truth[k], p.Mean, p.Q05, p.Q95, p.SDRatio)
		if !(p.Q05 <= c.truth[k] && c.truth[k] <= p.Q95) {
			t.Errorf("%s: the 90%% interval [%.4g, %.4g] misses the true value %.4g", p.Name, p.Q05, p.Q95, c.truth[k])
		}
		if p.SDRatio < report.ConstrainedBelow {
			constrained++
		}
	}
	if constrained < 2 {
		t.Errorf("the figures constrain %d of 3 parameters: coverage tests nothing", constrained)
	}
}

// TestSelfCalibrationFull is the full-size self-calibration (make
// calibrate-check): the teaching district, 200 particles, 5 generations,
// at 10 true points spread over the priors by a Latin hypercube. With
// -update it writes each case's intervals and the coverage to
// docs/calibration/selfcheck.csv, which docs/ODD.md shows (make docs).
func TestSelfCalibrationFull(t *testing.T) {
	if !*full {
		t.Skip("the full-size self-calibration runs with -full (make calibrate-check)")
	}
	const cases = 10
	cal, err := scenarios.ParseCalibration("self.toml", []byte(fmt.Sprintf(selfFile, "district.villages=60")), "")
	if err != nil {
		t.Fatal(err)
	}
	var fs []design.Factor
	for _, p := range cal.Priors {
		fs = append(fs, design.Factor{Key: p.Key, Min: p.Min, Max: p.Max})
	}
	d, err := design.LHS(fs, cases, 2026)
	if err != nil {
		t.Fatal(err)
	}
	out := table.NewCSV(table.SelfCheckColumns())
	covered := make([]int, len(fs))
	for i, pt := range d.Points {
		c := selfCalibrate(t, filepath.Join(t.TempDir(), fmt.Sprint(i)), "district.villages=60", pt.Values, 200, 5, uint64(100+i))
		for k, p := range c.params {
			in := p.Q05 <= c.truth[k] && c.truth[k] <= p.Q95
			if in {
				covered[k]++
			}
			out.Add(table.Cell{I: int64(i)}, table.Cell{S: p.Name}, table.Cell{F: c.truth[k]}, table.Cell{F: p.Mean},
				table.Cell{F: p.Q05}, table.Cell{F: p.Q95}, table.Cell{F: p.SDRatio}, table.Cell{I: b2i(in)})
			t.Logf("case %d %s: true %.4g, posterior %.4g [%.4g, %.4g], SD ratio %.2f, covered %v", i, p.Name, c.truth[k], p.Mean, p.Q05, p.Q95, p.SDRatio, in)
		}
	}
	for k, f := range fs {
		t.Logf("%s: covered in %d of %d cases", f.Key, covered[k], cases)
	}
	path := filepath.Join("..", "..", "..", "docs", "calibration", "selfcheck.csv")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := table.WriteFileAtomic(path, out.Bytes()); err != nil {
			t.Fatal(err)
		}
	} else if old, err := os.ReadFile(path); err != nil || !bytes.Equal(old, out.Bytes()) {
		t.Errorf("%s is stale: run make calibrate-check", path)
	}
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
