package experiment_test

import (
	"context"
	"fmt"

	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/experiment"
)

// final keeps a run's last district values.
type final struct{ v []float64 }

func (f *final) District(_ int, v []float64) error { f.v = append(f.v[:0], v...); return nil }
func (f *final) Village(int, int, []float64) error { return nil }

// An ensemble: two scenarios, three replicates each, on common random
// numbers (replicate r of both starts from the same state and draws the
// same luck), so each replicate is a paired comparison of final trust in
// the committee.
func ExampleRun() {
	base := sim.Default()
	base.Name, base.Months = "baseline", 60
	base.District.Villages, base.District.Scale = 8, 100
	reform := base
	reform.Name = "zhengshe"
	reform.Reforms = []sim.ReformSpec{sim.Reform(sim.KindZhengshe, 6, "all")}

	specs := experiment.Ensemble([]experiment.Scenario{{Name: "baseline", Config: base}, {Name: "zhengshe", Config: reform}}, 0, 3, 1)
	trust := map[string][]float64{}
	st, err := experiment.Run(context.Background(), specs, experiment.Options{Ordered: true}, experiment.Recorder{
		New: func(*experiment.Spec) sim.Observer { return &final{} },
		Done: func(s *experiment.Spec, o sim.Observer) error {
			trust[s.Scenario] = append(trust[s.Scenario], o.(*final).v[sim.Trust])
			return nil
		},
	})
	higher := 0
	for r := range trust["baseline"] {
		if trust["zhengshe"][r] > trust["baseline"][r] {
			higher++
		}
	}
	fmt.Printf("%d runs, error %v; trust higher under 政社分离 in %d of 3 paired replicates\n", st.Runs, err, higher)
	// Output:
	// 6 runs, error <nil>; trust higher under 政社分离 in 3 of 3 paired replicates
}

// A sweep: one parameter at two values, two replicates each; run ids are
// point-major and every run's seed follows from the master seed alone.
func ExampleSweep() {
	c := sim.Default()
	c.Months = 12
	p, _ := sim.Lookup("election.price")
	specs := experiment.Sweep([]experiment.Scenario{{Name: "baseline", Config: c}}, []sim.Param{p}, [][]float64{{1000}, {5000}}, 2, 7, experiment.SeedsCommon)
	for i := 0; i < specs.Len(); i++ {
		s, _ := specs.At(i)
		fmt.Printf("run %d: point %d, replicate %d, seed %d, price %g\n", s.ID, s.Point, s.Replicate, s.Seed, s.Config.Election.Price)
	}
	// Output:
	// run 0: point 0, replicate 0, seed 7, price 1000
	// run 1: point 0, replicate 1, seed 7, price 1000
	// run 2: point 1, replicate 0, seed 7, price 5000
	// run 3: point 1, replicate 1, seed 7, price 5000
}
