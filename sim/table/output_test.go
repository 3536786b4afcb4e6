package table

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunRows(t *testing.T) {
	r := NewRunRows("a,b", 2, 7, []string{"x", "y"}, []string{"v"}, 1)
	_ = r.District(0, []float64{1.5, math.NaN()})
	_ = r.District(1, []float64{0.1, 3})
	_ = r.Village(1, 4, []float64{1e-7})
	want := "\"a,b\",2,7,0,x,1.5\n\"a,b\",2,7,1,x,0.1\n\"a,b\",2,7,1,y,3\n"
	if string(r.DistrictRows) != want {
		t.Fatalf("district rows:\n%s\nwant:\n%s", r.DistrictRows, want)
	}
	if string(r.VillageRows) != "\"a,b\",2,7,1,4,v,1e-07\n" {
		t.Fatalf("village rows: %q", r.VillageRows)
	}
	tail := r.Tail()
	if tail[0] != 0.1 || tail[1] != 3 {
		t.Fatalf("tail %v", tail)
	}
}

func TestFilesCommitAndAbort(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "monthly.csv"), []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fs, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	r := NewRunRows("s", 0, 1, []string{"m"}, []string{"v"}, 0)
	_ = r.District(0, []float64{2})
	if err := fs.Append(r); err != nil {
		t.Fatal(err)
	}
	// Until Commit, the old file is untouched.
	if b, _ := os.ReadFile(filepath.Join(dir, "monthly.csv")); string(b) != "old\n" {
		t.Fatalf("monthly.csv replaced before commit: %q", b)
	}
	if err := fs.Commit(map[string]string{"govsim_version": "test"}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "monthly.csv"))
	if string(b) != Header(MonthlyColumns())+"s,0,1,0,m,2\n" {
		t.Fatalf("monthly.csv: %q", b)
	}
	st, _ := os.Stat(filepath.Join(dir, "monthly.csv"))
	if st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", st.Mode().Perm())
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
	// Abort leaves the previous files and no temporaries.
	fs, err = Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	fs.Abort()
	if b2, _ := os.ReadFile(filepath.Join(dir, "monthly.csv")); string(b2) != string(b) {
		t.Fatal("abort changed monthly.csv")
	}
	ents, _ = os.ReadDir(dir)
	if len(ents) != 3 {
		t.Fatalf("after abort: %d entries, want monthly.csv, villages.csv, manifest.json", len(ents))
	}
}

func TestReadManifestErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := ReadManifest(dir); err == nil || !strings.Contains(err.Error(), "not govsim output") {
		t.Fatalf("missing manifest: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(`{"x":1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadManifest(dir); err == nil {
		t.Fatal("manifest without version accepted")
	}
}
