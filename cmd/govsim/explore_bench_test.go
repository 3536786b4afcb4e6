package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// BenchmarkExplore runs the speed target as a user runs it, as a
// separate process: govsim explore -samples 64 -replicates 2 -months 120
// over the five teaching scenarios (640 runs, then the analysis and the
// page), reporting its wall time, CPU time and peak memory. Run it with
// make bench-explore; the README's figure is its output.
func BenchmarkExplore(b *testing.B) {
	bin := buildGovsim(b)
	dir := b.TempDir()
	var wall, cpu time.Duration
	var rss float64
	for i := 0; i < b.N; i++ {
		out := filepath.Join(dir, "explore")
		c := exec.Command(bin, "explore", "-samples", "64", "-replicates", "2", "-months", "120", "-out", out)
		c.Env = append(os.Environ(), "SLURM_ARRAY_TASK_ID=", "JOB_COMPLETION_INDEX=", "GOVSIM_SHARDS=")
		start := time.Now()
		if msg, err := c.CombinedOutput(); err != nil {
			b.Fatalf("%v\n%s", err, msg)
		}
		wall = time.Since(start)
		ru, ok := c.ProcessState.SysUsage().(*syscall.Rusage)
		if !ok {
			b.Skip("no rusage on this system")
		}
		cpu = c.ProcessState.UserTime() + c.ProcessState.SystemTime()
		rss = float64(ru.Maxrss) / 1024
		os.RemoveAll(out)
	}
	b.ReportMetric(wall.Seconds(), "wall-s")
	b.ReportMetric(cpu.Seconds(), "cpu-s")
	b.ReportMetric(640/wall.Seconds(), "runs/s")
	b.ReportMetric(rss, "peak-RSS-MB")
}
