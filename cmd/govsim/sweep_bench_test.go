package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The sweep benchmarks run the govsim binary as a separate process, so that
// its peak resident memory (getrusage's maxrss) is the sweep's alone, and so
// that what is measured is what a user runs. Run them with make bench-sweep.

func buildGovsim(b *testing.B) string {
	b.Helper()
	bin := filepath.Join(b.TempDir(), "govsim")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// runSweep runs the binary and returns its wall time and peak RSS in MB;
// env adds to its environment.
func runSweep(b *testing.B, bin string, env []string, args ...string) (time.Duration, float64) {
	b.Helper()
	c := exec.Command(bin, args...)
	c.Env = append(append(os.Environ(), "SLURM_ARRAY_TASK_ID=", "JOB_COMPLETION_INDEX="), env...)
	start := time.Now()
	out, err := c.CombinedOutput()
	if err != nil {
		b.Fatalf("%v: %v\n%s", args, err, out)
	}
	wall := time.Since(start)
	ru, ok := c.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		b.Skip("no rusage on this system")
	}
	return wall, float64(ru.Maxrss) / 1024 // kB on Linux
}

// BenchmarkSweepMemory: peak memory of sweeps of 100, 1,000 and 10,000 tiny
// runs (3 villages, 6 months) with every month's rows assembled. Runs
// stream to part files and the tables are assembled part by part, so with
// the design fixed (points=100, more replicates) the peak stays flat while
// the runs grow a hundredfold. With as many distinct design points as runs
// (LHS), the sweep's definition itself — the points, kept in memory and in
// sweep.json — adds its few bytes per point.
func BenchmarkSweepMemory(b *testing.B) {
	bin := buildGovsim(b)
	dir := b.TempDir()
	tiny := filepath.Join(dir, "tiny.toml")
	if err := os.WriteFile(tiny, []byte("extends = \"baseline\"\nname = \"tiny\"\nmonths = 6\n[district]\nvillages = 3\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	for _, runs := range []int{100, 1000, 10000} {
		for _, points := range []int{100, runs} {
			name := fmt.Sprintf("runs=%d/points=%d", runs, points)
			b.Run(name, func(b *testing.B) {
				sw := filepath.Join(dir, fmt.Sprintf("s%d-%d.toml", runs, points))
				text := fmt.Sprintf("scenarios = [\"tiny.toml\"]\ndesign = \"lhs\"\nsamples = %d\nreplicates = %d\nwindow = 3\n"+
					"[[factor]]\nkey = \"economy.lambda0\"\nmin = 0.2\nmax = 0.6\n[[factor]]\nkey = \"opinion.epsilon\"\nmin = 0.1\nmax = 0.4\n", points, runs/points)
				if err := os.WriteFile(sw, []byte(text), 0o644); err != nil {
					b.Fatal(err)
				}
				var wall time.Duration
				var rss float64
				for i := 0; i < b.N; i++ {
					out := filepath.Join(dir, fmt.Sprintf("out%d-%d-%d", runs, points, i))
					wall, rss = runSweep(b, bin, nil, "sweep", sw, "-monthly", "-out", out)
					os.RemoveAll(out)
				}
				b.ReportMetric(rss, "peak-RSS-MB")
				b.ReportMetric(float64(runs)/wall.Seconds(), "runs/s")
			})
			if points == runs {
				break
			}
		}
	}
}

// BenchmarkSweepParallel measures the parallel efficiency of a sweep of
// teaching-scale runs (the baseline's 60 villages at scale 20): runs per
// second with 2 workers over twice the runs per second with 1. The runs
// are 1,000 of 60 months by default (GOVSIM_BENCH_RUNS and
// GOVSIM_BENCH_MONTHS change them): whole 240-month runs take four times
// as long and parallelise no worse.
func BenchmarkSweepParallel(b *testing.B) {
	runs, months := benchEnv(b, "GOVSIM_BENCH_RUNS", 1000), benchEnv(b, "GOVSIM_BENCH_MONTHS", 60)
	bin := buildGovsim(b)
	dir := b.TempDir()
	sw := filepath.Join(dir, "s.toml")
	text := fmt.Sprintf("scenarios = [\"baseline\"]\ndesign = \"lhs\"\nsamples = %d\nreplicates = 1\nmonths = %d\nwindow = 12\n"+
		"[[factor]]\nkey = \"economy.lambda0\"\nmin = 0.2\nmax = 0.6\n", runs, months)
	if err := os.WriteFile(sw, []byte(text), 0o644); err != nil {
		b.Fatal(err)
	}
	// With -workers 1 the runtime's garbage collector still borrows the
	// idle second core; GOMAXPROCS=1 gives the strict one-core rate too.
	cases := []struct {
		name    string
		workers string
		env     []string
	}{
		{"1-worker", "1", nil},
		{"1-core", "1", []string{"GOMAXPROCS=1"}},
		{"2-workers", "2", nil},
	}
	rate := map[string]float64{}
	for i := 0; i < b.N; i++ {
		for _, c := range cases {
			out := filepath.Join(dir, fmt.Sprintf("%s-%d", c.name, i))
			wall, _ := runSweep(b, bin, c.env, "sweep", sw, "-workers", c.workers, "-out", out)
			rate[c.name] = float64(runs) / wall.Seconds()
			os.RemoveAll(out)
		}
	}
	for _, c := range cases {
		b.ReportMetric(rate[c.name], "runs/s-"+c.name)
	}
	b.ReportMetric(100*rate["2-workers"]/(2*rate["1-worker"]), "efficiency-%")
	b.ReportMetric(100*rate["2-workers"]/(2*rate["1-core"]), "efficiency-vs-1-core-%")
}

func benchEnv(b *testing.B, name string, def int) int {
	s := strings.TrimSpace(os.Getenv(name))
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		b.Fatalf("%s = %q: want a positive integer", name, s)
	}
	return n
}
