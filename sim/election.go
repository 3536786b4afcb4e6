package sim

import (
	"math"
	"sort"
)

// ElectionObs records one village's (or, summed, the district's) election.
type ElectionObs struct {
	Held                        bool
	Voters, Sold                float64 // people
	MigrantVoters               float64 // people
	Candidates, Seats           int
	MarginSum                   float64 // sum of winning margins over contests
	Contests                    int
	CompetenceSum, IntegritySum float64 // over elected officers
	Officers, MigrantSeats      int
	BoughtSeats                 int     // seats won by candidates who bought votes
	BoardVoters, BoardSold      float64 // people, cooperative board elections
	BoardHeld                   bool
}

// seatStake is the discretionary resource one seat controls over a term
// when the committee runs the economy: the discretionary share of
// compensation pots plus the leakage-exposed disposable income.
func (m *Model) seatStake(v *Village) float64 {
	c := &m.Cfg
	term := float64(c.Election.Interval)
	var disp float64
	v.coops(func(co *Coop) { disp += co.Assets * co.Yield * co.Disposable })
	exposed := disp * c.Economy.Lambda0 * (1 - v.Tau) * term / 12
	return (v.PotRate*term + exposed) / float64(v.Seats)
}

// election is phase 7, every Interval months: migrants register, then the
// committee is elected; separated villages also elect their board.
func (m *Model) election(v *Village, month int, cn *counts) {
	c := &m.Cfg
	el := &c.Election
	v.obs.Election.Held = true

	// Migrant voter registration [二(三)1(3)]: a year of residence, an
	// application (likelier with integration) and the assembly's consent,
	// which locals withhold while migrant votes threaten their dividends.
	threat := 0.0
	if v.Merged() {
		threat = v.stakeRatio(m, cn)
	}
	approve := logistic(logit(el.ApproveBase) - el.ApproveStake*threat)
	r := &v.R
	for i, f := range r.Flags {
		if f&FlagMigrant == 0 || f&FlagRegistered != 0 || int(r.Resid[i]) < el.ResidenceMin {
			continue
		}
		if v.rng.Bernoulli(el.ApplyBase*float64(r.Iota[i])) && v.rng.Bernoulli(approve) {
			r.Flags[i] |= FlagRegistered
		}
	}

	stake := m.seatStake(v)
	committeeStake := stake
	if !v.Merged() {
		committeeStake *= c.Reform.StakeAfter
	}
	v.Committee = m.contest(v, false, v.Seats, committeeStake, month, &v.obs.Election)
	if !v.Merged() {
		m.boardContest(v, stake, month)
	}
}

// electBoard holds a board election at once (when 政经分离 arrives).
func (m *Model) electBoard(v *Village, month int) {
	m.boardContest(v, m.seatStake(v), month)
}

// boardContest elects the cooperative board among member shareholders. Its
// seats carry the merged stake scaled by (1 − τ): large transactions pass
// the trading centre and the accounts are supervised.
func (m *Model) boardContest(v *Village, mergedStake float64, month int) {
	var ob ElectionObs
	v.Board = m.contest(v, true, v.Seats, mergedStake*(1-v.Tau), month, &ob)
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

// contest runs one election: candidates come forward with the stake, low-
// integrity ones buy votes when it pays, approached voters sell by income
// rank and trust, the others vote by perceived competence with an in-group
// bonus. It returns the elected officers and adds to ob.
func (m *Model) contest(v *Village, membersOnly bool, seats int, stake float64, month int, ob *ElectionObs) []Officer {
	c := &m.Cfg
	el := &c.Election
	k := c.District.Scale
	r := &v.R

	voters := v.scratchVoters[:0]
	var migVoters int
	for i, f := range r.Flags {
		eligible := f&FlagRegistered != 0
		if membersOnly {
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
		if membersOnly {
			return nil // no shareholders, no board: the committee's integrity governs leakage
		}
		return v.Committee
	}
	migShare := float64(migVoters) / float64(nv)
	income := c.Economy.WageNonFarm * math.Pow(1+c.Economy.WageGrowth, float64(month/12))

	perSeat := math.Min(el.CandidateCap, 1+el.Kappa*stake/income)
	nc := int(math.Round(float64(seats) * perSeat))
	if nc < seats {
		nc = seats
	}
	cands := make([]candidate, nc)
	votesNeeded := el.SwingShare * float64(nv) * k
	pays := stake*el.WinGain > el.Price*votesNeeded
	for j := range cands {
		cd := &cands[j]
		cd.Migrant = !membersOnly && v.rng.Bernoulli(migShare*0.5)
		cd.C = clamp(el.CompetenceMean+0.15*v.rng.Norm(), 0, 1)
		cd.H = v.rng.Float64()
		cd.buys = pays && cd.H < el.HBuy
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
	detected := false
	need := int(math.Ceil(votesNeeded / k))
	for j := range cands {
		if !cands[j].buys {
			continue
		}
		cands[j].Bought = true
		got := 0
		for tries := 0; tries < 3*need && got < need; tries++ {
			x := v.rng.Intn(nv)
			if soldTo[x] >= 0 {
				continue
			}
			i := voters[x]
			p := logistic(el.A0 - el.A1*cdf[r.Bin[i]] - el.A2*float64(r.T[i]))
			if v.rng.Bernoulli(p) {
				soldTo[x] = int32(j)
				got++
				sold++
			}
		}
		if v.rng.Bernoulli(el.Detect) {
			detected = true
		}
	}
	if detected {
		v.Detected = true
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
			u := cands[j].C + el.Noise*v.rng.Norm()
			if !mig && !cands[j].Migrant {
				u += el.InGroup // locals favour locals [二(三)1(3)]
			}
			if u > bestU {
				best, bestU = j, u
			}
		}
		cands[best].votes++
	}
	order := make([]int, nc)
	for j := range order {
		order[j] = j
	}
	sort.SliceStable(order, func(a, b int) bool { return cands[order[a]].votes > cands[order[b]].votes })
	elected := make([]Officer, seats)
	for s := 0; s < seats; s++ {
		elected[s] = cands[order[s]].Officer
		ob.CompetenceSum += elected[s].C
		ob.IntegritySum += elected[s].H
		if elected[s].Migrant {
			ob.MigrantSeats++
		}
		if elected[s].Bought {
			ob.BoughtSeats++
		}
	}
	ob.Officers += seats
	margin := 1.0
	if nc > seats {
		margin = (cands[order[seats-1]].votes - cands[order[seats]].votes) / float64(nv)
	}
	ob.MarginSum += margin
	ob.Contests++
	ob.Candidates += nc
	ob.Seats += seats
	ob.Voters += float64(nv) * k
	ob.Sold += float64(sold) * k
	ob.MigrantVoters += float64(migVoters) * k
	return elected
}

// incomeCDF fills cdf[b] with the share of voters whose income bin is below
// b (their income rank).
func (v *Village) incomeCDF(voters []int32, cdf *[numBins]float64) {
	var hist [numBins]float64
	for _, i := range voters {
		hist[v.R.Bin[i]]++
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
