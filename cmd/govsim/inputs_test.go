package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// exitWithin runs govsim in-process and fails if it has not returned after
// d: an input must never make govsim hang.
func exitWithin(t *testing.T, d time.Duration, args ...string) (int, string) {
	t.Helper()
	type res struct {
		code int
		errs string
	}
	done := make(chan res, 1)
	go func() {
		code, _, errs := govsim(t, context.Background(), args...)
		done <- res{code, errs}
	}()
	select {
	case r := <-done:
		return r.code, r.errs
	case <-time.After(d):
		t.Fatalf("govsim %s still runs after %s", strings.Join(args, " "), d)
	}
	return 0, ""
}

// TestInputsBounded: every kind of file govsim reads refuses a named pipe
// (which would block for ever), a device (/dev/zero would fill memory), a
// directory, a file past its size limit and, for TOML, nesting past its
// depth limit — at once, with exit status 2 and the limit in the message.
func TestInputsBounded(t *testing.T) {
	noShardEnv(t)
	t.Chdir(t.TempDir())
	smallScenarios(t)
	fastSweep(t, "s.toml", smallSweep)
	sweepOK(t, "sweep", "s.toml", "-out", "sw")
	mustExit(t, context.Background(), 0, nil, "run", "-months", "12", "-replicates", "1", "-out", "r", "small-baseline.toml")
	for _, f := range []string{"fifo.toml", "fifo.csv", "fifo-dir/manifest.json", "fifo-sweep/sweep.json", "fifo-report/monthly.csv"} {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(f, 0o644); err != nil {
			t.Skipf("no named pipes here: %v", err)
		}
	}
	for _, f := range []string{"manifest.json", ".govsim-dir"} {
		if b, err := os.ReadFile(filepath.Join("r", f)); err == nil {
			writeFile(t, filepath.Join("fifo-report", f), string(b))
		}
	}
	if err := os.Mkdir("dir.toml", 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, "big.toml", "# "+strings.Repeat("x", 2<<20)+"\n")
	writeFile(t, "deep.toml", "a = "+strings.Repeat("[", 100000)+strings.Repeat("]", 100000)+"\n")
	writeFile(t, "dotted.toml", strings.Repeat("a.", 20000)+"a = 1\n")
	writeFile(t, "inline.toml", "a = "+strings.Repeat("{b = ", 20000)+"1"+strings.Repeat("}", 20000)+"\n")
	writeFile(t, "ext.toml", "extends = \"fifo.toml\"\n")
	writeFile(t, "vil.toml", "extends = \"baseline\"\n[district]\nvillage_csv = \"fifo.csv\"\n")
	writeFile(t, "pts.toml", "design = \"csv\"\npoints = \"fifo.csv\"\nmonths = 12\nwindow = 12\n[[factor]]\nkey = \"economy.lambda0\"\nmin = 0.2\nmax = 0.6\n")
	writeFile(t, "sdeep.toml", "design = \"lhs\"\nx = "+strings.Repeat("{b = ", 20000)+"1"+strings.Repeat("}", 20000)+"\n")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"validate", "./fifo.toml"}, "not a regular file (a named pipe)"},
		{[]string{"validate", "/dev/zero"}, "not a regular file (a device)"},
		{[]string{"validate", "dir.toml"}, "not a regular file (a directory)"},
		{[]string{"validate", "big.toml"}, "allowed at most 1 MiB"},
		{[]string{"validate", "deep.toml"}, "deep.toml:1: arrays and inline tables nest deeper than 16 levels"},
		{[]string{"validate", "dotted.toml"}, "dotted keys nest deeper than 16 levels"},
		{[]string{"validate", "inline.toml"}, "nest deeper than 16 levels"},
		{[]string{"validate", "ext.toml"}, "not a regular file (a named pipe)"},
		{[]string{"validate", "vil.toml"}, "not a regular file (a named pipe)"},
		{[]string{"run", "-out", "o1", "./fifo.toml"}, "not a regular file"},
		{[]string{"sweep", "./fifo.toml", "-out", "o2"}, "not a regular file"},
		{[]string{"sweep", "sdeep.toml", "-out", "o3"}, "nest deeper than 16 levels"},
		{[]string{"sweep", "pts.toml", "-out", "o4"}, "not a regular file"},
		{[]string{"rerun", "-out", "o5", "fifo-dir/manifest.json"}, "not a regular file"},
		{[]string{"merge", "fifo-sweep"}, "not a regular file"},
		{[]string{"report", "-window", "12", "fifo-report"}, "not a regular file"},
	} {
		code, errs := exitWithin(t, 20*time.Second, tc.args...)
		if code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("govsim %s: exit %d, want 2 and %q: %s", strings.Join(tc.args, " "), code, tc.want, errs)
		}
	}
}

// TestResourcesCheckedBeforeWork: a scenario within every documented range
// but beyond the machine's memory is refused before it runs, with the
// estimate and the limit; GOVSIM_MEMORY sets the limit.
func TestResourcesCheckedBeforeWork(t *testing.T) {
	noShardEnv(t)
	t.Chdir(t.TempDir())
	t.Setenv("GOVSIM_MEMORY", "")
	writeFile(t, "huge.toml", "extends = \"baseline\"\nname = \"huge\"\n[district]\nvillages = 2000\nregistered_per_unit = 1000000\nscale = 1\n")
	code, errs := exitWithin(t, 30*time.Second, "run", "-replicates", "1", "-out", "o", "huge.toml")
	if code != 2 || !strings.Contains(errs, "huge needs about") || !strings.Contains(errs, "GiB of memory") || !strings.Contains(errs, "available") {
		t.Errorf("a district too large for memory: exit %d: %s", code, errs)
	}
	if _, err := os.Stat("o"); err == nil {
		t.Error("a refused run made its output directory")
	}
	// A sweep whose points reach that size.
	writeFile(t, "big.toml", "design = \"grid\"\nmonths = 12\nwindow = 12\n[[factor]]\nkey = \"district.registered_per_unit\"\nvalues = [1000, 1000000]\n[[factor]]\nkey = \"district.scale\"\nvalues = [1]\n[[factor]]\nkey = \"district.villages\"\nvalues = [60, 2000]\n")
	code, errs = exitWithin(t, 30*time.Second, "sweep", "big.toml", "-out", "o")
	if code != 2 || !strings.Contains(errs, "needs about") || !strings.Contains(errs, "design point 3") {
		t.Errorf("a sweep too large for memory: exit %d: %s", code, errs)
	}
	t.Setenv("GOVSIM_MEMORY", "1MiB")
	mustExit(t, context.Background(), 2, []string{"needs about", "1.0 MiB", "GOVSIM_MEMORY"}, "run", "-months", "12", "-replicates", "1", "-out", "o", "baseline")
	t.Setenv("GOVSIM_MEMORY", "lots")
	mustExit(t, context.Background(), 2, []string{"GOVSIM_MEMORY", "lots"}, "run", "-months", "12", "-replicates", "1", "-out", "o", "baseline")
}

// TestManifestCountsChecked: the counts of sweep.json and of the manifests
// are checked, against their checksum and against the sweep they
// describe, before anything is sized by them.
func TestManifestCountsChecked(t *testing.T) {
	noShardEnv(t)
	t.Chdir(t.TempDir())
	fastSweep(t, "s.toml", smallSweep)
	sweepOK(t, "sweep", "s.toml", "-out", "sw")
	orig, err := os.ReadFile("sw/sweep.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, runs := range []string{"-1", "99999999999", "0", "13"} {
		b := bytes.Replace(orig, []byte(`"runs": 12,`), []byte(`"runs": `+runs+`,`), 1)
		if bytes.Equal(b, orig) {
			t.Fatal("sweep.json has no runs = 12")
		}
		writeFile(t, "sw/sweep.json", string(b))
		code, errs := exitWithin(t, 30*time.Second, "merge", "sw")
		if code != 2 || !strings.Contains(errs, "runs = "+runs) {
			t.Errorf("merge with runs = %s: exit %d: %s", runs, code, errs)
		}
	}
	writeFile(t, "sw/sweep.json", string(orig))
	// A sweep manifest whose counts were edited.
	man, err := os.ReadFile("sw/manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, "sw/manifest.json", strings.Replace(string(man), `"runs_total": 12`, `"runs_total": 99999999999`, 1))
	mustExit(t, context.Background(), 2, []string{"edited or damaged"}, "rerun", "-out", "again", "sw")
	// A run's manifest whose runs were edited: its checksum says so.
	smallScenarios(t)
	mustExit(t, context.Background(), 0, nil, "run", "-months", "12", "-replicates", "2", "-out", "r", "small-baseline.toml")
	man, err = os.ReadFile("r/manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, "r/manifest.json", strings.Replace(string(man), `"replicate": 1,`, `"replicate": 7,`, 1))
	mustExit(t, context.Background(), 2, []string{"checksum", "edited"}, "rerun", "-out", "again2", "r")
	mustExit(t, context.Background(), 2, []string{"checksum", "edited"}, "report", "-window", "12", "r")
}
