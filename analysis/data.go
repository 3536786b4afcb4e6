package analysis

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/govsim/govsim/sim/table"
)

// Runs holds the district-level rows of a monthly.csv: for every scenario
// and replicate, each metric's value by month (NaN where undefined).
type Runs struct {
	Scenarios []string // in order of first appearance
	Metrics   []string // in order of first appearance
	Months    int      // 1 + the largest month seen

	reps      map[string][]int // scenario → replicates, sorted
	metricSet map[string]bool
	data      map[runKey]map[string][]float64 // (scenario, replicate) → metric → by month
}

type runKey struct {
	scenario  string
	replicate int
}

// NewRuns makes an empty set of runs; Add fills it row by row (from
// table.ReadMonthly, say).
func NewRuns() *Runs {
	return &Runs{reps: map[string][]int{}, data: map[runKey]map[string][]float64{}}
}

// Add records one row of a monthly table. A replicate is added to its
// scenario's sorted list the first time it is seen.
func (d *Runs) Add(r table.MonthlyRow) error {
	if r.Replicate < 0 || r.Month < 0 {
		return fmt.Errorf("run %s/%d, month %d: negative replicate or month", r.Scenario, r.Replicate, r.Month)
	}
	k := runKey{r.Scenario, r.Replicate}
	if _, ok := d.reps[r.Scenario]; !ok {
		d.Scenarios = append(d.Scenarios, r.Scenario)
		d.reps[r.Scenario] = nil
	}
	series, ok := d.data[k]
	if !ok {
		reps := d.reps[r.Scenario]
		i := sort.SearchInts(reps, r.Replicate)
		d.reps[r.Scenario] = slices.Insert(reps, i, r.Replicate)
		series = map[string][]float64{}
		d.data[k] = series
	}
	if !d.HasMetric(r.Metric) {
		d.Metrics = append(d.Metrics, r.Metric)
		if d.metricSet == nil {
			d.metricSet = map[string]bool{}
		}
		d.metricSet[r.Metric] = true
	}
	s := series[r.Metric]
	for len(s) <= r.Month {
		s = append(s, math.NaN())
	}
	s[r.Month] = r.Value
	series[r.Metric] = s
	if r.Month+1 > d.Months {
		d.Months = r.Month + 1
	}
	return nil
}

// Replicates lists a scenario's replicates.
func (d *Runs) Replicates(scenario string) []int { return d.reps[scenario] }

// HasMetric reports whether the metric occurs.
func (d *Runs) HasMetric(metric string) bool { return d.metricSet[metric] }

// Series returns one replicate's monthly values of a metric (NaN where
// undefined), padded to Months.
func (d *Runs) Series(scenario string, replicate int, metric string) []float64 {
	s := d.data[runKey{scenario, replicate}][metric]
	out := make([]float64, d.Months)
	for i := range out {
		out[i] = math.NaN()
		if i < len(s) {
			out[i] = s[i]
		}
	}
	return out
}

// Window returns, per replicate, the mean of a metric over months
// [from, to). A metric never defined in the window (one measured at
// elections, say) takes its last value before the window's end instead, so
// that every replicate contributes one number.
func (d *Runs) Window(scenario, metric string, from, to int) []float64 {
	var out []float64
	for _, r := range d.reps[scenario] {
		s := d.data[runKey{scenario, r}][metric]
		var sum, n float64
		last := math.NaN()
		for m := 0; m < len(s) && m < to; m++ {
			if math.IsNaN(s[m]) {
				continue
			}
			last = s[m]
			if m >= from {
				sum += s[m]
				n++
			}
		}
		switch {
		case n > 0:
			out = append(out, sum/n)
		case !math.IsNaN(last):
			out = append(out, last)
		}
	}
	return out
}

// Band is a metric's mean over replicates by month with a t interval.
type Band struct {
	Months          []float64
	Mean, Low, High []float64
}

// Band summarises a metric over replicates for each month where it is
// defined.
func (d *Runs) Band(scenario, metric string, level float64) Band {
	var b Band
	reps := d.reps[scenario]
	x := make([]float64, 0, len(reps))
	for m := 0; m < d.Months; m++ {
		x = x[:0]
		for _, r := range reps {
			s := d.data[runKey{scenario, r}][metric]
			if m < len(s) && !math.IsNaN(s[m]) {
				x = append(x, s[m])
			}
		}
		if len(x) == 0 {
			continue
		}
		s := Summarize(x, level)
		lo, hi := s.CILow, s.CIHigh
		if len(x) < 2 {
			lo, hi = s.Mean, s.Mean
		}
		b.Months = append(b.Months, float64(m))
		b.Mean = append(b.Mean, s.Mean)
		b.Low = append(b.Low, lo)
		b.High = append(b.High, hi)
	}
	return b
}
