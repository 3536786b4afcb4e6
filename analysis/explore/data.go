package explore

import (
	"fmt"
	"math"
	"slices"

	"github.com/govsim/govsim/sim/table"
)

// Data holds what the analysis reads of an exploratory design's runs: for
// each scenario, metric, design point and replicate, the metric's mean over
// the run's final window (a sweep's results table).
type Data struct {
	scenarios []string
	metrics   []string
	points    int
	reps      int
	v         []float64 // [scenario][metric][point][replicate], NaN until added
}

// NewData prepares for the runs of scenarios × points × replicates, keeping
// only the metrics named (the others' rows are skipped by Add).
func NewData(scenarios, metrics []string, points, replicates int) *Data {
	n := len(scenarios) * len(metrics) * points * replicates
	v := make([]float64, n)
	for i := range v {
		v[i] = math.NaN()
	}
	return &Data{scenarios: slices.Clone(scenarios), metrics: slices.Clone(metrics), points: points, reps: replicates, v: v}
}

func (d *Data) at(s, m, p, r int) int {
	return ((s*len(d.metrics)+m)*d.points+p)*d.reps + r
}

// Add records one row of a sweep's results table; rows of other metrics
// are skipped. A row outside the design (a scenario, point or replicate it
// does not have) is an error.
func (d *Data) Add(row table.ResultRow) error {
	m := slices.Index(d.metrics, row.Metric)
	if m < 0 {
		return nil
	}
	s := slices.Index(d.scenarios, row.Scenario)
	if s < 0 || row.Point < 0 || row.Point >= d.points || row.Replicate < 0 || row.Replicate >= d.reps {
		return fmt.Errorf("explore: run %d (scenario %q, point %d, replicate %d) is not in the design of %d points × %d replicates of %v",
			row.RunID, row.Scenario, row.Point, row.Replicate, d.points, d.reps, d.scenarios)
	}
	d.v[d.at(s, m, row.Point, row.Replicate)] = row.Value
	return nil
}

// Set records one value directly (for tests and callers without a table).
func (d *Data) Set(scenario, metric string, point, replicate int, value float64) error {
	return d.Add(table.ResultRow{Scenario: scenario, Metric: metric, Point: point, Replicate: replicate, Value: value, RunID: -1})
}

// value is the recorded value, NaN when absent or when the names are not
// the design's.
func (d *Data) value(scenario, metric string, point, replicate int) float64 {
	s, m := slices.Index(d.scenarios, scenario), slices.Index(d.metrics, metric)
	if s < 0 || m < 0 {
		return math.NaN()
	}
	return d.v[d.at(s, m, point, replicate)]
}

// means gives, for one metric, each scenario's mean over the replicates at
// each point, using at a point only the replicates where every scenario
// has a finite value, so that scenarios are compared on the same runs
// (their common seeds). A point with no such replicate is NaN for every
// scenario, and kept is false there.
func (d *Data) means(metric string) (means [][]float64, kept []bool) {
	m := slices.Index(d.metrics, metric)
	ns := len(d.scenarios)
	means = make([][]float64, ns)
	for s := range means {
		means[s] = make([]float64, d.points)
	}
	kept = make([]bool, d.points)
	for p := range d.points {
		used := 0
		sums := make([]float64, ns)
		for r := range d.reps {
			complete := m >= 0
			for s := 0; s < ns && complete; s++ {
				v := d.v[d.at(s, m, p, r)]
				complete = !math.IsNaN(v) && !math.IsInf(v, 0)
			}
			if !complete {
				continue
			}
			used++
			for s := range ns {
				sums[s] += d.v[d.at(s, m, p, r)]
			}
		}
		kept[p] = used > 0
		for s := range ns {
			means[s][p] = math.NaN()
			if used > 0 {
				means[s][p] = sums[s] / float64(used)
			}
		}
	}
	return means, kept
}
