package table

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path/filepath"
	"slices"
	"strings"
)

// A calibration's output directory (govsim calibrate):
//
//	calibration.json  its identity: the resolved targets, priors and
//	                  scenarios, the population size and seed, and a hash
//	                  of them; a directory holding another calibration is
//	                  refused, never mixed
//	gen-G/batch-B/    the candidates of generation G proposed in batch B, a
//	                  sweep of explicit points (sweep.json, parts/, the
//	                  sweep's tables): runs survive kill -9 and shards
//	predictive/       the posterior predictive runs, a sweep as well
//	generations.csv   each generation's tolerance, acceptance, ESS, runs
//	posterior.csv     every generation's population: particles, weights,
//	                  parameters; the last generation is the posterior
//	candidates.csv    every candidate evaluated: its summaries, distance
//	                  and whether its population kept it
//	predictive.csv    the posterior predictive draws and their summaries
//	calibration.html  the report
//
// The CSV files and the report depend only on calibration.json and the
// sweeps' parts, so a calibration resumed, sharded or run with any number
// of workers writes the same bytes (the report's timestamp aside).

// CalibrationJSON is the name of a calibration's identity file.
const CalibrationJSON = "calibration.json"

// Target is one observed figure a calibration fits: a summary of a run's
// district metrics (the sum of Metrics, divided by the sum of Per when
// given, over the months [From, To), times Scale) against the value
// observed, with its standard error or tolerance.
type Target struct {
	Name     string   `json:"name"`           // identifier: a column of candidates.csv
	What     string   `json:"what,omitempty"` // in words, for the report
	Scenario string   `json:"scenario"`       // the scenario run for it
	Metrics  []string `json:"metrics"`        // summed month by month
	Per      []string `json:"per,omitempty"`  // the denominator, summed; none: a mean
	From     int      `json:"from"`           // the window's first month
	To       int      `json:"to"`             // one past its last month
	// District says Scale takes a sample's total to the whole district:
	// the reference district's units over the run's.
	District bool    `json:"district,omitempty"`
	Scale    float64 `json:"scale"` // 1, or the district factor
	Observed float64 `json:"observed"`
	// Tolerance is the target's standard error, or the half-width of the
	// range its source allows: the unit in which distances count it.
	Tolerance float64 `json:"tolerance"`
	Source    string  `json:"source,omitempty"`
}

// Window describes the target's months in words: "month 12" or
// "months 36–59".
func (t *Target) Window() string {
	if t.To == t.From+1 {
		return fmt.Sprintf("month %d", t.From)
	}
	return fmt.Sprintf("months %d–%d", t.From, t.To-1)
}

// Formula is the target's summary as a formula of metrics: "(a + b) / c".
func (t *Target) Formula() string {
	num := strings.Join(t.Metrics, " + ")
	if len(t.Per) == 0 {
		if t.Scale != 1 {
			return num + " × " + fmtG(t.Scale)
		}
		return num
	}
	if len(t.Metrics) > 1 {
		num = "(" + num + ")"
	}
	den := strings.Join(t.Per, " + ")
	if len(t.Per) > 1 {
		den = "(" + den + ")"
	}
	s := num + " / " + den
	if t.Scale != 1 {
		s += " × " + fmtG(t.Scale)
	}
	return s
}

func fmtG(x float64) string { return fmt.Sprintf("%.6g", x) }

// CalibrationSpec is everything that decides a calibration's populations.
// The stopping rules (generations, minimum acceptance) are not part of it:
// a calibration stopped after G generations continues with more.
type CalibrationSpec struct {
	Govsim      string `json:"govsim_version"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	// Scenarios are the scenarios the targets name, each run only as long
	// as its targets need (the months after the last one read cannot
	// change them).
	Scenarios  []ManifestScenario `json:"scenarios"`
	Targets    []Target           `json:"targets"`
	Priors     []SweepFactor      `json:"priors"` // key, dist, min, max (mean, sd)
	Particles  int                `json:"particles"`
	Replicates int                `json:"replicates"` // runs per candidate and scenario; summaries are their means
	Seed       uint64             `json:"seed"`
	Quantile   float64            `json:"quantile"` // of the distances that sets the next tolerance
	Kernel     string             `json:"kernel"`   // global or local
	Metrics    []string           `json:"metrics"`  // district metrics, in the order parts hold them
}

// ID is the calibration's identity: a SHA-256 of everything that decides
// its populations; the name, the description and where scenarios were
// read from do not count.
func (s *CalibrationSpec) ID() string {
	c := *s
	c.Name, c.Description = "", ""
	c.Scenarios = slices.Clone(s.Scenarios)
	for i := range c.Scenarios {
		c.Scenarios[i].Source = ""
	}
	b, err := json.Marshal(c)
	if err != nil {
		panic("table: calibration spec does not marshal: " + err.Error()) // plain data; cannot happen
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// Keys are the calibrated parameters' keys, in the order of a particle's
// values.
func (s *CalibrationSpec) Keys() []string {
	out := make([]string, len(s.Priors))
	for i, p := range s.Priors {
		out[i] = p.Key
	}
	return out
}

// ScenarioIndex is the index in Scenarios of a scenario name; −1 if none.
func (s *CalibrationSpec) ScenarioIndex(name string) int {
	return slices.IndexFunc(s.Scenarios, func(m ManifestScenario) bool { return m.Name == name })
}

// CalibrationFile is the content of calibration.json.
type CalibrationFile struct {
	ID   string          `json:"id"`
	Spec CalibrationSpec `json:"calibration"`
}

// NewCalibrationFile wraps a spec with its identity.
func NewCalibrationFile(spec CalibrationSpec) CalibrationFile {
	return CalibrationFile{ID: spec.ID(), Spec: spec}
}

// Marshal is the file's JSON text.
func (f CalibrationFile) Marshal() []byte {
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		panic("table: calibration.json does not marshal: " + err.Error())
	}
	return append(b, '\n')
}

// MaxCalibrationParams bounds the parameters and targets a calibration.json
// read back may hold, so nothing sized by them can exhaust memory.
const MaxCalibrationParams = 10000

// ReadCalibration reads and checks dir/calibration.json.
func ReadCalibration(dir string) (CalibrationFile, error) {
	path := filepath.Join(dir, CalibrationJSON)
	b, err := ReadInput(path, MaxManifestBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return CalibrationFile{}, &DirError{fmt.Sprintf("%s holds no %s: not the output of govsim calibrate", dir, CalibrationJSON)}
	}
	if err != nil {
		return CalibrationFile{}, err
	}
	return parseCalibrationFile(path, b)
}

// parseCalibrationFile checks calibration.json's content: its fields, and
// an id that matches them (an edited file is refused).
func parseCalibrationFile(path string, b []byte) (CalibrationFile, error) {
	var f CalibrationFile
	if err := json.NewDecoder(bytes.NewReader(b)).Decode(&f); err != nil {
		return f, &TableError{fmt.Sprintf("%s: not a govsim calibration.json: %v", path, err)}
	}
	if err := f.Spec.check(); err != nil {
		return f, &TableError{fmt.Sprintf("%s: %v", path, err)}
	}
	if got := f.Spec.ID(); got != f.ID {
		return f, &TableError{fmt.Sprintf("%s: id %s does not match its content (%s): the file was edited", path, short(f.ID), short(got))}
	}
	return f, nil
}

// check guards the invariants readers index and size by.
func (s *CalibrationSpec) check() error {
	switch {
	case s.Govsim == "":
		return fmt.Errorf("no govsim_version: not govsim output")
	case len(s.Priors) < 1 || len(s.Priors) > MaxCalibrationParams || len(s.Targets) < 1 || len(s.Targets) > MaxCalibrationParams:
		return fmt.Errorf("%d priors and %d targets: allowed 1 to %d of each", len(s.Priors), len(s.Targets), MaxCalibrationParams)
	case s.Particles < 2 || s.Particles > 10_000_000 || s.Replicates < 1 || s.Replicates > 100000:
		return fmt.Errorf("particles %d or replicates %d out of range", s.Particles, s.Replicates)
	case len(s.Scenarios) < 1 || len(s.Metrics) < 1:
		return fmt.Errorf("no scenarios or metrics")
	}
	for i, p := range s.Priors {
		if !(p.Min < p.Max) || math.IsInf(p.Min, 0) || math.IsInf(p.Max, 0) {
			return fmt.Errorf("prior %d (%s): range [%v, %v] is not finite and increasing", i, p.Key, p.Min, p.Max)
		}
	}
	for i, t := range s.Targets {
		ok := s.ScenarioIndex(t.Scenario) >= 0 && t.Tolerance > 0 && !math.IsInf(t.Tolerance, 1) && t.From >= 0 && t.To > t.From &&
			len(t.Metrics) > 0 && !math.IsNaN(t.Observed) && !math.IsInf(t.Observed, 0) && t.Scale > 0 && !math.IsInf(t.Scale, 1)
		for _, m := range append(slices.Clone(t.Metrics), t.Per...) {
			ok = ok && slices.Contains(s.Metrics, m)
		}
		if !ok {
			return fmt.Errorf("target %d (%s) is not one govsim writes", i, t.Name)
		}
	}
	return nil
}

// The tables of a calibration directory. Parameter and target columns are
// named by their keys and names, in the spec's order.

// GenerationsColumns is the layout of generations.csv: per generation its
// tolerance (+Inf for generation 0, the prior sample), acceptance rate
// (particles over candidates), effective sample size, the candidates its
// population needed and those evaluated (with the last batch's overshoot),
// the runs those took, the proposals outside the prior's support, and the
// batches.
func GenerationsColumns() []Column {
	return []Column{{"generation", Int}, {"tolerance", Float}, {"acceptance", Float}, {"ess", Float},
		{"candidates", Int}, {"evaluated", Int}, {"runs", Int}, {"redraws", Int}, {"batches", Int}}
}

// PosteriorColumns is the layout of posterior.csv: every generation's
// particles (their candidate index), normalised weights, distances and
// parameter values.
func PosteriorColumns(keys []string) []Column {
	cols := []Column{{"generation", Int}, {"particle", Int}, {"weight", Float}, {"distance", Float}}
	for _, k := range keys {
		cols = append(cols, Column{k, Float})
	}
	return cols
}

// CandidatesColumns is the layout of candidates.csv: every candidate
// evaluated, its distance (+Inf when a target was never defined), whether
// its generation's population kept it (1) or not (0), and each target's
// summary (empty: never defined in its window).
func CandidatesColumns(targets []string) []Column {
	cols := []Column{{"generation", Int}, {"candidate", Int}, {"distance", Float}, {"accepted", Int}}
	for _, t := range targets {
		cols = append(cols, Column{t, OptFloat})
	}
	return cols
}

// PredictiveColumns is the layout of predictive.csv: each posterior
// predictive draw, the particle of the final population it took, and the
// summaries of a new run at its parameters.
func PredictiveColumns(targets []string) []Column {
	cols := []Column{{"draw", Int}, {"particle", Int}}
	for _, t := range targets {
		cols = append(cols, Column{t, OptFloat})
	}
	return cols
}

// Calibration files, by name.
const (
	GenerationsCSV = "generations.csv"
	PosteriorCSV   = "posterior.csv"
	CandidatesCSV  = "candidates.csv"
	PredictiveCSV  = "predictive.csv"
)

// ReadCalibrationTable reads one of a calibration's CSV tables (bounded,
// as every input) and calls fn with each row's cells.
func ReadCalibrationTable(dir, name string, cols []Column, fn func(row []Cell) error) error {
	path := filepath.Join(dir, name)
	b, err := ReadInput(path, MaxCSVInputBytes)
	if err != nil {
		return err
	}
	return ReadCSV(bytes.NewReader(b), path, cols, func(_ int, row []Cell) error { return fn(row) })
}

// SelfCheckColumns is the layout of a self-calibration's result
// (docs/calibration/selfcheck.csv): per case and parameter, the true
// value the observed figures were made with, the posterior mean and 90%
// interval, the SD ratio, and whether the interval holds the true value.
func SelfCheckColumns() []Column {
	return []Column{{"case", Int}, {"parameter", String}, {"truth", Float}, {"mean", Float},
		{"q05", Float}, {"q95", Float}, {"sd_ratio", Float}, {"covered", Int}}
}

// ParametersColumns is the layout of a calibration's parameters.csv (the
// report's summary): per parameter its prior and the final population's
// weighted mean, SD, 5%, 50% and 95% quantiles, the ratio of posterior to
// prior SD, and the report's word for what the figures did to it.
func ParametersColumns() []Column {
	return []Column{{"parameter", String}, {"dist", String}, {"min", Float}, {"max", Float}, {"prior_mean", Float}, {"prior_sd", Float},
		{"mean", Float}, {"sd", Float}, {"q05", Float}, {"q50", Float}, {"q95", Float}, {"sd_ratio", Float}, {"constraint", String}}
}

// TargetsColumns is the layout of a calibration's targets.csv: per target
// the observed value and tolerance, the 90% interval of an observation
// under the prior and under the posterior, the posterior predictive runs'
// median and 90% interval, and whether the observed value lies inside the
// posterior interval (1) or not (0).
func TargetsColumns() []Column {
	return []Column{{"target", String}, {"scenario", String}, {"from", Int}, {"to", Int}, {"observed", Float}, {"tolerance", Float},
		{"prior_low", OptFloat}, {"prior_high", OptFloat}, {"median", OptFloat}, {"sim_low", OptFloat}, {"sim_high", OptFloat},
		{"low", OptFloat}, {"high", OptFloat}, {"inside", Int}}
}

// Calibration summaries, by name.
const (
	ParametersCSV = "parameters.csv"
	TargetsCSV    = "targets.csv"
)
