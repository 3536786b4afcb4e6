package analysis

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Diff is the comparison of a scenario with a reference scenario.
//
// Diff is mean(x) − mean(ref), with its confidence interval [Low, High] and
// two-sided p-value from Welch's unequal-variance t test on DF
// (Welch–Satterthwaite) degrees of freedom. D is Cohen's d, the difference
// in units of the pooled SD, so effects on outputs with different scales can
// be ranked against each other.
type Diff struct {
	Diff, Low, High, P, D float64
	DF                    float64
}

// Welch compares x with ref at the given confidence level (e.g. 0.95).
//
// Welch rather than Student: scenarios that change policy routinely change
// the spread of outcomes as well as their mean, and Welch's test keeps its
// size when variances differ at almost no cost when they do not.
//
// Neither input is modified. Degenerate inputs give NaN rather than an
// error:
//   - either group has fewer than 2 values: everything except Diff is NaN
//     (Diff too if a group is empty).
//   - either group contains NaN: everything is NaN.
//   - level outside (0, 1): Low and High are NaN; P, D and DF are still set.
//
// When both groups have zero variance (e.g. a deterministic output) there is
// no sampling noise to test against, so the comparison is decided exactly:
// if the means are equal, P = 1, D = 0 and the interval is [0, 0]; otherwise
// P = 0, D = ±Inf (the sign of Diff) and the interval collapses to the point
// [Diff, Diff]. DF is NaN in both cases, because the Welch–Satterthwaite
// formula is 0/0 there. If only one group has zero variance the ordinary
// formulas apply and DF is the other group's n − 1.
func Welch(x, ref []float64, level float64) Diff {
	nan := math.NaN()
	d := Diff{Diff: nan, Low: nan, High: nan, P: nan, D: nan, DF: nan}
	if len(x) == 0 || len(ref) == 0 {
		return d
	}
	mx, vx := stat.MeanVariance(x, nil)
	mr, vr := stat.MeanVariance(ref, nil)
	d.Diff = mx - mr
	if len(x) < 2 || len(ref) < 2 || math.IsNaN(d.Diff) {
		return d
	}

	nx, nr := float64(len(x)), float64(len(ref))
	pooled := math.Sqrt(((nx-1)*vx + (nr-1)*vr) / (nx + nr - 2))
	ex, er := vx/nx, vr/nr // squared standard errors of each mean
	se := math.Sqrt(ex + er)

	if se == 0 {
		if d.Diff == 0 {
			d.P, d.D = 1, 0
		} else {
			d.P, d.D = 0, math.Inf(int(math.Copysign(1, d.Diff)))
		}
		if validLevel(level) {
			d.Low, d.High = d.Diff, d.Diff
		}
		return d
	}

	d.D = d.Diff / pooled
	d.DF = (ex + er) * (ex + er) / (ex*ex/(nx-1) + er*er/(nr-1))
	t := d.Diff / se
	d.P = 2 * distuv.StudentsT{Mu: 0, Sigma: 1, Nu: d.DF}.Survival(math.Abs(t))
	hw := tCritical(level, d.DF) * se
	d.Low, d.High = d.Diff-hw, d.Diff+hw
	return d
}

// Holm returns Holm–Bonferroni adjusted p-values, in the order given.
//
// Holm controls the family-wise error rate like Bonferroni but is uniformly
// more powerful, and needs no assumption about how the tests depend on each
// other, which suits many scenarios compared with one shared reference.
// Reject hypothesis i at level α when the adjusted p[i] ≤ α.
//
// With the m valid p-values sorted ascending, p_(1) ≤ … ≤ p_(m), the
// adjusted value of p_(j) is max_{i≤j} min(1, (m−i+1)·p_(i)), so the result
// is monotone in the input and capped at 1. NaN entries, and entries outside
// [0, 1] (which cannot be p-values), are returned as NaN and not counted in
// m: a comparison that could not be computed should not make the others
// harder to pass. p is not modified.
func Holm(p []float64) []float64 {
	adj := make([]float64, len(p))
	idx := make([]int, 0, len(p))
	for i, v := range p {
		if v >= 0 && v <= 1 {
			idx = append(idx, i)
		} else {
			adj[i] = math.NaN()
		}
	}
	// Stable, so tied p-values keep a deterministic order (their adjusted
	// values come out equal either way because of the running maximum).
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case p[a] < p[b]:
			return -1
		case p[a] > p[b]:
			return 1
		}
		return 0
	})
	m := len(idx)
	running := 0.0
	for j, i := range idx {
		v := math.Min(1, float64(m-j)*p[i])
		running = math.Max(running, v)
		adj[i] = running
	}
	return adj
}

// yuanPerUnit is the spending unit of CostEffectiveness: 100 million yuan
// (一亿元), the unit in which budgets are usually quoted.
const yuanPerUnit = 1e8

// CostEffectiveness returns the change in the composite outcome per 100
// million yuan of extra spending, dComposite / (dSpendingYuan / 1e8).
// dSpendingYuan is in yuan. It is NaN when the spending change is zero (an
// effect at no cost has no finite ratio, and ±Inf would sort misleadingly in
// a ranking) or when either input is NaN. A negative value means the two
// moved in opposite directions, which is a dominance case (better and
// cheaper, or worse and dearer) that a ranking by the ratio alone misreads.
func CostEffectiveness(dComposite, dSpendingYuan float64) float64 {
	if dSpendingYuan == 0 || math.IsNaN(dSpendingYuan) || math.IsNaN(dComposite) {
		return math.NaN()
	}
	return dComposite / (dSpendingYuan / yuanPerUnit)
}
