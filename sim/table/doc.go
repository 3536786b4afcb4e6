// Package table is the layout of everything govsim writes and reads back:
// the long-form tables (monthly.csv, villages.csv, a sweep's points, runs,
// results and monthly tables, summary.csv, sensitivity.csv) with their
// columns in one place (columns.go), their CSV and Parquet writers and
// readers, the manifests, and a sweep's directory (sweep.json, crash-safe
// binary parts, resume scans, merges). Every file is written under a
// temporary name and renamed into place when complete.
//
// It imports only sim (for the metric and parameter tables), sim/version
// and sim/shard: it knows the shape of rows, not the model's insides, nor
// how designs are made, and runs nothing.
package table
