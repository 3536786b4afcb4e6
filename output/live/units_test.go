package live

import (
	"math"
	"testing"

	"github.com/govsim/govsim/sim"
)

// Every unit the page can show has its Chinese: each metric's stored and
// display unit, and each class parameter's.
func TestUnitsInChinese(t *testing.T) {
	for _, m := range sim.Metrics() {
		for _, u := range []string{m.Unit, m.Display.Unit} {
			if UnitZH(u) == "" {
				t.Errorf("metric %s: unit %q has no Chinese in UnitZH", m.Name, u)
			}
		}
	}
	for _, cp := range classParams() {
		p, _ := sim.Lookup(cp.Key)
		if UnitZH(p.Unit) == "" {
			t.Errorf("parameter %s: unit %q has no Chinese in UnitZH", cp.Key, p.Unit)
		}
	}
}

func TestFormat(t *testing.T) {
	for _, tc := range []struct {
		id     sim.MetricID
		v      float64
		en, zh string
	}{
		{sim.VoteBuying, 0.0532, "5.3%", "5.3%"},
		{sim.Trust, 0.32712, "0.327", "0.327"},
		{sim.FiscalSpending, 54.4e6, "652.8 M yuan/year", "652.8 百万元/年"},
		{sim.FiscalSpending, 0.5e6, "6.0 M yuan/year", "6.0 百万元/年"},
		{sim.Petitions, 0.3234, "0.323", "0.323"},
		{sim.ResidentPeople, 123456.7, "123457", "123457"},
		{sim.CandidatesPerSeat, 2.34567, "2.346", "2.346"},
		{sim.Trust, math.NaN(), "—", "—"},
	} {
		m := sim.MetricOf(tc.id)
		if got := Format(m, tc.v); got != tc.en {
			t.Errorf("Format(%s, %v) = %q, want %q", m.Name, tc.v, got, tc.en)
		}
		if got := FormatZH(m, tc.v); got != tc.zh {
			t.Errorf("FormatZH(%s, %v) = %q, want %q", m.Name, tc.v, got, tc.zh)
		}
	}
}

func TestDigits(t *testing.T) {
	for _, tc := range []struct {
		id         sim.MetricID
		fixed, sig int
	}{
		{sim.Trust, 3, 0}, {sim.FiscalSpending, 1, 0}, {sim.ResidentPeople, 0, 0}, {sim.CandidatesPerSeat, -1, 4},
	} {
		if f, s := digits(sim.MetricOf(tc.id)); f != tc.fixed || s != tc.sig {
			t.Errorf("digits(%s) = %d, %d; want %d, %d", tc.id, f, s, tc.fixed, tc.sig)
		}
	}
}
