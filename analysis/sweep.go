package analysis

import (
	"fmt"
	"math"

	"github.com/govsim/govsim/sim/table"
)

// PointMeans holds, for each scenario and metric, the mean over replicates
// of a sweep's per-run results at each design point.
type PointMeans map[string]map[string][]float64

// Results averages a sweep's per-run results over replicates per design
// point; Add takes its rows (from table.ReadResults, say).
type Results struct {
	points   int
	sum, cnt map[string]map[string][]float64
}

// NewResults prepares the means of a sweep with the given design points.
func NewResults(points int) *Results {
	return &Results{points: points, sum: map[string]map[string][]float64{}, cnt: map[string]map[string][]float64{}}
}

// Add records one run's result.
func (r *Results) Add(row table.ResultRow) error {
	if row.Point < 0 || row.Point >= r.points {
		return fmt.Errorf("run %d: point %d is outside the sweep's %d points", row.RunID, row.Point, r.points)
	}
	sc, m := row.Scenario, row.Metric
	if r.sum[sc] == nil {
		r.sum[sc], r.cnt[sc] = map[string][]float64{}, map[string][]float64{}
	}
	if r.sum[sc][m] == nil {
		r.sum[sc][m], r.cnt[sc][m] = make([]float64, r.points), make([]float64, r.points)
	}
	if !math.IsNaN(row.Value) {
		r.sum[sc][m][row.Point] += row.Value
		r.cnt[sc][m][row.Point]++
	}
	return nil
}

// Means returns the mean of each metric at each point; points with no
// result are NaN.
func (r *Results) Means() PointMeans {
	out := PointMeans{}
	for sc, ms := range r.sum {
		out[sc] = map[string][]float64{}
		for m, xs := range ms {
			y := make([]float64, r.points)
			for i := range y {
				y[i] = math.NaN()
				if c := r.cnt[sc][m][i]; c > 0 {
					y[i] = xs[i] / c
				}
			}
			out[sc][m] = y
		}
	}
	return out
}
