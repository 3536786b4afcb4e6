package sim

// openDispute opens a dispute with party agent i (−1 if none) and records
// where the blame falls: economic disputes fall on the committee and party
// branch while the committee is the economy's manager, on the board once
// the functions are separated [二(三)1(2)] (a share of them while the
// separation is partial, drawn from the unit's audit stream).
func (m *Model) openDispute(v *Village, typ int, party int) {
	blameCommittee := true
	switch typ {
	case DisputeMembership, DisputeDividend, DisputeCompensation:
		switch b := v.Mech.Blame; {
		case b >= 1:
		case b <= 0:
			blameCommittee = false
		default:
			blameCommittee = v.audit.Bernoulli(b)
		}
	}
	v.Disputes = append(v.Disputes, Dispute{Type: uint8(typ), Committee: blameCommittee, Party: int32(party)})
	if party >= 0 && v.Residents.Party[party] < 0xffff {
		v.Residents.Party[party]++
	}
	v.obs.Opened[typ]++
	if blameCommittee {
		v.obs.Blamed++
	}
}

// disputes is phase 4 (membership disputes were opened in phase 3): new
// disputes from dividend and compensation allocation, local–migrant friction
// and service failures; then the committee resolves what it can, oldest
// first, and disputes left too long escalate to petitions.
func (m *Model) disputes(v *Village, month int, cn *counts) {
	c := &m.Cfg
	ds := &c.Disputes
	k := c.District.Scale
	opacity := ds.OpacityFloor + (1-ds.OpacityFloor)*(1-v.Tau)

	// Dividend allocation: rules, eligibility and amounts are contested more
	// where allocation is opaque.
	// While distribution rights are being quantified [二(三)1(1)] they are
	// contested more.
	quantifying := 1 + v.Mech.Defining*c.Reform.DefinitionDividend
	n := v.rng.Poisson(float64(cn.members) * k * ds.DividendRate / 12 * opacity * quantifying)
	for j := 0; j < n; j++ {
		m.openDispute(v, DisputeDividend, v.randomMember(cn))
	}
	// Compensation: per million yuan allocated at someone's discretion.
	n = v.rng.Poisson(v.obs.Discretionary / 1e6 * ds.CompensationRate * opacity)
	for j := 0; j < n; j++ {
		m.openDispute(v, DisputeCompensation, v.randomLocal(cn))
	}
	// Local–migrant friction rises with the redistribution threat that
	// migrant voters pose while committee elections decide dividend rules
	// (until the institutions are separated), and falls with integration
	// [二(三)1(3)].
	threat := v.Mech.Threat * v.migrantVoterShare(cn) * v.stakeRatio(m, cn)
	v.obs.Threat = threat
	lm := float64(cn.migrants) * k / 1000 * ds.LocalMigrantRate * (1 + ds.ThreatWeight*threat) * (1 - v.meanIota)
	n = v.rng.Poisson(lm)
	for j := 0; j < n; j++ {
		party := v.randomLocal(cn)
		if v.rng.Bernoulli(0.5) {
			party = v.randomMigrant(cn)
		}
		m.openDispute(v, DisputeLocalMigrant, party)
	}
	// Service failures.
	residents := float64(cn.locals+cn.migrants) * k
	n = v.rng.Poisson(residents / 1000 * ds.ServiceRate * (1 - v.quality))
	for j := 0; j < n; j++ {
		party := -1
		if v.Residents.Len() > 0 {
			party = v.rng.Intn(v.Residents.Len())
		}
		m.openDispute(v, DisputeService, party)
	}

	// Resolution: R = capacity · c̄ · (1 − admin load), per 10,000 residents.
	capR := ds.Capacity * meanC(v.Committee) * (1 - v.Mech.AdminLoad) * residents / 1e4
	resolve := int(capR)
	if v.rng.Bernoulli(capR - float64(resolve)) {
		resolve++
	}
	if resolve > len(v.Disputes) {
		resolve = len(v.Disputes)
	}
	for j := 0; j < resolve; j++ {
		d := v.Disputes[j]
		m.closeDispute(v, d)
		if d.Type == DisputeMembership && d.Party >= 0 && v.rng.Bernoulli(c.Membership.GrantOnDispute) && v.Residents.Flags[d.Party]&FlagMember == 0 {
			v.Residents.Flags[d.Party] |= FlagMember
			v.Residents.Since[d.Party] = uint16(month + 1) // shares compensation paid from next month
		}
	}
	v.obs.Resolved = resolve
	// Age the rest; escalate; let very old ones lapse.
	kept := v.Disputes[:0]
	for _, d := range v.Disputes[resolve:] {
		if d.Age < 255 {
			d.Age++
		}
		if !d.Petition && int(d.Age) > ds.PetitionAfter {
			d.Petition = true
			v.obs.Petitions++
		}
		if int(d.Age) > ds.LapseAfter {
			m.closeDispute(v, d)
			continue
		}
		kept = append(kept, d)
	}
	v.Disputes = kept
	v.obs.OpenAtEnd = len(v.Disputes)
}

func (m *Model) closeDispute(v *Village, d Dispute) {
	if d.Party >= 0 && v.Residents.Party[d.Party] > 0 {
		v.Residents.Party[d.Party]--
	}
}

// randomMember draws a member shareholder, or a local if none is found.
func (v *Village) randomMember(cn *counts) int {
	for tries := 0; tries < 8; tries++ {
		i := v.randomLocal(cn)
		if i < 0 || v.Residents.Flags[i]&FlagMember != 0 {
			return i
		}
	}
	return v.randomLocal(cn)
}

// migrantVoterShare is the migrant share of registered voters.
func (v *Village) migrantVoterShare(cn *counts) float64 {
	return safeDiv(float64(cn.regMigrants), float64(cn.regMigrants+cn.locals))
}
