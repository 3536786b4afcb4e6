package analysis

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// PackageRobustness is how one reform package fares against the reference
// package across the points of an exploratory design, for one metric. At
// every point both packages ran with the same seeds (common random
// numbers), so the paired difference at a point is the package's effect
// there, not noise between unrelated runs.
//
// PBetter is the share of points at which the package is strictly better
// than the reference in the metric's direction, with a Wilson score
// interval [PBetterLow, PBetterHigh]. A point where the two are exactly
// equal is a tie and does not count as better: a package that changes
// nothing should not be credited with beating the reference.
//
// MeanDiff is the mean over points of package − reference, in the metric's
// own sign (not flipped for the direction), with a Student t interval
// [DiffLow, DiffHigh] on Points − 1 degrees of freedom, as [Paired] gives.
//
// Regret at a point is how far the package falls short of the best package
// at that point, the reference included, in the better direction; it is
// never negative and is 0 where the package is the best. RegretMax is its
// largest value over the points and RegretP90 its 90th percentile (the
// sample quantile of Hyndman & Fan type 7, R's and NumPy's default).
type PackageRobustness struct {
	Package, Points                  int
	PBetter, PBetterLow, PBetterHigh float64
	MeanDiff, DiffLow, DiffHigh      float64
	RegretMax, RegretP90             float64
}

// RobustnessAcross compares every package with the reference across the
// points of a design, for one metric: values[s][p] is the metric (its mean
// over replicates) for package s at point p, ref the reference's index, and
// higherBetter the metric's direction. It returns one PackageRobustness per
// package other than the reference, in package order, with intervals at the
// given level (e.g. 0.95).
//
// Ragged rows, fewer than two packages, a reference out of range, and NaN
// or infinite values are errors: a NaN mean is a failed or undefined run,
// which the caller must resolve (another metric, or fewer points), since
// quietly dropping the point from one package's row would compare packages
// over different points. Designs too small for an interval give NaN:
//   - no points: every field except Package and Points is NaN;
//   - one point: PBetter is 0 or 1 with its Wilson interval, MeanDiff and
//     both regrets are that point's values, and the t interval is NaN;
//   - level outside (0, 1): the interval bounds are NaN.
func RobustnessAcross(values [][]float64, ref int, higherBetter bool, level float64) ([]PackageRobustness, error) {
	if len(values) < 2 {
		return nil, fmt.Errorf("analysis: RobustnessAcross: %d packages; need the reference and at least one other", len(values))
	}
	if ref < 0 || ref >= len(values) {
		return nil, fmt.Errorf("analysis: RobustnessAcross: reference %d out of range for %d packages", ref, len(values))
	}
	n := len(values[0])
	for s, row := range values {
		if len(row) != n {
			return nil, fmt.Errorf("analysis: RobustnessAcross: package %d has %d points, package 0 has %d", s, len(row), n)
		}
		for p, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("analysis: RobustnessAcross: package %d at point %d is %v", s, p, v)
			}
		}
	}
	// sign turns "better" into "larger" so one comparison serves both
	// directions.
	sign := 1.0
	if !higherBetter {
		sign = -1
	}
	best := make([]float64, n)
	for p := range best {
		best[p] = math.Inf(-1)
		for _, row := range values {
			best[p] = math.Max(best[p], sign*row[p])
		}
	}
	nan := math.NaN()
	out := make([]PackageRobustness, 0, len(values)-1)
	regret := make([]float64, n)
	for s, row := range values {
		if s == ref {
			continue
		}
		r := PackageRobustness{Package: s, Points: n,
			PBetter: nan, PBetterLow: nan, PBetterHigh: nan,
			MeanDiff: nan, DiffLow: nan, DiffHigh: nan,
			RegretMax: nan, RegretP90: nan}
		if n > 0 {
			better := 0
			for p, v := range row {
				if sign*(v-values[ref][p]) > 0 {
					better++
				}
				regret[p] = best[p] - sign*v
			}
			r.PBetter = float64(better) / float64(n)
			r.PBetterLow, r.PBetterHigh = Wilson(better, n, level)
			d := Paired(row, values[ref], level)
			r.MeanDiff, r.DiffLow, r.DiffHigh = d.Diff, d.Low, d.High
			sorted := slices.Clone(regret)
			slices.Sort(sorted)
			r.RegretMax = sorted[n-1]
			r.RegretP90 = quantileSorted(sorted, 0.9)
		}
		out = append(out, r)
	}
	return out, nil
}

// Wilson returns the Wilson (1927) score interval for a binomial
// proportion, successes out of n, at the given confidence level: the
// proportions p whose score test |p̂ − p| / √(p(1 − p)/n) ≤ z is not
// rejected, z the two-sided normal critical value. Unlike the Wald interval
// p̂ ± z√(p̂(1 − p̂)/n) it stays inside [0, 1] and does not collapse to a
// point at 0 or n successes, which matters for shares near 0 or 1 from a few
// dozen design points (Brown, Cai & DasGupta 2001).
//
// Both bounds are NaN when n ≤ 0, successes is outside [0, n], or level is
// outside (0, 1).
func Wilson(successes, n int, level float64) (low, high float64) {
	if n <= 0 || successes < 0 || successes > n || !validLevel(level) {
		return math.NaN(), math.NaN()
	}
	z := distuv.UnitNormal.Quantile((1 + level) / 2)
	nf := float64(n)
	p := float64(successes) / nf
	z2n := z * z / nf
	centre := (p + z2n/2) / (1 + z2n)
	half := z / (1 + z2n) * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf))
	low, high = centre-half, centre+half
	// At 0 and n successes the bounds are exactly 0 and 1; rounding could
	// leave them a hair outside.
	if successes == 0 {
		low = 0
	}
	if successes == n {
		high = 1
	}
	return low, high
}

// KS is the two-sample Kolmogorov–Smirnov test, used for regional
// sensitivity analysis (Spear & Hornberger 1980): a are a parameter's
// values at the points where a package succeeds, b where it fails, and a
// parameter whose two distributions differ is one the outcome depends on.
//
// d is the largest distance between the two empirical CDFs (gonum's
// stat.KolmogorovSmirnov, on sorted copies). p is the asymptotic p-value
// with Stephens' (1970) small-sample correction, in the form of Press et
// al. (2007), Numerical Recipes §14.3.3: p = Q_KS((√nₑ + 0.12 + 0.11/√nₑ)·d)
// with nₑ = n_a·n_b/(n_a + n_b) and Q_KS the Kolmogorov distribution's
// survival function, 2 Σ_{j≥1} (−1)^{j−1} exp(−2j²λ²). It is an
// approximation: for a few dozen points an exact permutation distribution
// (as scipy's ks_2samp now computes by default) gives somewhat different
// values, and a p-value here is a screening aid for ranking parameters,
// not a test to be read at a sharp threshold.
//
// Neither input is modified. d and p are NaN when either sample is empty or
// holds a NaN.
func KS(a, b []float64) (d, p float64) {
	if len(a) == 0 || len(b) == 0 || slices.ContainsFunc(a, math.IsNaN) || slices.ContainsFunc(b, math.IsNaN) {
		return math.NaN(), math.NaN()
	}
	sa, sb := slices.Clone(a), slices.Clone(b)
	slices.Sort(sa)
	slices.Sort(sb)
	// gonum sums the steps of the two CDFs, which can overshoot 1 by a
	// rounding error when the samples do not overlap.
	d = min(stat.KolmogorovSmirnov(sa, nil, sb, nil), 1)
	na, nb := float64(len(a)), float64(len(b))
	en := math.Sqrt(na * nb / (na + nb))
	return d, kolmogorovQ((en + 0.12 + 0.11/en) * d)
}

// kolmogorovQ is the survival function of the Kolmogorov distribution,
// Q(λ) = P(K > λ). Below λ = 1.18 the alternating series converges slowly,
// so the equivalent theta-function form
// 1 − (√(2π)/λ) Σ_{j≥1} exp(−(2j−1)²π²/(8λ²)) is summed instead, as
// Numerical Recipes (Press et al. 2007, §6.14.12) does; a few terms of
// either reach double precision.
func kolmogorovQ(lambda float64) float64 {
	switch {
	case math.IsNaN(lambda):
		return math.NaN()
	case lambda <= 0:
		return 1
	case lambda < 1.18:
		y := math.Exp(-math.Pi * math.Pi / (8 * lambda * lambda))
		var sum float64
		for j := 1; j <= 8; j++ {
			sum += math.Pow(y, float64((2*j-1)*(2*j-1)))
		}
		return 1 - math.Sqrt(2*math.Pi)/lambda*sum
	}
	x := math.Exp(-2 * lambda * lambda)
	var sum float64
	sign := 1.0
	for j := 1; j <= 8; j++ {
		sum += sign * math.Pow(x, float64(j*j))
		sign = -sign
	}
	return math.Max(0, 2*sum)
}
