package design_test

import (
	"fmt"
	"strings"

	"github.com/govsim/govsim/scenarios/design"
)

func ExampleGrid() {
	d, err := design.Grid([]design.Factor{
		{Key: "economy.lambda0", Min: 0.5, Max: 1.5, Levels: 2},
		{Key: "policy.tax", Values: []float64{0.1, 0.2, 0.3}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Runs(), "runs")
	for _, p := range d.Points {
		fmt.Println(p.Index, p.Values)
	}
	// Output:
	// 6 runs
	// 0 [0.5 0.1]
	// 1 [0.5 0.2]
	// 2 [0.5 0.3]
	// 3 [1.5 0.1]
	// 4 [1.5 0.2]
	// 5 [1.5 0.3]
}

func ExampleFromCSV() {
	in := `policy.tax,economy.lambda0
0.1,1
0.3,2.5
`
	_, err := design.FromCSV(strings.NewReader(in), "runs.csv", []design.Factor{
		{Key: "economy.lambda0", Min: 0, Max: 2},
		{Key: "policy.tax", Min: 0, Max: 1},
	})
	fmt.Println(err)
	// Output:
	// runs.csv:3: column 2 (economy.lambda0): 2.5 is outside the allowed range [0, 2]
}

func ExampleMorris() {
	f := []design.Factor{
		{Key: "a", Min: 0, Max: 1},
		{Key: "b", Min: 0, Max: 1},
		{Key: "c", Dist: "int", Min: 1, Max: 4},
	}
	d, err := design.Morris(f, 10, 4, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Runs(), "runs in", d.Groups, "trajectories of", len(f)+1, "points")
	// Output:
	// 40 runs in 10 trajectories of 4 points
}

func ExampleSaltelli() {
	f := []design.Factor{
		{Key: "a", Min: 0, Max: 1},
		{Key: "b", Dist: "loguniform", Min: 0.01, Max: 1},
	}
	d, err := design.Saltelli(f, 100, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	// Per base row: A, B, AB^0 (A with a from B), AB^1 (A with b from B).
	row := d.Points[:4]
	fmt.Println(d.Runs(), d.Groups)
	fmt.Println(row[2].Values[0] == row[1].Values[0], row[2].Values[1] == row[0].Values[1])
	// Output:
	// 400 100
	// true true
}

func ExampleLHS() {
	_, err := design.LHS([]design.Factor{{Key: "policy.tax", Values: []float64{0.1, 0.2}}}, 10, 1)
	fmt.Println(err)
	// Output:
	// lhs: factor "policy.tax": a list of Values is not allowed here; this design samples ranges, so give Min and Max (and Dist) instead
}
