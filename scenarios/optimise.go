package scenarios

import (
	"embed"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/table"
)

// Optimisation files say what a reform package may hold (candidate reform
// entries, each key fixed or a decision, and policy parameters), what it
// should achieve (objectives) and within what (constraints): `govsim
// optimise` searches them with NSGA-II for the Pareto front of packages.
//
//	name = "packages"
//	scenario = "baseline"      # the base every package modifies
//	window = [48, 60]          # months 48 ≤ m < 60, unless a measure says
//
//	[[entry]]
//	kind = "zhengjing"
//	switch = true              # whether the package holds it: a decision
//	start = [0, 48]            # a range: a decision; a number: fixed
//	coverage = ["all", "eligible"]
//	choose = ["assets", "finance"]   # each brought or not: decisions
//	trigger = "vote_buying_total_rate >"
//	threshold = [0.02, 0.15]
//	trigger_switch = true      # adaptive or at its start: a decision
//
//	[[param]]
//	key = "reform.org_grant"
//	range = [100000, 500000]   # or values = [...]
//
//	[[objective]]
//	name = "satisfaction"      # a sum of metrics, or a metric alone
//	metric = "satisfaction_local + satisfaction_migrant"
//	goal = "max"
//
//	[[constraint]]
//	name = "unrest"
//	metric = "disputes_opened_per_1000 + petitions_per_1000"
//	max = 1.5                  # per 1,000/month, as govsim compare shows it
//
// Objectives and constraints are in each metric's display unit (the unit
// govsim's tables and charts show: fiscal spending in M yuan/year), not the
// stored one. The embedded example (govsim optimise -example) is a whole
// file. ParseOptimisation checks every key, type and range and
// reports bad input as an *InputError naming file, line and key; Build
// applies the command line's overrides and lays the candidates out as
// points over one template scenario.
//
// # Candidates as points
//
// Every candidate runs as one scenario, the template: the base with, for
// each [[entry]], one reform entry per form the entry may take — per
// coverage choice, per subset of its optional separations, and with and
// without its trigger when that is a decision — every one switched off
// (intensity 0, starting after any run ends). A candidate is a point over
// the template's numeric keys (reforms[j].start, reforms[j].intensity, …,
// and the policy parameters) that switches on the form its decisions
// choose and sets its values, so that the candidates of a search are an
// ordinary sweep. A switched-off form reaches no unit and draws nothing
// (a pilot's villages come from a stream of its own), so the template at
// a candidate's point runs exactly as the base with that package's
// entries (TestTemplateIsThePackage). Two candidates that differ only in
// decisions that do not matter (the start of an entry switched off) have
// the same point: one package.

// optimisationExamples holds the example `govsim optimise -example` prints.
//
//go:embed optimisations/*.toml
var optimisationExamples embed.FS

// OptimisationExample is the commented optimisation file of the example:
// the Nanhai reforms as a package within a budget.
func OptimisationExample() []byte {
	b, err := optimisationExamples.ReadFile("optimisations/packages.toml")
	if err != nil {
		panic("scenarios: embedded optimisation example missing: " + err.Error()) // cannot happen with go:embed
	}
	return b
}

// Range is a decision's interval [Lo, Hi], or a fixed value when Lo == Hi.
type Range struct{ Lo, Hi float64 }

// Fixed reports whether the range is one value.
func (r Range) Fixed() bool { return r.Lo == r.Hi }

func fixed(x float64) Range { return Range{x, x} }

// CandidateEntry is one [[entry]] of an optimisation file: a reform entry
// a package may hold, each key fixed or a decision.
type CandidateEntry struct {
	Kind      string
	Switch    bool  // whether the package holds the entry is a decision
	Start     Range // whole months
	Ramp      Range // whole months
	Intensity Range
	Coverage  []string // one: fixed; more: a decision among them
	Fraction  Range    // of a pilot
	// Separations are brought whenever the entry is on; each of Choose
	// is brought or not, a decision.
	Separations, Choose []string
	Trigger             string // "metric op"; "" for none
	Threshold           Range
	TriggerWindow       int
	TriggerAfter        int
	TriggerSwitch       bool // whether the trigger is used is a decision
}

// PolicyParam is one [[param]]: a parameter the search sets, over a range
// or among values.
type PolicyParam struct {
	Param  sim.Param
	Range  Range     // when Values is nil
	Values []float64 // the options, in the file's order
}

// Optimisation is a parsed optimisation file. Flags may change
// Population, Generations, Months, Seed and Replicates before Build.
type Optimisation struct {
	File        string // as given, for errors
	Name        string
	Description string
	Base        Scenario // loaded; Build applies set and months to it
	Entries     []CandidateEntry
	Params      []PolicyParam
	Objectives  []table.Objective
	Constraints []table.Constraint
	Population  int
	Generations int // including generation 0, the initial sample
	Replicates  int
	Seed        uint64
	// Months is the runs' length: 0 for the base's own.
	Months int
	// Window is the default window of the measures, [from, to); zero: the
	// last 12 months of the run.
	Window [2]int
	// Set are the KEY=VALUE overrides the base runs with (the file's set,
	// then -set).
	Set []string

	// Built by Build: the template scenario every candidate runs as, the
	// decisions, and the template's keys a candidate's point sets (with
	// their ranges as a sweep records them).
	Template       Scenario
	Decisions      []table.Decision
	TemplateParams []sim.Param
	Factors        []table.SweepFactor

	lines     keyLines
	entryAt   []string // "entry[i]" of each entry
	paramAt   []string
	measureAt []string // of each objective, then constraint
	windowed  []bool   // the measure gives its own window
	baseAt    string   // the key naming the base
	forms     [][]form // of each entry, in template order
	slots     []entrySlots
	paramDec  []int     // decision of each policy parameter
	paramPt   []int     // its place in the point
	off       []float64 // the point of no package: every form off
	baseLen   int       // reform entries of the base, before the forms
}

// form is one form a candidate entry may take: an entry of the template.
type form struct {
	reform   int  // index in the template's schedule
	coverage int  // index in the entry's Coverage
	mask     int  // which of Choose it brings, bit i for Choose[i]
	trigger  bool // with the entry's trigger
	// places in the point of its keys; −1 when fixed
	start, intensity, ramp, fraction, threshold int
}

// entrySlots are the decisions of one entry: their indices, −1 for none.
type entrySlots struct {
	sw, coverage, trigger                       int
	choose                                      []int
	start, ramp, intensity, fraction, threshold int
}

// Keys and defaults of an optimisation file.
var (
	optimiseKeys   = []string{"name", "description", "scenario", "months", "window", "replicates", "seed", "population", "generations", "set", "entry", "param", "objective", "constraint"}
	entryKeys      = []string{"kind", "switch", "start", "ramp", "intensity", "coverage", "fraction", "separations", "choose", "trigger", "threshold", "trigger_window", "trigger_after", "trigger_switch"}
	policyKeys     = []string{"key", "range", "values"}
	objectiveKeys  = []string{"name", "what", "metric", "per", "from", "to", "at", "district", "goal"}
	constraintKeys = []string{"name", "what", "metric", "per", "from", "to", "at", "district", "max", "min"}
	goals          = []string{table.Maximise, table.Minimise}
)

// Defaults and bounds of an optimisation.
const (
	DefaultPopulation     = 40
	DefaultOptGenerations = 10
	DefaultOptReplicates  = 2
	MaxPopulation         = 100_000
	MaxGenerations        = 10_000
	// MaxObjectives bounds the objectives: the exact hypervolume of a
	// front takes time that grows as its size to the power objectives − 1.
	MaxObjectives = 4
	// MaxForms bounds the template's entries (forms of every candidate
	// entry): a unit keeps a little state for each in every run.
	MaxForms = 500
	// defaultWindowMonths is the default window: the last year.
	defaultWindowMonths = 12
)

// LoadOptimisation reads and parses an optimisation file. Scenario paths
// are relative to it.
func LoadOptimisation(path string) (*Optimisation, error) {
	l := osLoader()
	data, err := l.readFile(path, table.MaxTOMLBytes)
	if err != nil {
		return nil, &InputError{File: path, Msg: "cannot read the optimisation file: " + reason(err)}
	}
	return l.parseOptimisation(path, data, filepath.Dir(path))
}

// ParseOptimisation parses an optimisation file's content. name stands
// for the file in errors; dir resolves a relative scenario path.
func ParseOptimisation(name string, data []byte, dir string) (*Optimisation, error) {
	return osLoader().parseOptimisation(name, data, dir)
}

func (l loader) parseOptimisation(name string, data []byte, dir string) (*Optimisation, error) {
	if err := checkNesting(name, data); err != nil {
		return nil, err
	}
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &InputError{File: name, Line: pe.Position.Line, Key: pe.LastKey, Msg: "TOML syntax: " + pe.Message}
		}
		return nil, &InputError{File: name, Msg: "TOML: " + err.Error()}
	}
	d := &sweepDecoder{file: name, lines: findLines(data)}
	o := &Optimisation{File: name, Population: DefaultPopulation, Generations: DefaultOptGenerations, Replicates: DefaultOptReplicates,
		Seed: defaultSweepSeed, lines: d.lines, baseAt: "scenario"}
	base := Reference
	var entries, params, objectives, constraints []any
	tables := func(k string, v any, dst *[]any) {
		var ok bool
		if *dst, ok = tableEntries(v); !ok {
			d.fail(k, fmt.Sprintf("want [[%s]] tables, got %s", k, sim.TypeName(v)))
		}
	}
	for _, k := range sortedKeys(raw) {
		v := raw[k]
		switch k {
		case "name":
			o.Name, _ = d.str(k, v, "any text")
		case "description":
			o.Description, _ = d.str(k, v, "any text")
		case "scenario":
			if s, ok := d.str(k, v, strings.Join(Embedded(), " | ")+", or a path to a .toml file"); ok && s != "" {
				base = s
			} else if ok {
				d.fail(k, "empty; allowed "+strings.Join(Embedded(), " | ")+", or a path to a .toml file")
			}
		case "months":
			n, _ := d.integer(k, v, 1, 1200)
			o.Months = int(n)
		case "window":
			o.Window = d.window(k, v)
		case "seed":
			if n, ok := d.integer(k, v, 0, math.MaxInt64); ok {
				o.Seed = uint64(n)
			}
		case "population":
			if n, ok := d.integer(k, v, 4, MaxPopulation); ok {
				if n%4 != 0 {
					d.fail(k, fmt.Sprintf("%d is not a multiple of 4; allowed a multiple of 4 from 4 to %d (each round of NSGA-II's tournaments pairs four parents into two children)", n, MaxPopulation))
				}
				o.Population = int(n)
			}
		case "generations":
			if n, ok := d.integer(k, v, 1, MaxGenerations); ok {
				o.Generations = int(n)
			}
		case "replicates":
			if n, ok := d.integer(k, v, 1, 1000); ok {
				o.Replicates = int(n)
			}
		case "set":
			o.Set = d.setList(v)
		case "entry":
			tables(k, v, &entries)
		case "param":
			tables(k, v, &params)
		case "objective":
			tables(k, v, &objectives)
		case "constraint":
			tables(k, v, &constraints)
		default:
			msg := fmt.Sprintf("unknown key %q", k)
			if s := closest(k, optimiseKeys); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			d.fail(k, msg+"; allowed "+strings.Join(optimiseKeys, ", "))
		}
	}
	for i, e := range entries {
		d.candidateEntry(o, "entry["+strconv.Itoa(i)+"]", e)
	}
	seenParam := map[string]string{}
	for i, e := range params {
		d.policyParam(o, "param["+strconv.Itoa(i)+"]", e, seenParam)
	}
	if len(entries) == 0 && len(params) == 0 {
		d.fail("entry", "no [[entry]] or [[param]] tables: nothing to decide; allowed [[entry]] tables (kind = \"zhengjing\", start = [0, 48], ...) and [[param]] tables (key = \"reform.org_grant\", range = [100000, 500000])")
	}
	seen := map[string]string{}
	for i, e := range objectives {
		at := "objective[" + strconv.Itoa(i) + "]"
		d.objective(o, at, e, seen)
	}
	switch {
	case len(objectives) == 0:
		d.fail("objective", "no [[objective]] tables: an optimisation needs at least one (metric = \"composite_index\", goal = \"max\")")
	case len(objectives) > MaxObjectives:
		d.fail("objective", fmt.Sprintf("%d objectives; allowed 1 to %d (the front's hypervolume takes time that grows with each one; fold others into constraints)", len(objectives), MaxObjectives))
	}
	for i, e := range constraints {
		at := "constraint[" + strconv.Itoa(i) + "]"
		d.constraint(o, at, e, seen)
	}
	if err := d.first(); err != nil {
		return nil, err
	}
	sc, err := l.loadScenarioRef(name, o.lines, o.baseAt, base, dir)
	if err != nil {
		return nil, err
	}
	o.Base = sc
	if o.Name == "" {
		o.Name = strings.TrimSuffix(filepath.Base(name), ".toml")
	}
	return o, nil
}

// window reads window = [from, to].
func (d *sweepDecoder) window(k string, v any) [2]int {
	arr, ok := v.([]any)
	if !ok || len(arr) != 2 {
		d.fail(k, fmt.Sprintf("want [from, to], got %s; allowed two months, from < to, as in [48, 60] (the months 48 ≤ m < 60)", describe(v)))
		return [2]int{}
	}
	var w [2]int
	for i, e := range arr {
		n, ok := d.integer(k, e, 0, 1200)
		if !ok {
			return [2]int{}
		}
		w[i] = int(n)
	}
	if w[1] <= w[0] {
		d.fail(k, fmt.Sprintf("[%d, %d] is empty or inverted; allowed [from, to] with from < to (the months from ≤ m < to)", w[0], w[1]))
		return [2]int{}
	}
	return w
}

// describe names a decoded value for a message: its type, or an empty
// list.
func describe(v any) string {
	if a, ok := v.([]any); ok {
		return fmt.Sprintf("a list of %d", len(a))
	}
	return sim.TypeName(v)
}

// rangeOf reads a key that is a number (fixed) or [lo, hi] (a decision),
// each value within p's allowed range (whole for an integer key).
func (d *sweepDecoder) rangeOf(path string, v any, p sim.Param) (Range, bool) {
	one := func(e any) (float64, bool) {
		x, ok := d.number(path, e)
		if !ok {
			return 0, false
		}
		var pv any = x
		if p.Kind == "int" {
			if x != math.Trunc(x) {
				d.fail(path, fmt.Sprintf("%s is not a whole number; allowed %s", fmtF(x), p.Range()))
				return 0, false
			}
			pv = int64(x)
		}
		if _, err := p.Check(pv); err != nil {
			d.fail(path, fmt.Sprintf("%s is out of range: allowed %s", fmtF(x), p.Range()))
			return 0, false
		}
		return x, true
	}
	arr, isArr := v.([]any)
	if !isArr {
		x, ok := one(v)
		return fixed(x), ok
	}
	if len(arr) != 2 {
		d.fail(path, fmt.Sprintf("a list of %d is not a range; allowed a number (fixed) or [lo, hi] with lo < hi within %s (a decision)", len(arr), p.Range()))
		return Range{}, false
	}
	lo, ok1 := one(arr[0])
	hi, ok2 := one(arr[1])
	if !ok1 || !ok2 {
		return Range{}, false
	}
	switch {
	case lo > hi:
		d.fail(path, fmt.Sprintf("[%s, %s] is inverted; allowed [lo, hi] with lo < hi", fmtF(lo), fmtF(hi)))
		return Range{}, false
	case lo == hi:
		d.fail(path, fmt.Sprintf("[%s, %s] is a range of one value; allowed [lo, hi] with lo < hi (a decision), or the number alone (fixed)", fmtF(lo), fmtF(hi)))
		return Range{}, false
	}
	return Range{lo, hi}, true
}

// names reads a list of names from allowed, each once.
func (d *sweepDecoder) names(path string, v any, allowed []string) ([]string, bool) {
	arr, ok := v.([]any)
	if !ok {
		d.fail(path, fmt.Sprintf("want a list of names, got %s; allowed %s", sim.TypeName(v), strings.Join(allowed, ", ")))
		return nil, false
	}
	out := []string{}
	for _, e := range arr {
		s, ok := e.(string)
		switch {
		case !ok:
			d.fail(path, fmt.Sprintf("want names, got %s in the list; allowed %s", sim.TypeName(e), strings.Join(allowed, ", ")))
			return nil, false
		case !slices.Contains(allowed, s):
			msg := fmt.Sprintf("%q is not allowed", s)
			if c := closest(s, allowed); c != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", c)
			}
			d.fail(path, msg+"; allowed "+strings.Join(allowed, ", "))
			return nil, false
		case slices.Contains(out, s):
			d.fail(path, fmt.Sprintf("%q is listed twice; allowed each once", s))
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// entryParam is the parameter of one key of a schedule entry, for its
// allowed range.
func entryParam(name string) sim.Param {
	p, ok := sim.Lookup("reforms[0]." + name)
	if !ok {
		panic("scenarios: no schedule entry key " + name) // the keys are sim's, named here
	}
	return p
}

// candidateEntry reads one [[entry]]: its decisions, then the entry with
// every decision at its first value, read by sim.DecodeReform as any
// [[reforms]] entry is, so that it is refused with the same words.
func (d *sweepDecoder) candidateEntry(o *Optimisation, at string, v any) {
	m, ok := v.(map[string]any)
	if !ok {
		d.fail(at, fmt.Sprintf("want a table with the keys %s, got %s", strings.Join(entryKeys, ", "), sim.TypeName(v)))
		return
	}
	bad := false
	failf := func(key, format string, a ...any) {
		d.fail(at+"."+key, fmt.Sprintf(format, a...))
		bad = true
	}
	for _, k := range sortedKeys(m) {
		if slices.Contains(entryKeys, k) {
			continue
		}
		msg := fmt.Sprintf("unknown key %q in [[entry]]", k)
		if k == "end" {
			msg = "end is not a key of [[entry]]: a package's reforms are not reversed"
		} else if c := closest(k, entryKeys); c != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", c)
		}
		failf(k, "%s; allowed %s", msg, strings.Join(entryKeys, ", "))
	}
	if bad {
		return
	}
	var e CandidateEntry
	flag := func(k string) bool {
		x, ok := m[k]
		if !ok {
			return false
		}
		b, isB := x.(bool)
		if !isB {
			failf(k, "want true or false, got %s", sim.TypeName(x))
		}
		return b
	}
	e.Switch, e.TriggerSwitch = flag("switch"), flag("trigger_switch")
	// What DecodeReform reads: the fixed keys as they are, each decision
	// at its first value.
	plain := map[string]any{}
	ranges := map[string]*Range{"start": &e.Start, "ramp": &e.Ramp, "intensity": &e.Intensity, "fraction": &e.Fraction, "threshold": &e.Threshold}
	for _, k := range []string{"kind", "start", "ramp", "intensity", "coverage", "fraction", "separations", "trigger", "threshold", "trigger_window", "trigger_after"} {
		x, ok := m[k]
		if !ok {
			continue
		}
		switch k {
		case "start", "ramp", "intensity", "fraction", "threshold":
			r, ok := d.rangeOf(at+"."+k, x, entryParam(k))
			if !ok {
				bad = true
				continue
			}
			*ranges[k] = r
			plain[k] = r.Lo
			if entryParam(k).Kind == "int" {
				plain[k] = int64(r.Lo)
			}
		case "coverage":
			if list, isList := x.([]any); isList {
				cov, ok := d.names(at+".coverage", list, entryParam("coverage").Enum)
				switch {
				case !ok:
					bad = true
					continue
				case len(cov) == 0:
					failf("coverage", "[] is empty; allowed %s, or a list of them (a decision)", entryParam("coverage").Range())
					continue
				}
				e.Coverage = cov
				// The pilot's fraction is checked on the pilot form.
				plain[k] = cov[0]
				if slices.Contains(cov, "pilot") {
					plain[k] = "pilot"
				}
			} else {
				plain[k] = x
			}
		default:
			plain[k] = x
		}
	}
	if x, ok := m["choose"]; ok {
		if e.Choose, ok = d.names(at+".choose", x, sim.SeparationNames()); !ok {
			bad = true
		} else if len(e.Choose) == 0 {
			failf("choose", "[] is empty; allowed a list of the separations each package may bring or not: %s", strings.Join(sim.SeparationNames(), ", "))
		}
	}
	if _, hasStart := m["start"]; !hasStart {
		if _, hasTrig := m["trigger"]; hasTrig {
			plain["start"] = int64(0) // a triggered entry may fire from the first month
		}
	}
	if bad {
		return
	}
	r, problems := sim.DecodeReform(plain)
	for _, p := range problems {
		key := p.Key
		if key == "" {
			d.fail(at, p.Msg)
		} else {
			failf(key, "%s", p.Msg)
		}
	}
	if len(problems) > 0 {
		return
	}
	e.Kind = r.Kind
	if _, given := m["start"]; !given {
		e.Start = fixed(float64(r.Start))
	}
	for k, dst := range ranges {
		if _, given := m[k]; !given && k != "start" {
			x, _ := r.Value(k)
			switch x := x.(type) {
			case int:
				*dst = fixed(float64(x))
			case float64:
				*dst = fixed(x)
			}
		}
	}
	if e.Coverage == nil {
		e.Coverage = []string{r.Coverage}
	}
	e.Trigger, e.TriggerWindow, e.TriggerAfter = r.Trigger, r.TriggerWindow, r.TriggerAfter
	if _, given := m["threshold"]; !given && r.Trigger != "" {
		e.Threshold = fixed(r.Threshold) // a number written in the trigger
	}
	kind, _ := sim.KindOf(r.Kind)
	if len(e.Choose) > 0 && !kind.Kind().AllowsSeparations {
		failf("choose", "%s (%s) brings none of 政经分离's separations; allowed no choose key", kind.Kind().LabelZH, r.Kind)
		return
	}
	for _, s := range e.Choose {
		if _, given := m["separations"]; given && slices.Contains(r.Separations, s) {
			failf("choose", "%q is in separations too: an entry brings it always (separations) or as a decision (choose), not both", s)
			return
		}
	}
	e.Separations = slices.DeleteFunc(slices.Clone(r.Separations), func(s string) bool { return slices.Contains(e.Choose, s) })
	switch {
	case e.TriggerSwitch && e.Trigger == "":
		failf("trigger_switch", "the entry has no trigger to switch; allowed with trigger = \"metric > ...\"")
		return
	case e.Trigger == "" && !e.Threshold.Fixed():
		failf("threshold", "a threshold range without a trigger decides nothing; allowed with trigger = \"metric > ...\"")
		return
	case !slices.Contains(e.Coverage, "pilot") && !e.Fraction.Fixed():
		failf("fraction", "a fraction range decides nothing without coverage \"pilot\"; allowed with coverage = \"pilot\" or a list holding it")
		return
	}
	if slices.Contains(e.Coverage, "pilot") && !(e.Fraction.Lo > 0) {
		failf("fraction", "a pilot covers a share of units above 0; allowed fraction in (0, 1], or a range [lo, hi] with lo > 0")
		return
	}
	o.Entries = append(o.Entries, e)
	o.entryAt = append(o.entryAt, at)
}

// policyParam reads one [[param]].
func (d *sweepDecoder) policyParam(o *Optimisation, at string, v any, seen map[string]string) {
	m, ok := v.(map[string]any)
	if !ok {
		d.fail(at, fmt.Sprintf("want a table with the keys %s, got %s", strings.Join(policyKeys, ", "), sim.TypeName(v)))
		return
	}
	for _, k := range sortedKeys(m) {
		if !slices.Contains(policyKeys, k) {
			msg := fmt.Sprintf("unknown key %q in [[param]]", k)
			if c := closest(k, policyKeys); c != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", c)
			}
			d.fail(at+"."+k, msg+"; allowed "+strings.Join(policyKeys, ", "))
			return
		}
	}
	kv, ok := m["key"]
	if !ok {
		d.fail(at, "missing key = \"section.name\": the parameter to decide (see govsim params)")
		return
	}
	key, ok := kv.(string)
	if !ok {
		d.fail(at+".key", fmt.Sprintf("want a parameter key, got %s (see govsim params)", sim.TypeName(kv)))
		return
	}
	p, found := sim.Lookup(key)
	switch {
	case strings.HasPrefix(key, "reforms["):
		d.fail(at+".key", fmt.Sprintf("%s is a schedule entry's key; decide it in an [[entry]] table (start = [0, 48], ...)", key))
		return
	case !found:
		var keys []string
		for _, q := range sim.Params() {
			keys = append(keys, q.Key)
		}
		msg := fmt.Sprintf("unknown parameter %q", key)
		if c := closest(key, keys); c != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", c)
		}
		d.fail(at+".key", msg+"; allowed a numeric parameter key of govsim params, such as reform.org_grant")
		return
	case p.Kind != "float" && p.Kind != "int":
		d.fail(at+".key", fmt.Sprintf("%s is a text parameter; allowed numeric parameters (kind float or int in govsim params): run an optimisation for each of its values (set = [\"%s=...\"]) to compare them", key, key))
		return
	}
	if prev, dup := seen[key]; dup {
		d.fail(at+".key", fmt.Sprintf("%s is decided twice (also %s); allowed each parameter once", key, prev))
		return
	}
	seen[key] = at
	pp := PolicyParam{Param: p}
	rv, hasRange := m["range"]
	vv, hasValues := m["values"]
	switch {
	case hasRange && hasValues:
		d.fail(at+".values", "range and values are alternatives: an interval, or a list of values to choose among; remove one")
		return
	case hasRange:
		if _, isArr := rv.([]any); !isArr {
			d.fail(at+".range", fmt.Sprintf("want [lo, hi], got %s; allowed [lo, hi] with lo < hi within %s", sim.TypeName(rv), p.Range()))
			return
		}
		r, ok := d.rangeOf(at+".range", rv, p)
		if !ok {
			return
		}
		pp.Range = r
	case hasValues:
		arr, isArr := vv.([]any)
		if !isArr || len(arr) < 2 {
			d.fail(at+".values", fmt.Sprintf("want a list of at least two values, got %s; allowed values within %s", describe(vv), p.Range()))
			return
		}
		for _, e := range arr {
			r, ok := d.rangeOf(at+".values", e, p)
			if !ok {
				return
			}
			if slices.Contains(pp.Values, r.Lo) {
				d.fail(at+".values", fmt.Sprintf("%s is listed twice; allowed each value once", fmtF(r.Lo)))
				return
			}
			pp.Values = append(pp.Values, r.Lo)
		}
	default:
		d.fail(at, fmt.Sprintf("missing range = [lo, hi] or values = [...]: what %s may be; allowed within %s", key, p.Range()))
		return
	}
	o.Params = append(o.Params, pp)
	o.paramAt = append(o.paramAt, at)
}

// measure reads what an [[objective]] and a [[constraint]] share: the
// name, the metrics summed (over those of per), the window (windowed: the
// table gives its own) and district; Build sets the display unit and
// scale. ok is false after a problem.
func (d *sweepDecoder) measure(at string, v any, keys []string, seen map[string]string) (ms table.Measure, m map[string]any, windowed, ok bool) {
	kind := at[:strings.Index(at, "[")]
	m, ok = v.(map[string]any)
	if !ok {
		d.fail(at, fmt.Sprintf("want a table with the keys %s, got %s", strings.Join(keys, ", "), sim.TypeName(v)))
		return ms, nil, false, false
	}
	bad := false
	failf := func(key, format string, a ...any) {
		d.fail(at+"."+key, fmt.Sprintf(format, a...))
		bad = true
	}
	for _, k := range sortedKeys(m) {
		if !slices.Contains(keys, k) {
			msg := fmt.Sprintf("unknown key %q in [[%s]]", k, kind)
			if c := closest(k, keys); c != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", c)
			}
			failf(k, "%s; allowed %s", msg, strings.Join(keys, ", "))
		}
	}
	if bad {
		return ms, nil, false, false
	}
	metrics := sim.DistrictMetrics()
	text := func(k, allowed string) string {
		x, ok := m[k]
		if !ok {
			return ""
		}
		s, ok := d.str(at+"."+k, x, allowed)
		bad = bad || !ok
		return s
	}
	sum := func(k string) []string {
		s := text(k, "metric names joined by +, such as \"petitions_per_1000 + disputes_opened_per_1000\"")
		if _, given := m[k]; !given || bad {
			return nil
		}
		var out []string
		for _, name := range strings.Split(s, "+") {
			name = strings.TrimSpace(name)
			if !slices.Contains(metrics, name) {
				msg := fmt.Sprintf("unknown metric %q", name)
				if c := closest(name, metrics); c != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", c)
				}
				failf(k, "%s; allowed district metrics joined by + (govsim help metrics lists them)", msg)
				return nil
			}
			out = append(out, name)
		}
		return out
	}
	ms.Name = text("name", "an identifier: letters, digits and _")
	ms.What = text("what", "any text")
	ms.Metrics = sum("metric")
	ms.Per = sum("per")
	if _, ok := m["metric"]; !ok {
		failf("metric", "missing; allowed a district metric, or several joined by + (govsim help metrics lists them)")
	}
	if bad {
		return ms, nil, false, false
	}
	if ms.Name == "" && len(ms.Metrics) == 1 && len(ms.Per) == 0 {
		ms.Name = ms.Metrics[0]
	}
	if _, ok := m["name"]; ok && !targetName(ms.Name) {
		failf("name", "%q is not an identifier; allowed letters, digits and _ (at most 64)", ms.Name)
		return ms, nil, false, false
	}
	if ms.Name == "" {
		d.fail(at, "missing name = \"...\": a measure of several metrics needs a name (letters, digits and _)")
		return ms, nil, false, false
	}
	if prev, dup := seen[ms.Name]; dup {
		failf("name", "%q names two objectives or constraints (also %s); allowed each name once (name = \"...\")", ms.Name, prev)
		return ms, nil, false, false
	}
	// The metrics of a sum are shown in one unit, or adding them means
	// nothing.
	for k, part := range [][]string{ms.Metrics, ms.Per} {
		for _, name := range part[min(1, len(part)):] {
			a, _ := sim.MetricByName(part[0])
			b, _ := sim.MetricByName(name)
			if a.Display.Unit != b.Display.Unit || a.Display.Scale != b.Display.Scale {
				failf([]string{"metric", "per"}[k], "%s (%s) and %s (%s) are in different units; allowed a sum of metrics of one unit (govsim help metrics)", part[0], a.Display.Unit, name, b.Display.Unit)
			}
		}
	}
	if bad {
		return ms, nil, false, false
	}
	if x, ok := m["district"]; ok {
		b, isB := x.(bool)
		if !isB {
			failf("district", "want true or false, got %s", sim.TypeName(x))
			return ms, nil, false, false
		}
		ms.District = b
	}
	month := func(k string) (int, bool) {
		x, ok := m[k]
		if !ok {
			return 0, false
		}
		n, ok := d.integer(at+"."+k, x, 0, 1200)
		bad = bad || !ok
		return int(n), ok
	}
	from, hasFrom := month("from")
	to, hasTo := month("to")
	atM, hasAt := month("at")
	switch {
	case bad:
		return ms, nil, false, false
	case hasAt && (hasFrom || hasTo):
		failf("at", "at and from/to are alternatives: a value at one month, or the mean over months from ≤ m < to; remove one")
	case hasAt:
		ms.From, ms.To = atM, atM+1
	case hasFrom && hasTo:
		if to <= from {
			failf("to", "empty window: to = %d is not after from = %d; allowed from < to (the months from ≤ m < to)", to, from)
		}
		ms.From, ms.To = from, to
	case hasFrom || hasTo:
		failf("from", "give both from and to (the mean over months from ≤ m < to), or at, or neither (the file's window)")
	}
	if bad {
		return ms, nil, false, false
	}
	seen[ms.Name] = at
	return ms, m, hasAt || hasFrom, true
}

// objective reads one [[objective]]: a measure and its goal.
func (d *sweepDecoder) objective(o *Optimisation, at string, v any, seen map[string]string) {
	ms, m, windowed, ok := d.measure(at, v, objectiveKeys, seen)
	if !ok {
		return
	}
	g, given := m["goal"]
	goal, isStr := g.(string)
	switch {
	case !given:
		d.fail(at+".goal", "missing; allowed max (maximise) | min (minimise)")
		return
	case !isStr:
		d.fail(at+".goal", fmt.Sprintf("want a string, got %s; allowed max (maximise) | min (minimise)", sim.TypeName(g)))
		return
	case !slices.Contains(goals, goal):
		d.fail(at+".goal", fmt.Sprintf("unknown goal %q; allowed max (maximise) | min (minimise)", goal))
		return
	}
	o.Objectives = append(o.Objectives, table.Objective{Measure: ms, Goal: goal})
	o.measureAt = append(o.measureAt, at)
	o.windowed = append(o.windowed, windowed)
}

// constraint reads one [[constraint]]: a measure and its bound.
func (d *sweepDecoder) constraint(o *Optimisation, at string, v any, seen map[string]string) {
	ms, m, windowed, ok := d.measure(at, v, constraintKeys, seen)
	if !ok {
		return
	}
	c := table.Constraint{Measure: ms}
	_, hasMax := m["max"]
	_, hasMin := m["min"]
	switch {
	case hasMax && hasMin:
		d.fail(at+".min", "max and min are alternatives: a constraint is one bound; write two [[constraint]] tables (with names) for both")
		return
	case !hasMax && !hasMin:
		d.fail(at+".max", "missing bound; allowed max = a limit the value must not exceed, or min = one it must not fall below, in the metric's display unit (govsim help metrics)")
		return
	case hasMax:
		c.Bound = table.Maximise
	default:
		c.Bound = table.Minimise
	}
	if c.Limit, ok = d.number(at+"."+c.Bound, m[c.Bound]); !ok {
		return
	}
	o.Constraints = append(o.Constraints, c)
	o.measureAt = append(o.measureAt, at)
	o.windowed = append(o.windowed, windowed)
}

// loadScenarioRef loads a scenario a file names by key: an embedded name,
// or a path relative to dir.
func (l loader) loadScenarioRef(file string, lines keyLines, key, ref, dir string) (Scenario, error) {
	if isEmbeddedName(ref) {
		if !isEmbedded(ref) {
			return Scenario{}, unknownScenario(file, lines.line(key), key, ref)
		}
		return l.load(ref)
	}
	arg := ref
	if dir != "" && !filepath.IsAbs(ref) {
		arg = filepath.Join(dir, ref)
	}
	data, err := l.readFile(arg, table.MaxTOMLBytes)
	if err != nil {
		return Scenario{}, &InputError{File: file, Line: lines.line(key), Key: key,
			Msg: fmt.Sprintf("cannot read %q: %s; allowed %s, or a path to a .toml file relative to the file", arg, reason(err), strings.Join(Embedded(), " | "))}
	}
	return l.parse(fileSource(arg, filepath.Dir(arg)), data)
}

// OptimisationFlags are the command line's overrides of an optimisation
// file: a field given (its Has… true, or Months above 0) replaces the
// file's value, and Set applies -set KEY=VALUE to the base.
type OptimisationFlags struct {
	Population, Generations, Months, Replicates   int
	Seed                                          uint64
	HasPopulation, HasGenerations, HasSeed, HasRe bool
	Set                                           []string
}

// Override applies the flags, before Build.
func (o *Optimisation) Override(f OptimisationFlags) error {
	switch {
	case f.HasPopulation && (f.Population < 4 || f.Population > MaxPopulation || f.Population%4 != 0):
		return &InputError{File: "-population", Msg: fmt.Sprintf("%d is not allowed: allowed a multiple of 4 from 4 to %d (each round of NSGA-II's tournaments pairs four parents into two children)", f.Population, MaxPopulation)}
	case f.HasGenerations && (f.Generations < 1 || f.Generations > MaxGenerations):
		return &InputError{File: "-generations", Msg: fmt.Sprintf("%d is out of range: allowed 1 to %d (generation 0, the initial sample, counts)", f.Generations, MaxGenerations)}
	case f.HasRe && (f.Replicates < 1 || f.Replicates > 1000):
		return &InputError{File: "-replicates", Msg: fmt.Sprintf("%d is out of range: allowed 1 to 1000", f.Replicates)}
	}
	if f.HasPopulation {
		o.Population = f.Population
	}
	if f.HasGenerations {
		o.Generations = f.Generations
	}
	if f.HasSeed {
		o.Seed = f.Seed
	}
	if f.HasRe {
		o.Replicates = f.Replicates
	}
	if f.Months > 0 {
		o.Months = f.Months
	}
	o.Set = append(o.Set, f.Set...)
	return nil
}
