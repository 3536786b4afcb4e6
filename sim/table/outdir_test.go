package table

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/govsim/govsim/sim/shard"
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
	writeTest(t, filepath.Join(o.Build, "a.csv"), "old\n")
	writeTest(t, filepath.Join(o.Build, "stale.html"), "old\n")
	if kept, err := o.Commit(true); err != nil || kept {
		t.Fatal(kept, err)
	}
	o.Close()

	o, err = Claim(dir, w)
	if err != nil || !o.Staged() || o.Prev == nil || !o.Prev.Complete {
		t.Fatalf("the same result again: %+v %v", o, err)
	}
	writeTest(t, filepath.Join(o.Build, "a.csv"), "new\n")
	if got := readTest(t, filepath.Join(dir, "a.csv")); got != "old\n" {
		t.Fatal("a staged result showed before it was complete")
	}
	if kept, err := o.Commit(true); err != nil || kept {
		t.Fatal(kept, err)
	}
	o.Close()
	if got := readTest(t, filepath.Join(dir, "a.csv")); got != "new\n" {
		t.Fatalf("a.csv = %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "stale.html")); err == nil {
		t.Error("a file of the old result is left beside the new")
	}

	// An incomplete result does not replace a complete one.
	o, err = Claim(dir, w)
	if err != nil {
		t.Fatal(err)
	}
	writeTest(t, filepath.Join(o.Build, "a.csv"), "partial\n")
	if kept, err := o.Commit(false); err != nil || !kept {
		t.Fatal(kept, err)
	}
	o.Close()
	if got := readTest(t, filepath.Join(dir, "a.csv")); got != "new\n" {
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
	var de *DirError
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
	writeTest(t, filepath.Join(o.Build, "a.csv"), "x")
	o.Commit(true)
	o.Close()

	// A staging directory whose builder was killed (its lock is free), one
	// whose builder runs (locked), and a temporary file of a killed writer.
	dead := filepath.Join(parent, ".out"+stagingInfix+"dead")
	writeTest(t, filepath.Join(dead, lockName), "pid 1\n")
	writeTest(t, filepath.Join(dead, "a.csv"), "half")
	live := filepath.Join(parent, ".out"+stagingInfix+"live")
	l, err := lockDir(mkdir(t, live), shard.Shard{}, "live")
	if err != nil {
		t.Fatal(err)
	}
	defer l.unlock()
	writeTest(t, filepath.Join(dir, ".a.csv.tmp-123"), "half")
	o, err = Claim(dir, w)
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	for path, exists := range map[string]bool{dead: false, live: true, filepath.Join(dir, ".a.csv.tmp-123"): false} {
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
		writeTest(t, filepath.Join(o.Build, "a.csv"), text)
		o.Commit(true)
		o.Close()
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatal("the symlink was replaced")
	}
	if got := readTest(t, filepath.Join(target, "a.csv")); got != "two" {
		t.Fatalf("a.csv = %q", got)
	}
}

// TestRestoreAside: where directories cannot be exchanged, a replacement
// interrupted between its two renames leaves the old directory aside; the
// next claim puts it back.
func TestRestoreAside(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	writeTest(t, filepath.Join(parent, ".out"+asideInfix+"x", "a.csv"), "old")
	o, err := Claim(dir, Want{Kind: KindRun, Settings: "s"})
	if err == nil {
		o.Close()
	}
	if got := readTest(t, filepath.Join(dir, "a.csv")); got != "old" {
		t.Fatalf("a.csv = %q", got)
	}
}

// TestInputFiles: only regular files are read as input, without blocking
// on a named pipe, and within the limit even when the size fstat reports
// is 0.
func TestInputFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	var fe *FileError
	done := make(chan error, 1)
	go func() { _, err := ReadInput(fifo, 10); done <- err }()
	select {
	case err := <-done:
		if !errors.As(err, &fe) || !fe.BadInput() || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("fifo: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("reading a named pipe blocked")
	}
	for path, want := range map[string]string{dir: "a directory", "/dev/zero": "a device", "/dev/null": "a device"} {
		if _, err := ReadInput(path, 10); !errors.As(err, &fe) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v", path, err)
		}
	}
	big := filepath.Join(dir, "big")
	writeTest(t, big, strings.Repeat("x", 2048))
	if _, err := ReadInput(big, 1024); !errors.As(err, &fe) || !strings.Contains(err.Error(), "too large (2 KiB); allowed at most 1 KiB") {
		t.Errorf("big: %v", err)
	}
	if b, err := ReadInput(big, 2048); err != nil || len(b) != 2048 {
		t.Errorf("at the limit: %d bytes, %v", len(b), err)
	}
	if _, err := os.Stat("/proc/self/maps"); err == nil {
		if _, err := ReadInput("/proc/self/maps", 16); !errors.As(err, &fe) || !strings.Contains(err.Error(), "larger than 16 B") {
			t.Errorf("a file whose size reads 0: %v", err)
		}
	}
}

// TestShardsStartTogether: the shards of a job array claim a shared
// directory at the same moment; each waits out another's moment alone
// (cleaning), and none is refused.
func TestShardsStartTogether(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shared")
	f := NewSweepFile(testSpec(false))
	const n = 8
	errs := make(chan error, n)
	start := make(chan struct{})
	for i := 0; i < n; i++ {
		go func() {
			<-start
			d, err := CreateSweepDir(dir, f, Want{Shard: shard.Shard{Index: i, Count: n}})
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
	s := testSpec(false)
	f := NewSweepFile(s)
	dir := filepath.Join(t.TempDir(), "shared")
	for i := 0; i < 2; i++ {
		d, err := CreateSweepDir(dir, f, Want{Shard: shard.Shard{Index: i, Count: 2}})
		if err != nil {
			t.Fatal(err)
		}
		for id := i; id < s.Runs(); id += 2 {
			if err := d.WritePart(testPart(&s, id, 0)); err != nil {
				t.Fatal(err)
			}
		}
		if err := WriteSweepManifest(d.Dir, &SweepManifest{Shard: shard.Shard{Index: i, Count: 2}, Sweep: s}, ManifestName(shard.Shard{Index: i, Count: 2})); err != nil {
			t.Fatal(err)
		}
		d.Close()
	}
	dst, files, err := Merge([]string{dir}, dir, FormatCSV, Want{})
	if err != nil {
		t.Fatal(err)
	}
	if err := dst.Commit(&SweepManifest{Shard: shard.Shard{Count: 1}, Sweep: s}); err != nil {
		t.Fatal(err)
	}
	for _, n := range append(files.Names(), "manifest.json", "manifest-shard-0-of-2.json", "manifest-shard-1-of-2.json", "sweep.json", "parts/11.part") {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("the merged directory lacks %s", n)
		}
	}
}
