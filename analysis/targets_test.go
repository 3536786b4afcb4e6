package analysis

import (
	"fmt"
	"math"
	"testing"

	"github.com/govsim/govsim/sim/table"
)

func TestTargets(t *testing.T) {
	nan := math.NaN()
	// Three metrics over four months: a monthly, b only in months 1 and 3
	// (an election metric, say), c monthly.
	monthly := []float64{
		1, nan, 10,
		2, 5, 20,
		3, nan, 30,
		4, 7, 40,
	}
	metrics := []string{"a", "b", "c"}
	for _, c := range []struct {
		t    table.Target
		want float64
	}{
		{table.Target{Metrics: []string{"a"}, From: 0, To: 4, Scale: 1}, 2.5},
		{table.Target{Metrics: []string{"a"}, From: 2, To: 3, Scale: 1}, 3},
		{table.Target{Metrics: []string{"a"}, From: 1, To: 3, Scale: 10}, 25},
		{table.Target{Metrics: []string{"b"}, From: 0, To: 4, Scale: 1}, 6},                                 // months where b is defined
		{table.Target{Metrics: []string{"a", "b"}, From: 0, To: 4, Scale: 1}, 9},                            // (2+5 + 4+7) / 2
		{table.Target{Metrics: []string{"a"}, Per: []string{"c"}, From: 0, To: 4, Scale: 1}, 10.0 / 100},    // ratio of sums
		{table.Target{Metrics: []string{"a"}, Per: []string{"a", "c"}, From: 0, To: 2, Scale: 1}, 3.0 / 33}, // sum in the denominator
		{table.Target{Metrics: []string{"c"}, Per: []string{"b"}, From: 0, To: 4, Scale: 1}, 60.0 / 12},     // only months with b
		{table.Target{Metrics: []string{"b"}, From: 0, To: 1, Scale: 1}, nan},                               // never defined
		{table.Target{Metrics: []string{"a"}, From: 4, To: 6, Scale: 1}, nan},                               // beyond the run
		{table.Target{Metrics: []string{"a"}, From: 3, To: 9, Scale: 1}, 4},                                 // cut at the run's end
	} {
		t.Run(fmt.Sprintf("%s %s", c.t.Formula(), c.t.Window()), func(t *testing.T) {
			ts, err := NewTargets([]table.Target{c.t}, metrics)
			if err != nil {
				t.Fatal(err)
			}
			got := ts.Of(0, monthly)
			if !(got == c.want || math.IsNaN(got) && math.IsNaN(c.want)) && math.Abs(got-c.want) > 1e-12 {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
	if _, err := NewTargets([]table.Target{{Name: "x", Metrics: []string{"a"}, Per: []string{"z"}}}, metrics); err == nil {
		t.Error("a target of an unknown metric")
	}
}
