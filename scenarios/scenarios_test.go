package scenarios

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/testkit"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func TestEmbeddedLoadAndValidate(t *testing.T) {
	names := Embedded()
	want := []string{"baseline", "cungaiju", "nanhai", "nanhai-full", "zhengjing", "zhengshe"}
	if !slices.Equal(names, want) {
		t.Fatalf("Embedded() = %v, want %v", names, want)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			sc, err := Load(name)
			if err != nil {
				t.Fatal(err)
			}
			if sc.Name != name || sc.Config.Name != name {
				t.Errorf("name %q / config name %q, want %q (the file's name)", sc.Name, sc.Config.Name, name)
			}
			if sc.Source != "embedded:"+name+".toml" {
				t.Errorf("Source = %q", sc.Source)
			}
			if sc.Config.Description == "" || strings.Contains(sc.Config.Description, "\n") {
				t.Errorf("description %q: want one non-empty line", sc.Config.Description)
			}
			if err := sc.Config.Validate(); err != nil {
				t.Errorf("Validate: %v", err)
			}
			if sc.Villages != nil {
				t.Errorf("embedded scenario has %d villages from a CSV", len(sc.Villages))
			}
			d, err := Describe(name)
			if err != nil || d != sc.Config.Description {
				t.Errorf("Describe = %q, %v; want %q", d, err, sc.Config.Description)
			}
		})
	}
	for _, name := range Teaching() {
		if !slices.Contains(names, name) {
			t.Errorf("teaching scenario %q is not embedded", name)
		}
	}
}

func TestEmbeddedContents(t *testing.T) {
	def := sim.Default()
	// Left-out keys take their defaults; separations that of the kind, so
	// that govsim show prints what an entry brings.
	spec := func(kind string, start int, cov string) sim.ReformSpec {
		return sim.ReformSpec{Kind: kind, Start: start, Coverage: cov, Intensity: 1, Separations: sim.DefaultSeparations(kind)}
	}
	nanhai := []sim.ReformSpec{spec("cungaiju", 12, "eligible"), spec("zhengjing", 24, "all"), spec("zhengshe", 36, "all")}
	tests := []struct {
		name     string
		reforms  []sim.ReformSpec
		villages int
		scale    float64
	}{
		{"baseline", nil, def.District.Villages, def.District.Scale},
		{"cungaiju", []sim.ReformSpec{spec("cungaiju", 12, "eligible")}, def.District.Villages, def.District.Scale},
		{"zhengjing", []sim.ReformSpec{spec("zhengjing", 12, "all")}, def.District.Villages, def.District.Scale},
		{"zhengshe", []sim.ReformSpec{spec("zhengshe", 12, "all")}, def.District.Villages, def.District.Scale},
		{"nanhai", nanhai, def.District.Villages, def.District.Scale},
		{"nanhai-full", nanhai, 282, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc, err := Load(tt.name)
			if err != nil {
				t.Fatal(err)
			}
			c := sc.Config
			if !reflect.DeepEqual(c.Reforms, tt.reforms) {
				t.Errorf("reforms = %+v, want %+v", c.Reforms, tt.reforms)
			}
			if c.District.Villages != tt.villages || c.District.Scale != tt.scale {
				t.Errorf("villages %d scale %g, want %d and %g", c.District.Villages, c.District.Scale, tt.villages, tt.scale)
			}
			// Apart from what the file sets, everything is the default.
			c = ownless(c)
			c.Reforms = nil
			c.District.Villages, c.District.Scale = def.District.Villages, def.District.Scale
			if !reflect.DeepEqual(c, def) {
				t.Errorf("%s changes parameters beyond its reforms and size", tt.name)
			}
		})
	}
}

// TestFormatRoundTrip: what Format writes loads back to the same config.
func TestFormatRoundTrip(t *testing.T) {
	for _, name := range Embedded() {
		t.Run(name, func(t *testing.T) {
			sc, err := Load(name)
			if err != nil {
				t.Fatal(err)
			}
			out := Format(sc.Config)
			back, err := Parse(name+".resolved.toml", out, "")
			if err != nil {
				t.Fatalf("Parse(Format): %v\n%s", err, out)
			}
			if !reflect.DeepEqual(back.Config, sc.Config) {
				t.Errorf("round trip changed the config:\n got %+v\nwant %+v", back.Config, sc.Config)
			}
			if !bytes.Equal(Format(back.Config), out) {
				t.Error("Format is not stable across a round trip")
			}
		})
	}
}

// TestFormatRoundTripOddValues covers values the embedded files never use:
// strings needing escapes, pilots, extreme floats.
func TestFormatRoundTripOddValues(t *testing.T) {
	c := sim.Default()
	c.Name = "odd-名字_1.2" // names are restricted (names.go); descriptions are free text
	c.Description = "odd \"description\" \\ tab\t nl\n ctl\x01 del\x7f 中文"
	c.District.AssetsTotal = 1e13
	c.Economy.AssetGrowth = -0.5
	c.Economy.Lambda0 = 0.1 + 0.2 // not a short decimal
	c.Reform.Layout = "many-one"
	c.District.VillageCSV = "data/v.csv"
	c.Reforms = []sim.ReformSpec{{Kind: "zhengshe", Start: 0, Coverage: "pilot", Fraction: 1.0 / 3, Intensity: 0.25, Ramp: 7, Separations: []string{}},
		{Kind: "cungaiju", Start: 1199, End: 1200, Coverage: "all", Intensity: 1, Separations: []string{"personnel", "finance"}}}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	out := Format(c)
	// Through the internal parser, so the CSV named above is not read.
	got, err := noFiles().parse(fileSource("odd.toml", ""), out)
	if err == nil || !strings.Contains(err.Error(), "village_csv") {
		t.Fatalf("want the missing village CSV reported, got %v", err)
	}
	c.District.VillageCSV = ""
	out = Format(c)
	got, err = noFiles().parse(fileSource("odd.toml", ""), out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !reflect.DeepEqual(got.Config, c) {
		t.Errorf("round trip changed the config:\n got %+v\nwant %+v", got.Config, c)
	}
}

func TestFormatGolden(t *testing.T) {
	sc, err := Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	testkit.Golden(t, filepath.Join("testdata", "baseline.resolved.toml"), Format(sc.Config), *update)
}

// TestFormatDocumentsEveryKey: each parameter line follows a comment with
// its allowed values.
func TestFormatDocumentsEveryKey(t *testing.T) {
	lines := strings.Split(string(Format(sim.Default())), "\n")
	for _, p := range sim.Params() {
		found := false
		for i, l := range lines {
			if strings.HasPrefix(l, p.Name+" = ") && i > 0 && strings.HasPrefix(lines[i-1], "# ") && strings.Contains(lines[i-1], p.Range()) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no line with a comment giving %q above it", p.Key, p.Range())
		}
	}
}

// writeFiles writes name -> content into a new temporary directory.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const goodCSV = "id,distance,farmland,population,migrants,assets\n1,0.1,100,3000,4000,1e7\n2,0.9,2000,2500,500,2e6\n3,0.5,800,4000,3000,5e6\n"

func TestBadInput(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string // written to a temp dir; "a.toml" is loaded
		file  string            // file the error names (base name)
		line  int
		key   string
		msg   []string // substrings the message must contain
	}{
		{"syntax error", map[string]string{"a.toml": "name = \"a\"\nmonths = = 3\n"},
			"a.toml", 2, "months", []string{"TOML syntax", "expected value"}},
		{"duplicate key", map[string]string{"a.toml": "months = 3\n\nmonths = 4\n"},
			"a.toml", 3, "months", []string{"already been defined"}},
		{"unknown top-level key", map[string]string{"a.toml": "# comment\nflavour = \"red\"\n"},
			"a.toml", 2, "flavour", []string{`unknown key "flavour"`, "allowed at the top level", "[economy]", "[[reforms]]"}},
		{"unknown section key with suggestion", map[string]string{"a.toml": "extends = \"baseline\"\n[economy]\nlambda0 = 0.4\nlamda0 = 0.5\n"},
			"a.toml", 4, "economy.lamda0", []string{`unknown key "economy.lamda0" (did you mean "economy.lambda0"?)`}},
		{"unknown section key without suggestion", map[string]string{"a.toml": "[finance]\nsomething_else = 1\n"},
			"a.toml", 2, "finance.something_else", []string{"allowed in [finance]: insurance_per_person"}},
		{"key in the wrong table", map[string]string{"a.toml": "[economy]\nvillages = 10\n"},
			"a.toml", 2, "economy.villages", []string{`did you mean "district.villages"`}},
		{"misspelt table", map[string]string{"a.toml": "\n[econmy]\nlambda0 = 0.4\n"},
			"a.toml", 2, "econmy", []string{`did you mean "economy"`}},
		{"string for number", map[string]string{"a.toml": "[economy]\nlambda0 = \"high\" # not a number\n"},
			"a.toml", 2, "economy.lambda0", []string{"want a number, got a string", "allowed [0, 1]"}},
		{"float for int", map[string]string{"a.toml": "months = 12.5\n"},
			"a.toml", 1, "months", []string{"want an integer, got 12.5", "allowed integer in [1, 1200]"}},
		{"table for value", map[string]string{"a.toml": "[district.villages]\nn = 3\n"},
			"a.toml", 1, "district.villages", []string{"got a table", "allowed integer in [2, 2000]"}},
		{"value for table", map[string]string{"a.toml": "economy = 3\n"},
			"a.toml", 1, "economy", []string{"want a table [economy], got an integer"}},
		{"out of range", map[string]string{"a.toml": "[economy]\nlambda0 = 1.5\n"},
			"a.toml", 2, "economy.lambda0", []string{"1.5 is out of range", "allowed [0, 1]"}},
		{"out of range in a dotted key", map[string]string{"a.toml": "name = \"a\"\neconomy.lambda0 = -1\n"},
			"a.toml", 2, "economy.lambda0", []string{"-1 is out of range", "allowed [0, 1]"}},
		{"bad enum", map[string]string{"a.toml": "[reform]\nlayout = \"one-to-one\"\n"},
			"a.toml", 2, "reform.layout", []string{"one-one | many-one | one-many"}},
		{"bad reform kind", map[string]string{"a.toml": "[[reforms]]\nkind = \"cungaiju\"\nstart = 12\ncoverage = \"all\"\n\n[[reforms]]\nstart = 24\nkind = \"zhengjin\"\ncoverage = \"all\"\n"},
			"a.toml", 8, "reforms[1].kind", []string{`"zhengjin" is not allowed`, `did you mean "zhengjing"`, "cungaiju | zhengjing | zhengshe"}},
		{"bad reform coverage", map[string]string{"a.toml": "[[reforms]]\nkind = \"zhengshe\"\nstart = 12\ncoverage = \"some\"\n"},
			"a.toml", 4, "reforms[0].coverage", []string{"all | eligible | pilot"}},
		{"reform start out of range", map[string]string{"a.toml": "[[reforms]]\nkind = \"zhengshe\"\nstart = -1\ncoverage = \"all\"\n"},
			"a.toml", 3, "reforms[0].start", []string{"-1 is out of range", "integer in [0, 1200]"}},
		{"reform start as float", map[string]string{"a.toml": "[[reforms]]\nkind = \"zhengshe\"\nstart = 1.5\ncoverage = \"all\"\n"},
			"a.toml", 3, "reforms[0].start", []string{"want an integer", "integer in [0, 1200]"}},
		{"reform fraction out of range", map[string]string{"a.toml": "[[reforms]]\nkind = \"zhengshe\"\nstart = 1\ncoverage = \"pilot\"\nfraction = 2\n"},
			"a.toml", 5, "reforms[0].fraction", []string{"2 is out of range", "allowed [0, 1]"}},
		{"pilot without fraction", map[string]string{"a.toml": "name = \"a\"\n\n[[reforms]] # the pilot\nkind = \"zhengjing\"\nstart = 12\ncoverage = \"pilot\"\n"},
			"a.toml", 3, "reforms[0].fraction", []string{"above 0", `"pilot"`}},
		{"reform missing kind", map[string]string{"a.toml": "[[reforms]]\nstart = 12\ncoverage = \"all\"\n"},
			"a.toml", 1, "reforms[0].kind", []string{"missing", "cungaiju | zhengjing | zhengshe"}},
		{"unknown reform key", map[string]string{"a.toml": "[[reforms]]\nkind = \"zhengshe\"\nstart = 12\ncoverage = \"all\"\nfractoin = 0.5\n"},
			"a.toml", 5, "reforms[0].fractoin", []string{`did you mean "fraction"`, "allowed kind, start, end, ramp, intensity, coverage, fraction, separations"}},
		{"unknown separation", map[string]string{"a.toml": "[[reforms]]\nkind = \"zhengjing\"\nstart = 12\ncoverage = \"all\"\nseparations = [\"assets\", \"finanse\"]\n"},
			"a.toml", 5, "reforms[0].separations", []string{`"finanse" is not allowed`, `did you mean "finance"`, "allowed a list of personnel, institutions, assets, finance, functions"}},
		{"separation listed twice", map[string]string{"a.toml": "[[reforms]]\nkind = \"zhengjing\"\nstart = 12\ncoverage = \"all\"\nseparations = [\"assets\", \"assets\"]\n"},
			"a.toml", 5, "reforms[0].separations", []string{`"assets" is listed twice`}},
		{"separations not a list", map[string]string{"a.toml": "[[reforms]]\nkind = \"zhengjing\"\nstart = 12\ncoverage = \"all\"\nseparations = \"assets\"\n"},
			"a.toml", 5, "reforms[0].separations", []string{"want a list of names, got a string", "allowed a list of personnel"}},
		{"separations on zhengshe", map[string]string{"a.toml": "[[reforms]]\nkind = \"zhengshe\"\nstart = 12\ncoverage = \"all\"\nseparations = [\"assets\"]\n"},
			"a.toml", 5, "reforms[0].separations", []string{"政社分离", "allowed [] or no key"}},
		{"negative ramp", map[string]string{"a.toml": "[[reforms]]\nkind = \"zhengjing\"\nstart = 12\ncoverage = \"all\"\nramp = -3\n"},
			"a.toml", 5, "reforms[0].ramp", []string{"-3 is out of range", "allowed integer in [0, 1200]"}},
		{"end before start", map[string]string{"a.toml": "[[reforms]]\nkind = \"zhengjing\"\nstart = 24\ncoverage = \"all\"\nend = 24\n"},
			"a.toml", 5, "reforms[0].end", []string{"not after start = 24", "allowed 0 (never reversed) or a month above start"}},
		{"intensity above 1", map[string]string{"a.toml": "[[reforms]]\nkind = \"cungaiju\"\nstart = 12\ncoverage = \"all\"\nintensity = 1.2\n"},
			"a.toml", 5, "reforms[0].intensity", []string{"1.2 is out of range", "allowed [0, 1]"}},
		{"intensity below 0", map[string]string{"a.toml": "[[reforms]]\nkind = \"cungaiju\"\nstart = 12\ncoverage = \"all\"\nintensity = -0.1\n"},
			"a.toml", 5, "reforms[0].intensity", []string{"-0.1 is out of range", "allowed [0, 1]"}},
		{"inline reforms", map[string]string{"a.toml": "reforms = [\n  {kind = \"zhengshe\", start = 12, coverage = \"all\"},\n  {kind = \"zhengshe\", start = 12, coverage = \"al\"},\n]\n"},
			"a.toml", 3, "reforms[1].coverage", []string{"all | eligible | pilot"}},
		{"reforms as a table", map[string]string{"a.toml": "[reforms]\nkind = \"zhengshe\"\n"},
			"a.toml", 1, "reforms", []string{"want [[reforms]] entries"}},
		{"cross-field rule", map[string]string{"a.toml": "[district]\nseats_min = 9\nseats_max = 8\n"},
			"a.toml", 2, "district.seats_min", []string{"above district.seats_max"}},
		{"first error in file order", map[string]string{"a.toml": "zzz = 1\n[economy]\nlambda0 = 7\n"},
			"a.toml", 1, "zzz", []string{"unknown key"}},
		{"extends not a string", map[string]string{"a.toml": "extends = 3\n"},
			"a.toml", 1, "extends", []string{"got an integer", "baseline | cungaiju"}},
		{"unknown extends name", map[string]string{"a.toml": "name = \"a\"\nextends = \"basline\"\n"},
			"a.toml", 2, "extends", []string{`unknown scenario "basline"`, `did you mean "baseline"`, "allowed baseline | cungaiju | nanhai | nanhai-full | zhengjing | zhengshe"}},
		{"missing extended file", map[string]string{"a.toml": "extends = \"missing.toml\"\n"},
			"a.toml", 1, "extends", []string{"missing.toml", "no such file", "allowed baseline"}},
		{"extends cycle", map[string]string{"a.toml": "extends = \"b.toml\"\n", "b.toml": "# b\nextends = \"a.toml\"\n"},
			"b.toml", 2, "extends", []string{"extends cycle", "a.toml -> ", "b.toml -> ", "allowed a chain that ends"}},
		{"extends itself", map[string]string{"a.toml": "extends = \"a.toml\"\n"},
			"a.toml", 1, "extends", []string{"extends cycle"}},
		{"error in the parent names the parent", map[string]string{"a.toml": "extends = \"sub/p.toml\"\n", "sub/p.toml": "extends = \"baseline\"\nmonths = 0\n"},
			"p.toml", 2, "months", []string{"0 is out of range"}},
		{"bad village CSV value", map[string]string{"a.toml": "[district]\nvillage_csv = \"v.csv\"\n",
			"v.csv": "id,distance,farmland,population,migrants,assets\n1,0.1,100,3000,4000,1e7\n2,0.9,2000,-3,500,2e6\n"},
			"v.csv", 3, "population", []string{"-3 is out of range", "column 4", "allowed > 0"}},
		{"missing village CSV", map[string]string{"a.toml": "# data\n[district]\nvillage_csv = \"nope.csv\"\n"},
			"a.toml", 3, "district.village_csv", []string{"no such file", "allowed a path"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, tt.files)
			_, err := Load(filepath.Join(dir, "a.toml"))
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v (%T) is not an *InputError", err, err)
			}
			if filepath.Base(ie.File) != tt.file || ie.Line != tt.line || ie.Key != tt.key {
				t.Errorf("got file %q line %d key %q, want %q %d %q\n(%v)", filepath.Base(ie.File), ie.Line, ie.Key, tt.file, tt.line, tt.key, err)
			}
			for _, s := range tt.msg {
				if !strings.Contains(ie.Msg, s) {
					t.Errorf("message %q does not mention %q", ie.Msg, s)
				}
			}
			if strings.Contains(ie.Error(), "\n") {
				t.Errorf("error spans lines: %q", ie.Error())
			}
		})
	}
}

func TestLoadArguments(t *testing.T) {
	var ie *InputError
	if _, err := Load("basline"); !errors.As(err, &ie) || !strings.Contains(ie.Msg, `did you mean "baseline"`) {
		t.Errorf("Load(basline) = %v", err)
	}
	// "baseline.toml" is a path: the hint points at the embedded name.
	dir := t.TempDir()
	if _, err := Load(filepath.Join(dir, "baseline.toml")); !errors.As(err, &ie) || !strings.Contains(ie.Msg, `write "baseline"`) {
		t.Errorf("Load(missing baseline.toml) = %v", err)
	}
	if _, err := Describe("nope"); !errors.As(err, &ie) {
		t.Errorf("Describe(nope) = %v", err)
	}
	if _, err := Describe("../x.toml"); !errors.As(err, &ie) {
		t.Errorf("Describe(path) = %v", err)
	}
}

func TestExtends(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		// Extends an embedded scenario and overrides one key.
		"child.toml": "extends = \"nanhai\"\n[economy]\nlambda0 = 0.3\n",
		// A chain through a relative path into another directory.
		"sub/parent.toml": "extends = \"cungaiju\"\nname = \"parent\"\ndescription = \"a parent\"\nmonths = 120\n[district]\nvillage_csv = \"data/v.csv\"\n",
		"sub/data/v.csv":  goodCSV,
		"grandchild.toml": "extends = \"sub/parent.toml\"\n[economy]\nlambda0 = 0.3\n",
		// A file that sets reforms replaces the whole schedule; an empty
		// array clears it.
		"replace.toml": "extends = \"nanhai\"\n[[reforms]]\nkind = \"zhengshe\"\nstart = 6\ncoverage = \"pilot\"\nfraction = 0.5\n",
		"clear.toml":   "extends = \"nanhai\"\nreforms = []\n",
	})
	load := func(name string) Scenario {
		t.Helper()
		sc, err := Load(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return sc
	}
	base := func(name string) sim.Config {
		t.Helper()
		sc, err := Load(name)
		if err != nil {
			t.Fatal(err)
		}
		return sc.Config
	}

	child := load("child.toml")
	want := base("nanhai")
	want = ownless(want) // a file's own keys are never inherited
	want.Name = "child"
	want.Economy.Lambda0 = 0.3
	if !reflect.DeepEqual(child.Config, want) {
		t.Errorf("child:\n got %+v\nwant %+v", child.Config, want)
	}
	if child.Name != "child" || child.Source != filepath.Join(dir, "child.toml") {
		t.Errorf("child name %q source %q", child.Name, child.Source)
	}

	gc := load("grandchild.toml")
	want = base("cungaiju")
	want = ownless(want)
	want.Name = "grandchild"
	want.Months = 120
	want.Economy.Lambda0 = 0.3
	want.District.VillageCSV = filepath.Join(dir, "sub", "data", "v.csv") // relative to parent.toml
	want.District.Villages = 3                                            // the CSV's rows
	if !reflect.DeepEqual(gc.Config, want) {
		t.Errorf("grandchild:\n got %+v\nwant %+v", gc.Config, want)
	}
	if len(gc.Villages) != 3 || gc.Villages[2].Population != 4000 {
		t.Errorf("grandchild villages %+v", gc.Villages)
	}
	// The resolved file stands alone, CSV included.
	back, err := Parse("gc.resolved.toml", Format(gc.Config), "")
	if err != nil || !reflect.DeepEqual(back.Config, gc.Config) || !reflect.DeepEqual(back.Villages, gc.Villages) {
		t.Errorf("grandchild round trip: %v", err)
	}

	if got := load("replace.toml").Config.Reforms; !reflect.DeepEqual(got, []sim.ReformSpec{{Kind: "zhengshe", Start: 6, Coverage: "pilot", Fraction: 0.5, Intensity: 1, Separations: []string{}}}) {
		t.Errorf("replace: reforms %+v", got)
	}
	if got := load("clear.toml").Config.Reforms; got != nil {
		t.Errorf("clear: reforms %+v, want none", got)
	}
}

// TestEmbeddedExtendsOnlyEmbedded: an embedded file has no directory, so a
// path in its extends is refused rather than read from wherever govsim runs.
func TestEmbeddedExtendsOnlyEmbedded(t *testing.T) {
	_, err := osLoader().parse(embeddedSource("x"), []byte("extends = \"other.toml\"\n"))
	var ie *InputError
	if !errors.As(err, &ie) || ie.Key != "extends" || ie.Line != 1 || !strings.Contains(ie.Msg, "only embedded") {
		t.Errorf("got %v", err)
	}
}

// noFiles is a loader that reads nothing from disk.
func noFiles() loader {
	return loader{schema: newSchema(), readFile: func(path string, _ int64) ([]byte, error) {
		return nil, &os.PathError{Op: "open", Path: path, Err: os.ErrNotExist}
	}}
}

// TestCungaijuCarriesPersonnel: the embedded 村改居 entry brings the
// personnel separation [二(二)2], and govsim show (Format) prints it.
func TestCungaijuCarriesPersonnel(t *testing.T) {
	sc, err := Load("cungaiju")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(Format(sc.Config)), "\nseparations = [\"personnel\"]\n") {
		t.Errorf("the cungaiju entry does not show separations = [\"personnel\"]:\n%s", Format(sc.Config))
	}
}

// ownless is c with the keys a file owns (name, labels, description,
// colour) at their defaults.
func ownless(c sim.Config) sim.Config {
	for _, p := range sim.Params() {
		if p.Own {
			if err := p.SetString(&c, p.Default); err != nil {
				panic(err)
			}
		}
	}
	return c
}
