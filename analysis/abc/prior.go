package abc

import (
	"fmt"
	"math"

	"golang.org/x/exp/rand"
	"gonum.org/v1/gonum/stat/distuv"
)

// Dist names a prior distribution. The names are those of the sweep
// designs' factors, so one word means one distribution across govsim.
type Dist string

const (
	Uniform    Dist = "uniform"    // uniform on [Low, High]; the default ("")
	Normal     Dist = "normal"     // normal(Mean, SD) truncated to [Low, High]
	LogUniform Dist = "loguniform" // log X uniform on [log Low, log High]; needs Low > 0
)

// Param is the prior of one uncertain parameter. Low and High are its hard
// bounds, always given: the prior's support is [Low, High] whatever the
// distribution, and no candidate outside it is ever proposed.
type Param struct {
	Name      string
	Dist      Dist    // Uniform when empty
	Low, High float64 // the allowed range, Low < High
	Mean, SD  float64 // for Normal: the untruncated mean and standard deviation
}

// Prior is the joint prior: the parameters are independent, and a particle's
// Theta lists their values in this order.
type Prior []Param

// Check reports the first problem that makes p unusable: an unknown
// distribution, bounds that are not finite or not increasing, a log-uniform
// range that does not lie above 0, a normal without a finite mean and a
// positive SD, or a normal with no probability mass in its range.
func (p Param) Check() error {
	if !(isFinite(p.Low) && isFinite(p.High) && p.Low < p.High) {
		return fmt.Errorf("parameter %q: the range [%v, %v] must be finite with Low < High", p.Name, p.Low, p.High)
	}
	switch p.Dist {
	case "", Uniform:
	case LogUniform:
		if !(p.Low > 0) {
			return fmt.Errorf("parameter %q: loguniform needs Low > 0, got %v", p.Name, p.Low)
		}
	case Normal:
		if !isFinite(p.Mean) || !(p.SD > 0) || math.IsInf(p.SD, 1) {
			return fmt.Errorf("parameter %q: normal needs a finite Mean and a finite SD > 0, got Mean=%v SD=%v", p.Name, p.Mean, p.SD)
		}
		a, b := p.z(p.Low), p.z(p.High)
		if _, _, mass := stdTruncMass(a, b); !(mass > 0) {
			return fmt.Errorf("parameter %q: normal(%v, %v) has no probability mass in [%v, %v]", p.Name, p.Mean, p.SD, p.Low, p.High)
		}
	default:
		return fmt.Errorf("parameter %q: unknown distribution %q (want %s, %s or %s)", p.Name, p.Dist, Uniform, Normal, LogUniform)
	}
	return nil
}

// Check reports the first parameter that [Param.Check] rejects, and an empty
// prior.
func (p Prior) Check() error {
	if len(p) == 0 {
		return fmt.Errorf("prior: no parameters")
	}
	for i, q := range p {
		if err := q.Check(); err != nil {
			return fmt.Errorf("prior parameter %d: %w", i, err)
		}
	}
	return nil
}

// InSupport says whether x lies in [Low, High].
func (p Param) InSupport(x float64) bool { return x >= p.Low && x <= p.High }

// Density is the prior's probability density at x: normalised over
// [Low, High], and 0 outside it.
func (p Param) Density(x float64) float64 { return math.Exp(p.LogDensity(x)) }

// LogDensity is the logarithm of [Param.Density]; −Inf outside the support.
func (p Param) LogDensity(x float64) float64 {
	if !p.InSupport(x) {
		return math.Inf(-1)
	}
	switch p.Dist {
	case LogUniform:
		return -math.Log(x) - math.Log(math.Log(p.High)-math.Log(p.Low))
	case Normal:
		z := p.z(x)
		_, _, mass := stdTruncMass(p.z(p.Low), p.z(p.High))
		return -0.5*z*z - 0.5*math.Log(2*math.Pi) - math.Log(p.SD) - math.Log(mass)
	default:
		return -math.Log(p.High - p.Low)
	}
}

// Moments are the mean and standard deviation of the prior, in closed form;
// the posterior SD over this SD says how much the data constrained a
// parameter ([ParamSummary].SDRatio).
func (p Param) Moments() (mean, sd float64) {
	switch p.Dist {
	case LogUniform:
		// With c = 1/log(H/L): E X = c(H−L), E X² = c(H²−L²)/2.
		c := 1 / (math.Log(p.High) - math.Log(p.Low))
		m := c * (p.High - p.Low)
		v := c*(p.High*p.High-p.Low*p.Low)/2 - m*m
		return m, math.Sqrt(math.Max(v, 0))
	case Normal:
		// Truncated normal on [a, b] in standard units, Z = Φ(b) − Φ(a):
		// mean μ + σ(φ(a) − φ(b))/Z, variance
		// σ²[1 + (aφ(a) − bφ(b))/Z − ((φ(a) − φ(b))/Z)²]
		// (Johnson, Kotz & Balakrishnan 1994, §10.1).
		a, b := p.z(p.Low), p.z(p.High)
		_, _, mass := stdTruncMass(a, b)
		pa, pb := distuv.UnitNormal.Prob(a), distuv.UnitNormal.Prob(b)
		r := (pa - pb) / mass
		v := 1 + (a*pa-b*pb)/mass - r*r
		return p.Mean + p.SD*r, p.SD * math.Sqrt(math.Max(v, 0))
	default:
		return (p.Low + p.High) / 2, (p.High - p.Low) / math.Sqrt(12)
	}
}

// sample draws from the prior by its quantile function, with one uniform
// draw, so that a draw never falls outside [Low, High].
func (p Param) sample(r *rand.Rand) float64 {
	u := r.Float64()
	var x float64
	switch p.Dist {
	case LogUniform:
		x = math.Exp(math.Log(p.Low) + u*(math.Log(p.High)-math.Log(p.Low)))
	case Normal:
		x = p.Mean + p.SD*stdTruncQuantile(p.z(p.Low), p.z(p.High), u)
	default:
		x = p.Low + u*(p.High-p.Low)
	}
	return math.Min(math.Max(x, p.Low), p.High)
}

func (p Param) z(x float64) float64 { return (x - p.Mean) / p.SD }

// InSupport says whether every value of theta lies in its parameter's range.
func (p Prior) InSupport(theta []float64) bool {
	for k, q := range p {
		if !q.InSupport(theta[k]) {
			return false
		}
	}
	return true
}

// LogDensity is the joint prior's log density at theta (the parameters are
// independent); −Inf outside the support.
func (p Prior) LogDensity(theta []float64) float64 {
	s := 0.0
	for k, q := range p {
		s += q.LogDensity(theta[k])
	}
	return s
}

// Density is the joint prior's density at theta.
func (p Prior) Density(theta []float64) float64 { return math.Exp(p.LogDensity(theta)) }

// stdTruncMass returns Φ(a), Φ(b) and Φ(b) − Φ(a) for the standard normal,
// after reflecting an interval in the upper tail (a > 0) into the lower
// tail, where Φ keeps its relative precision.
func stdTruncMass(a, b float64) (pa, pb, mass float64) {
	if a > 0 {
		a, b = -b, -a
	}
	pa, pb = distuv.UnitNormal.CDF(a), distuv.UnitNormal.CDF(b)
	return pa, pb, pb - pa
}

// stdTruncQuantile is the quantile function of the standard normal
// truncated to [a, b].
func stdTruncQuantile(a, b, u float64) float64 {
	if a > 0 {
		return -stdTruncQuantile(-b, -a, 1-u)
	}
	pa, _, mass := stdTruncMass(a, b)
	q := pa + u*mass
	if q <= 0 {
		return a
	}
	if q >= 1 {
		return b
	}
	return math.Min(math.Max(distuv.UnitNormal.Quantile(q), a), b)
}

func isFinite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
