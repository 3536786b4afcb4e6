package design

import (
	"fmt"

	"golang.org/x/exp/rand"
)

// Morris returns r elementary-effect trajectories (Morris 1991) of k+1
// points each, laid out trajectory by trajectory; Groups is r.
//
// Unit coordinates lie on the p-level grid {0, 1/(p−1), …, 1} and
// Δ = p/(2(p−1)). Each trajectory starts from a random base point x* whose
// coordinates lie in the lower half of the grid {0, …, 1−Δ}, a random
// orientation per factor (it either starts at x*_i and moves up by Δ, or
// starts at x*_i+Δ and moves down by Δ), and a random order of factors.
// Consecutive points differ in exactly one coordinate, by ±Δ, and every
// factor moves exactly once per trajectory. This is the construction
// B* = (J x* + (Δ/2)((2B−J)D* + J)) P* of the paper.
//
// p is levels when levels > 0; when levels is 0 it is the Levels of the
// factors (all that set it must agree), or 4 by default. p must be even and
// at least 2. List factors are not allowed. The same seed always gives the
// same points.
func Morris(f []Factor, r, levels int, seed uint64) (Design, error) {
	fs, err := validateFactors(KindMorris, f, false)
	if err != nil {
		return Design{}, err
	}
	if r < 1 {
		return Design{}, fmt.Errorf("%s: r=%d; the number of trajectories must be at least 1", KindMorris, r)
	}
	p, err := morrisLevels(fs, levels)
	if err != nil {
		return Design{}, err
	}
	k := len(fs)
	n, err := checkRuns(KindMorris, r, k+1)
	if err != nil {
		return Design{}, err
	}
	for i := range fs {
		fs[i].Levels = p
	}
	rng := rand.New(rand.NewSource(seed))
	half := p / 2 // Δ in grid steps
	d := Design{Kind: KindMorris, Factors: fs, Points: make([]Point, 0, n), Groups: r}
	level := make([]int, k)
	dir := make([]int, k)
	for t := 0; t < r; t++ {
		for j := range level {
			level[j] = rng.Intn(half) // base x*_j in {0, …, 1−Δ}
		}
		for j := range dir {
			dir[j] = 1
			if rng.Intn(2) == 1 {
				dir[j] = -1
				level[j] += half
			}
		}
		order := rng.Perm(k)
		for s := 0; s <= k; s++ {
			if s > 0 {
				j := order[s-1]
				level[j] += dir[j] * half
			}
			unit := make([]float64, k)
			for j, l := range level {
				unit[j] = float64(l) / float64(p-1)
			}
			d.Points = append(d.Points, newPoint(len(d.Points), fs, unit))
		}
	}
	return d, nil
}

// morrisLevels resolves the number of grid levels p for a Morris design.
func morrisLevels(fs []Factor, levels int) (int, error) {
	const why = "p must be even so that Δ = p/(2(p−1)) pairs each level in the lower half of the grid with one in the upper half, which keeps the grid balanced"
	if levels < 0 {
		return 0, fmt.Errorf("%s: levels=%d; levels must be an even number >= 2 (or 0 for the default %d)", KindMorris, levels, defaultMorrisLevels)
	}
	if levels > 0 {
		if levels%2 != 0 || levels < 2 {
			return 0, fmt.Errorf("%s: levels=%d; levels must be an even number >= 2: %s", KindMorris, levels, why)
		}
		return levels, nil
	}
	p, from := 0, ""
	for i, g := range fs {
		if g.Levels == 0 {
			continue
		}
		if g.Levels%2 != 0 {
			return 0, &FactorError{KindMorris, i, g.Key, fmt.Sprintf("Levels=%d; Morris levels must be an even number >= 2: %s", g.Levels, why)}
		}
		if p != 0 && g.Levels != p {
			return 0, &FactorError{KindMorris, i, g.Key, fmt.Sprintf("Levels=%d differs from factor %q (Levels=%d); Morris uses one p for all factors", g.Levels, from, p)}
		}
		p, from = g.Levels, g.Key
	}
	if p == 0 {
		p = defaultMorrisLevels
	}
	return p, nil
}
