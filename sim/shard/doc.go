// Package shard says which share of an experiment one process runs, so
// that a sweep too large for one machine is split over many (a Slurm job
// array, a Kubernetes Indexed Job, or -shard I/N by hand) and merged after.
//
// # What a shard is
//
// A [Shard] is Index of Count: the runs whose id % Count == Index
// ([Shard.Mine]); [Shard.Runs] counts them. Run ids, and with them seeds,
// depend on the sweep alone, so a run's results are the same in any shard.
// The zero Shard is the whole experiment.
//
// # Where a process finds its shard
//
// [Resolve] reads it from the -shard flag, or from the environment a
// scheduler sets (SLURM_ARRAY_TASK_ID and its array bounds,
// JOB_COMPLETION_INDEX, GOVSIM_SHARDS), and refuses one that cannot be with
// a [badinput.Error] that says what to give instead.
//
// # Who uses it
//
// It imports only sim/badinput. The command line resolves the shard;
// sim/table names a shard's manifest and parts by it, and sim/outdir
// locks a shard's share of a directory; sim/experiment never sees it (a
// shard is only runs to skip, Options.Skip). It lives apart so that
// sim/table and sim/experiment, which know nothing of each other, need not
// define it twice.
package shard
