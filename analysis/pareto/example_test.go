package pareto_test

import (
	"fmt"
	"slices"

	"github.com/govsim/govsim/analysis/pareto"
)

// The ask/tell loop on Schaffer's problem: minimise x² and (x − 2)² over
// x in [−10, 10]. Its front is x in [0, 2]; the hypervolume of the true
// front with reference point (4, 4) is 16 − ∫₀⁴ (2 − √f1)² df1 = 16 − 8/3.
func Example() {
	vars := []pareto.Var{pareto.Real("x", -10, 10)}
	evaluate := func(xs [][]float64) []pareto.Evaluated {
		out := make([]pareto.Evaluated, len(xs))
		for i, x := range xs { // in govsim: one simulation run each
			out[i] = pareto.Evaluated{X: x, F: []float64{x[0] * x[0], (x[0] - 2) * (x[0] - 2)}}
		}
		return out
	}
	const n, seed = 40, 1
	first, err := pareto.Initial(vars, n, seed)
	if err != nil {
		fmt.Println(err)
		return
	}
	all := evaluate(first)
	parents := all
	for g := 1; g <= 30; g++ {
		kids, err := pareto.Offspring(vars, parents, g, seed, pareto.Options{})
		if err != nil {
			fmt.Println(err)
			return
		}
		evaluated := evaluate(kids)
		all = append(all, evaluated...)
		if parents, err = pareto.Select(slices.Concat(parents, evaluated), n); err != nil {
			fmt.Println(err)
			return
		}
	}
	front, err := pareto.Front(all)
	if err != nil {
		fmt.Println(err)
		return
	}
	var pts [][]float64
	for _, e := range front {
		pts = append(pts, e.F)
	}
	fmt.Printf("%d evaluations, %d on the front\n", len(all), len(front))
	fmt.Printf("hypervolume %.3f of %.3f\n", pareto.Hypervolume(pts, []float64{4, 4}), 16-8.0/3)
	// Output:
	// 1240 evaluations, 655 on the front
	// hypervolume 13.317 of 13.333
}

func ExampleHypervolume() {
	front := [][]float64{{1, 3}, {2, 2}, {3, 1}, {3, 3}} // (3, 3) is dominated
	fmt.Println(pareto.Hypervolume(front, []float64{4, 4}))
	// Output:
	// 6
}

func ExampleFront() {
	all := []pareto.Evaluated{
		{X: []float64{1}, F: []float64{1, 3}},
		{X: []float64{2}, F: []float64{2, 2}},
		{X: []float64{3}, F: []float64{3, 3}},                 // dominated by x = 2
		{X: []float64{4}, F: []float64{0, 0}, Violation: 0.5}, // infeasible
	}
	front, err := pareto.Front(all)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range front {
		fmt.Println(e.X, e.F)
	}
	// Output:
	// [1] [1 3]
	// [2] [2 2]
}
