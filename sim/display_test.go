package sim

import (
	"strings"
	"testing"
)

func TestDisplayText(t *testing.T) {
	fiscal := MetricOf(FiscalSpending).Display
	for _, tc := range []struct {
		d          Display
		x          float64
		text, diff string
	}{
		{fiscal, 3.35e7, "402.0", "+402.0"}, // yuan per month shown in M yuan/year
		{fiscal, -2.5e6, "-30.0", "-30.0"},
		{Display{"people", 1, "%.4g"}, 2.5e6, "2500000", "+2500000"},
		{Display{"x", 1, "%.4g"}, 1.234e-7, "0.0000001234", "+0.0000001234"},
		{Display{"x", 1, "%.4g"}, 0.1234, "0.1234", "+0.1234"},
		{MetricOf(CompositeIndex).Display, 0.91, "0.910", "+0.910"},
	} {
		if got := tc.d.Text(tc.x); got != tc.text {
			t.Errorf("%+v.Text(%g) = %q, want %q", tc.d, tc.x, got, tc.text)
		}
		if got := tc.d.Diff(tc.x); got != tc.diff {
			t.Errorf("%+v.Diff(%g) = %q, want %q", tc.d, tc.x, got, tc.diff)
		}
	}
}

// TestMoneyOneUnit: every district money flow is shown in M yuan/year, so
// that no two views of money disagree on the unit.
func TestMoneyOneUnit(t *testing.T) {
	for _, m := range Metrics() {
		if strings.HasPrefix(m.Unit, "yuan per month") && m.Display.Unit != "M yuan/year" {
			t.Errorf("%s (%s) is displayed in %q", m.Name, m.Unit, m.Display.Unit)
		}
	}
}
