package optimise

import (
	"math"
	"testing"

	"github.com/govsim/govsim/analysis/pareto"
	"github.com/govsim/govsim/sim/table"
)

// TestHypervolume: the scaling is generation 0's feasible range (all of
// it when none is feasible), the reference point 1.1 in scaled
// objectives; an infeasible package adds nothing, a package that pushes
// the front out adds volume.
func TestHypervolume(t *testing.T) {
	s := &optimisation{spec: table.OptimisationSpec{Objectives: make([]table.Objective, 2)}}
	gen0 := []pareto.Evaluated{{X: []float64{0}, F: []float64{10, 4}}, {X: []float64{1}, F: []float64{12, 2}}, {X: []float64{2}, F: []float64{50, 50}, Violation: 1}}
	s.setScale(gen0)
	if s.lo[0] != 10 || s.span[0] != 2 || s.lo[1] != 2 || s.span[1] != 2 {
		t.Fatalf("scale lo %v span %v: want generation 0's feasible range", s.lo, s.span)
	}
	s.pkgs = []pkg{{f: []float64{10, 4}}, {f: []float64{12, 2}}, {f: []float64{0, 0}, violation: 0.5}, {f: []float64{11, 3}}}
	// Scaled: (0, 1) and (1, 0) under the reference (1.1, 1.1).
	if got, want := s.hypervolume([]int{0, 1, 2}), 0.21; math.Abs(got-want) > 1e-12 {
		t.Errorf("hypervolume %v, want %v (the infeasible package adds nothing)", got, want)
	}
	if got := s.hypervolume([]int{0, 1, 3}); !(got > 0.21) {
		t.Errorf("hypervolume %v: the package at (0.5, 0.5) adds nothing", got)
	}
	s.setScale(gen0[2:])
	if s.lo[0] != 50 || s.span[0] != 1 {
		t.Errorf("no feasible candidate: scale lo %v span %v, want all of generation 0 (a range of 0 counts as 1)", s.lo, s.span)
	}
	if key([]float64{0, 1}) == key([]float64{math.Copysign(0, -1), 1}) || key([]float64{0.1}) != key([]float64{0.1}) {
		t.Error("key is not the point's bits")
	}
}
