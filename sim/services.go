package sim

import "math"

// services is phase 5: supply against demand gives the village's service
// quality. Supply, in people served, has two sources (docs/ODD.md §7.5): what the
// collective and the committee fund, which members and registered locals
// use first, and what public money funds — the district's share of the
// budget, the committee's publicly funded work, social organisations and,
// after 政社分离, service centres — which serves residents whatever their
// hukou. The committee's work is σ · (1 − admin load) · c̄ · seats · seat
// capacity.
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
	committee := v.Mech.Sigma * (1 - v.Mech.AdminLoad) * meanC(v.Committee) * float64(v.Seats) * s.SeatCapacity
	budget := residents * v.Mech.Budget / s.UnitCost
	v.supplyPublic = budget*v.Mech.Public + committee*v.Mech.CommitteePublic + v.Orgs*r.OrgCapacity
	v.supplyColl = budget*(1-v.Mech.Public) + committee*(1-v.Mech.CommitteePublic)
	v.supplyCentre = v.Mech.Centres * r.CentreCapacity * r.StandardisationGain
	// Unit quality: the centre's reach at the mean resident distance (0.5).
	reach := math.Max(0, 1-r.AccessCost*0.5*v.Mech.CentreDist)
	ratio := safeDiv(v.supplyColl+v.supplyPublic+v.supplyCentre*reach, v.demand)
	v.quality = math.Min(1, ratio)
	v.migAccess = math.Min(1, ratio*m.migrantShare(v, reach)) * (1 - s.TakeupGap*(1-v.meanIota))
	v.obs.Committee = committee
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
