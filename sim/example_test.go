package sim_test

import (
	"fmt"

	"github.com/govsim/govsim/sim"
)

// trust records trust in the committee each month.
type trust struct{ byMonth []float64 }

func (t *trust) District(month int, v []float64) error {
	t.byMonth = append(t.byMonth, v[sim.Trust])
	return nil
}
func (t *trust) Village(int, int, []float64) error { return nil }

// Build a small district, step it a year at a time, and read a metric by
// its name in the metric table.
func Example() {
	c := sim.Default() // every parameter at its default
	c.Months = 36
	c.District.Villages, c.District.Scale = 10, 100 // 10 villages, one agent per 100 people
	c.Reforms = []sim.ReformSpec{sim.Reform(sim.KindZhengjing, 12, "all")}

	m, err := sim.New(c, 1, 0, nil) // seed 1, replicate 0
	if err != nil {
		fmt.Println(err)
		return
	}
	obs := &trust{}
	r := m.Start(sim.Options{Workers: 1})
	defer r.Close()
	for !r.Done() {
		if err := r.Step(obs); err != nil {
			fmt.Println(err)
			return
		}
	}
	metric := sim.MetricOf(sim.Trust)
	fmt.Printf("%s (%s, %s): %d monthly values, each in [0, 1]: %v\n",
		metric.Name, metric.LabelZH, metric.Better, len(obs.byMonth), inUnit(obs.byMonth))
	// Output:
	// trust_committee (对两委的信任, higher is better): 36 monthly values, each in [0, 1]: true
}

func inUnit(xs []float64) bool {
	for _, x := range xs {
		if !(x >= 0 && x <= 1) {
			return false
		}
	}
	return true
}

// Look up a parameter by its scenario-file key and set it, checked against
// its range.
func ExampleLookup() {
	c := sim.Default()
	p, _ := sim.Lookup("election.price")
	fmt.Println(p.Key, p.Unit, p.Range(), p.Format(&c))
	fmt.Println(p.Set(&c, 3000.0), c.Election.Price)
	fmt.Println(p.Set(&c, -1.0))
	// Output:
	// election.price yuan/vote [0, 1e+06] 2000.0
	// <nil> 3000
	// election.price = -1 is out of range: allowed [0, 1e+06]
}
