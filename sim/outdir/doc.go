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
// they read) build on it.
//
// # Who made a directory
//
// Whether govsim made a directory is decided in one place (marker.go):
// by its marker, a regular file (never a link) that reads as one; or, for
// a directory an earlier govsim made before markers, by a manifest or
// sweep.json that reads as govsim's with nothing beside it but the names
// govsim writes there. Everything else is the user's: never replaced,
// cleaned or renamed, -force or not. The same command again refuses to
// delete files the user added to its result; an output directory inside
// one govsim made (it would be lost when that one is replaced), or that
// is, holds or lies inside a directory the command reads (Want.Sources,
// resolved through links), is refused. Paths inside a directory are
// opened without following links (table.OpenOutput, table.MkdirOutput).
//
// # Locks
//
// Writers of one directory exclude each other with advisory locks (flock)
// on files inside it (lock.go): a command that writes the directory as a
// whole holds it alone; the shards of a sweep sharing a directory hold it
// together and each its own shard alone. Another writer is refused with a
// [BusyError] naming the holder's pid, host and command. The kernel drops
// the locks of a process that dies, so a lock never outlives its holder.
// A lock file that is a link is refused, never written through.
//
// # Staging and exchange: one exchange for every writer
//
// A result that replaces another is built in a staging directory beside
// it and exchanged for it in one step only once complete (renameat2 with
// RENAME_EXCHANGE on Linux, two renames elsewhere, undone by the next
// claim if interrupted between them), so the directory holds the old
// result or the new one, never a mixture and never a part. A command that
// writes a directory calls, whatever it writes:
//
//	o, err := outdir.Claim(dir, outdir.Want{Kind: ..., Settings: ..., Command: ..., Force: ...})
//	// write everything into o.Build (dir itself when it was new or empty,
//	// else a staging directory beside it)
//	kept, err := o.Commit(complete) // the result takes dir's place
//	o.Close()
//
// (or o.Abort() after a failure: the staging directory is removed and dir
// keeps what it held). An interrupted result replaces only an incomplete
// one (Commit reports kept). [ClaimRunDir], [ClaimSweepDir] (whose
// SweepDir.Conclude exchanges a sweep built beside another with -force),
// [ClaimMergeDir] and [ClaimAnalysis] are this call for their layouts; a
// new command writing a directory of its own kind (explore, calibrate)
// calls Claim with its Kind, or ClaimSweepDir when it writes a sweep.
// [ClaimAnalysis] is the same for a command that adds files beside data:
// its staging directory holds the data as hard links (copies where the
// file system has none) and none of the files it writes, so a new
// analysis leaves none of an earlier one's behind; Analysis.Publish
// exchanges it. A claim removes what killed writers left: staging
// directories whose builder is gone and temporary files, in directories
// govsim made only.
//
// # Layers
//
// It imports sim/table (the layouts it claims directories for, and their
// readers, to recognise what a directory holds) and sim/shard; sim/table
// knows nothing of it, so that files can be read, and written in tests,
// without claims. Refusals are a *table.DirError, *table.LinkError or a
// [BusyError]: bad input (exit status 2) for the command line.
package outdir
