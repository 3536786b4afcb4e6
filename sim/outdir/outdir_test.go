package outdir

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/govsim/govsim/sim/shard"
	"github.com/govsim/govsim/sim/table"
)

func writeTest(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readTest(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// visible lists the entries of dir that are not hidden.
func visible(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		if !strings.HasPrefix(e.Name(), ".") {
			out = append(out, e.Name())
		}
	}
	return out
}

// TestClaimReplacesWhole: a result replaces the directory holding the same
// kind and settings whole, and only once complete; an incomplete one
// leaves a complete result in place; nothing is left beside.
func TestClaimReplacesWhole(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	w := Want{Kind: KindRun, Settings: "s1", Command: []string{"govsim", "run"}, Version: "test"}
	o, err := Claim(dir, w)
	if err != nil {
		t.Fatal(err)
	}
	if o.Staged() {
		t.Fatal("a new directory was staged")
	}
	writeTest(t, filepath.Join(o.Build, "monthly.csv"), "old\n")
	writeTest(t, filepath.Join(o.Build, "report.html"), "old\n")
	if kept, err := o.Commit(true); err != nil || kept {
		t.Fatal(kept, err)
	}
	o.Close()

	o, err = Claim(dir, w)
	if err != nil || !o.Staged() || o.Prev == nil || !o.Prev.Complete {
		t.Fatalf("the same result again: %+v %v", o, err)
	}
	writeTest(t, filepath.Join(o.Build, "monthly.csv"), "new\n")
	if got := readTest(t, filepath.Join(dir, "monthly.csv")); got != "old\n" {
		t.Fatal("a staged result showed before it was complete")
	}
	if kept, err := o.Commit(true); err != nil || kept {
		t.Fatal(kept, err)
	}
	o.Close()
	if got := readTest(t, filepath.Join(dir, "monthly.csv")); got != "new\n" {
		t.Fatalf("a.csv = %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "report.html")); err == nil {
		t.Error("a file of the old result is left beside the new")
	}

	// An incomplete result does not replace a complete one.
	o, err = Claim(dir, w)
	if err != nil {
		t.Fatal(err)
	}
	writeTest(t, filepath.Join(o.Build, "monthly.csv"), "partial\n")
	if kept, err := o.Commit(false); err != nil || !kept {
		t.Fatal(kept, err)
	}
	o.Close()
	if got := readTest(t, filepath.Join(dir, "monthly.csv")); got != "new\n" {
		t.Fatalf("a.csv = %q after an incomplete result", got)
	}
	if v := visible(t, parent); len(v) != 1 {
		t.Errorf("beside the output: %v", v)
	}
	if ents, _ := os.ReadDir(parent); len(ents) != 1 {
		t.Errorf("left beside the output: %v", ents)
	}
}

// TestClaimRefuses: other settings, other kinds and foreign files are
// refused without a trace; -force replaces what govsim made but never
// what it did not.
func TestClaimRefuses(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	o, err := Claim(dir, Want{Kind: KindCompare, Settings: "s1", Command: []string{"govsim", "compare", "-seed", "3"}})
	if err != nil {
		t.Fatal(err)
	}
	writeTest(t, filepath.Join(o.Build, "report.html"), "x")
	o.Commit(true)
	o.Close()
	var de *table.DirError
	for _, w := range []Want{{Kind: KindRun, Settings: "s1"}, {Kind: KindCompare, Settings: "s2"}, {Kind: KindSweep, Settings: "s1", Resume: true}} {
		if _, err := Claim(dir, w); !errors.As(err, &de) || !de.BadInput() || !strings.Contains(err.Error(), "govsim compare -seed 3") {
			t.Errorf("%+v: %v", w, err)
		}
	}
	o, err = Claim(dir, Want{Kind: KindRun, Settings: "s9", Force: true})
	if err != nil || !o.Staged() {
		t.Fatalf("-force: %v", err)
	}
	o.Commit(true)
	o.Close()
	if _, err := os.Stat(filepath.Join(dir, "report.html")); err == nil {
		t.Error("-force left the old result's files")
	}
	mine := t.TempDir()
	writeTest(t, filepath.Join(mine, "thesis.tex"), "x")
	if _, err := Claim(mine, Want{Kind: KindRun, Force: true}); !errors.As(err, &de) || !strings.Contains(err.Error(), "thesis.tex") {
		t.Errorf("a foreign directory with -force: %v", err)
	}
	if ents, _ := os.ReadDir(mine); len(ents) != 1 {
		t.Errorf("a refused claim wrote into the directory: %v", ents)
	}
	if _, err := Claim(filepath.Join(mine, "thesis.tex"), Want{Kind: KindRun}); !errors.As(err, &de) || !strings.Contains(err.Error(), "a file, not a directory") {
		t.Errorf("-out naming a file: %v", err)
	}
}

// TestClaimExcludesAndCleans: a second writer is refused with the first's
// pid; a killed writer's staging directory and temporary files are removed
// by the next claim, a live writer's never.
func TestClaimExcludesAndCleans(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	w := Want{Kind: KindRun, Settings: "s", Command: []string{"govsim", "run", "x"}}
	o, err := Claim(dir, w)
	if err != nil {
		t.Fatal(err)
	}
	var be *BusyError
	if _, err := Claim(dir, w); !errors.As(err, &be) || !strings.Contains(err.Error(), "pid "+strconv.Itoa(os.Getpid())) || !strings.Contains(err.Error(), "govsim run x") {
		t.Fatalf("second writer: %v", err)
	}
	writeTest(t, filepath.Join(o.Build, "monthly.csv"), "x")
	o.Commit(true)
	o.Close()

	// A staging directory whose builder was killed (its lock is free), one
	// whose builder runs (locked), and a temporary file of a killed writer.
	dead := filepath.Join(parent, ".out"+stagingInfix+"dead")
	writeTest(t, filepath.Join(dead, lockName), "pid 1\n")
	writeTest(t, filepath.Join(dead, markerName), `{"kind": "run"}`)
	writeTest(t, filepath.Join(dead, "monthly.csv"), "half")
	live := filepath.Join(parent, ".out"+stagingInfix+"live")
	l, err := lockDir(mkdir(t, live), shard.Shard{}, "live")
	if err != nil {
		t.Fatal(err)
	}
	defer l.unlock()
	writeTest(t, filepath.Join(dir, ".monthly.csv.tmp-123"), "half")
	o, err = Claim(dir, w)
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	for path, exists := range map[string]bool{dead: false, live: true, filepath.Join(dir, ".monthly.csv.tmp-123"): false} {
		if _, err := os.Stat(path); (err == nil) != exists {
			t.Errorf("%s exists = %v, want %v", filepath.Base(path), err == nil, exists)
		}
	}
}

func mkdir(t *testing.T, dir string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestClaimThroughSymlink: an -out that is a symlink to a directory keeps
// being one: the directory it points to is replaced.
func TestClaimThroughSymlink(t *testing.T) {
	parent := t.TempDir()
	target := mkdir(t, filepath.Join(parent, "target"))
	link := filepath.Join(parent, "link")
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
	w := Want{Kind: KindRun, Settings: "s"}
	for _, text := range []string{"one", "two"} {
		o, err := Claim(link, w)
		if err != nil {
			t.Fatal(err)
		}
		writeTest(t, filepath.Join(o.Build, "monthly.csv"), text)
		o.Commit(true)
		o.Close()
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatal("the symlink was replaced")
	}
	if got := readTest(t, filepath.Join(target, "monthly.csv")); got != "two" {
		t.Fatalf("a.csv = %q", got)
	}
}

// TestRestoreAside: where directories cannot be exchanged, a replacement
// interrupted between its two renames leaves the old directory aside; the
// next claim puts it back.
func TestRestoreAside(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	writeTest(t, filepath.Join(parent, ".out"+asideInfix+"x", "monthly.csv"), "old")
	writeTest(t, filepath.Join(parent, ".out"+asideInfix+"x", markerName), `{"kind": "run"}`)
	o, err := Claim(dir, Want{Kind: KindRun, Settings: "s"})
	if err == nil {
		o.Close()
	}
	if got := readTest(t, filepath.Join(dir, "monthly.csv")); got != "old" {
		t.Fatalf("a.csv = %q", got)
	}
}

// TestShardsStartTogether: the shards of a job array claim a shared
// directory at the same moment; each waits out another's moment alone
// (cleaning), and none is refused.
func TestShardsStartTogether(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shared")
	f := table.NewSweepFile(testSpec())
	const n = 8
	errs := make(chan error, n)
	start := make(chan struct{})
	for i := 0; i < n; i++ {
		go func() {
			<-start
			d, err := ClaimSweepDir(dir, f, Want{Shard: shard.Shard{Index: i, Count: n}})
			if err == nil {
				time.Sleep(20 * time.Millisecond) // at work
				d.Close()
			}
			errs <- err
		}()
	}
	close(start)
	for i := 0; i < n; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// TestMergeInPlace: merging the directory shards shared replaces it whole
// with the merged sweep, keeping the shards' manifests.
func TestMergeInPlace(t *testing.T) {
	s := testSpec()
	f := table.NewSweepFile(s)
	dir := filepath.Join(t.TempDir(), "shared")
	for i := 0; i < 2; i++ {
		sh := shard.Shard{Index: i, Count: 2}
		d, err := ClaimSweepDir(dir, f, Want{Shard: sh})
		if err != nil {
			t.Fatal(err)
		}
		for id := i; id < s.Runs(); id += 2 {
			if err := d.WritePart(testPart(&s, id)); err != nil {
				t.Fatal(err)
			}
		}
		if err := table.WriteSweepManifest(d.Dir, &table.SweepManifest{Shard: sh, Sweep: s}, table.ManifestName(sh)); err != nil {
			t.Fatal(err)
		}
		d.Close()
	}
	dst, files, err := Merge([]string{dir}, dir, table.FormatCSV, Want{})
	if err != nil {
		t.Fatal(err)
	}
	if err := dst.Commit(&table.SweepManifest{Shard: shard.Shard{Count: 1}, Sweep: s}); err != nil {
		t.Fatal(err)
	}
	if dst.Dir != dir {
		t.Errorf("the merged sweep is at %s, not %s", dst.Dir, dir)
	}
	for _, n := range append(files.Names(), "manifest.json", "manifest-shard-0-of-2.json", "manifest-shard-1-of-2.json", "sweep.json", "parts/3.part") {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("the merged directory lacks %s", n)
		}
	}
	if v := visible(t, filepath.Dir(dir)); len(v) != 1 {
		t.Errorf("beside the merged directory: %v", v)
	}
}

// TestClaimSweepDir: a sweep directory is taken again for the same sweep
// (to resume it, or by another shard), never twice by one shard at once,
// and refused when it holds another sweep or files govsim did not make.
func TestClaimSweepDir(t *testing.T) {
	s := testSpec()
	f := table.NewSweepFile(s)
	dir := filepath.Join(t.TempDir(), "sweep")
	d, err := ClaimSweepDir(dir, f, Want{})
	if err != nil {
		t.Fatal(err)
	}
	d.Close()
	if d, err = ClaimSweepDir(dir, f, Want{}); err != nil {
		t.Fatalf("the same sweep refused: %v", err)
	}
	d.Close()

	other, err := ClaimSweepDir(dir, f, Want{Shard: shard.Shard{Index: 0, Count: 2}})
	if err != nil {
		t.Fatal(err)
	}
	d, err = ClaimSweepDir(dir, f, Want{Shard: shard.Shard{Index: 1, Count: 2}})
	if err != nil {
		t.Fatalf("a second shard beside the first: %v", err)
	}
	var be *BusyError
	if _, err := ClaimSweepDir(dir, f, Want{Shard: shard.Shard{Index: 1, Count: 2}}); !errors.As(err, &be) || !strings.Contains(err.Error(), "being written by another govsim (pid") {
		t.Errorf("the same shard twice: %v", err)
	}
	if _, err := ClaimSweepDir(dir, f, Want{}); !errors.As(err, &be) {
		t.Errorf("the whole sweep while shards run: %v", err)
	}
	other.Close()
	d.Close()

	g := s
	g.Replicates = 3
	var de *table.DirError
	if _, err := ClaimSweepDir(dir, table.NewSweepFile(g), Want{}); !errors.As(err, &de) || !strings.Contains(err.Error(), "a different sweep (replicates 3 here, 1 there") {
		t.Errorf("a different sweep: %v", err)
	}
	foreign := t.TempDir()
	writeTest(t, filepath.Join(foreign, "monthly.csv"), "x\n")
	if _, err := ClaimSweepDir(foreign, f, Want{}); !errors.As(err, &de) || !strings.Contains(err.Error(), "monthly.csv") {
		t.Errorf("a foreign directory: %v", err)
	}
	if ents, _ := os.ReadDir(foreign); len(ents) != 1 {
		t.Errorf("a refused claim wrote into the directory: %v", ents)
	}
}

// testSpec is a small sweep: 2 points of one factor, one scenario, one
// replicate, 2 metrics.
func testSpec() table.SweepSpec {
	return table.SweepSpec{
		Govsim: "test", Name: "t", Design: "grid", Replicates: 1, Seed: 7, Seeds: "common", Window: 2,
		Factors:   []table.SweepFactor{{Key: "economy.lambda0", Kind: "float", Dist: "uniform", Min: 0.1, Max: 0.5}},
		Scenarios: []table.ManifestScenario{{Name: "baseline", Config: "a"}, {Name: "nanhai", Config: "b"}},
		Metrics:   []string{"m0", "m1"},
		Points:    [][]float64{{0.1}, {0.5}},
		Units:     [][]table.NullFloat{{0}, {1}},
	}
}

// testPart is run id's part.
func testPart(s *table.SweepSpec, id int) *table.Part {
	pt, sc, rep := s.RunKey(id)
	return &table.Part{Run: id, Point: pt, Scenario: sc, Replicate: rep, Seed: s.Seed, Tail: []float64{float64(id), 0.5}}
}
