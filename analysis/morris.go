package analysis

import (
	"fmt"
	"math"

	"golang.org/x/exp/rand"
	"gonum.org/v1/gonum/stat"
)

// morrisLevel is the confidence level of the μ* bootstrap interval. It is
// fixed because Morris screening is for ranking parameters, not for formal
// inference, and one conventional level keeps screening reports comparable.
const morrisLevel = 0.95

// MorrisIndex is the elementary-effects screening result for one parameter.
//
// MuStar (μ*, the mean absolute elementary effect; Campolongo et al. 2007)
// ranks overall influence and is robust to effects of opposite sign
// cancelling, which the plain mean Mu (μ; Morris 1991) is not; comparing the
// two shows whether the sign of the effect changes across the space. Sigma
// (σ, the sample SD of the effects) is non-zero only when the effect depends
// on where it is measured, i.e. the parameter acts non-linearly or through
// interactions. [MuStarLow, MuStarHigh] is a 95% percentile bootstrap
// interval for μ* over trajectories, which says whether a ranking is
// resolved or needs more trajectories.
//
// Effects are in output units per unit of the [0,1]-scaled parameter, so μ*
// is comparable across parameters whatever their natural ranges.
type MorrisIndex struct {
	Param                                    int
	MuStar, Mu, Sigma, MuStarLow, MuStarHigh float64
}

// Morris computes elementary-effects indices from a trajectory design.
//
// points holds r trajectories of k+1 consecutive points each, in unit-cube
// coordinates [0,1]^k, and y[j] is the model output at points[j]. Within a
// trajectory each step must change exactly one coordinate, and each of the k
// coordinates exactly once, which is what Morris's construction produces
// (any step size and direction; the Δ used is the signed change, so
// EE_i = (y(b) − y(a)) / (b_i − a_i)). Each parameter thus gets r effects.
//
// bootstrap is the number of resamples (with replacement, over whole
// trajectories, since effects from one trajectory share its points) for the
// μ* interval; 0 skips the bootstrap and leaves the bounds NaN. The
// resampling uses its own generator seeded with seed, so results are
// reproducible and independent of any other randomness in the program.
//
// The result has one entry per parameter, ordered by Param (0..k−1). Sigma
// is NaN when r = 1. An error is returned for a malformed design: k < 1,
// lengths that do not match or are not a whole number of trajectories, a
// point outside [0,1]^k, a non-finite output, a step that changes zero or
// several coordinates, or a trajectory that changes some coordinate twice,
// and for a negative bootstrap count.
func Morris(points [][]float64, y []float64, k int, bootstrap int, seed uint64) ([]MorrisIndex, error) {
	ee, err := elementaryEffects(points, y, k)
	if err != nil {
		return nil, err
	}
	if bootstrap < 0 {
		return nil, fmt.Errorf("analysis: Morris: negative bootstrap count %d", bootstrap)
	}
	r := len(ee[0])

	out := make([]MorrisIndex, k)
	abs := make([]float64, r)
	for i := range k {
		for t, e := range ee[i] {
			abs[t] = math.Abs(e)
		}
		out[i] = MorrisIndex{
			Param:      i,
			MuStar:     stat.Mean(abs, nil),
			Mu:         stat.Mean(ee[i], nil),
			Sigma:      math.NaN(),
			MuStarLow:  math.NaN(),
			MuStarHigh: math.NaN(),
		}
		if r > 1 {
			out[i].Sigma = stat.StdDev(ee[i], nil)
		}
	}
	if bootstrap == 0 {
		return out, nil
	}

	rng := rand.New(rand.NewSource(seed))
	reps := make([][]float64, k)
	for i := range reps {
		reps[i] = make([]float64, bootstrap)
	}
	pick := make([]int, r)
	for b := range bootstrap {
		for t := range pick {
			pick[t] = rng.Intn(r)
		}
		for i := range k {
			var sum float64
			for _, t := range pick {
				sum += math.Abs(ee[i][t])
			}
			reps[i][b] = sum / float64(r)
		}
	}
	for i := range k {
		out[i].MuStarLow, out[i].MuStarHigh = percentileInterval(reps[i], morrisLevel)
	}
	return out, nil
}

// elementaryEffects validates a trajectory design and returns ee[i][t], the
// elementary effect of parameter i in trajectory t.
func elementaryEffects(points [][]float64, y []float64, k int) ([][]float64, error) {
	if k < 1 {
		return nil, fmt.Errorf("analysis: Morris: need k ≥ 1 parameters, got %d", k)
	}
	if len(points) != len(y) {
		return nil, fmt.Errorf("analysis: Morris: %d points but %d outputs", len(points), len(y))
	}
	if len(points) == 0 || len(points)%(k+1) != 0 {
		return nil, fmt.Errorf("analysis: Morris: %d points is not a positive multiple of k+1 = %d", len(points), k+1)
	}
	for j, p := range points {
		if len(p) != k {
			return nil, fmt.Errorf("analysis: Morris: point %d has %d coordinates, want %d", j, len(p), k)
		}
		for i, v := range p {
			if !(v >= 0 && v <= 1) {
				return nil, fmt.Errorf("analysis: Morris: point %d coordinate %d = %v is outside [0,1]", j, i, v)
			}
		}
		if math.IsNaN(y[j]) || math.IsInf(y[j], 0) {
			return nil, fmt.Errorf("analysis: Morris: output %d is %v", j, y[j])
		}
	}

	r := len(points) / (k + 1)
	ee := make([][]float64, k)
	for i := range ee {
		ee[i] = make([]float64, r)
	}
	seen := make([]bool, k)
	for t := range r {
		clear(seen)
		base := t * (k + 1)
		for s := range k {
			a, b := points[base+s], points[base+s+1]
			changed := -1
			for i := range k {
				if a[i] == b[i] {
					continue
				}
				if changed >= 0 {
					return nil, fmt.Errorf("analysis: Morris: trajectory %d step %d changes coordinates %d and %d; want exactly one", t, s, changed, i)
				}
				changed = i
			}
			if changed < 0 {
				return nil, fmt.Errorf("analysis: Morris: trajectory %d step %d changes no coordinate; want exactly one", t, s)
			}
			if seen[changed] {
				return nil, fmt.Errorf("analysis: Morris: trajectory %d changes coordinate %d more than once", t, changed)
			}
			seen[changed] = true
			ee[changed][t] = (y[base+s+1] - y[base+s]) / (b[changed] - a[changed])
		}
	}
	return ee, nil
}
