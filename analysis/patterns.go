package analysis

import (
	"fmt"
	"math"

	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/table"
)

// Check is one pattern (P0–P7 of docs/ODD.md §1) checked on a set of runs.
type Check struct {
	ID, Claim string
	Held      bool
	Evidence  string
	Skipped   string // why it could not be checked
	Parts     []Part // each comparison the pattern makes, and whether it held
	// Robustness says how widely the pattern holds away from the defaults:
	// at how many points of the model's robustness design (a Latin
	// hypercube over the behavioural and reform-effect parameters) it held,
	// as measured by the model's tests (robustness_gen.go).
	Robustness string
}

// VillageYear is one village's yearly record, as P6 needs it.
type VillageYear struct {
	VoterShare, MigrantShare, Integration, Dividend, LocalMigrant float64
}

// VillageYears collects, from a villages table, the village-years P6
// needs for one scenario: years with an election, when the migrant share
// of voters is defined. Add takes its rows (from table.ReadVillages).
type VillageYears struct {
	scenario string
	recs     map[villageKey]*VillageYear
	order    []villageKey
}

type villageKey struct{ rep, month, village int }

// NewVillageYears collects the village-years of one scenario.
func NewVillageYears(scenario string) *VillageYears {
	return &VillageYears{scenario: scenario, recs: map[villageKey]*VillageYear{}}
}

// Add records one row; rows of other scenarios and metrics are ignored.
func (v *VillageYears) Add(r table.VillageRow) error {
	if r.Scenario != v.scenario {
		return nil
	}
	var dst func(*VillageYear) *float64
	switch r.Metric {
	case sim.MigrantVoterShare.Name():
		dst = func(y *VillageYear) *float64 { return &y.VoterShare }
	case sim.MigrantShare.Name():
		dst = func(y *VillageYear) *float64 { return &y.MigrantShare }
	case sim.Integration.Name():
		dst = func(y *VillageYear) *float64 { return &y.Integration }
	case sim.DividendPerShare.Name():
		dst = func(y *VillageYear) *float64 { return &y.Dividend }
	case sim.DisputesLocalMigrant.Name():
		dst = func(y *VillageYear) *float64 { return &y.LocalMigrant }
	default:
		return nil
	}
	k := villageKey{r.Replicate, r.Month, r.Village}
	vy := v.recs[k]
	if vy == nil {
		nan := math.NaN()
		vy = &VillageYear{VoterShare: nan, MigrantShare: nan, Integration: nan, Dividend: nan, LocalMigrant: nan}
		v.recs[k] = vy
		v.order = append(v.order, k)
	}
	*dst(vy) = r.Value
	return nil
}

// ByReplicate returns the complete village-years, grouped by replicate.
func (v *VillageYears) ByReplicate() map[int][]VillageYear {
	out := map[int][]VillageYear{}
	for _, k := range v.order {
		vy := v.recs[k]
		if math.IsNaN(vy.VoterShare) || math.IsNaN(vy.LocalMigrant) || math.IsNaN(vy.Dividend) || math.IsNaN(vy.MigrantShare) || math.IsNaN(vy.Integration) {
			continue
		}
		out[k.rep] = append(out[k.rep], *vy)
	}
	return out
}

// ThreatSlope regresses local–migrant disputes on the redistribution threat
// migrant voters pose (migrant voter share × dividend per share, in
// thousands of yuan), controlling for the migrant share of residents and
// integration, and returns the threat coefficient.
func ThreatSlope(vy []VillageYear) (float64, bool) {
	const k = 4
	if len(vy) < 4*k {
		return 0, false
	}
	var s [k][k]float64
	var r [k]float64
	for _, p := range vy {
		x := [k]float64{1, p.VoterShare * p.Dividend / 1000, p.MigrantShare, p.Integration}
		for i := 0; i < k; i++ {
			for j := 0; j < k; j++ {
				s[i][j] += x[i] * x[j]
			}
			r[i] += x[i] * p.LocalMigrant
		}
	}
	for c := 0; c < k; c++ {
		piv := c
		for i := c + 1; i < k; i++ {
			if math.Abs(s[i][c]) > math.Abs(s[piv][c]) {
				piv = i
			}
		}
		s[c], s[piv] = s[piv], s[c]
		r[c], r[piv] = r[piv], r[c]
		if math.Abs(s[c][c]) < 1e-12 {
			return 0, false
		}
		for i := 0; i < k; i++ {
			if i == c {
				continue
			}
			f := s[i][c] / s[c][c]
			for j := c; j < k; j++ {
				s[i][j] -= f * s[c][j]
			}
			r[i] -= f * r[c]
		}
	}
	return r[1] / s[1][1], true
}

// Patterns checks P0–P7 on runs of the embedded scenarios (by name) over
// the window [from, to); villageYears are baseline's records for P6 (nil
// to skip it). A pattern whose scenarios were not run is skipped. The
// checks are CheckPatterns's, the same the model's tests make; each check
// carries how widely it held in the model's robustness design.
func Patterns(d *Runs, villageYears map[int][]VillageYear, from, to int, level float64) []Check {
	out := CheckPatterns(d, villageYears, from, to, level)
	for i := range out {
		out[i].Robustness = RobustnessOf(out[i].ID)
	}
	return out
}

// MapVillage is one village's position and state in one yearly row.
type MapVillage struct {
	X, Y, Satisfaction, Trust float64
	Community                 bool
}

// VillageMap places every village of one run at one month, from that
// run's rows of a villages table: position, satisfaction of locals, trust
// and status, in village order.
func VillageMap(rows []table.VillageRow, month int) []MapVillage {
	byID := map[int]*MapVillage{}
	maxID := -1
	for _, r := range rows {
		if r.Month != month {
			continue
		}
		v := byID[r.Village]
		if v == nil {
			v = &MapVillage{Satisfaction: math.NaN(), Trust: math.NaN()}
			byID[r.Village] = v
			maxID = max(maxID, r.Village)
		}
		switch r.Metric {
		case sim.PositionX.Name():
			v.X = r.Value
		case sim.PositionY.Name():
			v.Y = r.Value
		case sim.SatisfactionLocal.Name():
			v.Satisfaction = r.Value
		case sim.Trust.Name():
			v.Trust = r.Value
		case sim.Community.Name():
			v.Community = r.Value > 0.5
		}
	}
	var out []MapVillage
	for id := 0; id <= maxID; id++ {
		if v := byID[id]; v != nil {
			out = append(out, *v)
		}
	}
	return out
}

// diffText renders a difference with its interval in the metric's display
// unit, as every other view shows it: "+402.0 [+371.9, +432.1] M yuan/year",
// not "+3.35e+07". Units that only restate a 0–1 scale are left out.
func diffText(metric string, w Diff) string {
	d := sim.Display{Unit: "", Scale: 1, Format: "%.4g"}
	if m, ok := sim.MetricByName(metric); ok {
		d = m.Display
	}
	s := fmt.Sprintf("%s [%s, %s]", d.Diff(w.Diff), d.Diff(w.Low), d.Diff(w.High))
	if d.Unit != "" && d.Unit != "0–1" && d.Unit != "-" {
		s += " " + d.Unit
	}
	return s
}

// levelText renders a mean with its interval in the metric's display unit.
func levelText(metric string, s Summary) string {
	d := sim.Display{Unit: "", Scale: 1, Format: "%.4g"}
	if m, ok := sim.MetricByName(metric); ok {
		d = m.Display
	}
	t := fmt.Sprintf("%s [%s, %s]", d.Text(s.Mean), d.Text(s.CILow), d.Text(s.CIHigh))
	if d.Unit != "" && d.Unit != "0–1" && d.Unit != "-" {
		t += " " + d.Unit
	}
	return t
}
