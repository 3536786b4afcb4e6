package pareto

import (
	"encoding/binary"
	"fmt"
	"math"

	"golang.org/x/exp/rand"
)

// Options tune NSGA-II's variation. Every zero field takes its default,
// so the zero value gives the usual settings (Deb et al. 2002 used the
// same but an SBX index of 20; 15 is pymoo's). A probability therefore
// cannot be set to exactly 0; a tiny one does the same in practice.
type Options struct {
	// CrossoverProb is the probability that a mated pair is recombined
	// rather than copied; default 0.9.
	CrossoverProb float64
	// EtaC is SBX's distribution index: larger keeps children nearer their
	// parents; default 15.
	EtaC float64
	// EtaM is polynomial mutation's distribution index; default 20.
	EtaM float64
	// MutationProb is the probability that each variable of a child is
	// mutated; default 1/(number of variables).
	MutationProb float64
}

// settings checks o and fills in its defaults for nVars variables.
func (o Options) settings(nVars int) (settings, error) {
	s := settings{crossover: 0.9, etaC: 15, etaM: 20, mutation: 1 / float64(nVars)}
	for _, f := range []struct {
		name     string
		val      float64
		dst      *float64
		max      float64
		isProbab bool
	}{
		{"CrossoverProb", o.CrossoverProb, &s.crossover, 1, true},
		{"EtaC", o.EtaC, &s.etaC, math.MaxFloat64, false},
		{"EtaM", o.EtaM, &s.etaM, math.MaxFloat64, false},
		{"MutationProb", o.MutationProb, &s.mutation, 1, true},
	} {
		if !(f.val >= 0 && f.val <= f.max) {
			return s, fmt.Errorf("option %s = %g; want 0 (default) to %g", f.name, f.val, f.max)
		}
		if f.val != 0 {
			*f.dst = f.val
		}
	}
	return s, nil
}

// Stream tags keep the initial sample's randomness apart from every
// generation's.
const (
	tagInitial   = 1
	tagOffspring = 2
)

// stream returns the random generator of (seed, tag, generation), derived
// with the SplitMix64 finaliser (Steele, Lea & Flood 2014) so that nearby
// seeds and generations give unrelated streams.
func stream(seed uint64, tag uint64, generation int) *rand.Rand {
	h := mix(seed ^ 0x9e3779b97f4a7c15)
	h = mix(h ^ tag*0xbf58476d1ce4e5b9)
	h = mix(h ^ uint64(generation)*0x94d049bb133111eb)
	return rand.New(rand.NewSource(h))
}

func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// checkSize reports why n cannot be a population size, if it cannot.
func checkSize(n int) error {
	if n < 4 || n%4 != 0 {
		return fmt.Errorf("population of %d; want a positive multiple of 4 (each tournament round pairs four parents into two children)", n)
	}
	return nil
}

// Initial returns the first population: n candidates from a Latin
// hypercube over vars (McKay, Beckman & Conover 1979). For each variable
// the unit interval is cut into n equal strata, each holding one candidate
// at a uniform place within it, and the strata are matched across
// variables by independent random permutations. A real variable maps the
// unit value linearly onto [Lo, Hi]; an integer of m values and a choice of
// m options take value ⌊u·m⌋ (counted from Lo or 0), so each value is taken
// by n/m candidates, give or take one. When vars allow few distinct
// candidates some may repeat ([Select] keeps one of each).
//
// The result depends on (vars, n, seed) alone. It returns an error if n is
// not a positive multiple of 4 or a variable is malformed.
func Initial(vars []Var, n int, seed uint64) ([][]float64, error) {
	if err := checkVars(vars); err != nil {
		return nil, fmt.Errorf("pareto: initial: %w", err)
	}
	if err := checkSize(n); err != nil {
		return nil, fmt.Errorf("pareto: initial: %w", err)
	}
	rng := stream(seed, tagInitial, 0)
	out := make([][]float64, n)
	for p := range out {
		out[p] = make([]float64, len(vars))
	}
	for i, v := range vars {
		perm := rng.Perm(n)
		for p, s := range perm {
			u := (float64(s) + rng.Float64()) / float64(n)
			var x float64
			switch v.Kind {
			case KindReal:
				x = clamp(v.Lo+u*(v.Hi-v.Lo), v.Lo, v.Hi)
			case KindInt:
				x = math.Min(v.Lo+math.Floor(u*(v.Hi-v.Lo+1)), v.Hi)
			case KindChoice:
				x = math.Min(math.Floor(u*float64(v.Choices)), float64(v.Choices-1))
			}
			out[p][i] = x
		}
	}
	return out, nil
}

// maxRetries bounds the extra mutations that try to make a child differ
// from its parents and siblings.
const maxRetries = 20

// Offspring is NSGA-II's generation step (Deb et al. 2002, §III-C): from
// parents, the population that the last [Select] kept (or the evaluated
// [Initial] population), it makes len(parents) children to evaluate.
//
// Parents are put in canonical order (see [Select]) and given their rank
// ([Sort]) and crowding distance ([Crowding]) within parents. (Deb's code
// keeps the values from the last selection, where the front cut by it was
// crowded in full; recomputing them from the parents alone changes only
// the distances in that front, and keeps the step a function of what the
// caller saved.) Two rounds
// of binary tournaments, each over a fresh random permutation of the
// parents, pick mates: of two parents the lower rank wins, then the larger
// crowding distance, then the one first in the permutation (a fair coin).
// Because rank comes from constrained domination, a feasible parent beats
// an infeasible one and the less violating of two infeasible ones wins.
// Each pair of winners gives two children by crossover (see [Options]; SBX
// for reals and integers, uniform crossover for choices), and each child
// is mutated (polynomial mutation for reals and integers, resetting to
// another option for choices). Integers are crossed and mutated as reals
// in [Lo, Hi] and rounded to the nearest whole number after each step, as
// pymoo does for integer variables; Lo and Hi, each rounded from half a
// unit only, are thus proposed less often than inner values.
//
// Duplicates: a child equal to a parent or to an earlier child is mutated
// again, one variable chosen at random at a time, up to 20 times; if vars
// admit so few candidates that it stays a duplicate, it is returned as it
// is. A simulation would spend a run on a copy and, under common random
// numbers, get the same result. Copies arise when no variable is crossed
// or mutated: with the default options, measured, 3.6% of children for 30
// real variables and 8% for two.
//
// The randomness comes from a stream seeded from (seed, generation) only,
// and parents are taken in canonical order, so the children depend on
// (vars, parents as a set, generation, seed, opts) alone: a caller that
// saved the evaluations can rebuild any generation after a crash, and the
// order in which children are evaluated does not matter. generation
// should differ between the calls of one search (count them 1, 2, ...).
//
// It returns an error if len(parents) is not a positive multiple of 4,
// if vars, opts or parents are malformed, or if a parent's X is not a
// candidate of vars (wrong length, out of bounds, or a fractional integer
// or choice).
func Offspring(vars []Var, parents []Evaluated, generation int, seed uint64, opts Options) ([][]float64, error) {
	if err := checkVars(vars); err != nil {
		return nil, fmt.Errorf("pareto: offspring: %w", err)
	}
	if err := checkSize(len(parents)); err != nil {
		return nil, fmt.Errorf("pareto: offspring: %w", err)
	}
	if err := checkPop(parents); err != nil {
		return nil, fmt.Errorf("pareto: offspring: %w", err)
	}
	for i := range parents {
		if err := checkX(vars, parents[i].X); err != nil {
			return nil, fmt.Errorf("pareto: offspring: parent %d: %w", i, err)
		}
	}
	s, err := opts.settings(len(vars))
	if err != nil {
		return nil, fmt.Errorf("pareto: offspring: %w", err)
	}

	c := canonical(parents)
	n := len(c)
	rank := make([]int, n)
	crowd := make([]float64, n)
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	for r, f := range fronts(c, all) {
		for k, d := range Crowding(c, f) {
			rank[f[k]] = r
			crowd[f[k]] = d
		}
	}

	rng := stream(seed, tagOffspring, generation)
	seen := make(map[string]bool, 2*n)
	key := make([]byte, 8*len(vars))
	isNew := func(x []float64) bool {
		for i, v := range x {
			binary.LittleEndian.PutUint64(key[8*i:], math.Float64bits(v))
		}
		if seen[string(key)] {
			return false
		}
		seen[string(key)] = true
		return true
	}
	for i := range c {
		isNew(c[i].X)
	}
	out := make([][]float64, 0, n)
	for range 2 {
		perm := rng.Perm(n)
		for i := 0; i < n; i += 4 {
			a := tournament(rank, crowd, perm[i], perm[i+1])
			b := tournament(rank, crowd, perm[i+2], perm[i+3])
			c1, c2 := mate(rng, vars, c[a].X, c[b].X, s)
			for _, x := range [][]float64{c1, c2} {
				mutate(rng, vars, x, s)
				for try := 0; !isNew(x) && try < maxRetries; try++ {
					j := rng.Intn(len(vars))
					mutateOne(rng, vars[j], &x[j], s)
				}
				out = append(out, x)
			}
		}
	}
	return out, nil
}

// tournament returns the winner of a binary tournament between parents a
// and b by Deb et al.'s crowded comparison: the lower rank, then the larger
// crowding distance, then a, the first drawn.
func tournament(rank []int, crowd []float64, a, b int) int {
	switch {
	case rank[a] < rank[b]:
		return a
	case rank[b] < rank[a]:
		return b
	case crowd[b] > crowd[a]:
		return b
	}
	return a
}
