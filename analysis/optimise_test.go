package analysis

import (
	"math"
	"testing"

	"github.com/govsim/govsim/sim/table"
)

// TestScore: objectives are minimised (a maximised one negated), each
// constraint's excess counts relative to its limit, and a measure never
// defined makes the candidate infeasible.
func TestScore(t *testing.T) {
	objs := []table.Objective{{Goal: table.Maximise}, {Goal: table.Minimise}}
	cons := []table.Constraint{{Bound: table.Maximise, Limit: 200}, {Bound: table.Minimise, Limit: 0}}
	nan := math.NaN()
	for _, c := range []struct {
		name  string
		means []float64
		f     []float64
		v     float64
	}{
		{"feasible", []float64{0.6, 150, 180, 0.5}, []float64{-0.6, 150}, 0},
		{"10% over budget", []float64{0.6, 220, 220, 0.5}, []float64{-0.6, 220}, 0.1},
		{"below a zero minimum", []float64{0.6, 220, 100, -0.25}, []float64{-0.6, 220}, 0.25},
		{"both", []float64{0.6, 220, 300, -0.5}, []float64{-0.6, 220}, 1},
		{"objective undefined", []float64{nan, 220, 100, 0.5}, []float64{0, 220}, 1},
		{"constraint undefined", []float64{0.6, 220, nan, 0.5}, []float64{-0.6, 220}, 1},
	} {
		f, v := Score(c.means, objs, cons)
		if f[0] != c.f[0] || f[1] != c.f[1] || math.Abs(v-c.v) > 1e-12 {
			t.Errorf("%s: f %v, violation %v; want %v, %v", c.name, f, v, c.f, c.v)
		}
	}
}

// TestOutcomes: the mean and a t interval over replicates; one replicate
// has no interval.
func TestOutcomes(t *testing.T) {
	o := Outcomes([][]float64{{1, 3}, {2}})
	// t(0.975, 1) = 12.706; SD of {1, 3} is √2; half-width 12.706·√2/√2.
	if o[0].Mean != 2 || math.Abs(o[0].HalfWidth-12.7062) > 1e-3 || math.Abs(o[0].Low-(2-o[0].HalfWidth)) > 1e-12 {
		t.Errorf("two replicates: %+v", o[0])
	}
	if o[1].Mean != 2 || !math.IsNaN(o[1].HalfWidth) || !math.IsNaN(o[1].Low) {
		t.Errorf("one replicate: %+v", o[1])
	}
}
