package scenarios

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/experiment"
	"github.com/govsim/govsim/sim/table"
)

// TestOptimisationExample: the embedded example parses and builds, its
// decisions are the ones its comments describe, its measures are in
// display units, and its template is the base with every form off.
func TestOptimisationExample(t *testing.T) {
	o, err := ParseOptimisation("packages.toml", OptimisationExample(), "")
	if err != nil {
		t.Fatal(err)
	}
	if err := o.Build(); err != nil {
		t.Fatal(err)
	}
	if o.Population != 40 || o.Generations != 10 || o.Replicates != 2 || o.Base.Config.Months != 60 {
		t.Errorf("population %d, generations %d, replicates %d, months %d", o.Population, o.Generations, o.Replicates, o.Base.Config.Months)
	}
	var names []string
	for _, d := range o.Decisions {
		names = append(names, d.Name)
	}
	want := []string{"entry[0].switch", "entry[0].coverage", "entry[0].start", "entry[1].switch", "entry[1].choose.institutions",
		"entry[1].choose.assets", "entry[1].choose.finance", "entry[1].choose.functions", "entry[1].trigger_switch", "entry[1].start",
		"entry[1].intensity", "entry[1].threshold", "entry[2].switch", "entry[2].start", "reform.org_grant"}
	if !slices.Equal(names, want) {
		t.Errorf("decisions %v\nwant %v", names, want)
	}
	// Forms: 2 coverages of 村改居, 16 subsets × 2 of 政经分离, 1 of 政社分离.
	if n := len(o.Template.Config.Reforms); n != 2+32+1 {
		t.Errorf("%d forms in the template, want 35", n)
	}
	if f := o.Constraints[0]; f.Scale != 12e-6 || f.Unit != "M yuan/year" || f.Limit != 350 || f.From != 48 || f.To != 60 {
		t.Errorf("budget %+v: want M yuan/year over months 48–59", f)
	}
	for _, r := range o.Template.Config.Reforms {
		if r.Intensity != 0 || r.Start != never() {
			t.Errorf("template form %+v is not off", r)
		}
	}
	spec, again := o.Spec("test"), o.Spec("test")
	if spec.ID() != again.ID() || len(spec.Factors) != len(o.TemplateParams) {
		t.Errorf("spec %d factors for %d keys", len(spec.Factors), len(o.TemplateParams))
	}
}

// tinyOptimisation has every kind of decision: a switch, a coverage
// choice, optional separations, a trigger used or not, ranges of start,
// ramp, intensity and threshold, and a policy parameter among values.
const tinyOptimisation = `name = "tiny"
months = 30
window = [18, 30]
population = 8
generations = 2
set = ["district.villages=8"]

[[entry]]
kind = "cungaiju"
switch = true
start = [0, 12]
coverage = ["eligible", "all"]

[[entry]]
kind = "zhengjing"
switch = true
start = [0, 18]
ramp = [0, 6]
coverage = "all"
separations = ["personnel"]
choose = ["assets", "finance"]
intensity = [0.5, 1.0]
trigger = "vote_buying_total_rate >"
threshold = [0.0, 0.1]
trigger_switch = true

[[entry]]
kind = "zhengshe"
start = 6
coverage = "all"

[[param]]
key = "reform.audit_rate"
values = [0.5, 2]

[[objective]]
metric = "composite_index"
goal = "max"

[[objective]]
name = "cost"
metric = "fiscal_spending"
goal = "min"
district = true

[[constraint]]
metric = "petitions_per_1000"
at = 29
max = 1.0
`

func buildTiny(t *testing.T, text string) *Optimisation {
	t.Helper()
	o, err := ParseOptimisation("tiny.toml", []byte(text), "")
	if err != nil {
		t.Fatal(err)
	}
	if err := o.Build(); err != nil {
		t.Fatal(err)
	}
	return o
}

// everything keeps every value of a run: district and village, every month.
type everything struct{ v []float64 }

func (e *everything) District(_ int, v []float64) error { e.v = append(e.v, v...); return nil }
func (e *everything) Village(_, _ int, v []float64) error {
	e.v = append(e.v, v...)
	return nil
}

// runAll runs each configuration once on seed 3 and returns its values.
func runAll(t *testing.T, cfgs []sim.Config) [][]float64 {
	t.Helper()
	scs := make([]experiment.Scenario, len(cfgs))
	for i, c := range cfgs {
		scs[i] = experiment.Scenario{Name: string(rune('a' + i)), Config: c}
	}
	out := make([][]float64, len(cfgs))
	_, err := experiment.Run(context.Background(), experiment.Ensemble(scs, 0, 1, 3), experiment.Options{Ordered: true}, experiment.Recorder{
		New:  func(*experiment.Spec) sim.Observer { return &everything{} },
		Done: func(s *experiment.Spec, ob sim.Observer) error { out[s.Index] = ob.(*everything).v; return nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameBits(a, b []float64) bool {
	return slices.EqualFunc(a, b, func(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) })
}

// TestTemplateIsThePackage: the template with every form off runs as the
// base, bit for bit, and the template at a candidate's point runs as the
// candidate's package written as a scenario of its own — entries switched
// off, forms not chosen, triggers not used change nothing.
func TestTemplateIsThePackage(t *testing.T) {
	o := buildTiny(t, tinyOptimisation)
	// x: cungaiju switch, coverage, start; zhengjing switch, assets,
	// finance, trigger switch, start, ramp, intensity, threshold; audit
	// rate's option.
	cands := [][]float64{
		{0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5, 0, 0},
		{1, 0, 3, 1, 1, 0, 0, 5, 2, 0.8, 0.05, 1},
		{1, 1, 0, 1, 0, 1, 1, 2, 0, 1, 0.03, 0},
		{0, 1, 7, 1, 1, 1, 1, 0, 6, 0.5, 0.0, 1},
	}
	if len(cands[0]) != len(o.Decisions) {
		t.Fatalf("%d decisions", len(o.Decisions))
	}
	cfgs := []sim.Config{o.Base.Config, o.Template.Config}
	for i, x := range cands {
		tpl := o.Template.Config
		if err := experiment.SetPoint(&tpl, o.TemplateParams, o.Point(x)); err != nil {
			t.Fatal(err)
		}
		pkg, err := o.Package(x, "p")
		if err != nil {
			t.Fatal(err)
		}
		if n := len(pkg.Config.Reforms); n != 1+int(x[0])+int(x[3]) {
			t.Errorf("candidate %d: package of %d entries", i, n)
		}
		cfgs = append(cfgs, tpl, pkg.Config)
	}
	got := runAll(t, cfgs)
	if !sameBits(got[0], got[1]) {
		t.Error("the template with every form off differs from the base")
	}
	for i := range cands {
		if !sameBits(got[2+2*i], got[3+2*i]) {
			t.Errorf("candidate %d: the template at its point differs from its package", i)
		}
		if i > 0 && sameBits(got[2+2*i], got[0]) {
			t.Errorf("candidate %d changed nothing: the test would not see a wrong point", i)
		}
	}
	if !o.Adaptive(cands[3]) || o.Adaptive(cands[1]) {
		t.Error("adaptive: want candidate 3 (trigger on) and not 1")
	}
}

// TestPointIgnoresWhatDoesNotMatter: candidates that differ only in the
// decisions of an entry switched off, or a threshold whose trigger is not
// used, are one point; a decision that matters changes the point.
func TestPointIgnoresWhatDoesNotMatter(t *testing.T) {
	o := buildTiny(t, tinyOptimisation)
	a := []float64{0, 1, 7, 1, 1, 0, 0, 5, 2, 0.8, 0.05, 1}
	b := []float64{0, 0, 2, 1, 1, 0, 0, 5, 2, 0.8, 0.09, 1}
	if !slices.Equal(o.Point(a), o.Point(b)) {
		t.Error("entry 0 off and the threshold unused, yet the points differ")
	}
	act := o.Active(a)
	if act[1] || act[2] || !act[0] || act[10] || !act[9] || !act[11] {
		t.Errorf("active %v", act)
	}
	c := slices.Clone(a)
	c[9] = 0.9
	if slices.Equal(o.Point(a), o.Point(c)) {
		t.Error("the intensity of an entry switched on does not change the point")
	}
	if got := o.DecisionText(a); got[0] != "off" || got[1] != "all" || got[9] != "0.8" || got[11] != "2" {
		t.Errorf("decision text %v", got)
	}
}

// TestOptimisationBadInput: every problem of an optimisation file or flag
// is an *InputError naming the file, line and key, with what is allowed.
func TestOptimisationBadInput(t *testing.T) {
	replace := func(old, new string) string {
		if !strings.Contains(tinyOptimisation, old) {
			t.Fatalf("no %q in the file", old)
		}
		return strings.Replace(tinyOptimisation, old, new, 1)
	}
	for _, c := range []struct {
		name, file string
		flags      *OptimisationFlags
		line       int
		key, want  string
	}{
		{"unknown key", replace("population = 8", "populaton = 8"), nil, 4, "populaton", `did you mean "population"`},
		{"population not a multiple of 4", replace("population = 8", "population = 10"), nil, 4, "population", "multiple of 4"},
		{"zero generations", replace("generations = 2", "generations = 0"), nil, 5, "generations", "allowed integer in [1, 10000]"},
		{"unknown metric", replace(`metric = "composite_index"`, `metric = "composite_indx"`), nil, 37, "objective[0].metric", `did you mean "composite_index"`},
		{"constraint on an unknown metric", replace(`metric = "petitions_per_1000"`, `metric = "petitions"`), nil, 47, "constraint[0].metric", "unknown metric"},
		{"unknown parameter", replace(`key = "reform.audit_rate"`, `key = "reform.audit_rat"`), nil, 33, "param[0].key", `did you mean "reform.audit_rate"`},
		{"text parameter", replace(`key = "reform.audit_rate"`, `key = "reform.layout"`), nil, 33, "param[0].key", "text parameter"},
		{"inverted range", replace("start = [0, 18]", "start = [18, 0]"), nil, 17, "entry[1].start", "inverted"},
		{"empty range", replace("start = [0, 18]", "start = []"), nil, 17, "entry[1].start", "a list of 0 is not a range"},
		{"one-value range", replace("intensity = [0.5, 1.0]", "intensity = [0.5, 0.5]"), nil, 22, "entry[1].intensity", "one value"},
		{"range out of bounds", replace("intensity = [0.5, 1.0]", "intensity = [0.5, 1.5]"), nil, 22, "entry[1].intensity", "allowed [0, 1]"},
		{"trigger on an unknown metric", replace(`trigger = "vote_buying_total_rate >"`, `trigger = "vote_buying >"`), nil, 23, "entry[1].trigger", "unknown village metric"},
		{"malformed comparison", replace(`trigger = "vote_buying_total_rate >"`, `trigger = "vote_buying_total_rate => 1"`), nil, 23, "entry[1].trigger", "not a comparison"},
		{"unknown kind", replace(`kind = "zhengshe"`, `kind = "zhengshi"`), nil, 28, "entry[2].kind", "zhengshe"},
		{"coverage not allowed", replace(`coverage = ["eligible", "all"]`, `coverage = ["eligible", "most"]`), nil, 12, "entry[0].coverage", `"most" is not allowed`},
		{"separation chosen and fixed", replace(`separations = ["personnel"]`, `separations = ["personnel", "assets"]`), nil, 21, "entry[1].choose", "not both"},
		{"trigger switch without trigger", replace(`kind = "zhengshe"`, "kind = \"zhengshe\"\ntrigger_switch = true"), nil, 29, "entry[2].trigger_switch", "no trigger"},
		{"end", replace(`kind = "zhengshe"`, "kind = \"zhengshe\"\nend = 20"), nil, 29, "entry[2].end", "not reversed"},
		{"goal", replace(`goal = "max"`, `goal = "most"`), nil, 38, "objective[0].goal", "max (maximise) | min (minimise)"},
		{"constraint without bound", replace("max = 1.0", ""), nil, 46, "constraint[0].max", "missing bound"},
		{"two names alike", replace(`name = "cost"`, `name = "composite_index"`), nil, 41, "objective[1].name", "names two"},
		{"window beyond the run", replace("window = [18, 30]", "window = [18, 31]"), nil, 3, "window", "beyond the 30-month run"},
		{"measure beyond the run", replace("at = 29", "at = 30"), nil, 48, "constraint[0].at", "outside the 30-month run"},
		{"decided and set", replace(`set = ["district.villages=8"]`, `set = ["district.villages=8", "reform.audit_rate=1"]`), nil, 33, "param[0].key", "both set"},
		{"sum of different units", replace(`metric = "petitions_per_1000"`, "name = \"x\"\nmetric = \"petitions_per_1000 + fiscal_spending\""), nil, 48, "constraint[0].metric", "different units"},
		{"no objective", strings.Split(tinyOptimisation, "[[objective]]")[0], nil, 0, "objective", "at least one"},
		{"-population", tinyOptimisation, &OptimisationFlags{Population: 6, HasPopulation: true}, 0, "", "multiple of 4"},
		{"-generations", tinyOptimisation, &OptimisationFlags{Generations: 0, HasGenerations: true}, 0, "", "allowed 1 to"},
	} {
		t.Run(c.name, func(t *testing.T) {
			o, err := ParseOptimisation("tiny.toml", []byte(c.file), "")
			if err == nil && c.flags != nil {
				err = o.Override(*c.flags)
			}
			if err == nil {
				err = o.Build()
			}
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("got %v, want an *InputError", err)
			}
			if ie.Line != c.line || ie.Key != c.key || !strings.Contains(ie.Error(), c.want) {
				t.Errorf("got %q (line %d, key %q); want line %d, key %q, containing %q", ie.Error(), ie.Line, ie.Key, c.line, c.key, c.want)
			}
			if c.flags == nil && ie.File != "tiny.toml" {
				t.Errorf("file %q", ie.File)
			}
		})
	}
}

// TestPackageRoundTrip: a package written as a scenario file reads back as
// the same configuration (what govsim explore -packages runs).
func TestPackageRoundTrip(t *testing.T) {
	o := buildTiny(t, tinyOptimisation)
	pkg, err := o.Package([]float64{1, 1, 3, 1, 0, 1, 1, 5, 2, 0.8, 0.05, 1}, "package-1")
	if err != nil {
		t.Fatal(err)
	}
	pkg.Config.Name = "package-1"
	back, err := Parse("package-1.toml", Format(pkg.Config), "")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(Format(back.Config)), string(Format(pkg.Config)); got != want {
		t.Errorf("read back differs:\n%s\nwant\n%s", got, want)
	}
	if back.Config.Reform.AuditRate != 2 || len(back.Config.Reforms) != 3 {
		t.Errorf("read back: audit rate %v, %d entries", back.Config.Reform.AuditRate, len(back.Config.Reforms))
	}
}

// FuzzParseOptimisation: any file is either refused as an *InputError or
// builds into an optimisation whose every candidate is a point that fits
// the template.
func FuzzParseOptimisation(f *testing.F) {
	var lines []string
	for _, l := range strings.Split(string(OptimisationExample()), "\n") {
		if t := strings.TrimSpace(l); t != "" && t[0] != '#' {
			lines = append(lines, l)
		}
	}
	f.Add([]byte(strings.Join(lines, "\n")))
	f.Add([]byte(tinyOptimisation))
	f.Add([]byte(strings.Replace(tinyOptimisation, `coverage = "all"`, "coverage = [\"pilot\", \"all\"]\nfraction = [0.2, 0.6]", 1)))
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := noFiles().parseOptimisation("fuzz.toml", data, "")
		if err == nil {
			if err = o.Build(); err == nil {
				if len(o.Decisions) == 0 || len(o.Objectives) == 0 || len(o.Factors) != len(o.TemplateParams) || o.Population%4 != 0 {
					t.Fatalf("accepted %d decisions, %d objectives, %d factors for %d keys", len(o.Decisions), len(o.Objectives), len(o.Factors), len(o.TemplateParams))
				}
				// The corners: every decision at its low end, then its high one.
				for _, hi := range []bool{false, true} {
					x := make([]float64, len(o.Decisions))
					for i, d := range o.Decisions {
						switch {
						case d.Kind == table.DecisionChoice && hi:
							x[i] = float64(len(d.Choices) - 1)
						case d.Kind == table.DecisionChoice:
						case hi:
							x[i] = d.Max
						default:
							x[i] = d.Min
						}
					}
					cfg := o.Template.Config
					if err := experiment.SetPoint(&cfg, o.TemplateParams, o.Point(x)); err != nil {
						t.Fatalf("candidate %v does not fit the template: %v", x, err)
					}
					if _, err := o.Package(x, "p"); err != nil {
						t.Fatalf("candidate %v has no package: %v", x, err)
					}
				}
				return
			}
		}
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Fatalf("error %v is a %T, not an *InputError", err, err)
		}
	})
}
