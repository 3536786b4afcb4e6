package analysis

import (
	"fmt"
	"math"
	"slices"

	"github.com/govsim/govsim/sim/table"
)

// Targets summarise runs as a calibration's targets do: each target's sum
// of metrics (over the sum of its denominator's), over its window of
// months, times its scale.
type Targets struct {
	targets []table.Target
	num     [][]int // metric indices of each target's numerator
	den     [][]int // and denominator
	metrics int
}

// NewTargets prepares targets for runs whose monthly values hold metrics
// in the given order. It reports a target naming a metric not among them.
func NewTargets(targets []table.Target, metrics []string) (*Targets, error) {
	ts := &Targets{targets: targets, metrics: len(metrics)}
	index := func(names []string) ([]int, error) {
		out := make([]int, len(names))
		for i, n := range names {
			if out[i] = slices.Index(metrics, n); out[i] < 0 {
				return nil, fmt.Errorf("no metric %q", n)
			}
		}
		return out, nil
	}
	for _, t := range targets {
		num, err := index(t.Metrics)
		if err != nil {
			return nil, fmt.Errorf("target %s: %w", t.Name, err)
		}
		den, err := index(t.Per)
		if err != nil {
			return nil, fmt.Errorf("target %s: %w", t.Name, err)
		}
		ts.num, ts.den = append(ts.num, num), append(ts.den, den)
	}
	return ts, nil
}

// Len is the number of targets.
func (ts *Targets) Len() int { return len(ts.targets) }

// Of is target k's summary of one run's monthly values (months × metrics,
// row-major, NaN where a metric is not defined). A month counts when every
// metric the target reads is defined in it (metrics measured at elections
// or at dividend time count in those months only): the summary is the
// mean over counted months of the numerator's sum, or, with a
// denominator, the ratio of the two sums over them (a ratio of means, not
// a mean of ratios), times the scale. It is NaN when no month of the
// window counts, or the window lies beyond the run.
func (ts *Targets) Of(k int, monthly []float64) float64 {
	t := &ts.targets[k]
	months := len(monthly) / max(ts.metrics, 1)
	var num, den float64
	n := 0
	for m := t.From; m < t.To && m < months; m++ {
		row := monthly[m*ts.metrics : (m+1)*ts.metrics]
		a, ok := sumAt(row, ts.num[k])
		if !ok {
			continue
		}
		b := 1.0
		if len(ts.den[k]) > 0 {
			if b, ok = sumAt(row, ts.den[k]); !ok {
				continue
			}
		}
		num += a
		den += b
		n++
	}
	if n == 0 {
		return math.NaN()
	}
	return num / den * t.Scale
}

func sumAt(row []float64, idx []int) (float64, bool) {
	s := 0.0
	for _, i := range idx {
		x := row[i]
		if math.IsNaN(x) {
			return 0, false
		}
		s += x
	}
	return s, true
}
