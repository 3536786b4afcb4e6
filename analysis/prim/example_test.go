package prim_test

import (
	"fmt"

	"github.com/govsim/govsim/analysis/prim"
)

func ExampleFind() {
	// 400 design points over three parameters: a 20 × 20 grid on the first
	// two, the third scrambled across it. The package fails (the case of
	// interest) where the first parameter is at least 0.6 and the second
	// at most 0.5; the third does not matter.
	var x [][]float64
	var fails []bool
	for i := range 20 {
		for j := range 20 {
			p := []float64{(float64(i) + 0.5) / 20, (float64(j) + 0.5) / 20, (float64((7*i+3*j)%20) + 0.5) / 20}
			x = append(x, p)
			fails = append(fails, p[0] >= 0.6 && p[1] <= 0.5)
		}
	}
	names := []string{"subsidy", "trust", "noise"}
	initial := []prim.Range{{0, 1}, {0, 1}, {0, 1}}
	res, err := prim.Find(x, fails, initial, prim.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	// The limits fall midway between grid points (0.575 | 0.625 and
	// 0.475 | 0.525). Without the subsidy limit the rate would be 80 of
	// 200 points, and 80 cases in 80 points at that rate has probability
	// 0.4⁸⁰; without the trust limit, 0.5⁸⁰.
	b := res.Box
	fmt.Printf("coverage %.2f, density %.2f, mass %.2f\n", b.Coverage, b.Density, b.Mass)
	for _, j := range b.Dims() {
		switch b.Restricted[j] {
		case prim.AtLeast:
			fmt.Printf("%s at least %.3f (quasi-p %.1e)\n", names[j], b.Low[j], b.QuasiP[j])
		case prim.AtMost:
			fmt.Printf("%s at most %.3f (quasi-p %.1e)\n", names[j], b.High[j], b.QuasiP[j])
		case prim.Between:
			fmt.Printf("%s between %.3f and %.3f (quasi-p %.1e)\n", names[j], b.Low[j], b.High[j], b.QuasiP[j])
		}
	}
	// Output:
	// coverage 1.00, density 1.00, mass 0.20
	// subsidy at least 0.600 (quasi-p 1.5e-32)
	// trust at most 0.500 (quasi-p 8.3e-25)
}
