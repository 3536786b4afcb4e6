package sim

import "math"

// DistrictMetrics returns the names of the district-level metrics, in the
// order of the values a run reports each month. They are the contract of
// MODEL.md §8: add freely, rename none. A value is NaN in months where the
// metric is not defined (elections, dividends), and such rows are not written.
func DistrictMetrics() []string { return append([]string(nil), districtMetrics[:]...) }

// VillageMetrics returns the per-village metrics, written monthly with
// -village-detail, otherwise as yearly means of the monthly values.
func VillageMetrics() []string { return append([]string(nil), villageMetrics[:]...) }

var districtMetrics = [...]string{
	"disputes_opened_per_1000",
	"disputes_open_per_1000",
	"disputes_membership_per_1000",
	"disputes_dividend_per_1000",
	"disputes_compensation_per_1000",
	"disputes_local_migrant_per_1000",
	"disputes_service_per_1000",
	"petitions_per_1000",
	"disputes_blamed_committee_per_1000",
	"vote_buying_rate",
	"board_vote_buying_rate",
	"candidates_per_seat",
	"winning_margin",
	"committee_competence",
	"committee_integrity",
	"migrant_voter_share",
	"migrant_seat_share",
	"service_quality",
	"urban_rural_service_gap",
	"satisfaction_local",
	"satisfaction_migrant",
	"satisfaction_gap",
	"trust_committee",
	"grievance",
	"integration",
	"collective_income",
	"leakage_share",
	"dividend_per_share",
	"gini_income",
	"fiscal_spending",
	"villages_converted_share",
	"zhengjing_coverage",
	"zhengshe_coverage",
	"composite_index",
	// Additional metrics.
	"residents",
	"migrant_share",
	"claims_per_1000",
	"compensation_paid",
	"local_migrant_threat",
	"urban_front",
	"bought_seat_share",
}

var villageMetrics = [...]string{
	"residents",
	"migrant_share",
	"disputes_opened_per_1000",
	"disputes_local_migrant_per_1000",
	"disputes_blamed_committee_per_1000",
	"petitions_per_1000",
	"service_quality",
	"satisfaction_local",
	"satisfaction_migrant",
	"trust_committee",
	"grievance",
	"integration",
	"collective_income",
	"leakage_share",
	"dividend_per_share",
	"vote_buying_rate",
	"migrant_voter_share",
	"community",
	"converted",
	"zhengjing",
	"zhengshe",
	"distance",
	"x",
	"y",
}

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
	Discretionary                float64
	DividendsPaid, Shares        float64 // dividend month only
	Fiscal                       float64 // district yuan spent on this village this month
	Committee                    float64 // service supply from the committee (people)
	Threat                       float64
	Election                     ElectionObs
	Arrivals, Departures, Movers int
}

func (v *Village) residentsPeople(k float64) float64 {
	return float64(v.obs.Locals+v.obs.Migrants) * k
}

// villageValues fills vals (indexed like VillageMetrics) for this month.
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
	vals[0] = people
	vals[1] = safeDiv(float64(o.Migrants), float64(o.Locals+o.Migrants))
	vals[2] = per(opened)
	vals[3] = per(o.Opened[DisputeLocalMigrant])
	vals[4] = per(o.Blamed)
	vals[5] = per(o.Petitions)
	vals[6] = v.quality
	vals[7] = nanDiv(o.SumSLocal, float64(o.Locals))
	vals[8] = nanDiv(o.SumSMigrant, float64(o.Migrants))
	vals[9] = nanDiv(o.SumT, float64(o.Locals+o.Migrants))
	vals[10] = nanDiv(o.SumG, float64(o.Locals+o.Migrants))
	vals[11] = nanDiv(o.SumIota, float64(o.Migrants))
	vals[12] = o.Income
	vals[13] = nanDiv(o.Leak, o.Income)
	vals[14] = nan
	if o.Shares > 0 {
		vals[14] = o.DividendsPaid / o.Shares
	}
	vals[15] = nan
	vals[16] = nan
	if o.Election.Held {
		vals[15] = nanDiv(o.Election.Sold, o.Election.Voters)
		vals[16] = nanDiv(o.Election.MigrantVoters, o.Election.Voters)
	}
	vals[17] = b2f(v.Community)
	vals[18] = b2f(v.Converted())
	vals[19] = b2f(!v.Merged())
	vals[20] = b2f(v.Separated())
	vals[21] = v.D
	vals[22] = m.X[v.ID]
	vals[23] = m.Y[v.ID]
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
	var qPeople, qUrban, qRural float64
	var nUrban, nRural, nConverted, nStartVillages, nZJ, nZS int
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
		qPeople += v.quality * p
		if v.UrbanAtStart {
			qUrban += v.quality
			nUrban++
		} else {
			qRural += v.quality
			nRural++
			nStartVillages++
			if v.Converted() {
				nConverted++
			}
		}
		if !v.Merged() {
			nZJ++
		}
		if v.Separated() {
			nZS++
		}
		e := &o.Election
		if e.Held {
			el.Held = true
			el.Voters += e.Voters
			el.Sold += e.Sold
			el.MigrantVoters += e.MigrantVoters
			el.Candidates += e.Candidates
			el.Seats += e.Seats
			el.MarginSum += e.MarginSum
			el.Contests += e.Contests
			el.CompetenceSum += e.CompetenceSum
			el.IntegritySum += e.IntegritySum
			el.Officers += e.Officers
			el.MigrantSeats += e.MigrantSeats
			el.BoughtSeats += e.BoughtSeats
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
	set := func(name string, x float64) { vals[metricIndex(name)] = x }
	set("disputes_opened_per_1000", per(openAll))
	set("disputes_open_per_1000", per(openEnd))
	set("disputes_membership_per_1000", per(opened[DisputeMembership]))
	set("disputes_dividend_per_1000", per(opened[DisputeDividend]))
	set("disputes_compensation_per_1000", per(opened[DisputeCompensation]))
	set("disputes_local_migrant_per_1000", per(opened[DisputeLocalMigrant]))
	set("disputes_service_per_1000", per(opened[DisputeService]))
	set("petitions_per_1000", per(petitions))
	set("disputes_blamed_committee_per_1000", per(blamed))
	if el.Held {
		m.lastVoteBuying = nanDiv(el.Sold, el.Voters)
		set("vote_buying_rate", m.lastVoteBuying)
		set("candidates_per_seat", nanDiv(float64(el.Candidates), float64(el.Seats)))
		set("winning_margin", nanDiv(el.MarginSum, float64(el.Contests)))
		set("committee_competence", nanDiv(el.CompetenceSum, float64(el.Officers)))
		set("committee_integrity", nanDiv(el.IntegritySum, float64(el.Officers)))
		set("migrant_voter_share", nanDiv(el.MigrantVoters, el.Voters))
		set("migrant_seat_share", nanDiv(float64(el.MigrantSeats), float64(el.Officers)))
		set("bought_seat_share", nanDiv(float64(el.BoughtSeats), float64(el.Officers)))
	}
	if el.BoardHeld {
		set("board_vote_buying_rate", nanDiv(el.BoardSold, el.BoardVoters))
	}
	set("service_quality", nanDiv(qPeople, people))
	if nUrban > 0 && nRural > 0 {
		set("urban_rural_service_gap", qUrban/float64(nUrban)-qRural/float64(nRural))
	}
	sL, sM := nanDiv(sumSL, nLoc), nanDiv(sumSM, nMig)
	set("satisfaction_local", sL)
	set("satisfaction_migrant", sM)
	set("satisfaction_gap", sL-sM)
	trust := nanDiv(sumT, nLoc+nMig)
	set("trust_committee", trust)
	set("grievance", nanDiv(sumG, nLoc+nMig))
	integ := nanDiv(sumIota, nMig)
	set("integration", integ)
	set("collective_income", income)
	leakShare := nanDiv(leak, income)
	set("leakage_share", leakShare)
	if shares > 0 {
		set("dividend_per_share", divPaid/shares)
	}
	set("gini_income", gini(&hist))
	set("fiscal_spending", fiscal)
	n := float64(len(m.Villages))
	set("villages_converted_share", nanDiv(float64(nConverted), float64(nStartVillages)))
	set("zhengjing_coverage", float64(nZJ)/n)
	set("zhengshe_coverage", float64(nZS)/n)
	set("residents", people)
	set("migrant_share", nanDiv(migrants, people))
	set("claims_per_1000", per(claims))
	set("compensation_paid", comp)
	set("local_migrant_threat", nanDiv(threat, people))
	set("urban_front", m.Front(month))

	// composite_index: fixed transforms, the same for every run.
	cp := &c.Composite
	sat := nanDiv(sumSL+sumSM, nLoc+nMig)
	vb := m.lastVoteBuying
	if math.IsNaN(vb) {
		vb = 0
	}
	if math.IsNaN(integ) {
		integ = 1
	}
	comps := [...]struct{ w, x float64 }{
		{cp.WSatisfaction, sat},
		{cp.WTrust, trust},
		{cp.WDisputes, 1 - math.Min(1, per(openAll)/cp.DisputesRef)},
		{cp.WPetitions, 1 - math.Min(1, per(petitions)/cp.PetitionsRef)},
		{cp.WVoteBuying, 1 - vb},
		{cp.WLeakage, 1 - leakShare},
		{cp.WIntegration, integ},
	}
	var ws, xs float64
	for _, q := range comps {
		if math.IsNaN(q.x) {
			continue
		}
		ws += q.w
		xs += q.w * clamp(q.x, 0, 1)
	}
	set("composite_index", nanDiv(xs, ws))
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

func metricIndex(name string) int {
	for i, n := range districtMetrics {
		if n == name {
			return i
		}
	}
	panic("sim: unknown metric " + name)
}
