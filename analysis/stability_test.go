package analysis

import (
	"strings"
	"testing"
)

func TestStabilityWarnings(t *testing.T) {
	// Morris: too few trajectories; enough, but the top two unresolved;
	// enough and resolved.
	idx := []MorrisIndex{{Param: 0, MuStar: 1, MuStarLow: 0.9, MuStarHigh: 1.1}, {Param: 1, MuStar: 0.5, MuStarLow: 0.4, MuStarHigh: 0.6}}
	if w := MorrisWarning(idx, 4); !strings.Contains(w, "r = 4") || !strings.Contains(w, "Campolongo") {
		t.Errorf("r = 4: %q", w)
	}
	if w := MorrisWarning(idx, 20); w != "" {
		t.Errorf("resolved: %q", w)
	}
	idx[1].MuStarHigh = 0.95
	if w := MorrisWarning(idx, 20); !strings.Contains(w, "overlap") {
		t.Errorf("overlapping: %q", w)
	}

	// Sobol: the S1 = 1.49; a wide interval; a tight, valid set.
	bad := []SobolIndex{{Param: 0, S1: 1.49, S1Low: 1.2, S1High: 1.7, ST: 0.9, STLow: 0.8, STHigh: 1.0}}
	if w := SobolWarning(bad, 8); !strings.Contains(w, "S1 = 1.49") || !strings.Contains(w, "outside [0, 1]") || !strings.Contains(w, "Saltelli et al. 2010") {
		t.Errorf("S1 = 1.49: %q", w)
	}
	wide := []SobolIndex{{Param: 0, S1: 0.4, S1Low: 0.2, S1High: 0.6, ST: 0.5, STLow: 0.45, STHigh: 0.55}}
	// Width 0.4 is twice the limit: four times the base rows.
	if w := SobolWarning(wide, 100); !strings.Contains(w, "0.40 wide") || !strings.Contains(w, "-samples 400") {
		t.Errorf("wide: %q", w)
	}
	ok := []SobolIndex{{Param: 0, S1: 0.4, S1Low: 0.35, S1High: 0.45, ST: 0.5, STLow: 0.45, STHigh: 0.55}}
	if w := SobolWarning(ok, 1000); w != "" {
		t.Errorf("stable: %q", w)
	}

	// Regression.
	if w := RegressionWarnings(12, 3, 0.95); len(w) != 1 || !strings.Contains(w[0], "12 points for 3 parameters") || !strings.Contains(w[0], "-samples 30") {
		t.Errorf("few points: %q", w)
	}
	if w := RegressionWarnings(100, 3, 0.4); len(w) != 1 || !strings.Contains(w[0], "R² = 0.40") {
		t.Errorf("low R²: %q", w)
	}
	if w := RegressionWarnings(12, 3, 0.4); len(w) != 2 {
		t.Errorf("both: %q", w)
	}
	if w := RegressionWarnings(100, 3, 0.9); w != nil {
		t.Errorf("fine: %q", w)
	}
}
