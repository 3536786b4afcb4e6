// Package experiment runs many simulations, in the spirit of Agents.jl's
// run!, ensemblerun! and paramscan.
//
// # Specs
//
// A [Spec] is one run: scenario, resolved configuration, replicate, seed
// and design point. [Ensemble] makes the specs of replicates of scenarios,
// [Sweep] those of a design; [Specs] makes them on demand, so a sweep of
// millions of runs never holds their configurations at once, and
// [RunSeed] says how a sweep's seeds follow from the master seed.
//
// # Running
//
// [Run] runs specs on a pool of workers and hands each finished run's
// observer to a [Recorder]; [Options] sets the workers, the order, the
// runs to skip (kept already, or another shard's) and [Progress]. A run's
// results depend on its Spec alone, so they are the same for any workers,
// order, shard or resume. [Precision] is adaptive replication; [Live]
// steps one run a month at a time for the classroom.
//
// It imports only sim (and sim/badinput, to refuse a memory limit that
// cannot be read): it knows nothing of files, flags or charts.
package experiment
