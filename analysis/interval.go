package analysis

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// tCritical returns the two-sided Student t critical value for a confidence
// level (e.g. 0.95 → the 0.975 quantile) on df degrees of freedom. It is NaN
// when the level is not strictly between 0 and 1 or df is not positive, so
// that an impossible interval shows up as NaN bounds rather than a panic deep
// inside distuv.
func tCritical(level, df float64) float64 {
	if !validLevel(level) || !(df > 0) {
		return math.NaN()
	}
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile((1 + level) / 2)
}

// validLevel reports whether level can be a confidence level. NaN fails.
func validLevel(level float64) bool {
	return level > 0 && level < 1
}

// quantileSorted is the single place the package turns sorted data into a
// quantile, so every summary uses the same definition: the sample quantile
// that R's quantile() and NumPy use by default (Hyndman & Fan 1996 type 7),
// which interpolates between order statistics at h = (n−1)p + 1 and so
// gives the usual median (the middle value, or the mean of the two middle
// values).
//
// gonum's stat.LinInterp is type 4 (h = np), whose "median" of {1, 2, 3} is
// 1.5. Type 7 at p is type 4 at p' = ((n−1)p + 1)/n, so the conventional
// definition is obtained from stat.Quantile by that change of p. sorted
// must be ascending, non-empty and free of NaN; p must be in [0, 1].
func quantileSorted(sorted []float64, p float64) float64 {
	n := float64(len(sorted))
	q := ((n-1)*p + 1) / n
	return stat.Quantile(min(q, 1), stat.LinInterp, sorted, nil)
}

// percentileInterval returns the central level-interval of a bootstrap
// distribution (the percentile bootstrap). It sorts reps in place. NaN
// replicates (resamples on which the statistic was undefined) are dropped;
// if none remain, or the level is invalid, both bounds are NaN.
func percentileInterval(reps []float64, level float64) (low, high float64) {
	kept := reps[:0]
	for _, v := range reps {
		if !math.IsNaN(v) {
			kept = append(kept, v)
		}
	}
	if len(kept) == 0 || !validLevel(level) {
		return math.NaN(), math.NaN()
	}
	slices.Sort(kept)
	alpha := (1 - level) / 2
	return quantileSorted(kept, alpha), quantileSorted(kept, 1-alpha)
}
