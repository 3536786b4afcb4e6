package scenarios

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/experiment"
	"github.com/govsim/govsim/sim/table"
)

// Build applies the overrides and months to the base, sets the measures'
// windows, display units and scales, checks that every policy parameter's
// values fit the base, and lays the candidates out as points over the
// template (see "Candidates as points" above).
func (o *Optimisation) Build() error {
	fail := func(path, format string, a ...any) error {
		return &InputError{File: o.File, Line: o.lines.line(path), Key: path, Msg: fmt.Sprintf(format, a...)}
	}
	ovs, err := ParseOverrides(o.Set)
	if err != nil {
		return err
	}
	for i, pp := range o.Params {
		for _, ov := range ovs {
			if ov.Key == pp.Param.Key {
				return fail(o.paramAt[i]+".key", "%s is both set (set or -set) and decided here; allowed one of the two", ov.Key)
			}
		}
	}
	bs := []Scenario{o.Base}
	if err := ApplyOverrides(bs, ovs); err != nil {
		return err
	}
	o.Base = bs[0]
	months, from := o.Base.Config.Months, o.Base.Name+"'s months"
	if o.Months > 0 {
		o.Base.Config.Months, months, from = o.Months, o.Months, "months"
	}
	w := o.Window
	switch {
	case w == [2]int{}:
		w = [2]int{max(0, months-defaultWindowMonths), months}
	case w[1] > months:
		return fail("window", "[%d, %d] reaches beyond the %d-month run (%s); allowed a window ending by month %d", w[0], w[1], months, from, months)
	}
	units := o.Base.Config.District.Villages
	if len(o.Base.Villages) > 0 {
		units = len(o.Base.Villages)
	}
	for i, ms := range o.measures() {
		if !o.windowed[i] {
			ms.From, ms.To = w[0], w[1]
		}
		if ms.To > months {
			path := o.measureAt[i] + ".to"
			if ms.To == ms.From+1 {
				path = o.measureAt[i] + ".at"
			}
			return fail(path, "%s reads months %d–%d, outside the %d-month run (%s); allowed windows ending by month %d", ms.Name, ms.From, ms.To-1, months, from, months)
		}
		num, _ := sim.MetricByName(ms.Metrics[0])
		ms.Scale, ms.Unit = num.Display.Scale, num.Display.Unit
		if len(ms.Per) > 0 {
			den, _ := sim.MetricByName(ms.Per[0])
			ms.Scale /= den.Display.Scale
			ms.Unit = num.Display.Unit + " / " + den.Display.Unit
			if num.Display.Unit == den.Display.Unit {
				ms.Unit = "ratio"
			}
		}
		if ms.District {
			ms.Scale *= float64(o.Base.Config.District.ReferenceUnits) / float64(units)
		}
	}
	for i, pp := range o.Params {
		vals := pp.Values
		if vals == nil {
			vals = []float64{pp.Range.Lo, pp.Range.Hi}
		}
		for _, x := range vals {
			cfg := o.Base.Config
			err := pp.Param.Set(&cfg, x)
			if err == nil {
				err = cfg.Validate()
			}
			if err != nil {
				return fail(o.paramAt[i], "%s = %s does not fit scenario %s: %v", pp.Param.Key, fmtF(x), o.Base.Name, err)
			}
		}
	}
	return o.layout()
}

// Notes are what the user should read about a built optimisation: the
// entries whose start may fall after the run ends, where a package holds
// a reform the run never sees.
func (o *Optimisation) Notes() []string {
	var out []string
	months := o.Base.Config.Months
	for i, e := range o.Entries {
		if int(e.Start.Hi) >= months {
			out = append(out, fmt.Sprintf("note: %s.start reaches month %s, after the last month (%d) of the %d-month run: a package that starts %s then holds it in name only",
				o.entryAt[i], fmtF(e.Start.Hi), months-1, months, e.Kind))
		}
	}
	return out
}

// measures are the objectives' measures, then the constraints', to set.
func (o *Optimisation) measures() []*table.Measure {
	var out []*table.Measure
	for i := range o.Objectives {
		out = append(out, &o.Objectives[i].Measure)
	}
	for i := range o.Constraints {
		out = append(out, &o.Constraints[i].Measure)
	}
	return out
}

// never is the start of a form switched off: after the last month of any
// run.
func never() int { return int(entryParam("start").Max) }

// onOff are the options of a decision that switches something.
var onOff = []string{"off", "on"}

// layout builds the template, the decisions and the point's keys.
func (o *Optimisation) layout() error {
	tpl := o.Base
	cfg := &tpl.Config
	cfg.Reforms = slices.Clone(cfg.Reforms)
	o.baseLen = len(cfg.Reforms)
	o.Decisions, o.slots, o.forms, o.paramDec, o.paramPt = nil, nil, nil, nil, nil
	var params []sim.Param
	var factors []table.SweepFactor
	var off []float64
	key := func(j int, name string, lo, hi, offValue float64) int {
		p, _ := sim.Lookup(fmt.Sprintf("reforms[%d].%s", j, name))
		params = append(params, p)
		factors = append(factors, table.SweepFactor{Key: p.Key, Kind: p.Kind, Min: lo, Max: hi})
		off = append(off, offValue)
		return len(params) - 1
	}
	dec := func(d table.Decision) int {
		o.Decisions = append(o.Decisions, d)
		return len(o.Decisions) - 1
	}
	between := func(name, kind string, r Range) int {
		if r.Fixed() {
			return -1
		}
		return dec(table.Decision{Name: name, Kind: kind, Min: r.Lo, Max: r.Hi})
	}
	for ei := range o.Entries {
		e := &o.Entries[ei]
		at := o.entryAt[ei]
		if e.Start.Hi >= float64(never()) {
			return &InputError{File: o.File, Line: o.lines.line(at + ".start"), Key: at + ".start",
				Msg: fmt.Sprintf("start %s is the month a switched-off entry is given; allowed months up to %d", fmtF(e.Start.Hi), never()-1)}
		}
		s := entrySlots{sw: -1, coverage: -1, trigger: -1}
		if e.Switch {
			s.sw = dec(table.Decision{Name: at + ".switch", Kind: table.DecisionChoice, Choices: onOff})
		}
		if len(e.Coverage) > 1 {
			s.coverage = dec(table.Decision{Name: at + ".coverage", Kind: table.DecisionChoice, Choices: e.Coverage})
		}
		for _, c := range e.Choose {
			s.choose = append(s.choose, dec(table.Decision{Name: at + ".choose." + c, Kind: table.DecisionChoice, Choices: onOff}))
		}
		if e.TriggerSwitch {
			s.trigger = dec(table.Decision{Name: at + ".trigger_switch", Kind: table.DecisionChoice, Choices: onOff})
		}
		s.start = between(at+".start", table.DecisionInt, e.Start)
		s.ramp = between(at+".ramp", table.DecisionInt, e.Ramp)
		s.intensity = between(at+".intensity", table.DecisionReal, e.Intensity)
		s.fraction = between(at+".fraction", table.DecisionReal, e.Fraction)
		s.threshold = between(at+".threshold", table.DecisionReal, e.Threshold)
		triggers := []bool{e.Trigger != ""}
		if e.TriggerSwitch {
			triggers = []bool{false, true}
		}
		var forms []form
		for ci, cov := range e.Coverage {
			for mask := range 1 << len(e.Choose) {
				for _, trig := range triggers {
					j := len(cfg.Reforms)
					if j-o.baseLen >= MaxForms {
						return &InputError{File: o.File, Line: o.lines.line(at), Key: at,
							Msg: fmt.Sprintf("the entries take more than %d forms (each entry one per coverage choice, per subset of its optional separations, with and without a switched trigger); allowed up to %d: fewer coverage choices or optional separations", MaxForms, MaxForms)}
					}
					r := sim.ReformSpec{Kind: e.Kind, Start: never(), Ramp: int(e.Ramp.Lo), Coverage: cov, Separations: e.separations(mask)}
					if cov == "pilot" {
						r.Fraction = e.Fraction.Lo
					}
					if trig {
						r.Trigger, r.Threshold, r.TriggerWindow, r.TriggerAfter = e.Trigger, e.Threshold.Lo, e.TriggerWindow, e.TriggerAfter
					}
					if err := r.Validate(); err != nil {
						return &InputError{File: o.File, Line: o.lines.line(at), Key: at, Msg: err.Error()}
					}
					cfg.Reforms = append(cfg.Reforms, r)
					f := form{reform: j, coverage: ci, mask: mask, trigger: trig, ramp: -1, fraction: -1, threshold: -1}
					f.start = key(j, "start", e.Start.Lo, float64(never()), float64(never()))
					f.intensity = key(j, "intensity", 0, 1, 0)
					if !e.Ramp.Fixed() {
						f.ramp = key(j, "ramp", e.Ramp.Lo, e.Ramp.Hi, e.Ramp.Lo)
					}
					if cov == "pilot" && !e.Fraction.Fixed() {
						f.fraction = key(j, "fraction", e.Fraction.Lo, e.Fraction.Hi, e.Fraction.Lo)
					}
					if trig && !e.Threshold.Fixed() {
						f.threshold = key(j, "threshold", e.Threshold.Lo, e.Threshold.Hi, e.Threshold.Lo)
					}
					forms = append(forms, f)
				}
			}
		}
		o.forms = append(o.forms, forms)
		o.slots = append(o.slots, s)
	}
	for _, pp := range o.Params {
		p := pp.Param
		d := table.Decision{Name: p.Key, Kind: table.DecisionReal, Min: pp.Range.Lo, Max: pp.Range.Hi}
		if p.Kind == "int" {
			d.Kind = table.DecisionInt
		}
		lo, hi := pp.Range.Lo, pp.Range.Hi
		if pp.Values != nil {
			d = table.Decision{Name: p.Key, Kind: table.DecisionChoice}
			for _, v := range pp.Values {
				d.Choices = append(d.Choices, fmtF(v))
			}
			lo, hi = slices.Min(pp.Values), slices.Max(pp.Values)
		}
		o.paramDec = append(o.paramDec, dec(d))
		params = append(params, p)
		factors = append(factors, table.SweepFactor{Key: p.Key, Kind: p.Kind, Min: lo, Max: hi})
		off = append(off, lo)
		o.paramPt = append(o.paramPt, len(params)-1)
	}
	if err := cfg.Validate(); err != nil {
		return &InputError{File: o.File, Msg: fmt.Sprintf("the template every package is run from: %v", err)}
	}
	o.Template, o.TemplateParams, o.Factors, o.off = tpl, params, factors, off
	return nil
}

// separations are what the entry's form mask brings, in the order
// scenario files list them; never nil, which would mean the kind's
// default.
func (e *CandidateEntry) separations(mask int) []string {
	out := []string{}
	for _, s := range sim.SeparationNames() {
		i := slices.Index(e.Choose, s)
		if slices.Contains(e.Separations, s) || i >= 0 && mask&(1<<i) != 0 {
			out = append(out, s)
		}
	}
	return out
}

// form returns the form entry ei takes in candidate x, and false when x
// leaves the entry out.
func (o *Optimisation) form(ei int, x []float64) (form, bool) {
	e, s := &o.Entries[ei], &o.slots[ei]
	if s.sw >= 0 && x[s.sw] == 0 {
		return form{}, false
	}
	ci := 0
	if s.coverage >= 0 {
		ci = int(x[s.coverage])
	}
	mask := 0
	for i, d := range s.choose {
		if x[d] == 1 {
			mask |= 1 << i
		}
	}
	nt, ti := 1, 0
	if e.TriggerSwitch {
		nt, ti = 2, int(x[s.trigger])
	}
	return o.forms[ei][(ci<<len(e.Choose)+mask)*nt+ti], true
}

// Point is candidate x (one value per decision, a choice by its option's
// index) as the template's point: the forms it takes switched on with its
// values, every other form off, the policy parameters set. Candidates that
// differ only in decisions that do not matter have the same point.
func (o *Optimisation) Point(x []float64) []float64 {
	pt := slices.Clone(o.off)
	for ei := range o.Entries {
		f, on := o.form(ei, x)
		if !on {
			continue
		}
		e, s := &o.Entries[ei], &o.slots[ei]
		value := func(slot int, r Range) float64 {
			if slot < 0 {
				return r.Lo
			}
			return x[slot]
		}
		pt[f.start] = value(s.start, e.Start)
		pt[f.intensity] = value(s.intensity, e.Intensity)
		for _, k := range []struct{ at, slot int }{{f.ramp, s.ramp}, {f.fraction, s.fraction}, {f.threshold, s.threshold}} {
			if k.at >= 0 {
				pt[k.at] = x[k.slot]
			}
		}
	}
	for i, v := range o.ParamValues(x) {
		pt[o.paramPt[i]] = v
	}
	return pt
}

// Active says which of candidate x's decisions matter: all of an entry's
// when the package holds it (the fraction only for a pilot, the threshold
// only with the trigger), only its switch when it does not.
func (o *Optimisation) Active(x []float64) []bool {
	act := make([]bool, len(o.Decisions))
	for ei := range o.Entries {
		e, s := &o.Entries[ei], &o.slots[ei]
		if s.sw >= 0 {
			act[s.sw] = true
		}
		f, on := o.form(ei, x)
		if !on {
			continue
		}
		for _, d := range append([]int{s.coverage, s.trigger, s.start, s.ramp, s.intensity}, s.choose...) {
			if d >= 0 {
				act[d] = true
			}
		}
		if s.fraction >= 0 && e.Coverage[f.coverage] == "pilot" {
			act[s.fraction] = true
		}
		if s.threshold >= 0 && f.trigger {
			act[s.threshold] = true
		}
	}
	for _, d := range o.paramDec {
		act[d] = true
	}
	return act
}

// Entries of candidate x: the reform entries its package adds to the
// base's, with their values, in the file's order.
func (o *Optimisation) PackageEntries(x []float64) []sim.ReformSpec {
	cfg := o.Template.Config
	if err := experiment.SetPoint(&cfg, o.TemplateParams, o.Point(x)); err != nil {
		panic("scenarios: a candidate's point does not fit the template: " + err.Error()) // Build checked every form
	}
	var out []sim.ReformSpec
	for ei := range o.Entries {
		if f, on := o.form(ei, x); on {
			out = append(out, cfg.Reforms[f.reform])
		}
	}
	return out
}

// ParamValues are the values candidate x gives the policy parameters, in
// the order of Params.
func (o *Optimisation) ParamValues(x []float64) []float64 {
	out := make([]float64, len(o.Params))
	for i, pp := range o.Params {
		out[i] = x[o.paramDec[i]]
		if pp.Values != nil {
			out[i] = pp.Values[int(out[i])]
		}
	}
	return out
}

// Package is candidate x as a scenario of its own: the base with the
// package's entries after its own and the policy parameters set. It runs
// as the template at x's point does, but for the villages a pilot covers
// (drawn from a stream of the entry's place in the schedule).
func (o *Optimisation) Package(x []float64, name string) (Scenario, error) {
	sc := o.Base
	sc.Name = name
	// The package is not the base: none of its looks.
	sc.Config.Name, sc.Config.Label, sc.Config.LabelZH, sc.Config.Color = name, name, "", ""
	sc.Config.Description, sc.Config.DescriptionZH = "", ""
	sc.Config.Reforms = append(slices.Clone(o.Base.Config.Reforms), o.PackageEntries(x)...)
	for i, v := range o.ParamValues(x) {
		if err := o.Params[i].Param.Set(&sc.Config, v); err != nil {
			return sc, err
		}
	}
	return sc, sc.Config.Validate()
}

// Adaptive reports whether candidate x's package starts a reform by a
// trigger rather than at a month.
func (o *Optimisation) Adaptive(x []float64) bool {
	for ei := range o.Entries {
		if f, on := o.form(ei, x); on && f.trigger {
			return true
		}
	}
	return false
}

// DecisionText is each of x's values as the tables write it: a choice by
// its option's name, a number in full.
func (o *Optimisation) DecisionText(x []float64) []string {
	out := make([]string, len(x))
	for i, d := range o.Decisions {
		switch d.Kind {
		case table.DecisionChoice:
			out[i] = d.Choices[int(x[i])]
		case table.DecisionInt:
			out[i] = strconv.Itoa(int(x[i]))
		default:
			out[i] = fmtF(x[i])
		}
	}
	return out
}

// Spec is the optimisation's identity as its output directory records it
// (optimise.json); version is the govsim that runs it.
func (o *Optimisation) Spec(version string) table.OptimisationSpec {
	s := table.OptimisationSpec{Govsim: version, Name: o.Name, Description: o.Description, Base: o.Base.ManifestScenario(),
		Template: o.Template.ManifestScenario(), Decisions: o.Decisions, Factors: o.Factors, Objectives: o.Objectives,
		Constraints: o.Constraints, Population: o.Population, Replicates: o.Replicates, Seed: o.Seed, Metrics: sim.DistrictMetrics()}
	s.Base.Description, s.Template.Description = "", ""
	return s
}
