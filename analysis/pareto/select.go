package pareto

import (
	"cmp"
	"fmt"
	"slices"
)

// Select is NSGA-II's elitist environmental selection (Deb et al. 2002,
// §III-C): from pop, normally the parents together with their evaluated
// offspring, it keeps n members, whole fronts first ([Sort]) and, from
// the front that does not fit whole, those of largest crowding distance
// ([Crowding]).
//
// The result is the same for any order of pop: pop is first put in a
// canonical order (by X lexicographically, then F, then violation), and
// every tie (equal crowding distance in the last front) goes to the member
// that comes first in it. The survivors are returned front by front, each
// front in canonical order.
//
// Duplicates: of several identical evaluations (same X, objectives and
// violation, as a package evaluated twice under common random numbers
// gives), one competes. The copies fill places only when pop holds fewer
// than n distinct evaluations, and then come last, copies of better-ranked
// ones first. A package evaluated twice thus never holds two places while
// another could have one. Evaluations of one X with different results (a
// noisy simulation) are different members: average replicates before
// handing them over.
//
// It returns an error if n is not between 1 and len(pop), or if pop is
// malformed (see [Sort]).
func Select(pop []Evaluated, n int) ([]Evaluated, error) {
	if err := checkPop(pop); err != nil {
		return nil, fmt.Errorf("pareto: select: %w", err)
	}
	if n < 1 || n > len(pop) {
		return nil, fmt.Errorf("pareto: select: keep %d of %d; want 1 to %d", n, len(pop), len(pop))
	}
	c := canonical(pop)
	uniq, twin := distinct(c)
	fr := fronts(c, uniq)
	out := make([]Evaluated, 0, n)
	rank := make([]int, len(c))
	for r, f := range fr {
		for _, i := range f {
			rank[i] = r
		}
		if len(out) == n {
			continue
		}
		if len(out)+len(f) <= n {
			for _, i := range f {
				out = append(out, c[i])
			}
			continue
		}
		d := Crowding(c, f)
		pos := make([]int, len(f))
		for k := range pos {
			pos[k] = k
		}
		// Largest distance first; equal distances by canonical order.
		slices.SortStableFunc(pos, func(a, b int) int { return cmp.Compare(d[b], d[a]) })
		keep := pos[:n-len(out)]
		slices.Sort(keep)
		for _, k := range keep {
			out = append(out, c[f[k]])
		}
	}
	if len(out) < n {
		var dups []int
		for i, t := range twin {
			if t >= 0 {
				dups = append(dups, i)
			}
		}
		slices.SortStableFunc(dups, func(a, b int) int { return cmp.Compare(rank[twin[a]], rank[twin[b]]) })
		for _, i := range dups[:n-len(out)] {
			out = append(out, c[i])
		}
	}
	return out, nil
}

// distinct returns the positions of c (in canonical order) that differ
// from every earlier one, and twin[i]: for every other position the
// position of the first identical one, −1 for those in uniq. Canonical
// order puts identical evaluations next to each other.
func distinct(c []Evaluated) (uniq, twin []int) {
	twin = make([]int, len(c))
	first := 0
	for i := range c {
		if i > 0 && cmpCanonical(&c[i], &c[first]) == 0 {
			twin[i] = first
			continue
		}
		first = i
		twin[i] = -1
		uniq = append(uniq, i)
	}
	return uniq, twin
}

// Front returns the non-dominated members of all under constrained
// domination ([Dominates]): the Pareto front of every evaluation so far,
// which is what an optimisation reports. Identical evaluations count once
// (see [Select] on duplicates); the result is in canonical order (by X
// lexicographically) and does not depend on the order of all.
//
// When some evaluation is feasible the front holds only feasible ones.
// When none is, it holds those of least violation, whatever their
// objectives (by Deb's rule an infeasible solution is judged by its
// violation alone); check [Evaluated.Feasible] before reporting them as
// solutions.
//
// It takes O(N log N + N·P·M) time for N evaluations, a front of P and M
// objectives, so it suits every evaluation of a long run. It returns an
// error when all is malformed (see [Sort]).
func Front(all []Evaluated) ([]Evaluated, error) {
	if err := checkPop(all); err != nil {
		return nil, fmt.Errorf("pareto: front: %w", err)
	}
	c := canonical(all)
	uniq, _ := distinct(c)
	// In order of (violation, F lexicographically) a member can be dominated
	// only by one before it, and domination is transitive, so comparing each
	// with the members kept so far is enough.
	slices.SortStableFunc(uniq, func(i, j int) int {
		if v := cmpFloat(c[i].Violation, c[j].Violation); v != 0 {
			return v
		}
		return cmpFloats(c[i].F, c[j].F)
	})
	var keep []int
next:
	for _, i := range uniq {
		for _, k := range keep {
			if dominance(&c[k], &c[i]) < 0 {
				continue next
			}
		}
		keep = append(keep, i)
	}
	slices.Sort(keep)
	out := make([]Evaluated, len(keep))
	for k, i := range keep {
		out[k] = c[i]
	}
	return out, nil
}
