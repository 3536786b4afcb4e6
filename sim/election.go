package sim

import (
	"cmp"
	"math"
	"slices"
)

// ElectionObs records one village's (or, summed, the district's) election.
type ElectionObs struct {
	Held                        bool
	Voters, Sold                float64 // people
	MigrantVoters               float64 // people
	Candidates, Seats           int
	PublicCandidates            int     // candidates from the public-minded pool
	PublicStood                 int     // public-minded candidates who stood of their own accord, before the 差额 fill
	Genuine                     int     // contests that drew more candidates than seats of their own accord
	MarginSum                   float64 // sum of winning margins over contests
	Contests                    int
	CompetenceSum, IntegritySum float64 // over elected officers
	Officers, MigrantSeats      int
	BoughtSeats                 int     // seats won by candidates who bought votes
	Stake, LandStake            float64 // a committee seat's stake and its land part, summed over units
	FrontStake, FrontLand       float64 // the same over units inside the urban front
	BoardVoters, BoardSold      float64 // people, cooperative board elections
	BoardHeld                   bool
}

// stakes are the discretionary resources a seat controls over a term
// (docs/ODD.md §7.7): the economic stake E — the discretionary share of the
// compensation pots the front is expected to bring, plus the income exposed
// to leakage — belongs to the committee for the share it still decides, to
// a separate board (scaled by 1 − τ: large transactions pass the trading
// centre and the accounts are supervised) for the rest; board posts held by
// committee members bring their stake to the committee. The committee also
// controls what it spends itself: its budget and any conversion subsidy.
// It returns a committee seat's stake, its land part, and a separate board
// seat's stake.
func (m *Model) stakes(v *Village, month int) (committee, land, board float64) {
	c := &m.Cfg
	term := float64(c.Election.Interval)
	seats := float64(v.Seats)
	var disp float64
	v.coops(func(co *Coop) { disp += co.Assets * co.Yield * co.Disposable })
	eLand := c.Economy.Discretion * v.ExpPots * term
	eIncome := disp * m.exposure(v) * term / 12
	own := c.Reform.CommitteeFunding
	if v.Under(KindCungaiju) && v.Adopted[KindCungaiju] >= 0 && month-v.Adopted[KindCungaiju] < c.Reform.SubsidyYears*12 {
		own += c.Reform.Subsidy * v.Strength(KindCungaiju)
	}
	own *= c.Economy.Lambda0 * term / 12

	moved := 1 - v.Mech.Control // decided by the board
	atBoard := moved * (1 - v.Tau)
	committeeShare := (1 - moved) + v.Mech.CrossHeld*atBoard
	committee = (committeeShare*(eLand+eIncome) + own) / seats
	land = committeeShare * eLand / seats
	if v.Mech.BoardApart {
		board = (1 - v.Mech.CrossHeld) * atBoard * (eLand + eIncome) / seats
	}
	return committee, land, board
}

// office is what a contest fills.
type office struct {
	seats       int
	stake       float64 // per seat over a term, yuan
	sigma       float64 // how much the office is service: draws public-minded candidates
	lastBuy     float64 // share of votes bought at the office's last election
	membersOnly bool    // electorate: member shareholders only
	board       bool    // a cooperative board: its candidates are member shareholders
}

// election is phase 7, every Interval months: migrants register, then the
// committee is elected; where a board sits apart it is elected too.
func (m *Model) election(v *Village, month int, cn *counts) {
	c := &m.Cfg
	el := &c.Election
	v.obs.Election.Held = true

	// Migrant voter registration [二(三)1(3)]: a year of residence, an
	// application (likelier with integration) and the assembly's consent,
	// which locals withhold while migrant votes threaten their dividends —
	// until separate institutions take dividend rules out of the committee's
	// hands.
	threat := v.Mech.Threat * v.stakeRatio(m, cn)
	approve := logistic(logit(el.ApproveBase) - el.ApproveStake*threat)
	r := &v.Residents
	for i, f := range r.Flags {
		if f&FlagMigrant == 0 || f&FlagRegistered != 0 || int(r.Resid[i]) < el.ResidenceMin {
			continue
		}
		if v.elect.Bernoulli(el.ApplyBase*float64(r.Iota[i])) && v.elect.Bernoulli(approve) {
			r.Flags[i] |= FlagRegistered
		}
	}

	committee, land, board := m.stakes(v, month)
	e := &v.obs.Election
	e.Stake += committee
	e.LandStake += land
	if v.Distance <= m.Front(month) {
		e.FrontStake += committee
		e.FrontLand += land
	}
	var ob ElectionObs
	elected, reserve := m.contest(v, office{seats: v.Seats, stake: committee, sigma: v.Mech.Sigma, lastBuy: v.lastBuy}, month, &ob,
		v.Committee, v.committeeReserve)
	if elected != nil {
		v.Committee, v.committeeReserve = elected, reserve
		v.lastBuy = safeDiv(ob.Sold, ob.Voters)
	}
	e.add(&ob)
	if v.Mech.BoardApart {
		m.boardContest(v, board, month)
	}
}

// add sums a contest's observations into e.
func (e *ElectionObs) add(o *ElectionObs) {
	e.Voters += o.Voters
	e.Sold += o.Sold
	e.MigrantVoters += o.MigrantVoters
	e.Candidates += o.Candidates
	e.PublicCandidates += o.PublicCandidates
	e.PublicStood += o.PublicStood
	e.Genuine += o.Genuine
	e.Seats += o.Seats
	e.MarginSum += o.MarginSum
	e.Contests += o.Contests
	e.CompetenceSum += o.CompetenceSum
	e.IntegritySum += o.IntegritySum
	e.Officers += o.Officers
	e.MigrantSeats += o.MigrantSeats
	e.BoughtSeats += o.BoughtSeats
}

// electBoard holds a board election at once (when the personnel separation
// arrives).
func (m *Model) electBoard(v *Village, month int) {
	_, _, board := m.stakes(v, month)
	m.boardContest(v, board, month)
}

// boardContest elects the cooperative board: by member shareholders where
// the institutions are separate, by the committee's electorate otherwise.
// A board with nothing at stake (the committee still decides the assets)
// holds no contest: nobody stands to gain from the seat, so there is no
// vote to buy and no election to count.
func (m *Model) boardContest(v *Village, stake float64, month int) {
	if stake <= 0 {
		return
	}
	var ob ElectionObs
	elected, reserve := m.contest(v, office{seats: v.Seats, stake: stake, sigma: m.Cfg.Election.BoardServiceShare,
		lastBuy: v.lastBuyBd, membersOnly: v.Mech.ShareholderVote, board: true}, month, &ob, v.Board, v.boardReserve)
	v.Board, v.boardReserve = elected, reserve
	v.lastBuyBd = safeDiv(ob.Sold, ob.Voters)
	e := &v.obs.Election
	e.BoardHeld = true
	e.BoardVoters += ob.Voters
	e.BoardSold += ob.Sold
}

type candidate struct {
	Officer
	votes float64
	buys  bool
}

// contest runs one election (docs/ODD.md §7.7). Candidates come from two pools:
// rent-seekers, more of them the larger the stake relative to income, and
// public-minded residents, more competent on average, more of them the more
// the office is service and the fewer votes were bought at its last
// election (贿选 keeps capable people out [二(三)1(2)]). The Organic Law
// wants more candidates than seats (差额), so the public-minded pool fills
// the list to seats + 1. A rent-seeker below the integrity threshold buys
// votes with a probability that rises smoothly with the expected gain over
// the cost; approached voters sell by income rank and trust; the others vote
// by perceived competence with an in-group bonus. It returns the elected
// officers and the runners-up in order (nil, nil when nobody may vote), and
// adds to ob.
//
// The winners and the runners-up are written over into and spare, the
// office's last ones, whose arrays are reused; nothing of theirs is read.
func (m *Model) contest(v *Village, of office, month int, ob *ElectionObs, into, spare []Officer) (elected, reserve []Officer) {
	c := &m.Cfg
	el := &c.Election
	k := c.District.Scale
	r := &v.Residents
	rs := v.elect
	seats := of.seats

	voters := v.scratchVoters[:0]
	var migVoters int
	for i, f := range r.Flags {
		eligible := f&FlagRegistered != 0
		if of.membersOnly {
			eligible = f&FlagMember != 0 && f&FlagMigrant == 0
		}
		if eligible {
			voters = append(voters, int32(i))
			if f&FlagMigrant != 0 {
				migVoters++
			}
		}
	}
	v.scratchVoters = voters
	nv := len(voters)
	if nv == 0 {
		return nil, nil
	}
	migShare := float64(migVoters) / float64(nv)
	income := c.Economy.WageNonFarm * math.Pow(1+c.Economy.WageGrowth, float64(month/12))

	rent := rs.Poisson(float64(seats) * el.Kappa * of.stake / income)
	public := rs.Poisson(float64(seats) * el.PublicBase * of.sigma * math.Exp(-el.PublicDeterrence*of.lastBuy))
	if most := int(el.CandidateCap * float64(seats)); rent+public > most {
		rent = int(math.Round(float64(rent) * float64(most) / float64(rent+public)))
		public = most - rent
	}
	stood := public
	if rent+public >= seats+1 {
		ob.Genuine++ // contested of its own accord, not only by the 差额 rule
	} else {
		public = seats + 1 - rent
	}
	nc := rent + public
	// The list never exceeds the cap or seats + 1: buffers that size are
	// allocated once, not grown election by election as stakes rise.
	ncMax := max(int(el.CandidateCap*float64(seats)), seats+1)
	v.scratchCands = slices.Grow(v.scratchCands[:0], ncMax)
	cands := v.scratchCands[:nc]
	votesNeeded := el.SwingShare * float64(nv) * k
	cost := el.Price * votesNeeded
	pBuy := logistic(el.KB * (of.stake*el.WinGain - cost) / math.Max(cost, 1))
	for j := range cands {
		cd := &cands[j]
		*cd = candidate{}
		cd.Migrant = !of.board && rs.Bernoulli(migShare*el.MigrantCandidacy)
		if j < rent {
			cd.Competence = clamp(el.CompetenceMean+el.CompetenceSD*rs.Norm(), 0, 1)
			cd.Integrity = rs.Float64()
			cd.buys = cd.Integrity < el.HBuy && rs.Bernoulli(pBuy)
		} else {
			cd.Competence = clamp(el.CompetenceMean+el.CompetenceGap+el.CompetenceSD*rs.Norm(), 0, 1)
			cd.Integrity = el.HBuy + (1-el.HBuy)*rs.Float64()
		}
	}

	// Vote buying: each buyer approaches voters until it has the votes it
	// needs or has tried three times as many.
	var cdf [numBins]float64
	v.incomeCDF(voters, &cdf)
	soldTo := v.scratchSoldTo[:0]
	for range voters {
		soldTo = append(soldTo, -1)
	}
	v.scratchSoldTo = soldTo
	var sold int
	need := int(math.Ceil(votesNeeded / k))
	for j := range cands {
		if !cands[j].buys {
			continue
		}
		cands[j].Bought = true
		got := 0
		for tries := 0; tries < 3*need && got < need; tries++ {
			x := rs.Intn(nv)
			if soldTo[x] >= 0 {
				continue
			}
			i := voters[x]
			p := logistic(el.A0 - el.A1*cdf[r.Bin[i]] - el.A2*float64(r.T[i]))
			if rs.Bernoulli(p) {
				soldTo[x] = int32(j)
				got++
				sold++
			}
		}
		if rs.Bernoulli(el.Detect) {
			v.Detected = true
		}
	}

	// Honest votes.
	for x, i := range voters {
		if soldTo[x] >= 0 {
			cands[soldTo[x]].votes++
			continue
		}
		mig := r.Flags[i]&FlagMigrant != 0
		best, bestU := 0, math.Inf(-1)
		for j := range cands {
			u := cands[j].Competence + el.Noise*rs.Norm()
			if !mig && !cands[j].Migrant {
				u += el.InGroup // locals favour locals [二(三)1(3)]
			}
			if u > bestU {
				best, bestU = j, u
			}
		}
		cands[best].votes++
	}
	order := slices.Grow(v.scratchOrder[:0], ncMax)
	for j := range cands {
		order = append(order, j)
	}
	v.scratchOrder = order
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(cands[b].votes, cands[a].votes) }) // most votes first
	elected = slices.Grow(into[:0], seats)[:seats]
	for s := 0; s < seats; s++ {
		elected[s] = cands[order[s]].Officer
		ob.CompetenceSum += elected[s].Competence
		ob.IntegritySum += elected[s].Integrity
		if elected[s].Migrant {
			ob.MigrantSeats++
		}
		if elected[s].Bought {
			ob.BoughtSeats++
		}
	}
	reserve = slices.Grow(spare[:0], ncMax-seats)
	for _, j := range order[seats:] {
		reserve = append(reserve, cands[j].Officer)
	}
	ob.Officers += seats
	ob.MarginSum += (cands[order[seats-1]].votes - cands[order[seats]].votes) / float64(nv)
	ob.Contests++
	ob.Candidates += nc
	ob.PublicCandidates += public
	ob.PublicStood += stood
	ob.Seats += seats
	ob.Voters += float64(nv) * k
	ob.Sold += float64(sold) * k
	ob.MigrantVoters += float64(migVoters) * k
	return elected, reserve
}

// incomeCDF fills cdf[b] with the share of voters whose income bin is below
// b (their income rank).
func (v *Village) incomeCDF(voters []int32, cdf *[numBins]float64) {
	var hist [numBins]float64
	for _, i := range voters {
		hist[v.Residents.Bin[i]]++
	}
	var acc float64
	n := float64(len(voters))
	for b := range cdf {
		cdf[b] = (acc + hist[b]/2) / n
		acc += hist[b]
	}
}

func logit(p float64) float64 {
	p = clamp(p, 1e-9, 1-1e-9)
	return math.Log(p / (1 - p))
}
