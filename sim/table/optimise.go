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
)

// An optimisation's output directory (govsim optimise):
//
//	optimise.json     its identity: the base scenario, the template every
//	                  candidate's runs start from, the decisions, objectives
//	                  and constraints, the population and seed, and a hash
//	                  of them; once the outputs are written, also the files
//	                  they are, each with its SHA-256 (written last)
//	gen-G/            the packages first proposed in generation G, a sweep of
//	                  explicit points (sweep.json, parts/, the sweep's
//	                  tables): runs survive kill -9 and shards
//	evaluations.csv   every candidate of every generation
//	generations.csv   each generation's runs, front and hypervolume
//	pareto.csv        the non-dominated packages, in words too
//	packages/         the base and each front package as a scenario file
//	optimise.html     the report
//
// The tables depend only on optimise.json's identity and the sweeps'
// parts, so an optimisation resumed, sharded or run with any number of
// workers writes the same bytes (the report's timestamp aside).

// Names of an optimisation's files.
const (
	OptimisationJSON = "optimise.json"
	EvaluationsCSV   = "evaluations.csv"
	ParetoCSV        = "pareto.csv"
	OptimiseHTML     = "optimise.html"
	// PackagesDir holds the base (BaseTOML) and each front package as a
	// scenario file.
	PackagesDir = "packages"
	BaseTOML    = "base.toml"
)

// Kinds of a Decision.
const (
	DecisionReal   = "real"
	DecisionInt    = "int"
	DecisionChoice = "choice"
)

// Decision is one decision variable of an optimisation: a real or integer
// in [Min, Max], or one of Choices.
type Decision struct {
	Name    string   `json:"name"` // entry[1].start, or a parameter's key
	Kind    string   `json:"kind"` // real, int or choice
	Min     float64  `json:"min,omitempty"`
	Max     float64  `json:"max,omitempty"`
	Choices []string `json:"choices,omitempty"` // each option as the tables write it
}

// Measure is a summary of one run an optimisation reads: the sum of
// Metrics (over the sum of Per, when given) over the months [From, To),
// times Scale, which takes the stored unit to the display unit (Unit, as
// govsim's tables show the metric) and, with District, a sample's total
// to the whole district.
type Measure struct {
	Name     string   `json:"name"`
	What     string   `json:"what,omitempty"`
	Metrics  []string `json:"metrics"`
	Per      []string `json:"per,omitempty"`
	From     int      `json:"from"`
	To       int      `json:"to"`
	District bool     `json:"district,omitempty"`
	Scale    float64  `json:"scale"`
	Unit     string   `json:"unit"`
}

// Target is the measure as the summaries of analysis.Targets take it.
func (m *Measure) Target() Target {
	return Target{Name: m.Name, What: m.What, Metrics: m.Metrics, Per: m.Per, From: m.From, To: m.To, District: m.District, Scale: m.Scale}
}

// Goals of an objective and bounds of a constraint.
const (
	Maximise = "max"
	Minimise = "min"
)

// Objective is a measure to maximise or minimise.
type Objective struct {
	Measure
	Goal string `json:"goal"` // max or min
}

// Constraint is a measure that must stay at or below Limit (Bound max) or
// at or above it (Bound min).
type Constraint struct {
	Measure
	Bound string  `json:"bound"`
	Limit float64 `json:"limit"`
}

// OptimisationSpec is everything that decides an optimisation's
// populations. The number of generations is not part of it: an
// optimisation stopped after G generations continues with more.
type OptimisationSpec struct {
	Govsim      string `json:"govsim_version"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	// Base is the scenario every package modifies; Template is the base
	// with every candidate entry in every form it may take, switched off:
	// each candidate runs as the template at a point over Factors.
	Base        ManifestScenario `json:"base"`
	Template    ManifestScenario `json:"template"`
	Decisions   []Decision       `json:"decisions"`
	Factors     []SweepFactor    `json:"factors"`
	Objectives  []Objective      `json:"objectives"`
	Constraints []Constraint     `json:"constraints,omitempty"`
	Population  int              `json:"population"`
	Replicates  int              `json:"replicates"` // runs per candidate, on the same seeds for every candidate
	Seed        uint64           `json:"seed"`
	Metrics     []string         `json:"metrics"` // district metrics, in the order parts hold them
}

// ID is the optimisation's identity: a SHA-256 of everything that decides
// its populations; the name, the description and where scenarios were
// read from do not count.
func (s *OptimisationSpec) ID() string {
	c := *s
	c.Name, c.Description = "", ""
	c.Base.Source, c.Template.Source = "", ""
	b, err := json.Marshal(c)
	if err != nil {
		panic("table: optimisation spec does not marshal: " + err.Error()) // plain data; cannot happen
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// Measures are the objectives' measures, then the constraints'.
func (s *OptimisationSpec) Measures() []Measure {
	var out []Measure
	for _, o := range s.Objectives {
		out = append(out, o.Measure)
	}
	for _, c := range s.Constraints {
		out = append(out, c.Measure)
	}
	return out
}

// OptimisationResult is what a finished session wrote: the generations
// done and every output file with the SHA-256 of its content, so that a
// reader never takes a set of outputs a killed session left half
// rewritten for a whole one.
type OptimisationResult struct {
	Generations int               `json:"generations"`
	Files       map[string]string `json:"files"` // name (slash-separated, relative) → SHA-256
}

// OptimisationFile is the content of optimise.json.
type OptimisationFile struct {
	ID     string              `json:"id"`
	Spec   OptimisationSpec    `json:"optimisation"`
	Result *OptimisationResult `json:"result,omitempty"`
}

// NewOptimisationFile wraps a spec with its identity.
func NewOptimisationFile(spec OptimisationSpec) OptimisationFile {
	return OptimisationFile{ID: spec.ID(), Spec: spec}
}

// Marshal is the file's JSON text.
func (f OptimisationFile) Marshal() []byte {
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		panic("table: optimise.json does not marshal: " + err.Error())
	}
	return append(b, '\n')
}

// ReadOptimisation reads and checks dir/optimise.json.
func ReadOptimisation(dir string) (OptimisationFile, error) {
	path := filepath.Join(dir, OptimisationJSON)
	b, err := ReadInput(path, MaxManifestBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return OptimisationFile{}, &DirError{fmt.Sprintf("%s holds no %s: not the output of govsim optimise", dir, OptimisationJSON)}
	}
	if err != nil {
		return OptimisationFile{}, err
	}
	return parseOptimisationFile(path, b)
}

// parseOptimisationFile checks optimise.json's content: its fields, and
// an id that matches them (an edited file is refused).
func parseOptimisationFile(path string, b []byte) (OptimisationFile, error) {
	var f OptimisationFile
	if err := json.NewDecoder(bytes.NewReader(b)).Decode(&f); err != nil {
		return f, &TableError{fmt.Sprintf("%s: not a govsim optimise.json: %v", path, err)}
	}
	if err := f.Spec.check(); err != nil {
		return f, &TableError{fmt.Sprintf("%s: %v", path, err)}
	}
	if got := f.Spec.ID(); got != f.ID {
		return f, &TableError{fmt.Sprintf("%s: id %s does not match its content (%s): the file was edited", path, short(f.ID), short(got))}
	}
	if r := f.Result; r != nil {
		if r.Generations < 1 || len(r.Files) > MaxOptimisationFiles {
			return f, &TableError{fmt.Sprintf("%s: result of %d generations and %d files is not one govsim writes", path, r.Generations, len(r.Files))}
		}
		for name := range r.Files {
			if !filepath.IsLocal(filepath.FromSlash(name)) {
				return f, &TableError{fmt.Sprintf("%s: file %q lies outside the directory", path, name)}
			}
		}
	}
	return f, nil
}

// Bounds on what an optimise.json read back may hold, so nothing sized by
// it can exhaust memory.
const (
	MaxOptimisationDecisions = 10000
	MaxOptimisationFiles     = 100000
)

// check guards the invariants readers index and size by.
func (s *OptimisationSpec) check() error {
	switch {
	case s.Govsim == "":
		return fmt.Errorf("no govsim_version: not govsim output")
	case len(s.Decisions) < 1 || len(s.Decisions) > MaxOptimisationDecisions || len(s.Factors) < 1 || len(s.Factors) > MaxOptimisationDecisions:
		return fmt.Errorf("%d decisions and %d factors: allowed 1 to %d of each", len(s.Decisions), len(s.Factors), MaxOptimisationDecisions)
	case len(s.Objectives) < 1 || len(s.Objectives)+len(s.Constraints) > MaxOptimisationDecisions:
		return fmt.Errorf("%d objectives and %d constraints", len(s.Objectives), len(s.Constraints))
	case s.Population < 4 || s.Population%4 != 0 || s.Population > 10_000_000 || s.Replicates < 1 || s.Replicates > 100000:
		return fmt.Errorf("population %d or replicates %d out of range", s.Population, s.Replicates)
	case len(s.Metrics) < 1:
		return fmt.Errorf("no metrics")
	}
	for i, d := range s.Decisions {
		ok := d.Name != ""
		switch d.Kind {
		case DecisionReal, DecisionInt:
			ok = ok && d.Min < d.Max && !math.IsInf(d.Min, 0) && !math.IsInf(d.Max, 0)
		case DecisionChoice:
			ok = ok && len(d.Choices) >= 2 && len(d.Choices) <= MaxOptimisationDecisions
		default:
			ok = false
		}
		if !ok {
			return fmt.Errorf("decision %d (%s) is not one govsim writes", i, d.Name)
		}
	}
	for i, f := range s.Factors {
		if !(f.Min < f.Max) || math.IsInf(f.Min, 0) || math.IsInf(f.Max, 0) {
			return fmt.Errorf("factor %d (%s): range [%v, %v] is not finite and increasing", i, f.Key, f.Min, f.Max)
		}
	}
	names := map[string]bool{}
	for i, m := range s.Measures() {
		ok := m.Name != "" && !names[m.Name] && m.From >= 0 && m.To > m.From && len(m.Metrics) > 0 && m.Scale > 0 && !math.IsInf(m.Scale, 1)
		for _, x := range append(slices.Clone(m.Metrics), m.Per...) {
			ok = ok && slices.Contains(s.Metrics, x)
		}
		if !ok {
			return fmt.Errorf("objective or constraint %d (%s) is not one govsim writes", i, m.Name)
		}
		names[m.Name] = true
	}
	for i, o := range s.Objectives {
		if o.Goal != Maximise && o.Goal != Minimise {
			return fmt.Errorf("objective %d (%s): goal %q", i, o.Name, o.Goal)
		}
	}
	for i, c := range s.Constraints {
		if c.Bound != Maximise && c.Bound != Minimise || math.IsNaN(c.Limit) || math.IsInf(c.Limit, 0) {
			return fmt.Errorf("constraint %d (%s): bound %q %v", i, c.Name, c.Bound, c.Limit)
		}
	}
	return nil
}

// The tables of an optimisation directory. Decision columns are named by
// the decisions, measure columns by the objectives' and constraints'
// names, in the spec's order.

// EvaluationsColumns is the layout of evaluations.csv: every candidate of
// every generation (its index within the generation), the package it is
// (candidates with the same effective decisions are one package, run
// once), each decision's value as the search proposed it (a choice by its
// option's name), each objective's and constraint's mean over replicates
// and the half-width of its 95% t interval (empty with one replicate, or
// when a run never defined it), the total constraint violation, whether
// every constraint holds (1) or not (0), and whether the package is on the
// front of every evaluation so far (1) or not (0).
func EvaluationsColumns(decisions []string, measures []string) []Column {
	cols := []Column{{"generation", Int}, {"candidate", Int}, {"package", Int}}
	for _, d := range decisions {
		cols = append(cols, Column{d, String})
	}
	for _, m := range measures {
		cols = append(cols, Column{m, OptFloat}, Column{m + "_ci", OptFloat})
	}
	return append(cols, Column{"violation", Float}, Column{"feasible", Int}, Column{"front", Int})
}

// ParetoColumns is the layout of pareto.csv: each package on the front of
// every evaluation, its number, the generation that first proposed it,
// whether it is fixed (every reform at a month) or adaptive (a reform
// started by a trigger), its decisions (empty where one does not matter:
// the start of a reform switched off, say), each objective's and
// constraint's mean with its 95% t interval over replicates, the
// violation, whether it is feasible, and the package in words.
func ParetoColumns(decisions []string, measures []string) []Column {
	cols := []Column{{"package", Int}, {"generation", Int}, {"type", String}}
	for _, d := range decisions {
		cols = append(cols, Column{d, String})
	}
	for _, m := range measures {
		cols = append(cols, Column{m, OptFloat}, Column{m + "_low", OptFloat}, Column{m + "_high", OptFloat})
	}
	return append(cols, Column{"violation", Float}, Column{"feasible", Int}, Column{"description", String})
}

// OptimisationGenerationsColumns is the layout of an optimisation's
// generations.csv: per generation its candidates, the packages it ran
// (those no earlier candidate was), the runs they took, the feasible
// members of the population it selected, the size of the front of every
// evaluation so far, and that front's hypervolume (in objectives scaled by
// generation 0's ranges; see the report).
func OptimisationGenerationsColumns() []Column {
	return []Column{{"generation", Int}, {"candidates", Int}, {"packages", Int}, {"runs", Int}, {"feasible", Int},
		{"front", Int}, {"hypervolume", Float}}
}

// ReadOptimisationTable reads one of an optimisation's CSV tables (bounded,
// as every input) and calls fn with each row's cells.
func ReadOptimisationTable(dir, name string, cols []Column, fn func(row []Cell) error) error {
	return ReadCalibrationTable(dir, name, cols, fn)
}
