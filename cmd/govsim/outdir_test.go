package main

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// The tests of issue 9 drive govsim through its command line only, so that
// they run unchanged against older versions (each failed on the commit
// before the issue was taken).

// smallScenarios writes baseline and zhengjing cut to 6 villages (same
// names) into the working directory, for quick runs.
func smallScenarios(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, name := range []string{"baseline", "zhengjing"} {
		out = append(out, writeFile(t, "small-"+name+".toml", fmt.Sprintf("extends = %q\nname = %q\n[district]\nvillages = 6\n", name, name)))
	}
	return out
}

// treeSums maps every file, directory and symlink below dir (hidden ones
// too) to a checksum of its content and mode.
func treeSums(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		sum := info.Mode().String()
		if info.Mode().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum += fmt.Sprintf(" %x", sha256.Sum256(b))
		}
		out[rel] = sum
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameTree(t *testing.T, what string, a, b map[string]string) {
	t.Helper()
	var diff []string
	for k, v := range a {
		if b[k] != v {
			diff = append(diff, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			diff = append(diff, k+" (new)")
		}
	}
	sort.Strings(diff)
	if len(diff) > 0 {
		t.Errorf("%s changed: %v", what, diff)
	}
}

// mustExit runs govsim and fails unless it exits with code and its stderr
// holds every want.
func mustExit(t *testing.T, ctx context.Context, code int, want []string, args ...string) string {
	t.Helper()
	got, _, errs := govsim(t, ctx, args...)
	if got != code {
		t.Fatalf("govsim %s: exit %d, want %d: %s", strings.Join(args, " "), got, code, errs)
	}
	for _, w := range want {
		if !strings.Contains(errs, w) {
			t.Errorf("govsim %s: %q lacks %q", strings.Join(args, " "), errs, w)
		}
	}
	return errs
}

// TestOutputDirectoryOwned: govsim writes only into a new or empty
// directory or one holding the same kind and settings; it refuses a
// directory of the user's, another command's output, or other settings,
// naming what is there; -force replaces a directory govsim made, whole;
// and an interrupted run never replaces a complete result.
func TestOutputDirectoryOwned(t *testing.T) {
	noShardEnv(t)
	t.Chdir(t.TempDir())
	scs := smallScenarios(t)
	bg := context.Background()
	run := func(out string, extra ...string) []string {
		return append(append([]string{"run", "-months", "12", "-replicates", "2", "-out", out}, extra...), scs...)
	}
	// A directory of the user's.
	if err := os.Mkdir("u", 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, "u/monthly.csv", "thesis\n")
	user := treeSums(t, "u")
	mustExit(t, bg, 2, []string{"u", "not empty", "monthly.csv", "another -out"}, run("u")...)
	mustExit(t, bg, 2, []string{"u", "not empty"}, run("u", "-force")...)
	sameTree(t, "the user's directory", user, treeSums(t, "u"))

	// A sweep's directory.
	fastSweep(t, "s.toml", smallSweep)
	sweepOK(t, "sweep", "s.toml", "-out", "sw")
	sweep := treeSums(t, "sw")
	mustExit(t, bg, 2, []string{"sw", "sweep", "-force"}, run("sw")...)
	// report and analyze write beside what they read, only into what govsim
	// made for them to read: a run or comparison, a sweep.
	mustExit(t, bg, 2, []string{"sw holds a sweep", "govsim report reads the output of govsim run or compare"}, "report", "sw")
	sameTree(t, "the sweep's directory", sweep, treeSums(t, "sw"))

	// A comparison, then a run into its directory: refused; with -force
	// the directory is replaced whole, so no report of the old is left.
	cmp := []string{"compare", "-months", "12", "-window", "12", "-replicates", "2", "-out", "c"}
	mustExit(t, bg, 0, nil, append(cmp, scs...)...)
	mustExit(t, bg, 2, []string{"c", "comparison", "-force"}, run("c")...)
	mustExit(t, bg, 2, []string{"c holds a comparison", "govsim analyze reads the output of govsim sweep"}, "analyze", "c")
	if _, err := os.Stat("c/report.html"); err != nil {
		t.Fatal("a refused run removed the comparison")
	}
	mustExit(t, bg, 0, nil, run("c", "-force")...)
	for _, gone := range []string{"report.html", "summary.csv", "charts"} {
		if _, err := os.Stat(filepath.Join("c", gone)); err == nil {
			t.Errorf("%s of the comparison is left beside the new run", gone)
		}
	}
	// The same command again replaces its own result; other settings do
	// not.
	mustExit(t, bg, 0, nil, run("c")...)
	mustExit(t, bg, 2, []string{"c", "other settings"}, run("c", "-seed", "5")...)

	// An interrupted run keeps the complete result it would replace.
	before := treeSums(t, "c")
	ctx, cancel := context.WithCancel(bg)
	cancel()
	mustExit(t, ctx, 130, []string{"keeps its previous complete result"}, run("c")...)
	after := treeSums(t, "c")
	delete(before, ".govsim-lock") // who last held the directory: not part of the result
	delete(after, ".govsim-lock")
	sameTree(t, "a complete result after an interrupted run", before, after)
	// ... and leaves nothing beside it.
	ents, _ := os.ReadDir(".")
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left beside the output: %s", e.Name())
		}
	}
}

// TestOutNeverChangesFilesItDoesNotOwn: -out naming a directory of
// unrelated files is refused by every command that writes, and not one
// byte, file or mode below it changes.
func TestOutNeverChangesFilesItDoesNotOwn(t *testing.T) {
	noShardEnv(t)
	t.Chdir(t.TempDir())
	scs := smallScenarios(t)
	fastSweep(t, "s.toml", smallSweep)
	sweepOK(t, "sweep", "s.toml", "-shard", "0/2", "-out", "sh0")
	sweepOK(t, "sweep", "s.toml", "-shard", "1/2", "-out", "sh1")
	mustExit(t, context.Background(), 0, nil, append([]string{"run", "-months", "12", "-replicates", "1", "-out", "r"}, scs...)...)
	// The user's directory: data govsim might have written, and more.
	if err := os.MkdirAll("data/sub", 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"data/monthly.csv": "scenario,replicate,seed,month,metric,value\nmine,0,1,0,x,1\n", "data/manifest.json": "{}\n",
		"data/results.csv": "mine\n", "data/report.html": "<p>mine</p>\n", "data/.hidden": "mine\n", "data/sub/notes.txt": "mine\n",
	} {
		writeFile(t, name, text)
	}
	want := treeSums(t, "data")
	for _, args := range [][]string{
		append([]string{"run", "-months", "12", "-replicates", "1", "-out", "data"}, scs...),
		append([]string{"run", "-months", "12", "-replicates", "1", "-force", "-out", "data"}, scs...),
		append([]string{"compare", "-months", "12", "-window", "12", "-replicates", "2", "-out", "data"}, scs...),
		{"sweep", "s.toml", "-out", "data"},
		{"sweep", "s.toml", "-force", "-out", "data"},
		{"merge", "-out", "data", "sh0", "sh1"},
		{"rerun", "-out", "data", "r"},
		{"report", "data"},
		{"analyze", "data"},
	} {
		code, _, errs := govsim(t, context.Background(), args...)
		if code != 2 {
			t.Errorf("govsim %s: exit %d, want 2: %s", strings.Join(args, " "), code, errs)
		}
		sameTree(t, "after govsim "+strings.Join(args, " "), want, treeSums(t, "data"))
	}
}

// TestConcurrentWritersExcluded: a second sweep into a directory a first is
// writing is refused, naming the first's pid, and the first finishes
// unharmed.
func TestConcurrentWritersExcluded(t *testing.T) {
	noShardEnv(t)
	t.Chdir(t.TempDir())
	fastSweep(t, "s.toml", strings.Replace(smallSweep, "months = 12", "months = 120", 1))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	first := make(chan int, 1)
	go func() {
		code, _, _ := govsim(t, ctx, "sweep", "s.toml", "-workers", "1", "-out", "out")
		first <- code
	}()
	deadline := time.Now().Add(60 * time.Second)
	for {
		if n, _ := filepath.Glob("out/parts/*.part"); len(n) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the first sweep wrote no part")
		}
		time.Sleep(time.Millisecond)
	}
	mustExit(t, context.Background(), 2, []string{"out", "being written by another govsim", fmt.Sprintf("pid %d", os.Getpid())}, "sweep", "s.toml", "-workers", "1", "-out", "out")
	if code := <-first; code != 0 {
		t.Fatalf("the first sweep: exit %d", code)
	}
}
