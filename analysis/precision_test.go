package analysis

import (
	"math"
	"testing"

	"github.com/govsim/govsim/sim"
)

// tails makes n replicates of a scenario whose headline metrics are all
// mean ± spread (alternating), so each half-width is known.
func tails(n int, mean, spread float64) [][]float64 {
	out := make([][]float64, n)
	for r := range out {
		out[r] = make([]float64, sim.NumDistrictMetrics)
		for i := range out[r] {
			out[r][i] = mean + spread*float64(2*(r%2)-1)
		}
	}
	return out
}

func TestPrecisionOf(t *testing.T) {
	for _, tc := range []struct {
		name   string
		tails  map[string][][]float64
		target float64
		met    bool
		widest string
		needed int
	}{
		{"tight", map[string][][]float64{"a": tails(10, 100, 0.1)}, 0.05, true, "a", 10},
		{"one scenario wide", map[string][][]float64{"a": tails(10, 100, 0.1), "b": tails(10, 100, 20)}, 0.05, false, "b", 0},
		{"too few to tell", map[string][][]float64{"a": tails(1, 100, 0)}, 0.05, false, "a", 0},
	} {
		var names []string
		for _, n := range []string{"a", "b"} {
			if tc.tails[n] != nil {
				names = append(names, n)
			}
		}
		st := PrecisionOf(names, tc.tails, tc.target, len(tc.tails["a"]))
		if st.Met() != tc.met || st.Widest().Scenario != tc.widest || len(st.Metrics) != len(sim.Headline()) {
			t.Errorf("%s: met %v, widest %+v", tc.name, st.Met(), st.Widest())
		}
		if tc.needed > 0 && st.Needed != tc.needed {
			t.Errorf("%s: needed %d, want %d", tc.name, st.Needed, tc.needed)
		}
		if w, ok := Precise(names, tc.tails, tc.target); ok != tc.met || w != st.Widest().Short() {
			t.Errorf("%s: Precise = %q, %v", tc.name, w, ok)
		}
	}
	// The half-width shrinks as 1/√n: a relative half-width twice the
	// target needs four times the replicates.
	st := PrecisionOf([]string{"a"}, map[string][][]float64{"a": tails(10, 100, 20)}, 0.05, 10)
	w := st.Widest()
	if want := int(math.Ceil(10 * (w.Rel / 0.05) * (w.Rel / 0.05))); st.Needed != want || st.Needed <= 10 {
		t.Errorf("needed %d, want %d (rel %.3f)", st.Needed, want, w.Rel)
	}
	if len(st.Wider()) != len(st.Metrics) {
		t.Errorf("wider: %d of %d", len(st.Wider()), len(st.Metrics))
	}
}
