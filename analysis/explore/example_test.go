package explore_test

import (
	"fmt"

	"github.com/govsim/govsim/analysis/explore"
	"github.com/govsim/govsim/analysis/prim"
)

// A reform package that helps unless the parameter "cost" is high: at 40
// points of a one-parameter design it beats the reference at 30, and PRIM
// puts its failures above cost ≈ 0.75.
func ExampleAnalyse() {
	d := explore.Design{Params: []string{"cost"}, Ranges: []prim.Range{{Low: 0, High: 1}}}
	data := explore.NewData([]string{"none", "reform"}, []string{"welfare"}, 40, 1)
	for p := range 40 {
		cost := (float64(p) + 0.5) / 40
		d.Points = append(d.Points, []float64{cost})
		data.Set("none", "welfare", p, 0, 1)
		data.Set("reform", "welfare", p, 0, 1.75-cost)
	}
	res, err := explore.Analyse(d, data, explore.Options{Reference: "none", Metrics: []explore.Metric{{Name: "welfare", HigherBetter: true}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	r := res.Robustness[0]
	fmt.Printf("%s beats %s at %.0f%% of the points [%.2f, %.2f]\n", r.Scenario, res.Reference, 100*r.PBetter, r.PBetterLow, r.PBetterHigh)
	b := res.Discoveries[0].Box.Box
	fmt.Printf("it fails where cost ≥ %.3f: coverage %.2f, density %.2f\n", b.Low[0], b.Coverage, b.Density)
	// Output:
	// reform beats none at 75% of the points [0.60, 0.86]
	// it fails where cost ≥ 0.750: coverage 1.00, density 1.00
}
