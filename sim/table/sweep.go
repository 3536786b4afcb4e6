package table

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// A sweep's output directory:
//
//	sweep.json     the sweep's identity: its resolved definition (scenarios
//	               as resolved TOML, factors, design points, seeds, window)
//	               and a hash of it; a directory holding another sweep is
//	               refused, never mixed
//	parts/N.part   one file per finished run N, written by rename: resume
//	               skips the runs whose part exists
//	manifest.json  how and when the files were made (manifest-shard-I-of-N.json
//	               for a shard)
//	points.csv, runs.csv, results.csv [, monthly.csv]
//	               (or .parquet) assembled from the parts in run-id order
//	               once every run of the sweep is present
//
// The final tables depend only on sweep.json and the parts, so a sweep
// split into shards and merged gives the same bytes as one run in one go.

// SweepSpec is everything that determines a sweep's results.
type SweepSpec struct {
	Govsim      string             `json:"govsim_version"`
	Name        string             `json:"name"`
	Description string             `json:"description,omitempty"`
	Design      string             `json:"design"`
	Samples     int                `json:"samples,omitempty"` // lhs points, morris trajectories, saltelli base rows
	Levels      int                `json:"levels,omitempty"`  // morris p
	Groups      int                `json:"groups,omitempty"`  // morris r or saltelli N, as the design reports it
	Replicates  int                `json:"replicates"`
	Seed        uint64             `json:"seed"`
	DesignSeed  uint64             `json:"design_seed"`
	Seeds       string             `json:"seeds"` // "common" or "per-point"
	Window      int                `json:"window"`
	Monthly     bool               `json:"monthly"`
	Factors     []SweepFactor      `json:"factors"`
	Scenarios   []ManifestScenario `json:"scenarios"`
	Metrics     []string           `json:"metrics"` // district metrics, in the order parts hold them
	Points      [][]float64        `json:"points"`  // design points: values in factor order
	Units       [][]NullFloat      `json:"units"`   // their unit coordinates (null for list factors)
}

// SweepFactor is one varied parameter.
type SweepFactor struct {
	Key    string    `json:"key"`
	Kind   string    `json:"kind"` // "float" or "int": the Parquet column type
	Dist   string    `json:"dist,omitempty"`
	Min    float64   `json:"min"`
	Max    float64   `json:"max"`
	Mean   float64   `json:"mean,omitempty"`
	SD     float64   `json:"sd,omitempty"`
	Values []float64 `json:"values,omitempty"`
	Levels int       `json:"levels,omitempty"`
}

// NullFloat is a float64 that JSON writes as null when it is NaN.
type NullFloat float64

// MarshalJSON writes null for NaN.
func (x NullFloat) MarshalJSON() ([]byte, error) {
	f := float64(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(f)
}

// UnmarshalJSON reads null as NaN.
func (x *NullFloat) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*x = NullFloat(math.NaN())
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	*x = NullFloat(f)
	return nil
}

// Runs is the number of runs of the sweep.
func (s *SweepSpec) Runs() int { return len(s.Points) * len(s.Scenarios) * s.Replicates }

// RunKey splits a run id into its design point, scenario index and
// replicate (ids are point-major).
func (s *SweepSpec) RunKey(id int) (point, scenario, replicate int) {
	r, ns := s.Replicates, len(s.Scenarios)
	return id / (ns * r), (id / r) % ns, id % r
}

// ID is the sweep's identity: a SHA-256 of everything that determines its
// results. The name, the description and where scenarios were read from do
// not count: renaming a sweep file does not make it another sweep.
func (s *SweepSpec) ID() string {
	c := *s
	c.Name, c.Description = "", ""
	c.Scenarios = append([]ManifestScenario(nil), s.Scenarios...)
	for i := range c.Scenarios {
		c.Scenarios[i].Source = ""
	}
	b, err := json.Marshal(c)
	if err != nil {
		panic("output: sweep spec does not marshal: " + err.Error()) // plain data; cannot happen
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// SweepFile is the content of sweep.json.
type SweepFile struct {
	ID   string    `json:"id"`
	Runs int       `json:"runs"`
	Spec SweepSpec `json:"sweep"`
}

// NewSweepFile wraps a spec with its identity.
func NewSweepFile(spec SweepSpec) SweepFile {
	return SweepFile{ID: spec.ID(), Runs: spec.Runs(), Spec: spec}
}

func (f SweepFile) marshal() []byte {
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		panic("output: sweep.json does not marshal: " + err.Error())
	}
	return append(b, '\n')
}

func parseSweepFile(name string, b []byte) (SweepFile, error) {
	var f SweepFile
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&f); err != nil {
		return f, fmt.Errorf("%s: not a govsim sweep.json: %w", name, err)
	}
	if f.ID == "" || f.Spec.Govsim == "" {
		return f, fmt.Errorf("%s: not a govsim sweep.json (no id or version)", name)
	}
	if err := f.Spec.check(); err != nil {
		return f, fmt.Errorf("%s: %w", name, err)
	}
	if got := f.Spec.ID(); got != f.ID {
		return f, fmt.Errorf("%s: id %s does not match its content (%s): the file was edited", name, short(f.ID), short(got))
	}
	// The count is outside what the id covers: it must be the spec's.
	if f.Runs != f.Spec.Runs() {
		return f, fmt.Errorf("%s: runs = %d, but the sweep has %d points × %d scenarios × %d replicates = %d: the file was edited",
			name, f.Runs, len(f.Spec.Points), len(f.Spec.Scenarios), f.Spec.Replicates, f.Spec.Runs())
	}
	return f, nil
}

// MaxSweepRuns bounds the runs of one sweep (points × scenarios ×
// replicates), so a typo in samples cannot plan a billion part files, and
// a sweep read back cannot size anything beyond it.
const MaxSweepRuns = 10_000_000

// MaxSweepPoints bounds the design points a sweep read back may hold: as
// many as a design may have (scenarios/design's MaxRuns, which a test of
// scenarios holds equal to it).
const MaxSweepPoints = 1_000_000

// check guards the invariants other code indexes and sizes by.
func (s *SweepSpec) check() error {
	k := len(s.Factors)
	switch {
	case s.Replicates < 1 || len(s.Scenarios) < 1 || len(s.Points) < 1 || k < 1:
		return fmt.Errorf("sweep has no runs (replicates %d, scenarios %d, points %d, factors %d)", s.Replicates, len(s.Scenarios), len(s.Points), k)
	case s.Replicates > 100000 || len(s.Points) > MaxSweepPoints || float64(len(s.Points))*float64(len(s.Scenarios))*float64(s.Replicates) > MaxSweepRuns:
		return fmt.Errorf("%d points × %d scenarios × %d replicates: allowed at most %d points, 100000 replicates and %d runs",
			len(s.Points), len(s.Scenarios), s.Replicates, MaxSweepPoints, MaxSweepRuns)
	case s.Window < 1 || s.Window > 1200 || len(s.Metrics) > 10000:
		return fmt.Errorf("window %d or %d metrics out of range: allowed a window from 1 to 1200 months", s.Window, len(s.Metrics))
	case len(s.Units) != len(s.Points):
		return fmt.Errorf("%d points but %d unit rows", len(s.Points), len(s.Units))
	case len(s.Metrics) < 1:
		return fmt.Errorf("no metrics")
	}
	for i := range s.Points {
		if len(s.Points[i]) != k || len(s.Units[i]) != k {
			return fmt.Errorf("point %d has %d values and %d unit coordinates for %d factors", i, len(s.Points[i]), len(s.Units[i]), k)
		}
	}
	return nil
}

func short(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

// Differences lists, for a message, the fields in which two sweeps differ.
func (s *SweepSpec) Differences(o *SweepSpec) []string {
	var out []string
	a, b := reflect.ValueOf(*s), reflect.ValueOf(*o)
	t := a.Type()
	for i := 0; i < t.NumField(); i++ {
		name := strings.Split(t.Field(i).Tag.Get("json"), ",")[0]
		if name == "name" || name == "description" {
			continue
		}
		x, y := a.Field(i).Interface(), b.Field(i).Interface()
		if name == "scenarios" {
			out = append(out, scenarioDiffs(s.Scenarios, o.Scenarios)...)
			continue
		}
		jx, _ := json.Marshal(x)
		jy, _ := json.Marshal(y)
		if bytes.Equal(jx, jy) {
			continue
		}
		if len(jx) > 40 || len(jy) > 40 {
			out = append(out, name)
		} else {
			out = append(out, fmt.Sprintf("%s %s here, %s there", name, jx, jy))
		}
	}
	return out
}

func scenarioDiffs(a, b []ManifestScenario) []string {
	if len(a) != len(b) {
		return []string{fmt.Sprintf("scenarios (%d here, %d there)", len(a), len(b))}
	}
	var out []string
	for i := range a {
		switch {
		case a[i].Name != b[i].Name:
			out = append(out, fmt.Sprintf("scenario %d %q here, %q there", i+1, a[i].Name, b[i].Name))
		case a[i].Config != b[i].Config:
			out = append(out, "the settings of scenario "+strconv.Quote(a[i].Name))
		}
	}
	return out
}
