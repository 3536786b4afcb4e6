// Package version says which govsim made an output, so that a result can
// be cited and traced to the code that produced it.
//
// # What is recorded
//
// [Release] is the release this source tree declares; [Read] adds what the
// go command stamped into the binary (module version, VCS revision,
// whether the tree had uncommitted changes) as an [Info]. Every manifest
// and report records it; commands read it once, in main, and pass it
// down, so that tests can pass a fixed one.
//
// It imports nothing of the project; any package may use it.
package version
