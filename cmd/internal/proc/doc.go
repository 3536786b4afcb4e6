// Package proc is govsim as a process: it runs the command in a child
// that a small parent supervises, so that the exit status means one thing
// whatever stops the child (Supervise), and it turns SIGINT and SIGTERM
// into a cancelled context with a bounded grace period (Signals).
//
// It imports nothing of the project: it knows processes, not models or
// files.
package proc
