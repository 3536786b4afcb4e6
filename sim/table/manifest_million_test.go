//go:build !race

// The race detector slows the check many times over, so the time limit is
// held in the plain test pass only.

package table

import (
	"runtime"
	"testing"
	"time"
)

// TestMillionRunManifest: the checks of a manifest of a million runs take
// under 2 s and under 200 MB (here the heap the check allocates; the
// process figure is in the README).
func TestMillionRunManifest(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 140 MB manifest")
	}
	dir := writeManifest(t, testManifest(MaxManifestRuns))
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	m, err := ReadManifest(dir)
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	if err != nil || len(m.Runs) != MaxManifestRuns {
		t.Fatalf("%d runs: %v", len(m.Runs), err)
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("checked %d runs in %s, allocating %.0f MB", len(m.Runs), took, float64(alloc)/(1<<20))
	if took > 2*time.Second || alloc > 200<<20 {
		t.Errorf("checked a million runs in %s, allocating %.0f MB: allowed 2 s and 200 MB", took, float64(alloc)/(1<<20))
	}
}
