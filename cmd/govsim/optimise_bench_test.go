package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// BenchmarkOptimiseExample times what the Speed section of issue 19 asks:
// govsim optimise -example, population 40, 10 generations, the teaching
// district, -months 60, as a user runs it (the binary, all cores). It
// reports the wall time per optimisation, the runs it made (a package met
// again is not run again) and their rate, and the peak RSS. Run it with
// make bench-optimise.
func BenchmarkOptimiseExample(b *testing.B) {
	bin := buildGovsim(b)
	dir := b.TempDir()
	file := filepath.Join(dir, "packages.toml")
	ex, err := exec.Command(bin, "optimise", "-example").Output()
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(file, ex, 0o644); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := range b.N {
		out := filepath.Join(dir, "out", string(rune('a'+i%26)))
		wall, rss := runSweep(b, bin, nil, "optimise", file, "-population", "40", "-generations", "10", "-months", "60", "-force", "-out", out)
		parts, err := filepath.Glob(filepath.Join(out, "gen-*", "parts", "*.part"))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(wall.Seconds(), "s/optimisation")
		b.ReportMetric(float64(len(parts)), "runs")
		b.ReportMetric(float64(len(parts))/wall.Seconds(), "runs/s")
		b.ReportMetric(rss, "MB-peak-RSS")
	}
}
