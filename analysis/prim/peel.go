package prim

import (
	"math"
	"slices"
)

// state is one run of Find: the data in both layouts and the options.
type state struct {
	rows    [][]float64 // rows[i][j]: point i, parameter j (the caller's x)
	cols    [][]float64 // cols[j][i]: the same values by parameter
	order   [][]int     // order[j]: point indices by ascending cols[j] (ties by index)
	y       []bool
	n, k    int
	cases   int
	initial []Range
	opts    Options
}

func newState(x [][]float64, y []bool, initial []Range, o Options) *state {
	n, k := len(x), len(initial)
	s := &state{rows: x, y: y, n: n, k: k, initial: initial, opts: o,
		cols: make([][]float64, k), order: make([][]int, k)}
	for _, c := range y {
		if c {
			s.cases++
		}
	}
	for j := range k {
		col := make([]float64, n)
		for i := range n {
			col[i] = x[i][j]
		}
		ord := make([]int, n)
		for i := range ord {
			ord[i] = i
		}
		slices.SortStableFunc(ord, func(a, b int) int {
			switch {
			case col[a] < col[b]:
				return -1
			case col[a] > col[b]:
				return 1
			}
			return 0
		})
		s.cols[j], s.order[j] = col, ord
	}
	return s
}

// peelMove is one candidate peel: the side of a dimension, its new limit,
// and what the box would hold after it.
type peelMove struct {
	dim          int
	high         bool // the upper limit moves down (else the lower moves up)
	limit        float64
	points       int  // points left in the box
	cases        int  // cases left in the box
	restrictsNew bool // the dimension was unrestricted before
}

// better reports whether a is a better peel than b under the rule of the
// package documentation: denser, then restricting no new dimension, then
// larger. Candidates are offered in order of dimension, low side first, so
// keeping the earlier one on a full tie breaks it by that order.
func (a peelMove) better(b peelMove) bool {
	if a.cases*b.points != b.cases*a.points {
		return denser(a.cases, a.points, b.cases, b.points)
	}
	if a.restrictsNew != b.restrictsNew {
		return !a.restrictsNew
	}
	return a.points > b.points
}

// peel runs the peeling phase and returns the trajectory.
func (s *state) peel() []Box {
	low, high := make([]float64, s.k), make([]float64, s.k)
	for j, r := range s.initial {
		low[j], high[j] = r.Low, r.High
	}
	in := make([]bool, s.n)
	for i := range in {
		in[i] = true
	}
	points, cases := s.n, s.cases
	traj := []Box{s.measure(low, high)}
	if cases == 0 {
		return traj
	}
	minPoints := s.opts.MinMass * float64(s.n)
	for cases < points {
		r := max(1, int(math.Round(s.opts.PeelAlpha*float64(points))))
		var best peelMove
		found := false
		for j := range s.k {
			restricted := low[j] != s.initial[j].Low || high[j] != s.initial[j].High
			for _, hi := range []bool{false, true} {
				m, ok := s.peelOne(in, j, hi, r)
				if !ok {
					continue
				}
				m.points, m.cases = points-m.points, cases-m.cases
				if float64(m.points) < minPoints {
					continue
				}
				m.restrictsNew = !restricted
				if !found || m.better(best) {
					best, found = m, true
				}
			}
		}
		if !found {
			break
		}
		j := best.dim
		if best.high {
			high[j] = best.limit
		} else {
			low[j] = best.limit
		}
		for i, v := range s.cols[j] {
			in[i] = in[i] && v >= low[j] && v <= high[j]
		}
		points, cases = best.points, best.cases
		traj = append(traj, s.measure(low, high))
	}
	return traj
}

// peelOne finds the peel of r points of the box (in) from one side of
// dimension j, plus any points tied with the last of them. It returns the
// new limit and the points and cases removed (in points and cases; the
// caller turns them into what is left), or false when the peel would
// empty the box.
func (s *state) peelOne(in []bool, j int, high bool, r int) (peelMove, bool) {
	col, ord := s.cols[j], s.order[j]
	m := peelMove{dim: j, high: high}
	var last float64
	for t := range s.n {
		i := ord[t]
		if high {
			i = ord[s.n-1-t]
		}
		if !in[i] {
			continue
		}
		v := col[i]
		if m.points >= r && v != last {
			m.limit = cut(v, last)
			return m, true
		}
		m.points++
		if s.y[i] {
			m.cases++
		}
		last = v
	}
	return m, false
}

// cut returns a limit that keeps the value kept and excludes dropped (on
// either side of it): their midpoint, or kept itself where the two are
// adjacent floating-point numbers.
func cut(kept, dropped float64) float64 {
	m := kept/2 + dropped/2
	if kept < dropped && (m < kept || m >= dropped) || kept > dropped && (m > kept || m <= dropped) {
		return kept
	}
	return m
}
