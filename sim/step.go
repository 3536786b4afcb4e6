package sim

// stepVillage runs phases 1–7 (and the village half of phase 8) for one
// village. It touches only this village and reads only configuration and
// the month, so villages can be stepped in parallel in any order.
func (m *Model) stepVillage(v *Village, month int, cn *counts) {
	v.obs = VillageObs{}
	m.reforms(v, month)        // 1
	v.count(cn)                //
	m.economy(v, month, cn)    // 2
	m.membership(v, month, cn) // 3
	v.count(cn)                // births and deaths changed heads
	m.disputes(v, month, cn)   // 4 (service disputes follow last month's quality)
	m.services(v, cn)          // 5
	m.opinion(v, cn)           // 6
	if month%m.Cfg.Election.Interval == 0 {
		v.count(cn)
		m.election(v, month, cn) // 7
	}
	v.obs.Fiscal = m.fiscal(v, month)
	m.observeSignals(v)      // what next month's triggers compare
	m.migrationOut(v, month) // 8, village half
}

// fiscal is what the district spends on a village this month: its share of
// the service budget, and the costs of whichever reforms are in force, each
// scaled by the strength of the component that brings it.
func (m *Model) fiscal(v *Village, month int) float64 {
	c := &m.Cfg
	r := &c.Reform
	k := c.District.Scale
	mech := &v.Mech
	y := v.residentsPeople(k) * mech.Budget * (mech.Public*(1-mech.Transfer) + mech.Transfer)
	if v.Under(KindCungaiju) && month-v.Adopted[KindCungaiju] < r.SubsidyYears*12 {
		y += r.Subsidy * v.Strength(KindCungaiju)
	}
	y += float64(v.obs.Locals) * k * c.Finance.InsurancePerPerson * mech.Insured
	y += r.CommitteeFunding * mech.Funded * (1 - mech.CoopPays) // the cooperative pays the rest [二(三)2 共同]
	y += r.SupervisionCost * (mech.CentreRule + mech.Funded) / 2
	y += r.CentreCost*mech.CentreCost + r.OrgGrant*v.Strength(KindZhengshe)
	return y / 12
}
