package analysis

import (
	"fmt"
	"math"
	"sort"
)

// Row is one line of summary.csv: a scenario's metric over replicates, and
// its difference from the reference scenario (NaN for the reference).
type Row struct {
	Scenario, Metric        string
	N                       int
	Mean, SD, Median, IQR   float64
	CILow, CIHigh           float64
	Diff, DiffLow, DiffHigh float64
	P, PHolm, D             float64
}

// Compare summarises every scenario and metric over the window [from, to)
// and compares each scenario with ref by Welch's t, adjusting the p-values
// of each scenario's metrics by Holm's method.
func Compare(d *Runs, ref string, metrics []string, from, to int, level float64) ([]Row, error) {
	if len(d.Replicates(ref)) == 0 {
		return nil, fmt.Errorf("reference scenario %q was not run (scenarios: %v)", ref, d.Scenarios)
	}
	for _, m := range metrics {
		if !d.HasMetric(m) {
			return nil, fmt.Errorf("unknown metric %q", m)
		}
	}
	var rows []Row
	for _, s := range d.Scenarios {
		first := len(rows)
		var ps []float64
		for _, m := range metrics {
			x := d.Window(s, m, from, to)
			sum := Summarize(x, level)
			r := Row{Scenario: s, Metric: m, N: sum.N, Mean: sum.Mean, SD: sum.SD, Median: sum.Median, IQR: sum.IQR,
				CILow: sum.CILow, CIHigh: sum.CIHigh, Diff: math.NaN(), DiffLow: math.NaN(), DiffHigh: math.NaN(),
				P: math.NaN(), PHolm: math.NaN(), D: math.NaN()}
			if s != ref {
				w := Welch(x, d.Window(ref, m, from, to), level)
				r.Diff, r.DiffLow, r.DiffHigh, r.P, r.D = w.Diff, w.Low, w.High, w.P, w.D
			}
			rows = append(rows, r)
			ps = append(ps, r.P)
		}
		if s != ref {
			for i, p := range Holm(ps) {
				rows[first+i].PHolm = p
			}
		}
	}
	return rows, nil
}

// Rank orders scenarios by the mean of a metric, best (highest) first.
func Rank(rows []Row, metric string) []string {
	type sm struct {
		s string
		m float64
	}
	var xs []sm
	for _, r := range rows {
		if r.Metric == metric {
			xs = append(xs, sm{r.Scenario, r.Mean})
		}
	}
	sort.SliceStable(xs, func(i, j int) bool { return xs[i].m > xs[j].m })
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = x.s
	}
	return out
}

// Find returns the row of a scenario and metric.
func Find(rows []Row, scenario, metric string) (Row, bool) {
	for _, r := range rows {
		if r.Scenario == scenario && r.Metric == metric {
			return r, true
		}
	}
	return Row{}, false
}
