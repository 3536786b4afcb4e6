// Package badinput is the one error type for input the user must fix: a
// scenario or sweep file, a flag, an environment variable, a directory a
// report cannot be made from. The command line exits with status 2 for it
// (and for any error whose BadInput method says so), and 1 for failures.
//
// # The error
//
// An [Error] names where the problem is — file, line and key, each left out
// when unknown — and says what is wrong and what is allowed:
//
//	sweep.toml:8: factor[1]: lhs: factor "election.price": normal(Mean=100000, SD=1) has no probability mass in [500, 5000]
//
// [Errorf] makes one from a message alone; [Wrap] marks another error as
// bad input without changing its message, and errors.As still finds the
// error it wraps. An Error always reads as one line: control characters
// (from a key, a CSV header or an environment variable) are escaped.
//
// # Who uses it
//
// It imports nothing of the project, so that every layer may report bad
// input the same way: scenarios (whose InputError it is), sim/shard,
// sim/experiment, output/report and the command line.
package badinput
