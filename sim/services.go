package sim

import "math"

// services is phase 5: supply against demand gives the village's service
// quality. Supply, in people served, has two sources (docs/ODD.md §7.5):
// what the collective and the committee fund, which members and
// registered locals use first, and what public money funds — the
// district's share of the budget, the committee's publicly funded work,
// social organisations and, after 政社分离, service centres — which serves
// residents whatever their hukou. The committee's work is σ · (1 − admin
// load) · c̄ · seats · seat capacity, less what it cannot do when its
// funding falls short. Under 政社分离 a share of the budget's services is
// delivered through the centre instead of in the unit: the centre's output
// is its capacity, which does not grow with the community, reaching
// residents less the farther they live from it — so a centre too small
// for a growing population, or too far, can serve worse than the unit did.
func (m *Model) services(v *Village, cn *counts) {
	c := &m.Cfg
	s := &c.Services
	r := &c.Reform
	k := c.District.Scale
	locals, migrants := cn.locals, cn.migrants
	residents := float64(locals+migrants) * k
	v.demand = float64(locals)*k + float64(migrants)*k*s.MigrantWeight

	// Organisations grow towards what the grant fund and purchased services
	// pay for, and wind down when the money stops.
	v.Orgs += r.OrgGrowth * (v.Mech.OrgTarget - v.Orgs)
	committee := v.Mech.Sigma * (1 - v.Mech.AdminLoad) * meanC(v.Committee) * float64(v.Seats) * s.SeatCapacity * m.funding(v)
	local := residents * v.Mech.Budget / s.UnitCost * (1 - v.Mech.Transfer)
	v.supplyPublic = local*v.Mech.Public + committee*v.Mech.CommitteePublic + v.Orgs*r.OrgCapacity
	v.supplyColl = local*(1-v.Mech.Public) + committee*(1-v.Mech.CommitteePublic)
	v.supplyCentre = v.Mech.Centres * r.CentreCapacity * r.StandardisationGain
	// Unit quality: the centre's reach at the mean resident distance (0.5).
	reach := math.Max(0, 1-r.AccessCost*0.5*v.Mech.CentreDist)
	ratio := safeDiv(v.supplyColl+v.supplyPublic+v.supplyCentre*reach, v.demand)
	v.quality = math.Min(1, ratio)
	v.migAccess = math.Min(1, ratio*m.migrantShare(v, reach)) * (1 - s.TakeupGap*(1-v.meanIota))
	v.obs.Committee = committee
}

// funding is the share of its service work a committee can do on the
// money it gets: all of it while finance is merged (it spends the
// collective's money); once finance is separated the district pays its
// part and the cooperative its own, at most coop_funding_cap of its
// disposable income [二(三)2 共同], and a shortfall cuts the work by
// shortfall_effect.
func (m *Model) funding(v *Village) float64 {
	r := &m.Cfg.Reform
	if v.Mech.Funded == 0 || r.CommitteeFunding == 0 {
		return 1
	}
	var disp float64
	v.coops(func(co *Coop) { disp += co.Assets * co.Yield * co.Disposable })
	owed := v.Mech.CoopPays * r.CommitteeFunding
	paid := math.Min(owed, r.CoopFundingCap*disp)
	short := (owed - paid) / r.CommitteeFunding
	return 1 - v.Mech.Funded*r.ShortfallEffect*short
}

// migrantShare is the share of the supply a migrant at a given reach of the
// centre can use: all public supply and collective_migrant_share of the
// collectively funded one.
func (m *Model) migrantShare(v *Village, reach float64) float64 {
	public := v.supplyPublic + v.supplyCentre*reach
	return safeDiv(public+m.Cfg.Services.CollectiveMigrantShare*v.supplyColl, public+v.supplyColl)
}

// perceived is the service quality agent i sees: the centre serves near
// residents better and perception varies between residents. A local sees
// the supply against demand, capped at 1; a migrant sees the part of the
// supply open to him (the public supply and a share of the collective's)
// against demand, capped at 1, times his take-up, which rises with
// integration.
func (v *Village) perceived(i int, c *Config) float32 {
	a := float64(v.Residents.Access[i])
	reach := math.Max(0, 1-c.Reform.AccessCost*a*v.Mech.CentreDist)
	public := v.supplyPublic + v.supplyCentre*reach
	usable := v.supplyColl + public
	migrant := v.Residents.Flags[i]&FlagMigrant != 0
	if migrant {
		usable = public + c.Services.CollectiveMigrantShare*v.supplyColl
	}
	q := math.Min(1, safeDiv(usable, v.demand))
	q *= 1 - c.Services.Noise*(a-0.5)
	if migrant {
		q *= 1 - c.Services.TakeupGap*(1-float64(v.Residents.Iota[i]))
	}
	return clamp32(float32(q))
}
