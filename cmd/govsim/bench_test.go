package main

import (
	"context"
	"path/filepath"
	"testing"
)

// BenchmarkCompareDefault measures the README's main command: govsim compare
// with its defaults (five scenarios × 10 replicates × 240 months, then the
// statistics, charts and report).
func BenchmarkCompareDefault(b *testing.B) {
	for i := 0; i < b.N; i++ {
		out := filepath.Join(b.TempDir(), "cmp")
		var e env
		e.stdout, e.stderr = discard{}, discard{}
		if code := run(context.Background(), e, []string{"compare", "-out", out}); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
