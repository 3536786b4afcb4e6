//go:build !race

package main

import (
	"strings"
	"testing"

	"github.com/govsim/govsim/output/report"
)

// TestExploreHelpExamples runs the examples of govsim explore, in order,
// as written (they keep their runs small themselves).
func TestExploreHelpExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the help's explores of the five teaching scenarios")
	}
	noShardEnv(t)
	h := helpText("explore")
	i := strings.Index(h, "\nExample")
	if i < 0 {
		t.Fatal("help for explore has no examples")
	}
	ex := examples(h[i:])
	if len(ex) < 5 {
		t.Fatalf("help for explore has %d examples", len(ex))
	}
	t.Chdir(t.TempDir())
	for _, line := range ex {
		runExample(t, line)
	}
	if _, err := report.ReadExploreRecord("out-merged"); err != nil {
		t.Errorf("the help's shards merged and analysed: %v", err)
	}
}
