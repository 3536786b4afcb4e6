package analysis

import (
	"fmt"
	"math"
	"sort"

	"golang.org/x/exp/rand"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// RegressionIndex holds the sampling-based sensitivity indices of one
// parameter from a random or Latin hypercube sample (Helton & Davis 2003;
// Saltelli et al. 2008, ch. 1):
//
// SRC, the standardised regression coefficient, is the coefficient of the
// parameter in the least-squares fit of the output on all parameters, both
// scaled to unit standard deviation: the change in the output, in its SDs,
// per SD of the parameter, the others held fixed. It describes the output
// only as far as it is linear in the parameters; R² of the fit says how far.
//
// PRCC, the partial rank correlation coefficient, is the correlation of the
// ranks of the parameter and of the output once the linear effect of the
// other parameters' ranks is removed from both: the strength of a monotone
// relation, linear or not, in [−1, 1].
//
// The bounds are percentile bootstrap intervals over the sample's points.
type RegressionIndex struct {
	Param                   int
	SRC, SRCLow, SRCHigh    float64
	PRCC, PRCCLow, PRCCHigh float64
}

// Regression computes SRC and PRCC of y on the k parameters of each point
// of x (x[j] is point j's values, y[j] its output), and R² of the linear
// fit. bootstrap resamples the points with replacement that many times for
// level-intervals (0 skips it, leaving the bounds NaN), with a generator of
// its own seeded with seed.
//
// It needs more points than k + 1 (the fit has k + 1 coefficients), finite
// values, and a parameter and an output that vary; otherwise it returns an
// error. Results are ordered by Param.
func Regression(x [][]float64, y []float64, bootstrap int, level float64, seed uint64) ([]RegressionIndex, float64, error) {
	n := len(y)
	if n == 0 || len(x) != n {
		return nil, math.NaN(), fmt.Errorf("analysis: Regression: %d points for %d outputs", len(x), n)
	}
	k := len(x[0])
	if k < 1 {
		return nil, math.NaN(), fmt.Errorf("analysis: Regression: no parameters")
	}
	if n < k+2 {
		return nil, math.NaN(), fmt.Errorf("analysis: Regression: %d points for %d parameters: the fit needs at least k + 2 = %d", n, k, k+2)
	}
	for j := range x {
		if len(x[j]) != k {
			return nil, math.NaN(), fmt.Errorf("analysis: Regression: point %d has %d values, want %d", j, len(x[j]), k)
		}
		for _, v := range append([]float64{y[j]}, x[j]...) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, math.NaN(), fmt.Errorf("analysis: Regression: point %d is not finite", j)
			}
		}
	}
	if bootstrap < 0 || bootstrap > 0 && !validLevel(level) {
		return nil, math.NaN(), fmt.Errorf("analysis: Regression: bootstrap %d at level %v", bootstrap, level)
	}
	all := make([]int, n)
	for j := range all {
		all[j] = j
	}
	src, r2, err := srcOf(x, y, all)
	if err != nil {
		return nil, math.NaN(), err
	}
	prcc, err := prccOf(x, y, all)
	if err != nil {
		return nil, math.NaN(), err
	}
	nan := math.NaN()
	out := make([]RegressionIndex, k)
	for i := range out {
		out[i] = RegressionIndex{Param: i, SRC: src[i], PRCC: prcc[i], SRCLow: nan, SRCHigh: nan, PRCCLow: nan, PRCCHigh: nan}
	}
	if bootstrap == 0 {
		return out, r2, nil
	}
	rng := rand.New(rand.NewSource(seed))
	srcReps, prccReps := make([][]float64, k), make([][]float64, k)
	for i := range k {
		srcReps[i], prccReps[i] = make([]float64, bootstrap), make([]float64, bootstrap)
	}
	pick := make([]int, n)
	for b := range bootstrap {
		for j := range pick {
			pick[j] = rng.Intn(n)
		}
		s, _, errS := srcOf(x, y, pick)
		p, errP := prccOf(x, y, pick)
		for i := range k {
			// A resample without spread in some column: undefined there,
			// dropped by percentileInterval.
			srcReps[i][b], prccReps[i][b] = nan, nan
			if errS == nil {
				srcReps[i][b] = s[i]
			}
			if errP == nil {
				prccReps[i][b] = p[i]
			}
		}
	}
	for i := range out {
		out[i].SRCLow, out[i].SRCHigh = percentileInterval(srcReps[i], level)
		out[i].PRCCLow, out[i].PRCCHigh = percentileInterval(prccReps[i], level)
	}
	return out, r2, nil
}

// standardised returns the columns of the rows picked (parameters, then the
// output), each centred and scaled to unit SD, or an error if one does not
// vary.
func standardised(cols [][]float64) error {
	for c, v := range cols {
		mean, sd := stat.MeanStdDev(v, nil)
		if !(sd > 0) {
			if c == len(cols)-1 {
				return fmt.Errorf("analysis: Regression: the output does not vary")
			}
			return fmt.Errorf("analysis: Regression: parameter %d does not vary", c)
		}
		for j := range v {
			v[j] = (v[j] - mean) / sd
		}
	}
	return nil
}

// columns copies the picked rows of x and y into k + 1 columns.
func columns(x [][]float64, y []float64, pick []int) [][]float64 {
	k := len(x[0])
	cols := make([][]float64, k+1)
	for c := range cols {
		cols[c] = make([]float64, len(pick))
		for j, r := range pick {
			if c < k {
				cols[c][j] = x[r][c]
			} else {
				cols[c][j] = y[r]
			}
		}
	}
	return cols
}

// srcOf fits the standardised output on the standardised parameters by
// least squares (QR) and returns the coefficients and R².
func srcOf(x [][]float64, y []float64, pick []int) ([]float64, float64, error) {
	cols := columns(x, y, pick)
	if err := standardised(cols); err != nil {
		return nil, 0, err
	}
	n, k := len(pick), len(cols)-1
	a := mat.NewDense(n, k, nil)
	for c := range k {
		a.SetCol(c, cols[c])
	}
	yv := mat.NewVecDense(n, cols[k])
	var qr mat.QR
	qr.Factorize(a)
	var beta mat.VecDense
	if err := qr.SolveVecTo(&beta, false, yv); err != nil {
		return nil, 0, fmt.Errorf("analysis: Regression: the parameters are collinear: %w", err)
	}
	var fit mat.VecDense
	fit.MulVec(a, &beta)
	var ssr float64
	for j := range n {
		d := cols[k][j] - fit.AtVec(j)
		ssr += d * d
	}
	// The standardised output has sum of squares n − 1.
	r2 := 1 - ssr/float64(n-1)
	out := make([]float64, k)
	for i := range out {
		out[i] = beta.AtVec(i)
	}
	return out, r2, nil
}

// prccOf computes the partial rank correlations: for each parameter i,
// the correlation of the residuals of rank(x_i) and of rank(y) after a
// least-squares fit of each on the other parameters' ranks (with an
// intercept). A perfectly monotone relation gives ±1; an output the other
// parameters explain exactly leaves nothing to correlate, NaN.
func prccOf(x [][]float64, y []float64, pick []int) ([]float64, error) {
	cols := columns(x, y, pick)
	for _, c := range cols {
		ranks(c)
	}
	if err := standardised(cols); err != nil {
		return nil, err
	}
	n, k := len(pick), len(cols)-1
	out := make([]float64, k)
	others := mat.NewDense(n, k, nil) // intercept and the other k − 1 parameters
	var qr mat.QR
	var coef, fit mat.VecDense
	resid := func(v []float64) ([]float64, error) {
		b := mat.NewVecDense(n, v)
		if err := qr.SolveVecTo(&coef, false, b); err != nil {
			return nil, fmt.Errorf("analysis: Regression: the ranks are collinear: %w", err)
		}
		fit.MulVec(others, &coef)
		r := make([]float64, n)
		for j := range r {
			r[j] = v[j] - fit.AtVec(j)
		}
		return r, nil
	}
	for i := range k {
		for j := range n {
			others.Set(j, 0, 1)
		}
		c := 1
		for o := range k {
			if o != i {
				others.SetCol(c, cols[o])
				c++
			}
		}
		qr.Factorize(others)
		rx, err := resid(cols[i])
		if err != nil {
			return nil, err
		}
		ry, err := resid(cols[k])
		if err != nil {
			return nil, err
		}
		out[i] = stat.Correlation(rx, ry, nil)
	}
	return out, nil
}

// ranks replaces v with its ranks, 1..n, ties getting their mean rank.
func ranks(v []float64) {
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return v[idx[a]] < v[idx[b]] })
	r := make([]float64, len(v))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && v[idx[j+1]] == v[idx[i]] {
			j++
		}
		mean := float64(i+j)/2 + 1
		for t := i; t <= j; t++ {
			r[idx[t]] = mean
		}
		i = j + 1
	}
	copy(v, r)
}
