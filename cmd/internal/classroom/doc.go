// Package classroom is the classroom's backend: the embedded scenarios,
// stepped a month at a time through the experiment API like every other
// run.
//
// # Users
//
// `govsim serve` serves it (output/live's Backend), and cmd/docgen follows
// the lesson plans of docs/teaching.md on it, so the numbers a lesson
// quotes are the page's.
package classroom
