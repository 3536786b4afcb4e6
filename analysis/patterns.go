package analysis

import (
	"fmt"
	"math"
	"strings"

	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/table"
)

// Check is one pattern (P0–P7 of MODEL.md) checked on a set of runs.
type Check struct {
	ID, Claim string
	Held      bool
	Evidence  string
	Skipped   string // why it could not be checked
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
// to skip it). A pattern whose scenarios were not run is skipped.
func Patterns(d *Runs, villageYears map[int][]VillageYear, from, to int, level float64) []Check {
	has := func(s ...string) string {
		for _, x := range s {
			if len(d.Replicates(x)) < 2 {
				return fmt.Sprintf("needs scenario %s with at least 2 replicates", x)
			}
		}
		return ""
	}
	diff := func(s, m string) Diff {
		return Welch(d.Window(s, m, from, to), d.Window("baseline", m, from, to), level)
	}
	lower := func(w Diff) bool { return w.High < 0 }
	higher := func(w Diff) bool { return w.Low > 0 }
	type cmp struct {
		scenario, metric string
		up               bool
	}
	many := func(id, claim string, cs ...cmp) Check {
		c := Check{ID: id, Claim: claim, Held: true}
		var parts []string
		for _, x := range cs {
			if sk := has("baseline", x.scenario); sk != "" {
				return Check{ID: id, Claim: claim, Skipped: sk}
			}
			w := diff(x.scenario, x.metric)
			ok := lower(w)
			if x.up {
				ok = higher(w)
			}
			c.Held = c.Held && ok
			parts = append(parts, x.metric+" "+diffText(x.metric, w))
		}
		c.Evidence = strings.Join(parts, "; ")
		return c
	}
	var out []Check

	// P0: calibration.
	p0 := Check{ID: "P0", Claim: "baseline lands near the calibration: dividend and membership disputes dominate; dividends per share of a few thousand yuan"}
	if sk := has("baseline"); sk != "" {
		p0.Skipped = sk
	} else {
		mem := d.Window("baseline", "disputes_membership_per_1000", from, to)
		div := d.Window("baseline", "disputes_dividend_per_1000", from, to)
		all := d.Window("baseline", "disputes_opened_per_1000", from, to)
		share := make([]float64, len(all))
		for i := range all {
			share[i] = (mem[i] + div[i]) / all[i]
		}
		s := Summarize(share, level)
		dps := Summarize(d.Window("baseline", "dividend_per_share", 36, 60), level)
		p0.Held = s.CILow > 0.6 && dps.CILow >= 1000 && dps.CIHigh <= 15000
		dd := sim.MetricOf(sim.DividendPerShare).Display
		p0.Evidence = fmt.Sprintf("membership+dividend share of new disputes %.3f [%.3f, %.3f]; dividend per share in years 4–5 %s [%s, %s] %s",
			s.Mean, s.CILow, s.CIHigh, dd.Text(dps.Mean), dd.Text(dps.CILow), dd.Text(dps.CIHigh), dd.Unit)
	}
	out = append(out, p0)
	out = append(out, many("P1", "政经分离 lowers vote buying and election intensity",
		cmp{"zhengjing", "vote_buying_rate", false}, cmp{"zhengjing", "candidates_per_seat", false}))
	out = append(out, many("P2", "政经分离 lowers leakage and raises dividends per share",
		cmp{"zhengjing", "leakage_share", false}, cmp{"zhengjing", "dividend_per_share", true}))
	out = append(out, many("P3", "政经分离 raises satisfaction and lowers disputes blamed on the committee",
		cmp{"zhengjing", "disputes_blamed_committee_per_1000", false}, cmp{"zhengjing", "satisfaction_local", true}, cmp{"zhengjing", "satisfaction_migrant", true}))
	out = append(out, many("P4", "政社分离 raises satisfaction and trust, most for migrants (the local–migrant gap narrows)",
		cmp{"zhengshe", "satisfaction_local", true}, cmp{"zhengshe", "satisfaction_migrant", true}, cmp{"zhengshe", "trust_committee", true}, cmp{"zhengshe", "satisfaction_gap", false}))
	out = append(out, many("P5", "村改居 narrows the rural–urban service gap at a fiscal cost",
		cmp{"cungaiju", "urban_rural_service_gap", false}, cmp{"cungaiju", "fiscal_spending", true}))

	// P6: the redistribution threat of migrant voters under merged governance.
	p6 := Check{ID: "P6", Claim: "without separation, local–migrant disputes rise with the migrant share of voters where their votes put dividends at stake"}
	switch {
	case has("baseline") != "":
		p6.Skipped = has("baseline")
	case villageYears == nil:
		p6.Skipped = "needs villages.csv"
	default:
		var slopes []float64
		for _, rep := range d.Replicates("baseline") {
			if b, ok := ThreatSlope(villageYears[rep]); ok {
				slopes = append(slopes, b)
			}
		}
		s := Summarize(slopes, level)
		p6.Held = s.N >= 2 && s.CILow > 0
		p6.Evidence = fmt.Sprintf("slope of local–migrant disputes per 1000 on migrant voter share × dividend per share (thousand yuan), controlling for migrant share and integration: %.4g [%.4g, %.4g] over %d replicates", s.Mean, s.CILow, s.CIHigh, s.N)
	}
	out = append(out, p6)

	// P7: the staged path ends best and costs most.
	p7 := Check{ID: "P7", Claim: "the staged Nanhai path ends best on the composite index, and costs most", Held: true}
	var parts []string
	for _, s := range d.Scenarios {
		if s == "nanhai" || len(d.Replicates(s)) < 2 {
			continue
		}
		if sk := has("nanhai"); sk != "" {
			p7 = Check{ID: "P7", Claim: p7.Claim, Skipped: sk}
			break
		}
		c := Welch(d.Window("nanhai", "composite_index", from, to), d.Window(s, "composite_index", from, to), level)
		f := Welch(d.Window("nanhai", "fiscal_spending", from, to), d.Window(s, "fiscal_spending", from, to), level)
		p7.Held = p7.Held && c.Low > 0 && f.Low > 0
		parts = append(parts, fmt.Sprintf("vs %s: composite %s, fiscal %s", s, diffText(sim.CompositeIndex.Name(), c), diffText(sim.FiscalSpending.Name(), f)))
	}
	if p7.Skipped == "" {
		if len(parts) == 0 {
			p7 = Check{ID: "P7", Claim: p7.Claim, Skipped: "needs nanhai and at least one other scenario"}
		} else {
			p7.Evidence = strings.Join(parts, "; ")
		}
	}
	out = append(out, p7)
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
