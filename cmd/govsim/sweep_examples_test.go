//go:build !race

package main

import (
	"strings"
	"testing"
)

// TestSweepHelpExamples runs the examples of govsim sweep, merge and rerun
// as written (they keep their runs small themselves), each help's in order
// in a scratch directory.
func TestSweepHelpExamples(t *testing.T) {
	noShardEnv(t)
	for _, name := range []string{"sweep", "merge", "rerun"} {
		t.Run(name, func(t *testing.T) {
			h := helps()[name]
			i := strings.Index(h, "\nExample")
			if i < 0 {
				t.Fatalf("help for %s has no examples", name)
			}
			ex := examples(h[i:])
			if len(ex) < 3 {
				t.Fatalf("help for %s has %d examples", name, len(ex))
			}
			t.Chdir(t.TempDir())
			for _, line := range ex {
				runExample(t, line)
			}
		})
	}
}
