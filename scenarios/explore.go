package scenarios

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/govsim/govsim/scenarios/design"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/experiment"
	"github.com/govsim/govsim/sim/table"
)

// An exploratory design (govsim explore) is a sweep made from the command
// line rather than a file: a Latin hypercube over the uncertain parameters
// (sim.Param.Uncertain), every scenario at every point, the scenarios at a
// point sharing their seeds. Being a sweep, it runs, resumes, shards, merges
// and reruns as any other.

// MinExploreSamples is the smallest exploratory design: below 8 points a
// share of points has a 95% Wilson interval wider than half of [0, 1]
// whatever its value, and a scenario-discovery box of the smallest mass
// PRIM allows would hold a single point.
const MinExploreSamples = 8

// ExploreName is the name an exploratory design's sweep.json carries.
const ExploreName = "explore"

// Explore describes an exploratory design.
type Explore struct {
	Scenarios  []Scenario // loaded, with -set, -months and -scale applied
	Ranges     *Ranges    // the ranges sampled: UncertainRanges or a ranges file's
	Samples    int        // points of the Latin hypercube, at least MinExploreSamples
	Replicates int        // runs of each scenario at each point
	Seed       uint64     // master seed: of the runs and, through DesignSeed, of the design
	Window     int        // months at the end each run's results average
}

// Ranges are the parameters an exploratory design varies and the range of
// each.
type Ranges struct {
	File    string          // the ranges file, or "" for every uncertain parameter
	Factors []design.Factor // one per parameter, uniform or log-uniform over [Min, Max]
	Params  []sim.Param     // the parameter of each factor
	lines   keyLines        // of the file, for errors
}

// UncertainRanges are the ranges of the default exploratory design: every
// uncertain parameter over its whole plausible range, uniformly.
func UncertainRanges() *Ranges {
	params := sim.RobustnessParams()
	factors := make([]design.Factor, len(params))
	for i, p := range params {
		factors[i] = design.Factor{Key: p.Key, Dist: design.DistUniform, Min: p.PlausLo, Max: p.PlausHi}
	}
	return &Ranges{Factors: factors, Params: params}
}

// Sweep makes the exploratory design's sweep, ready for Build. Seeds are
// per point (experiment.SeedsPerPoint): the scenarios at a point share
// them, so a paired difference there is the reform's effect and not the
// luck of two unrelated runs (common random numbers), while the points
// differ in their luck as in their parameters, so that shares of points
// estimate shares of the plausible space, luck included.
func (e *Explore) Sweep() (*Sweep, error) {
	if e.Samples < MinExploreSamples {
		return nil, &InputError{File: "-samples", Msg: fmt.Sprintf("%d points are too few to explore: allowed %d or more (64 is the default)", e.Samples, MinExploreSamples)}
	}
	if len(e.Scenarios) < 2 {
		return nil, &InputError{Msg: fmt.Sprintf("explore compares scenarios with a reference and needs at least two; got %s", Names(e.Scenarios))}
	}
	r := e.Ranges
	desc := fmt.Sprintf("%d scenarios at each point of a Latin hypercube over the plausible ranges of %d uncertain parameters", len(e.Scenarios), len(r.Factors))
	file := "govsim explore"
	if r.File != "" {
		desc = fmt.Sprintf("%d scenarios at each point of a Latin hypercube over the ranges of %d parameters in %s", len(e.Scenarios), len(r.Factors), r.File)
		file = r.File
	}
	s := &Sweep{File: file, Name: ExploreName, Description: desc, Scenarios: slices.Clone(e.Scenarios), Design: design.KindLHS,
		Samples: e.Samples, Replicates: e.Replicates, Seed: e.Seed, Seeds: experiment.SeedsPerPoint, Window: e.Window,
		Factors: slices.Clone(r.Factors), Params: slices.Clone(r.Params), lines: r.lines, set: map[string]bool{"samples": true}}
	for i := range s.Factors {
		s.factorAt = append(s.factorAt, fmt.Sprintf("factor[%d]", i))
	}
	return s, nil
}

// ExploreArgs are what govsim explore's command line says of its design.
type ExploreArgs struct {
	Scenarios  []string // names or files; none: the teaching set
	Months     int      // above 0: every scenario's horizon
	Set        []string // -set KEY=VALUE
	Scale      string   // ScaleScenario or ScaleFull
	Reference  string   // must be among the scenarios
	Ranges     string   // a ranges file, or "" for every uncertain parameter
	Samples    int
	Replicates int
	Seed       uint64
	Window     int
	// Posterior, when set, gives the values of some uncertain parameters
	// at each point, drawn from a calibration's posterior (govsim explore
	// -posterior), in place of the Latin hypercube's.
	Posterior *ExploreDraws
	// Keep are parameters the scenarios decide (an optimisation's policy
	// parameters: govsim explore -packages): not varied, so that each
	// scenario runs with its own value.
	Keep []string
}

// ExploreDraws are parameter values drawn from a posterior: Values[i] is
// point i's, in the order of Keys.
type ExploreDraws struct {
	Source string // where they come from, for the description
	Keys   []string
	Values [][]float64
}

// PlanExplore loads and checks everything an exploratory design needs
// before anything runs — the scenarios with their overrides and scale,
// the reference, the ranges, every design point in every scenario — and
// returns its plan and the notes the user should read (settings the design
// replaces, a window shortened to fit).
func PlanExplore(a ExploreArgs) (*Plan, []string, error) {
	scs, err := LoadWithOverrides(a.Scenarios, a.Months, a.Set)
	if err != nil {
		return nil, nil, err
	}
	if err := ApplyScale(scs, a.Scale); err != nil {
		return nil, nil, err
	}
	if !slices.ContainsFunc(scs, func(sc Scenario) bool { return sc.Name == a.Reference }) {
		return nil, nil, &InputError{File: "-ref", Msg: fmt.Sprintf("%q is not among the scenarios explored: allowed %s", a.Reference, Names(scs))}
	}
	r := UncertainRanges()
	if a.Ranges != "" {
		if r, err = LoadRanges(a.Ranges); err != nil {
			return nil, nil, err
		}
	}
	var kept []string
	for i := 0; i < len(r.Params); i++ {
		if slices.Contains(a.Keep, r.Params[i].Key) {
			kept = append(kept, r.Params[i].Key)
			r.Params, r.Factors = slices.Delete(r.Params, i, i+1), slices.Delete(r.Factors, i, i+1)
			i--
		}
	}
	e := Explore{Scenarios: scs, Ranges: r, Samples: a.Samples, Replicates: a.Replicates, Seed: a.Seed, Window: a.Window}
	sw, err := e.Sweep()
	if err != nil {
		return nil, nil, err
	}
	plan, err := sw.Build()
	if err != nil {
		return nil, nil, err
	}
	notes := append(e.Shadowed(), sw.Notes...)
	if len(kept) > 0 {
		notes = append(notes, fmt.Sprintf("note: the scenarios decide %s: not varied, each runs with its own value", strings.Join(kept, ", ")))
	}
	if a.Posterior != nil {
		if err := drawPosterior(plan, a.Posterior); err != nil {
			return nil, nil, err
		}
		notes = append(notes, fmt.Sprintf("note: %d of the %d parameters are drawn from the posterior of %s (weighted resampling), the others over their ranges", len(a.Posterior.Keys), len(sw.Factors), a.Posterior.Source))
	}
	return plan, notes, nil
}

// drawPosterior puts the posterior's draws in place of the design's values
// of the parameters it gives: the parameters a calibration constrained are
// sampled from what the observed figures allow, not from guessed ranges.
// The points are checked again in every scenario, since the draws are new
// values.
func drawPosterior(plan *Plan, d *ExploreDraws) error {
	sw := plan.Sweep
	cols := make([]int, len(d.Keys))
	for j, key := range d.Keys {
		cols[j] = slices.IndexFunc(sw.Factors, func(f design.Factor) bool { return f.Key == key })
		if cols[j] < 0 {
			return &InputError{File: "-posterior", Key: key, Msg: fmt.Sprintf("the posterior of %s calibrates %s, which this explore does not vary: explore it (leave -ranges out, or name it there)", d.Source, key)}
		}
	}
	if len(d.Values) < len(plan.Design.Points) {
		return &InputError{File: "-posterior", Msg: fmt.Sprintf("%d draws for %d points", len(d.Values), len(plan.Design.Points))}
	}
	sw.Description += "; " + strings.Join(d.Keys, ", ") + " drawn from the posterior of " + d.Source
	for i := range plan.Design.Points {
		pt := &plan.Design.Points[i]
		for j, c := range cols {
			pt.Values[c] = d.Values[i][j]
			pt.Unit[c] = math.NaN() // not the hypercube's
		}
		for k := range sw.Scenarios {
			cfg := sw.Scenarios[k].Config
			for c, p := range sw.Params {
				if err := p.Set(&cfg, pt.Values[c]); err != nil {
					return &InputError{File: "-posterior", Key: p.Key, Msg: fmt.Sprintf("point %d, scenario %s: %v", i, sw.Scenarios[k].Name, err)}
				}
			}
			if err := cfg.Validate(); err != nil {
				return &InputError{File: "-posterior", Msg: fmt.Sprintf("point %d, scenario %s: %v", i, sw.Scenarios[k].Name, err)}
			}
		}
	}
	return nil
}

// Shadowed lists, as notes for the user, the settings of the scenarios
// that an exploratory design replaces: a scenario that sets a parameter the
// design varies runs with the design's values instead.
func (e *Explore) Shadowed() []string {
	varied := map[string]bool{}
	for _, f := range e.Ranges.Factors {
		varied[f.Key] = true
	}
	var notes []string
	for _, sc := range e.Scenarios {
		var keys []string
		for _, st := range sc.Config.Changes() {
			if varied[st.Key] {
				keys = append(keys, st.Key+" = "+st.Value)
			}
		}
		if len(keys) > 0 {
			notes = append(notes, fmt.Sprintf("note: scenario %s sets %s, which explore varies over its range: at each point it runs with the point's value (to keep its own, leave the parameter out with -ranges FILE)", sc.Name, strings.Join(keys, ", ")))
		}
	}
	return notes
}

// Scale names of -scale.
const (
	ScaleScenario = "scenario" // each scenario's own size and scale
	ScaleFull     = "full"     // every unit of the district, one agent a person
)

// ApplyScale sets the size of every scenario: ScaleScenario leaves them as
// their files say; ScaleFull runs the whole district at 1:1 scale (as
// nanhai-full does): every unit the calibration describes
// (district.reference_units) and one agent per person (district.scale =
// 1). A scenario that reads its villages from a file keeps them, at 1:1.
func ApplyScale(scs []Scenario, scale string) error {
	switch scale {
	case ScaleScenario:
		return nil
	case ScaleFull:
	default:
		return &InputError{File: "-scale", Msg: fmt.Sprintf("%q is not allowed; allowed %s | %s", scale, ScaleScenario, ScaleFull)}
	}
	for i := range scs {
		d := &scs[i].Config.District
		if d.VillageCSV == "" {
			d.Villages = d.ReferenceUnits
		}
		d.Scale = 1
		if err := scs[i].Config.Validate(); err != nil {
			return &InputError{File: "-scale", Msg: fmt.Sprintf("scenario %s at full scale: %v", scs[i].Name, err)}
		}
	}
	return nil
}

// rangeKeys are the keys a ranges file's [[factor]] may hold.
var rangeKeys = []string{"key", "dist", "min", "max"}

// LoadRanges reads a ranges file: [[factor]] tables in a sweep file's
// syntax (key, min, max and optionally dist = "uniform" or "loguniform"),
// each naming an uncertain parameter and the range explore samples it
// over, which may reach beyond its plausible range but not beyond its
// allowed range.
func LoadRanges(path string) (*Ranges, error) {
	data, err := table.ReadInput(path, table.MaxTOMLBytes)
	if err != nil {
		return nil, &InputError{File: path, Msg: "cannot read the ranges file: " + reason(err)}
	}
	return ParseRanges(path, data)
}

// ParseRanges parses a ranges file's content; name stands for the file in
// errors, which name its line and key.
func ParseRanges(name string, data []byte) (*Ranges, error) {
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
	for _, k := range sortedKeys(raw) {
		if k != "factor" {
			msg := fmt.Sprintf("unknown key %q: a ranges file holds only [[factor]] tables (keys %s)", k, strings.Join(rangeKeys, ", "))
			if k == "factors" {
				msg = `unknown key "factors" (did you mean "factor"?); write each range as a [[factor]] table`
			}
			d.fail(k, msg)
		}
	}
	fv, ok := raw["factor"]
	if !ok {
		d.fail("factor", `no [[factor]] tables: a ranges file names at least one uncertain parameter (key = "reform.audit_rate", min = 0, max = 0.3)`)
	}
	// What explore does not take, said before the sweep's own checks
	// would ask for what goes with it (a normal's mean and sd).
	entries, _ := tableEntries(fv)
	for i, e := range entries {
		m, ok := e.(map[string]any)
		if !ok {
			continue
		}
		at := fmt.Sprintf("factor[%d]", i)
		for _, k := range sortedKeys(m) {
			if !slices.Contains(rangeKeys, k) {
				d.fail(at+"."+k, fmt.Sprintf("explore samples a range evenly and takes no %s; allowed keys %s", k, strings.Join(rangeKeys, ", ")))
			}
		}
		if dist, ok := m["dist"].(string); ok && dist != design.DistUniform && dist != design.DistLogUniform {
			d.fail(at+".dist", fmt.Sprintf("%q is not allowed: explore samples a range evenly; allowed %q (the default) or %q", dist, design.DistUniform, design.DistLogUniform))
		}
	}
	if err := d.first(); err != nil {
		return nil, err
	}
	s := &Sweep{File: name}
	d.factors(s, fv)
	if err := d.first(); err != nil {
		return nil, err
	}
	var uncertain []string
	for _, p := range sim.RobustnessParams() {
		uncertain = append(uncertain, p.Key)
	}
	for i, f := range s.Factors {
		if p := s.Params[i]; !p.Uncertain() {
			msg := fmt.Sprintf("%s is not an uncertain parameter: explore varies only the %d behavioural and reform parameters with a plausible range (govsim params marks them)", f.Key, len(uncertain))
			if c := closest(f.Key, uncertain); c != "" {
				msg += fmt.Sprintf(", such as %s", c)
			}
			d.fail(s.factorAt[i]+".key", msg+"; to vary any other parameter, write a sweep file (govsim sweep -example lhs)")
		}
		if f.Dist == "" {
			s.Factors[i].Dist = design.DistUniform
		}
	}
	if err := d.first(); err != nil {
		return nil, err
	}
	return &Ranges{File: name, Factors: s.Factors, Params: s.Params, lines: d.lines}, nil
}
