package analysis

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
)

// Summary describes one scenario's output across independent replicates.
//
// The confidence interval is for the mean over replicates (Student t with
// N−1 degrees of freedom), which is the quantity a scenario table reports;
// it says nothing about the spread of individual runs, which Q1, Q3 and IQR
// describe. HalfWidth is kept separately because it is what one checks to
// decide whether more replicates are needed.
type Summary struct {
	N                             int
	Mean, SD, Median, Q1, Q3, IQR float64
	CILow, CIHigh, HalfWidth      float64
}

// Summarize computes a Summary of x at the given confidence level (e.g.
// 0.95). The interval is mean ± t_{(1+level)/2, n−1}·SD/√n.
//
// It does not modify x. Inputs that cannot support an estimate give NaN
// rather than an error, so a table with one thin cell still renders:
//   - n = 0: every field except N is NaN.
//   - n = 1: Mean, Median, Q1 and Q3 are the value and IQR is 0; SD,
//     HalfWidth and the CI bounds are NaN.
//   - level outside (0, 1): HalfWidth and the CI bounds are NaN.
//   - any NaN in x: every field except N is NaN (a NaN replicate is a failed
//     run, and a summary that silently skipped it would overstate precision).
//
// Median and quartiles are the conventional sample quantiles (R's and
// NumPy's default, Hyndman & Fan type 7); see quantileSorted.
func Summarize(x []float64, level float64) Summary {
	nan := math.NaN()
	s := Summary{
		N: len(x), Mean: nan, SD: nan, Median: nan, Q1: nan, Q3: nan, IQR: nan,
		CILow: nan, CIHigh: nan, HalfWidth: nan,
	}
	if len(x) == 0 || slices.ContainsFunc(x, math.IsNaN) {
		return s
	}

	sorted := slices.Clone(x)
	slices.Sort(sorted)
	s.Median = quantileSorted(sorted, 0.5)
	s.Q1 = quantileSorted(sorted, 0.25)
	s.Q3 = quantileSorted(sorted, 0.75)
	s.IQR = s.Q3 - s.Q1

	if len(x) == 1 {
		s.Mean = x[0]
		return s
	}
	s.Mean, s.SD = stat.MeanStdDev(x, nil)
	n := float64(len(x))
	s.HalfWidth = tCritical(level, n-1) * s.SD / math.Sqrt(n)
	s.CILow = s.Mean - s.HalfWidth
	s.CIHigh = s.Mean + s.HalfWidth
	return s
}
