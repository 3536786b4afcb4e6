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
	"github.com/govsim/govsim/scenarios/design"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/table"
)

// Calibration files name the figures a calibration fits (targets), the
// parameters it calibrates (priors) and how: `govsim calibrate` turns them
// into a posterior by ABC-SMC.
//
//	name = "nanhai-p0"
//	scenario = "baseline"     # run for every target that names none
//	particles = 200
//	generations = 4
//
//	[[target]]
//	name = "mix"
//	metric = "disputes_membership_per_1000 + disputes_dividend_per_1000"
//	per = "disputes_opened_per_1000 + petitions_per_1000"  # a ratio of sums
//	from = 0                  # months from ≤ m < to; or at = 12
//	to = 24
//	observed = 0.7
//	tolerance = 0.1
//
//	[[prior]]
//	key = "disputes.dividend_rate"   # over its plausible range
//
// ParseCalibration checks every key, type and range and reports bad input
// as an *InputError naming file, line and key; Build then applies the
// command line's overrides and checks the windows against the runs.

// calibrationExamples holds the example `govsim calibrate -example` prints.
//
//go:embed calibrations/*.toml
var calibrationExamples embed.FS

// CalibrationExample is the commented calibration file of the Nanhai
// figures (pattern P0 of docs/ODD.md).
func CalibrationExample() []byte {
	b, err := calibrationExamples.ReadFile("calibrations/nanhai.toml")
	if err != nil {
		panic("scenarios: embedded calibration example missing: " + err.Error()) // cannot happen with go:embed
	}
	return b
}

// Calibration is a parsed calibration file. Flags may change Particles,
// Generations, MinAcceptance, Months, Seed and Replicates before Build.
type Calibration struct {
	File        string // as given, for errors
	Name        string
	Description string
	// Scenarios are those the targets name, the default one first, each
	// loaded and resolved; Build sets their Months to what their targets
	// need.
	Scenarios []Scenario
	Targets   []table.Target
	// Priors are the calibrated parameters' distributions (dist, min, max,
	// mean, sd, as a sweep's factors), and Params their parameters.
	Priors        []design.Factor
	Params        []sim.Param
	Particles     int
	Generations   int // including generation 0, the prior sample
	MinAcceptance float64
	Quantile      float64
	Kernel        string
	Replicates    int
	Seed          uint64
	// Months is the runs' length: 0 for each scenario's own. Windows must
	// end within it.
	Months int
	// Set are the KEY=VALUE overrides every scenario runs with (the file's
	// set, then -set).
	Set []string

	lines     keyLines
	targetAt  []string // "target[i]" of each target
	priorAt   []string // "prior[i]" of each prior, "" for a default prior
	scenAt    []string // the key naming each scenario
	defaultSc int      // index in Scenarios of the file's scenario
}

// Keys and defaults of a calibration file.
var (
	calibrationKeys = []string{"name", "description", "scenario", "months", "seed", "particles", "generations", "min_acceptance", "quantile", "kernel", "replicates", "set", "target", "prior"}
	targetKeys      = []string{"name", "what", "scenario", "metric", "per", "from", "to", "at", "district", "observed", "tolerance", "source"}
	priorKeys       = []string{"key", "dist", "min", "max", "mean", "sd"}
	kernels         = []string{"global", "local"}
)

// Defaults and bounds of a calibration.
const (
	DefaultParticles   = 200
	DefaultGenerations = 4
	// MinParticles is the smallest population allowed: fewer cannot
	// estimate a kernel's spread or a quantile of distances.
	MinParticles = 20
	MaxParticles = 1_000_000
)

// LoadCalibration reads and parses a calibration file. Scenario paths are
// relative to it.
func LoadCalibration(path string) (*Calibration, error) {
	l := osLoader()
	data, err := l.readFile(path, table.MaxTOMLBytes)
	if err != nil {
		return nil, &InputError{File: path, Msg: "cannot read the calibration file: " + reason(err)}
	}
	return l.parseCalibration(path, data, filepath.Dir(path))
}

// ParseCalibration parses a calibration file's content. name stands for
// the file in errors; dir resolves relative scenario paths.
func ParseCalibration(name string, data []byte, dir string) (*Calibration, error) {
	return osLoader().parseCalibration(name, data, dir)
}

func (l loader) parseCalibration(name string, data []byte, dir string) (*Calibration, error) {
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
	c := &Calibration{File: name, Particles: DefaultParticles, Generations: DefaultGenerations, Replicates: 1, Seed: defaultSweepSeed,
		Kernel: "global", lines: d.lines}
	scenario := Reference
	var targets, priors []any
	for _, k := range sortedKeys(raw) {
		v := raw[k]
		switch k {
		case "name":
			c.Name, _ = d.str(k, v, "any text")
		case "description":
			c.Description, _ = d.str(k, v, "any text")
		case "scenario":
			if s, ok := d.str(k, v, strings.Join(Embedded(), " | ")+", or a path to a .toml file"); ok && s != "" {
				scenario = s
			} else if ok {
				d.fail(k, "empty; allowed "+strings.Join(Embedded(), " | ")+", or a path to a .toml file")
			}
		case "months":
			n, _ := d.integer(k, v, 1, 1200)
			c.Months = int(n)
		case "seed":
			if n, ok := d.integer(k, v, 0, math.MaxInt64); ok {
				c.Seed = uint64(n)
			}
		case "particles":
			if n, ok := d.integer(k, v, MinParticles, MaxParticles); ok {
				c.Particles = int(n)
			}
		case "generations":
			if n, ok := d.integer(k, v, 1, 1000); ok {
				c.Generations = int(n)
			}
		case "replicates":
			if n, ok := d.integer(k, v, 1, 1000); ok {
				c.Replicates = int(n)
			}
		case "min_acceptance":
			if x, ok := d.number(k, v); ok {
				if !(x >= 0 && x < 1) {
					d.fail(k, fmt.Sprintf("%s is out of range; allowed a share from 0 (off) up to but not including 1", fmtF(x)))
				}
				c.MinAcceptance = x
			}
		case "quantile":
			if x, ok := d.number(k, v); ok {
				if !(x > 0 && x < 1) {
					d.fail(k, fmt.Sprintf("%s is out of range; allowed 0 < quantile < 1 (0.5, the median, by default)", fmtF(x)))
				}
				c.Quantile = x
			}
		case "kernel":
			if s, ok := d.str(k, v, strings.Join(kernels, " | ")); ok {
				if !slices.Contains(kernels, s) {
					d.fail(k, fmt.Sprintf("unknown kernel %q; allowed %s", s, strings.Join(kernels, " | ")))
				}
				c.Kernel = s
			}
		case "set":
			c.Set = d.setList(v)
		case "target":
			var ok bool
			if targets, ok = tableEntries(v); !ok {
				d.fail(k, fmt.Sprintf("want [[target]] tables, got %s", sim.TypeName(v)))
			}
		case "prior":
			var ok bool
			if priors, ok = tableEntries(v); !ok {
				d.fail(k, fmt.Sprintf("want [[prior]] tables, got %s", sim.TypeName(v)))
			}
		default:
			msg := fmt.Sprintf("unknown key %q", k)
			if s := closest(k, calibrationKeys); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			d.fail(k, msg+"; allowed "+strings.Join(calibrationKeys, ", "))
		}
	}
	if len(targets) == 0 {
		d.fail("target", "no [[target]] tables: a calibration fits at least one observed figure (metric = \"dividend_per_share\", from = 36, to = 60, observed = 3000.0, tolerance = 1000.0)")
	}
	scenOf := d.targets(c, targets)
	d.priors(c, priors)
	if err := d.first(); err != nil {
		return nil, err
	}
	if err := l.loadCalibrationScenarios(c, scenario, scenOf, dir); err != nil {
		return nil, err
	}
	if c.Name == "" {
		c.Name = strings.TrimSuffix(filepath.Base(name), ".toml")
	}
	return c, nil
}

// setList reads set = ["district.scale=50", ...].
func (d *sweepDecoder) setList(v any) []string {
	arr, ok := v.([]any)
	if !ok {
		d.fail("set", fmt.Sprintf("want a list of KEY=VALUE strings, got %s; allowed for example [\"district.villages=30\"]", sim.TypeName(v)))
		return nil
	}
	var out []string
	for i, e := range arr {
		s, ok := e.(string)
		if !ok {
			d.fail("set", fmt.Sprintf("set[%d]: want a KEY=VALUE string, got %s", i, sim.TypeName(e)))
			continue
		}
		out = append(out, s)
	}
	if _, err := ParseOverrides(out); err != nil {
		var ie *InputError
		if errors.As(err, &ie) {
			d.fail("set", strings.TrimPrefix(ie.Error(), overrideFlag+": "))
		}
	}
	return out
}

// targets reads the [[target]] tables; it returns the scenario each names
// ("" for the file's).
func (d *sweepDecoder) targets(c *Calibration, entries []any) []string {
	metrics := sim.DistrictMetrics()
	var scen []string
	seen := map[string]string{}
	for i, e := range entries {
		at := "target[" + strconv.Itoa(i) + "]"
		m, ok := e.(map[string]any)
		if !ok {
			d.fail(at, fmt.Sprintf("want a table with the keys %s, got %s", strings.Join(targetKeys, ", "), sim.TypeName(e)))
			continue
		}
		t, sc, ok := d.target(at, m, metrics)
		if !ok {
			continue
		}
		if prev, dup := seen[t.Name]; dup {
			d.fail(at+".name", fmt.Sprintf("%q names two targets (also %s); allowed each name once", t.Name, prev))
			continue
		}
		seen[t.Name] = at
		c.Targets = append(c.Targets, t)
		c.targetAt = append(c.targetAt, at)
		scen = append(scen, sc)
	}
	return scen
}

// targetName is what a target's name may be: a column name without
// quoting.
func targetName(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

func (d *sweepDecoder) target(at string, m map[string]any, metrics []string) (table.Target, string, bool) {
	t := table.Target{Scale: 1}
	bad := false
	failf := func(key, format string, a ...any) {
		d.fail(at+"."+key, fmt.Sprintf(format, a...))
		bad = true
	}
	for _, k := range sortedKeys(m) {
		if !slices.Contains(targetKeys, k) {
			msg := fmt.Sprintf("unknown key %q in [[target]]", k)
			if c := closest(k, targetKeys); c != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", c)
			}
			failf(k, "%s; allowed %s", msg, strings.Join(targetKeys, ", "))
		}
	}
	text := func(k, allowed string) string {
		v, ok := m[k]
		if !ok {
			return ""
		}
		s, ok := d.str(at+"."+k, v, allowed)
		bad = bad || !ok
		return s
	}
	num := func(k string) (float64, bool) {
		v, ok := m[k]
		if !ok {
			return 0, false
		}
		x, ok := d.number(at+"."+k, v)
		bad = bad || !ok
		return x, ok
	}
	month := func(k string) (int, bool) {
		v, ok := m[k]
		if !ok {
			return 0, false
		}
		n, ok := d.integer(at+"."+k, v, 0, 1200)
		bad = bad || !ok
		return int(n), ok
	}
	sum := func(k string) []string {
		s := text(k, "metric names joined by +, such as \"disputes_membership_per_1000 + disputes_dividend_per_1000\"")
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
	t.Name = text("name", "an identifier: letters, digits and _")
	t.What = text("what", "any text")
	t.Source = text("source", "any text")
	sc := text("scenario", strings.Join(Embedded(), " | ")+", or a path to a .toml file")
	if _, given := m["scenario"]; given && sc == "" && !bad {
		failf("scenario", "empty; allowed %s, or a path to a .toml file", strings.Join(Embedded(), " | "))
	}
	t.Metrics = sum("metric")
	t.Per = sum("per")
	if _, ok := m["metric"]; !ok {
		failf("metric", "missing; allowed a district metric, or several joined by + (govsim help metrics lists them)")
	}
	if t.Name == "" && len(t.Metrics) == 1 && len(t.Per) == 0 {
		t.Name = t.Metrics[0]
	}
	if _, ok := m["name"]; ok && !targetName(t.Name) && !bad {
		failf("name", "%q is not an identifier; allowed letters, digits and _ (at most 64)", t.Name)
	}
	if t.Name == "" && !bad {
		d.fail(at, "missing name = \"...\": a target of several metrics needs a name (letters, digits and _)")
		bad = true
	}
	if v, ok := m["district"]; ok {
		b, isB := v.(bool)
		if !isB {
			failf("district", "want true or false, got %s", sim.TypeName(v))
		}
		t.District = b
	}
	from, hasFrom := month("from")
	to, hasTo := month("to")
	atM, hasAt := month("at")
	switch {
	case hasAt && (hasFrom || hasTo):
		failf("at", "at and from/to are alternatives: a value at one month, or the mean over months from ≤ m < to; remove one")
	case hasAt:
		t.From, t.To = atM, atM+1
	case hasFrom && hasTo:
		if to <= from {
			failf("to", "empty window: to = %d is not after from = %d; allowed from < to (the months from ≤ m < to)", to, from)
		}
		t.From, t.To = from, to
	case !bad:
		failf("from", "missing window: give from and to (the mean over months from ≤ m < to) or at (the value at one month)")
	}
	obs, hasObs := num("observed")
	if !hasObs && !bad {
		failf("observed", "missing; allowed the observed figure, in the metric's stored unit (govsim help metrics)")
	}
	t.Observed = obs
	tol, hasTol := num("tolerance")
	switch {
	case !hasTol && !bad:
		failf("tolerance", "missing; allowed a standard error, or the half-width of the range the source allows, above 0")
	case hasTol && !(tol > 0):
		failf("tolerance", "%s is not above 0; allowed a standard error, or the half-width of the range the source allows, above 0", fmtF(tol))
	}
	t.Tolerance = tol
	return t, sc, !bad
}

// priors reads the [[prior]] tables: the calibrated parameters, each over
// its plausible range unless the table gives min and max.
func (d *sweepDecoder) priors(c *Calibration, entries []any) {
	if len(entries) == 0 {
		d.fail("prior", "no [[prior]] tables: name the parameters to calibrate (key = \"disputes.dividend_rate\"; the range defaults to its plausible one, govsim params lists them)")
		return
	}
	params := sim.Params()
	var paramKeys []string
	for _, p := range params {
		paramKeys = append(paramKeys, p.Key)
	}
	seen := map[string]string{}
	for i, e := range entries {
		at := "prior[" + strconv.Itoa(i) + "]"
		m, ok := e.(map[string]any)
		if !ok {
			d.fail(at, fmt.Sprintf("want a table with the keys %s, got %s", strings.Join(priorKeys, ", "), sim.TypeName(e)))
			continue
		}
		bad := false
		for _, k := range sortedKeys(m) {
			if !slices.Contains(priorKeys, k) {
				msg := fmt.Sprintf("unknown key %q in [[prior]]", k)
				if c := closest(k, priorKeys); c != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", c)
				}
				d.fail(at+"."+k, msg+"; allowed "+strings.Join(priorKeys, ", "))
				bad = true
			}
		}
		if bad {
			continue
		}
		// A prior is a factor whose range defaults to the plausible one.
		key, _ := m["key"].(string)
		p, found := sim.Lookup(key)
		if found && p.Kind != "float" {
			d.fail(at+".key", fmt.Sprintf("%s is an integer or text parameter; a prior is over a continuous parameter (kind float in govsim params)", key))
			continue
		}
		if found {
			_, hasLo := m["min"]
			_, hasHi := m["max"]
			if !hasLo && !hasHi && !p.HasPlausible() {
				d.fail(at, fmt.Sprintf("%s has no plausible range to default to; allowed min and max within %s", key, p.Range()))
				continue
			}
			m = maps(m)
			if !hasLo && !hasHi {
				m["min"], m["max"] = p.PlausLo, p.PlausHi
			}
		}
		if dv, ok := m["dist"].(string); ok && dv == design.DistInt {
			d.fail(at+".dist", "dist = \"int\" is for integer parameters; allowed uniform | loguniform | normal")
			continue
		}
		f, fp, ok := d.factor(at, m, params, paramKeys)
		if !ok {
			continue
		}
		if prev, dup := seen[f.Key]; dup {
			d.fail(at+".key", fmt.Sprintf("%s has two priors (also %s); allowed each parameter once", f.Key, prev))
			continue
		}
		seen[f.Key] = at
		c.Priors = append(c.Priors, f)
		c.Params = append(c.Params, fp)
		c.priorAt = append(c.priorAt, at)
	}
}

// maps copies a decoded table, so that defaults are not written into the
// decoder's value.
func maps(m map[string]any) map[string]any {
	out := make(map[string]any, len(m)+2)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// loadCalibrationScenarios loads the file's scenario and those targets
// name, each once, relative to the file.
func (l loader) loadCalibrationScenarios(c *Calibration, def string, scenOf []string, dir string) error {
	byRef := map[string]int{}
	load := func(ref, key string) (int, error) {
		if i, ok := byRef[ref]; ok {
			return i, nil
		}
		var sc Scenario
		var err error
		if isEmbeddedName(ref) {
			if !isEmbedded(ref) {
				return 0, unknownScenario(c.File, c.lines.line(key), key, ref)
			}
			sc, err = l.load(ref)
		} else {
			arg := ref
			if dir != "" && !filepath.IsAbs(ref) {
				arg = filepath.Join(dir, ref)
			}
			data, rerr := l.readFile(arg, table.MaxTOMLBytes)
			if rerr != nil {
				return 0, &InputError{File: c.File, Line: c.lines.line(key), Key: key,
					Msg: fmt.Sprintf("cannot read %q: %s; allowed %s, or a path to a .toml file relative to the calibration file", arg, reason(rerr), strings.Join(Embedded(), " | "))}
			}
			sc, err = l.parse(fileSource(arg, filepath.Dir(arg)), data)
		}
		if err != nil {
			return 0, err
		}
		for i, o := range c.Scenarios {
			if o.Name == sc.Name {
				return 0, &InputError{File: c.File, Line: c.lines.line(key), Key: key,
					Msg: fmt.Sprintf("scenario name %q is that of another scenario of the file (%s); names must differ", sc.Name, c.scenAt[i])}
			}
		}
		byRef[ref] = len(c.Scenarios)
		c.Scenarios = append(c.Scenarios, sc)
		c.scenAt = append(c.scenAt, key)
		return len(c.Scenarios) - 1, nil
	}
	var err error
	if c.defaultSc, err = load(def, "scenario"); err != nil {
		return err
	}
	for i, ref := range scenOf {
		k := c.defaultSc
		if ref != "" {
			if k, err = load(ref, c.targetAt[i]+".scenario"); err != nil {
				return err
			}
		}
		c.Targets[i].Scenario = c.Scenarios[k].Name
	}
	return nil
}

// CalibrationFlags are the command line's overrides of a calibration
// file: a field given (its Has… true, or Months above 0) replaces the
// file's value, and Set applies -set KEY=VALUE to every scenario.
type CalibrationFlags struct {
	Particles, Generations, Months, Replicates                             int
	MinAcceptance                                                          float64
	Seed                                                                   uint64
	HasParticles, HasGenerations, HasMinAcceptance, HasSeed, HasReplicates bool
	Set                                                                    []string
}

// Override applies the flags, before Build.
func (c *Calibration) Override(f CalibrationFlags) error {
	switch {
	case f.HasParticles && (f.Particles < MinParticles || f.Particles > MaxParticles):
		return &InputError{File: "-particles", Msg: fmt.Sprintf("%d is out of range: allowed %d to %d (fewer particles cannot estimate a kernel's spread or the next tolerance)", f.Particles, MinParticles, MaxParticles)}
	case f.HasGenerations && (f.Generations < 1 || f.Generations > 1000):
		return &InputError{File: "-generations", Msg: fmt.Sprintf("%d is out of range: allowed 1 to 1000 (generation 0, the prior sample, counts)", f.Generations)}
	case f.HasMinAcceptance && !(f.MinAcceptance >= 0 && f.MinAcceptance < 1):
		return &InputError{File: "-min-acceptance", Msg: fmt.Sprintf("%v is out of range: allowed a share from 0 (off) up to but not including 1", f.MinAcceptance)}
	case f.HasReplicates && (f.Replicates < 1 || f.Replicates > 1000):
		return &InputError{File: "-replicates", Msg: fmt.Sprintf("%d is out of range: allowed 1 to 1000", f.Replicates)}
	}
	if f.HasParticles {
		c.Particles = f.Particles
	}
	if f.HasGenerations {
		c.Generations = f.Generations
	}
	if f.HasMinAcceptance {
		c.MinAcceptance = f.MinAcceptance
	}
	if f.HasSeed {
		c.Seed = f.Seed
	}
	if f.HasReplicates {
		c.Replicates = f.Replicates
	}
	if f.Months > 0 {
		c.Months = f.Months
	}
	c.Set = append(c.Set, f.Set...)
	return nil
}

// Build applies the overrides to the scenarios, checks that every window
// ends within its run and every prior fits every scenario, sets each
// scenario's Months to the last month its targets read, and sets the
// district factor of targets that ask for it.
func (c *Calibration) Build() error {
	ovs, err := ParseOverrides(c.Set)
	if err != nil {
		return err
	}
	if err := ApplyOverrides(c.Scenarios, ovs); err != nil {
		return err
	}
	need := make([]int, len(c.Scenarios))
	for i := range c.Targets {
		t := &c.Targets[i]
		k := slices.IndexFunc(c.Scenarios, func(s Scenario) bool { return s.Name == t.Scenario })
		sc := &c.Scenarios[k]
		months, from := sc.Config.Months, sc.Name+"'s months"
		if c.Months > 0 {
			months, from = c.Months, "-months"
		}
		if t.To > months {
			path := c.targetAt[i] + ".to"
			if t.To == t.From+1 {
				path = c.targetAt[i] + ".at"
			}
			return &InputError{File: c.File, Line: c.lines.line(path), Key: path,
				Msg: fmt.Sprintf("target %s reads %s, outside the %d-month run of scenario %s (%s); allowed windows ending by month %d", t.Name, t.Window(), months, sc.Name, from, months)}
		}
		need[k] = max(need[k], t.To)
		if t.District {
			units := sc.Config.District.Villages
			if len(sc.Villages) > 0 {
				units = len(sc.Villages)
			}
			t.Scale = float64(sc.Config.District.ReferenceUnits) / float64(units)
		}
	}
	for k := range c.Scenarios {
		c.Scenarios[k].Config.Months = need[k]
	}
	for i, p := range c.Params {
		for _, sc := range c.Scenarios {
			for _, x := range []float64{c.Priors[i].Min, c.Priors[i].Max} {
				cfg := sc.Config
				if err := p.Set(&cfg, x); err == nil {
					err = cfg.Validate()
				}
				if err != nil {
					path := c.priorAt[i]
					if path == "" {
						path = "prior"
					}
					return &InputError{File: c.File, Line: c.lines.line(path), Key: path,
						Msg: fmt.Sprintf("the prior of %s, [%s, %s], does not fit scenario %s: %v", p.Key, fmtF(c.Priors[i].Min), fmtF(c.Priors[i].Max), sc.Name, err)}
				}
			}
		}
	}
	return nil
}

// Spec is the calibration's identity as its output directory records it
// (calibration.json); version is the govsim that runs it.
func (c *Calibration) Spec(version string) table.CalibrationSpec {
	s := table.CalibrationSpec{Govsim: version, Name: c.Name, Description: c.Description, Targets: c.Targets,
		Particles: c.Particles, Replicates: c.Replicates, Seed: c.Seed, Quantile: c.Quantile, Kernel: c.Kernel,
		Metrics: sim.DistrictMetrics()}
	if s.Quantile == 0 {
		s.Quantile = 0.5
	}
	for i := range c.Scenarios {
		sc := &c.Scenarios[i]
		s.Scenarios = append(s.Scenarios, table.ManifestScenario{Name: sc.Name, Source: sc.Source, Config: sc.Resolved(),
			Label: sc.Config.Label, LabelZH: sc.Config.LabelZH, Color: sc.Config.Color})
	}
	for i, f := range c.Priors {
		s.Priors = append(s.Priors, table.SweepFactor{Key: f.Key, Kind: c.Params[i].Kind, Dist: f.Dist, Min: f.Min, Max: f.Max, Mean: f.Mean, SD: f.SD})
	}
	return s
}
