package chart

import "testing"

// The page's colours must be the report's: a scenario's own colour
// wherever it stands, and what scenarioStyles draws with.
func TestScenarioColors(t *testing.T) {
	got := ScenarioColors([]Scenario{look("zhengjing"), look("baseline"), look("mine")})
	if got[0] != okabeIto[2] || got[1] != okabeIto[0] {
		t.Errorf("built-in scenarios moved: %v", got)
	}
	st := styles("zhengjing", "baseline", "mine")
	for i := range got {
		if got[i] != st[i].color {
			t.Errorf("%d: %v, charts draw %v", i, got[i], st[i].color)
		}
	}
	if s := MapScale(); len(s) != len(viridisStops) || s[0] != viridis(0) || s[len(s)-1] != viridis(1) {
		t.Errorf("MapScale %v does not span viridis", s)
	}
}
