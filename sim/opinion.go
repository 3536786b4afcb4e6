package sim

// opinion is phase 6, the hot loop: every resident updates satisfaction
// towards the quality they see (s ← s + α(q − s)), grievance towards what
// their disputes and insecurity warrant, trust towards satisfaction less
// grievance, minus the blame and detected vote buying of the month; migrants
// integrate. Then residents meet and mix trust by bounded confidence
// (Deffuant et al. 2000). The loop allocates nothing.
func (m *Model) opinion(v *Village, cn *counts) {
	c := &m.Cfg
	o := &c.Opinion
	k := c.District.Scale
	r := &v.R
	n := r.Len()
	residents := float64(n) * k

	blamedPer1000 := safeDiv(float64(v.obs.Blamed)*1000, residents)
	penalty := float32(o.Gamma * blamedPer1000)
	if v.Detected {
		penalty += float32(o.Delta)
		v.Detected = false
	}
	tension := safeDiv(float64(v.obs.Opened[DisputeLocalMigrant])*1000, residents) * o.TensionWeight
	voice := v.M.Voice

	alpha, alphaG, beta := float32(o.Alpha), float32(o.AlphaG), float32(o.Beta)
	gt := float32(o.GrievanceTrust)
	partyW := float32(c.Disputes.PartyWeight / k)
	insec, ident := float32(o.Insecurity), float32(o.Identity)
	migInsec := float32(o.MigrantInsecurity * o.Insecurity)
	insec *= float32(1 - v.M.Insured)
	ident *= float32(1 - v.M.Urbanised)
	irate := float32(o.IntegrationRate)
	settled0, settleMonths := float32(o.IntegrationSettled), float32(o.SettleMonths)
	ac := float32(c.Reform.AccessCost) * float32(v.M.CentreDist)
	noise := float32(c.Services.Noise)
	collShare, gap := float32(c.Services.CollectiveMigrantShare), float32(c.Services.TakeupGap)
	coll, public, centre := float32(v.supplyColl), float32(v.supplyPublic), float32(v.supplyCentre)
	invD := float32(safeDiv(1, v.demand))
	iLevel := float32(v.I)
	ob := &v.obs

	for i := 0; i < n; i++ {
		f := r.Flags[i]
		a := r.Access[i]
		reach := 1 - ac*a
		if reach < 0 {
			reach = 0
		}
		pub := public + centre*reach
		migrant := f&FlagMigrant != 0
		usable := coll + pub
		if migrant {
			// Only the public supply and a share of the collective's are
			// open to a migrant.
			usable = pub + collShare*coll
		}
		q := usable * invD
		if q > 1 {
			q = 1
		}
		q *= 1 - noise*(a-0.5)
		if migrant {
			q *= 1 - gap*(1-r.Iota[i]) // take-up rises with integration
		}
		q = clamp32(q)
		s := r.S[i] + alpha*(q-r.S[i])
		r.S[i] = s

		party := float32(r.Party[i]) * partyW
		if party > 1 {
			party = 1
		}
		target := party
		if migrant {
			target += migInsec * (1 - r.Iota[i])
		} else if float32(r.U[i])/256 < iLevel { // no longer farms
			// Insecurity without urban social insurance, and the identity
			// of a villager who lives as a city dweller [二(二)3].
			target += insec + ident
		}
		g := clamp32(r.G[i] + alphaG*(target-r.G[i]))
		r.G[i] = g
		r.T[i] = clamp32(r.T[i] + beta*(s-gt*g-r.T[i]) - penalty)

		if migrant {
			if r.Resid[i] < 0xffff {
				r.Resid[i]++
			}
			settled := float32(r.Resid[i]) / settleMonths
			if settled > 1 {
				settled = 1
			}
			it := settled0*settled + float32(voice) - float32(tension)
			r.Iota[i] = clamp32(r.Iota[i] + irate*(it-r.Iota[i]))
			ob.Migrants++
			ob.SumSMigrant += float64(s)
			ob.SumIota += float64(r.Iota[i])
		} else {
			ob.Locals++
			ob.SumSLocal += float64(s)
		}
		ob.SumG += float64(g)
		ob.Hist[r.Bin[i]]++
	}

	// Bounded-confidence mixing of trust.
	eps, mu := float32(o.Epsilon), float32(o.Mu)
	if n > 1 {
		for i := 0; i < n; i++ {
			for j := 0; j < o.Meetings; j++ {
				p := v.rng.Intn(n)
				d := r.T[p] - r.T[i]
				if d < eps && d > -eps {
					r.T[i] += mu * d
					r.T[p] -= mu * d
				}
			}
		}
	}
	var sumT float64
	for i := 0; i < n; i++ {
		sumT += float64(r.T[i])
	}
	ob.SumT = sumT
	v.meanIota = safeDiv(ob.SumIota, float64(ob.Migrants))
}
