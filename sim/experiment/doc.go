// Package experiment runs many simulations: run specs (scenario, resolved
// configuration, replicate, seed, design point), their seeds, the worker
// pool, progress, cancellation, resume and shards, adaptive replication,
// and a run stepped live. It is the small API every command and the
// classroom page run models through, in the spirit of Agents.jl's run!,
// ensemblerun! and paramscan.
//
// It imports only sim (and sim/badinput, to refuse a memory limit that
// cannot be read): it knows nothing of files, flags or charts. What a
// run records is up to the observer its Recorder makes; where finished runs
// are kept (for resume), and which are another shard's (sim/shard), is up
// to the caller, who tells Run which to skip.
package experiment
