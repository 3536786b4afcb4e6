// Package abc calibrates a simulation model by approximate Bayesian
// computation with sequential Monte Carlo (ABC-SMC, also called ABC-PMC;
// Beaumont, Cornuet, Marin & Robert 2009; Toni, Welch, Strelkowa, Ipsen &
// Stumpf 2009): it turns observed figures and the model's uncertain
// parameters, each with a prior, into weighted samples from the posterior.
//
// The package runs no model. It proposes parameter points and, told how far
// each point's simulation landed from the observations, keeps or rejects
// it. Every proposal is a pure function of the seed, the generation, the
// candidate's index and the previous generation's population, so the
// simulations can run in any order, in batches, on many machines, and
// resume after a crash, with byte-identical results.
//
// # The algorithm
//
// A calibration is a sequence of generations, each a population of N
// weighted particles (parameter points) whose simulations lie within the
// generation's tolerance ε of the observations.
//
//   - Generation 0 ([Start]) draws candidates from the [Prior] and accepts
//     them all (ε = +Inf), weights 1/N.
//   - Generation g ([Next]) sets ε_g to a quantile (the median by default)
//     of generation g−1's weighted distances, never below
//     Config.MinEpsilon: an adaptive schedule (Del Moral, Doucet & Jasra
//     2012) as pyABC's QuantileEpsilon does. Candidate i resamples a parent
//     by weight and perturbs it with a multivariate normal [Kernel], drawing
//     both again while the point lies outside the prior's support.
//   - The caller simulates candidates and measures each one's [Distance]
//     from the observations; those with distance ≤ ε_g are accepted. The
//     population is the first N accepted candidates in index order
//     ([Generation.Population]), weighted by prior density over proposal
//     density.
//   - The calibration stops ([Config.Stop]) after Config.MaxGenerations,
//     at a tolerance at or below Config.MinEpsilon, or when a generation's
//     acceptance rate would fall below Config.MinAcceptance (the generation
//     is then [Abandoned] and the previous population is the result).
//
// # Asking and telling
//
// [Run] is the whole loop in one process. A caller that runs simulations
// elsewhere uses the steps:
//
//	gen, _ := abc.Start(cfg)          // or abc.Next(cfg, prev)
//	n, _ := gen.More(proposed, evals) // how many candidates to add
//	c, _ := gen.Propose(i)            // c.Theta, and c.Seed for its run
//	evals = append(evals, abc.Evaluation{Index: i, Distance: d})
//	st, _ := gen.Status(evals)        // Pending, Complete or Abandoned
//	pop, _ := gen.Population(evals)   // once Complete
//
// [Generation] shows it whole.
//
// A generation needs nothing but the configuration and the previous
// [Population]; [Population.Rows] and [FromRows] carry a population through
// a file, and the evaluations made so far are the caller's to keep.
//
// # Results
//
// [Summarize] gives a generation's tolerance, acceptance rate, effective
// sample size and cost, and per parameter the weighted mean, SD, 5%, 50% and
// 95% quantiles and the ratio of posterior to prior SD (near 1: the data do
// not constrain the parameter). [Resample] draws equally weighted points
// from a population by systematic resampling; [Pick] draws one point at a
// time, draw i a function of the seed and i alone, for a caller that adds
// draws later (replicates of a comparison, each at a posterior draw).
//
// # Validation
//
// The tests check the method where the answer is known: a normal mean with
// a normal prior, whose exact posterior the ABC posterior must match in
// mean and SD within 10% over several seeds, with either kernel; a
// parameter the data do not inform, whose posterior must stay its prior
// while the other shrinks; and byte-identical populations whether
// candidates are evaluated in order, shuffled in uneven batches, or resumed
// from rows written as text in the middle of a generation.
//
// The package keeps no package-level mutable state; its randomness comes
// from PCG streams (golang.org/x/exp/rand) seeded from Config.Seed. It
// imports no package of the project.
package abc
