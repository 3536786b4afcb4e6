// Package testkit holds helpers shared by govsim's tests. Only tests
// import it.
//
// # Helpers
//
// [Golden] compares output with a golden file under testdata/ (and
// rewrites it with -update); [FirstDiff] says where two texts part;
// [SameParquetCSV] checks that a Parquet table holds the rows of its CSV
// twin.
package testkit
