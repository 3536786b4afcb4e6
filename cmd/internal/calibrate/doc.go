// Package calibrate runs govsim calibrate: approximate Bayesian computation
// by sequential Monte Carlo (analysis/abc) of a calibration file's priors
// against its targets, each generation's candidates run as sweeps of
// explicit points (cmd/internal/search) in the calibration's directory.
//
// # The loop
//
// [Run] claims the output directory (a calibration is resumed like a
// sweep), writes calibration.json, and steps through the generations:
// generation 0 draws the particles from the priors; each later one sets
// its tolerance from the last population's distances and proposes
// candidates from it. A generation's candidates are proposed in batches
// (abc's Generation.More: enough that one batch usually completes it), each
// batch a sweep in gen-G/batch-B. Every run's targets are summarised from
// its monthly values (analysis.Targets), averaged over replicates, and
// the candidate's distance is the Euclidean norm of the summaries' misses
// in units of their tolerances (abc.Distance); a summary a run never
// defines puts the candidate infinitely far. The population is the first
// N accepted candidates by index, so it does not depend on how the runs
// were batched, sharded or ordered.
//
// After the last generation a posterior predictive batch runs the model
// afresh at draws from the final population (predictive/), and the tables
// (generations.csv, posterior.csv, candidates.csv, predictive.csv) and the
// report (calibration.html, output/report) are written.
//
// # Resuming and shards
//
// Nothing is kept between sessions but the batches' parts: a session reads
// the finished batches, rebuilds every population from them, resumes the
// batch under way and goes on. A batch planned before a crash is taken as
// it was (search.Existing), its points checked against the proposals bit
// for bit. With a shard (-shard i/n, Slurm, an Indexed Job; the shards
// share the directory) a session runs its share of the batch under way
// and stops; the session that completes the batch continues through what
// needs no runs (the population, the outputs when the calibration ends)
// and stops before the next batch. Running the same command again, for
// every shard, goes on from there.
//
// # Posterior draws
//
// [LoadPosterior] reads a finished calibration's final population, and
// [Posterior.Point] draws parameter points from it by weight, draw i a
// function of (seed, i) alone: what govsim compare -posterior and govsim
// explore -posterior sample.
package calibrate
