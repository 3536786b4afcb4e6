package table

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// testManifest is a manifest of n runs over two scenarios of 3 months and
// 2 villages, with its checksum.
func testManifest(n int) Manifest {
	cfg := "months = 3\n[district]\nvillages = 2\n"
	m := Manifest{Govsim: "test", Seed: 7, Format: FormatCSV, Command: []string{"govsim", "run"},
		Scenarios: []ManifestScenario{{Name: "a", Config: cfg, Label: "A"}, {Name: "b", Config: cfg}}}
	for i := range n {
		m.Runs = append(m.Runs, ManifestRun{Scenario: m.Scenarios[i%2].Name, Replicate: i / 2 % 100000, Seed: 7, MonthlyRows: 6, VillageRows: 2})
	}
	m.RunsDone = len(m.Runs)
	m.Checksum = m.Sum()
	return m
}

func writeManifest(t testing.TB, m any) string {
	t.Helper()
	dir := t.TempDir()
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestManifestReadsBack: what govsim writes reads back the same, however
// it is laid out (indented, compact, keys in another order, a string with
// escapes), through the runs' own scanner.
func TestManifestReadsBack(t *testing.T) {
	m := testManifest(5)
	m.Scenarios[0].Name, m.Runs[0].Scenario, m.Runs[2].Scenario, m.Runs[4].Scenario = "α-1", "α-1", "α-1", "α-1"
	m.Checksum = m.Sum()
	indented, _ := json.MarshalIndent(m, "", "  ")
	compact, _ := json.Marshal(m)
	escaped := bytes.ReplaceAll(compact, []byte(`"scenario":"α-1"`), []byte(`"scenario":"\u03b1-1"`))
	reordered := bytes.Replace(compact, []byte(`{"scenario":"b","replicate":0,"seed":7,`), []byte(`{"seed":7,"replicate":0,"scenario":"b",`), 1)
	for name, b := range map[string][]byte{"indented": indented, "compact": compact, "escaped": escaped, "reordered": reordered} {
		got, err := decodeManifest(bytes.NewReader(b))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if _, err := got.check(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, m) {
			t.Errorf("%s: read back\n%+v\nwant\n%+v", name, got, m)
		}
	}
}

// TestManifestCheckedWhole: a manifest is refused without its checksum,
// with any field edited (those outside what decides the runs too), with a
// format that is not one, with unknown fields or runs not as govsim writes
// them, and past MaxManifestRuns — there at the next run, before the rest
// is read.
func TestManifestCheckedWhole(t *testing.T) {
	edit := func(f func(m *Manifest)) []byte {
		m := testManifest(4)
		f(&m)
		b, _ := json.Marshal(m)
		return b
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"no checksum", edit(func(m *Manifest) { m.Checksum = "" }), "no checksum"},
		{"format edited", edit(func(m *Manifest) { m.Format = "parquet" }), "checksum"},
		{"label edited", edit(func(m *Manifest) { m.Scenarios[0].Label = "B" }), "checksum"},
		{"rows edited", edit(func(m *Manifest) { m.Runs[1].MonthlyRows = 5 }), "checksum"},
		{"format a path", edit(func(m *Manifest) { m.Format = "/../../etc/passwd"; m.Checksum = m.Sum() }), "format"},
		{"scenario name a path", edit(func(m *Manifest) { m.Scenarios[1].Name = "../x"; m.Checksum = m.Sum() }), "scenario name"},
		{"unknown field", bytes.Replace(edit(func(*Manifest) {}), []byte(`"seed":7,`), []byte(`"seed":7,"extra":1,`), 1), "unknown field"},
		{"unknown run field", bytes.Replace(edit(func(*Manifest) {}), []byte(`"replicate":1,`), []byte(`"replicate":1,"x":1,`), 1), "unknown field"},
		{"fractional replicate", bytes.Replace(edit(func(*Manifest) {}), []byte(`"replicate":1,`), []byte(`"replicate":1.5,`), 1), "not whole"},
		{"runs twice", bytes.Replace(edit(func(*Manifest) {}), []byte(`"seed":7,`), []byte(`"seed":7,"runs":[],`), 1), "twice"},
	} {
		m, err := decodeManifest(bytes.NewReader(tc.data))
		if err == nil {
			_, err = m.check()
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error about %q", tc.name, err, tc.want)
		}
	}

	// More runs than allowed: refused at the next, whatever follows.
	var b bytes.Buffer
	b.WriteString(`{"govsim_version": "test", "runs": [`)
	for i := range MaxManifestRuns + 1 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"scenario":"a","replicate":0,"seed":1}`)
	}
	b.WriteString(`], "checksum": "x"}`)
	if _, err := decodeManifest(&b); err == nil || !strings.Contains(err.Error(), fmt.Sprint("more than ", MaxManifestRuns)) {
		t.Errorf("%d runs: %v", MaxManifestRuns+1, err)
	}
}

// TestLegacyManifest: a manifest an earlier govsim wrote (its checksum the
// older one, no rows per run) is told from an edited one.
func TestLegacyManifest(t *testing.T) {
	m := testManifest(4)
	for i := range m.Runs {
		m.Runs[i].MonthlyRows, m.Runs[i].VillageRows = 0, 0
	}
	m.Checksum = m.legacySum()
	dir := writeManifest(t, m)
	var le *LegacyError
	if _, err := ReadManifest(dir); !errors.As(err, &le) || !le.BadInput() {
		t.Errorf("an earlier govsim's manifest: %v", err)
	}
	m.Seed++
	dir = writeManifest(t, m)
	if _, err := ReadManifest(dir); err == nil || errors.As(err, &le) || !strings.Contains(err.Error(), "edited") {
		t.Errorf("an earlier govsim's manifest, edited: %v", err)
	}
}

// TestRowsPinned: a run missing one row of its table — a month, a metric
// or a village left out, anywhere in the file — is refused, naming the
// run.
func TestRowsPinned(t *testing.T) {
	m := testManifest(2)
	var monthly bytes.Buffer
	monthly.WriteString(Header(MonthlyColumns()))
	for _, r := range m.Runs {
		for month := range 3 {
			rr := NewRunRows(r.Scenario, r.Replicate, r.Seed, []string{"x", "y"}, nil, 0)
			rr.District(month, []float64{1, 2})
			monthly.Write(rr.DistrictRows)
		}
	}
	lines := strings.SplitAfter(monthly.String(), "\n")
	for drop := 1; drop < len(lines)-1; drop++ {
		dir := writeManifest(t, m)
		text := strings.Join(append(append([]string{}, lines[:drop]...), lines[drop+1:]...), "")
		if err := os.WriteFile(filepath.Join(dir, "monthly.csv"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		err := ReadRunMonthly(dir, &m, []string{"x", "y"}, func(MonthlyRow) error { return nil })
		var te *TableError
		if !errors.As(err, &te) {
			t.Errorf("line %d left out: %v", drop+1, err)
		}
	}
}
