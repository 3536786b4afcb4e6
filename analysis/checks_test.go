package analysis

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

func TestPaired(t *testing.T) {
	// A shared replicate effect cancels in the paired difference: Welch
	// sees noise, the paired interval sees a clear +1.
	base := []float64{10, 20, 30, 40, 50}
	x := []float64{11, 21.2, 30.8, 41.1, 50.9}
	p := Paired(x, base, 0.95)
	w := Welch(x, base, 0.95)
	if math.Abs(p.Diff-1) > 1e-12 || !(p.Low > 0.5 && p.High < 1.5) {
		t.Errorf("paired %+v, want about +1 with a narrow interval", p)
	}
	if !(w.Low < 0) {
		t.Errorf("Welch %+v: the replicate effect should swamp it", w)
	}
	if p.DF != 4 {
		t.Errorf("df %v, want 4", p.DF)
	}
	if d := Paired([]float64{1, 2}, []float64{1}, 0.95); !math.IsNaN(d.Diff) {
		t.Errorf("unequal lengths: %+v", d)
	}
	if d := Paired([]float64{2, 3}, []float64{1, 2}, 0.95); d.Low != 1 || d.High != 1 || d.P != 0 {
		t.Errorf("constant difference: %+v", d)
	}
}

// fakeRuns answers the checks' questions from fixed window means.
type fakeRuns struct {
	names []string
	reps  int
	val   func(scenario, metric string, rep int) float64
}

func (f fakeRuns) ScenarioNames() []string { return f.names }
func (f fakeRuns) Replicates(s string) []int {
	for _, n := range f.names {
		if n == s {
			out := make([]int, f.reps)
			for i := range out {
				out[i] = i
			}
			return out
		}
	}
	return nil
}
func (f fakeRuns) Window(s, m string, from, to int) []float64 {
	var out []float64
	for _, r := range f.Replicates(s) {
		out = append(out, f.val(s, m, r))
	}
	return out
}

// TestCheckPatterns: a pattern holds when every comparison goes its way,
// fails when one does not, and is skipped without its scenarios.
func TestCheckPatterns(t *testing.T) {
	better := map[string]float64{
		"vote_buying_total_rate": -1, "committee_stake": -1, "committee_competence": +1, "leakage_share": -1,
		"dividend_per_share": +1, "disputes_blamed_committee_per_1000": -1, "satisfaction_local": +1,
		"satisfaction_migrant": +1, "trust_committee": +1, "satisfaction_gap": -1, "urban_rural_service_gap": -1,
		"fiscal_spending": +1, "composite_index": +1, "public_stood_per_seat": +1,
	}
	val := func(s, m string, r int) float64 {
		x := 10 + float64(r%3) // replicate noise shared by every scenario
		switch m {
		case "genuine_contest_share":
			return 0.8 + 0.01*float64(r%2)
		case "disputes_membership_per_1000", "disputes_dividend_per_1000":
			return 4
		case "disputes_opened_per_1000":
			return 10
		case "dividend_per_share":
			x += 3000 // years 4–5 must be a few thousand yuan
		}
		if s != "baseline" {
			x += better[m] * (1 + 0.01*float64(r%2))
		}
		if s == "nanhai" {
			x += better[m]
		}
		return x
	}
	all := []string{"baseline", "cungaiju", "zhengjing", "zhengshe", "nanhai"}
	checks := CheckPatterns(fakeRuns{all, 6, val}, nil, 0, 12, 0.95)
	for _, c := range checks {
		switch c.ID {
		case "P6":
			if c.Skipped == "" {
				t.Errorf("P6 without village-years: %+v", c)
			}
		default:
			if !c.Held || c.Skipped != "" {
				t.Errorf("%s: %+v", c.ID, c)
			}
			if c.ID != "P0" && !strings.Contains(c.Evidence, "paired") && c.ID != "P6" {
				t.Errorf("%s: %s is not a paired comparison", c.ID, c.Evidence)
			}
		}
	}
	// One comparison going the wrong way fails its pattern and says which.
	worse := func(s, m string, r int) float64 {
		if s == "zhengshe" && m == "satisfaction_gap" {
			return val("baseline", m, r) + 1
		}
		return val(s, m, r)
	}
	for _, c := range CheckPatterns(fakeRuns{all, 6, worse}, nil, 0, 12, 0.95) {
		if c.ID != "P4" {
			continue
		}
		if c.Held {
			t.Errorf("P4 held with the gap widening: %s", c.Evidence)
		}
		for _, p := range c.Parts {
			if p.Held == (p.Name == "zhengshe satisfaction_gap") || p.Right != p.Held {
				t.Errorf("part %s held = %v, right = %v", p.Name, p.Held, p.Right)
			}
		}
	}
	// Without zhengshe, P4 is skipped, not failed.
	for _, c := range CheckPatterns(fakeRuns{[]string{"baseline", "zhengjing"}, 6, val}, nil, 0, 12, 0.95) {
		if c.ID == "P4" && c.Skipped == "" {
			t.Errorf("P4 without zhengshe: %+v", c)
		}
	}
}

func TestRobustnessRendered(t *testing.T) {
	for _, r := range Robustness() {
		if s := RobustnessOf(r.ID); !strings.Contains(s, fmt.Sprintf("claimed way at %d of %d points and held clearly at %d", r.Right, r.Points, r.Held)) || !strings.Contains(s, "Latin hypercube") {
			t.Errorf("%s: %q", r.ID, s)
		}
	}
	if !strings.Contains(RobustnessTable(), "| P4 |") && len(Robustness()) > 0 {
		t.Error("robustness table lacks P4")
	}
}
