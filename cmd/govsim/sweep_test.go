package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/govsim/govsim/cmd/internal/drive"
	"github.com/govsim/govsim/sim/table"
	"github.com/govsim/govsim/sim/testkit"
	"github.com/govsim/govsim/sim/version"
)

// smallSweep is 3 LHS points × 2 scenarios × 2 replicates = 12 runs of 12
// months: enough for ordering, shards and resumption to matter, and quick.
const smallSweep = `name = "small"
scenarios = ["baseline", "zhengjing"]
design = "lhs"
samples = 3
replicates = 2
seed = 3
months = 12
window = 6

[[factor]]
key = "economy.lambda0"
min = 0.2
max = 0.6

[[factor]]
key = "opinion.meetings"
min = 0
max = 3
`

// fastSweep writes a sweep file whose scenarios are the baseline and
// zhengjing cut to 6 villages (same names), beside it, so that tests run in
// a fraction of the time, also under the race detector.
func fastSweep(t *testing.T, path, text string) string {
	t.Helper()
	dir := filepath.Dir(path)
	for _, name := range []string{"baseline", "zhengjing"} {
		writeFile(t, filepath.Join(dir, "small-"+name+".toml"), fmt.Sprintf("extends = %q\nname = %q\n[district]\nvillages = 6\n", name, name))
	}
	return writeFile(t, path, strings.Replace(text, `scenarios = ["baseline", "zhengjing"]`, `scenarios = ["small-baseline.toml", "small-zhengjing.toml"]`, 1))
}

// noShardEnv keeps a test that runs inside a Slurm array or a Kubernetes
// Job from being sharded by its environment.
func noShardEnv(t *testing.T) {
	t.Helper()
	for _, k := range []string{"SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_MAX", "SLURM_ARRAY_TASK_STEP", "JOB_COMPLETION_INDEX", "GOVSIM_SHARDS"} {
		t.Setenv(k, "")
	}
}

func writeFile(t *testing.T, path, text string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// sweepOK runs govsim in-process and fails the test unless it exits 0.
func sweepOK(t *testing.T, args ...string) string {
	t.Helper()
	code, _, errs := govsim(t, context.Background(), args...)
	if code != 0 {
		t.Fatalf("govsim %s: exit %d: %s", strings.Join(args, " "), code, errs)
	}
	return errs
}

// sweepFiles reads what identifies a finished sweep: sweep.json, every
// table and every part, by name.
func sweepFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, pattern := range []string{"sweep.json", "*.csv", "*.parquet", "parts/*.part"} {
		names, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, n := range names {
			b, err := os.ReadFile(n)
			if err != nil {
				t.Fatal(err)
			}
			rel, _ := filepath.Rel(dir, n)
			out[rel] = b
		}
	}
	return out
}

// sameFiles fails unless two directories hold the same files with the
// same bytes.
func sameFiles(t *testing.T, want, got map[string][]byte, what string) {
	t.Helper()
	var names []string
	for n := range want {
		names = append(names, n)
	}
	for n := range got {
		if _, ok := want[n]; !ok {
			t.Errorf("%s: extra file %s", what, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		g, ok := got[n]
		switch {
		case !ok:
			t.Errorf("%s: missing %s", what, n)
		case !bytes.Equal(g, want[n]):
			t.Errorf("%s: %s differs", what, n)
		}
	}
	if len(want) < 5 {
		t.Fatalf("%s: only %d files compared", what, len(want))
	}
}

// TestSweepEndToEnd runs a sweep with 1 and 2 workers and checks the
// tables, the manifest, and that the bytes do not depend on the workers.
func TestSweepEndToEnd(t *testing.T) {
	noShardEnv(t)
	dir := t.TempDir()
	sw := fastSweep(t, filepath.Join(dir, "s.toml"), smallSweep)
	out1, out2 := filepath.Join(dir, "w1"), filepath.Join(dir, "w2")
	msg := sweepOK(t, "sweep", sw, "-workers", "1", "-out", out1)
	sweepOK(t, "sweep", sw, "-workers", "2", "-out", out2)
	if !strings.Contains(msg, "wrote 12 runs to") || !strings.Contains(msg, "12 runs now at") || !strings.Contains(msg, "runs/s with 1 worker\n") {
		t.Errorf("stderr: %s", msg)
	}
	a := sweepFiles(t, out1)
	sameFiles(t, a, sweepFiles(t, out2), "-workers 1 vs 2")
	if len(a) != 1+3+12 {
		t.Errorf("%d files", len(a))
	}
	runs := string(a["runs.csv"])
	if !strings.HasPrefix(runs, "run_id,point,scenario,replicate,seed,economy.lambda0,opinion.meetings\n0,0,baseline,0,3,") ||
		!strings.Contains(runs, "\n3,0,zhengjing,1,3,") || !strings.Contains(runs, "\n11,2,zhengjing,1,3,") {
		t.Errorf("runs.csv:\n%s", runs)
	}
	res := string(a["results.csv"])
	if !strings.HasPrefix(res, "run_id,point,scenario,replicate,seed,metric,value\n0,0,baseline,0,3,disputes_opened_per_1000,") ||
		!strings.Contains(res, "\n11,2,zhengjing,1,3,composite_index,") {
		t.Errorf("results.csv:\n%.300s", res)
	}
	// Rows are in run-id order.
	last := -1
	for _, l := range strings.Split(strings.TrimSpace(res), "\n")[1:] {
		var id int
		fmt.Sscanf(l, "%d,", &id)
		if id < last {
			t.Fatalf("results.csv is not in run-id order at %q", l)
		}
		last = id
	}
	m, err := table.ReadSweepManifest(filepath.Join(out1, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !m.Complete || m.RunsDone != 12 || m.RunsTotal != 12 || m.Sweep.Design != "lhs" || m.Sweep.Seed != 3 || len(m.Sweep.Points) != 3 ||
		m.Govsim != version.Release || m.Build != testBuild || !strings.Contains(m.Sweep.Scenarios[1].Config, "[[reforms]]") || m.RunsPerSecond <= 0 || !strings.Contains(m.RunSeeds, "common") {
		t.Errorf("manifest: %+v", m)
	}
	// The same command again finds everything done and changes nothing.
	msg = sweepOK(t, "sweep", sw, "-workers", "2", "-out", out2)
	if !strings.Contains(msg, "all were done before") {
		t.Errorf("second run: %s", msg)
	}
	sameFiles(t, a, sweepFiles(t, out2), "after a second run")
	// -monthly is another sweep: refused in the same directory.
	code, _, errs := govsim(t, context.Background(), "sweep", sw, "-monthly", "-out", out1)
	if code != 2 || !strings.Contains(errs, "different sweep") || !strings.Contains(errs, "monthly true here, false there") {
		t.Errorf("-monthly into the same directory: exit %d: %s", code, errs)
	}
	mon := filepath.Join(dir, "monthly")
	sweepOK(t, "sweep", sw, "-monthly", "-out", mon)
	b, err := os.ReadFile(filepath.Join(mon, "monthly.csv"))
	if err != nil || !strings.HasPrefix(string(b), "run_id,point,scenario,replicate,seed,month,metric,value\n0,0,baseline,0,3,0,") ||
		!strings.Contains(string(b), "\n11,2,zhengjing,1,3,11,composite_index,") {
		t.Errorf("monthly.csv: %v %.200s", err, b)
	}
}

// TestSweepMatchesRun: under common random numbers, replicate r of a design
// point gives the rows govsim run -seed gives for a scenario file holding
// the point's values, so any sweep run can be reproduced on its own.
func TestSweepMatchesRun(t *testing.T) {
	noShardEnv(t)
	dir := t.TempDir()
	sw := writeFile(t, filepath.Join(dir, "g.toml"), `scenarios = ["baseline"]
design = "grid"
replicates = 2
seed = 5
months = 12
window = 12

[[factor]]
key = "economy.lambda0"
values = [0.3, 0.45]
`)
	sweepOK(t, "sweep", sw, "-monthly", "-out", filepath.Join(dir, "s"))
	sc := writeFile(t, filepath.Join(dir, "p1.toml"), "extends = \"baseline\"\nname = \"baseline\"\n[economy]\nlambda0 = 0.45\n")
	code, _, errs := govsim(t, context.Background(), "run", "-replicates", "2", "-seed", "5", "-months", "12", "-out", filepath.Join(dir, "r"), sc)
	if code != 0 {
		t.Fatal(errs)
	}
	runCSV, _ := os.ReadFile(filepath.Join(dir, "r", "monthly.csv"))
	sweepCSV, _ := os.ReadFile(filepath.Join(dir, "s", "monthly.csv"))
	// monthly.csv of run: scenario,replicate,seed,month,metric,value; of the
	// sweep: run_id,point,... — compare point 1's rows without the ids.
	var want, got []string
	for _, l := range strings.Split(string(runCSV), "\n")[1:] {
		if l != "" {
			want = append(want, l)
		}
	}
	for _, l := range strings.Split(string(sweepCSV), "\n")[1:] {
		f := strings.SplitN(l, ",", 3)
		if len(f) == 3 && f[1] == "1" {
			got = append(got, f[2])
		}
	}
	if len(want) == 0 || strings.Join(want, "\n") != strings.Join(got, "\n") {
		t.Fatalf("point 1 of the sweep differs from govsim run with its values (%d vs %d rows)", len(got), len(want))
	}
}

// TestSweepShards: shards into their own directories, merged, and shards
// sharing one directory give the bytes of the unsharded sweep; merge
// reports missing and duplicated runs.
func TestSweepShards(t *testing.T) {
	noShardEnv(t)
	dir := t.TempDir()
	sw := fastSweep(t, filepath.Join(dir, "s.toml"), smallSweep)
	for _, format := range []string{"csv", "parquet"} {
		t.Run(format, func(t *testing.T) {
			whole := filepath.Join(dir, "whole-"+format)
			sweepOK(t, "sweep", sw, "-format", format, "-out", whole)
			want := sweepFiles(t, whole)
			var shards []string
			for i := 0; i < 5; i++ {
				d := filepath.Join(dir, fmt.Sprintf("%s-shard%d", format, i))
				msg := sweepOK(t, "sweep", sw, "-format", format, "-shard", fmt.Sprintf("%d/5", i), "-out", d)
				if !strings.Contains(msg, fmt.Sprintf("shard %d/5", i)) || !strings.Contains(msg, "govsim merge") {
					t.Errorf("shard %d: %s", i, msg)
				}
				shards = append(shards, d)
			}
			merged := filepath.Join(dir, "merged-"+format)
			sweepOK(t, append([]string{"merge", "-format", format, "-out", merged}, shards...)...)
			sameFiles(t, want, sweepFiles(t, merged), "merged shards")
			// Shards sharing a directory: the last one assembles.
			shared := filepath.Join(dir, "shared-"+format)
			for _, i := range []int{2, 0, 1} {
				sweepOK(t, "sweep", sw, "-format", format, "-shard", fmt.Sprintf("%d/3", i), "-out", shared)
			}
			sameFiles(t, want, sweepFiles(t, shared), "shards sharing a directory")
			for _, m := range []string{"manifest.json", "manifest-shard-0-of-3.json", "manifest-shard-2-of-3.json"} {
				if _, err := os.Stat(filepath.Join(shared, m)); err != nil {
					t.Errorf("shared directory lacks %s", m)
				}
			}
		})
	}
	// A missing shard and a duplicated one are reported, and nothing is
	// written.
	shards := []string{filepath.Join(dir, "csv-shard0"), filepath.Join(dir, "csv-shard1"), filepath.Join(dir, "csv-shard3"), filepath.Join(dir, "csv-shard4")}
	out := filepath.Join(dir, "incomplete")
	code, _, errs := govsim(t, context.Background(), append([]string{"merge", "-out", out}, shards...)...)
	if code != 2 || !strings.Contains(errs, "2 of 12 runs are missing: 2, 7") || !strings.Contains(errs, "shard 2/5 (2 of 2 runs)") {
		t.Errorf("missing shard: exit %d: %s", code, errs)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("an incomplete merge wrote its output directory")
	}
	dup := filepath.Join(dir, "dup")
	sweepOK(t, "sweep", sw, "-shard", "1/5", "-out", dup)
	code, _, errs = govsim(t, context.Background(), "merge", "-out", out, filepath.Join(dir, "csv-shard0"), filepath.Join(dir, "csv-shard1"),
		filepath.Join(dir, "csv-shard2"), filepath.Join(dir, "csv-shard3"), filepath.Join(dir, "csv-shard4"), dup)
	if code != 2 || !strings.Contains(errs, "present more than once: 1, 6, 11") {
		t.Errorf("duplicated shard: exit %d: %s", code, errs)
	}
	// Shards of different sweeps are not merged.
	other := filepath.Join(dir, "other")
	sweepOK(t, "sweep", sw, "-seed", "9", "-shard", "2/5", "-out", other)
	code, _, errs = govsim(t, context.Background(), "merge", "-out", out, shards[0], other)
	if code != 2 || !strings.Contains(errs, "different sweeps") || !strings.Contains(errs, "seed 3 here, 9 there") {
		t.Errorf("different sweeps: exit %d: %s", code, errs)
	}
}

// TestSweepInterrupted: a cancelled sweep keeps its finished runs, exits
// 130 with a line saying how to resume, and the resumed sweep equals an
// uninterrupted one byte for byte.
func TestSweepInterrupted(t *testing.T) {
	noShardEnv(t)
	dir := t.TempDir()
	sw := fastSweep(t, filepath.Join(dir, "s.toml"), strings.Replace(smallSweep, "months = 12", "months = 36", 1))
	whole := filepath.Join(dir, "whole")
	sweepOK(t, "sweep", sw, "-out", whole)
	out := filepath.Join(dir, "out")
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		// Cancel once the first runs are in.
		for {
			if n, _ := filepath.Glob(filepath.Join(out, "parts", "*.part")); len(n) >= 2 {
				cancel()
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	code, _, errs := govsim(t, ctx, "sweep", sw, "-workers", "1", "-out", out)
	cancel()
	if code != 130 || !strings.Contains(errs, "interrupted: kept the") || !strings.Contains(errs, "run the same command again to resume: govsim sweep") {
		t.Fatalf("exit %d: %s", code, errs)
	}
	m, err := table.ReadSweepManifest(filepath.Join(out, "manifest.json"))
	if err != nil || m.Complete || m.RunsDone < 2 || m.RunsDone >= 12 {
		t.Fatalf("manifest after the interruption: %v %+v", err, m)
	}
	if _, err := os.Stat(filepath.Join(out, "results.csv")); err == nil {
		t.Error("an interrupted sweep assembled results.csv")
	}
	msg := sweepOK(t, "sweep", sw, "-workers", "2", "-out", out)
	if !strings.Contains(msg, fmt.Sprintf("%s now", drive.Plural(12-m.RunsDone, "run"))) {
		t.Errorf("resume redid finished runs: %s", msg)
	}
	sameFiles(t, sweepFiles(t, whole), sweepFiles(t, out), "resumed sweep")
}

// TestSweepKill9 kills a sweep process with SIGKILL at several moments,
// resumes it each time, and checks that no finished run is lost or
// changed and that the result equals an uninterrupted sweep byte for byte.
func TestSweepKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs several processes")
	}
	noShardEnv(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "govsim")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	sw := writeFile(t, filepath.Join(dir, "s.toml"), strings.NewReplacer("samples = 3", "samples = 8", "months = 12", "months = 36").Replace(smallSweep))
	run := func(out string) *exec.Cmd {
		c := exec.Command(bin, "sweep", sw, "-workers", "2", "-monthly", "-out", out)
		c.Env = append(os.Environ(), "SLURM_ARRAY_TASK_ID=", "JOB_COMPLETION_INDEX=")
		return c
	}
	whole := filepath.Join(dir, "whole")
	if out, err := run(whole).CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted sweep: %v\n%s", err, out)
	}
	want := sweepFiles(t, whole)
	out := filepath.Join(dir, "out")
	seen := map[string][]byte{} // parts seen after a kill, which must never change
	kills := 0
	for delay := time.Duration(0); kills < 12; delay += 25 * time.Millisecond {
		c := run(out)
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		if err := c.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		err := c.Wait()
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			break // it finished before the kill
		}
		kills++
		now := sweepFiles(t, out)
		for n, b := range seen {
			if !bytes.Equal(now[n], b) {
				t.Fatalf("after kill %d: finished %s was lost or changed", kills, n)
			}
		}
		for n, b := range now {
			if strings.HasPrefix(n, "parts"+string(filepath.Separator)) {
				if !bytes.Equal(b, want[n]) {
					t.Fatalf("after kill %d: %s differs from the uninterrupted sweep's", kills, n)
				}
				seen[n] = b
			}
		}
	}
	if kills < 3 {
		t.Fatalf("only %d kills landed before the sweep finished", kills)
	}
	// What a kill during assembly or while writing a part leaves behind:
	// half-written temporary files, which the resumed sweep removes.
	writeFile(t, filepath.Join(out, ".results.csv.tmp-999"), "run_id,po")
	writeFile(t, filepath.Join(out, "parts", ".3.part.tmp-999"), "gvspa")
	if b, err := run(out).CombinedOutput(); err != nil {
		t.Fatalf("resume: %v\n%s", err, b)
	}
	sameFiles(t, want, sweepFiles(t, out), fmt.Sprintf("sweep resumed after %d kills", kills))
	var temps []string
	filepath.Walk(out, func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.Contains(filepath.Base(p), ".tmp-") {
			temps = append(temps, p)
		}
		return nil
	})
	if len(temps) > 0 {
		t.Errorf("temporary files left: %v", temps)
	}
	t.Logf("%d kills at 25 ms steps; %d parts seen between them", kills, len(seen))
}

// TestSweepParquet reads the Parquet tables of a sweep back and compares
// them with the CSV tables of the same sweep, cell by cell.
func TestSweepParquet(t *testing.T) {
	noShardEnv(t)
	dir := t.TempDir()
	sw := fastSweep(t, filepath.Join(dir, "s.toml"), smallSweep)
	out := filepath.Join(dir, "out")
	sweepOK(t, "sweep", sw, "-monthly", "-out", out)
	sweepOK(t, "sweep", sw, "-monthly", "-format", "parquet", "-out", out)
	for _, name := range table.SweepTables(true) {
		testkit.SameParquetCSV(t, filepath.Join(out, name+".parquet"), filepath.Join(out, name+".csv"))
	}
}

// TestSweepBadInputCLI: bad flags, environments, sweep files and output
// directories exit 2 with one line, and leave -out untouched.
func TestSweepBadInputCLI(t *testing.T) {
	noShardEnv(t)
	dir := t.TempDir()
	t.Chdir(dir)
	fastSweep(t, "s.toml", smallSweep)
	writeFile(t, "grid.toml", "design = \"grid\"\nmonths = 12\nwindow = 12\n[[factor]]\nkey = \"economy.lambda0\"\nvalues = [0.2, 0.4]\n")
	fastSweep(t, "bad.toml", strings.Replace(smallSweep, "max = 0.6", "max = 1.6", 1))
	if err := os.MkdirAll("precious", 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, "precious/monthly.csv", "keep\n")
	sweepOK(t, "sweep", "s.toml", "-out", "taken")
	for _, tc := range []struct {
		env  []string
		args []string
		want []string
	}{
		{nil, []string{"sweep"}, []string{"one sweep file"}},
		{nil, []string{"sweep", "nosuch.toml"}, []string{"nosuch.toml", "cannot read"}},
		{nil, []string{"sweep", "bad.toml"}, []string{"bad.toml:13", "factor[0].max", "out of range"}},
		{nil, []string{"sweep", "s.toml", "-shard", "5/5"}, []string{"-shard", "0 <= I < N"}},
		{nil, []string{"sweep", "s.toml", "-shard", "x"}, []string{"-shard"}},
		{nil, []string{"sweep", "s.toml", "-samples", "0"}, []string{"-samples", "out of range"}},
		{nil, []string{"sweep", "grid.toml", "-samples", "3"}, []string{"-samples", "takes no samples"}},
		{nil, []string{"sweep", "s.toml", "-window", "5000"}, []string{"-window", "1 to 1200"}},
		{nil, []string{"sweep", "s.toml", "-format", "xlsx"}, []string{"-format", "csv | parquet"}},
		{nil, []string{"sweep", "s.toml", "-set", "economy.lamda0=0.3"}, []string{"-set", `did you mean "economy.lambda0"`}},
		{nil, []string{"sweep", "s.toml", "-set", "economy.lambda0=3"}, []string{"-set", "economy.lambda0", "allowed [0, 1]"}},
		{nil, []string{"sweep", "-example", "sobol"}, []string{"sobol", "grid | lhs | morris | saltelli"}},
		{[]string{"SLURM_ARRAY_TASK_ID", "4", "SLURM_ARRAY_TASK_COUNT", "4"}, []string{"sweep", "s.toml"}, []string{"SLURM_ARRAY_TASK_ID = 4", "out of range"}},
		{[]string{"SLURM_ARRAY_TASK_ID", "3"}, []string{"sweep", "s.toml"}, []string{"SLURM_ARRAY_TASK_COUNT"}},
		{[]string{"JOB_COMPLETION_INDEX", "1"}, []string{"sweep", "s.toml"}, []string{"-shards N or GOVSIM_SHARDS"}},
		{[]string{"JOB_COMPLETION_INDEX", "3", "GOVSIM_SHARDS", "3"}, []string{"sweep", "s.toml"}, []string{"JOB_COMPLETION_INDEX = 3", "out of range"}},
		{[]string{"SLURM_ARRAY_TASK_ID", "5", "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_MAX", "7", "SLURM_ARRAY_TASK_COUNT", "3"}, []string{"sweep", "s.toml"}, []string{"gaps", "-shards N"}},
		{nil, []string{"sweep", "s.toml", "-shards", "4"}, []string{"-shards 4", "no shard index"}},
		{nil, []string{"sweep", "s.toml", "-out", "precious"}, []string{"precious", "not empty", "monthly.csv"}},
		{nil, []string{"sweep", "s.toml", "-seed", "4", "-out", "taken"}, []string{"different sweep", "seed 4 here, 3 there"}},
		{nil, []string{"merge"}, []string{"directories"}},
		{nil, []string{"merge", "precious"}, []string{"no sweep.json"}},
		{nil, []string{"merge", "taken", "taken", "-out", "x"}, []string{"given twice"}},
		{nil, []string{"merge", "taken", "precious"}, []string{"-out"}},
		{nil, []string{"rerun", "nosuch"}, []string{"nosuch"}},
		{nil, []string{"rerun", "-out", "taken", "taken"}, []string{"directory of the manifest"}},
		{nil, []string{"rerun", "-out", "precious", "taken"}, []string{"not empty"}},
	} {
		t.Run(strings.Join(append(tc.env, tc.args...), " "), func(t *testing.T) {
			for i := 0; i+1 < len(tc.env); i += 2 {
				t.Setenv(tc.env[i], tc.env[i+1])
			}
			code, _, errs := govsim(t, context.Background(), tc.args...)
			if code != 2 {
				t.Fatalf("exit %d, want 2: %s", code, errs)
			}
			if strings.Count(strings.TrimRight(errs, "\n"), "\n") != 0 {
				t.Errorf("want one line, got:\n%s", errs)
			}
			for _, w := range tc.want {
				if !strings.Contains(errs, w) {
					t.Errorf("%q lacks %q", errs, w)
				}
			}
			if b, err := os.ReadFile("precious/monthly.csv"); err != nil || string(b) != "keep\n" {
				t.Fatal("an existing directory was touched")
			}
			if ents, _ := os.ReadDir("precious"); len(ents) != 1 {
				t.Fatal("bad input wrote into an existing directory")
			}
			if _, err := os.Stat("govsim-sweep"); err == nil {
				t.Fatal("bad input created the default output directory")
			}
		})
	}
}

// TestRerun reproduces govsim run and govsim sweep output from their
// manifests, byte for byte, and reports a file that differs.
func TestRerun(t *testing.T) {
	noShardEnv(t)
	dir := t.TempDir()
	t.Chdir(dir)
	code, _, errs := govsim(t, context.Background(), "run", "-replicates", "2", "-months", "12", "-village-detail", "-out", "r", "baseline", "zhengshe")
	if code != 0 {
		t.Fatal(errs)
	}
	code, out, errs := govsim(t, context.Background(), "rerun", "-out", "r2", "r/manifest.json")
	if code != 0 || strings.Count(out, "identical") != 2 {
		t.Fatalf("rerun of govsim run: exit %d\n%s%s", code, out, errs)
	}
	// A changed original is reported, with the file and line.
	b, _ := os.ReadFile("r/villages.csv")
	b[len(b)-2] ^= 1
	writeFile(t, "r/villages.csv", string(b))
	code, out, errs = govsim(t, context.Background(), "rerun", "-out", "r3", "r")
	if code != 1 || !strings.Contains(out, "villages.csv") || !strings.Contains(out, "DIFFERS") || !strings.Contains(errs, "differs from r in villages.csv") {
		t.Fatalf("changed original: exit %d\n%s%s", code, out, errs)
	}
	fastSweep(t, "s.toml", smallSweep)
	sweepOK(t, "sweep", "s.toml", "-seed", "8", "-out", "s")
	code, out, errs = govsim(t, context.Background(), "rerun", "-out", "s2", "s")
	if code != 0 || !regexp.MustCompile(`results.csv +identical`).MatchString(out) || !strings.Contains(out, "12 of 12 identical") {
		t.Fatalf("rerun of a sweep: exit %d\n%s%s", code, out, errs)
	}
	// A shard's manifest reruns that shard.
	sweepOK(t, "sweep", "s.toml", "-shard", "1/3", "-out", "sh")
	code, out, errs = govsim(t, context.Background(), "rerun", "-out", "sh2", "sh")
	if code != 0 || !strings.Contains(out, "4 of 4 identical") {
		t.Fatalf("rerun of a shard: exit %d\n%s%s", code, out, errs)
	}
}

// TestSweepSet: -set reaches every scenario of a sweep (its resolved TOML
// in sweep.json, hence the sweep's identity) and the manifest records it.
func TestSweepSet(t *testing.T) {
	noShardEnv(t)
	t.Chdir(t.TempDir())
	fastSweep(t, "s.toml", smallSweep)
	sweepOK(t, "sweep", "s.toml", "-samples", "2", "-replicates", "1", "-set", "composite.w_trust=3", "-out", "set")
	m, err := table.ReadSweepManifest(filepath.Join("set", "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Set) != 1 || m.Set[0] != "composite.w_trust=3" {
		t.Errorf("manifest set: %q", m.Set)
	}
	for _, sc := range m.Sweep.Scenarios {
		if !strings.Contains(sc.Config, "w_trust = 3.0") {
			t.Errorf("%s: the resolved scenario lacks the override", sc.Name)
		}
	}
}
