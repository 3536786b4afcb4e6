package analysis

import (
	"math"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Paired compares x with ref replicate by replicate: x[i] and ref[i] must
// come from the same replicate of two scenarios that share their random
// streams (common random numbers), so that most of the noise the two runs
// share cancels in the difference. Diff is the mean difference, [Low, High]
// its t interval on n − 1 degrees of freedom, P the two-sided p-value of
// the paired t test, and D the mean difference in units of the SD of the
// differences. Degenerate inputs give NaN as Welch does; unequal lengths
// give NaN everywhere.
func Paired(x, ref []float64, level float64) Diff {
	nan := math.NaN()
	d := Diff{Diff: nan, Low: nan, High: nan, P: nan, D: nan, DF: nan}
	if len(x) != len(ref) || len(x) == 0 {
		return d
	}
	diffs := make([]float64, len(x))
	for i := range x {
		diffs[i] = x[i] - ref[i]
	}
	m, v := stat.MeanVariance(diffs, nil)
	d.Diff = m
	if len(x) < 2 || math.IsNaN(m) {
		return d
	}
	n := float64(len(x))
	se := math.Sqrt(v / n)
	d.DF = n - 1
	if se == 0 {
		if m == 0 {
			d.P, d.D = 1, 0
		} else {
			d.P, d.D = 0, math.Inf(int(math.Copysign(1, m)))
		}
		if validLevel(level) {
			d.Low, d.High = m, m
		}
		return d
	}
	d.D = m / math.Sqrt(v)
	d.P = 2 * distuv.StudentsT{Mu: 0, Sigma: 1, Nu: d.DF}.Survival(math.Abs(m/se))
	hw := tCritical(level, d.DF) * se
	d.Low, d.High = m-hw, m+hw
	return d
}
