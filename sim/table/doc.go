// Package table is the layout of everything govsim writes and reads back:
// the long-form tables (monthly.csv, villages.csv, a sweep's points, runs,
// results and monthly tables, summary.csv, sensitivity.csv) with their
// columns in one place, their CSV and Parquet writers and readers, the
// manifests, and the files of a sweep's directory.
//
// # Tables
//
// The columns of every table are declared once (columns.go: [Column],
// [MonthlyColumns], [ResultsColumns], ...); [Files] writes a run's tables,
// [AssembleSweep] a sweep's, each in CSV or Parquet ([Formats]). Readers
// ([ReadMonthly], [ReadResults], the Parquet ones) hand over typed rows,
// and [ReadRunMonthly], [ReadRunVillages] and [ReadSweepResults] check
// every row against the manifest, so that a truncated or edited table is
// refused (a [TableError]) rather than analysed.
//
// # Manifests
//
// A [Manifest] records how the output of govsim run or compare was made
// and a [SweepManifest] a sweep's: enough to reproduce it (govsim rerun),
// with checksums of every field that refuse an edited file. A manifest
// pins each run's rows in each table ([ManifestRun]), so the checked
// readers refuse a table with rows left out; [ReadManifestFile] reads it
// as a stream and checks it whole.
//
// # Directories
//
// [RunDir] is the files of govsim run or compare while they are written;
// [SweepDir] a sweep's: sweep.json (its identity, a [SweepFile]), one
// crash-safe binary [Part] per finished run, resume scans
// ([SweepDir.Scan]), the tables assembled once every run is present, and
// the check and join of shards' directories ([OpenShards],
// [Shards.MergeInto]). Who may write a directory — claims, locks, staging
// and exchange — is sim/outdir's, which builds on these.
//
// # Files
//
// Every file is written under a temporary name and renamed into place when
// complete ([WriteFileAtomic]; [IsTemp] tells what a killed writer left);
// what is opened or made at a name inside an output directory is opened
// without following a symbolic link ([OpenOutput], [MkdirOutput]: a
// [LinkError] otherwise).
// Every input file is read through [OpenInput] or [ReadInput]: regular
// files only, within a stated limit, so no input can make govsim hang or
// run out of memory.
//
// It imports only sim (for the metric and parameter tables), sim/version
// and sim/shard: it knows the shape of rows, not the model's insides, nor
// how designs are made, and runs nothing.
package table
