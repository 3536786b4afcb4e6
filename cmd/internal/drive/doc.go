// Package drive runs govsim's experiments into their directories, with
// progress on stderr and a clean stop on Ctrl-C that keeps what finished.
//
// # Drivers
//
// [RunDir] runs an ensemble into a run directory (govsim run, compare,
// rerun); [Sweep] a shard of a sweep into a sweep directory (govsim sweep,
// rerun, and every command built on sweeps: the batches of
// cmd/internal/search); [Explore] the sweep of an exploratory design,
// then its analysis once every run is there. Each claims its directory
// through sim/outdir and runs through sim/experiment.
//
// # The process
//
// [Env] is what a driver needs of the process: the streams, the command
// line and the binary; [Interrupted] is the error of a clean stop after
// Ctrl-C (exit status 130), which says what was kept and how to resume.
package drive
