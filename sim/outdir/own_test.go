package outdir

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govsim/govsim/sim/shard"
	"github.com/govsim/govsim/sim/table"
)

// TestWhoMadeADirectory: a directory is govsim's by a marker that is a
// regular file and reads as one, or (before markers) by a manifest or
// sweep.json that reads as govsim's with nothing beside it but govsim's
// names; -force replaces only such a one, and a user's file named like a
// temporary one is the user's.
func TestWhoMadeADirectory(t *testing.T) {
	parent := t.TempDir()
	run := filepath.Join(parent, "run")
	o, err := Claim(run, Want{Kind: KindRun, Settings: "s"})
	if err != nil {
		t.Fatal(err)
	}
	writeTest(t, filepath.Join(o.Build, "monthly.csv"), "x\n")
	o.Commit(true)
	o.Close()
	marker := readTest(t, filepath.Join(run, markerName))
	for _, tc := range []struct {
		name  string
		files map[string]string // "->" links to the marker of run
		ours  bool
	}{
		{"a marker", map[string]string{markerName: marker, "monthly.csv": "x"}, true},
		{"a marker and the user's file", map[string]string{markerName: marker, "notes.txt": "x"}, true},
		{"a marker that is a link", map[string]string{markerName: "->", "thesis.txt": "x"}, false},
		{"a marker that is not one", map[string]string{markerName: "{", "thesis.txt": "x"}, false},
		{"an empty sweep.json and a thesis", map[string]string{"sweep.json": "{}", "thesis.txt": "x"}, false},
		{"a user's file named like a temporary one", map[string]string{".x.tmp-1": "x"}, false},
	} {
		dir := filepath.Join(parent, strings.ReplaceAll(tc.name, " ", "-"))
		for name, text := range tc.files {
			if text == "->" {
				mkdir(t, dir)
				if err := os.Symlink(filepath.Join(run, markerName), filepath.Join(dir, name)); err != nil {
					t.Skip(err)
				}
				continue
			}
			writeTest(t, filepath.Join(dir, name), text)
		}
		m, _, err := inspect(dir)
		if err != nil {
			t.Fatal(err)
		}
		if (m != nil) != tc.ours {
			t.Errorf("%s: govsim's = %v, want %v", tc.name, m != nil, tc.ours)
		}
		o, err := Claim(dir, Want{Kind: KindRun, Settings: "other", Force: true})
		if (err == nil) != tc.ours {
			t.Errorf("%s: -force: %v", tc.name, err)
		}
		if err == nil {
			o.Abort()
			o.Close()
		}
		for name, text := range tc.files {
			if got, err := os.Readlink(filepath.Join(dir, name)); text == "->" && err != nil || text != "->" && readTest(t, filepath.Join(dir, name)) != text {
				t.Errorf("%s: %s changed (%s)", tc.name, name, got)
			}
		}
	}
}

// TestClaimPlace: an output directory inside one govsim made, or that is,
// holds or lies inside one the command reads (through links too), is
// refused before anything is made.
func TestClaimPlace(t *testing.T) {
	parent := t.TempDir()
	a := filepath.Join(parent, "a")
	o, err := Claim(a, Want{Kind: KindRun, Settings: "s"})
	if err != nil {
		t.Fatal(err)
	}
	o.Commit(true)
	o.Close()
	src := mkdir(t, filepath.Join(parent, "src"))
	if err := os.Symlink(src, filepath.Join(parent, "link")); err != nil {
		t.Skip(err)
	}
	var de *table.DirError
	for _, tc := range []struct{ out, want string }{
		{filepath.Join(a, "b", "c"), "inside"},
		{filepath.Join(parent, "link"), "which the command reads"},
		{filepath.Join(parent, "link", "again"), "inside"},
		{parent, "holds"},
	} {
		_, err := Claim(tc.out, Want{Kind: KindRerun, Settings: "s", Sources: []string{src}})
		if !errors.As(err, &de) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("-out %s: %v, want %q", tc.out, err, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(a, "b")); err == nil {
		t.Error("a refused -out was made")
	}
}

// TestLockNotFollowed: a link planted where a lock file goes is refused
// as bad input, and its target is not written.
func TestLockNotFollowed(t *testing.T) {
	parent := t.TempDir()
	victim := filepath.Join(parent, "victim")
	writeTest(t, victim, "precious\n")
	dir := mkdir(t, filepath.Join(parent, "out"))
	if err := os.Symlink(victim, filepath.Join(dir, lockName)); err != nil {
		t.Skip(err)
	}
	var le *table.LinkError
	if _, err := Claim(dir, Want{Kind: KindRun, Settings: "s"}); !errors.As(err, &le) || !le.BadInput() {
		t.Errorf("a lock file that is a link: %v", err)
	}
	if got := readTest(t, victim); got != "precious\n" {
		t.Errorf("the link's target holds %q", got)
	}
}

// TestAnalysisExchanged: an analysis is built beside the data, which it
// shares as hard links; until Publish the directory is as it was, Abort
// leaves it so, and Publish leaves none of the files an earlier analysis
// wrote that this one did not.
func TestAnalysisExchanged(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "c")
	o, err := Claim(dir, Want{Kind: KindCompare, Settings: "s"})
	if err != nil {
		t.Fatal(err)
	}
	writeTest(t, filepath.Join(o.Build, "monthly.csv"), "data\n")
	writeTest(t, filepath.Join(o.Build, "charts", "old.svg"), "old chart\n")
	writeTest(t, filepath.Join(o.Build, "report.html"), "old report\n")
	o.Commit(true)
	o.Close()
	writes := []string{"charts", "report.html", "summary.csv"}

	a, err := ClaimAnalysis(dir, []string{KindCompare}, []string{"govsim", "report"}, "reads", writes)
	if err != nil {
		t.Fatal(err)
	}
	if a.Build == dir {
		t.Fatal("the analysis is written into the directory itself")
	}
	orig, _ := os.Stat(filepath.Join(dir, "monthly.csv"))
	linked, err := os.Stat(filepath.Join(a.Build, "monthly.csv"))
	if err != nil || !os.SameFile(orig, linked) {
		t.Errorf("the data are not hard-linked beside: %v", err)
	}
	writeTest(t, filepath.Join(a.Build, "report.html"), "half\n")
	a.Abort()
	a.Close()
	if got := readTest(t, filepath.Join(dir, "report.html")); got != "old report\n" {
		t.Errorf("an aborted analysis left report.html = %q", got)
	}

	a, err = ClaimAnalysis(dir, []string{KindCompare}, []string{"govsim", "report"}, "reads", writes)
	if err != nil {
		t.Fatal(err)
	}
	writeTest(t, filepath.Join(a.Build, "report.html"), "new report\n")
	writeTest(t, filepath.Join(a.Build, "charts", "new.svg"), "new chart\n")
	if err := a.Publish(nil); err != nil {
		t.Fatal(err)
	}
	if got := readTest(t, filepath.Join(dir, "report.html")); got != "new report\n" {
		t.Errorf("report.html = %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "charts", "old.svg")); err == nil {
		t.Error("the earlier analysis's chart is left")
	}
	if got := readTest(t, filepath.Join(dir, "monthly.csv")); got != "data\n" {
		t.Errorf("monthly.csv = %q", got)
	}
	m, _, _ := inspect(dir)
	if m == nil || len(m.Analyses) != 1 || !m.Complete {
		t.Errorf("marker after the analysis: %+v", m)
	}
	if ents, _ := os.ReadDir(filepath.Dir(dir)); len(ents) != 1 {
		t.Errorf("left beside: %v", ents)
	}
}

// TestSweepForceKeepsComplete: a sweep built with -force beside a
// directory holding a complete result replaces it only when complete; an
// interrupted one is removed and the result kept.
func TestSweepForceKeepsComplete(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "s")
	o, err := Claim(dir, Want{Kind: KindCompare, Settings: "c"})
	if err != nil {
		t.Fatal(err)
	}
	writeTest(t, filepath.Join(o.Build, "report.html"), "the comparison\n")
	o.Commit(true)
	o.Close()
	s := testSpec()
	d, err := ClaimSweepDir(dir, table.NewSweepFile(s), Want{Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if d.Dir == dir {
		t.Fatal("sweep -force writes into the directory it replaces")
	}
	if err := d.WritePart(testPart(&s, 0)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := d.Conclude(&table.SweepManifest{Sweep: s, Shard: shard.Shard{Index: 0, Count: 1}}, table.FormatCSV, false); err != nil {
		t.Fatal(err)
	}
	d.Close()
	if !d.Kept {
		t.Error("an interrupted sweep did not keep the complete result")
	}
	if got := readTest(t, filepath.Join(dir, "report.html")); got != "the comparison\n" {
		t.Errorf("report.html = %q", got)
	}
	if ents, _ := os.ReadDir(filepath.Dir(dir)); len(ents) != 1 {
		t.Errorf("left beside: %v", ents)
	}
}

// TestAnalysisRefusesWorkingDirectory: an analysis that would take the
// place of the directory the command works in is refused (the process,
// and the shell that started it, would be left in the old copy), before
// anything is locked or written.
func TestAnalysisRefusesWorkingDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "c")
	o, err := Claim(dir, Want{Kind: KindCompare, Settings: "s"})
	if err != nil {
		t.Fatal(err)
	}
	o.Commit(true)
	o.Close()
	before, _ := os.ReadDir(dir)
	t.Chdir(dir)
	var de *table.DirError
	if _, err := ClaimAnalysis(".", []string{KindCompare}, nil, "reads", nil); !errors.As(err, &de) || !strings.Contains(err.Error(), "working directory") {
		t.Errorf("report . from inside: %v", err)
	}
	if after, _ := os.ReadDir(dir); len(after) != len(before) {
		t.Errorf("a refused analysis wrote: %v", after)
	}
}
