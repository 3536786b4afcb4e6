package abc

import (
	"fmt"
	"math"
)

// Distance measures how far a simulated summary vector lies from the
// observed one, on standardised differences:
//
//	d = sqrt( Σ_k ((sim_k − obs_k) / scale_k)² )
//
// A target's scale is its standard error (or, for a target given as a
// tolerance, the tolerance), so every target counts in its own units of
// uncertainty and no target dominates because its metric is measured in
// bigger numbers. With scales that are standard errors of independent
// targets, d² is a chi-square-like misfit, and d ≤ 1 means the simulation
// lies within one standard error of the data in the Euclidean sense.
//
// The scales are fixed for the whole calibration. Adapting them between
// generations (Prangle 2017, as pyABC's adaptive distances do) would make
// the previous generation's distances incomparable with the next ones, so a
// generation would need the previous summaries and not only its distances.
type Distance struct {
	observed, scale []float64
}

// NewDistance checks the observed summaries (finite) and the scales (finite
// and positive, one per observed value) and returns the distance to them.
func NewDistance(observed, scale []float64) (Distance, error) {
	if len(observed) == 0 {
		return Distance{}, fmt.Errorf("distance: no observed summaries")
	}
	if len(scale) != len(observed) {
		return Distance{}, fmt.Errorf("distance: %d scales for %d observed summaries", len(scale), len(observed))
	}
	for k := range observed {
		if !isFinite(observed[k]) {
			return Distance{}, fmt.Errorf("distance: observed summary %d is %v", k, observed[k])
		}
		if !(scale[k] > 0) || math.IsInf(scale[k], 1) {
			return Distance{}, fmt.Errorf("distance: scale %d is %v; a scale is a positive standard error or tolerance", k, scale[k])
		}
	}
	return Distance{observed: append([]float64(nil), observed...), scale: append([]float64(nil), scale...)}, nil
}

// Of returns the distance of the simulated summaries sim. It is NaN when a
// simulated summary is NaN (a metric the run did not define), which
// [Generation.Status] refuses: the caller decides whether such a run counts
// as infinitely far (+Inf) or is an error. It panics if len(sim) differs
// from the number of observed summaries, which is a bug in the caller.
func (d Distance) Of(sim []float64) float64 {
	if len(sim) != len(d.observed) {
		panic(fmt.Sprintf("abc: Distance.Of: %d simulated summaries for %d observed", len(sim), len(d.observed)))
	}
	s := 0.0
	for k, x := range sim {
		z := (x - d.observed[k]) / d.scale[k]
		s += z * z
	}
	return math.Sqrt(s)
}
