package analysis

import (
	"fmt"
	"slices"
	"strings"

	"github.com/govsim/govsim/sim"
)

// PatternRuns is what the pattern checks read: which replicates each
// scenario has, and each replicate's mean of a metric over a window of
// months, in replicate order. *Runs is one (a monthly.csv); the model's
// tests supply their own from runs held in memory, so that the report and
// the tests check the same claims the same way.
type PatternRuns interface {
	ScenarioNames() []string
	Replicates(scenario string) []int
	Window(scenario, metric string, from, to int) []float64
}

// ScenarioNames lists the scenarios in order of first appearance.
func (d *Runs) ScenarioNames() []string { return d.Scenarios }

// Comparison is one part of a pattern: a scenario against baseline (or,
// with Level, the scenario's own mean against a level).
type Comparison struct {
	Scenario, Metric string
	Up               bool     // the claim is that the scenario is higher
	Level            *float64 // compare the scenario's mean with this level instead of with baseline
}

// Part is one comparison's outcome in a check.
type Part struct {
	Name string // "zhengjing vote_buying_total_rate"
	Held bool   // the interval lies on the claimed side
	// Right: the estimate (the mean paired difference, or the mean against
	// a level) lies on the claimed side, whether or not its interval does.
	// Over a design with few replicates a point, Right says where the
	// effect goes and Held where it is also clear of the noise.
	Right bool
}

// Pattern is one of P0–P7 of the model description (docs/ODD.md §1).
type Pattern struct {
	ID, Claim string
	Parts     []Comparison
}

func level(x float64) *float64 { return &x }

// The embedded scenarios the patterns are claims about (docs/ODD.md §1):
// no reform, the reference of every pattern, and the staged path. The
// scenario of one reform kind alone is named by the kind's key (alone).
const (
	NoReform = "baseline"
	Staged   = "nanhai"
)

// alone names the embedded scenario of one reform kind alone.
func alone(k sim.KindID) string { return k.Key() }

// PatternList is P1–P5 as comparisons with baseline (P0, P6 and P7 are
// computed apart: calibration, a regression across villages, and every
// scenario against the staged path).
func PatternList() []Pattern {
	cgj, zj, zs := alone(sim.KindCungaiju), alone(sim.KindZhengjing), alone(sim.KindZhengshe)
	return []Pattern{
		{"P1", "政经分离 lowers vote buying (committee and board elections together) and the stake of a committee seat; elections stay contested (most committee contests draw more candidates than seats of their own accord, beyond the 差额 rule's minimum), more public-minded people stand, and the elected committee is more competent",
			[]Comparison{{zj, sim.VoteBuyingTotal.Name(), false, nil}, {zj, sim.CommitteeStake.Name(), false, nil},
				{zj, sim.GenuineContestShare.Name(), true, level(0.5)}, {zj, sim.PublicStoodPerSeat.Name(), true, nil}, {zj, sim.CommitteeCompetence.Name(), true, nil}}},
		{"P2", "政经分离 lowers leakage of collective income and raises dividends per share",
			[]Comparison{{zj, sim.LeakageShare.Name(), false, nil}, {zj, sim.DividendPerShare.Name(), true, nil}}},
		{"P3", "政经分离 raises satisfaction and lowers disputes blamed on the committee",
			[]Comparison{{zj, sim.DisputesBlamed.Name(), false, nil}, {zj, sim.SatisfactionLocal.Name(), true, nil}, {zj, sim.SatisfactionMigrant.Name(), true, nil}}},
		{"P4", "政社分离 raises satisfaction and trust, most for migrants (the local–migrant gap narrows)",
			[]Comparison{{zs, sim.SatisfactionLocal.Name(), true, nil}, {zs, sim.SatisfactionMigrant.Name(), true, nil}, {zs, sim.Trust.Name(), true, nil}, {zs, sim.SatisfactionGap.Name(), false, nil}}},
		{"P5", "村改居 narrows the rural–urban service gap at a fiscal cost",
			[]Comparison{{cgj, sim.ServiceGap.Name(), false, nil}, {cgj, sim.FiscalSpending.Name(), true, nil}}},
	}
}

// Versus is scenario − ref over the window: paired by replicate when the
// two have the same replicates (they then share their random streams, the
// compare command's and the tests' common random numbers), else Welch.
func Versus(d PatternRuns, scenario, ref, metric string, from, to int, level float64) (Diff, string) {
	x, r := d.Window(scenario, metric, from, to), d.Window(ref, metric, from, to)
	if slices.Equal(d.Replicates(scenario), d.Replicates(ref)) && len(x) == len(r) {
		return Paired(x, r, level), "paired"
	}
	return Welch(x, r, level), "Welch"
}

// CheckPatterns checks P0–P7 on runs of the embedded scenarios (by name)
// over the window [from, to); villageYears are baseline's records for P6
// (nil to skip it). A pattern whose scenarios were not run with at least
// two replicates is skipped, not failed.
func CheckPatterns(d PatternRuns, villageYears map[int][]VillageYear, from, to int, lvl float64) []Check {
	has := func(s ...string) string {
		for _, x := range s {
			if len(d.Replicates(x)) < 2 {
				return fmt.Sprintf("needs scenario %s with at least 2 replicates", x)
			}
		}
		return ""
	}
	var out []Check

	// P0: calibration.
	p0 := Check{ID: "P0", Claim: "baseline lands near the calibration: dividend and membership disputes dominate; dividends per share of a few thousand yuan (years 4–5)"}
	if sk := has(NoReform); sk != "" {
		p0.Skipped = sk
	} else {
		mem := d.Window(NoReform, sim.DisputesMembership.Name(), from, to)
		div := d.Window(NoReform, sim.DisputesDividend.Name(), from, to)
		all := d.Window(NoReform, sim.DisputesOpened.Name(), from, to)
		share := make([]float64, len(all))
		for i := range all {
			share[i] = (mem[i] + div[i]) / all[i]
		}
		s := Summarize(share, lvl)
		dps := Summarize(d.Window(NoReform, sim.DividendPerShare.Name(), 36, 60), lvl)
		mix, paid := s.CILow > 0.6, dps.CILow >= 1000 && dps.CIHigh <= 15000
		p0.Held = mix && paid
		p0.Parts = []Part{{"membership+dividend share of new disputes", mix, s.Mean > 0.6}, {"dividend per share in years 4–5", paid, dps.Mean >= 1000 && dps.Mean <= 15000}}
		dd := sim.MetricOf(sim.DividendPerShare).Display
		p0.Evidence = fmt.Sprintf("membership+dividend share of new disputes %.3f [%.3f, %.3f]; dividend per share in years 4–5 %s [%s, %s] %s",
			s.Mean, s.CILow, s.CIHigh, dd.Text(dps.Mean), dd.Text(dps.CILow), dd.Text(dps.CIHigh), dd.Unit)
	}
	out = append(out, p0)

	for _, p := range PatternList() {
		c := Check{ID: p.ID, Claim: p.Claim, Held: true}
		var parts []string
		for _, x := range p.Parts {
			if sk := has(NoReform, x.Scenario); sk != "" {
				c = Check{ID: p.ID, Claim: p.Claim, Skipped: sk}
				break
			}
			var ok, right bool
			if x.Level != nil {
				s := Summarize(d.Window(x.Scenario, x.Metric, from, to), lvl)
				ok, right = s.CIHigh < *x.Level, s.Mean < *x.Level
				if x.Up {
					ok, right = s.CILow > *x.Level, s.Mean > *x.Level
				}
				parts = append(parts, fmt.Sprintf("%s %s %s", x.Scenario, x.Metric, levelText(x.Metric, s)))
			} else {
				w, how := Versus(d, x.Scenario, NoReform, x.Metric, from, to, lvl)
				ok, right = w.High < 0, w.Diff < 0
				if x.Up {
					ok, right = w.Low > 0, w.Diff > 0
				}
				parts = append(parts, fmt.Sprintf("%s %s (%s)", x.Metric, diffText(x.Metric, w), how))
			}
			c.Held = c.Held && ok
			c.Parts = append(c.Parts, Part{x.Scenario + " " + x.Metric, ok, right})
		}
		if c.Skipped == "" {
			c.Evidence = strings.Join(parts, "; ")
		}
		out = append(out, c)
	}

	// P6: the redistribution threat of migrant voters under merged governance.
	p6 := Check{ID: "P6", Claim: "without separation, local–migrant disputes rise with the migrant share of voters where their votes put dividends at stake"}
	switch {
	case has(NoReform) != "":
		p6.Skipped = has(NoReform)
	case villageYears == nil:
		p6.Skipped = "needs villages.csv"
	default:
		var slopes []float64
		for _, rep := range d.Replicates(NoReform) {
			if b, ok := ThreatSlope(villageYears[rep]); ok {
				slopes = append(slopes, b)
			}
		}
		s := Summarize(slopes, lvl)
		p6.Held = s.N >= 2 && s.CILow > 0
		p6.Parts = []Part{{"threat slope", p6.Held, s.Mean > 0}}
		p6.Evidence = fmt.Sprintf("slope of local–migrant disputes per 1000 on migrant voter share × dividend per share (thousand yuan), controlling for migrant share and integration: %.4g [%.4g, %.4g] over %d replicates", s.Mean, s.CILow, s.CIHigh, s.N)
	}
	out = append(out, p6)

	// P7: the staged path ends best and costs most.
	p7 := Check{ID: "P7", Claim: "the staged Nanhai path ends best on the composite index, and costs most", Held: true}
	var parts []string
	for _, s := range d.ScenarioNames() {
		if s == Staged || len(d.Replicates(s)) < 2 {
			continue
		}
		if sk := has(Staged); sk != "" {
			p7 = Check{ID: "P7", Claim: p7.Claim, Skipped: sk}
			break
		}
		c, how := Versus(d, Staged, s, sim.CompositeIndex.Name(), from, to, lvl)
		f, _ := Versus(d, Staged, s, sim.FiscalSpending.Name(), from, to, lvl)
		p7.Held = p7.Held && c.Low > 0 && f.Low > 0
		p7.Parts = append(p7.Parts, Part{"composite vs " + s, c.Low > 0, c.Diff > 0}, Part{"fiscal vs " + s, f.Low > 0, f.Diff > 0})
		parts = append(parts, fmt.Sprintf("vs %s: composite %s, fiscal %s (%s)", s, diffText(sim.CompositeIndex.Name(), c), diffText(sim.FiscalSpending.Name(), f), how))
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

// Robust is how often one pattern held at the points of the robustness
// design (written by the model's TestPatternsRobust -update): at how many
// its every comparison held (the interval on the claimed side), and at how
// many its every estimate pointed the claimed way.
type Robust struct {
	ID                  string
	Held, Right, Points int
	Parts               []RobustPart // how often each comparison held
}

// RobustPart is how often one comparison of a pattern held, and how often
// its estimate pointed the claimed way.
type RobustPart struct {
	Name        string
	Held, Right int
}

// RobustReform is how often one reform scenario beat no reform on the
// composite index over the robustness design: its paired difference
// above 0 (Better), and with its interval above 0 (Clear).
type RobustReform struct {
	Scenario              string
	Better, Clear, Points int
}

// RobustnessOf says at how many points of the robustness design a pattern
// held ("" when it was not measured).
func RobustnessOf(id string) string {
	for _, r := range robustness() {
		if r.ID == id {
			return fmt.Sprintf("pointed the claimed way at %d of %d points and held clearly at %d, over %s", r.Right, r.Points, r.Held, robustnessBrief)
		}
	}
	return ""
}

// RobustShare is the share of the robustness design's points at which a
// pattern pointed the claimed way, and whether it was measured.
func RobustShare(id string) (float64, bool) {
	for _, r := range robustness() {
		if r.ID == id && r.Points > 0 {
			return float64(r.Right) / float64(r.Points), true
		}
	}
	return 0, false
}

// ReformsVsNoReform lists, for each reform scenario, how often it beat no
// reform on the composite index over the robustness design.
func ReformsVsNoReform() []RobustReform { return robustReforms() }

// RobustnessDesign describes the robustness design in a phrase.
func RobustnessDesign() string { return robustnessDesign }

// Robustness lists the robustness of every pattern measured.
func Robustness() []Robust { return robustness() }

// RobustnessTable renders the robustness of the patterns as Markdown, for
// docs/ODD.md (its ROBUSTNESS markers).
func RobustnessTable() string {
	rs := robustness()
	if len(rs) == 0 {
		return "(not measured yet: run `go test ./sim -run TestPatternsRobust -update`)\n"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Design: %s.\n\n", robustnessDesign)
	b.WriteString("A pattern *points the claimed way* at a point when every comparison's estimate (mean paired difference, or mean against a level) lies on the claimed side; it *holds clearly* when every 95% interval does too.\n\n")
	b.WriteString("| pattern | points the claimed way | holds clearly | comparisons (points the claimed way / clearly) |\n| --- | --- | --- | --- |\n")
	for _, r := range rs {
		var parts []string
		for _, p := range r.Parts {
			parts = append(parts, fmt.Sprintf("%s %d / %d", p.Name, p.Right, p.Held))
		}
		fmt.Fprintf(&b, "| %s | %d of %d | %d of %d | %s |\n", r.ID, r.Right, r.Points, r.Held, r.Points, strings.Join(parts, "; "))
	}
	b.WriteString("\nEach reform against no reform on the composite index:\n\n| scenario | composite above no reform | clearly above |\n| --- | --- | --- |\n")
	for _, x := range robustReforms() {
		fmt.Fprintf(&b, "| %s | %d of %d | %d of %d |\n", x.Scenario, x.Better, x.Points, x.Clear, x.Points)
	}
	return b.String()
}

// VersionRow is one reform's paired difference from no reform on one
// headline metric in the default comparison, for the table that sets two
// model versions side by side.
type VersionRow struct {
	Scenario, Metric string
	Diff, Low, High  float64
}
