package analysis_test

import (
	"fmt"

	"github.com/govsim/govsim/analysis"
)

// Two outputs of one design of 12 points over two parameters: the first
// rises with a and falls with b, the second rises with b alone (not
// linearly, and with noise). PRCC measures each monotone relation with the
// other parameter's held fixed; with 12 points, noise alone gives a a
// partial correlation of 0.2 with the second.
func ExamplePRCCs() {
	var x [][]float64
	var up, bOnly []float64
	for j := range 12 {
		a, b := float64(j), float64((j*5)%12)
		x = append(x, []float64{a, b})
		up = append(up, 3*a-b+float64(j%3))
		bOnly = append(bOnly, b*b+20*float64(j%3))
	}
	idx, err := analysis.PRCCs(x, [][]float64{up, bOnly}, 0, 0.95, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	for o, name := range []string{"up", "b only"} {
		fmt.Printf("%s: a %+.2f, b %+.2f\n", name, idx[o][0].PRCC, idx[o][1].PRCC)
	}
	// Output:
	// up: a +1.00, b -0.98
	// b only: a +0.22, b +0.88
}
