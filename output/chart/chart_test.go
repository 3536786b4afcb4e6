package chart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"html"
	"image/color"
	"image/png"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot"
)

// go test ./output/chart/ -write /tmp/charts writes every test chart as PNG
// (and SVG) to that directory for viewing.
var writeDir = flag.String("write", "", "directory to write the test charts to (skipped if empty)")

const testW, testH = DefaultWidthCM, DefaultHeightCM

var reformNames = []string{"baseline", "cungaiju", "zhengjing", "zhengshe", "nanhai"}

// builtin is how the embedded scenarios' files present them (label,
// label_zh, color); scenarios' own tests hold the files to it.
var builtin = map[string]Scenario{
	"baseline":  {Name: "baseline", Label: "baseline (no reform)", LabelZH: "无改革", Color: "#000000"},
	"cungaiju":  {Name: "cungaiju", Label: "cungaiju (village→community)", LabelZH: "村改居", Color: "#e69f00"},
	"zhengjing": {Name: "zhengjing", Label: "zhengjing (politics/economy separated)", LabelZH: "政经分离", Color: "#56b4e9"},
	"zhengshe":  {Name: "zhengshe", Label: "zhengshe (administration/services separated)", LabelZH: "政社分离", Color: "#009e73"},
	"nanhai":    {Name: "nanhai", Label: "nanhai (staged path)", LabelZH: "南海路径", Color: "#d55e00"},
}

// look is a scenario's identity: a built-in's, or the bare name.
func look(name string) Scenario {
	if s, ok := builtin[name]; ok {
		return s
	}
	return Scenario{Name: name}
}

func logistic(t, mid, k float64) float64 { return 1 / (1 + math.Exp(-k*(t-mid))) }

// sampleSeries returns yearly trajectories 2000–2030 for the five built-in
// scenarios and one user-defined one, with 90% bands.
func sampleSeries() []Series {
	names := append(append([]string{}, reformNames...), "my_mix")
	var out []Series
	for k, name := range names {
		s := Series{Name: look(name).Text(), Color: look(name).Color}
		for y := 2000; y <= 2030; y++ {
			t := float64(y)
			m := 0.35 + 0.08*float64(k)*logistic(t, 2012+float64(k), 0.4) + 0.03*math.Sin(t/3+float64(k))
			w := 0.03 + 0.002*(t-2000)
			s.X = append(s.X, t)
			s.Mean = append(s.Mean, m)
			s.Low = append(s.Low, m-w)
			s.High = append(s.High, m+w)
		}
		out = append(out, s)
	}
	// A gap (missing years) in one series: lines and ribbons break there.
	for i := 10; i < 13; i++ {
		out[2].Mean[i] = math.NaN()
		out[2].Low[i], out[2].High[i] = math.NaN(), math.NaN()
	}
	return out
}

// sampleElections returns turnout measured at elections every three years.
func sampleElections() []Series {
	var out []Series
	for k, name := range reformNames {
		s := Series{Name: look(name).Text(), Color: look(name).Color}
		for y := 2002; y <= 2029; y += 3 {
			t := float64(y)
			m := 62 + 2.5*float64(k)*logistic(t, 2012, 0.3) - 0.2*(t-2002)
			s.X = append(s.X, t)
			s.Mean = append(s.Mean, m)
			s.Low = append(s.Low, m-2.2-0.1*float64(k))
			s.High = append(s.High, m+2.2+0.1*float64(k))
		}
		out = append(out, s)
	}
	out[3].Mean[4] = math.NaN() // a missed election
	return out
}

func sampleDots() []Dot {
	return []Dot{
		{Label: look("cungaiju").Text(), Value: 0.042, Low: 0.018, High: 0.066},
		{Label: look("zhengjing").Text(), Value: -0.011, Low: -0.035, High: 0.012},
		{Label: look("zhengshe").Text(), Value: 0.027, Low: -0.004, High: 0.058},
		{Label: look("nanhai").Text(), Value: 0.061, Low: 0.037, High: 0.085},
		{Label: "my_mix", Value: -0.048, Low: -0.071, High: -0.025},
		{Label: "not estimated", Value: math.NaN(), Low: math.NaN(), High: math.NaN()},
	}
}

func samplePoints() []MapPoint {
	rng := rand.New(rand.NewPCG(7, 11))
	var pts []MapPoint
	for i := 0; i < 160; i++ {
		r := math.Sqrt(rng.Float64())
		a := 2 * math.Pi * rng.Float64()
		v := 0.9 - 0.7*r + 0.15*rng.NormFloat64()
		pts = append(pts, MapPoint{X: r * math.Cos(a), Y: r * math.Sin(a), Value: v, Community: r < 0.42})
	}
	pts = append(pts, MapPoint{X: math.NaN(), Y: 0, Value: 0.5}) // skipped
	return pts
}

func sampleMorris() []MorrisPoint {
	return []MorrisPoint{
		{Name: "cadre_rotation", MuStar: 0.31, Sigma: 0.22, MuStarLow: 0.8 * 0.31, MuStarHigh: 1.2 * 0.31},
		{Name: "land_rent_share", MuStar: 0.27, Sigma: 0.35, MuStarLow: 0.8 * 0.27, MuStarHigh: 1.2 * 0.27},
		{Name: "collective_income", MuStar: 0.25, Sigma: 0.12, MuStarLow: 0.8 * 0.25, MuStarHigh: 1.2 * 0.25},
		{Name: "migration_rate", MuStar: 0.19, Sigma: 0.21, MuStarLow: 0.8 * 0.19, MuStarHigh: 1.2 * 0.19},
		{Name: "election_interval", MuStar: 0.12, Sigma: 0.05, MuStarLow: 0.8 * 0.12, MuStarHigh: 1.2 * 0.12},
		{Name: "service_budget", MuStar: 0.11, Sigma: 0.09, MuStarLow: 0.8 * 0.11, MuStarHigh: 1.2 * 0.11},
		{Name: "party_secretary_dual", MuStar: 0.10, Sigma: 0.115, MuStarLow: 0.8 * 0.10, MuStarHigh: 1.2 * 0.10},
		{Name: "urban_front_speed", MuStar: 0.08, Sigma: 0.04, MuStarLow: 0.8 * 0.08, MuStarHigh: 1.2 * 0.08},
		{Name: "shareholder_cutoff", MuStar: 0.05, Sigma: 0.03, MuStarLow: 0.8 * 0.05, MuStarHigh: 1.2 * 0.05},
		{Name: "petition_threshold", MuStar: 0.03, Sigma: 0.02, MuStarLow: 0.8 * 0.03, MuStarHigh: 1.2 * 0.03},
		{Name: "clan_strength", MuStar: 0.028, Sigma: 0.024, MuStarLow: 0.8 * 0.028, MuStarHigh: 1.2 * 0.028},
		{Name: "noise_sd", MuStar: 0.004, Sigma: 0.003, MuStarLow: 0.8 * 0.004, MuStarHigh: 1.2 * 0.004},
		{Name: "broken", MuStar: math.NaN(), Sigma: 0.1},
	}
}

func sampleSobol() []SobolBar {
	return []SobolBar{
		{"land_rent_share", 0.38, 0.31, 0.45, 0.52, 0.44, 0.60},
		{"cadre_rotation", 0.21, 0.15, 0.27, 0.30, 0.24, 0.37},
		{"collective_income", 0.12, 0.07, 0.17, 0.16, 0.11, 0.21},
		{"migration_rate", 0.06, 0.01, 0.11, 0.14, 0.09, 0.19},
		{"service_budget", 0.03, -0.02, 0.08, 0.05, 0.02, 0.08},
		{"election_interval", 0.01, -0.03, 0.05, 0.02, 0.00, 0.04},
		{"noise_sd", -0.005, -0.02, 0.01, 0.003, 0.0, 0.006},
	}
}

type chartCase struct {
	name   string
	title  string
	labels []string // strings the SVG must contain (legend entries etc.)
	build  func() (*plot.Plot, error)
}

func chartCases() []chartCase {
	var seriesLabels, electionLabels []string
	for _, s := range sampleSeries() {
		seriesLabels = append(seriesLabels, s.Name)
	}
	for _, s := range sampleElections() {
		electionLabels = append(electionLabels, s.Name)
	}
	var dotLabels, morrisLabels, sobolLabels []string
	for _, d := range sampleDots() {
		// Long row labels are wrapped onto two lines (two SVG text elements).
		dotLabels = append(dotLabels, strings.Split(wrapLabel(d.Label, 26), "\n")...)
	}
	for _, m := range sampleMorris()[:12] {
		morrisLabels = append(morrisLabels, m.Name)
	}
	for _, b := range sampleSobol() {
		sobolLabels = append(sobolLabels, b.Name)
	}
	return []chartCase{
		{
			name: "timeseries_ribbons", title: "Share of collective income distributed as dividends",
			labels: seriesLabels,
			build: func() (*plot.Plot, error) {
				return TimeSeries("Share of collective income distributed as dividends", "year",
					"dividend share (fraction)", sampleSeries(), false)
			},
		},
		{
			name: "timeseries_points", title: "Turnout at village elections",
			labels: electionLabels,
			build: func() (*plot.Plot, error) {
				return TimeSeries("Turnout at village elections", "election year", "turnout (%)", sampleElections(), true)
			},
		},
		{
			name: "dotwhisker", title: "Effect on cadre trust in 2030 vs baseline",
			labels: append(dotLabels, "interval excludes 0"),
			build: func() (*plot.Plot, error) {
				return DotWhisker("Effect on cadre trust in 2030 vs baseline",
					"difference from baseline (trust index, 0–1)", sampleDots())
			},
		},
		{
			name: "villagemap", title: "Village trust in 2030 (nanhai)",
			labels: []string{"village", "community (dark ring)", "urban front (r = 0.42)", "trust index (0–1)"},
			build: func() (*plot.Plot, error) {
				return VillageMap("Village trust in 2030 (nanhai)", "trust index (0–1)", samplePoints(), 0, 1, 0.42)
			},
		},
		{
			name: "morris", title: "Morris screening: mean conflict rate",
			labels: append(morrisLabels, "σ = μ*"),
			build: func() (*plot.Plot, error) {
				return MorrisScatter("Morris screening: mean conflict rate", sampleMorris())
			},
		},
		{
			name: "sobol", title: "Sobol indices: dividend share in 2030",
			labels: append(sobolLabels, "S1 (first order)", "ST (total order)"),
			build: func() (*plot.Plot, error) {
				return SobolBars("Sobol indices: dividend share in 2030", sampleSobol())
			},
		},
	}
}

func checkXML(t *testing.T, svg []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(svg))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
	}
}

func TestChartsRender(t *testing.T) {
	if *writeDir != "" {
		if err := os.MkdirAll(*writeDir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range chartCases() {
		t.Run(tc.name, func(t *testing.T) {
			p, err := tc.build()
			if err != nil {
				t.Fatal(err)
			}
			svg, err := SVG(p, testW, testH)
			if err != nil {
				t.Fatal(err)
			}
			checkXML(t, svg)
			s := string(svg)
			if !strings.Contains(s, html.EscapeString(tc.title)) {
				t.Errorf("SVG lacks title %q", tc.title)
			}
			for _, l := range tc.labels {
				if !strings.Contains(s, html.EscapeString(l)) {
					t.Errorf("SVG lacks label %q", l)
				}
			}
			if !strings.Contains(s, "font-family:Liberation Sans,Arial,") {
				t.Error("SVG lacks the font fallback list")
			}

			for _, size := range [][2]float64{{testW, testH}, {12, 12}} {
				b, err := PNG(p, size[0], size[1])
				if err != nil {
					t.Fatal(err)
				}
				img, err := png.Decode(bytes.NewReader(b))
				if err != nil {
					t.Fatalf("PNG does not decode: %v", err)
				}
				w, h := PNGSize(size[0], size[1])
				if got := img.Bounds(); got.Dx() != w || got.Dy() != h {
					t.Errorf("PNG %v cm is %d×%d px, want %d×%d", size, got.Dx(), got.Dy(), w, h)
				}
			}
			if *writeDir != "" {
				if err := Save(p, *writeDir, tc.name, testW, testH); err != nil {
					t.Fatal(err)
				}
				// A narrow version shows how the layout copes with less room.
				if err := Save(p, *writeDir, tc.name+"_narrow", 11, 9); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func TestPNGSize(t *testing.T) {
	w, h := PNGSize(16, 10.5)
	if w != 945 || h != 620 {
		t.Errorf("PNGSize(16, 10.5) = %d×%d, want 945×620", w, h)
	}
}

func TestDeterministic(t *testing.T) {
	for _, tc := range chartCases() {
		t.Run(tc.name, func(t *testing.T) {
			p1, err := tc.build()
			if err != nil {
				t.Fatal(err)
			}
			p2, err := tc.build()
			if err != nil {
				t.Fatal(err)
			}
			a, err := SVG(p1, testW, testH)
			if err != nil {
				t.Fatal(err)
			}
			b, err := SVG(p2, testW, testH)
			if err != nil {
				t.Fatal(err)
			}
			c, err := SVG(p1, testW, testH) // the same plot drawn twice
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) || !bytes.Equal(a, c) {
				t.Error("SVG output differs between identical inputs")
			}
			pa, err := PNG(p1, testW, testH)
			if err != nil {
				t.Fatal(err)
			}
			pb, err := PNG(p2, testW, testH)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(pa, pb) {
				t.Error("PNG output differs between identical inputs")
			}
		})
	}
}

func TestErrors(t *testing.T) {
	nan := math.NaN()
	x := []float64{1, 2, 3}
	cases := map[string]func() (*plot.Plot, error){
		"timeseries empty": func() (*plot.Plot, error) { return TimeSeries("t", "x", "y", nil, false) },
		"timeseries no x": func() (*plot.Plot, error) {
			return TimeSeries("t", "x", "y", []Series{{Name: "a"}}, false)
		},
		"timeseries mean length": func() (*plot.Plot, error) {
			return TimeSeries("t", "x", "y", []Series{{Name: "a", X: x, Mean: []float64{1, 2}}}, false)
		},
		"timeseries low only": func() (*plot.Plot, error) {
			return TimeSeries("t", "x", "y", []Series{{Name: "a", X: x, Mean: x, Low: x}}, false)
		},
		"timeseries bound length": func() (*plot.Plot, error) {
			return TimeSeries("t", "x", "y", []Series{{Name: "a", X: x, Mean: x, Low: x, High: x[:2]}}, true)
		},
		"timeseries duplicate": func() (*plot.Plot, error) {
			return TimeSeries("t", "x", "y", []Series{{Name: "a", X: x, Mean: x}, {Name: "a", X: x, Mean: x}}, false)
		},
		"timeseries unnamed": func() (*plot.Plot, error) {
			return TimeSeries("t", "x", "y", []Series{{X: x, Mean: x}}, false)
		},
		"timeseries all NaN": func() (*plot.Plot, error) {
			return TimeSeries("t", "x", "y", []Series{{Name: "a", X: x, Mean: []float64{nan, nan, nan}}}, false)
		},
		"dotwhisker empty": func() (*plot.Plot, error) { return DotWhisker("t", "x", nil) },
		"dotwhisker low>high": func() (*plot.Plot, error) {
			return DotWhisker("t", "x", []Dot{{Label: "a", Value: 0, Low: 1, High: -1}})
		},
		"villagemap empty": func() (*plot.Plot, error) { return VillageMap("t", "v", nil, 0, 1, 0.3) },
		"villagemap bad scale": func() (*plot.Plot, error) {
			return VillageMap("t", "v", []MapPoint{{0.1, 0.1, 0.5, false}}, 1, 0, 0.3)
		},
		"villagemap NaN scale": func() (*plot.Plot, error) {
			return VillageMap("t", "v", []MapPoint{{0.1, 0.1, 0.5, false}}, nan, 1, 0.3)
		},
		"morris empty": func() (*plot.Plot, error) { return MorrisScatter("t", nil) },
		"morris all NaN": func() (*plot.Plot, error) {
			return MorrisScatter("t", []MorrisPoint{{Name: "a", MuStar: nan, Sigma: 1}})
		},
		"sobol empty": func() (*plot.Plot, error) { return SobolBars("t", nil) },
	}
	for name, f := range cases {
		p, err := f()
		if err == nil || p != nil {
			t.Errorf("%s: got plot %v, err %v; want an error", name, p != nil, err)
		}
		if strings.HasSuffix(name, " empty") && !errors.Is(err, ErrNoData) {
			t.Errorf("%s: error %v does not wrap ErrNoData", name, err)
		}
	}

	p, err := SobolBars("t", sampleSobol())
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range [][2]float64{{0, 10}, {10, -1}, {nan, 10}, {10, math.Inf(1)}} {
		if _, err := SVG(p, size[0], size[1]); err == nil {
			t.Errorf("SVG size %v: no error", size)
		}
		if _, err := PNG(p, size[0], size[1]); err == nil {
			t.Errorf("PNG size %v: no error", size)
		}
	}
	if _, err := SVG(nil, 10, 10); err == nil {
		t.Error("SVG(nil): no error")
	}
	dir := t.TempDir()
	for _, name := range []string{"", "a/b", "..", "."} {
		if err := Save(p, dir, name, 10, 10); err == nil {
			t.Errorf("Save name %q: no error", name)
		}
	}
}

// Edge inputs that must render: a single point, NaN-only bounds, equal
// colour scale ends, no front, all dots NaN.
func TestEdgeInputs(t *testing.T) {
	nan := math.NaN()
	builds := map[string]func() (*plot.Plot, error){
		"single point line": func() (*plot.Plot, error) {
			return TimeSeries("t", "x", "y", []Series{{Name: "baseline", X: []float64{1}, Mean: []float64{2}}}, false)
		},
		"single point points": func() (*plot.Plot, error) {
			return TimeSeries("t", "x", "y", []Series{{Name: "baseline", X: []float64{1}, Mean: []float64{2},
				Low: []float64{1}, High: []float64{3}}}, true)
		},
		"NaN bounds": func() (*plot.Plot, error) {
			return TimeSeries("t", "x", "y", []Series{{Name: "x", X: []float64{1, 2, 3}, Mean: []float64{1, nan, 3},
				Low: []float64{nan, nan, nan}, High: []float64{nan, nan, nan}}}, false)
		},
		"many user scenarios": func() (*plot.Plot, error) {
			var ss []Series
			for i := 0; i < 12; i++ {
				ss = append(ss, Series{Name: string(rune('a' + i)), X: []float64{0, 1}, Mean: []float64{float64(i), float64(i) + 1}})
			}
			return TimeSeries("t", "x", "y", ss, false)
		},
		"flat map scale": func() (*plot.Plot, error) {
			return VillageMap("t", "", []MapPoint{{0.2, 0.3, 5, true}, {-0.5, 0.1, 5, false}}, 5, 5, 0)
		},
		"all dots NaN": func() (*plot.Plot, error) {
			return DotWhisker("t", "d", []Dot{{Label: "a", Value: nan, Low: nan, High: nan}})
		},
		"sobol NaN": func() (*plot.Plot, error) {
			return SobolBars("t", []SobolBar{{"a", nan, nan, nan, 0.2, nan, 0.3}})
		},
	}
	for name, f := range builds {
		p, err := f()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		svg, err := SVG(p, 10, 8)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		checkXML(t, svg)
		if _, err := PNG(p, 10, 8); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestScenarioText(t *testing.T) {
	cjk := Font{Family: "Noto Sans CJK SC", cjk: true}
	for _, tc := range []struct {
		s       Scenario
		en, cjk string
	}{
		{look("zhengjing"), "zhengjing (politics/economy separated)", "政经分离 (politics/economy separated)"},
		{look("baseline"), "baseline (no reform)", "无改革 (no reform)"},
		{Scenario{Name: "my_mix"}, "my_mix", "my_mix"},
		{Scenario{Name: "mine", Label: "My reform", LabelZH: "我的改革"}, "My reform", "我的改革 (My reform)"},
		{Scenario{}, "", ""},
	} {
		if got := tc.s.TextIn(Font{}); got != tc.en {
			t.Errorf("%+v in Liberation: %q, want %q", tc.s, got, tc.en)
		}
		if got := tc.s.TextIn(cjk); got != tc.cjk {
			t.Errorf("%+v in a CJK font: %q, want %q", tc.s, got, tc.cjk)
		}
	}
}

// styles draws the scenarios as TimeSeries would.
func styles(names ...string) []scenStyle {
	labels, colors := make([]string, len(names)), make([]string, len(names))
	for i, n := range names {
		labels[i], colors[i] = look(n).Text(), look(n).Color
	}
	return scenarioStyles(labels, colors)
}

// A scenario keeps its colour whatever else is in the chart and in which order.
func TestScenarioColoursStable(t *testing.T) {
	a := styles("baseline", "cungaiju", "zz", "nanhai", "aa")
	b := styles("aa", "nanhai", "zz", "cungaiju")
	c := styles("nanhai")
	if a[3].color != b[1].color || a[3].color != c[0].color {
		t.Error("nanhai colour depends on the other scenarios")
	}
	if a[1].color != b[3].color || a[4].color != b[0].color || a[2].color != b[2].color {
		t.Error("colours depend on input order")
	}
	seen := map[any]bool{}
	for _, s := range a {
		if seen[s.color] {
			t.Errorf("colour %v used twice", s.color)
		}
		seen[s.color] = true
	}
	// A colour of the scenario's own that is not the palette's is drawn
	// as given, solid.
	own := scenarioStyles([]string{"mine"}, []string{"#123456"})
	if own[0].color != (color.NRGBA{0x12, 0x34, 0x56, 0xff}) || own[0].dashes != nil {
		t.Errorf("own colour drawn as %+v", own[0])
	}
}

func TestSave(t *testing.T) {
	p, err := MorrisScatter("Morris", sampleMorris())
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "fig")
	if err := Save(p, dir, "morris", 12, 9); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, ",") != "morris.png,morris.svg" {
		t.Errorf("directory holds %v, want morris.png and morris.svg only", names)
	}
	svg, err := os.ReadFile(filepath.Join(dir, "morris.svg"))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := SVG(p, 12, 9)
	if !bytes.Equal(svg, want) {
		t.Error("saved SVG differs from SVG()")
	}
	f, err := os.Open(filepath.Join(dir, "morris.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := png.Decode(f); err != nil {
		t.Error(err)
	}
}

func TestWrapLabel(t *testing.T) {
	for in, want := range map[string]string{
		"short": "short",
		"zhengshe (administration/services separated)": "zhengshe\n(administration/services separated)",
		"effect of the reform on turnout":              "effect of the\nreform on turnout",
		"a_very_long_identifier_without_spaces":        "a_very_long_identifier_without_spaces",
	} {
		if got := wrapLabel(in, 26); got != want {
			t.Errorf("wrapLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTickLabelsSI: large values are labelled with an SI prefix and never
// in exponent notation or with long runs of zeros.
func TestTickLabelsSI(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		want   []string // labels that must appear
	}{
		{1.8e7, 6.5e7, []string{"20 M", "40 M", "60 M"}},
		{0, 3.5e7, []string{"0", "10 M", "30 M"}},
		{2.4e6, 2.6e6, []string{"2.40 M", "2.50 M", "2.60 M"}},
		{0, 25000, []string{"0", "10 k", "20 k"}},
		{-3e9, 3e9, []string{"−2 G", "0", "2 G"}},
		{0, 8000, []string{"0", "2000", "8000"}},
		{0, 0.8, []string{"0.0", "0.4", "0.8"}},
	} {
		var labels []string
		for _, tk := range (niceTicks{target: 6}).Ticks(tc.lo, tc.hi) {
			if tk.Label == "" {
				continue
			}
			labels = append(labels, tk.Label)
			if strings.ContainsAny(tk.Label, "eE") || strings.Contains(tk.Label, "0000000") {
				t.Errorf("[%g, %g]: label %q", tc.lo, tc.hi, tk.Label)
			}
		}
		for _, w := range tc.want {
			if !slices.Contains(labels, w) {
				t.Errorf("[%g, %g]: labels %q lack %q", tc.lo, tc.hi, labels, w)
			}
		}
	}
}
