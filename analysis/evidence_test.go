package analysis

import "testing"

func TestDiffTextUsesDisplayUnits(t *testing.T) {
	for _, tc := range []struct {
		metric string
		d      Diff
		want   string
	}{
		{"fiscal_spending", Diff{Diff: 3.35e7, Low: 3.1e7, High: 3.6e7}, "+402.0 [+372.0, +432.0] M yuan/year"},
		{"composite_index", Diff{Diff: 0.14, Low: 0.13, High: -0.001}, "+0.140 [+0.130, -0.001]"},
		{"vote_buying_rate", Diff{Diff: -0.107, Low: -0.11, High: -0.1}, "-0.107 [-0.110, -0.100] share of voters"},
		{"no_such_metric", Diff{Diff: 2.5e6, Low: 1e6, High: 4e6}, "+2500000 [+1000000, +4000000]"},
	} {
		if got := diffText(tc.metric, tc.d); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.metric, got, tc.want)
		}
	}
}
