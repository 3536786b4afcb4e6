package calibrate

import (
	"context"
	"math"
	"testing"

	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/experiment"
	"github.com/govsim/govsim/sim/table"
)

// TestTrimmedRunsAgree: a run cut at month 13 has the values of a longer
// run's first 13 months bit for bit, which is why a calibration may run
// each scenario only as long as its targets need.
func TestTrimmedRunsAgree(t *testing.T) {
	metrics := len(sim.DistrictMetrics())
	monthly := func(name string, months int) []float64 {
		sc, err := scenarios.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		sc.Config.Months, sc.Config.District.Villages = months, 8
		var out []float64
		_, err = experiment.Run(context.Background(), experiment.Ensemble([]experiment.Scenario{sc.Scenario}, 0, 1, 9), experiment.Options{},
			experiment.Recorder{
				New: func(s *experiment.Spec) sim.Observer { return table.NewSweepRecorder(metrics, months, months, true) },
				Done: func(s *experiment.Spec, o sim.Observer) error {
					out = o.(*table.SweepRecorder).Part(0, 0, 0, 0, 0).Monthly
					return nil
				},
			})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, name := range []string{"baseline", "cungaiju", "nanhai"} {
		short, long := monthly(name, 13), monthly(name, 40)
		for i, x := range short {
			if y := long[i]; math.Float64bits(x) != math.Float64bits(y) && !(math.IsNaN(x) && math.IsNaN(y)) {
				t.Fatalf("%s: month %d, metric %s: %v in a 13-month run, %v in a 40-month one", name, i/metrics, sim.DistrictMetrics()[i%metrics], x, y)
			}
		}
	}
}
