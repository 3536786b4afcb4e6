package sim

import "math"

// Reform kinds as written in scenario files.
const (
	Cungaiju  = "cungaiju"  // 村改居 village-to-community conversion
	Zhengjing = "zhengjing" // 政经分离 committee separated from the economy
	Zhengshe  = "zhengshe"  // 政社分离 administration separated from services
)

// Eligible applies the 村改居 rule [二(二)2]: inside the urban planning area
// (the urban front plus the planning margin),
// farmland per capita below the threshold, and enough labour out of farming.
func (m *Model) Eligible(v *Village, month int) bool {
	locals := v.localPeople(m.Cfg.District.Scale)
	pc := safeDiv(v.Farmland, locals)
	return v.D <= m.Front(month)+m.Cfg.Economy.PlanningMargin && pc < m.Cfg.Reform.FarmlandThreshold && v.I >= m.Cfg.Reform.NonFarmThreshold
}

// reforms is phase 1: every scheduled reform whose start month has come is
// applied to the villages it covers.
func (m *Model) reforms(v *Village, month int) {
	for k, spec := range m.Cfg.Reforms {
		if month < spec.Start || m.applied(v, spec.Kind) {
			continue
		}
		covered := false
		switch spec.Coverage {
		case "all":
			covered = true
		case "pilot":
			covered = m.pilot[k][v.ID]
		case "eligible":
			// For the separations, "eligible" means urban: a community, or
			// a village that meets the 村改居 rule.
			covered = m.Eligible(v, month) || (spec.Kind != Cungaiju && v.Community)
		}
		if covered {
			m.apply(v, spec.Kind, month)
		}
	}
}

func (m *Model) applied(v *Village, kind string) bool {
	switch kind {
	case Cungaiju:
		return v.Converted() || v.UrbanAtStart // already a community
	case Zhengjing:
		return !v.Merged()
	default:
		return v.Separated()
	}
}

// apply switches exactly the mechanisms MODEL.md §7.1 names for a reform.
func (m *Model) apply(v *Village, kind string, month int) {
	c := &m.Cfg
	switch kind {
	case Cungaiju:
		// Status, equalised services and access, urban social insurance
		// (and so no insecurity or identity-mismatch grievance; see
		// opinion.go). Committee seats and people are unchanged; the
		// collective economy is untouched.
		v.ConvertedAt = month
		v.Community = true
		v.Budget = c.Services.UrbanBudget
		v.AccessMigrant = math.Max(v.AccessMigrant, 1)
		for i := 0; i < v.R.Len(); i++ {
			if !v.R.Has(i, FlagMigrant) {
				v.R.Flags[i] |= FlagInsured
			}
		}
	case Zhengjing:
		// Personnel, assets, finance, institutions, blame: the committee
		// loses the economy (stake, σ, τ target and blame follow from
		// ZhengjingAt in economy.go, disputes.go and election.go), and a
		// board is elected by member shareholders at once.
		v.ZhengjingAt = month
		v.Sigma = c.Reform.SigmaSeparated
		m.electBoard(v, month)
	case Zhengshe:
		// Service centres by layout, administrative tasks moved to the
		// centre, social organisations (grown in services.go), the two
		// councils (migrant voice and better targeting).
		v.ZhengsheAt = month
		v.AdminLoad = c.Reform.AdminLoadAfter
		v.Centres, v.CentreDist = centreLayout(c.Reform.Layout)
		v.Voice = true
		v.AccessMigrant = math.Min(1, v.AccessMigrant+c.Reform.MigrantAccessGain)
	}
}

// centreLayout gives centres per community and the distance factor of a
// layout: one community one centre; several (three) communities sharing a
// centre of twice the capacity, farther away; one community with two
// smaller centres (0.6 capacity each), nearer.
func centreLayout(layout string) (centres, dist float64) {
	switch layout {
	case "many-one":
		return 2.0 / 3, 2
	case "one-many":
		return 1.2, 0.5
	default:
		return 1, 1
	}
}

// centreCostFactor is the yearly cost of a layout per community, in units of
// one centre's cost: shared centres are cheaper per community, several small
// centres dearer.
func centreCostFactor(layout string) float64 {
	switch layout {
	case "many-one":
		return 0.5
	case "one-many":
		return 1.4
	default:
		return 1
	}
}

// tauTarget is the share of transactions through the trading centre that the
// rules in force aim at: only transactions above the threshold must pass it
// after 政经分离.
func (m *Model) tauTarget(v *Village) float64 {
	if v.Merged() {
		return m.Cfg.Economy.Tau0
	}
	r := &m.Cfg.Reform
	return math.Max(m.Cfg.Economy.Tau0, r.TauSeparated*math.Exp(-r.TradingThreshold/r.MeanTransaction))
}
