package pareto

import (
	"math"

	"golang.org/x/exp/rand"
)

// closeEnough is the gap below which two parents' values are treated as
// equal and not crossed: SBX divides by the gap.
const closeEnough = 1e-14

// sbx is bounded simulated binary crossover of one real value (Deb &
// Agrawal 1995; the bounded spread of Deb's NSGA-II code): children lie
// about the parents' mean, spread by a factor drawn from a polynomial
// distribution of index eta whose tails are cut at the bounds, so no child
// leaves [lo, hi]. The children are swapped with probability 1/2, so
// neither inherits its side from parent order.
func sbx(rng *rand.Rand, y1, y2, lo, hi, eta float64) (c1, c2 float64) {
	if math.Abs(y1-y2) <= closeEnough || lo == hi {
		return y1, y2
	}
	if y1 > y2 {
		y1, y2 = y2, y1
	}
	u := rng.Float64()
	gap := y2 - y1
	c1 = 0.5 * ((y1 + y2) - spread(1+2*(y1-lo)/gap, u, eta)*gap)
	c2 = 0.5 * ((y1 + y2) + spread(1+2*(hi-y2)/gap, u, eta)*gap)
	c1, c2 = clamp(c1, lo, hi), clamp(c2, lo, hi)
	if rng.Float64() < 0.5 {
		c1, c2 = c2, c1
	}
	return c1, c2
}

// spread is SBX's spread factor β_q for uniform draw u, given β, the ratio
// of the room to the nearer bound to half the parents' gap: the inverse of
// the distribution's CDF, with the probability of spreading past the bound
// (1/α of the mass lies inside it) folded back inside.
func spread(beta, u, eta float64) float64 {
	alpha := 2 - math.Pow(beta, -(eta+1))
	if u <= 1/alpha {
		return math.Pow(u*alpha, 1/(eta+1))
	}
	return math.Pow(1/(2-u*alpha), 1/(eta+1))
}

// polynomial is bounded polynomial mutation of one real value (Deb &
// Goyal 1996, in the form of Deb's NSGA-II code, where the perturbation's
// distribution is scaled to the distance to each bound so the value never
// leaves [lo, hi]).
func polynomial(rng *rand.Rand, y, lo, hi, eta float64) float64 {
	if lo == hi {
		return y
	}
	width := hi - lo
	u := rng.Float64()
	p := 1 / (eta + 1)
	var dq float64
	if u < 0.5 {
		v := 2*u + (1-2*u)*math.Pow(1-(y-lo)/width, eta+1)
		dq = math.Pow(v, p) - 1
	} else {
		v := 2*(1-u) + 2*(u-0.5)*math.Pow(1-(hi-y)/width, eta+1)
		dq = 1 - math.Pow(v, p)
	}
	return clamp(y+dq*width, lo, hi)
}

func clamp(x, lo, hi float64) float64 { return math.Min(math.Max(x, lo), hi) }

// settings are Options with their defaults filled in.
type settings struct {
	crossover, etaC, etaM, mutation float64
}

// mate recombines two parents into two children. With probability
// s.crossover the pair is crossed: each real or integer variable, with
// probability 1/2, by SBX (integers on their real relaxation, then
// rounded), and each choice, with probability 1/2, by swapping the
// parents' options (uniform crossover). Otherwise the children are copies.
func mate(rng *rand.Rand, vars []Var, a, b []float64, s settings) (c1, c2 []float64) {
	c1, c2 = append([]float64(nil), a...), append([]float64(nil), b...)
	if rng.Float64() >= s.crossover {
		return c1, c2
	}
	for i, v := range vars {
		if rng.Float64() >= 0.5 {
			continue
		}
		switch v.Kind {
		case KindChoice:
			c1[i], c2[i] = c2[i], c1[i]
		case KindReal:
			c1[i], c2[i] = sbx(rng, c1[i], c2[i], v.Lo, v.Hi, s.etaC)
		case KindInt:
			x1, x2 := sbx(rng, c1[i], c2[i], v.Lo, v.Hi, s.etaC)
			c1[i], c2[i] = math.Round(x1), math.Round(x2)
		}
	}
	return c1, c2
}

// mutate changes each variable of x with probability s.mutation.
func mutate(rng *rand.Rand, vars []Var, x []float64, s settings) {
	for i := range vars {
		if rng.Float64() < s.mutation {
			mutateOne(rng, vars[i], &x[i], s)
		}
	}
}

// mutateOne mutates one variable: a real by polynomial mutation, an
// integer by the same on its real relaxation and rounding, a choice by
// resetting it to one of the other options, uniformly.
func mutateOne(rng *rand.Rand, v Var, x *float64, s settings) {
	switch v.Kind {
	case KindReal:
		*x = polynomial(rng, *x, v.Lo, v.Hi, s.etaM)
	case KindInt:
		*x = math.Round(polynomial(rng, *x, v.Lo, v.Hi, s.etaM))
	case KindChoice:
		if v.Choices < 2 {
			return
		}
		o := float64(rng.Intn(v.Choices - 1))
		if o >= *x {
			o++
		}
		*x = o
	}
}
