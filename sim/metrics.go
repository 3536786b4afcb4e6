package sim

import "math"

// VillageObs is what one village records in one month.
type VillageObs struct {
	Opened                       [NumDisputeTypes]int
	Blamed, Petitions            int
	Resolved, OpenAtEnd          int
	Claims                       int
	Locals, Migrants             int // agents counted in the opinion loop
	SumSLocal, SumSMigrant       float64
	SumT, SumG, SumIota          float64
	Hist                         [numBins]float64
	Income, Leak                 float64 // yuan this month
	Compensation                 float64 // yuan of pots this month
	CompensationPaid             float64 // the part paid to member households
	Discretionary                float64
	Audits, Removed              int     // audits of the accounts; officers removed by them
	DividendsPaid, Shares        float64 // dividend month only
	Fiscal                       float64 // district yuan spent on this village this month
	Committee                    float64 // service supply from the committee (people)
	Threat                       float64
	Election                     ElectionObs
	Arrivals, Departures, Movers int
	Births, Deaths               int
}

func (v *Village) residentsPeople(k float64) float64 {
	return float64(v.obs.Locals+v.obs.Migrants) * k
}

// villageValues fills vals (indexed by VillageMetricID) for this month.
func (m *Model) villageValues(v *Village, vals []float64) {
	k := m.Cfg.District.Scale
	o := &v.obs
	people := v.residentsPeople(k)
	per := func(x int) float64 { return safeDiv(float64(x)*1000, people) }
	nan := math.NaN()
	opened := 0
	for _, x := range o.Opened {
		opened += x
	}
	b2f := func(b bool) float64 {
		if b {
			return 1
		}
		return 0
	}
	vals[VResidents] = people
	vals[VMigrantShare] = safeDiv(float64(o.Migrants), float64(o.Locals+o.Migrants))
	vals[VDisputesOpened] = per(opened)
	vals[VDisputesLocalMigrant] = per(o.Opened[DisputeLocalMigrant])
	vals[VDisputesBlamed] = per(o.Blamed)
	vals[VPetitions] = per(o.Petitions)
	vals[VServiceQuality] = v.quality
	vals[VSatisfactionLocal] = nanDiv(o.SumSLocal, float64(o.Locals))
	vals[VSatisfactionMigrant] = nanDiv(o.SumSMigrant, float64(o.Migrants))
	vals[VTrust] = nanDiv(o.SumT, float64(o.Locals+o.Migrants))
	vals[VGrievance] = nanDiv(o.SumG, float64(o.Locals+o.Migrants))
	vals[VIntegration] = nanDiv(o.SumIota, float64(o.Migrants))
	vals[VCollectiveIncome] = o.Income
	vals[VLeakageShare] = nanDiv(o.Leak, o.Income)
	vals[VDividendPerShare] = nan
	if o.Shares > 0 {
		vals[VDividendPerShare] = o.DividendsPaid / o.Shares
	}
	vals[VVoteBuying] = nan
	vals[VMigrantVoterShare] = nan
	vals[VVoteBuyingDetected] = nan
	vals[VVoteBuyingTotal] = nan
	vals[VStakeLandShare] = nan
	vals[VCommitteeStake] = nan
	if e := &o.Election; e.Held || e.BoardHeld {
		vals[VVoteBuyingTotal] = nanDiv(e.Sold+e.BoardSold, e.Voters+e.BoardVoters)
		// Set by this month's contests and cleared by next month's opinion phase.
		vals[VVoteBuyingDetected] = b2f(v.Detected)
	}
	if o.Election.Held {
		vals[VVoteBuying] = nanDiv(o.Election.Sold, o.Election.Voters)
		vals[VMigrantVoterShare] = nanDiv(o.Election.MigrantVoters, o.Election.Voters)
		vals[VStakeLandShare] = nanDiv(o.Election.LandStake, o.Election.Stake)
		vals[VCommitteeStake] = o.Election.Stake
	}
	vals[VCommunity] = b2f(v.Mech.Community)
	for k := range NumKinds {
		vals[VillageFlagOf(k)] = b2f(v.Under(k))
	}
	vals[VDistance] = v.Distance
	vals[VX] = m.X[v.ID]
	vals[VY] = m.Y[v.ID]
}

func nanDiv(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return a / b
}

// districtValues aggregates the villages' observations, in village order so
// that the sums are the same for any number of workers.
func (m *Model) districtValues(month int) []float64 {
	c := &m.Cfg
	k := c.District.Scale
	vals := m.district
	for i := range vals {
		vals[i] = math.NaN()
	}
	var people, locals, migrants float64
	var opened [NumDisputeTypes]int
	var openAll, petitions, blamed, openEnd, claims int
	var sumSL, sumSM, sumT, sumG, sumIota float64
	var income, leak, divPaid, shares, fiscal, comp, threat float64
	var tau, access, removed float64
	var qPeople, qUrban, qRural float64
	var nUrban, nRural, nStartVillages, nElect int
	var nUnder [NumKinds]int
	var el ElectionObs
	var hist [numBins]float64
	for _, v := range m.Villages {
		o := &v.obs
		p := v.residentsPeople(k)
		people += p
		locals += float64(o.Locals) * k
		migrants += float64(o.Migrants) * k
		for t, x := range o.Opened {
			opened[t] += x
			openAll += x
		}
		petitions += o.Petitions
		blamed += o.Blamed
		openEnd += o.OpenAtEnd
		claims += o.Claims
		sumSL += o.SumSLocal
		sumSM += o.SumSMigrant
		sumT += o.SumT
		sumG += o.SumG
		sumIota += o.SumIota
		income += o.Income
		leak += o.Leak
		divPaid += o.DividendsPaid
		shares += o.Shares
		fiscal += o.Fiscal
		comp += o.Compensation
		threat += o.Threat * p
		tau += v.Tau
		access += v.migAccess * float64(o.Migrants)
		removed += float64(o.Removed)
		qPeople += v.quality * p
		if v.UrbanAtStart {
			qUrban += v.quality
			nUrban++
		} else {
			qRural += v.quality
			nRural++
			nStartVillages++
		}
		for k := range NumKinds {
			if v.Under(k) {
				nUnder[k]++
			}
		}
		e := &o.Election
		if e.Held {
			el.Held = true
			el.add(e)
			el.Stake += e.Stake
			el.LandStake += e.LandStake
			el.FrontStake += e.FrontStake
			el.FrontLand += e.FrontLand
			nElect++
		}
		if e.BoardHeld {
			el.BoardHeld = true
			el.BoardVoters += e.BoardVoters
			el.BoardSold += e.BoardSold
		}
		for b, x := range o.Hist {
			hist[b] += x
		}
	}
	nLoc, nMig := locals/k, migrants/k
	per := func(x int) float64 { return safeDiv(float64(x)*1000, people) }
	vals[DisputesOpened] = per(openAll)
	vals[DisputesOpen] = per(openEnd)
	vals[DisputesMembership] = per(opened[DisputeMembership])
	vals[DisputesDividend] = per(opened[DisputeDividend])
	vals[DisputesCompensation] = per(opened[DisputeCompensation])
	vals[DisputesLocalMigrant] = per(opened[DisputeLocalMigrant])
	vals[DisputesService] = per(opened[DisputeService])
	vals[Petitions] = per(petitions)
	vals[DisputesBlamed] = per(blamed)
	if el.Held || el.BoardHeld {
		m.lastVoteBuying = nanDiv(el.Sold+el.BoardSold, el.Voters+el.BoardVoters)
		vals[VoteBuyingTotal] = m.lastVoteBuying
	}
	if el.Held {
		vals[VoteBuying] = nanDiv(el.Sold, el.Voters)
		vals[CommitteeStake] = el.Stake / float64(nElect)
		vals[StakeLandShare] = nanDiv(el.FrontLand, el.FrontStake)
		vals[PublicCandidateShare] = nanDiv(float64(el.PublicCandidates), float64(el.Candidates))
		vals[GenuineContestShare] = nanDiv(float64(el.Genuine), float64(el.Contests))
		vals[PublicStoodPerSeat] = nanDiv(float64(el.PublicStood), float64(el.Seats))
		vals[CandidatesPerSeat] = nanDiv(float64(el.Candidates), float64(el.Seats))
		vals[WinningMargin] = nanDiv(el.MarginSum, float64(el.Contests))
		vals[CommitteeCompetence] = nanDiv(el.CompetenceSum, float64(el.Officers))
		vals[CommitteeIntegrity] = nanDiv(el.IntegritySum, float64(el.Officers))
		vals[MigrantVoterShare] = nanDiv(el.MigrantVoters, el.Voters)
		vals[MigrantSeatShare] = nanDiv(float64(el.MigrantSeats), float64(el.Officers))
		vals[BoughtSeatShare] = nanDiv(float64(el.BoughtSeats), float64(el.Officers))
	}
	if el.BoardHeld {
		vals[BoardVoteBuying] = nanDiv(el.BoardSold, el.BoardVoters)
	}
	vals[ServiceQuality] = nanDiv(qPeople, people)
	if nUrban > 0 && nRural > 0 {
		vals[ServiceGap] = qUrban/float64(nUrban) - qRural/float64(nRural)
	}
	sL, sM := nanDiv(sumSL, nLoc), nanDiv(sumSM, nMig)
	vals[SatisfactionLocal] = sL
	vals[SatisfactionMigrant] = sM
	vals[SatisfactionGap] = sL - sM
	trust := nanDiv(sumT, nLoc+nMig)
	vals[Trust] = trust
	vals[Grievance] = nanDiv(sumG, nLoc+nMig)
	integ := nanDiv(sumIota, nMig)
	vals[Integration] = integ
	vals[CollectiveIncome] = income
	leakShare := nanDiv(leak, income)
	vals[LeakageShare] = leakShare
	if shares > 0 {
		vals[DividendPerShare] = divPaid / shares
		vals[DividendsPaid] = divPaid
	}
	vals[GiniIncome] = gini(&hist)
	vals[FiscalSpending] = fiscal
	n := float64(len(m.Villages))
	for k, kind := range kindTable {
		if kind.RuralOnly {
			vals[CoverageOf(KindID(k))] = nanDiv(float64(nUnder[k]), float64(nStartVillages))
		} else {
			vals[CoverageOf(KindID(k))] = float64(nUnder[k]) / n
		}
	}
	vals[ResidentPeople] = people
	vals[MigrantShare] = nanDiv(migrants, people)
	vals[Claims] = per(claims)
	vals[CompensationPaid] = comp
	vals[LocalMigrantThreat] = nanDiv(threat, people)
	vals[UrbanFront] = m.Front(month)
	vals[TradingCentreShare] = tau / n
	vals[MigrantAccess] = nanDiv(access, nMig)
	vals[AuditRemovals] = removed * 100 / n

	// composite_index: fixed transforms, the same for every run.
	vb := m.lastVoteBuying
	if math.IsNaN(vb) {
		vb = 0
	}
	if math.IsNaN(integ) {
		integ = 1
	}
	in := [numComposite]float64{
		compSatisfaction: nanDiv(sumSL+sumSM, nLoc+nMig),
		compTrust:        trust,
		compDisputes:     per(openAll),
		compPetitions:    per(petitions),
		compVoteBuying:   vb,
		compLeakage:      leakShare,
		compIntegration:  integ,
	}
	vals[CompositeIndex] = composite(&in, &c.Composite)
	return vals
}

// gini computes the Gini coefficient from the income histogram, each bin's
// people at the bin's geometric mid-point; bins are 3.7% wide, so the error
// from within-bin inequality is far below the replicate spread.
func gini(hist *[numBins]float64) float64 {
	var n, total float64
	for b, x := range hist {
		n += x
		total += x * binMid(b)
	}
	if n == 0 || total == 0 {
		return math.NaN()
	}
	// G = 1 − Σ_b p_b (L_{b−1} + L_b), with L the Lorenz curve.
	var lPrev, g float64
	for b, x := range hist {
		if x == 0 {
			continue
		}
		l := lPrev + x*binMid(b)/total
		g += x / n * (lPrev + l)
		lPrev = l
	}
	return 1 - g
}

func binMid(b int) float64 {
	return binLo * math.Pow(binHi/binLo, (float64(b)+0.5)/numBins)
}
