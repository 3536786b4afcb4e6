// Package proc is govsim as a process.
//
// # Supervision
//
// [Supervise] runs the command in a child that a small parent watches, so
// that the exit status means one thing whatever stops the child: 0
// success, 1 failure (a panic, or a fatal error of the Go runtime, whose
// own status 2 would read as bad input), 2 bad input, 130 interrupted.
//
// # Signals
//
// [Signals] turns SIGINT and SIGTERM into a cancelled context with a
// bounded grace period, so that a command stops cleanly, keeping what
// finished, and the process exits even if a phase does not watch for the
// signal.
//
// It imports nothing of the project: it knows processes, not models or
// files.
package proc
