package abc

import (
	"cmp"
	"math"
	"slices"
)

// Summary describes one generation: its tolerance, cost and posterior
// estimate.
type Summary struct {
	Generation int
	Epsilon    float64
	Candidates int     // candidates the population needed (see [Population])
	Evaluated  int     // candidates evaluated, with a batch's overshoot
	Redraws    int     // proposals outside the prior's support
	Acceptance float64 // N / Candidates
	ESS        float64 // effective sample size, 1 / Σ w²
	Params     []ParamSummary
}

// ParamSummary is the weighted posterior estimate of one parameter.
//
// Mean and SD are the self-normalised importance-sampling estimates
// Σ w θ and √(Σ w (θ − mean)²). Q05, Q50 and Q95 are weighted quantiles,
// each the smallest particle value whose cumulative weight reaches 5%, 50%
// or 95%: [Q05, Q95] is a 90% equal-tailed credible interval.
//
// SDRatio is SD over the prior's SD ([Param.Moments]). Near 1 the data did
// not constrain the parameter (its posterior is about its prior); well
// below 1 they did. It is a ratio of spreads only: a posterior pushed
// against one bound can have a ratio near 1 and still differ from the
// prior, which the quantiles show.
type ParamSummary struct {
	Name          string
	Mean, SD      float64
	Q05, Q50, Q95 float64
	PriorMean     float64
	PriorSD       float64
	SDRatio       float64
}

// Summarize describes pop, whose parameters follow prior.
func Summarize(prior Prior, pop Population) Summary {
	s := Summary{
		Generation: pop.Generation, Epsilon: pop.Epsilon,
		Candidates: pop.Candidates, Evaluated: pop.Evaluated, Redraws: pop.Redraws,
		Acceptance: pop.Acceptance(), ESS: pop.ESS(),
		Params: make([]ParamSummary, len(prior)),
	}
	type wx struct{ x, w float64 }
	v := make([]wx, len(pop.Particles))
	for k, p := range prior {
		mean := 0.0
		for i, q := range pop.Particles {
			v[i] = wx{q.Theta[k], q.Weight}
			mean += q.Weight * q.Theta[k]
		}
		ss := 0.0
		for _, e := range v {
			ss += e.w * (e.x - mean) * (e.x - mean)
		}
		slices.SortStableFunc(v, func(a, b wx) int { return cmp.Compare(a.x, b.x) })
		quant := func(q float64) float64 {
			c := 0.0
			for _, e := range v {
				c += e.w
				if c >= q {
					return e.x
				}
			}
			return v[len(v)-1].x // weights summing to a hair under 1
		}
		pm, psd := p.Moments()
		sd := math.Sqrt(ss)
		s.Params[k] = ParamSummary{
			Name: p.Name, Mean: mean, SD: sd,
			Q05: quant(0.05), Q50: quant(0.5), Q95: quant(0.95),
			PriorMean: pm, PriorSD: psd, SDRatio: sd / psd,
		}
	}
	return s
}
