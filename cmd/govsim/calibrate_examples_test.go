//go:build !race

package main

import (
	"strings"
	"testing"
)

// TestCalibrateHelpExamples runs the examples of govsim calibrate as
// written (they keep their runs small themselves), in order, in a scratch
// directory: the second continues the first.
func TestCalibrateHelpExamples(t *testing.T) {
	noShardEnv(t)
	h := helps()["calibrate"]
	i := strings.Index(h, "\nExample")
	if i < 0 {
		t.Fatal("help for calibrate has no examples")
	}
	ex := examples(h[i:])
	if len(ex) < 3 {
		t.Fatalf("help for calibrate has %d examples", len(ex))
	}
	t.Chdir(t.TempDir())
	for _, line := range ex {
		runExample(t, line)
	}
}
