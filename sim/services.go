package sim

import "math"

// services is phase 5: supply against demand gives the village's service
// quality. Supply, in people served, is the committee's service effort
// (σ · (1 − admin load) · c̄ · seats · seat capacity), the district budget
// per resident, social organisations and, after 政社分离, service centres.
func (m *Model) services(v *Village) {
	c := &m.Cfg
	s := &c.Services
	r := &c.Reform
	k := c.District.Scale
	var locals, migrants int
	for _, f := range v.R.Flags {
		if f&FlagMigrant != 0 {
			migrants++
		} else {
			locals++
		}
	}
	residents := float64(locals+migrants) * k
	v.demand = float64(locals)*k + float64(migrants)*k*s.MigrantWeight

	if v.Separated() {
		// Organisations grow towards what the grant fund and purchased
		// services pay for.
		v.Orgs += r.OrgGrowth * (r.OrgGrant/r.OrgCost - v.Orgs)
	}
	committee := v.Sigma * (1 - v.AdminLoad) * meanC(v.Committee) * float64(v.Seats) * s.SeatCapacity
	v.supplyBase = committee + residents*v.Budget/s.UnitCost + v.Orgs*r.OrgCapacity
	v.supplyCentre = v.Centres * r.CentreCapacity * r.StandardisationGain
	// Unit quality: the centre's reach at the mean resident distance (0.5).
	avgReach := math.Max(0, 1-r.AccessCost*0.5*v.CentreDist)
	v.quality = math.Min(1, safeDiv(v.supplyBase+v.supplyCentre*avgReach, v.demand))
	v.obs.Committee = committee
}

// perceived is the service quality agent i sees: the centre serves near
// residents better, perception varies between residents, and migrants see
// only their access share.
func (v *Village) perceived(i int, c *Config) float32 {
	a := float64(v.R.Access[i])
	reach := 1 - c.Reform.AccessCost*a*v.CentreDist
	if reach < 0 {
		reach = 0
	}
	q := safeDiv(v.supplyBase+v.supplyCentre*reach, v.demand)
	if q > 1 {
		q = 1
	}
	q *= 1 - c.Services.Noise*(a-0.5)
	if v.R.Flags[i]&FlagMigrant != 0 {
		q *= v.AccessMigrant
	}
	return clamp32(float32(q))
}
