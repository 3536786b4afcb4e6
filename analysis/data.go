package analysis

import (
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
)

// Runs holds the district-level rows of a monthly.csv: for every scenario
// and replicate, each metric's value by month (NaN where undefined).
type Runs struct {
	Scenarios []string // in order of first appearance
	Metrics   []string // in order of first appearance
	Months    int      // 1 + the largest month seen

	reps map[string][]int                // scenario → replicates, sorted
	data map[runKey]map[string][]float64 // (scenario, replicate) → metric → by month
}

type runKey struct {
	scenario  string
	replicate int
}

// ReadMonthly reads monthly.csv (columns scenario,replicate,seed,month,
// metric,value). Errors name the line.
func ReadMonthly(r io.Reader, name string) (*Runs, error) {
	d := &Runs{reps: map[string][]int{}, data: map[runKey]map[string][]float64{}}
	seenS := map[string]bool{}
	seenM := map[string]bool{}
	seenR := map[runKey]bool{}
	err := eachRow(r, name, monthlyHeader, "", func(line int, f []string) error {
		rep, err1 := strconv.Atoi(f[1])
		month, err2 := strconv.Atoi(f[3])
		val, err3 := strconv.ParseFloat(f[5], 64)
		if err := errors.Join(err1, err2, err3); err != nil || rep < 0 || month < 0 || month > 100000 {
			return fmt.Errorf("%s:%d: bad replicate, month or value", name, line)
		}
		k := runKey{f[0], rep}
		if !seenS[f[0]] {
			seenS[f[0]] = true
			d.Scenarios = append(d.Scenarios, f[0])
		}
		if !seenR[k] {
			seenR[k] = true
			d.reps[f[0]] = append(d.reps[f[0]], rep)
			d.data[k] = map[string][]float64{}
		}
		if !seenM[f[4]] {
			seenM[f[4]] = true
			d.Metrics = append(d.Metrics, f[4])
		}
		series := d.data[k][f[4]]
		for len(series) <= month {
			series = append(series, math.NaN())
		}
		series[month] = val
		d.data[k][f[4]] = series
		if month+1 > d.Months {
			d.Months = month + 1
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, s := range d.Scenarios {
		sort.Ints(d.reps[s])
	}
	return d, nil
}

// Replicates lists a scenario's replicates.
func (d *Runs) Replicates(scenario string) []int { return d.reps[scenario] }

// HasMetric reports whether the metric occurs.
func (d *Runs) HasMetric(metric string) bool {
	for _, m := range d.Metrics {
		if m == metric {
			return true
		}
	}
	return false
}

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
