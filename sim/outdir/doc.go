// Package outdir owns govsim's output directories: which command may write
// where, and how a result takes a directory's place. Every command that
// writes a directory claims it here first; the files inside are
// sim/table's.
//
// # Claims
//
// govsim writes only into a new or empty directory, or into one whose
// marker (.govsim-dir, a [Marker]) says it holds the same kind of output
// with the same settings, and refuses anything else unless told to replace
// it (-force), which it does for the whole directory and only for
// directories it made. [Claim] decides, from a [Want], and says where to
// write (Out.Build); [ClaimRunDir] (govsim run, compare, rerun),
// [ClaimSweepDir] (sweep, rerun of a sweep), [Merge] with [ClaimMergeDir]
// (merge) and [ClaimAnalysis] (report and analyze, which write beside what
// they read) build on it. A directory made by a govsim older than markers
// is recognised by its manifest or sweep.json.
//
// # Locks
//
// Writers of one directory exclude each other with advisory locks (flock)
// on files inside it (lock.go): a command that writes the directory as a
// whole holds it alone; the shards of a sweep sharing a directory hold it
// together and each its own shard alone. Another writer is refused with a
// [BusyError] naming the holder's pid, host and command. The kernel drops
// the locks of a process that dies, so a lock never outlives its holder.
//
// # Staging and exchange
//
// A result that replaces another is built in a staging directory beside
// it and exchanged for it in one step only once complete (renameat2 with
// RENAME_EXCHANGE on Linux, two renames elsewhere, undone by the next
// claim if interrupted between them), so the directory holds the old
// result or the new one, never a mixture and never a part. An interrupted
// result replaces only an incomplete one ([Out.Commit]); a claim removes
// what killed writers left: staging directories whose builder is gone and
// temporary files.
//
// # Layers
//
// It imports sim/table (the layouts it claims directories for, and their
// readers, to recognise what a directory holds) and sim/shard; sim/table
// knows nothing of it, so that files can be read, and written in tests,
// without claims. Refusals are a *table.DirError or a [BusyError]: bad
// input (exit status 2) for the command line.
package outdir
