package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestNamesFitEveryFormat: a scenario name that would not survive a CSV
// (comma, quote, newline, space) or is empty is refused at load with
// file, line and key; Chinese names are welcome.
func TestNamesFitEveryFormat(t *testing.T) {
	t.Chdir(t.TempDir())
	for i, name := range []string{`"a,b"`, `'say "hi"'`, `"two\nlines"`, `""`, `"a b"`, `"a/b"`} {
		f := writeFile(t, fmt.Sprintf("n%d.toml", i), "extends = \"baseline\"\n\nname = "+name+"\n")
		mustExit(t, context.Background(), 2, []string{f + ":3: name:", "allowed letters"}, "validate", f)
	}
	f := writeFile(t, "my scenario.toml", "extends = \"baseline\"\n")
	mustExit(t, context.Background(), 2, []string{"my scenario.toml: name:", "file's name"}, "validate", f)
	mustExit(t, context.Background(), 0, nil, "validate", writeFile(t, "cn.toml", "extends = \"baseline\"\nname = \"南海-试点_2.0\"\n"))
}

// TestExitCodesMeanOneThing: the shard environment is checked like
// -shard; -months 0 is explained; a reform past the run's end is a
// warning of validate; a panic is a failure (1), never bad input.
func TestExitCodesMeanOneThing(t *testing.T) {
	noShardEnv(t)
	t.Chdir(t.TempDir())
	fastSweep(t, "s.toml", smallSweep)
	for _, env := range [][]string{
		{"GOVSIM_SHARDS", "4"},
		{"SLURM_ARRAY_TASK_ID", "0", "SLURM_ARRAY_TASK_COUNT", "0"},
		{"SLURM_ARRAY_TASK_ID", "0", "SLURM_ARRAY_TASK_COUNT", "200000"},
		{"SLURM_ARRAY_TASK_COUNT", "4"},
	} {
		t.Run(strings.Join(env, "="), func(t *testing.T) {
			noShardEnv(t)
			for i := 0; i+1 < len(env); i += 2 {
				t.Setenv(env[i], env[i+1])
			}
			code, _, errs := govsim(t, context.Background(), "sweep", "s.toml", "-out", "o")
			if code != 2 || !strings.Contains(errs, env[len(env)-2]) {
				t.Errorf("exit %d, want 2 naming %s: %s", code, env[len(env)-2], errs)
			}
			if _, err := os.Stat("o"); err == nil {
				t.Error("a refused shard wrote its output directory")
			}
		})
	}
	for _, cmd := range []string{"run", "compare", "sweep"} {
		if h := strings.Join(strings.Fields(helpText(cmd)), " "); !strings.Contains(h, "0, the default, keeps") {
			t.Errorf("govsim help %s does not say what -months 0 means", cmd)
		}
	}
	late := writeFile(t, "late.toml", "extends = \"baseline\"\nname = \"late\"\nmonths = 120\n[[reforms]]\nkind = \"zhengjing\"\nstart = 200\ncoverage = \"all\"\n")
	mustExit(t, context.Background(), 0, []string{"warning", "reforms[0].start", "never applies"}, "validate", late)
}

// TestMergeNamesDamagedShard: a damaged part stops merge with nothing
// written, naming the shard that holds it; once that shard is run again
// (which redoes the run), the same merge succeeds.
func TestMergeNamesDamagedShard(t *testing.T) {
	noShardEnv(t)
	t.Chdir(t.TempDir())
	fastSweep(t, "s.toml", smallSweep)
	sweepOK(t, "sweep", "s.toml", "-out", "whole")
	var dirs []string
	for i := 0; i < 3; i++ {
		d := fmt.Sprintf("sh%d", i)
		sweepOK(t, "sweep", "s.toml", "-shard", fmt.Sprintf("%d/3", i), "-out", d)
		dirs = append(dirs, d)
	}
	part := filepath.Join("sh1", "parts", "4.part")
	b, err := os.ReadFile(part)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 0xff
	writeFile(t, part, string(b))
	mustExit(t, context.Background(), 2, []string{"sh1", "shard 1/3", "-shard 1/3", "checksum"}, append([]string{"merge", "-out", "merged"}, dirs...)...)
	if _, err := os.Stat("merged"); err == nil {
		if ents, _ := os.ReadDir("merged"); len(ents) > 0 && !strings.HasPrefix(ents[0].Name(), ".") {
			t.Errorf("a failed merge left files: %v", ents)
		}
	}
	sweepOK(t, "sweep", "s.toml", "-shard", "1/3", "-out", "sh1")
	mustExit(t, context.Background(), 0, nil, append([]string{"merge", "-out", "merged"}, dirs...)...)
	sameFiles(t, sweepFiles(t, "whole"), sweepFiles(t, "merged"), "merged after the shard was run again")
}

// TestSignalStopsAnyPhase: SIGTERM stops govsim within the grace period
// even in a phase that does not watch for it (planning a million-point
// design here), with exit status 130.
func TestSignalStopsAnyPhase(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	noShardEnv(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "govsim")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	sw := writeFile(t, filepath.Join(dir, "big.toml"), strings.Replace(smallSweep, "samples = 3", "samples = 1000000", 1))
	c := exec.Command(bin, "sweep", sw, "-dry-run")
	c.Env = append(os.Environ(), "SLURM_ARRAY_TASK_ID=", "JOB_COMPLETION_INDEX=", "GOVSIM_SHARDS=")
	var stderr strings.Builder
	c.Stderr = &stderr
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	start := time.Now()
	if err := c.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second): // grace (5 s) and slack
		c.Process.Kill()
		t.Fatalf("still running %s after SIGTERM", time.Since(start))
	}
	if code := c.ProcessState.ExitCode(); code != 130 {
		t.Errorf("exit %d after SIGTERM, want 130: %s", code, stderr.String())
	}
}

// childOf finds a child process of pid (from /proc), or returns pid itself
// when it has none.
func childOf(pid int) int {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, s := range stats {
		b, err := os.ReadFile(s)
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...: comm may hold spaces; it ends at the
		// last ')'.
		f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
		if len(f) > 1 && f[1] == fmt.Sprint(pid) {
			var child int
			fmt.Sscanf(filepath.Base(filepath.Dir(s)), "%d", &child)
			return child
		}
	}
	return pid
}

// TestRuntimeFatalIsAFailure: when the Go runtime ends the process doing
// the work with its status 2 (here at SIGQUIT, which dumps the goroutines
// and exits 2, as a fatal error does), govsim exits 1 — a failure — and
// says why: 2 means bad input only.
func TestRuntimeFatalIsAFailure(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc")
	}
	noShardEnv(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "govsim")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	sw := writeFile(t, filepath.Join(dir, "big.toml"), strings.Replace(smallSweep, "samples = 3", "samples = 1000000", 1))
	c := exec.Command(bin, "sweep", sw, "-dry-run")
	var stderr strings.Builder
	c.Stderr = &stderr
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	worker := childOf(c.Process.Pid)
	if err := syscall.Kill(worker, syscall.SIGQUIT); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		c.Process.Kill()
		t.Fatal("still running after the runtime's exit")
	}
	if code := c.ProcessState.ExitCode(); code != 1 || !strings.Contains(stderr.String(), "not bad input") {
		t.Errorf("exit %d, want 1 and a line saying why: %.300s", code, stderr.String())
	}
}
