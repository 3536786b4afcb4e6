package scenarios

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/govsim/govsim/scenarios/design"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/experiment"
	"github.com/govsim/govsim/sim/table"
)

// Sweep files name scenarios, the parameters to vary and an experiment
// design; `govsim sweep` runs every (design point, scenario, replicate).
//
//	name = "lhs-example"
//	scenarios = ["baseline", "zhengjing"]
//	design = "lhs"          # grid | lhs | morris | saltelli | csv
//	samples = 20            # lhs: points; morris: trajectories; saltelli: base rows N
//	replicates = 2
//	seed = 1
//
//	[[factor]]
//	key = "economy.lambda0"
//	min = 0.2
//	max = 0.6
//
// ParseSweep checks every key, type and range, and the fit between design
// and factors, and reports bad input as an *InputError naming file, line and
// key; Build then makes the design points and checks every point against
// every scenario before anything runs.

// sweepExamples are the example sweep files `govsim sweep -example` prints.
//
//go:embed sweeps/*.toml
var sweepExamples embed.FS

// MaxSweepRuns bounds the runs of one sweep (points × scenarios ×
// replicates), so a typo in samples cannot plan a billion part files.
const MaxSweepRuns = table.MaxSweepRuns

// Sweep is a parsed sweep file. Flags may change Samples, Replicates, Seed,
// Months and Window before Build.
type Sweep struct {
	File        string // as given, for errors
	Name        string
	Description string
	Scenarios   []Scenario  // loaded and resolved, Months overridden when set
	Design      design.Kind // design.KindGrid, ...
	Samples     int         // 0: not set
	Levels      int         // morris p; 0: the factors' or the default
	Replicates  int
	Seed        uint64
	DesignSeed  uint64 // seeds the design's own sampling
	// HasDesignSeed says DesignSeed was given; otherwise it follows Seed.
	HasDesignSeed bool
	Seeds         string // experiment.SeedsCommon or experiment.SeedsPerPoint
	Months        int    // 0: each scenario's own
	Window        int    // months at the end summarised in results
	Points        string // csv design: the points file, relative paths resolved
	Factors       []design.Factor
	Params        []sim.Param // the parameter of each factor
	// Notes says what Build changed that was not asked for: a default
	// window shortened to fit the runs.
	Notes []string

	lines    keyLines
	set      map[string]bool // top-level keys the file sets
	factorAt []string        // "factor[i]" path of each factor, for lines
	largest  largestRun      // set by Build

	readFile func(string, int64) ([]byte, error)
}

// Sweep file keys and what they hold, for messages.
var sweepKeys = []string{"name", "description", "scenarios", "design", "samples", "levels", "replicates", "seed", "design_seed", "seeds", "months", "window", "points", "factor"}

var factorKeys = []string{"key", "dist", "min", "max", "mean", "sd", "values", "levels"}

var designKinds = func() []string {
	var out []string
	for _, k := range design.Kinds() {
		out = append(out, string(k))
	}
	return out
}()

var dists = []string{design.DistUniform, design.DistLogUniform, design.DistNormal, design.DistInt}

// Defaults of a sweep file.
const (
	defaultSweepReplicates = 1
	defaultSweepSeed       = 1
	defaultWindow          = 60
	maxReplicates          = 100000
)

// SweepExamples lists the kinds of the embedded example sweep files.
func SweepExamples() []string {
	entries, err := fs.ReadDir(sweepExamples, "sweeps")
	if err != nil {
		panic("scenarios: embedded sweeps missing: " + err.Error()) // cannot happen with go:embed
	}
	var out []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".toml"); ok {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// SweepExample returns the embedded example sweep file of a design kind.
func SweepExample(kind string) ([]byte, error) {
	b, err := sweepExamples.ReadFile("sweeps/" + kind + ".toml")
	if err != nil || strings.ContainsAny(kind, `/\.`) {
		return nil, fmt.Errorf("no example sweep %q; allowed %s", kind, strings.Join(SweepExamples(), " | "))
	}
	return b, nil
}

// LoadSweep reads and parses a sweep file. Scenario paths and the points
// file are relative to the sweep file.
func LoadSweep(path string) (*Sweep, error) {
	l := osLoader()
	data, err := l.readFile(path, table.MaxTOMLBytes)
	if err != nil {
		return nil, &InputError{File: path, Msg: "cannot read the sweep file: " + reason(err)}
	}
	return l.parseSweep(path, data, filepath.Dir(path))
}

// ParseSweep parses a sweep file's content. name stands for the file in
// errors; dir resolves relative paths in it.
func ParseSweep(name string, data []byte, dir string) (*Sweep, error) {
	return osLoader().parseSweep(name, data, dir)
}

// sweepDecoder collects the problems of one sweep file; the first in file
// order is reported, so fixing top to bottom works.
type sweepDecoder struct {
	file  string
	lines keyLines
	errs  []*InputError
}

func (d *sweepDecoder) fail(path, msg string) {
	d.errs = append(d.errs, &InputError{File: d.file, Line: d.lines.line(path), Key: path, Msg: msg})
}

func (d *sweepDecoder) first() error {
	if len(d.errs) == 0 {
		return nil
	}
	at := func(i int) int {
		if d.errs[i].Line == 0 {
			return math.MaxInt
		}
		return d.errs[i].Line
	}
	sort.SliceStable(d.errs, func(i, j int) bool { return at(i) < at(j) })
	return d.errs[0]
}

// str, integer and number read one value, recording a problem when its
// type is wrong; ok is false then.
func (d *sweepDecoder) str(path string, v any, allowed string) (string, bool) {
	s, ok := v.(string)
	if !ok {
		d.fail(path, fmt.Sprintf("want a string, got %s; allowed %s", sim.TypeName(v), allowed))
	}
	return s, ok
}

func (d *sweepDecoder) integer(path string, v any, lo, hi int64) (int64, bool) {
	n, ok := v.(int64)
	if !ok {
		if f, isF := v.(float64); isF && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
			n, ok = int64(f), true
		}
	}
	if !ok {
		d.fail(path, fmt.Sprintf("want an integer, got %s; allowed integer in [%d, %d]", sim.TypeName(v), lo, hi))
		return 0, false
	}
	if n < lo || n > hi {
		d.fail(path, fmt.Sprintf("%d is out of range: allowed integer in [%d, %d]", n, lo, hi))
		return 0, false
	}
	return n, true
}

func (d *sweepDecoder) number(path string, v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		if math.IsNaN(n) || math.IsInf(n, 0) {
			d.fail(path, fmt.Sprintf("%v is not a finite number; allowed a finite number", n))
			return 0, false
		}
		return n, true
	case int64:
		return float64(n), true
	}
	d.fail(path, fmt.Sprintf("want a number, got %s", sim.TypeName(v)))
	return 0, false
}

func (l loader) parseSweep(name string, data []byte, dir string) (*Sweep, error) {
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
	s := &Sweep{File: name, Replicates: defaultSweepReplicates, Seed: defaultSweepSeed, Seeds: experiment.SeedsCommon,
		Window: defaultWindow, lines: d.lines, set: map[string]bool{}, readFile: l.readFile}
	for k := range raw {
		s.set[k] = true
	}
	var scenarioRefs []string
	for _, k := range sortedKeys(raw) {
		v := raw[k]
		switch k {
		case "name":
			s.Name, _ = d.str(k, v, "any text")
		case "description":
			s.Description, _ = d.str(k, v, "any text")
		case "design":
			if x, ok := d.str(k, v, strings.Join(designKinds, " | ")); ok {
				if !slices.Contains(designKinds, x) {
					msg := fmt.Sprintf("unknown design %q", x)
					if c := closest(x, designKinds); c != "" {
						msg += fmt.Sprintf(" (did you mean %q?)", c)
					}
					d.fail(k, msg+"; allowed "+strings.Join(designKinds, " | "))
				} else {
					s.Design = design.Kind(x)
				}
			}
		case "samples":
			n, _ := d.integer(k, v, 1, design.MaxRuns)
			s.Samples = int(n)
		case "levels":
			n, _ := d.integer(k, v, 2, 1000)
			s.Levels = int(n)
		case "replicates":
			if n, ok := d.integer(k, v, 1, maxReplicates); ok {
				s.Replicates = int(n)
			}
		case "seed":
			if n, ok := d.integer(k, v, 0, math.MaxInt64); ok {
				s.Seed = uint64(n)
			}
		case "design_seed":
			if n, ok := d.integer(k, v, 0, math.MaxInt64); ok {
				s.DesignSeed, s.HasDesignSeed = uint64(n), true
			}
		case "seeds":
			modes := experiment.SeedsCommon + " | " + experiment.SeedsPerPoint
			if x, ok := d.str(k, v, modes); ok {
				if x != experiment.SeedsCommon && x != experiment.SeedsPerPoint {
					d.fail(k, fmt.Sprintf("%q is not allowed; allowed %s", x, modes))
				} else {
					s.Seeds = x
				}
			}
		case "months":
			n, _ := d.integer(k, v, 1, 1200)
			s.Months = int(n)
		case "window":
			if n, ok := d.integer(k, v, 1, 1200); ok {
				s.Window = int(n)
			}
		case "points":
			if x, ok := d.str(k, v, "a path to a CSV file, relative to the sweep file"); ok {
				if x == "" {
					d.fail(k, "empty path; allowed a path to a CSV file, relative to the sweep file")
				} else {
					s.Points = x
					if dir != "" && !filepath.IsAbs(x) {
						s.Points = filepath.Join(dir, x)
					}
				}
			}
		case "scenarios":
			scenarioRefs = d.scenarioList(v)
		case "factor", "factors":
			if k == "factors" {
				d.fail(k, `unknown key "factors" (did you mean "factor"?); write each factor as a [[factor]] table`)
				continue
			}
			d.factors(s, v)
		default:
			msg := fmt.Sprintf("unknown key %q", k)
			if c := closest(k, sweepKeys); c != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", c)
			}
			d.fail(k, msg+"; allowed "+strings.Join(sweepKeys, ", "))
		}
	}
	if _, ok := raw["design"]; !ok {
		d.fail("design", "missing; allowed design = "+strings.Join(designKinds, " | "))
	}
	if _, ok := raw["factor"]; !ok {
		d.fail("factor", "no [[factor]] tables: a sweep varies at least one parameter (key = \"economy.lambda0\", min = 0.2, max = 0.6)")
	}
	if err := d.first(); err != nil {
		return nil, err
	}
	if err := s.checkDesign(); err != nil {
		return nil, err
	}
	if len(scenarioRefs) == 0 {
		scenarioRefs = []string{"baseline"}
	}
	if err := l.loadSweepScenarios(s, scenarioRefs, dir); err != nil {
		return nil, err
	}
	if err := s.checkEntries(); err != nil {
		return nil, err
	}
	if s.Name == "" {
		s.Name = strings.TrimSuffix(filepath.Base(name), ".toml")
	}
	return s, nil
}

// scenarioList reads scenarios = ["baseline", "my.toml"].
func (d *sweepDecoder) scenarioList(v any) []string {
	arr, ok := v.([]any)
	if !ok {
		d.fail("scenarios", fmt.Sprintf("want a list of scenario names or files, got %s; allowed for example [\"baseline\", \"zhengjing\"]", sim.TypeName(v)))
		return nil
	}
	if len(arr) == 0 {
		d.fail("scenarios", "empty list; allowed one or more of "+strings.Join(Embedded(), " | ")+", or paths to .toml files")
		return nil
	}
	var out []string
	for i, e := range arr {
		at := "scenarios[" + strconv.Itoa(i) + "]"
		s, ok := e.(string)
		if !ok || s == "" {
			d.fail(at, fmt.Sprintf("want a scenario name or file, got %s; allowed %s, or a path to a .toml file", typeNameOrEmpty(e), strings.Join(Embedded(), " | ")))
			continue
		}
		out = append(out, s)
	}
	return out
}

func typeNameOrEmpty(v any) string {
	if s, ok := v.(string); ok && s == "" {
		return "an empty string"
	}
	return sim.TypeName(v)
}

// factors reads the [[factor]] tables.
func (d *sweepDecoder) factors(s *Sweep, v any) {
	entries, ok := tableEntries(v)
	if !ok {
		d.fail("factor", fmt.Sprintf("want [[factor]] tables, got %s", sim.TypeName(v)))
		return
	}
	if len(entries) == 0 {
		d.fail("factor", "empty list: a sweep varies at least one parameter")
		return
	}
	params := sim.Params()
	var paramKeys []string
	for _, p := range params {
		paramKeys = append(paramKeys, p.Key)
	}
	seen := map[string]string{}
	for i, e := range entries {
		at := "factor[" + strconv.Itoa(i) + "]"
		m, ok := e.(map[string]any)
		if !ok {
			d.fail(at, fmt.Sprintf("want a table with the keys %s, got %s", strings.Join(factorKeys, ", "), sim.TypeName(e)))
			continue
		}
		f, p, ok := d.factor(at, m, params, paramKeys)
		if !ok {
			continue
		}
		if prev, dup := seen[f.Key]; dup {
			d.fail(at+".key", fmt.Sprintf("%s is varied twice (also in %s); allowed each parameter once", f.Key, prev))
			continue
		}
		seen[f.Key] = at
		s.Factors = append(s.Factors, f)
		s.Params = append(s.Params, p)
		s.factorAt = append(s.factorAt, at)
	}
}

// factor checks one [[factor]] table on its own.
func (d *sweepDecoder) factor(at string, m map[string]any, params []sim.Param, paramKeys []string) (design.Factor, sim.Param, bool) {
	var f design.Factor
	bad := false
	failf := func(key, format string, a ...any) {
		d.fail(at+"."+key, fmt.Sprintf(format, a...))
		bad = true
	}
	for _, k := range sortedKeys(m) {
		if !slices.Contains(factorKeys, k) {
			msg := fmt.Sprintf("unknown key %q in [[factor]]", k)
			if c := closest(k, factorKeys); c != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", c)
			}
			failf(k, "%s; allowed %s", msg, strings.Join(factorKeys, ", "))
		}
	}
	kv, ok := m["key"]
	if !ok {
		d.fail(at, "missing key = \"section.name\": the parameter to vary (see govsim params)")
		return f, sim.Param{}, false
	}
	key, ok := kv.(string)
	if !ok {
		d.fail(at+".key", fmt.Sprintf("want a parameter key, got %s (see govsim params)", sim.TypeName(kv)))
		return f, sim.Param{}, false
	}
	// A schedule entry's keys are parameters too: reforms[1].start.
	p, found := sim.Lookup(key)
	if !found {
		msg := fmt.Sprintf("unknown parameter %q", key)
		if c := closest(key, paramKeys); c != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", c)
		}
		d.fail(at+".key", msg+"; allowed a numeric parameter key of govsim params, such as economy.lambda0, or a [[reforms]] entry's key such as reforms[0].start")
		return f, sim.Param{}, false
	}
	if p.Kind == "string" || p.Kind == "list" {
		d.fail(at+".key", fmt.Sprintf("%s is a text parameter and cannot be varied; allowed numeric parameters (kind float or int in govsim params; start, end, ramp, intensity and fraction of a [[reforms]] entry)", key))
		return f, sim.Param{}, false
	}
	f.Key = key
	num := func(k string) (float64, bool) {
		v, ok := m[k]
		if !ok {
			return 0, false
		}
		x, ok := d.number(at+"."+k, v)
		if !ok {
			bad = true
		}
		return x, ok
	}
	inRange := func(k string, x float64) {
		var v any = x
		if p.Kind == "int" && x == math.Trunc(x) {
			v = int64(x)
		}
		if _, err := p.Check(v); err != nil {
			failf(k, "%s", withAllowed(err.Error(), p))
		}
	}
	if dv, ok := m["dist"]; ok {
		if s, ok := d.str(at+".dist", dv, strings.Join(dists, " | ")); !ok {
			bad = true
		} else if !slices.Contains(dists, s) {
			msg := fmt.Sprintf("unknown dist %q", s)
			if c := closest(s, dists); c != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", c)
			}
			failf("dist", "%s; allowed %s", msg, strings.Join(dists, " | "))
		} else {
			f.Dist = s
		}
	}
	if lv, ok := m["levels"]; ok {
		n, ok := d.integer(at+".levels", lv, 2, 1000)
		bad = bad || !ok
		f.Levels = int(n)
	}
	if vv, ok := m["values"]; ok {
		arr, isArr := vv.([]any)
		switch {
		case !isArr:
			failf("values", "want a list of numbers, got %s", sim.TypeName(vv))
		case len(arr) == 0:
			failf("values", "empty list; allowed one or more values of %s, %s", key, p.Range())
		}
		seenV := map[float64]bool{}
		for j, e := range arr {
			x, ok := d.number(at+".values", e)
			if !ok {
				bad = true
				continue
			}
			if seenV[x] {
				failf("values", "%s appears twice (values[%d]); allowed each value once", strconv.FormatFloat(x, 'g', -1, 64), j)
				continue
			}
			seenV[x] = true
			inRange("values", x)
			f.Values = append(f.Values, x)
		}
		for _, k := range []string{"min", "max", "mean", "sd", "dist"} {
			if _, ok := m[k]; ok {
				failf(k, "values and %s are alternatives: a factor is either a list of values or a range; remove one", k)
			}
		}
		return f, p, !bad
	}
	lo, hasLo := num("min")
	hi, hasHi := num("max")
	if !hasLo && !bad {
		failf("min", "missing; a range factor needs min and max (or values = [...]); allowed %s", p.Range())
	}
	if !hasHi && !bad {
		failf("max", "missing; a range factor needs min and max (or values = [...]); allowed %s", p.Range())
	}
	if bad {
		return f, p, false
	}
	f.Min, f.Max = lo, hi
	inRange("min", lo)
	inRange("max", hi)
	if !(lo < hi) {
		failf("max", "empty range: min = %s is not below max = %s; allowed min < max", fmtF(lo), fmtF(hi))
	}
	if f.Dist == "" && p.Kind == "int" {
		// Integer parameters take integer values; this is the only
		// distribution that gives them.
		f.Dist = design.DistInt
	}
	if p.Kind == "int" && f.Dist != design.DistInt {
		failf("dist", "%s is an integer parameter; allowed dist = \"int\" (or values = [...])", key)
	}
	mean, hasMean := num("mean")
	sd, hasSD := num("sd")
	if f.Dist == design.DistNormal {
		if !hasMean {
			failf("mean", "missing; dist = \"normal\" needs mean and sd")
		}
		if !hasSD {
			failf("sd", "missing; dist = \"normal\" needs mean and sd")
		} else if !(sd > 0) {
			failf("sd", "%s is not above 0; allowed sd > 0", fmtF(sd))
		}
		f.Mean, f.SD = mean, sd
	} else {
		for _, k := range []string{"mean", "sd"} {
			if _, ok := m[k]; ok {
				failf(k, "only dist = \"normal\" takes %s; allowed here: key, dist, min, max, levels", k)
			}
		}
	}
	if f.Dist == design.DistLogUniform && lo <= 0 {
		failf("min", "dist = \"loguniform\" needs min > 0, got %s", fmtF(lo))
	}
	if f.Dist == design.DistInt && math.Ceil(lo) >= math.Floor(hi) {
		failf("max", "dist = \"int\" needs at least two integers in [%s, %s]", fmtF(lo), fmtF(hi))
	}
	return f, p, !bad
}

func fmtF(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// checkDesign checks what the design needs of the file's keys and factors.
func (s *Sweep) checkDesign() error {
	fail := func(path, format string, a ...any) error {
		return &InputError{File: s.File, Line: s.lines.line(path), Key: path, Msg: fmt.Sprintf(format, a...)}
	}
	hasSamples, hasLevels := s.set["samples"], s.set["levels"]
	switch s.Design {
	case design.KindGrid:
		if hasSamples {
			return fail("samples", "a grid runs every combination of levels and takes no samples; set levels per factor (default 5) or values = [...]")
		}
	case design.KindCSV:
		if hasSamples {
			return fail("samples", "a csv design runs the points in its file and takes no samples")
		}
		if s.Points == "" {
			return &InputError{File: s.File, Line: s.lines.line("design"), Key: "points",
				Msg: "missing; design = \"csv\" needs points = \"FILE.csv\" (first row: the factor keys)"}
		}
	}
	if s.Design != design.KindCSV && s.Points != "" {
		return fail("points", "only design = \"csv\" reads points from a file; remove points or set design = \"csv\"")
	}
	if hasLevels && s.Design != design.KindMorris {
		return fail("levels", "only design = \"morris\" takes levels at the top level (the grid's levels go in each [[factor]])")
	}
	if s.Design == design.KindMorris && s.Levels%2 != 0 {
		return fail("levels", "%d is odd; Morris needs an even number of levels p >= 2 so that each step Δ = p/(2(p−1)) pairs lower and upper levels", s.Levels)
	}
	for i, f := range s.Factors {
		at := s.factorAt[i]
		switch {
		case len(f.Values) > 0 && s.Design.Sampled():
			return fail(at+".values", "%s: design = %q samples ranges and cannot use a list; give min and max (and dist), or use design = \"grid\"", f.Key, s.Design)
		case f.Levels != 0 && s.Design != design.KindGrid && s.Design != design.KindMorris:
			return fail(at+".levels", "%s: design = %q takes no levels per factor (only grid and morris do)", f.Key, s.Design)
		case f.Levels != 0 && s.Design == design.KindMorris && f.Levels%2 != 0:
			return fail(at+".levels", "%s: %d is odd; Morris needs an even number of levels p >= 2", f.Key, f.Levels)
		case f.Levels != 0 && s.Design == design.KindMorris && s.Levels != 0 && f.Levels != s.Levels:
			return fail(at+".levels", "%s: levels = %d differs from the sweep's levels = %d; Morris uses one p for all factors", f.Key, f.Levels, s.Levels)
		}
	}
	return nil
}

// checkEntries checks that every scenario has the [[reforms]] entry each
// reforms[i].key factor names.
func (s *Sweep) checkEntries() error {
	for i, p := range s.Params {
		if p.Entry < 0 {
			continue
		}
		for _, sc := range s.Scenarios {
			n := len(sc.Config.Reforms)
			if p.Entry < n {
				continue
			}
			entries, allowed := fmt.Sprintf("%d [[reforms]] entries", n), "no reforms[i] key: it schedules no reform"
			switch n {
			case 0:
			case 1:
				entries, allowed = "1 [[reforms]] entry", "reforms[0]."+p.Name
			default:
				allowed = fmt.Sprintf("reforms[0].%s to reforms[%d].%s", p.Name, n-1, p.Name)
			}
			path := s.factorAt[i] + ".key"
			return &InputError{File: s.File, Line: s.lines.line(path), Key: path,
				Msg: fmt.Sprintf("%s: scenario %s has %s; allowed %s", p.Key, sc.Name, entries, allowed)}
		}
	}
	return nil
}

// loadSweepScenarios loads the scenarios a sweep names, relative to the
// sweep file.
func (l loader) loadSweepScenarios(s *Sweep, refs []string, dir string) error {
	seen := map[string]int{}
	for i, ref := range refs {
		at := "scenarios[" + strconv.Itoa(i) + "]"
		arg := ref
		if !isEmbeddedName(ref) && dir != "" && !filepath.IsAbs(ref) {
			arg = filepath.Join(dir, ref)
		}
		var sc Scenario
		var err error
		if isEmbeddedName(ref) {
			if !isEmbedded(ref) {
				return unknownScenario(s.File, s.lines.line(at), "scenarios", ref)
			}
			sc, err = l.load(ref)
		} else {
			data, rerr := l.readFile(arg, table.MaxTOMLBytes)
			if rerr != nil {
				return &InputError{File: s.File, Line: s.lines.line(at), Key: "scenarios",
					Msg: fmt.Sprintf("cannot read %q: %s; allowed %s, or a path to a .toml file relative to the sweep file", arg, reason(rerr), strings.Join(Embedded(), " | "))}
			}
			sc, err = l.parse(fileSource(arg, filepath.Dir(arg)), data)
		}
		if err != nil {
			return err
		}
		if j, dup := seen[sc.Name]; dup {
			return &InputError{File: s.File, Line: s.lines.line(at), Key: "scenarios",
				Msg: fmt.Sprintf("scenario name %q is given twice (%s and %s); names must differ", sc.Name, refs[j], ref)}
		}
		seen[sc.Name] = i
		s.Scenarios = append(s.Scenarios, sc)
	}
	return nil
}
