package table

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/govsim/govsim/sim/shard"
	"github.com/govsim/govsim/sim/testkit"
)

// testSpec is a small sweep: 3 points of 2 factors (one integer, one list
// factor without unit coordinates), 2 scenarios, 2 replicates.
func testSpec(monthly bool) SweepSpec {
	nan := NullFloat(math.NaN())
	return SweepSpec{
		Govsim: "test", Name: "t", Design: "grid", Replicates: 2, Seed: 7, Seeds: "common", Window: 2, Monthly: monthly,
		Factors: []SweepFactor{
			{Key: "economy.lambda0", Kind: "float", Dist: "uniform", Min: 0.1, Max: 0.5},
			{Key: "opinion.meetings", Kind: "int", Values: []float64{1, 3, 1000000}},
		},
		Scenarios: []ManifestScenario{{Name: "baseline", Config: "a"}, {Name: "with,comma", Config: "b"}},
		Metrics:   []string{"m0", "m1", "m2"},
		Points:    [][]float64{{0.1, 1}, {0.3, 3}, {0.5, 1000000}},
		Units:     [][]NullFloat{{0, nan}, {0.5, nan}, {1, nan}},
	}
}

// testPart makes run id's part: metric 2 never defined, metric 1 only in
// month 1.
func testPart(s *SweepSpec, id, months int) *Part {
	pt, sc, rep := s.RunKey(id)
	p := &Part{Run: id, Point: pt, Scenario: sc, Replicate: rep, Seed: s.Seed,
		Tail: []float64{float64(id) / 3, 1e-300, math.NaN()}, Months: months}
	for m := 0; m < months; m++ {
		v1 := math.NaN()
		if m == 1 {
			v1 = -float64(id)
		}
		p.Monthly = append(p.Monthly, float64(id*100+m)+0.1, v1, math.NaN())
	}
	return p
}

func TestPartRoundTrip(t *testing.T) {
	s := testSpec(true)
	id := s.ID()
	p := testPart(&s, 5, 3)
	b := AppendPart(nil, id, p)
	if len(b) != partSize(3, 3) {
		t.Fatalf("size %d, want %d", len(b), partSize(3, 3))
	}
	var q Part
	if err := DecodePart(b, id, 3, &q); err != nil {
		t.Fatal(err)
	}
	if q.Run != 5 || q.Point != p.Point || q.Scenario != p.Scenario || q.Replicate != p.Replicate || q.Seed != 7 || q.Months != 3 {
		t.Fatalf("header: %+v", q)
	}
	for i := range p.Tail {
		if math.Float64bits(q.Tail[i]) != math.Float64bits(p.Tail[i]) {
			t.Fatalf("tail %d: %v != %v", i, q.Tail[i], p.Tail[i])
		}
	}
	for i := range p.Monthly {
		if math.Float64bits(q.Monthly[i]) != math.Float64bits(p.Monthly[i]) {
			t.Fatalf("monthly %d: %v != %v", i, q.Monthly[i], p.Monthly[i])
		}
	}
	// Every single flipped bit, and every truncation, is caught.
	for i := range b {
		c := bytes.Clone(b)
		c[i] ^= 0x10
		if err := DecodePart(c, id, 3, &q); !errors.Is(err, errBadPart) {
			t.Fatalf("flipped byte %d accepted: %v", i, err)
		}
	}
	for n := 0; n < len(b); n += 7 {
		if err := DecodePart(b[:n], id, 3, &q); !errors.Is(err, errBadPart) {
			t.Fatalf("truncated to %d accepted: %v", n, err)
		}
	}
	other := testSpec(false)
	if err := DecodePart(b, other.ID(), 3, &q); err == nil || !strings.Contains(err.Error(), "belongs to sweep") {
		t.Fatalf("part of another sweep accepted: %v", err)
	}
}

func TestSweepIDIgnoresNames(t *testing.T) {
	a, b := testSpec(false), testSpec(false)
	b.Name, b.Description = "other", "renamed"
	b.Scenarios = append([]ManifestScenario(nil), b.Scenarios...)
	b.Scenarios[0].Source = "elsewhere.toml"
	if a.ID() != b.ID() {
		t.Fatal("name, description or source changed the identity")
	}
	b.Seed = 8
	if a.ID() == b.ID() {
		t.Fatal("seed did not change the identity")
	}
	if d := a.Differences(&b); len(d) != 1 || !strings.Contains(d[0], "seed 7 here, 8 there") {
		t.Fatalf("differences: %q", d)
	}
	c := testSpec(false)
	c.Scenarios = []ManifestScenario{{Name: "baseline", Config: "changed"}, c.Scenarios[1]}
	if d := a.Differences(&c); len(d) != 1 || !strings.Contains(d[0], `scenario "baseline"`) {
		t.Fatalf("differences: %q", d)
	}
}

// TestSweepDirRefuses: a directory holding another sweep is refused with
// bad input; the same sweep is taken again; an edited sweep.json is
// noticed.
func TestSweepDirRefuses(t *testing.T) {
	dir := t.TempDir()
	f := NewSweepFile(testSpec(false))
	if _, err := CreateSweepDir(dir, f); err != nil {
		t.Fatal(err)
	}
	if _, err := CreateSweepDir(dir, f); err != nil {
		t.Fatalf("same sweep refused: %v", err)
	}
	g := testSpec(false)
	g.Replicates = 3
	_, err := CreateSweepDir(dir, NewSweepFile(g))
	var de *DirError
	if !errors.As(err, &de) || !de.BadInput() || !strings.Contains(err.Error(), "different sweep") || !strings.Contains(err.Error(), "replicates 3 here, 2 there") {
		t.Fatalf("different sweep: %v", err)
	}
	path := filepath.Join(dir, "sweep.json")
	b, _ := os.ReadFile(path)
	if err := os.WriteFile(path, bytes.Replace(b, []byte(`"seed": 7`), []byte(`"seed": 9`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenSweepDir(dir); err == nil || !strings.Contains(err.Error(), "edited") {
		t.Fatalf("edited sweep.json: %v", err)
	}
	if _, err := CreateSweepDir(dir, f); !errors.As(err, &de) || !strings.Contains(err.Error(), "edited") {
		t.Fatalf("edited sweep.json, written into: %v", err)
	}
}

// TestScan: damaged parts and temporary files of the runs the scan claims
// are removed, other runs' left alone.
func TestScan(t *testing.T) {
	s := testSpec(false)
	dir := t.TempDir()
	d, err := CreateSweepDir(dir, NewSweepFile(s))
	if err != nil {
		t.Fatal(err)
	}
	for id := 0; id < 4; id++ {
		if err := d.WritePart(testPart(&s, id, 0)); err != nil {
			t.Fatal(err)
		}
	}
	// Run 1's part is damaged, run 3's part holds run 2, and runs 5 and 6
	// left temporary files.
	if err := os.WriteFile(d.PartPath(1), []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(d.PartPath(2))
	if err := os.WriteFile(d.PartPath(3), b, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{".5.part.tmp-1", ".6.part.tmp-2", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(dir, "parts", n), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	odd := func(id int) bool { return id%2 == 1 }
	done, removed, err := d.Scan(odd)
	if err != nil {
		t.Fatal(err)
	}
	want := []bool{true, false, true, false, false, false, false, false, false, false, false, false}
	for i := range want {
		if done[i] != want[i] {
			t.Fatalf("done = %v, want %v", done, want)
		}
	}
	if len(removed) != 2 {
		t.Fatalf("removed %q", removed)
	}
	exist := func(when string, want map[string]bool) {
		for n, exists := range want {
			if _, err := os.Stat(filepath.Join(dir, "parts", n)); (err == nil) != exists {
				t.Errorf("%s: %s exists = %v, want %v", when, n, err == nil, exists)
			}
		}
	}
	exist("the odd runs", map[string]bool{".5.part.tmp-1": false, ".6.part.tmp-2": true, "notes.txt": true})
	if _, _, err := d.Scan(func(int) bool { return true }); err != nil {
		t.Fatal(err)
	}
	exist("every run", map[string]bool{".5.part.tmp-1": false, ".6.part.tmp-2": false, "notes.txt": true})
}

func TestFormatIDs(t *testing.T) {
	if got := FormatIDs([]int{9, 1, 2, 3, 7}, 10); got != "1-3, 7, 9" {
		t.Fatal(got)
	}
	if got := FormatIDs([]int{1, 3, 5, 7}, 2); got != "1, 3, …" {
		t.Fatal(got)
	}
}

func assemble(t *testing.T, s SweepSpec, format string, months int) string {
	t.Helper()
	d, err := CreateSweepDir(t.TempDir(), NewSweepFile(s))
	if err != nil {
		t.Fatal(err)
	}
	for id := 0; id < s.Runs(); id++ {
		if err := d.WritePart(testPart(&s, id, months)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := AssembleSweep(d.Dir, d.File, format, d.PartPath); err != nil {
		t.Fatal(err)
	}
	return d.Dir
}

func TestAssembleCSV(t *testing.T) {
	s := testSpec(true)
	dir := assemble(t, s, FormatCSV, 3)
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	points := read("points.csv")
	if !strings.HasPrefix(points, "point,economy.lambda0,opinion.meetings,unit.economy.lambda0,unit.opinion.meetings\n0,0.1,1,0,\n") ||
		!strings.Contains(points, "\n2,0.5,1000000,1,\n") {
		t.Errorf("points.csv:\n%s", points)
	}
	runs := read("runs.csv")
	if !strings.HasPrefix(runs, "run_id,point,scenario,replicate,seed,economy.lambda0,opinion.meetings\n0,0,baseline,0,7,0.1,1\n1,0,baseline,1,7,0.1,1\n2,0,\"with,comma\",0,7,0.1,1\n") {
		t.Errorf("runs.csv:\n%s", runs)
	}
	res := read("results.csv")
	if !strings.HasPrefix(res, "run_id,point,scenario,replicate,seed,metric,value\n0,0,baseline,0,7,m0,0\n0,0,baseline,0,7,m1,1e-300\n1,") {
		t.Errorf("results.csv:\n%s", res)
	}
	if strings.Contains(res, ",m2,") {
		t.Error("an undefined metric was written")
	}
	mon := read("monthly.csv")
	if !strings.HasPrefix(mon, "run_id,point,scenario,replicate,seed,month,metric,value\n0,0,baseline,0,7,0,m0,0.1\n0,0,baseline,0,7,1,m0,1.1\n0,0,baseline,0,7,1,m1,-0\n") {
		t.Errorf("monthly.csv:\n%s", mon[:200])
	}
	if n := strings.Count(res, "\n"); n != 1+12*2 {
		t.Errorf("results.csv has %d lines", n)
	}
}

// TestAssembleParquetMatchesCSV reads the Parquet tables back and checks
// every cell against the CSV tables, and the column types.
func TestAssembleParquetMatchesCSV(t *testing.T) {
	s := testSpec(true)
	csvDir := assemble(t, s, FormatCSV, 3)
	pqDir := assemble(t, s, FormatParquet, 3)
	for _, table := range SweepTables(true) {
		testkit.SameParquetCSV(t, filepath.Join(pqDir, table+".parquet"), filepath.Join(csvDir, table+".csv"))
	}
	f := openParquet(t, filepath.Join(pqDir, "runs.parquet"))
	var types []string
	for _, c := range f.Schema().Fields() {
		types = append(types, c.Name()+":"+c.Type().String())
	}
	want := "run_id:INT(64,true) point:INT(64,true) scenario:STRING replicate:INT(64,true) seed:INT(64,false) economy.lambda0:DOUBLE opinion.meetings:INT(64,true)"
	if strings.Join(types, " ") != want {
		t.Errorf("runs.parquet columns:\n got %s\nwant %s", strings.Join(types, " "), want)
	}
}

func openParquet(t *testing.T, path string) *parquet.File {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := parquet.OpenFile(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestAssembleDeterministic: the same parts give the same bytes in both
// formats, whatever the order parts were written in.
func TestAssembleDeterministic(t *testing.T) {
	s := testSpec(false)
	for _, format := range Formats() {
		a := assemble(t, s, format, 0)
		d, err := CreateSweepDir(t.TempDir(), NewSweepFile(s))
		if err != nil {
			t.Fatal(err)
		}
		for id := s.Runs() - 1; id >= 0; id-- {
			if err := d.WritePart(testPart(&s, id, 0)); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := AssembleSweep(d.Dir, d.File, format, d.PartPath); err != nil {
			t.Fatal(err)
		}
		for _, table := range SweepTables(false) {
			x, y := mustRead(t, filepath.Join(a, table+"."+format)), mustRead(t, filepath.Join(d.Dir, table+"."+format))
			if !bytes.Equal(x, y) {
				t.Errorf("%s.%s differs", table, format)
			}
		}
	}
}

func TestManifestName(t *testing.T) {
	for _, tc := range []struct {
		s    shard.Shard
		want string
	}{
		{shard.Shard{}, "manifest.json"},
		{shard.Shard{Index: 0, Count: 1}, "manifest.json"},
		{shard.Shard{Index: 1, Count: 4}, "manifest-shard-1-of-4.json"},
	} {
		if got := ManifestName(tc.s); got != tc.want {
			t.Errorf("ManifestName(%+v) = %s, want %s", tc.s, got, tc.want)
		}
	}
}

// TestMergeShards: the directories of a sweep's shards join into tables
// byte for byte those of the sweep run in one go, with every part beside
// them; missing and duplicated runs are refused, naming them.
func TestMergeShards(t *testing.T) {
	s := testSpec(true)
	f := NewSweepFile(s)
	whole := assemble(t, s, FormatCSV, 3)
	var dirs []string
	for i := 0; i < 2; i++ {
		d, err := CreateSweepDir(t.TempDir(), f)
		if err != nil {
			t.Fatal(err)
		}
		for id := i; id < s.Runs(); id += 2 {
			if err := d.WritePart(testPart(&s, id, 3)); err != nil {
				t.Fatal(err)
			}
		}
		dirs = append(dirs, d.Dir)
	}
	var de *DirError
	if _, err := OpenShards(dirs[:1]); !errors.As(err, &de) || !strings.Contains(err.Error(), "6 of 12 runs are missing: 1, 3, 5, 7, 9, 11") {
		t.Errorf("one shard of two: %v", err)
	}
	if _, err := OpenShards(append(dirs, whole)); !errors.As(err, &de) || !strings.Contains(err.Error(), "12 runs are present more than once") {
		t.Errorf("a shard twice: %v", err)
	}
	shards, err := OpenShards(dirs)
	if err != nil {
		t.Fatal(err)
	}
	dst, err := CreateSweepDir(t.TempDir(), shards.File)
	if err != nil {
		t.Fatal(err)
	}
	files, err := shards.MergeInto(dst, dst.Dir, FormatCSV)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range files.Names() {
		if !bytes.Equal(mustRead(t, filepath.Join(dst.Dir, n)), mustRead(t, filepath.Join(whole, n))) {
			t.Errorf("merged %s differs from the sweep's in one go", n)
		}
	}
	done, _, err := dst.Scan(func(int) bool { return true })
	if err != nil || countTrue(done) != s.Runs() {
		t.Errorf("the merged directory holds %d of %d parts (%v)", countTrue(done), s.Runs(), err)
	}
}
