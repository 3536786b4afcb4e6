package scenarios

import (
	"errors"
	"strings"
	"testing"
)

// TestCalibrationExample: the embedded example parses and builds, at the
// scenarios' own length and with -months 60 (the speed benchmark's), each
// scenario runs only as long as its targets need, and district totals are
// scaled to the reference district.
func TestCalibrationExample(t *testing.T) {
	c, err := ParseCalibration("nanhai.toml", CalibrationExample(), "")
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Override(CalibrationFlags{Months: 60}); err != nil {
		t.Fatal(err)
	}
	if err := c.Build(); err != nil {
		t.Fatal(err)
	}
	if len(c.Targets) != 6 || len(c.Priors) != 12 || c.Particles != 200 || c.Generations != 4 {
		t.Fatalf("%d targets, %d priors, %d particles, %d generations", len(c.Targets), len(c.Priors), c.Particles, c.Generations)
	}
	months := map[string]int{}
	for _, sc := range c.Scenarios {
		months[sc.Name] = sc.Config.Months
	}
	if months["baseline"] != 60 || months["cungaiju"] != 13 || len(months) != 2 {
		t.Errorf("scenario months %v, want baseline 60 (its targets end at month 59) and cungaiju 13", months)
	}
	for _, tg := range c.Targets {
		want := 1.0
		if tg.District {
			want = 282.0 / 60 // teaching scale: 60 units
		}
		if tg.Scale != want {
			t.Errorf("target %s: scale %v, want %v", tg.Name, tg.Scale, want)
		}
	}
	for i, p := range c.Params {
		if c.Priors[i].Min != p.PlausLo || c.Priors[i].Max != p.PlausHi {
			t.Errorf("prior of %s: [%v, %v], want its plausible range [%v, %v]", p.Key, c.Priors[i].Min, c.Priors[i].Max, p.PlausLo, p.PlausHi)
		}
	}
	spec := c.Spec("test")
	again := c.Spec("test")
	if spec.ID() != again.ID() || len(spec.Scenarios) != 2 || spec.Quantile != 0.5 || spec.Kernel != "global" {
		t.Errorf("spec %+v", spec)
	}
}

const goodCalibration = `name = "t"
particles = 20
generations = 2

[[target]]
name = "mix"
metric = "disputes_membership_per_1000 + disputes_dividend_per_1000"
per = "disputes_opened_per_1000"
from = 0
to = 24
observed = 0.7
tolerance = 0.1

[[prior]]
key = "economy.lambda0"
`

// TestCalibrationBadInput: every problem of a calibration file or flag is
// an *InputError naming the file, line and key, with what is allowed.
func TestCalibrationBadInput(t *testing.T) {
	replace := func(old, new string) string { return strings.Replace(goodCalibration, old, new, 1) }
	for _, c := range []struct {
		name, file string
		flags      CalibrationFlags
		line       int
		key, want  string
	}{
		{name: "unknown metric", file: replace("disputes_opened_per_1000", "disputes_openned_per_1000"), line: 8, key: "target[0].per", want: `unknown metric "disputes_openned_per_1000" (did you mean "disputes_opened_per_1000"?)`},
		{name: "unknown parameter", file: replace("economy.lambda0", "economy.lamda0"), line: 15, key: "prior[0].key", want: `unknown parameter "economy.lamda0" (did you mean "economy.lambda0"?)`},
		{name: "inverted range", file: goodCalibration + "min = 0.6\nmax = 0.3\n", line: 17, key: "prior[0].max", want: "empty range: min = 0.6 is not below max = 0.3"},
		{name: "empty range", file: goodCalibration + "min = 0.4\nmax = 0.4\n", line: 17, key: "prior[0].max", want: "empty range"},
		{name: "range outside the allowed", file: goodCalibration + "min = -1\nmax = 0.4\n", line: 16, key: "prior[0].min", want: "allowed"},
		{name: "zero tolerance", file: replace("tolerance = 0.1", "tolerance = 0"), line: 12, key: "target[0].tolerance", want: "0 is not above 0"},
		{name: "negative tolerance", file: replace("tolerance = 0.1", "tolerance = -0.1"), line: 12, key: "target[0].tolerance", want: "-0.1 is not above 0"},
		{name: "window outside the run", file: goodCalibration, flags: CalibrationFlags{Months: 12}, line: 10, key: "target[0].to", want: "reads months 0–23, outside the 12-month run of scenario baseline (-months); allowed windows ending by month 12"},
		{name: "month outside the run", file: replace("from = 0\nto = 24", "at = 300"), line: 9, key: "target[0].at", want: "reads month 300, outside the 240-month run"},
		{name: "empty window", file: replace("to = 24", "to = 0"), line: 10, key: "target[0].to", want: "empty window"},
		{name: "at and from", file: replace("from = 0", "at = 3\nfrom = 0"), line: 9, key: "target[0].at", want: "alternatives"},
		{name: "too few particles", file: replace("particles = 20", "particles = 19"), line: 2, key: "particles", want: "19 is out of range: allowed integer in [20, 1000000]"},
		{name: "zero generations", file: replace("generations = 2", "generations = 0"), line: 3, key: "generations", want: "0 is out of range: allowed integer in [1, 1000]"},
		{name: "-particles", file: goodCalibration, flags: CalibrationFlags{Particles: 10, HasParticles: true}, key: "", want: "-particles: 10 is out of range: allowed 20 to 1000000"},
		{name: "-generations", file: goodCalibration, flags: CalibrationFlags{HasGenerations: true}, want: "-generations: 0 is out of range"},
		{name: "-min-acceptance", file: goodCalibration, flags: CalibrationFlags{MinAcceptance: 1, HasMinAcceptance: true}, want: "-min-acceptance: 1 is out of range"},
		{name: "no target", file: strings.Split(goodCalibration, "[[target]]")[0] + "[[prior]]\nkey = \"economy.lambda0\"\n", key: "target", want: "no [[target]] tables"},
		{name: "no prior", file: strings.Split(goodCalibration, "[[prior]]")[0], key: "prior", want: "no [[prior]] tables"},
		{name: "unknown key", file: replace("particles", "particle"), line: 2, key: "particle", want: `unknown key "particle" (did you mean "particles"?)`},
		{name: "unknown target key", file: replace("observed", "observd"), line: 11, key: "target[0].observd", want: `(did you mean "observed"?)`},
		{name: "missing observed", file: replace("observed = 0.7\n", ""), line: 5, key: "target[0].observed", want: "missing"},
		{name: "a sum needs a name", file: replace("name = \"mix\"\n", ""), line: 5, key: "target[0]", want: "needs a name"},
		{name: "name not an identifier", file: replace(`name = "mix"`, `name = "a mix"`), line: 6, key: "target[0].name", want: "not an identifier"},
		{name: "unknown scenario", file: replace("from = 0", "scenario = \"cungaju\"\nfrom = 0"), line: 9, key: "target[0].scenario", want: `unknown scenario "cungaju" (did you mean "cungaiju"?)`},
		{name: "integer parameter", file: replace("economy.lambda0", "election.interval"), line: 15, key: "prior[0].key", want: "a prior is over a continuous parameter"},
		{name: "no plausible range", file: replace("economy.lambda0", "district.migrant_ratio"), line: 14, key: "prior[0]", want: "has no plausible range to default to"},
		{name: "twice", file: goodCalibration + "\n[[prior]]\nkey = \"economy.lambda0\"\n", line: 18, key: "prior[1].key", want: "has two priors"},
		{name: "normal without sd", file: goodCalibration + "dist = \"normal\"\nmean = 0.4\n", line: 14, key: "prior[0].sd", want: "missing"},
		{name: "set", file: "set = [\"economy.lamda0=1\"]\n" + goodCalibration, line: 1, key: "set", want: "unknown"},
		{name: "kernel", file: "kernel = \"near\"\n" + goodCalibration, line: 1, key: "kernel", want: "allowed global | local"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cal, err := noFiles().parseCalibration("cal.toml", []byte(c.file), "")
			if err == nil {
				if err = cal.Override(c.flags); err == nil {
					err = cal.Build()
				}
			}
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is not an *InputError", err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not say %q", err, c.want)
			}
			if c.line > 0 && (ie.Line != c.line || ie.Key != c.key) {
				t.Errorf("error at line %d key %q, want line %d key %q: %v", ie.Line, ie.Key, c.line, c.key, err)
			}
		})
	}
	cal, err := noFiles().parseCalibration("cal.toml", []byte(goodCalibration), "")
	if err != nil {
		t.Fatal(err)
	}
	if err := cal.Build(); err != nil {
		t.Fatal(err)
	}
	if cal.Scenarios[0].Config.Months != 24 || cal.Targets[0].Scenario != "baseline" {
		t.Errorf("months %d, scenario %s", cal.Scenarios[0].Config.Months, cal.Targets[0].Scenario)
	}
}

// FuzzParseCalibration: no calibration file makes the parser or Build
// panic; every error is an *InputError; what Build accepts has targets,
// priors within their parameters' ranges and windows within the runs.
func FuzzParseCalibration(f *testing.F) {
	var lines []string
	for _, l := range strings.Split(string(CalibrationExample()), "\n") {
		if t := strings.TrimSpace(l); t != "" && t[0] != '#' {
			lines = append(lines, l)
		}
	}
	f.Add([]byte(strings.Join(lines, "\n")))
	f.Add([]byte(goodCalibration))
	f.Add([]byte(goodCalibration + "dist = \"loguniform\"\nmin = 0.3\nmax = 0.6\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := noFiles().parseCalibration("fuzz.toml", data, "")
		if err == nil {
			if err = c.Build(); err == nil {
				if len(c.Targets) == 0 || len(c.Priors) == 0 || len(c.Priors) != len(c.Params) {
					t.Fatalf("accepted %d targets, %d priors", len(c.Targets), len(c.Priors))
				}
				for _, tg := range c.Targets {
					if !(tg.Tolerance > 0) || tg.To <= tg.From {
						t.Fatalf("accepted target %+v", tg)
					}
					for _, sc := range c.Scenarios {
						if sc.Name == tg.Scenario && tg.To > sc.Config.Months {
							t.Fatalf("target %s ends after scenario %s's %d months", tg.Name, sc.Name, sc.Config.Months)
						}
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
