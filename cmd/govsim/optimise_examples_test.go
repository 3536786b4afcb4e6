//go:build !race

package main

import (
	"strings"
	"testing"
)

// TestOptimiseHelpExamples runs the examples of govsim optimise as written
// (they keep their runs small themselves), in order, in a scratch
// directory: the second continues the first, the third explores its front.
func TestOptimiseHelpExamples(t *testing.T) {
	noShardEnv(t)
	h := helps()["optimise"]
	i := strings.Index(h, "\nExample")
	if i < 0 {
		t.Fatal("help for optimise has no examples")
	}
	ex := examples(h[i:])
	if len(ex) < 4 {
		t.Fatalf("help for optimise has %d examples", len(ex))
	}
	t.Chdir(t.TempDir())
	for _, line := range ex {
		runExample(t, line)
	}
}
