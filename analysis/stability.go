package analysis

import (
	"fmt"
	"math"
)

// When a design is too small for its sensitivity indices to be read. Each
// rule states itself and its source in the warning it returns, so that a
// report carries the reason with the result. An empty string means the
// indices pass the rule.

// MinMorrisTrajectories is the fewest trajectories a Morris screening is
// read from without a warning.
const MinMorrisTrajectories = 10

// MorrisWarning checks a Morris screening of r trajectories: μ* is a mean
// of r elementary effects per parameter, and screening studies use r = 10
// or more (Campolongo, Cariboni & Saltelli 2007); and where bootstrap
// intervals exist, the two most influential parameters must be told apart.
func MorrisWarning(idx []MorrisIndex, r int) string {
	if r < MinMorrisTrajectories {
		return fmt.Sprintf("only r = %d trajectories: μ* averages r elementary effects per parameter, and rankings from fewer than %d are not stable (rule: r ≥ %d, as screening studies use, e.g. Campolongo, Cariboni & Saltelli 2007); rerun the sweep with -samples %d or more",
			r, MinMorrisTrajectories, MinMorrisTrajectories, MinMorrisTrajectories)
	}
	first, second := -1, -1
	for i, x := range idx {
		switch {
		case first < 0 || x.MuStar > idx[first].MuStar:
			first, second = i, first
		case second < 0 || x.MuStar > idx[second].MuStar:
			second = i
		}
	}
	if second >= 0 && idx[first].MuStarLow <= idx[second].MuStarHigh {
		return fmt.Sprintf("the 95%% intervals of μ* of the two most influential parameters overlap ([%.4g, %.4g] and [%.4g, %.4g]): their order is not resolved by %d trajectories (rule: a ranking is read only where bootstrap intervals separate it); more trajectories narrow the intervals",
			idx[first].MuStarLow, idx[first].MuStarHigh, idx[second].MuStarLow, idx[second].MuStarHigh, r)
	}
	return ""
}

// MaxSobolWidth is the widest 95% interval of a Sobol index read without a
// warning: ±0.1 on a share of variance.
const MaxSobolWidth = 0.2

// SobolWarning checks Sobol indices estimated from n base rows. S1 and ST
// are shares of the output's variance and lie in [0, 1] (Sobol' 1993); an
// estimate outside it by more than its interval's reach, or an interval
// wider than MaxSobolWidth, means n is too small. The Monte Carlo error of
// the estimators falls as 1/√n (Saltelli et al. 2010), so the warning says
// how many base rows would bring the widest interval to MaxSobolWidth.
func SobolWarning(idx []SobolIndex, n int) string {
	widest, outside := 0.0, ""
	for _, x := range idx {
		widest = math.Max(widest, math.Max(x.S1High-x.S1Low, x.STHigh-x.STLow))
		for _, v := range []struct {
			name         string
			v, low, high float64
		}{{"S1", x.S1, x.S1Low, x.S1High}, {"ST", x.ST, x.STLow, x.STHigh}} {
			if outside == "" && (v.v > 1 && !(v.low <= 1) || v.v < 0 && !(v.high >= 0)) {
				outside = fmt.Sprintf("%s = %.2f of parameter %d lies outside [0, 1], where a share of variance must be", v.name, v.v, x.Param)
			}
		}
	}
	if outside == "" && !(widest > MaxSobolWidth) {
		return ""
	}
	msg := outside
	if msg == "" {
		msg = fmt.Sprintf("the widest 95%% interval is %.2f wide", widest)
	}
	need := n
	if widest > MaxSobolWidth {
		need = int(math.Ceil(float64(n) * (widest / MaxSobolWidth) * (widest / MaxSobolWidth)))
	} else {
		need = 4 * n
	}
	return fmt.Sprintf("%s: N = %d base rows are too few for stable Sobol indices (rule: every index in [0, 1] and every 95%% interval at most %.1f wide; the error falls as 1/√N, Saltelli et al. 2010, so about N = %d would do); rerun the sweep with -samples %d",
		msg, n, MaxSobolWidth, need, need)
}

// MinPointsPerParameter is the fewest design points per parameter a
// regression-based analysis is read from without a warning.
const MinPointsPerParameter = 10

// MinR2 is the coefficient of determination below which the standardised
// regression coefficients are said to describe only part of the output.
const MinR2 = 0.7

// RegressionWarnings checks SRC and PRCC from n points over k parameters:
// about ten points per estimated coefficient is the usual floor for stable
// regression coefficients (Harrell 2015, Regression Modeling Strategies,
// ch. 4); and SRCs speak for the output only as far as the linear fit
// does, R² (Saltelli et al. 2008, ch. 1, read SRC with R²).
func RegressionWarnings(n, k int, r2 float64) []string {
	var msgs []string
	if n < MinPointsPerParameter*k {
		msgs = append(msgs, fmt.Sprintf("only %d points for %d parameters: regression coefficients need about %d points per parameter to be stable (rule: n ≥ %d·k, Harrell 2015, ch. 4); rerun the sweep with -samples %d or more",
			n, k, MinPointsPerParameter, MinPointsPerParameter, MinPointsPerParameter*k))
	}
	if r2 < MinR2 {
		msgs = append(msgs, fmt.Sprintf("R² = %.2f: the linear fit explains less than %.0f%% of the output's variance, so SRC describe only its linear part; read PRCC, which needs only a monotone relation", r2, 100*MinR2))
	}
	return msgs
}
