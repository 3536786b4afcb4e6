package pareto

import (
	"math"
	"slices"
	"testing"
)

// dtlz2 is DTLZ2 with three objectives and 12 variables (Deb, Thiele,
// Laumanns & Zitzler 2005), whose front is the unit sphere's positive
// octant: a population late in a search is mostly one front, as in govsim.
func dtlz2() problem {
	vars := make([]Var, 12)
	for i := range vars {
		vars[i] = Real("x", 0, 1)
	}
	return problem{vars, func(x []float64) Evaluated {
		var g float64
		for _, v := range x[2:] {
			g += (v - 0.5) * (v - 0.5)
		}
		a, b := x[0]*math.Pi/2, x[1]*math.Pi/2
		return Evaluated{X: x, F: []float64{
			(1 + g) * math.Cos(a) * math.Cos(b),
			(1 + g) * math.Cos(a) * math.Sin(b),
			(1 + g) * math.Sin(a),
		}}
	}}
}

// generation returns the parents of generation 51 of a DTLZ2 search with
// population 100 and their evaluated children.
func generation(b *testing.B) (vars []Var, parents, merged []Evaluated) {
	p := dtlz2()
	pops, _ := search(b, p, 100, 50, 1, nil)
	parents = pops[len(pops)-1]
	kids, err := Offspring(p.vars, parents, 51, 1, Options{})
	if err != nil {
		b.Fatal(err)
	}
	merged = slices.Clone(parents)
	for _, x := range kids {
		merged = append(merged, p.eval(x))
	}
	return p.vars, parents, merged
}

// BenchmarkSelect is one generation's sort and survival: 100 parents and
// 100 children, three objectives, down to 100.
func BenchmarkSelect(b *testing.B) {
	_, _, merged := generation(b)
	fr, _ := Sort(merged)
	b.Logf("%d in the first front of %d", len(fr[0]), len(merged))
	b.ResetTimer()
	for b.Loop() {
		if _, err := Select(merged, 100); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOffspring is one generation's proposals: ranking 100 parents
// (three objectives), tournaments, crossover and mutation of 12 variables.
func BenchmarkOffspring(b *testing.B) {
	vars, parents, _ := generation(b)
	for b.Loop() {
		if _, err := Offspring(vars, parents, 51, 1, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHypervolume3 measures a front of 100 points in three
// objectives.
func BenchmarkHypervolume3(b *testing.B) {
	_, parents, _ := generation(b)
	front, _ := Front(parents)
	pts := objectives(front)
	b.Logf("%d points", len(pts))
	b.ResetTimer()
	for b.Loop() {
		Hypervolume(pts, []float64{1.1, 1.1, 1.1})
	}
}
