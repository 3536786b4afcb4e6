package pareto

import (
	"cmp"
	"fmt"
	"slices"
)

// Hypervolume returns the volume of the objective space, for minimised
// objectives, that the points dominate and that is bounded above by ref
// (Zitzler & Thiele 1998): the measure of the union of the boxes
// [p, ref] over the points p. It is exact. Only points strictly better than
// ref in every objective contribute (a point with a NaN does not);
// dominated points and repeats add nothing, so the points need not be a
// front.
//
// Two objectives are swept in O(N log N) for N points. More are cut into
// slices along the last objective, each slice a problem of one dimension
// fewer (the hypervolume by slicing objectives of While, Hingston, Barone
// & Huband 2006), after dropping the points a slice holds that others
// dominate; this takes O(N^(M−1) log N) time for M objectives at worst,
// enough for fronts of a few hundred points and three or four objectives.
//
// It panics if a point's length differs from ref's, or ref is empty, as
// with mismatched vectors in gonum's floats package.
func Hypervolume(points [][]float64, ref []float64) float64 {
	m := len(ref)
	if m == 0 {
		panic("pareto: hypervolume: empty reference point")
	}
	in := make([][]float64, 0, len(points))
	for i, p := range points {
		if len(p) != m {
			panic(fmt.Sprintf("pareto: hypervolume: point %d has %d objectives, the reference point %d", i, len(p), m))
		}
		if strictlyBelow(p, ref) {
			in = append(in, p)
		}
	}
	return hv(in, ref, m)
}

// strictlyBelow reports whether p is below ref in every objective.
func strictlyBelow(p, ref []float64) bool {
	for i, r := range ref {
		if !(p[i] < r) {
			return false
		}
	}
	return true
}

// hv is the hypervolume of the first d objectives of pts, every one of
// which is strictly below ref there.
func hv(pts [][]float64, ref []float64, d int) float64 {
	switch {
	case len(pts) == 0:
		return 0
	case d == 1:
		lo := pts[0][0]
		for _, p := range pts[1:] {
			lo = min(lo, p[0])
		}
		return ref[0] - lo
	case d == 2:
		return hv2(pts, ref)
	}
	// Slice along objective d−1: between consecutive values z_i ≤ z_{i+1}
	// of it the cross-section is the (d−1)-dimensional hypervolume of the
	// points with value ≤ z_i.
	s := slices.Clone(pts)
	k := d - 1
	slices.SortFunc(s, func(a, b []float64) int { return cmp.Compare(a[k], b[k]) })
	var vol float64
	var active [][]float64
	for i, p := range s {
		active = addNondominated(active, p, k)
		top := ref[k]
		if i+1 < len(s) {
			top = s[i+1][k]
		}
		if top > p[k] {
			vol += (top - p[k]) * hv(active, ref, k)
		}
	}
	return vol
}

// addNondominated adds p to set, a set of mutually non-dominated points in
// the first d objectives, unless one of them weakly dominates p there, and
// drops those p weakly dominates.
func addNondominated(set [][]float64, p []float64, d int) [][]float64 {
	for _, q := range set {
		if weaklyDominates(q, p, d) {
			return set
		}
	}
	out := set[:0]
	for _, q := range set {
		if !weaklyDominates(p, q, d) {
			out = append(out, q)
		}
	}
	return append(out, p)
}

func weaklyDominates(a, b []float64, d int) bool {
	for i := range d {
		if a[i] > b[i] {
			return false
		}
	}
	return true
}

// hv2 sweeps two objectives: in order of the first, each point that
// improves on the best second objective so far adds the strip between it
// and that best.
func hv2(pts [][]float64, ref []float64) float64 {
	s := slices.Clone(pts)
	slices.SortFunc(s, func(a, b []float64) int {
		if c := cmp.Compare(a[0], b[0]); c != 0 {
			return c
		}
		return cmp.Compare(a[1], b[1])
	})
	var area float64
	best := ref[1]
	for _, p := range s {
		if p[1] < best {
			area += (ref[0] - p[0]) * (best - p[1])
			best = p[1]
		}
	}
	return area
}
