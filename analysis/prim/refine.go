package prim

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/mathext"
)

// Where a point lies against a box, as scan reports it: inside, outside on
// more than one limit, or (a value l ≥ 0) outside on limit l alone, the
// lower limit of dimension j being l = 2j and its upper 2j + 1.
const (
	inside      = -1
	outsideMany = -2
)

// moved lists the dimensions whose limits differ from the initial box's.
func (s *state) moved(low, high []float64) []int {
	var d []int
	for j, r := range s.initial {
		if low[j] != r.Low || high[j] != r.High {
			d = append(d, j)
		}
	}
	return d
}

// scan places every point against the box. Only moved limits can exclude
// a point, since every point lies in the initial box.
func (s *state) scan(low, high []float64) []int {
	moved := s.moved(low, high)
	where := make([]int, s.n)
	for i, row := range s.rows {
		w := inside
		for _, j := range moved {
			var l int
			switch v := row[j]; {
			case v < low[j]:
				l = 2 * j
			case v > high[j]:
				l = 2*j + 1
			default:
				continue
			}
			if w != inside {
				w = outsideMany
				break
			}
			w = l
		}
		where[i] = w
	}
	return where
}

// tally counts points and the cases among them.
type tally struct{ points, cases int }

func (t *tally) add(c bool) {
	t.points++
	if c {
		t.cases++
	}
}

// measure returns the box with its measures and quasi-p-values.
func (s *state) measure(low, high []float64) Box {
	where := s.scan(low, high)
	var in tally
	slab := make([]tally, 2*s.k) // points outside on one limit alone
	for i, w := range where {
		switch {
		case w == inside:
			in.add(s.y[i])
		case w >= 0:
			slab[w].add(s.y[i])
		}
	}
	nan := math.NaN()
	b := Box{
		Low: slices.Clone(low), High: slices.Clone(high),
		Points: in.points, Cases: in.cases,
		Coverage: nan, Density: nan,
		Mass:        float64(in.points) / float64(s.n),
		Restricted:  make([]Restriction, s.k),
		QuasiP:      make([]float64, s.k),
		LimitQuasiP: make([][2]float64, s.k),
	}
	if s.cases > 0 {
		b.Coverage = float64(in.cases) / float64(s.cases)
	}
	if in.points > 0 {
		b.Density = float64(in.cases) / float64(in.points)
	}
	for j, r := range s.initial {
		b.QuasiP[j], b.LimitQuasiP[j] = nan, [2]float64{nan, nan}
		lo, hi := low[j] != r.Low, high[j] != r.High
		switch {
		case lo && hi:
			b.Restricted[j] = Between
		case lo:
			b.Restricted[j] = AtLeast
		case hi:
			b.Restricted[j] = AtMost
		default:
			continue
		}
		// A point outside the box on dimension j alone is outside on
		// exactly one of its two limits, so the two slabs together are
		// what removing the whole restriction adds.
		sl, sh := slab[2*j], slab[2*j+1]
		b.QuasiP[j] = quasiP(in, tally{in.points + sl.points + sh.points, in.cases + sl.cases + sh.cases})
		if lo {
			b.LimitQuasiP[j][0] = quasiP(in, tally{in.points + sl.points, in.cases + sl.cases})
		}
		if hi {
			b.LimitQuasiP[j][1] = quasiP(in, tally{in.points + sh.points, in.cases + sh.cases})
		}
	}
	return b
}

// quasiP is the one-sided binomial test of Bryant & Lempert (2010): the
// probability of at least box.cases cases among box.points points if each
// were a case with probability relaxed.cases/relaxed.points, the rate in
// the box with one restriction removed. The binomial upper tail
// P(X ≥ h) for X ~ B(t, p) is the regularised incomplete beta function
// I_p(h, t − h + 1) (Abramowitz & Stegun 1964, 26.5.24), which keeps its
// precision for tails far below the 1e-16 that 1 − CDF could resolve.
func quasiP(box, relaxed tally) float64 {
	if box.cases == 0 {
		return 1
	}
	p := float64(relaxed.cases) / float64(relaxed.points)
	if p >= 1 {
		return 1
	}
	return mathext.RegIncBeta(float64(box.cases), float64(box.points-box.cases+1), p)
}

// refine prunes and pastes the chosen box (low, high; modified) until
// neither changes it, and returns it measured. Both only move limits
// outwards, so it ends: pruning lowers the number of moved limits, and
// pasting adds points without moving a new limit.
func (s *state) refine(low, high []float64) Box {
	for {
		b := s.measure(low, high)
		worst, wl := 0.0, -1
		for j, lp := range b.LimitQuasiP {
			for side, p := range lp {
				if p > s.opts.MaxQuasiP && p > worst {
					worst, wl = p, 2*j+side
				}
			}
		}
		if wl >= 0 {
			j := wl / 2
			if wl%2 == 0 {
				low[j] = s.initial[j].Low
			} else {
				high[j] = s.initial[j].High
			}
			continue
		}
		if !s.paste(low, high, b) {
			return b
		}
	}
}

// paste widens the box (low, high; b its measures) by its best paste, if
// one raises the density, and reports whether it did. A paste moves one
// moved limit out past the nearest share PasteAlpha of the box's points
// among those outside on that limit alone (plus any tied with the last),
// to midway between the last taken and the next, or to the initial
// box's limit if none is left. The best paste is the densest, then the
// largest, then the first by dimension, low side first.
func (s *state) paste(low, high []float64, b Box) bool {
	where := s.scan(low, high)
	slabs := make([][]int, 2*s.k)
	for i, w := range where {
		if w >= 0 {
			slabs[w] = append(slabs[w], i)
		}
	}
	r := max(1, int(math.Round(s.opts.PasteAlpha*float64(b.Points))))
	found := false
	var bestL int
	var bestLimit float64
	var best tally
	for l, pts := range slabs {
		if len(pts) == 0 {
			continue
		}
		j, up := l/2, l%2 == 1
		col := s.cols[j]
		// Nearest the limit first: descending below the lower limit,
		// ascending above the upper.
		slices.SortFunc(pts, func(a, c int) int {
			if up {
				return cmpFloat(col[a], col[c], a, c)
			}
			return cmpFloat(col[c], col[a], c, a)
		})
		add := tally{b.Points, b.Cases}
		limit := s.initial[j].Low
		if up {
			limit = s.initial[j].High
		}
		for t, i := range pts {
			if t >= r && col[i] != col[pts[t-1]] {
				limit = cut(col[pts[t-1]], col[i])
				break
			}
			add.add(s.y[i])
		}
		if !found || denser(add.cases, add.points, best.cases, best.points) ||
			add.cases*best.points == best.cases*add.points && add.points > best.points {
			found, bestL, bestLimit, best = true, l, limit, add
		}
	}
	if !found || !denser(best.cases, best.points, b.Cases, b.Points) {
		return false
	}
	if bestL%2 == 0 {
		low[bestL/2] = bestLimit
	} else {
		high[bestL/2] = bestLimit
	}
	return true
}

// cmpFloat orders by value, then by point index, so sorts are the same on
// every run.
func cmpFloat(x, y float64, i, j int) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return i - j
}
