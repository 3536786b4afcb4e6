package lesson

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/govsim/govsim/output/live"
	"github.com/govsim/govsim/sim"
)

// backend is a classroom backend of sim alone (this package may not import
// the scenarios): the defaults as baseline, run for 40 months.
type backend struct{}

func (backend) Scenarios() []string { return []string{"baseline"} }

func (backend) Scenario(name string) (sim.Config, error) {
	if name != "baseline" {
		return sim.Config{}, fmt.Errorf("no scenario %q", name)
	}
	c := sim.Default()
	c.Name, c.Label, c.LabelZH, c.Months = name, "baseline (no reform)", "无改革", 40
	return c, nil
}

func (backend) Start(cfg sim.Config, seed uint64) (live.Run, error) {
	m, err := sim.New(cfg, seed, 0, nil)
	if err != nil {
		return nil, err
	}
	return &run{m: m, r: m.Start(sim.Options{Workers: 1, VillageDetail: true})}, nil
}

func (backend) Format(sim.Config) []byte { return nil }

type run struct {
	m *sim.Model
	r *sim.Runner
}

func (s *run) Step(obs sim.Observer) error { return s.r.Step(obs) }
func (s *run) Month() int                  { return s.m.Month }
func (s *run) Done() bool                  { return s.r.Done() }
func (s *run) Close()                      { s.r.Close() }
func (s *run) Model() *sim.Model           { return s.m }

func TestFollow(t *testing.T) {
	p := Plan{Name: "T", Doc: "t.md", DocZH: "t.zh.md", Seed: 1, follow: func(f *follower) {
		f.do(Step{Action: Setup, Scenarios: [2]string{"baseline", "baseline"}})
		f.do(Step{Action: GoTo, Month: 11})
		f.identical()
		f.do(Step{Action: Tick, Pane: 1, Kind: zhengjing})
		f.do(Step{Action: GoTo, Month: 36})
		f.say("Left: %s; right: %s.", "左：%s；右：%s。", f.ticker(0, 36, "elections"), f.show(1, committeeBuying, 36))
		f.effect("vote buying", committeeBuying, f.value(0, committeeBuying, 36), f.value(1, committeeBuying, 36), 0.01, false)
		f.in("T-MORE")
		f.say("Spending %s.", "支出%s。", f.showSmooth(0, spending, 36))
	}}
	r, err := Follow(backend{}, live.Options{}, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Steps) != 4 || r.Steps[0].Seed != 1 || r.Steps[2].Action != Tick {
		t.Errorf("steps: %+v", r.Steps)
	}
	if !strings.HasPrefix(r.Blocks["T"], "Left: Month 36: elections in 60 villages") || !strings.HasPrefix(r.BlocksZH["T"], "左：第36个月：60个村选举") {
		t.Errorf("blocks: %q %q", r.Blocks["T"], r.BlocksZH["T"])
	}
	if !strings.Contains(r.Blocks["T-MORE"], "M yuan/year") || !strings.Contains(r.BlocksZH["T-MORE"], "百万元/年") {
		t.Errorf("units: %q %q", r.Blocks["T-MORE"], r.BlocksZH["T-MORE"])
	}
	var ticker, smooth bool
	for _, fg := range r.Figures {
		if fg.Step != 3 {
			t.Errorf("figure %+v read after step %d, want 3", fg, fg.Step)
		}
		ticker = ticker || fg.Ticker == "elections" && fg.Month == 36
		smooth = smooth || fg.Smooth && fg.Metric == spending
	}
	if !ticker || !smooth || len(r.Figures) != 5 {
		t.Errorf("figures: %+v", r.Figures)
	}
	if len(r.Effects) != 1 || !r.Effects[0].Seen() || len(r.Unseen()) != 0 {
		t.Errorf("effects: %+v", r.Effects)
	}

	// The first error stops the plan and names its step.
	bad := Plan{Name: "B", Seed: 1, follow: func(f *follower) {
		f.do(Step{Action: Setup, Scenarios: [2]string{"baseline", "baseline"}})
		f.do(Step{Action: GoTo, Month: 5})
		f.do(Step{Action: GoTo, Month: 3})
		f.do(Step{Action: GoTo, Month: 30})
	}}
	if _, err := Follow(backend{}, live.Options{}, bad); err == nil || !strings.Contains(err.Error(), "lesson B: step 3: the clock already shows month 5") {
		t.Errorf("error: %v", err)
	}
	for _, s := range []Step{{Action: Slide, Key: "economy.lambda0", Value: 1}, {Action: Tick, Pane: 1, Kind: "nothing"}, {Action: Choose, Pane: 1, Scenarios: [2]string{"", "nanhai"}}} {
		p := Plan{Name: "C", Seed: 1, follow: func(f *follower) {
			f.do(Step{Action: Setup, Scenarios: [2]string{"baseline", "baseline"}})
			f.do(s)
		}}
		if _, err := Follow(backend{}, live.Options{}, p); err == nil {
			t.Errorf("%+v: no error", s)
		}
	}
}

func TestEffectSeen(t *testing.T) {
	for _, tc := range []struct {
		e    Effect
		seen bool
	}{
		{Effect{From: 0.05, To: 0.10, Visible: 0.01}, true},
		{Effect{From: 0.05, To: 0.055, Visible: 0.01}, false},
		{Effect{From: 0.05, To: 0.04, Visible: 0.01}, true},
		{Effect{From: 0.30, To: 0.20, Visible: 0.25, Relative: true}, true},
		{Effect{From: 0.30, To: 0.25, Visible: 0.25, Relative: true}, false},
		{Effect{From: 0.055, To: 0.062, Visible: 0.01, Flat: true}, true},
		{Effect{From: 0.055, To: 0.10, Visible: 0.01, Flat: true}, false},
		{Effect{From: 1, To: 2, Visible: 0}, true},
		{Effect{From: 1, To: 1, Visible: 0}, true},
		{Effect{From: math.NaN(), To: 1, Visible: 0}, false},
	} {
		if got := tc.e.Seen(); got != tc.seen {
			t.Errorf("%+v: seen %v, want %v", tc.e, got, tc.seen)
		}
	}
	r := Result{Effects: []Effect{{What: "w", Metric: committeeBuying, From: 0.05, To: 0.051, Visible: 0.01}, {What: "f", Metric: committeeBuying, From: 0.05, To: 0.2, Visible: 0.01, Flat: true}}}
	u := r.Unseen()
	if len(u) != 2 || u[0] != "w: 5.0% → 5.1%, a change of less than 1.0%, too small for a class to see" || !strings.Contains(u[1], "where the plan says it hardly moves") {
		t.Errorf("Unseen: %q", u)
	}
}

func TestNumber(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want string
	}{
		{0.3, "0.3"}, {250, "250"}, {100000, "100,000"}, {10000000, "10,000,000"}, {-1500, "-1,500"}, {0.04, "0.04"}, {0, "0"},
	} {
		if got := number(tc.v); got != tc.want {
			t.Errorf("number(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

// Follow a lesson plan on a classroom backend and print what it writes
// into docs/teaching.md; `make docs` does this for every plan with the
// backend `govsim serve` uses.
func ExampleFollow() {
	for _, p := range Plans() {
		if p.Name != "LESSON1" {
			continue
		}
		r, err := Follow(backend{}, live.Options{}, p)
		if err != nil {
			fmt.Println(err) // this backend has no scenario of the lesson's right pane
			continue
		}
		fmt.Print(r.Blocks["LESSON1"])
	}
}
