package live

import (
	"encoding/json"
	"io"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/govsim/govsim/output/chart"
	"github.com/govsim/govsim/sim"
)

func TestPageAndStatic(t *testing.T) {
	_, ts := newTestServer(t, 24, Options{})
	for _, tc := range []struct {
		path, ctype, contains string
		code                  int
	}{
		{"/", "text/html", `src="/static/app.js"`, 200},
		{"/static/app.js", "javascript", "window.govsim", 200},
		{"/static/app.css", "text/css", "#panes", 200},
		{"/static/nothing.js", "", "", 404},
		{"/static/../meta.go", "", "", 404},
		{"/api/nothing", "", "", 404},
	} {
		resp, err := http.Get(ts.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		_, _ = io.Copy(&b, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.code {
			t.Errorf("%s: status %d, want %d", tc.path, resp.StatusCode, tc.code)
			continue
		}
		if tc.code != 200 {
			continue
		}
		if ct := resp.Header.Get("Content-Type"); !strings.Contains(ct, tc.ctype) {
			t.Errorf("%s: Content-Type %q", tc.path, ct)
		}
		if !strings.Contains(b.String(), tc.contains) {
			t.Errorf("%s lacks %q", tc.path, tc.contains)
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
			t.Errorf("%s: CSP %q", tc.path, csp)
		}
	}
}

// The page must need no network: no address outside the server in it.
func TestPageIsSelfContained(t *testing.T) {
	for _, name := range []string{"static/index.html", "static/app.js", "static/app.css"} {
		b, err := staticFiles.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"http://", "https://", "//cdn", "@import"} {
			if strings.Contains(string(b), bad) {
				t.Errorf("%s contains %q: the page must load nothing from elsewhere", name, bad)
			}
		}
	}
}

func TestMeta(t *testing.T) {
	_, ts := newTestServer(t, 24, Options{})
	code, body := do(t, "GET", ts.URL+"/api/meta", "", "")
	if code != 200 {
		t.Fatalf("meta: %d %s", code, body)
	}
	var md struct {
		Scenarios []struct {
			Name, Color string
			Reforms     []map[string]any
			Params      map[string]float64
		}
		Defaults []string
		Params   []struct {
			Key, EN, ZH, Kind string
			Min, Max          *float64
			Lo, Hi            float64
		}
		ReformFields []struct{ Key string }
		ReformKinds  []struct{ Kind, EN, ZH string }
		Metrics      []struct {
			Name, EN, ZH, UnitZh, ShowZh string
			Percent, Bounded             bool
			Fixed, Sig                   int
		}
		Layers []struct{ Key string }
		Charts []struct {
			ID      string
			Metrics []string
		}
		MapScale []string
	}
	if err := json.Unmarshal([]byte(body), &md); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range md.Scenarios {
		names = append(names, s.Name)
	}
	if strings.Join(names, ",") != "baseline,zhengjing" {
		t.Errorf("scenarios offered %v: the huge one must not be", names)
	}
	cols := chart.ScenarioColors([]chart.Scenario{{Name: "baseline", Color: "#000000"}, {Name: "zhengjing", Color: "#56b4e9"}})
	if md.Scenarios[0].Color != hexColor(cols[0]) || md.Scenarios[1].Color != hexColor(cols[1]) {
		t.Errorf("colours %s %s differ from the report's", md.Scenarios[0].Color, md.Scenarios[1].Color)
	}
	if len(md.Scenarios[1].Reforms) != 1 || md.Scenarios[1].Reforms[0]["kind"] != "zhengjing" || md.Scenarios[1].Reforms[0]["start"] != 12.0 {
		t.Errorf("zhengjing's schedule: %v", md.Scenarios[1].Reforms)
	}
	if strings.Join(md.Defaults, ",") != "baseline,zhengjing" {
		t.Errorf("default panes %v", md.Defaults)
	}
	if len(md.Params) < 8 {
		t.Errorf("%d class parameters; a class needs eight or so", len(md.Params))
	}
	for _, p := range md.Params {
		tp, ok := sim.Lookup(p.Key)
		if !ok {
			t.Errorf("parameter %s is not in the table", p.Key)
			continue
		}
		if p.EN == "" || p.ZH == "" {
			t.Errorf("%s: labels %q %q", p.Key, p.EN, p.ZH)
		}
		if p.Min == nil || p.Max == nil || *p.Min != tp.Min || *p.Max != tp.Max {
			t.Errorf("%s: range not the table's", p.Key)
		}
		if p.Lo < tp.Min || p.Hi > tp.Max || p.Lo >= p.Hi {
			t.Errorf("%s: slider [%g, %g] outside the allowed %s", p.Key, p.Lo, p.Hi, tp.Range())
		}
		if _, ok := md.Scenarios[0].Params[p.Key]; !ok {
			t.Errorf("%s: no scenario value", p.Key)
		}
	}
	if len(md.Metrics) != int(sim.NumDistrictMetrics) {
		t.Fatalf("%d metrics, rows have %d values", len(md.Metrics), sim.NumDistrictMetrics)
	}
	for i, m := range md.Metrics {
		want := sim.MetricOf(sim.MetricID(i))
		if m.Name != want.Name || m.EN != want.Title || m.ZH != want.LabelZH {
			t.Errorf("metric %d: %+v, table says %s %q %q", i, m, want.Name, want.Title, want.LabelZH)
		}
		// The page's number formats and axes come from here, not from the
		// unit's text: a share in per cent on a 0–1 axis, others as their
		// Display writes them, every unit also in Chinese.
		if m.UnitZh == "" || m.ShowZh == "" || m.Percent != percent(want) || m.Bounded != want.Bounded || (m.Fixed < 0) == (m.Sig == 0) {
			t.Errorf("metric %s: display %+v", m.Name, m)
		}
	}
	if vb := md.Metrics[sim.VoteBuying]; !vb.Percent || !vb.Bounded {
		t.Errorf("vote buying is shown %+v", vb)
	}
	if c := md.Metrics[sim.CompositeIndex]; c.Percent || !c.Bounded || c.Fixed != 3 {
		t.Errorf("the composite index is shown %+v", c)
	}
	for _, c := range md.Charts {
		for _, n := range c.Metrics {
			if m, ok := sim.MetricByName(n); !ok || !m.District {
				t.Errorf("chart %s: %s is not a district metric", c.ID, n)
			}
		}
	}
	if len(md.ReformKinds) != 3 || len(md.ReformFields) != len(reformFields()) {
		t.Errorf("reform controls: %v %v", md.ReformKinds, md.ReformFields)
	}
	if len(md.Layers) < 5 || md.Layers[0].Key != statusLayer || len(md.MapScale) < 2 {
		t.Errorf("layers %v, scale %v", md.Layers, md.MapScale)
	}
}

// Every key the page shows a control for is a key of sim.ReformSpec, and
// every class parameter is one a test backend scenario has.
func TestControlsExist(t *testing.T) {
	for _, f := range reformFields() {
		found := false
		for _, p := range sim.ReformSpecParams() {
			found = found || p.Name == f
		}
		if !found {
			t.Errorf("reform field %q is not in sim.ReformSpec", f)
		}
	}
	for _, l := range layers() {
		if l.Key != statusLayer && sim.VillageMetrics()[l.Metric] != l.Key {
			t.Errorf("layer %s shows %s", l.Key, sim.VillageMetrics()[l.Metric])
		}
	}
}

func TestAbout(t *testing.T) {
	_, ts := newTestServer(t, 24, Options{})
	code, body := do(t, "GET", ts.URL+"/api/about", "", "")
	if code != 200 {
		t.Fatal(code, body)
	}
	var secs []aboutSection
	if err := json.Unmarshal([]byte(body), &secs); err != nil {
		t.Fatal(err)
	}
	if len(secs) != len(aboutParts()) {
		t.Fatalf("%d sections", len(secs))
	}
	for i, s := range secs {
		for _, h := range []string{s.HTML, s.HTMLZH} {
			if strings.Contains(h, "missing from the documentation") || len(h) < 200 && (h != "" || i < 7) {
				t.Errorf("section %s (%s): %q", s.ID, s.EN, h[:min(len(h), 200)])
			}
			if strings.Contains(h, "<script") {
				t.Errorf("section %s carries a script", s.ID)
			}
		}
	}
	// A class first; the material for developers (which names the code)
	// last; and in Chinese everything a class reads.
	if secs[0].ID != "class" || secs[1].ID != "lessons" || secs[len(secs)-1].ID != "developers" {
		t.Errorf("tabs in the order %v", secs)
	}
	for _, s := range secs[:7] {
		if s.HTMLZH == "" || strings.Contains(s.HTMLZH, "sim/") {
			t.Errorf("section %s in Chinese: %q", s.ID, s.HTMLZH[:min(len(s.HTMLZH), 100)])
		}
	}
	for _, s := range secs[:3] {
		if strings.Contains(s.HTML, "sim/") || strings.Contains(s.HTML, "make docs</code>") && s.ID != "class" {
			t.Errorf("the classroom's section %s names the code", s.ID)
		}
	}
}

// A whole session through the API: stream, step, go, setup, a pane changed
// mid-run, the scenario file, delete.
func TestSessionLifecycle(t *testing.T) {
	_, ts := newTestServer(t, 40, Options{})
	s := createSession(t, ts.URL, defaultPanes)
	st := openStream(t, s)
	u := st.until(10*time.Second, "the first update", func(u wireUpdate) bool { return len(u.Panes) == 2 })
	if u.Month != 0 || u.Months != 40 || u.Running || u.Speed != defaultSpeed || u.Seed != 1 || !u.Panes[0].Full || len(u.Panes[0].X) != 60 {
		t.Fatalf("first update: %+v", u)
	}
	if st.panes[0].label != "baseline (no reform)" || st.panes[1].color != "#56b4e9" {
		t.Errorf("labels and colours: %+v", st.panes)
	}

	if code, out := post(t, s+"/control", `{"action":"step"}`); code != http.StatusNoContent {
		t.Fatalf("step: %d %s", code, out)
	}
	st.until(10*time.Second, "month 1", func(u wireUpdate) bool { return u.Month == 1 })
	if len(st.panes[0].rows) != 1 || len(st.panes[0].rows[0]) != int(sim.NumDistrictMetrics) {
		t.Fatalf("after a step: %d rows", len(st.panes[0].rows))
	}
	if len(st.panes[0].events) == 0 || !strings.Contains(st.panes[0].events[0], "Month 0: elections in 60 villages") {
		t.Errorf("ticker after month 0: %q", st.panes[0].events)
	}

	post(t, s+"/control", `{"action":"speed","speed":100}`)
	post(t, s+"/control", `{"action":"go"}`)
	st.until(20*time.Second, "the end", func(u wireUpdate) bool { return u.Over })
	if st.last.Running || len(st.panes[1].rows) != 40 {
		t.Fatalf("at the end: running %v, %d rows", st.last.Running, len(st.panes[1].rows))
	}
	joined := strings.Join(st.panes[1].events, "\n")
	if !strings.Contains(joined, "Month 12: 政经分离 reaches 60 villages (60 of 60 units so far)") || !strings.Contains(joined, "Month 36: elections in 60 villages") {
		t.Errorf("ticker of the right pane:\n%s", joined)
	}
	if code, _ := post(t, s+"/control", `{"action":"go"}`); code != http.StatusNoContent {
		t.Error("go at the end should be accepted and do nothing")
	}

	// Setup with a new seed starts again at month 0 with new generations.
	g0 := st.panes[0].gen
	if code, out := post(t, s+"/setup", `{"seed":7,"panes":[{"scenario":"baseline"},{"scenario":"baseline"}]}`); code != http.StatusNoContent {
		t.Fatalf("setup: %d %s", code, out)
	}
	u = st.until(10*time.Second, "setup", func(u wireUpdate) bool { return u.Seed == 7 && u.Month == 0 })
	if st.panes[0].gen == g0 || !u.Panes[1].Dashed || u.Panes[0].Color != u.Panes[1].Color {
		t.Errorf("after setup: gen %d (was %d), %+v", st.panes[0].gen, g0, u.Panes[1])
	}

	// Run 24 months, then switch 政经分离 on in the right pane: it reruns to
	// month 24 and goes on from there with the left.
	for u.Month < 24 {
		post(t, s+"/control", `{"action":"step"}`)
		u = st.until(10*time.Second, "a step", func(v wireUpdate) bool { return v.Month > u.Month })
	}
	before := st.panes[1].rows
	code, out := post(t, s+"/panes/1", `{"scenario":"baseline","reforms":[{"kind":"zhengjing","start":24,"coverage":"all"}]}`)
	if code != http.StatusNoContent {
		t.Fatalf("pane: %d %s", code, out)
	}
	u = st.until(20*time.Second, "the rerun pane", func(u wireUpdate) bool { return u.Panes[1].Full })
	if len(st.panes[1].rows) != 24 || u.Month != 24 {
		t.Fatalf("rerun pane has %d rows at month %d", len(st.panes[1].rows), u.Month)
	}
	for m := range before {
		if !sameRow(before[m], st.panes[1].rows[m]) {
			t.Fatalf("month %d changed by a reform that starts at month 24", m)
		}
	}
	if st.panes[1].label != "baseline (no reform) + changes" || u.Panes[1].Dashed {
		t.Errorf("a changed pane is labelled %q, dashed %v", st.panes[1].label, u.Panes[1].Dashed)
	}
	for u.Month < 37 {
		post(t, s+"/control", `{"action":"step"}`)
		u = st.until(10*time.Second, "a step", func(v wireUpdate) bool { return v.Month > u.Month })
	}
	left, right := st.panes[0].rows[36][sim.VoteBuying], st.panes[1].rows[36][sim.VoteBuying]
	if !(right < left) {
		t.Errorf("vote buying at month 36: right %g, left %g; 政经分离 should lower it", right, left)
	}

	code, body := do(t, "GET", s+"/panes/1/scenario.toml", "", "")
	if code != 200 || !strings.Contains(body, `name = "baseline-classroom"`) || !strings.Contains(body, "govsim run -seed 7") {
		t.Errorf("scenario file: %d %s", code, body)
	}
	if code, _ := do(t, "DELETE", s, "", ""); code != http.StatusNoContent {
		t.Errorf("delete: %d", code)
	}
	if code, _ := do(t, "GET", s+"/events", "", ""); code != http.StatusNotFound {
		t.Errorf("events after delete: %d", code)
	}
}

func sameRow(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}

// The streamed district values are bit for bit those of a whole run of the
// same configuration and seed, with any number of workers.
func TestStreamMatchesRun(t *testing.T) {
	const months = 60
	_, ts := newTestServer(t, months, Options{})
	s := createSession(t, ts.URL, `{"seed":11,"panes":[{"scenario":"baseline","params":{"election.price":1500}},{"scenario":"zhengjing"}]}`)
	st := openStream(t, s)
	post(t, s+"/control", `{"action":"speed","speed":100}`)
	post(t, s+"/control", `{"action":"go"}`)
	st.until(30*time.Second, "the end", func(u wireUpdate) bool { return u.Over })
	b := testBackend{months: months}
	for i, name := range []string{"baseline", "zhengjing"} {
		cfg, _ := b.Scenario(name)
		if i == 0 {
			cfg.Election.Price = 1500
		}
		m, err := sim.New(cfg, 11, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		var rec rowRecorder
		if err := m.Run(t.Context(), sim.Options{Workers: 2}, &rec); err != nil {
			t.Fatal(err)
		}
		if len(rec.rows) != len(st.panes[i].rows) {
			t.Fatalf("%s: %d months streamed, the run has %d", name, len(st.panes[i].rows), len(rec.rows))
		}
		for mo := range rec.rows {
			if !sameRow(rec.rows[mo], st.panes[i].rows[mo]) {
				t.Fatalf("%s month %d differs from the run:\nstream %v\nrun    %v", name, mo, st.panes[i].rows[mo], rec.rows[mo])
			}
		}
	}
}

type rowRecorder struct{ rows [][]float64 }

func (r *rowRecorder) District(_ int, v []float64) error {
	r.rows = append(r.rows, append([]float64(nil), v...))
	return nil
}
func (r *rowRecorder) Village(int, int, []float64) error { return nil }

// Two streams of one session see the same months; a late one gets them all.
func TestTwoStreams(t *testing.T) {
	_, ts := newTestServer(t, 24, Options{})
	s := createSession(t, ts.URL, defaultPanes)
	a := openStream(t, s)
	post(t, s+"/control", `{"action":"speed","speed":100}`)
	post(t, s+"/control", `{"action":"go"}`)
	a.until(20*time.Second, "the end", func(u wireUpdate) bool { return u.Over })
	b := openStream(t, s)
	b.until(10*time.Second, "everything", func(u wireUpdate) bool { return u.Over })
	for i := range a.panes {
		if len(a.panes[i].rows) != 24 || len(b.panes[i].rows) != 24 {
			t.Fatalf("pane %d: %d and %d rows", i, len(a.panes[i].rows), len(b.panes[i].rows))
		}
		for m := range a.panes[i].rows {
			if !sameRow(a.panes[i].rows[m], b.panes[i].rows[m]) {
				t.Fatalf("pane %d month %d differs between streams", i, m)
			}
		}
	}
}
