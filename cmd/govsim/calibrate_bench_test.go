package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// BenchmarkCalibrateExample times what the Speed section of issue 18
// asks: govsim calibrate -example, 200 particles, 4 generations, the
// teaching district, -months 60, as a user runs it (the binary, all
// cores). It reports the wall time per calibration, the runs it made and
// their rate, and the peak RSS. Run it with make bench-calibrate.
func BenchmarkCalibrateExample(b *testing.B) {
	bin := buildGovsim(b)
	dir := b.TempDir()
	file := filepath.Join(dir, "nanhai.toml")
	ex, err := exec.Command(bin, "calibrate", "-example").Output()
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(file, ex, 0o644); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := range b.N {
		out := filepath.Join(dir, "out", string(rune('a'+i%26)))
		wall, rss := runSweep(b, bin, nil, "calibrate", file, "-particles", "200", "-generations", "4", "-months", "60", "-force", "-out", out)
		parts, err := filepath.Glob(filepath.Join(out, "*", "*", "parts", "*.part"))
		if err != nil {
			b.Fatal(err)
		}
		pred, _ := filepath.Glob(filepath.Join(out, "predictive-gen-*", "parts", "*.part"))
		runs := len(parts) + len(pred) // every generation's runs and the predictive check's
		b.ReportMetric(wall.Seconds(), "s/calibration")
		b.ReportMetric(float64(runs), "runs")
		b.ReportMetric(float64(runs)/wall.Seconds(), "runs/s")
		b.ReportMetric(rss, "MB-peak-RSS")
	}
}
