package scenarios

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/experiment"
)

// TestSweepExamples: every embedded example parses, builds, and has the
// number of runs its comment promises.
func TestSweepExamples(t *testing.T) {
	want := map[string]int{"grid": 54, "lhs": 160, "morris": 70, "saltelli": 192}
	if got := strings.Join(SweepExamples(), " "); got != "grid lhs morris saltelli" {
		t.Fatalf("examples: %s", got)
	}
	for _, kind := range SweepExamples() {
		b, err := SweepExample(kind)
		if err != nil {
			t.Fatal(err)
		}
		sw, err := ParseSweep(kind+".toml", b, "")
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		if string(sw.Design) != kind {
			t.Errorf("%s: design %q", kind, sw.Design)
		}
		p, err := sw.Build()
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		if p.Runs() != want[kind] {
			t.Errorf("%s: %d runs, want %d", kind, p.Runs(), want[kind])
		}
		if !strings.Contains(string(b), "Runs: ") || !strings.Contains(string(b), " = "+strconv.Itoa(want[kind])+".") {
			t.Errorf("%s: the comment does not give the %d runs", kind, want[kind])
		}
		// The copy in docs/ is the same file.
		doc, err := os.ReadFile(filepath.Join("..", "docs", "sweeps", kind+".toml"))
		if err != nil || string(doc) != string(b) {
			t.Errorf("docs/sweeps/%s.toml differs from the embedded example (cp scenarios/sweeps/*.toml docs/sweeps/)", kind)
		}
	}
	if _, err := SweepExample("nosuch"); err == nil || !strings.Contains(err.Error(), "grid | lhs") {
		t.Errorf("unknown example: %v", err)
	}
}

const goodSweep = `name = "t"
scenarios = ["baseline", "zhengjing"]
design = "lhs"
samples = 4
replicates = 2
months = 24
window = 12

[[factor]]
key = "economy.lambda0"
min = 0.2
max = 0.6

[[factor]]
key = "opinion.meetings"
min = 0
max = 3
`

func TestSweepGood(t *testing.T) {
	sw, err := ParseSweep("good.toml", []byte(goodSweep), "")
	if err != nil {
		t.Fatal(err)
	}
	p, err := sw.Build()
	if err != nil {
		t.Fatal(err)
	}
	if p.Runs() != 4*2*2 || sw.Factors[1].Dist != "int" || sw.Scenarios[1].Config.Months != 24 || sw.Seed != 1 || sw.Seeds != experiment.SeedsCommon {
		t.Fatalf("plan: runs %d, %+v", p.Runs(), sw)
	}
	for _, pt := range p.Design.Points {
		if m := pt.Values[1]; m != float64(int(m)) {
			t.Fatalf("an integer parameter got %v", m)
		}
	}
	// The design follows the master seed unless design_seed is given.
	sw2, _ := ParseSweep("good.toml", []byte(goodSweep), "")
	sw2.Seed = 2
	p2, _ := sw2.Build()
	if p2.Design.Points[0].Values[0] == p.Design.Points[0].Values[0] {
		t.Error("a new master seed kept the design")
	}
	sw3, _ := ParseSweep("good.toml", []byte("design_seed = 5\n"+goodSweep), "")
	sw4, _ := ParseSweep("good.toml", []byte("design_seed = 5\n"+goodSweep), "")
	sw4.Seed = 9
	p3, _ := sw3.Build()
	p4, _ := sw4.Build()
	if p3.Design.Points[0].Values[0] != p4.Design.Points[0].Values[0] {
		t.Error("design_seed did not fix the design")
	}
}

func TestRunSeed(t *testing.T) {
	if experiment.RunSeed(experiment.SeedsCommon, 42, 7) != 42 {
		t.Error("common seeds are not the master seed")
	}
	seen := map[uint64]bool{}
	for pt := 0; pt < 1000; pt++ {
		s := experiment.RunSeed(experiment.SeedsPerPoint, 42, pt)
		if seen[s] || s == 42 {
			t.Fatalf("per-point seed of point %d repeats", pt)
		}
		seen[s] = true
		if experiment.RunSeed(experiment.SeedsPerPoint, 42, pt) != s {
			t.Fatal("per-point seeds are not a function of (master, point)")
		}
	}
	if experiment.RunSeed(experiment.SeedsPerPoint, 43, 0) == experiment.RunSeed(experiment.SeedsPerPoint, 42, 0) {
		t.Error("per-point seeds ignore the master seed")
	}
}

// TestSweepBadInput: every kind of bad sweep file gets an *InputError on
// one line naming the file, the line and the key.
func TestSweepBadInput(t *testing.T) {
	base := "scenarios = [\"baseline\"]\nmonths = 24\nwindow = 12\n"
	lhs := base + "design = \"lhs\"\nsamples = 4\n"
	factor := "[[factor]]\nkey = \"economy.lambda0\"\nmin = 0.2\nmax = 0.6\n"
	for _, tc := range []struct {
		name, text string
		line       int
		want       []string
	}{
		{"unknown key", lhs + "replicate = 2\n" + factor, 6, []string{"replicate", "did you mean \"replicates\""}},
		{"unknown factor key", lhs + factor + "dsit = \"normal\"\n", 10, []string{"factor[0].dsit", "did you mean \"dist\""}},
		{"unknown parameter", lhs + "[[factor]]\nkey = \"economy.lamda0\"\nmin = 0.2\nmax = 0.6\n", 7, []string{"factor[0].key", "economy.lamda0", "did you mean \"economy.lambda0\""}},
		{"text parameter", lhs + "[[factor]]\nkey = \"district.village_csv\"\nvalues = [1]\n", 7, []string{"factor[0].key", "text parameter"}},
		{"empty range", lhs + "[[factor]]\nkey = \"economy.lambda0\"\nmin = 0.5\nmax = 0.5\n", 9, []string{"factor[0].max", "empty range", "min = 0.5 is not below max = 0.5"}},
		{"empty list", base + "design = \"grid\"\n[[factor]]\nkey = \"economy.lambda0\"\nvalues = []\n", 7, []string{"factor[0].values", "empty list"}},
		{"range out of bounds", lhs + "[[factor]]\nkey = \"economy.lambda0\"\nmin = -0.1\nmax = 0.5\n", 8, []string{"factor[0].min", "out of range", "[0, 1]"}},
		{"value out of bounds", base + "design = \"grid\"\n[[factor]]\nkey = \"district.seats_max\"\nvalues = [5, 11]\n", 7, []string{"factor[0].values", "11 is out of range"}},
		{"list and range", base + "design = \"grid\"\n[[factor]]\nkey = \"economy.lambda0\"\nvalues = [0.1]\nmax = 0.5\n", 8, []string{"factor[0].max", "alternatives"}},
		{"missing max", lhs + "[[factor]]\nkey = \"economy.lambda0\"\nmin = 0.1\n", 6, []string{"factor[0].max", "missing"}},
		{"int parameter uniform", lhs + "[[factor]]\nkey = \"opinion.meetings\"\ndist = \"uniform\"\nmin = 0\nmax = 4\n", 8, []string{"factor[0].dist", "integer parameter"}},
		{"normal without sd", lhs + "[[factor]]\nkey = \"economy.lambda0\"\ndist = \"normal\"\nmean = 0.4\nmin = 0.2\nmax = 0.6\n", 6, []string{"factor[0].sd", "missing"}},
		{"unknown dist", lhs + "[[factor]]\nkey = \"economy.lambda0\"\ndist = \"gaussian\"\nmin = 0.2\nmax = 0.6\n", 8, []string{"factor[0].dist", "gaussian", "uniform | loguniform | normal | int"}},
		{"duplicate factor", lhs + factor + factor, 11, []string{"factor[1].key", "twice"}},
		{"unknown design", base + "design = \"sobol\"\n" + factor, 4, []string{"design", "sobol", "grid | lhs | morris | saltelli | csv"}},
		{"no design", base + factor, 0, []string{"design", "missing"}},
		{"no factors", lhs, 0, []string{"factor", "no [[factor]]"}},
		{"factors typo", lhs + "factors = 1\n", 6, []string{"factors", "did you mean \"factor\""}},
		{"list with lhs", lhs + "[[factor]]\nkey = \"economy.lambda0\"\nvalues = [0.1, 0.2]\n", 8, []string{"factor[0].values", "cannot use a list"}},
		{"levels with lhs", lhs + factor + "levels = 3\n", 10, []string{"factor[0].levels", "takes no levels"}},
		{"morris odd levels", base + "design = \"morris\"\nsamples = 2\nlevels = 3\n" + factor, 6, []string{"levels", "odd", "even"}},
		{"morris factor odd levels", base + "design = \"morris\"\nsamples = 2\n" + factor + "levels = 5\n", 10, []string{"factor[0].levels", "odd"}},
		{"levels outside morris", lhs + "levels = 4\n" + factor, 6, []string{"levels", "only design = \"morris\""}},
		{"samples with grid", base + "design = \"grid\"\nsamples = 3\n" + factor, 5, []string{"samples", "takes no samples"}},
		{"csv without points", base + "design = \"csv\"\n" + factor, 4, []string{"points", "missing"}},
		{"points without csv", lhs + "points = \"p.csv\"\n" + factor, 6, []string{"points", "only design = \"csv\""}},
		{"samples type", base + "design = \"lhs\"\nsamples = \"many\"\n" + factor, 5, []string{"samples", "want an integer"}},
		{"replicates range", lhs + "replicates = 0\n" + factor, 6, []string{"replicates", "out of range"}},
		{"seeds mode", lhs + "seeds = \"random\"\n" + factor, 6, []string{"seeds", "common | per-point"}},
		{"unknown scenario", "scenarios = [\"basline\"]\ndesign = \"lhs\"\nsamples = 2\n" + factor, 1, []string{"scenarios", "basline", "did you mean \"baseline\""}},
		{"missing scenario file", "scenarios = [\"nosuch.toml\"]\ndesign = \"lhs\"\nsamples = 2\n" + factor, 1, []string{"scenarios", "nosuch.toml", "cannot read"}},
		{"duplicate scenario", "scenarios = [\"baseline\", \"baseline\"]\ndesign = \"lhs\"\nsamples = 2\n" + factor, 1, []string{"scenarios", "twice"}},
		{"empty scenarios", "scenarios = []\ndesign = \"lhs\"\nsamples = 2\n" + factor, 1, []string{"scenarios", "empty list"}},
		{"reform entry out of range", "scenarios = [\"nanhai\"]\nmonths = 24\nwindow = 12\ndesign = \"lhs\"\nsamples = 4\n[[factor]]\nkey = \"reforms[9].start\"\nmin = 0\nmax = 12\n",
			7, []string{"factor[0].key", "reforms[9].start", "scenario nanhai has 3 [[reforms]] entries", "allowed reforms[0].start to reforms[2].start"}},
		{"reform entry in a scenario without reforms", "scenarios = [\"baseline\", \"zhengjing\"]\nmonths = 24\nwindow = 12\ndesign = \"lhs\"\nsamples = 4\n[[factor]]\nkey = \"reforms[0].intensity\"\nmin = 0\nmax = 1\n",
			7, []string{"factor[0].key", "scenario baseline has 0 [[reforms]] entries", "schedules no reform"}},
		{"reform key misspelt", lhs + "[[factor]]\nkey = \"reforms[0].intensty\"\nmin = 0\nmax = 1\n", 7, []string{"factor[0].key", "unknown parameter", "reforms[0].start"}},
		{"reform kind is text", "scenarios = [\"zhengjing\"]\nmonths = 24\nwindow = 12\ndesign = \"grid\"\n[[factor]]\nkey = \"reforms[0].kind\"\nvalues = [1]\n", 6, []string{"factor[0].key", "text parameter"}},
		{"reform intensity out of range", "scenarios = [\"zhengjing\"]\nmonths = 24\nwindow = 12\ndesign = \"lhs\"\nsamples = 4\n[[factor]]\nkey = \"reforms[0].intensity\"\nmin = 0.5\nmax = 1.5\n",
			9, []string{"factor[0].max", "1.5 is out of range", "allowed [0, 1]"}},
		{"reform ramp negative", "scenarios = [\"zhengjing\"]\nmonths = 24\nwindow = 12\ndesign = \"lhs\"\nsamples = 4\n[[factor]]\nkey = \"reforms[0].ramp\"\nmin = -6\nmax = 6\n",
			8, []string{"factor[0].min", "-6 is out of range"}},
		{"reform end before start", "scenarios = [\"zhengjing\"]\nmonths = 24\nwindow = 12\ndesign = \"grid\"\n[[factor]]\nkey = \"reforms[0].end\"\nvalues = [6, 48]\n",
			5, []string{"factor[0]", "design point 0", "reforms[0].end = 6 is not after start = 12"}},
		{"syntax", lhs + "[[factor]\n", 7, []string{"TOML syntax"}},
		// Problems found by Build, after flags.
		{"lhs without samples", base + "design = \"lhs\"\n" + factor, 0, []string{"samples", "missing", "number of points"}},
		{"saltelli one row", base + "design = \"saltelli\"\nsamples = 1\n" + factor, 5, []string{"samples", "N >= 2", "N(k+2) = N×3"}},
		{"point does not fit", lhs + "[[factor]]\nkey = \"district.groups_min\"\nmin = 1\nmax = 30\n", 6, []string{"factor[0]", "district.groups_min", "above district.groups_max", "design point"}},
		// The design refuses a factor: the error points at that factor
		// (design.FactorError), not at the first or at the design.
		{"design refuses the second factor", lhs + factor + "[[factor]]\nkey = \"election.price\"\ndist = \"normal\"\nmean = 100000.0\nsd = 1.0\nmin = 500.0\nmax = 5000.0\n",
			10, []string{"bad.toml:10: factor[1]: lhs: factor \"election.price\": normal(Mean=100000, SD=1) has no probability mass in [500, 5000]"}},
		{"morris levels differ", base + "design = \"morris\"\nsamples = 2\n" + factor + "levels = 4\n[[factor]]\nkey = \"opinion.meetings\"\nmin = 0\nmax = 4\nlevels = 6\n",
			11, []string{"factor[1]: morris: factor \"opinion.meetings\": Levels=6 differs from factor \"economy.lambda0\" (Levels=4)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sw, err := noFiles().parseSweep("bad.toml", []byte(tc.text), "")
			if err == nil {
				_, err = sw.Build()
			}
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("want an *InputError, got %T %v", err, err)
			}
			msg := err.Error()
			if strings.Contains(msg, "\n") {
				t.Errorf("message spans lines: %q", msg)
			}
			if ie.File != "bad.toml" || ie.Line != tc.line {
				t.Errorf("at %s:%d, want bad.toml:%d: %s", ie.File, ie.Line, tc.line, msg)
			}
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("%q lacks %q", msg, w)
				}
			}
		})
	}
}

// TestSweepCSVDesign: points from a file relative to the sweep file, with
// its errors naming that file and line.
func TestSweepCSVDesign(t *testing.T) {
	dir := t.TempDir()
	must := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	must("s.toml", "scenarios = [\"my.toml\"]\ndesign = \"csv\"\npoints = \"p.csv\"\nwindow = 12\n[[factor]]\nkey = \"economy.lambda0\"\nmin = 0\nmax = 1\n[[factor]]\nkey = \"opinion.meetings\"\nvalues = [1, 2]\n")
	must("my.toml", "extends = \"baseline\"\nname = \"mine\"\nmonths = 24\n")
	must("p.csv", "opinion.meetings,economy.lambda0\n1,0.25\n2,0.5\n")
	sw, err := LoadSweep(filepath.Join(dir, "s.toml"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := sw.Build()
	if err != nil {
		t.Fatal(err)
	}
	if p.Runs() != 2 || sw.Scenarios[0].Name != "mine" || p.Design.Points[1].Values[0] != 0.5 || p.Design.Points[1].Values[1] != 2 {
		t.Fatalf("plan %+v", p.Design.Points)
	}
	must("p.csv", "opinion.meetings,economy.lambda0\n1,0.25\n3,0.5\n")
	sw, _ = LoadSweep(filepath.Join(dir, "s.toml"))
	if _, err := sw.Build(); err == nil || !strings.Contains(err.Error(), "p.csv:3") {
		t.Fatalf("bad point: %v", err)
	}
}

// TestSweepReformKeys: a sweep may vary a schedule entry's start, end,
// ramp, intensity and fraction by key, and each design point sets that
// entry of its own copy of the configuration.
func TestSweepReformKeys(t *testing.T) {
	text := "scenarios = [\"nanhai\"]\nmonths = 48\nwindow = 12\ndesign = \"grid\"\n" +
		"[[factor]]\nkey = \"reforms[0].start\"\nvalues = [0, 6]\n" +
		"[[factor]]\nkey = \"reforms[1].intensity\"\nvalues = [0.5, 1]\n" +
		"[[factor]]\nkey = \"reforms[2].ramp\"\nvalues = [0, 12]\n" +
		"[[factor]]\nkey = \"reforms[1].end\"\nvalues = [0, 40]\n"
	sw, err := noFiles().parseSweep("r.toml", []byte(text), "")
	if err != nil {
		t.Fatal(err)
	}
	p, err := sw.Build()
	if err != nil {
		t.Fatal(err)
	}
	if p.Runs() != 16 {
		t.Fatalf("%d runs, want 16", p.Runs())
	}
	base := sw.Scenarios[0].Config
	seen := map[[4]float64]bool{}
	for _, pt := range p.Design.Points {
		cfg := base
		if err := experiment.SetPoint(&cfg, sw.Params, pt.Values); err != nil {
			t.Fatal(err)
		}
		r := cfg.Reforms
		seen[[4]float64{float64(r[0].Start), r[1].Intensity, float64(r[2].Ramp), float64(r[1].End)}] = true
	}
	if len(seen) != 16 {
		t.Errorf("%d distinct schedules, want 16", len(seen))
	}
	if base.Reforms[0].Start != 12 || base.Reforms[1].Intensity != 1 {
		t.Errorf("a point changed the scenario's own schedule: %+v", base.Reforms)
	}
}

// TestSetPoint: a point's values land in the configuration, checked.
func TestSetPoint(t *testing.T) {
	cfg := sim.Default()
	l, _ := sim.Lookup("economy.lambda0")
	m, _ := sim.Lookup("opinion.meetings")
	if err := experiment.SetPoint(&cfg, []sim.Param{l, m}, []float64{0.3, 2}); err != nil {
		t.Fatal(err)
	}
	if cfg.Economy.Lambda0 != 0.3 || cfg.Opinion.Meetings != 2 {
		t.Fatalf("%v %v", cfg.Economy.Lambda0, cfg.Opinion.Meetings)
	}
	if err := experiment.SetPoint(&cfg, []sim.Param{m}, []float64{2.5}); err == nil {
		t.Fatal("a fraction for an integer parameter was accepted")
	}
}

// TestSweepWindowShrinks: a window longer than the runs summarises whole
// runs, and the sweep says so, as govsim compare does.
func TestSweepWindowShrinks(t *testing.T) {
	text := "scenarios = [\"baseline\"]\nmonths = 24\nwindow = 36\ndesign = \"lhs\"\nsamples = 2\n[[factor]]\nkey = \"economy.lambda0\"\nmin = 0.2\nmax = 0.6\n"
	sw, err := noFiles().parseSweep("long.toml", []byte(text), "")
	if err != nil {
		t.Fatal(err)
	}
	plan, err := sw.Build()
	if err != nil {
		t.Fatal(err)
	}
	if sw.Window != 24 || plan.Spec("test", false).Window != 24 {
		t.Errorf("window %d, want 24", sw.Window)
	}
	if len(sw.Notes) != 1 || !strings.Contains(sw.Notes[0], "36-month window is longer than the 24 months of baseline") {
		t.Errorf("notes: %q", sw.Notes)
	}
}
