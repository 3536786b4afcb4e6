package analysis

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"golang.org/x/exp/rand"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// PRCCIndex is one parameter's partial rank correlation coefficient with
// one output (as in [RegressionIndex]), with its percentile bootstrap
// interval [Low, High].
type PRCCIndex struct {
	Param           int
	PRCC, Low, High float64
}

// maxPRCCCondition is the largest condition number of the parameters'
// rank correlation matrix that PRCCs inverts: beyond it the partial
// correlations are rounding noise, and a resample is counted as undefined.
const maxPRCCCondition = 1e10

// PRCCs computes the partial rank correlation coefficient of each of
// several outputs with each of the k parameters of the points x (x[j] is
// point j's values; ys[o][j] is output o at point j), with level-intervals
// from bootstrap resamples of the points (0 skips them, leaving the bounds
// NaN) drawn from a generator of its own seeded with seed. It returns one
// list per output, ordered by Param.
//
// The coefficients are those of [Regression] (correlations of the ranks'
// residuals), computed through the inverse of the ranks' correlation
// matrix instead of 2k least-squares fits: for A the parameters' rank
// correlations, b their correlations with the output's ranks, u = A⁻¹b and
// s = 1 − b·u, the partial correlation of parameter i is
// u_i / √(s·(A⁻¹)_ii + u_i²): the partial correlations read off the
// inverse of the joint correlation matrix (Whittaker 1990, Graphical
// Models in Applied Multivariate Statistics, ch. 5), here by its block
// form; Marino et al. (2008) describe PRCC in sensitivity analysis. A is
// the same for every output, so many
// outputs of one design (every reform package and metric) cost little more
// than one, and they share the resamples.
//
// It needs at least k + 2 points, finite values and parameters that vary
// and are not collinear in rank; otherwise it returns an error. An output
// that does not vary, or that the parameters' ranks explain exactly, gets
// NaN coefficients. A resample on which the matrix is singular or nearly so
// (condition number above 10¹⁰: with fewer distinct points than k + 1, as
// resamples of a design barely larger than k are) is undefined; bounds are
// NaN unless at least half of the resamples are defined.
func PRCCs(x [][]float64, ys [][]float64, bootstrap int, level float64, seed uint64) ([][]PRCCIndex, error) {
	n := len(x)
	if n == 0 {
		return nil, fmt.Errorf("analysis: PRCCs: no points")
	}
	k := len(x[0])
	if k < 1 {
		return nil, fmt.Errorf("analysis: PRCCs: no parameters")
	}
	if n < k+2 {
		return nil, fmt.Errorf("analysis: PRCCs: %d points for %d parameters: partial correlations need at least k + 2 = %d", n, k, k+2)
	}
	for j, p := range x {
		if len(p) != k {
			return nil, fmt.Errorf("analysis: PRCCs: point %d has %d values, want %d", j, len(p), k)
		}
		for _, v := range p {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("analysis: PRCCs: point %d is not finite", j)
			}
		}
	}
	for o, y := range ys {
		if len(y) != n {
			return nil, fmt.Errorf("analysis: PRCCs: output %d has %d values for %d points", o, len(y), n)
		}
		for j, v := range y {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("analysis: PRCCs: output %d at point %d is not finite", o, j)
			}
		}
	}
	if bootstrap < 0 || bootstrap > 0 && !validLevel(level) {
		return nil, fmt.Errorf("analysis: PRCCs: bootstrap %d at level %v", bootstrap, level)
	}
	pick := make([]int, n)
	for j := range pick {
		pick[j] = j
	}
	w := newPRCCWork(x, ys)
	full := make([][]float64, len(ys))
	for o := range full {
		full[o] = make([]float64, k)
	}
	if err := w.compute(x, ys, pick, full); err != nil {
		return nil, err
	}
	nan := math.NaN()
	out := make([][]PRCCIndex, len(ys))
	for o := range out {
		out[o] = make([]PRCCIndex, k)
		for i := range out[o] {
			out[o][i] = PRCCIndex{Param: i, PRCC: full[o][i], Low: nan, High: nan}
		}
	}
	if bootstrap == 0 {
		return out, nil
	}
	reps := make([][][]float64, len(ys)) // [output][param][resample]
	for o := range reps {
		reps[o] = make([][]float64, k)
		for i := range reps[o] {
			reps[o][i] = make([]float64, bootstrap)
		}
	}
	one := make([][]float64, len(ys))
	for o := range one {
		one[o] = make([]float64, k)
	}
	rng := rand.New(rand.NewSource(seed))
	for b := range bootstrap {
		for j := range pick {
			pick[j] = rng.Intn(n)
		}
		if err := w.compute(x, ys, pick, one); err != nil {
			for o := range one {
				for i := range one[o] {
					one[o][i] = nan
				}
			}
		}
		for o := range reps {
			for i := range k {
				reps[o][i][b] = one[o][i]
			}
		}
	}
	for o := range out {
		for i := range out[o] {
			r := reps[o][i]
			defined := 0
			for _, v := range r {
				if !math.IsNaN(v) {
					defined++
				}
			}
			if 2*defined >= bootstrap {
				out[o][i].Low, out[o][i].High = percentileInterval(r, level)
			}
		}
	}
	return out, nil
}

// prccWork holds the scratch space of one PRCC computation, and the order
// of the points on every parameter and output, from which the ranks of any
// resample follow in linear time.
type prccWork struct {
	n, k   int
	xOrder [][]int // xOrder[i]: the points in ascending order of parameter i
	yOrder [][]int
	cnt    []int      // how often each point is picked
	rankOf []float64  // each point's rank among those picked
	z      *mat.Dense // the parameters' standardised ranks, n × k
	col    []float64
	zy     []float64
	a      mat.SymDense
	chol   mat.Cholesky
	inv    mat.SymDense
	b, u   *mat.VecDense
}

func newPRCCWork(x [][]float64, ys [][]float64) *prccWork {
	n, k := len(x), len(x[0])
	w := &prccWork{n: n, k: k, cnt: make([]int, n), rankOf: make([]float64, n), z: mat.NewDense(n, k, nil),
		col: make([]float64, n), zy: make([]float64, n), b: mat.NewVecDense(k, nil), u: mat.NewVecDense(k, nil)}
	order := func(v func(int) float64) []int {
		idx := make([]int, n)
		for j := range idx {
			idx[j] = j
		}
		slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(v(a), v(b)) })
		return idx
	}
	for i := range k {
		w.xOrder = append(w.xOrder, order(func(j int) float64 { return x[j][i] }))
	}
	for _, y := range ys {
		w.yOrder = append(w.yOrder, order(func(j int) float64 { return y[j] }))
	}
	return w
}

// ranksOf sets dst[j] to the rank of the picked point pick[j] among the
// picked points by value (order: all points in ascending order of value),
// ties — equal values, or a point picked more than once — sharing their
// mean rank, as ranks does; then standardises dst. False when every picked
// value is the same.
func (w *prccWork) ranksOf(dst []float64, order []int, value func(int) float64, pick []int) bool {
	pos := 0 // picked points ranked so far
	for g := 0; g < len(order); {
		h, m := g, 0
		for h < len(order) && value(order[h]) == value(order[g]) {
			m += w.cnt[order[h]]
			h++
		}
		mean := float64(pos) + float64(m+1)/2
		for _, r := range order[g:h] {
			w.rankOf[r] = mean
		}
		pos += m
		g = h
	}
	for j, r := range pick {
		dst[j] = w.rankOf[r]
	}
	return standardise(dst)
}

// compute fills out[o][i] with the partial rank correlation of output o
// and parameter i over the picked rows; an error when the parameters'
// ranks do not vary or are collinear.
func (w *prccWork) compute(x [][]float64, ys [][]float64, pick []int, out [][]float64) error {
	n, k := w.n, w.k
	clear(w.cnt)
	for _, r := range pick {
		w.cnt[r]++
	}
	for i := range k {
		if !w.ranksOf(w.col, w.xOrder[i], func(j int) float64 { return x[j][i] }, pick) {
			return fmt.Errorf("analysis: PRCCs: parameter %d does not vary", i)
		}
		w.z.SetCol(i, w.col)
	}
	w.a.SymOuterK(1/float64(n-1), w.z.T())
	if ok := w.chol.Factorize(&w.a); !ok || w.chol.Cond() > maxPRCCCondition {
		return fmt.Errorf("analysis: PRCCs: the parameters' ranks are collinear")
	}
	if err := w.chol.InverseTo(&w.inv); err != nil {
		return fmt.Errorf("analysis: PRCCs: the parameters' ranks are collinear: %w", err)
	}
	for o, y := range ys {
		if !w.ranksOf(w.zy, w.yOrder[o], func(j int) float64 { return y[j] }, pick) {
			for i := range out[o] {
				out[o][i] = math.NaN()
			}
			continue
		}
		w.b.MulVec(w.z.T(), mat.NewVecDense(n, w.zy))
		w.b.ScaleVec(1/float64(n-1), w.b)
		w.u.MulVec(&w.inv, w.b)
		s := 1 - mat.Dot(w.b, w.u)
		for i := range k {
			ui := w.u.AtVec(i)
			d := s*w.inv.At(i, i) + ui*ui
			if !(s > 1e-12) || !(d > 0) {
				out[o][i] = math.NaN()
				continue
			}
			out[o][i] = max(-1, min(1, ui/math.Sqrt(d)))
		}
	}
	return nil
}

// standardise centres v and scales it to unit SD; false when v does not
// vary.
func standardise(v []float64) bool {
	mean, sd := stat.MeanStdDev(v, nil)
	if !(sd > 0) {
		return false
	}
	for j := range v {
		v[j] = (v[j] - mean) / sd
	}
	return true
}
