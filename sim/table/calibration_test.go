package table

import (
	"bytes"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func testCalibration() CalibrationSpec {
	return CalibrationSpec{
		Govsim: "test", Name: "cal", Description: "d",
		Scenarios: []ManifestScenario{{Name: "baseline", Source: "embedded:baseline.toml", Config: "months = 24"}, {Name: "cungaiju", Config: "months = 13"}},
		Targets: []Target{
			{Name: "mix", Scenario: "baseline", Metrics: []string{"m0", "m1"}, Per: []string{"m2"}, From: 0, To: 24, Scale: 1, Observed: 0.9, Tolerance: 0.1},
			{Name: "conv", Scenario: "cungaiju", Metrics: []string{"m1"}, From: 12, To: 13, District: true, Scale: 4.7, Observed: 0.55, Tolerance: 0.05},
		},
		Priors:    []SweepFactor{{Key: "economy.lambda0", Kind: "float", Min: 0.3, Max: 0.6}, {Key: "x", Kind: "float", Dist: "normal", Min: 0, Max: 1, Mean: 0.5, SD: 0.2}},
		Particles: 20, Replicates: 1, Seed: 3, Quantile: 0.5, Kernel: "global", Metrics: []string{"m0", "m1", "m2"},
	}
}

// TestCalibrationFile: calibration.json reads back to the same spec; its
// identity ignores the name, description and sources but nothing that
// decides the populations; an edited or inconsistent file is refused.
func TestCalibrationFile(t *testing.T) {
	dir := t.TempDir()
	spec := testCalibration()
	f := NewCalibrationFile(spec)
	if err := WriteFileAtomic(filepath.Join(dir, CalibrationJSON), f.Marshal()); err != nil {
		t.Fatal(err)
	}
	got, err := ReadCalibration(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != f.ID || !bytes.Equal(got.Marshal(), f.Marshal()) {
		t.Fatal("calibration.json does not read back to the same file")
	}
	same := spec
	same.Name, same.Description = "other", ""
	same.Scenarios = slices.Clone(spec.Scenarios)
	same.Scenarios[0].Source = "elsewhere.toml"
	if same.ID() != spec.ID() {
		t.Error("the name, description or source changes the identity")
	}
	for what, change := range map[string]func(*CalibrationSpec){
		"seed":      func(s *CalibrationSpec) { s.Seed++ },
		"particles": func(s *CalibrationSpec) { s.Particles++ },
		"observed":  func(s *CalibrationSpec) { s.Targets = slices.Clone(s.Targets); s.Targets[0].Observed = 0.8 },
		"prior":     func(s *CalibrationSpec) { s.Priors = slices.Clone(s.Priors); s.Priors[0].Max = 0.7 },
		"scenario": func(s *CalibrationSpec) {
			s.Scenarios = slices.Clone(s.Scenarios)
			s.Scenarios[1].Config = "months = 14"
		},
	} {
		c := spec
		change(&c)
		if c.ID() == spec.ID() {
			t.Errorf("a different %s keeps the identity", what)
		}
	}
	bad := map[string]string{
		"edited":           strings.Replace(string(f.Marshal()), `"seed": 3`, `"seed": 4`, 1),
		"not json":         "{",
		"unknown scenario": string(NewCalibrationFile(withTarget(spec, func(t *Target) { t.Scenario = "nosuch" })).Marshal()),
		"zero tolerance":   string(NewCalibrationFile(withTarget(spec, func(t *Target) { t.Tolerance = 0 })).Marshal()),
		"unknown metric":   string(NewCalibrationFile(withTarget(spec, func(t *Target) { t.Per = []string{"m9"} })).Marshal()),
		"empty window":     string(NewCalibrationFile(withTarget(spec, func(t *Target) { t.To = t.From })).Marshal()),
	}
	for what, content := range bad {
		if err := os.WriteFile(filepath.Join(dir, CalibrationJSON), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		var te *TableError
		if _, err := ReadCalibration(dir); !errors.As(err, &te) {
			t.Errorf("%s: %v, want a *TableError", what, err)
		}
	}
	var de *DirError
	if _, err := ReadCalibration(t.TempDir()); !errors.As(err, &de) || !strings.Contains(err.Error(), "not the output of govsim calibrate") {
		t.Errorf("an empty directory: %v", err)
	}
}

func withTarget(s CalibrationSpec, change func(*Target)) CalibrationSpec {
	s.Targets = slices.Clone(s.Targets)
	change(&s.Targets[0])
	return s
}

func TestTargetText(t *testing.T) {
	for _, c := range []struct {
		t              Target
		window, formul string
	}{
		{Target{Metrics: []string{"a"}, From: 12, To: 13, Scale: 1}, "month 12", "a"},
		{Target{Metrics: []string{"a", "b"}, Per: []string{"c"}, From: 0, To: 24, Scale: 1}, "months 0–23", "(a + b) / c"},
		{Target{Metrics: []string{"a"}, Per: []string{"b", "c"}, From: 36, To: 60, Scale: 1}, "months 36–59", "a / (b + c)"},
		{Target{Metrics: []string{"a"}, From: 36, To: 60, Scale: 4.7}, "months 36–59", "a × 4.7"},
	} {
		if w := c.t.Window(); w != c.window {
			t.Errorf("Window %q, want %q", w, c.window)
		}
		if f := c.t.Formula(); f != c.formul {
			t.Errorf("Formula %q, want %q", f, c.formul)
		}
	}
}

// TestCalibrationTables: what the calibration writes reads back, +Inf
// tolerances and distances and missing summaries included.
func TestCalibrationTables(t *testing.T) {
	dir := t.TempDir()
	g := NewCSV(GenerationsColumns())
	g.Add(Cell{I: 0}, Cell{F: math.Inf(1)}, Cell{F: 1}, Cell{F: 20}, Cell{I: 20}, Cell{I: 20}, Cell{I: 40}, Cell{I: 0}, Cell{I: 1})
	c := NewCSV(CandidatesColumns([]string{"mix", "conv"}))
	c.Add(Cell{I: 0}, Cell{I: 3}, Cell{F: math.Inf(1)}, Cell{I: 1}, Cell{F: 0.25}, Cell{F: math.NaN()})
	for name, csv := range map[string]*CSV{GenerationsCSV: g, CandidatesCSV: c} {
		if err := WriteFileAtomic(filepath.Join(dir, name), csv.Bytes()); err != nil {
			t.Fatal(err)
		}
	}
	var rows [][]Cell
	read := func(row []Cell) error { rows = append(rows, slices.Clone(row)); return nil }
	if err := ReadCalibrationTable(dir, GenerationsCSV, GenerationsColumns(), read); err != nil {
		t.Fatal(err)
	}
	if err := ReadCalibrationTable(dir, CandidatesCSV, CandidatesColumns([]string{"mix", "conv"}), read); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || !math.IsInf(rows[0][1].F, 1) || rows[0][8].I != 1 || !math.IsInf(rows[1][2].F, 1) || rows[1][4].F != 0.25 || !math.IsNaN(rows[1][5].F) {
		t.Fatalf("read back %v", rows)
	}
	if err := ReadCalibrationTable(dir, CandidatesCSV, CandidatesColumns([]string{"mix", "other"}), read); err == nil {
		t.Error("a table read with other target columns")
	}
	if err := ReadCalibrationTable(dir, PosteriorCSV, PosteriorColumns(nil), read); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing table: %v", err)
	}
}

// TestReadPart: a part written is read back bit for bit; a missing part is
// fs.ErrNotExist, a damaged one a *PartError naming it.
func TestReadPart(t *testing.T) {
	spec := testSpec(true)
	d, err := CreateSweepDir(t.TempDir(), NewSweepFile(spec))
	if err != nil {
		t.Fatal(err)
	}
	want := testPart(&spec, 4, 3)
	if err := d.WritePart(want); err != nil {
		t.Fatal(err)
	}
	var p Part
	buf, err := d.ReadPart(4, nil, &p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(AppendPart(nil, d.File.ID, &p), AppendPart(nil, d.File.ID, want)) {
		t.Fatal("the part does not read back whole")
	}
	if _, err := d.ReadPart(5, buf, &p); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing part: %v", err)
	}
	if err := os.WriteFile(d.PartPath(6), []byte("junk"), 0o644); err != nil {
		t.Fatal(err)
	}
	var pe *PartError
	if _, err := d.ReadPart(6, buf, &p); !errors.As(err, &pe) || pe.Run != 6 {
		t.Errorf("a damaged part: %v", err)
	}
	if err := os.Rename(d.PartPath(4), d.PartPath(7)); err != nil {
		t.Fatal(err)
	}
	if _, err := d.ReadPart(7, buf, &p); !errors.As(err, &pe) {
		t.Errorf("run 4's part under run 7's name: %v", err)
	}
}

// FuzzReadCalibration: whatever calibration.json is accepted has an id
// that matches it and the counts and ranges readers size and index by.
func FuzzReadCalibration(f *testing.F) {
	f.Add(NewCalibrationFile(testCalibration()).Marshal())
	f.Add([]byte(`{"id":"","calibration":{}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := parseCalibrationFile("calibration.json", data)
		if err != nil {
			var te *TableError
			if !errors.As(err, &te) {
				t.Fatalf("error %v is not a *TableError", err)
			}
			return
		}
		s := &c.Spec
		if c.ID != s.ID() || len(s.Priors) < 1 || len(s.Targets) < 1 || s.Particles < 2 {
			t.Fatalf("accepted %+v", c)
		}
		for _, tg := range s.Targets {
			if s.ScenarioIndex(tg.Scenario) < 0 || !(tg.Tolerance > 0) || tg.To <= tg.From {
				t.Fatalf("accepted target %+v", tg)
			}
		}
	})
}
