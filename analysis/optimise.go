package analysis

import (
	"math"

	"github.com/govsim/govsim/sim/table"
)

// Outcome is one measure of an optimisation's candidate over its
// replicates: the mean of the replicates' summaries and its 95% t
// interval (NaN bounds with one replicate; every field NaN when a run
// never defined the summary).
type Outcome struct {
	Mean, Low, High, HalfWidth float64
}

// Outcomes summarises a candidate's runs: values[k] holds measure k's
// summary of each replicate (analysis.Targets.Of, in the measure's display
// unit).
func Outcomes(values [][]float64) []Outcome {
	out := make([]Outcome, len(values))
	for k, v := range values {
		s := Summarize(v, 0.95)
		out[k] = Outcome{Mean: s.Mean, Low: s.CILow, High: s.CIHigh, HalfWidth: s.HalfWidth}
	}
	return out
}

// Score is what NSGA-II minimises for a candidate whose measures' means
// are means (the objectives', then the constraints'): each objective,
// negated when it is to be maximised, and the total violation of the
// constraints.
//
// The violation sums each constraint's excess over its limit relative to
// the limit — max(0, mean − limit)/|limit| for a bound max, max(0, limit −
// mean)/|limit| for a bound min, over 1 instead of |limit| when the limit
// is 0 — so that constraints in different units weigh alike and 0.1 means
// 10% beyond a limit. A measure a run never defined (a NaN mean: say, a
// metric of election months read over a window without an election)
// cannot be judged: it adds 1 to the violation, and an objective counts
// as 0, so that such a candidate ranks below every feasible one and the
// objectives of the others decide between them (Deb 2000).
func Score(means []float64, objectives []table.Objective, constraints []table.Constraint) (f []float64, violation float64) {
	f = make([]float64, len(objectives))
	for k, o := range objectives {
		x := means[k]
		switch {
		case math.IsNaN(x) || math.IsInf(x, 0):
			violation++
		case o.Goal == table.Maximise:
			f[k] = -x
		default:
			f[k] = x
		}
	}
	for k, c := range constraints {
		violation += Excess(means[len(objectives)+k], c)
	}
	return f, violation
}

// Excess is how far x lies beyond the constraint's limit, relative to the
// limit (see Score): 0 when it holds, 1 when x is NaN.
func Excess(x float64, c table.Constraint) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 1
	}
	d := x - c.Limit
	if c.Bound == table.Minimise {
		d = -d
	}
	scale := math.Abs(c.Limit)
	if scale == 0 {
		scale = 1
	}
	return math.Max(0, d) / scale
}
