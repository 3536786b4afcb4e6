package main

import "testing"

// skipUnderRace skips, in the race pass (make test-race), a test that runs
// hundreds of whole simulations to check what files a command leaves
// rather than how goroutines share memory: the plain pass runs it, and the
// race pass keeps a lighter test of the same code's concurrency, which why
// names.
func skipUnderRace(t *testing.T, why string) {
	t.Helper()
	if raceOn {
		t.Skip("race pass: " + why)
	}
}
