// Package optimise runs govsim optimise: NSGA-II (analysis/pareto) over
// the reform packages an optimisation file allows, each generation's new
// packages run as a sweep of explicit points (cmd/internal/search) in the
// optimisation's directory.
//
// # The loop
//
// [Run] claims the output directory (an optimisation is resumed like a
// sweep), writes optimise.json, and steps through the generations:
// generation 0 is a Latin hypercube over the decisions (pareto.Initial);
// each later one makes as many children from the population
// (pareto.Offspring) and keeps the best of parents and children
// (pareto.Select). A candidate is evaluated as its package: its point over
// the template scenario (scenarios.Optimisation.Point), run for every
// replicate; each objective and constraint is the mean over replicates of
// a run's summary (analysis.Targets), and NSGA-II minimises the objectives
// (a maximised one negated) under the total constraint violation
// (analysis.Score).
//
// # Common random numbers
//
// Every run of every candidate, in every generation, takes the streams of
// (the optimisation's seed, its replicate) (experiment.SeedsCommon): two
// packages differ in their results by what they do, not by their luck, and
// one package gives one result wherever it is met. So a candidate whose
// point an earlier candidate had is not run again: gen-G/ holds only the
// packages generation G was first to propose, and a generation whose
// candidates were all met before runs nothing. The price is that the front
// is the best for the luck of those replicates; govsim explore -packages
// re-evaluates the front over the plausible space, with other luck.
//
// # Hypervolume
//
// Progress is the hypervolume of the front of every evaluation so far, in
// objectives scaled so that generation 0's feasible candidates span [0, 1]
// in each (all of them, when none is feasible), up to the reference point
// 1.1 in every objective: fixed once generation 0 is evaluated, so that
// the values of all generations compare.
//
// # Resuming and shards
//
// Nothing is kept between sessions but the batches' parts: a session
// rebuilds every generation from them, checking each batch's points
// against the proposals bit for bit, resumes the batch under way and goes
// on. With a shard (-shard i/n, Slurm, an Indexed Job; the shards share
// the directory) a session runs its share of the batch under way and
// stops; the session that completes a batch goes on through what needs no
// runs and stops before the next batch. Running the same command again,
// for every shard, goes on from there.
//
// # Outputs
//
// evaluations.csv and generations.csv after each generation; once the
// last is done, pareto.csv, the base and each front package as a scenario
// file in packages/ ([Packages] lists them for govsim explore -packages),
// optimise.html, and last optimise.json again, naming every output with
// its SHA-256.
package optimise
