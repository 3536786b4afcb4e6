package explore

import (
	"slices"
	"strings"
	"testing"

	"github.com/govsim/govsim/analysis"
)

// patternData makes a design where every pattern comparison points the
// claimed way, clearly, except P2's leakage at the points in broken.
func patternData(t *testing.T, points int, broken func(p int) bool) *Data {
	t.Helper()
	scs := []string{analysis.NoReform, "cungaiju", "zhengjing", "zhengshe", analysis.Staged}
	metrics := PatternMetrics(scs)
	data := NewData(scs, metrics, points, 2)
	for p := range points {
		val := map[string]map[string]float64{}
		for _, s := range scs {
			val[s] = map[string]float64{}
			for _, m := range metrics {
				val[s][m] = 1
			}
		}
		for _, pat := range analysis.PatternList() {
			for _, c := range pat.Parts {
				v := 0.0
				if c.Up {
					v = 2
				}
				if c.Level != nil {
					v = *c.Level - 0.2
					if c.Up {
						v = *c.Level + 0.2
					}
				}
				if pat.ID == "P2" && c.Metric == "leakage_share" && broken(p) {
					v = 3
				}
				val[c.Scenario][c.Metric] = v
			}
		}
		val[analysis.Staged]["composite_index"] = 5
		val[analysis.Staged]["fiscal_spending"] = 5
		for si, s := range scs {
			for _, m := range metrics {
				for r := range 2 {
					mustSet(t, data, s, m, p, r, val[s][m]+0.001*float64(r*(si+1)))
				}
			}
		}
	}
	return data
}

func TestPatterns(t *testing.T) {
	got := Patterns(patternData(t, 10, func(p int) bool { return p%5 == 0 }), 0.95)
	var ids []string
	for _, s := range got {
		ids = append(ids, s.ID)
		switch {
		case s.ID == "P6":
			if !strings.Contains(s.Skipped, "village records") || s.Points != 0 {
				t.Errorf("P6: %+v", s)
			}
		case s.ID == "P2":
			if s.Points != 10 || s.Right != 8 || s.Held != 8 {
				t.Errorf("P2: %+v, want 8 of 10", s)
			}
		default:
			if s.Skipped != "" || s.Points != 10 || s.Right != 10 || s.Held != 10 {
				t.Errorf("%s: %+v, want 10 of 10", s.ID, s)
			}
		}
	}
	if !slices.Equal(ids, []string{"P1", "P2", "P3", "P4", "P5", "P6", "P7"}) {
		t.Errorf("patterns %v", ids)
	}
}

// A design without the scenarios a pattern is about skips it.
func TestPatternsSkipped(t *testing.T) {
	data := NewData([]string{analysis.NoReform, "mine"}, PatternMetrics([]string{analysis.NoReform, "mine"}), 3, 2)
	for _, s := range Patterns(data, 0.95) {
		if s.Skipped == "" || s.Points != 0 {
			t.Errorf("%s: %+v", s.ID, s)
		}
	}
}

func TestPatternMetrics(t *testing.T) {
	got := PatternMetrics([]string{analysis.NoReform, analysis.Staged})
	for _, want := range []string{"composite_index", "fiscal_spending", "leakage_share", "satisfaction_gap"} {
		if !slices.Contains(got, want) {
			t.Errorf("%s missing from %v", want, got)
		}
	}
}
