package scenarios

import (
	"errors"
	"strings"
	"testing"

	"github.com/govsim/govsim/scenarios/design"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/experiment"
)

func teachingSet(t *testing.T, months int) []Scenario {
	t.Helper()
	scs, err := LoadAll(nil, months)
	if err != nil {
		t.Fatal(err)
	}
	return scs
}

// The default design samples every uncertain parameter over its plausible
// range; the sweep it makes is an LHS with per-point seeds that every
// scenario accepts at every point.
func TestExploreDefault(t *testing.T) {
	r := UncertainRanges()
	params := sim.RobustnessParams()
	if len(r.Factors) != len(params) || len(r.Params) != len(params) || len(params) < 50 {
		t.Fatalf("%d factors, %d params for %d uncertain parameters", len(r.Factors), len(r.Params), len(params))
	}
	for i, f := range r.Factors {
		p := r.Params[i]
		if f.Key != p.Key || f.Min != p.PlausLo || f.Max != p.PlausHi || f.Dist != design.DistUniform || !p.Uncertain() {
			t.Errorf("factor %d: %+v for %s [%v, %v]", i, f, p.Key, p.PlausLo, p.PlausHi)
		}
	}
	e := Explore{Scenarios: teachingSet(t, 24), Ranges: r, Samples: 16, Replicates: 2, Seed: 7, Window: 12}
	sw, err := e.Sweep()
	if err != nil {
		t.Fatal(err)
	}
	plan, err := sw.Build()
	if err != nil {
		t.Fatal(err)
	}
	spec := plan.Spec("test", false)
	if spec.Name != ExploreName || spec.Design != "lhs" || spec.Seeds != experiment.SeedsPerPoint || len(spec.Points) != 16 ||
		len(spec.Scenarios) != 5 || spec.Replicates != 2 || spec.Window != 12 || spec.Runs() != 160 {
		t.Fatalf("spec %s %s %s: %d points, %d scenarios, %d replicates, window %d", spec.Name, spec.Design, spec.Seeds,
			len(spec.Points), len(spec.Scenarios), spec.Replicates, spec.Window)
	}
	for _, pt := range spec.Points {
		for j, v := range pt {
			if f := r.Factors[j]; v < f.Min || v > f.Max {
				t.Fatalf("%s = %v outside [%v, %v]", f.Key, v, f.Min, f.Max)
			}
		}
	}
	// The same options give the same sweep; another seed another design.
	again, _ := e.Sweep()
	p2, err := again.Build()
	if err != nil {
		t.Fatal(err)
	}
	if s2 := p2.Spec("test", false); s2.ID() != spec.ID() {
		t.Error("the same exploratory design has another identity")
	}
	e.Seed = 8
	other, _ := e.Sweep()
	p3, err := other.Build()
	if err != nil {
		t.Fatal(err)
	}
	if p3.Spec("test", false).Points[0][0] == spec.Points[0][0] {
		t.Error("another seed gave the same design")
	}
}

func TestExploreRefuses(t *testing.T) {
	scs := teachingSet(t, 24)
	for name, e := range map[string]Explore{
		"too few samples": {Scenarios: scs, Ranges: UncertainRanges(), Samples: MinExploreSamples - 1, Replicates: 1},
		"one scenario":    {Scenarios: scs[:1], Ranges: UncertainRanges(), Samples: 8, Replicates: 1},
	} {
		_, err := e.Sweep()
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Errorf("%s: %v, want bad input", name, err)
		}
	}
}

const goodRanges = `# what a reviewer doubts most
[[factor]]
key = "reform.audit_rate"
min = 0.0
max = 0.3

[[factor]]
key = "economy.land_price"
dist = "loguniform"
min = 200000.0
max = 1200000.0
`

func TestParseRanges(t *testing.T) {
	r, err := ParseRanges("r.toml", []byte(goodRanges))
	if err != nil {
		t.Fatal(err)
	}
	if r.File != "r.toml" || len(r.Factors) != 2 || r.Factors[0].Key != "reform.audit_rate" || r.Factors[0].Dist != design.DistUniform ||
		r.Factors[1].Dist != design.DistLogUniform || r.Factors[1].Min != 200000 || r.Params[1].Key != "economy.land_price" {
		t.Fatalf("%+v", r)
	}
	for _, p := range r.Params {
		if !p.Uncertain() {
			t.Errorf("%s is not uncertain", p.Key)
		}
	}
	e := Explore{Scenarios: teachingSet(t, 24), Ranges: r, Samples: 8, Replicates: 1, Seed: 1, Window: 12}
	sw, err := e.Sweep()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sw.Build(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sw.Description, "2 parameters in r.toml") {
		t.Errorf("description %q", sw.Description)
	}
}

// Every refusal names the file, the line and the key, and what is allowed.
func TestParseRangesRefuses(t *testing.T) {
	var calibration, structure string
	for _, p := range sim.Params() {
		switch {
		case calibration == "" && p.Class == "calibration" && p.Kind == "float":
			calibration = p.Key
		case structure == "" && p.Class == "structure" && p.Kind == "float" && p.HasPlausible():
			structure = p.Key
		}
	}
	for _, c := range []struct {
		name, src, want string
		line            int
	}{
		{"unknown parameter", "[[factor]]\nkey = \"reform.audit_rat\"\nmin = 0.0\nmax = 0.1\n", `factor[0].key: unknown parameter "reform.audit_rat" (did you mean "reform.audit_rate"?)`, 2},
		{"calibration parameter", "[[factor]]\nkey = \"" + calibration + "\"\nmin = 0.1\nmax = 0.2\n", "is not an uncertain parameter", 2},
		{"structure parameter", "[[factor]]\nkey = \"" + structure + "\"\nmin = 0.1\nmax = 0.2\n", "is not an uncertain parameter", 2},
		{"outside the allowed range", "[[factor]]\nkey = \"reform.audit_rate\"\nmin = 0.0\nmax = 20.0\n", "factor[0].max: reform.audit_rate = 20 is out of range: allowed [0, 12]", 4},
		{"normal", "[[factor]]\nkey = \"reform.audit_rate\"\ndist = \"normal\"\nmin = 0.0\nmax = 0.3\n", `factor[0].dist: "normal" is not allowed`, 3},
		{"values", "[[factor]]\nkey = \"reform.audit_rate\"\nvalues = [0.1, 0.2]\n", "factor[0].values: explore samples a range evenly and takes no values; allowed keys key, dist, min, max", 3},
		{"unknown top-level key", "samples = 3\n[[factor]]\nkey = \"reform.audit_rate\"\nmin = 0.0\nmax = 0.3\n", `samples: unknown key "samples": a ranges file holds only [[factor]] tables`, 1},
		{"no factors", "# nothing\n", "no [[factor]] tables", 0},
		{"empty range", "[[factor]]\nkey = \"reform.audit_rate\"\nmin = 0.2\nmax = 0.1\n", "empty range", 4},
		{"twice", "[[factor]]\nkey = \"reform.audit_rate\"\nmin = 0.0\nmax = 0.1\n[[factor]]\nkey = \"reform.audit_rate\"\nmin = 0.0\nmax = 0.2\n", "is varied twice", 6},
		{"syntax", "[[factor]\n", "TOML syntax", 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseRanges("r.toml", []byte(c.src))
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("%v, want bad input", err)
			}
			if !strings.Contains(err.Error(), c.want) || ie.File != "r.toml" || ie.Line != c.line {
				t.Errorf("got %q (line %d), want %q at line %d", err, ie.Line, c.want, c.line)
			}
			if strings.Contains(c.want, "not an uncertain") && !strings.Contains(err.Error(), "govsim params marks them") {
				t.Errorf("%q does not say where the uncertain parameters are listed", err)
			}
		})
	}
}

func TestApplyScale(t *testing.T) {
	scs := teachingSet(t, 12)
	if err := ApplyScale(scs, ScaleScenario); err != nil || scs[0].Config.District.Scale == 1 {
		t.Fatalf("scenario scale changed the scenarios: %v", err)
	}
	if err := ApplyScale(scs, ScaleFull); err != nil {
		t.Fatal(err)
	}
	for _, sc := range scs {
		d := sc.Config.District
		if d.Scale != 1 || d.Villages != d.ReferenceUnits {
			t.Errorf("%s at full scale: %d units at %v people an agent", sc.Name, d.Villages, d.Scale)
		}
	}
	full, err := Load("nanhai-full")
	if err != nil {
		t.Fatal(err)
	}
	if d := full.Config.District; d.Villages != scs[0].Config.District.Villages || d.Scale != 1 {
		t.Errorf("-scale full is not nanhai-full's size: %d units at %v", d.Villages, d.Scale)
	}
	var ie *InputError
	if err := ApplyScale(scs, "half"); !errors.As(err, &ie) || !strings.Contains(err.Error(), "scenario | full") {
		t.Errorf("-scale half: %v", err)
	}
}

// A scenario that sets a parameter explore varies is told that its value
// gives way to the design's.
func TestExploreShadowed(t *testing.T) {
	sc, err := Parse("mine.toml", []byte("extends = \"zhengjing\"\nname = \"mine\"\n[reform]\naudit_rate = 0.2\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	e := Explore{Scenarios: append(teachingSet(t, 12), sc), Ranges: UncertainRanges()}
	notes := e.Shadowed()
	if len(notes) != 1 || !strings.Contains(notes[0], "scenario mine sets reform.audit_rate = 0.2") {
		t.Errorf("notes %q", notes)
	}
	r, err := ParseRanges("r.toml", []byte("[[factor]]\nkey = \"economy.land_price\"\nmin = 500000.0\nmax = 900000.0\n"))
	if err != nil {
		t.Fatal(err)
	}
	e.Ranges = r
	if notes := e.Shadowed(); len(notes) != 0 {
		t.Errorf("a parameter the design does not vary: %q", notes)
	}
}

func TestPlanExplore(t *testing.T) {
	a := ExploreArgs{Months: 24, Scale: ScaleScenario, Reference: Reference, Samples: 8, Replicates: 1, Seed: 2, Window: 12, Set: []string{"reform.audit_rate=0.5"}}
	plan, notes, err := PlanExplore(a)
	if err != nil {
		t.Fatal(err)
	}
	if plan.Runs() != 8*5 || len(notes) != 5 || !strings.Contains(notes[0], "reform.audit_rate = 0.5") {
		t.Errorf("%d runs, notes %q", plan.Runs(), notes)
	}
	a.Reference = "nosuch"
	var ie *InputError
	if _, _, err := PlanExplore(a); !errors.As(err, &ie) || !strings.Contains(err.Error(), "allowed baseline, cungaiju") {
		t.Errorf("unknown reference: %v", err)
	}
	a.Reference, a.Ranges = Reference, "no/such/ranges.toml"
	if _, _, err := PlanExplore(a); !errors.As(err, &ie) || !strings.Contains(err.Error(), "cannot read the ranges file") {
		t.Errorf("missing ranges file: %v", err)
	}
}
