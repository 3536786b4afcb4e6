package sim

import "math"

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

	// Every slice cut to n once, so the loop runs without bounds checks, and
	// the sums kept in registers; the sums add in the same order as before.
	flags, access, party, u, resid := r.Flags[:n], r.Access[:n], r.Party[:n], r.U[:n], r.Resid[:n]
	S, T, G, iota, bin := r.S[:n], r.T[:n], r.G[:n], r.Iota[:n], r.Bin[:n]
	hist := &ob.Hist
	migrants, locals := ob.Migrants, ob.Locals
	sumSM, sumSL, sumIota, sumG := ob.SumSMigrant, ob.SumSLocal, ob.SumIota, ob.SumG
	voice32, tension32 := float32(voice), float32(tension)
	for i := range flags {
		a := access[i]
		reach := 1 - ac*a
		if reach < 0 {
			reach = 0
		}
		pub := public + centre*reach
		migrant := flags[i]&FlagMigrant != 0
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
			q *= 1 - gap*(1-iota[i]) // take-up rises with integration
		}
		q = clamp32(q)
		s := S[i] + alpha*(q-S[i])
		S[i] = s

		pw := float32(party[i]) * partyW
		if pw > 1 {
			pw = 1
		}
		target := pw
		if migrant {
			target += migInsec * (1 - iota[i])
		} else if float32(u[i])/256 < iLevel { // no longer farms
			// Insecurity without urban social insurance, and the identity
			// of a villager who lives as a city dweller [二(二)3].
			target += insec + ident
		}
		g := clamp32(G[i] + alphaG*(target-G[i]))
		G[i] = g
		T[i] = clamp32(T[i] + beta*(s-gt*g-T[i]) - penalty)

		if migrant {
			if resid[i] < 0xffff {
				resid[i]++
			}
			settled := float32(resid[i]) / settleMonths
			if settled > 1 {
				settled = 1
			}
			it := settled0*settled + voice32 - tension32
			io := clamp32(iota[i] + irate*(it-iota[i]))
			iota[i] = io
			migrants++
			sumSM += float64(s)
			sumIota += float64(io)
		} else {
			locals++
			sumSL += float64(s)
		}
		sumG += float64(g)
		hist[bin[i]]++
	}
	ob.Migrants, ob.Locals = migrants, locals
	ob.SumSMigrant, ob.SumSLocal, ob.SumIota, ob.SumG = sumSM, sumSL, sumIota, sumG

	// Bounded-confidence mixing of trust.
	// Whether two residents are close enough to move is a coin toss to the
	// branch predictor, so the test is a mask: out of range, d becomes +0
	// and both updates add or take nothing. |d| < ε is compared on the
	// bits, which order like the values for non-negative floats (ε ≥ 0).
	epsBits, mu := math.Float32bits(float32(o.Epsilon)), float32(o.Mu)
	if n > 1 {
		rng, bound := v.rng, NewBound(n)
		for i := range T {
			for j := 0; j < o.Meetings; j++ {
				p := rng.Below(bound)
				d := math.Float32bits(T[p] - T[i])
				d &= -below32(d&0x7fffffff, epsBits)
				md := mu * math.Float32frombits(d)
				T[i] += md
				T[p] -= md
			}
		}
	}
	var sumT float64
	for _, t := range T {
		sumT += float64(t)
	}
	ob.SumT = sumT
	v.meanIota = safeDiv(ob.SumIota, float64(ob.Migrants))
}

// below32 is 1 if a < b and 0 otherwise, without a branch.
func below32(a, b uint32) uint32 {
	var x uint32
	if a < b {
		x = 1
	}
	return x
}
