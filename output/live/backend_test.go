package live

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/govsim/govsim/sim"
)

// testBackend is a Backend made of sim alone (this package may not import
// the scenarios or experiment packages): the defaults as "baseline", the
// same with 政经分离 from month 12 as "zhengjing", and a district far above
// teaching scale as "huge". Runs are short, to keep the tests quick.
type testBackend struct{ months int }

func (testBackend) Scenarios() []string { return []string{"baseline", "zhengjing", "huge"} }

func (b testBackend) Scenario(name string) (sim.Config, error) {
	c := sim.Default()
	c.Name = name
	c.Months = b.months
	switch name {
	case "baseline":
		c.Label, c.LabelZH, c.Color = "baseline (no reform)", "无改革", "#000000"
	case "zhengjing":
		c.Label, c.LabelZH, c.Color = "zhengjing (politics/economy separated)", "政经分离", "#56b4e9"
		c.Reforms = []sim.ReformSpec{sim.Reform(sim.KindZhengjing, 12, "all")}
	case "huge":
		c.District.Villages, c.District.Scale = 282, 1
	default:
		return c, fmt.Errorf("no scenario %q", name)
	}
	return c, nil
}

func (testBackend) Start(cfg sim.Config, seed uint64) (Run, error) {
	m, err := sim.New(cfg, seed, 0, nil)
	if err != nil {
		return nil, err
	}
	return &simRun{m: m, r: m.Start(sim.Options{Workers: 1, VillageDetail: true})}, nil
}

func (testBackend) Format(cfg sim.Config) []byte { return []byte(fmt.Sprintf("name = %q\n", cfg.Name)) }

// simRun is experiment.Live's contract, made of a sim.Runner.
type simRun struct {
	m *sim.Model
	r *sim.Runner
}

func (s *simRun) Step(obs sim.Observer) error {
	if s.r.Done() {
		return nil
	}
	return s.r.Step(obs)
}
func (s *simRun) Month() int        { return s.m.Month }
func (s *simRun) Done() bool        { return s.r.Done() }
func (s *simRun) Close()            { s.r.Close() }
func (s *simRun) Model() *sim.Model { return s.m }

// newTestServer serves a classroom on a test backend of the given length.
func newTestServer(t testing.TB, months int, opt Options) (*Server, *httptest.Server) {
	t.Helper()
	srv, err := New(testBackend{months: months}, opt)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(func() {
		ts.Close()
		srv.Close()
	})
	return srv, ts
}

// post sends a JSON body and returns the status and the body.
func post(t testing.TB, url, body string) (int, string) {
	t.Helper()
	return do(t, "POST", url, "application/json", body)
}

func do(t testing.TB, method, url, ctype, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

const defaultPanes = `{"seed":1,"panes":[{"scenario":"baseline"},{"scenario":"zhengjing"}]}`

// createSession starts a session and returns its API prefix.
func createSession(t testing.TB, base, body string) string {
	t.Helper()
	code, out := post(t, base+"/api/sessions", body)
	if code != http.StatusCreated {
		t.Fatalf("create: %d %s", code, out)
	}
	var r struct{ ID string }
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	return base + "/api/sessions/" + r.ID
}

// wireUpdate is a stream message as the page reads it.
type wireUpdate struct {
	Month, Months int
	Running, Over bool
	Speed         int
	Seed          uint64
	Error         string
	Panes         []wirePaneUpdate
}

type wirePaneUpdate struct {
	Gen, From, Months int
	Full, Dashed      bool
	Label             map[string]string
	Color             string
	Settings          map[string]any
	Reforms           []map[string]any
	X, Y              []float64
	Rows              [][]*float64
	Layers            [][]*float64
	Events            [][]any
}

// paneCopy is what a page holds of a pane: every month's district values.
type paneCopy struct {
	gen    int
	rows   [][]float64
	layers [][]*float64
	events []string
	color  string
	label  string
}

// stream reads a session's events as the page does.
type stream struct {
	t     testing.TB
	resp  *http.Response
	sc    *bufio.Scanner
	last  wireUpdate
	panes [2]paneCopy
}

func openStream(t testing.TB, prefix string) *stream {
	t.Helper()
	resp, err := http.Get(prefix + "/events")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		t.Fatalf("events: %d %s", resp.StatusCode, b)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events: Content-Type %q", ct)
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	s := &stream{t: t, resp: resp, sc: sc}
	t.Cleanup(s.close)
	return s
}

func (s *stream) close() { s.resp.Body.Close() }

// next reads the next update and merges it into the copies.
func (s *stream) next() (wireUpdate, error) {
	event := ""
	for s.sc.Scan() {
		line := s.sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			event = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: ") && event == "update":
			var u wireUpdate
			if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &u); err != nil {
				return u, fmt.Errorf("update is not JSON: %v", err)
			}
			if err := s.merge(u); err != nil {
				return u, err
			}
			s.last = u
			return u, nil
		case strings.HasPrefix(line, "data: ") && event == "ended":
			return wireUpdate{}, io.EOF
		}
	}
	if err := s.sc.Err(); err != nil {
		return wireUpdate{}, err
	}
	return wireUpdate{}, io.EOF
}

func (s *stream) merge(u wireUpdate) error {
	for i, p := range u.Panes {
		c := &s.panes[i]
		if p.Full {
			*c = paneCopy{gen: p.Gen}
		}
		if p.Gen != c.gen {
			return fmt.Errorf("pane %d: generation %d without a full message (have %d)", i, p.Gen, c.gen)
		}
		if p.From != len(c.rows) {
			return fmt.Errorf("pane %d: rows from %d, have %d", i, p.From, len(c.rows))
		}
		for _, r := range p.Rows {
			row := make([]float64, len(r))
			for k, x := range r {
				row[k] = math.NaN()
				if x != nil {
					row[k] = *x
				}
			}
			c.rows = append(c.rows, row)
		}
		if p.Layers != nil {
			c.layers = p.Layers
		}
		for _, e := range p.Events {
			c.events = append(c.events, e[1].(string))
		}
		c.color, c.label = p.Color, p.Label["en"]
	}
	return nil
}

// until reads updates until ok holds, failing after the timeout.
func (s *stream) until(timeout time.Duration, what string, ok func(u wireUpdate) bool) wireUpdate {
	s.t.Helper()
	deadline := time.Now().Add(timeout)
	if len(s.last.Panes) > 0 && ok(s.last) {
		return s.last
	}
	for time.Now().Before(deadline) {
		u, err := s.next()
		if err != nil {
			s.t.Fatalf("waiting for %s: %v", what, err)
		}
		if ok(u) {
			return u
		}
	}
	s.t.Fatalf("waiting for %s: timed out after %s (last month %d)", what, timeout, s.last.Month)
	return wireUpdate{}
}

func TestTestBackendIsTeachingScale(t *testing.T) {
	var b testBackend
	for _, n := range []string{"baseline", "zhengjing"} {
		c, err := b.Scenario(n)
		if err != nil {
			t.Fatal(err)
		}
		if a := agents(&c); a > DefaultMaxAgents {
			t.Errorf("%s: %.0f agents", n, a)
		}
	}
	if _, err := (testBackend{}).Scenario("nope"); err == nil {
		t.Error("unknown scenario accepted")
	}
	if !bytes.Contains((testBackend{}).Format(sim.Default()), []byte("name")) {
		t.Error("Format")
	}
}
