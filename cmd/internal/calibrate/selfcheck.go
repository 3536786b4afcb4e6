package calibrate

import (
	"context"
	"fmt"
	"math"

	"github.com/govsim/govsim/analysis"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/experiment"
	"github.com/govsim/govsim/sim/table"
)

// Observe makes a calibration's observed figures with the model itself, at
// known parameter values truth (in the priors' order): the self-check of
// a calibration method, whose posterior must then cover truth (a simulation
// -based check of calibration in the sense of Cook, Gelman & Rubin 2006 and
// Talts et al. 2018: a 90% credible interval should hold the value that
// made the data about 90% of the time, ABC's tolerance making it wider).
//
// Each target's observed value is one run's summary at truth (one
// realisation, as the world gives one), and its tolerance the standard
// deviation of the summary over replicates further runs there (the noise
// one observation carries), or a millionth of the value's size when the
// summary does not vary. The runs take seeds from seed, apart from the
// calibration's own. cal must be built (Build) and is changed in place.
func Observe(ctx context.Context, cal *scenarios.Calibration, truth []float64, replicates int, seed uint64, workers int) error {
	if len(truth) != len(cal.Params) || replicates < 2 {
		return fmt.Errorf("calibrate: %d true values for %d parameters, %d replicates (at least 2)", len(truth), len(cal.Params), replicates)
	}
	scs := scenarios.Experiment(cal.Scenarios)
	for i := range scs {
		if err := experiment.SetPoint(&scs[i].Config, cal.Params, truth); err != nil {
			return fmt.Errorf("calibrate: the true values do not fit scenario %s: %w", scs[i].Name, err)
		}
	}
	metrics := sim.DistrictMetrics()
	ts, err := analysis.NewTargets(cal.Targets, metrics)
	if err != nil {
		return err
	}
	n := replicates + 1
	sums := make([][]float64, len(cal.Targets)) // per target, per replicate
	for k := range sums {
		sums[k] = make([]float64, n)
	}
	_, err = experiment.Run(ctx, experiment.Ensemble(scs, 0, n, seed), experiment.Options{Workers: workers},
		experiment.Recorder{
			New: func(s *experiment.Spec) sim.Observer {
				return table.NewSweepRecorder(len(metrics), s.Config.Months, s.Config.Months, true)
			},
			Done: func(s *experiment.Spec, o sim.Observer) error {
				p := o.(*table.SweepRecorder).Part(s.ID, 0, s.Index, s.Replicate, s.Seed)
				for k, t := range cal.Targets {
					if t.Scenario == s.Scenario {
						sums[k][s.Replicate] = ts.Of(k, p.Monthly)
					}
				}
				return nil
			},
		})
	if err != nil {
		return err
	}
	for k := range cal.Targets {
		obs, rest := sums[k][0], sums[k][1:]
		mean := 0.0
		for _, x := range rest {
			mean += x
		}
		mean /= float64(len(rest))
		ss := 0.0
		for _, x := range rest {
			ss += (x - mean) * (x - mean)
		}
		sd := math.Sqrt(ss / float64(len(rest)-1))
		if math.IsNaN(obs) || math.IsNaN(sd) {
			return fmt.Errorf("calibrate: target %s is not defined at the true values", cal.Targets[k].Name)
		}
		cal.Targets[k].Observed = obs
		cal.Targets[k].Tolerance = math.Max(sd, 1e-6*math.Max(math.Abs(mean), 1e-12))
	}
	return nil
}
