package sim

import "math"

// opinion is phase 6, the hot loop: every resident updates satisfaction
// towards the quality they see (s ← s + α(q − s)), grievance towards what
// their disputes and insecurity warrant, trust towards satisfaction less
// grievance, minus the blame and detected vote buying of the month; migrants
// integrate. Then residents meet and mix trust by bounded confidence
// (Deffuant et al. 2000). Nothing here allocates.
//
// The update is opinionGo; on amd64 with AVX2 a kernel of the same
// operations does eight residents at a time and opinionGo the last few.
// The two give the same bits (TestOpinionKernelMatchesGo,
// TestOpinionVectorSameRun), so results do not depend on the processor.
func (m *Model) opinion(v *Village, cn *counts) {
	c := &m.Cfg
	o := &c.Opinion
	k := c.District.Scale
	r := &v.Residents
	n := r.Len()
	residents := float64(n) * k

	blamedPer1000 := safeDiv(float64(v.obs.Blamed)*1000, residents)
	penalty := float32(o.Gamma * blamedPer1000)
	if v.Detected {
		penalty += float32(o.Delta)
		v.Detected = false
	}
	tension := safeDiv(float64(v.obs.Opened[DisputeLocalMigrant])*1000, residents) * o.TensionWeight
	insec, ident := float32(o.Insecurity), float32(o.Identity)
	insec *= float32(1 - v.Mech.Insured)
	ident *= float32(1 - v.Mech.Urbanised)
	coll := float32(v.supplyColl)

	var kk opinionK
	set := func(l *lanes, x float32) {
		for i := range l {
			l[i] = x
		}
	}
	set(&kk.ac, float32(c.Reform.AccessCost)*float32(v.Mech.CentreDist))
	set(&kk.public, float32(v.supplyPublic))
	set(&kk.centre, float32(v.supplyCentre))
	set(&kk.coll, coll)
	// Only the public supply and a share of the collective's are open to a
	// migrant.
	set(&kk.collM, float32(c.Services.CollectiveMigrantShare)*coll)
	set(&kk.invD, float32(safeDiv(1, v.demand)))
	set(&kk.noise, float32(c.Services.Noise))
	set(&kk.half, 0.5)
	set(&kk.gap, float32(c.Services.TakeupGap))
	set(&kk.alpha, float32(o.Alpha))
	set(&kk.partyW, float32(c.Disputes.PartyWeight/k))
	set(&kk.migInsec, float32(o.MigrantInsecurity*o.Insecurity))
	set(&kk.inv256, 1.0/256)
	set(&kk.iLevel, float32(v.NonFarm))
	set(&kk.insecIdent, insec+ident)
	set(&kk.alphaG, float32(o.AlphaG))
	set(&kk.beta, float32(o.Beta))
	set(&kk.gt, float32(o.GrievanceTrust))
	set(&kk.penalty, penalty)
	set(&kk.settleMonths, float32(o.SettleMonths))
	set(&kk.settled0, float32(o.IntegrationSettled))
	set(&kk.voice, float32(m.voice(v, cn)))
	set(&kk.tension, float32(tension))
	set(&kk.irate, float32(o.IntegrationRate))

	ob := &v.obs
	sums := opinionSums{ob.SumSMigrant, ob.SumSLocal, ob.SumIota, ob.SumG}
	from := 0
	if m.vector {
		from = n &^ 7
		if from > 0 {
			opinionAVX2(&kk, &r.Flags[0], &r.U[0], &r.Party[0], &r.Resid[0],
				&r.Access[0], &r.S[0], &r.T[0], &r.G[0], &r.Iota[0], from, &sums)
		}
	}
	opinionGo(&kk, r, from, n, &sums)
	ob.SumSMigrant, ob.SumSLocal, ob.SumIota, ob.SumG = sums.sM, sums.sL, sums.iota, sums.g
	T := r.T[:n]

	// Bounded-confidence mixing of trust. Whether two residents are close
	// enough to move is a coin toss to the branch predictor, so the test is
	// a mask: out of range, d becomes +0 and both updates add or take
	// nothing. |d| < ε is compared on the bits, which order like the values
	// for non-negative floats (ε ≥ 0).
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
	// The trust sum is one chain of dependent additions; the histogram
	// rides along in the same loop for free. The heads are the step's
	// count: nothing since has moved an agent or changed who is a migrant.
	hist, bins := &ob.Hist, r.Bin[:n]
	sumT := 0.0
	for i, t := range T {
		sumT += float64(t)
		hist[bins[i]]++
	}
	ob.SumT = sumT
	ob.Migrants += cn.migrants
	ob.Locals += cn.locals
	v.meanIota = safeDiv(ob.SumIota, float64(ob.Migrants))
}

// voice is the rise in migrants' integration target from a voice in
// deliberation: under 政社分离 the two councils bring notables and
// enterprise representatives into community affairs [二(四)1(2)], and
// migrants have a voice only through whoever of them sits there: in
// proportion to their share of the seats against their share of
// residents, at most opinion.voice. No seats, no voice — whatever the
// reform.
func (m *Model) voice(v *Village, cn *counts) float64 {
	if v.Mech.Council <= 0 || cn.migrants == 0 {
		return 0
	}
	share := float64(cn.migrants) / float64(cn.locals+cn.migrants)
	return m.Cfg.Opinion.Voice * math.Min(1, v.Mech.Council/share)
}

// below32 is 1 if a < b and 0 otherwise, without a branch.
func below32(a, b uint32) uint32 {
	var x uint32
	if a < b {
		x = 1
	}
	return x
}

// lanes is one constant repeated for the eight lanes of a vector register.
type lanes [8]float32

// opinionK holds a village's constants of the month for the resident
// update. The vector kernel (opinion_amd64.s) reads the fields by offset:
// keep their order and the offsets there together.
type opinionK struct {
	ac, public, centre, coll lanes
	collM, invD, noise, half lanes
	gap, alpha, partyW       lanes
	migInsec, inv256, iLevel lanes
	insecIdent, alphaG, beta lanes
	gt, penalty              lanes
	settleMonths, settled0   lanes
	voice, tension, irate    lanes
}

// opinionSums are the month's sums of the update, each added in resident
// order (float sums depend on it): satisfaction of migrants and of locals,
// integration of migrants, grievance of all.
type opinionSums struct{ sM, sL, iota, g float64 }

// opinionGo updates residents [from, to) and adds them to the sums: the
// definition of the update, which the vector kernel must match bit for bit
// (TestOpinionKernelMatchesGo). Migrants' values enter sums of locals as
// +0 and the other way round, which leaves a sum of non-negative terms
// unchanged, so both ways add the same.
func opinionGo(k *opinionK, r *Residents, from, to int, sums *opinionSums) {
	ac, public, centre := k.ac[0], k.public[0], k.centre[0]
	coll, collM, invD, noise, half := k.coll[0], k.collM[0], k.invD[0], k.noise[0], k.half[0]
	gap, alpha, partyW, migInsec := k.gap[0], k.alpha[0], k.partyW[0], k.migInsec[0]
	inv256, iLevel, insecIdent, alphaG := k.inv256[0], k.iLevel[0], k.insecIdent[0], k.alphaG[0]
	beta, gt, penalty, settleMonths := k.beta[0], k.gt[0], k.penalty[0], k.settleMonths[0]
	settled0, voice, tension, irate := k.settled0[0], k.voice[0], k.tension[0], k.irate[0]

	// Every slice cut once, so the loop runs without bounds checks, and the
	// sums kept in registers.
	flags, access, party, u := r.Flags[from:to], r.Access[from:to], r.Party[from:to], r.U[from:to]
	S, T, G, iota, resid := r.S[from:to], r.T[from:to], r.G[from:to], r.Iota[from:to], r.Resid[from:to]
	sumSM, sumSL, sumIota, sumG := sums.sM, sums.sL, sums.iota, sums.g
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
			usable = pub + collM
		}
		q := usable * invD
		if q > 1 {
			q = 1
		}
		q *= 1 - noise*(a-half)
		if migrant {
			q *= 1 - gap*(1-iota[i]) // take-up rises with integration
		}
		q = clamp32(q)
		s := clamp32(S[i] + alpha*(q-S[i]))
		S[i] = s

		pw := float32(party[i]) * partyW
		if pw > 1 {
			pw = 1
		}
		target := pw
		if migrant {
			target += migInsec * (1 - iota[i])
		} else if float32(u[i])*inv256 < iLevel { // no longer farms
			// Insecurity without urban social insurance, and the identity
			// of a villager who lives as a city dweller [二(二)3].
			target += insecIdent
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
			it := settled0*settled + voice - tension
			io := clamp32(iota[i] + irate*(it-iota[i]))
			iota[i] = io
			sumSM += float64(s)
			sumIota += float64(io)
		} else {
			sumSL += float64(s)
		}
		sumG += float64(g)
	}
	sums.sM, sums.sL, sums.iota, sums.g = sumSM, sumSL, sumIota, sumG
}
