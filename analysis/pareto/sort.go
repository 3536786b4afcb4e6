package pareto

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// Evaluated is one candidate with its results.
type Evaluated struct {
	X []float64 // decision values, one per Var
	F []float64 // objectives, all minimised (negate a maximised one)
	// Violation is the total constraint violation, 0 when every constraint
	// holds; for example max(0, spending−budget) summed over constraints,
	// each scaled so that the constraints weigh alike.
	Violation float64
}

// Feasible reports whether e satisfies every constraint.
func (e Evaluated) Feasible() bool { return e.Violation == 0 }

// Dominates reports whether a dominates b under Deb's constrained
// domination (Deb 2000; Deb et al. 2002, §VI): a feasible solution
// dominates an infeasible one; of two infeasible ones the smaller total
// violation dominates (equal violations: neither); of two feasible ones,
// a dominates b when it is no worse in every objective and better in at
// least one. The objectives must have the same length.
func Dominates(a, b Evaluated) bool { return dominance(&a, &b) < 0 }

// dominance returns −1 when a dominates b, 1 when b dominates a, and 0
// when neither does.
func dominance(a, b *Evaluated) int {
	va, vb := a.Violation, b.Violation
	switch {
	case va == 0 && vb == 0:
	case va == 0:
		return -1
	case vb == 0:
		return 1
	case va < vb:
		return -1
	case vb < va:
		return 1
	default:
		return 0
	}
	aBetter, bBetter := false, false
	for m, fa := range a.F {
		fb := b.F[m]
		if fa < fb {
			aBetter = true
		} else if fb < fa {
			bBetter = true
		}
		if aBetter && bBetter {
			return 0
		}
	}
	switch {
	case aBetter:
		return -1
	case bBetter:
		return 1
	}
	return 0
}

// checkPop reports why pop cannot be sorted, if it cannot: it is empty,
// the lengths of X or F differ between members, F is empty, or a value is
// not finite, or a violation is negative.
func checkPop(pop []Evaluated) error {
	if len(pop) == 0 {
		return errors.New("empty population")
	}
	nx, nf := len(pop[0].X), len(pop[0].F)
	if nf == 0 {
		return errors.New("evaluation 0 has no objectives")
	}
	for i := range pop {
		e := &pop[i]
		if len(e.X) != nx || len(e.F) != nf {
			return fmt.Errorf("evaluation %d has %d values and %d objectives; evaluation 0 has %d and %d", i, len(e.X), len(e.F), nx, nf)
		}
		for j, x := range e.X {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return fmt.Errorf("evaluation %d: value %d is %g", i, j, x)
			}
		}
		for m, f := range e.F {
			if math.IsNaN(f) || math.IsInf(f, 0) {
				return fmt.Errorf("evaluation %d: objective %d is %g; give a failed run a violation instead", i, m, f)
			}
		}
		if !(e.Violation >= 0) || math.IsInf(e.Violation, 0) {
			return fmt.Errorf("evaluation %d: violation %g; want a finite number >= 0", i, e.Violation)
		}
	}
	return nil
}

// cmpFloat orders non-NaN floats totally: by value, and −0 before +0, so
// that the canonical order never leaves two different values tied.
func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	sa, sb := math.Signbit(a), math.Signbit(b)
	switch {
	case sa && !sb:
		return -1
	case sb && !sa:
		return 1
	}
	return 0
}

func cmpFloats(a, b []float64) int {
	for i := range a {
		if c := cmpFloat(a[i], b[i]); c != 0 {
			return c
		}
	}
	return 0
}

// cmpCanonical is the canonical order of evaluations: by X
// lexicographically, then F, then violation. Two evaluations it ties are
// equal in every field, so sorting by it makes every result of this package
// independent of the order in which evaluations are given.
func cmpCanonical(a, b *Evaluated) int {
	if c := cmpFloats(a.X, b.X); c != 0 {
		return c
	}
	if c := cmpFloats(a.F, b.F); c != 0 {
		return c
	}
	return cmpFloat(a.Violation, b.Violation)
}

// canonical returns a copy of pop (sharing the slices X and F) in the
// canonical order. Members it ties are equal, so which comes first does
// not matter; the index decides, to keep the sort a total order.
func canonical(pop []Evaluated) []Evaluated {
	idx := make([]int, len(pop))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(i, j int) int {
		if c := cmpCanonical(&pop[i], &pop[j]); c != 0 {
			return c
		}
		return i - j
	})
	out := make([]Evaluated, len(pop))
	for k, i := range idx {
		out[k] = pop[i]
	}
	return out
}

// Sort is the fast non-dominated sort of Deb et al. (2002, §III-A) under
// constrained domination ([Dominates]): fronts[0] holds the indices of the
// members of pop that nothing dominates, fronts[1] those that only members
// of fronts[0] dominate, and so on. Every index appears once; each front
// lists its indices in increasing order. Fronts depend on the members
// alone, not on their order. The fronts of feasible members come before
// those of infeasible ones.
//
// It returns an error when pop is empty or malformed: members whose X or F
// lengths differ, no objectives, a value or objective that is NaN or
// infinite, or a negative or infinite violation.
func Sort(pop []Evaluated) ([][]int, error) {
	if err := checkPop(pop); err != nil {
		return nil, fmt.Errorf("pareto: sort: %w", err)
	}
	idx := make([]int, len(pop))
	for i := range idx {
		idx[i] = i
	}
	return fronts(pop, idx), nil
}

// fronts sorts the members idx of pop (idx in increasing order) into
// fronts, each in increasing order of index. It takes O(M N²) time for N
// members and M objectives.
func fronts(pop []Evaluated, idx []int) [][]int {
	n := len(idx)
	count := make([]int, n)   // count[p]: how many members dominate p
	dom := make([][]int32, n) // dom[p]: the positions (in idx) p dominates
	for p := 0; p < n; p++ {
		a := &pop[idx[p]]
		for q := p + 1; q < n; q++ {
			switch dominance(a, &pop[idx[q]]) {
			case -1:
				dom[p] = append(dom[p], int32(q))
				count[q]++
			case 1:
				dom[q] = append(dom[q], int32(p))
				count[p]++
			}
		}
	}
	var out [][]int
	var cur []int // positions in idx
	for p := range n {
		if count[p] == 0 {
			cur = append(cur, p)
		}
	}
	for len(cur) > 0 {
		front := make([]int, len(cur))
		var next []int
		for i, p := range cur {
			front[i] = idx[p]
			for _, q := range dom[p] {
				count[q]--
				if count[q] == 0 {
					next = append(next, int(q))
				}
			}
		}
		slices.Sort(front)
		slices.Sort(next)
		out = append(out, front)
		cur = next
	}
	return out
}

// Crowding returns the crowding distance (Deb et al. 2002, §III-B) of each
// member of one front of pop, in the order of front: for each objective,
// the members are ordered by it; the two ends get +Inf and every other
// member the gap between its two neighbours divided by the objective's
// range over the front; the distance sums these over objectives. An
// objective that is the same for the whole front adds nothing, and a front
// of one or two members is all +Inf. Ties in an objective are ordered by
// position in front, so the result does not depend on sort stability.
//
// Members with identical objectives share one point of the front: the
// distance is computed over distinct objective vectors, the first member
// (by position in front) of each group gets its point's distance and the
// others 0. Without this a copy next to its twin would look as isolated as
// the twin, and copies would keep places that spread the front (under
// common random numbers, identical packages give identical objectives).
//
// front must hold indices into pop, as [Sort] returns them.
func Crowding(pop []Evaluated, front []int) []float64 {
	d := make([]float64, len(front))
	// Group identical objective vectors; reps are positions in front.
	order := make([]int, len(front))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return cmpFloats(pop[front[i]].F, pop[front[j]].F) })
	reps := make([]int, 0, len(front))
	for k, i := range order {
		if k > 0 && cmpFloats(pop[front[i]].F, pop[front[order[k-1]]].F) == 0 {
			continue // a copy: distance 0
		}
		reps = append(reps, i)
	}
	slices.Sort(reps)
	if len(reps) <= 2 {
		for _, i := range reps {
			d[i] = math.Inf(1)
		}
		return d
	}
	nObj := len(pop[front[0]].F)
	byObj := make([]int, len(reps))
	for m := range nObj {
		copy(byObj, reps) // ties in objective m keep the order of front
		f := func(i int) float64 { return pop[front[i]].F[m] }
		slices.SortStableFunc(byObj, func(i, j int) int { return cmpFloat(f(i), f(j)) })
		lo, hi := f(byObj[0]), f(byObj[len(byObj)-1])
		if hi == lo {
			continue
		}
		d[byObj[0]] = math.Inf(1)
		d[byObj[len(byObj)-1]] = math.Inf(1)
		for k := 1; k < len(byObj)-1; k++ {
			d[byObj[k]] += (f(byObj[k+1]) - f(byObj[k-1])) / (hi - lo)
		}
	}
	return d
}
