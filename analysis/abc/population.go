package abc

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Particle is an accepted candidate.
type Particle struct {
	Index    int       // the candidate's index in its generation
	Theta    []float64 // in the prior's parameter order
	Weight   float64   // normalised importance weight
	Distance float64
}

// Population is a generation's accepted candidates, in candidate-index
// order, with what it cost. It is all the next generation needs.
type Population struct {
	Generation int
	Epsilon    float64 // the tolerance the particles met; +Inf in generation 0
	Particles  []Particle
	// Candidates is the number of candidates up to and including the N-th
	// accepted one: the candidates the population needed, whatever the
	// batching. N / Candidates is the acceptance rate.
	Candidates int
	// Evaluated is the number of evaluations the population was formed
	// from, Candidates plus a batch's overshoot. It is the cost, and the
	// one field that depends on how the caller batched.
	Evaluated int
	// Redraws counts the proposals outside the prior's support among the
	// Candidates.
	Redraws int
}

// ESS is the effective sample size 1 / Σ w_i² of the normalised weights:
// N for equal weights, 1 when one particle holds all the weight (Kong, Liu
// & Wong 1994).
func (p Population) ESS() float64 {
	s := 0.0
	for _, q := range p.Particles {
		s += q.Weight * q.Weight
	}
	return 1 / s
}

// Acceptance is the acceptance rate N / Candidates; NaN when Candidates
// is 0 (a population not made by [Generation.Population]).
func (p Population) Acceptance() float64 {
	if p.Candidates == 0 {
		return math.NaN()
	}
	return float64(len(p.Particles)) / float64(p.Candidates)
}

// check reports a population that cannot be the previous generation of a
// calibration with configuration c: the wrong size or dimension, a value
// outside the prior's support, weights that are negative, not finite or do
// not sum to 1, a NaN distance, or indices not strictly increasing.
func (p Population) check(c Config) error {
	if len(p.Particles) != c.N {
		return fmt.Errorf("population of %d particles; the configuration says N = %d", len(p.Particles), c.N)
	}
	sum := 0.0
	for i, q := range p.Particles {
		switch {
		case len(q.Theta) != len(c.Prior):
			return fmt.Errorf("particle %d has %d parameters; the prior has %d", i, len(q.Theta), len(c.Prior))
		case !c.Prior.InSupport(q.Theta):
			return fmt.Errorf("particle %d (candidate %d) lies outside the prior's support: %v", i, q.Index, q.Theta)
		case !(q.Weight >= 0) || math.IsInf(q.Weight, 1):
			return fmt.Errorf("particle %d has weight %v", i, q.Weight)
		case math.IsNaN(q.Distance):
			return fmt.Errorf("particle %d has distance NaN", i)
		case i > 0 && q.Index <= p.Particles[i-1].Index:
			return fmt.Errorf("particle %d: candidate index %d does not follow %d", i, q.Index, p.Particles[i-1].Index)
		}
		sum += q.Weight
	}
	if math.Abs(sum-1) > 1e-9 {
		return fmt.Errorf("weights sum to %v, not 1", sum)
	}
	return nil
}

// Row is one particle as a flat record, with its population's figures
// repeated, as long-form tables hold them. A float64 written with
// strconv.FormatFloat(x, 'g', -1, 64) reads back to the same bits, so rows
// written as text rebuild the population exactly.
type Row struct {
	Generation                     int
	Epsilon                        float64
	Candidates, Evaluated, Redraws int
	Index                          int
	Weight, Distance               float64
	Theta                          []float64
}

// Rows flattens p, one row per particle, in particle order.
func (p Population) Rows() []Row {
	out := make([]Row, len(p.Particles))
	for i, q := range p.Particles {
		out[i] = Row{
			Generation: p.Generation, Epsilon: p.Epsilon,
			Candidates: p.Candidates, Evaluated: p.Evaluated, Redraws: p.Redraws,
			Index: q.Index, Weight: q.Weight, Distance: q.Distance,
			Theta: slices.Clone(q.Theta),
		}
	}
	return out
}

// FromRows rebuilds a population from its rows, in any order (particles
// are put back in candidate-index order). It reports rows of different
// generations or population figures, repeated candidate indices and
// parameter vectors of different lengths; [Next] checks the rest against
// the configuration.
func FromRows(rows []Row) (Population, error) {
	if len(rows) == 0 {
		return Population{}, fmt.Errorf("abc: no rows")
	}
	r0 := rows[0]
	p := Population{
		Generation: r0.Generation, Epsilon: r0.Epsilon,
		Candidates: r0.Candidates, Evaluated: r0.Evaluated, Redraws: r0.Redraws,
		Particles: make([]Particle, len(rows)),
	}
	for i, r := range rows {
		if r.Generation != r0.Generation || !sameFloat(r.Epsilon, r0.Epsilon) ||
			r.Candidates != r0.Candidates || r.Evaluated != r0.Evaluated || r.Redraws != r0.Redraws {
			return Population{}, fmt.Errorf("abc: row %d is of another population (generation %d, epsilon %v) than row 0 (generation %d, epsilon %v)", i, r.Generation, r.Epsilon, r0.Generation, r0.Epsilon)
		}
		if len(r.Theta) != len(r0.Theta) {
			return Population{}, fmt.Errorf("abc: row %d has %d parameters, row 0 has %d", i, len(r.Theta), len(r0.Theta))
		}
		p.Particles[i] = Particle{Index: r.Index, Theta: slices.Clone(r.Theta), Weight: r.Weight, Distance: r.Distance}
	}
	slices.SortFunc(p.Particles, func(a, b Particle) int { return cmp.Compare(a.Index, b.Index) })
	for i := 1; i < len(p.Particles); i++ {
		if p.Particles[i].Index == p.Particles[i-1].Index {
			return Population{}, fmt.Errorf("abc: generation %d: candidate %d appears twice", p.Generation, p.Particles[i].Index)
		}
	}
	return p, nil
}

func sameFloat(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
