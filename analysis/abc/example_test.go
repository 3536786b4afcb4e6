package abc_test

import (
	"context"
	"fmt"
	"math"

	"golang.org/x/exp/rand"

	"github.com/govsim/govsim/analysis/abc"
)

// A normal mean: the observed figure is the mean of 10 draws, 1.5, with
// standard error 1/√10; the model draws 10 values around mu with the seed
// the candidate gives it. The exact posterior has mean 1.46 and SD 0.31.
func ExampleRun() {
	cfg := abc.Config{
		Prior:          abc.Prior{{Name: "mu", Dist: abc.Normal, Mean: 0, SD: 2, Low: -10, High: 10}},
		N:              500,
		MaxGenerations: 20,
		MinEpsilon:     0.2, // in standard errors
		Seed:           1,
	}
	dist, err := abc.NewDistance([]float64{1.5}, []float64{1 / math.Sqrt(10)})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := abc.Run(context.Background(), cfg, func(c abc.Candidate) (float64, error) {
		r := rand.New(rand.NewSource(c.Seed))
		s := 0.0
		for range 10 {
			s += c.Theta[0] + r.NormFloat64()
		}
		return dist.Of([]float64{s / 10}), nil
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	s := abc.Summarize(cfg.Prior, res.Last())
	mu := s.Params[0]
	fmt.Printf("stopped by %s after %d generations at ε = %.1f\n", res.Stop, len(res.Populations), s.Epsilon)
	fmt.Printf("mu: mean %.1f, sd %.1f, 90%% interval [%.1f, %.1f]\n", mu.Mean, mu.SD, mu.Q05, mu.Q95)
	// Output:
	// stopped by min_epsilon after 7 generations at ε = 0.2
	// mu: mean 1.5, sd 0.3, 90% interval [1.0, 2.0]
}

// Drawing equally weighted points from a posterior population, for other
// commands to run.
func ExampleResample() {
	pop := abc.Population{Particles: []abc.Particle{
		{Theta: []float64{0.1}, Weight: 0.5},
		{Theta: []float64{0.2}, Weight: 0.3},
		{Theta: []float64{0.3}, Weight: 0.2},
	}}
	idx, err := abc.Resample(pop, 10, 7)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, i := range idx {
		fmt.Print(pop.Particles[i].Theta[0], " ")
	}
	fmt.Println()
	// Output:
	// 0.1 0.1 0.1 0.1 0.1 0.2 0.2 0.2 0.3 0.3
}

// The steps Run takes, for a caller that runs the simulations elsewhere:
// propose a batch, evaluate it (here: distance = |theta − 0.3|), tell the
// evaluations, until the generation is complete.
func ExampleGeneration() {
	cfg := abc.Config{Prior: abc.Prior{{Name: "x", Low: 0, High: 1}}, N: 100, MaxGenerations: 3, Seed: 4}
	gen, err := abc.Start(cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	for {
		var evals []abc.Evaluation
		proposed := 0
		for st, _ := gen.Status(evals); st == abc.Pending; st, _ = gen.Status(evals) {
			n, _ := gen.More(proposed, evals)
			for i := proposed; i < proposed+n; i++ { // a batch: any order, any machine
				c, _ := gen.Propose(i)
				evals = append(evals, abc.Evaluation{Index: i, Distance: math.Abs(c.Theta[0] - 0.3)})
			}
			proposed += n
		}
		pop, _ := gen.Population(evals)
		fmt.Printf("generation %d: ε %.3f, acceptance %.2f, %d of %d evaluations needed\n",
			pop.Generation, pop.Epsilon, pop.Acceptance(), pop.Candidates, pop.Evaluated)
		if cfg.Stop(pop) != abc.Continue {
			return
		}
		if gen, err = abc.Next(cfg, pop); err != nil {
			fmt.Println(err)
			return
		}
	}
	// Output:
	// generation 0: ε +Inf, acceptance 1.00, 100 of 100 evaluations needed
	// generation 1: ε 0.221, acceptance 0.48, 209 of 229 evaluations needed
	// generation 2: ε 0.103, acceptance 0.37, 270 of 290 evaluations needed
}
