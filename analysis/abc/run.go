package abc

import (
	"context"
	"fmt"
)

// Stop names the rule that ended a calibration.
type Stop string

const (
	Continue        Stop = ""                // no rule applies yet
	StopGenerations Stop = "max_generations" // Config.MaxGenerations reached
	StopEpsilon     Stop = "min_epsilon"     // a tolerance at or below Config.MinEpsilon
	StopAcceptance  Stop = "min_acceptance"  // a generation's acceptance rate fell below Config.MinAcceptance
)

// Stop says whether the calibration ends after the complete population
// last, by Config.MaxGenerations or Config.MinEpsilon; the third rule,
// Config.MinAcceptance, ends it when a generation is [Abandoned], and the
// population before it is then the result. When both rules apply,
// StopEpsilon is named, because it says the tolerance wanted was reached.
func (c Config) Stop(last Population) Stop {
	switch {
	case last.Epsilon <= c.MinEpsilon:
		return StopEpsilon
	case last.Generation+1 >= c.MaxGenerations:
		return StopGenerations
	}
	return Continue
}

// Result is a whole calibration: every generation's population, the last
// one the posterior estimate, and the rule that stopped it.
type Result struct {
	Populations []Population
	Stop        Stop
}

// Last is the final population, the posterior estimate.
func (r Result) Last() Population { return r.Populations[len(r.Populations)-1] }

// Run calibrates in this process: it proposes candidates in batches of
// [Generation.More], measures each with distance, one after another, and
// steps through the generations until a stopping rule applies. distance
// gets the candidate (its Theta and the Seed its simulation must use) and
// returns its distance from the observed summaries.
//
// Run is the reference loop and the one for models cheap enough to run
// in-process. govsim's calibrate command runs the same steps ([Start],
// [Next], [Generation.Propose], [Generation.Population]) through its sweep
// machinery instead, and gets the same populations, since nothing here
// depends on the order or grouping of evaluations.
func Run(ctx context.Context, cfg Config, distance func(Candidate) (float64, error)) (Result, error) {
	var res Result
	gen, err := Start(cfg)
	if err != nil {
		return res, err
	}
	for {
		var evals []Evaluation
		proposed := 0
		for {
			st, err := gen.Status(evals)
			if err != nil {
				return res, err
			}
			if st == Abandoned {
				res.Stop = StopAcceptance
				return res, nil
			}
			if st == Complete {
				break
			}
			k, err := gen.More(proposed, evals)
			if err != nil {
				return res, err
			}
			for i := proposed; i < proposed+k; i++ {
				if err := ctx.Err(); err != nil {
					return res, fmt.Errorf("abc: generation %d: %w", gen.Number(), err)
				}
				c, err := gen.Propose(i)
				if err != nil {
					return res, err
				}
				d, err := distance(c)
				if err != nil {
					return res, fmt.Errorf("abc: generation %d candidate %d: %w", gen.Number(), i, err)
				}
				evals = append(evals, Evaluation{Index: i, Distance: d})
			}
			proposed += k
		}
		pop, err := gen.Population(evals)
		if err != nil {
			return res, err
		}
		res.Populations = append(res.Populations, pop)
		if res.Stop = cfg.Stop(pop); res.Stop != Continue {
			return res, nil
		}
		if gen, err = Next(cfg, pop); err != nil {
			return res, err
		}
	}
}
