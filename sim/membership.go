package sim

import "math"

// membership is phase 3. Demographic events among registered people —
// births, deaths, marriage out, divorce and return, hukou moves, separated
// households — create membership claims; a claim is settled by rule with
// probability clarity, otherwise it is contested with a probability that
// rises with the value at stake over income [二(三)1(1)]. The agent
// population follows births and deaths in agent units.
func (m *Model) membership(v *Village, month int, cn *counts) {
	c := &m.Cfg
	ms := &c.Membership
	k := c.District.Scale
	locals := float64(cn.locals) * k

	// While shares are being defined and quantified [二(三)1(1)] every
	// member's status is reviewed: more claims, settled by rule less often;
	// once shares are fixed, rules settle more.
	r := &c.Reform
	rate := ms.EventRate / 12
	if v.Mech.Defining > 0 && r.DefinitionMonths > 0 {
		rate += v.Mech.Defining * r.DefinitionClaims / r.DefinitionMonths
	}
	clarity := clamp(ms.Clarity-v.Mech.Defining*r.DefinitionClarity+v.Mech.Fixed*r.FixedClarity, 0, 1)
	claims := v.rng.Poisson(rate * locals)
	ratio := v.stakeRatio(m, cn)
	p := (1 - clarity) * logistic(ms.KM*(ratio-ms.Centre))
	contested := v.rng.Binomial(claims, p)
	v.obs.Claims += claims
	for j := 0; j < contested; j++ {
		m.openDispute(v, DisputeMembership, v.randomLocal(cn))
	}

	// Births join as locals; a newborn gets a share by rule with the
	// probability that registered people hold one.
	births := v.rng.Poisson(ms.BirthRate / 12 * float64(cn.locals))
	v.obs.Births = births
	for j := 0; j < births; j++ {
		a := Agent{Group: uint8(v.rng.Intn(len(v.Groups))), U: uint8(v.rng.Intn(256)), Iota: 1,
			Skill: float32(v.rng.LogNormal(1, c.Economy.WageSpread)), Access: v.rng.Float32(),
			Flags: FlagRegistered, S: 0.5, T: 0.5}
		if v.rng.Bernoulli(ms.MemberShare) {
			a.Flags |= FlagMember
			a.Since = uint16(month + 1)
		}
		v.Residents.Append(a)
		i := v.Residents.Len() - 1
		v.Residents.S[i] = v.perceived(i, c)
		v.Residents.T[i] = v.Residents.S[i]
		v.Residents.Bin[i] = incomeBin(m.income(v, i, month))
	}
	deaths := v.rng.Poisson(ms.DeathRate / 12 * float64(cn.locals))
	for j := 0; j < deaths && cn.locals > 1; j++ {
		i := v.randomLocal(cn)
		if i >= 0 {
			v.removeAgent(i)
			v.obs.Deaths++
		}
	}
}

// stakeRatio is the discounted dividend stream of one member over the mean
// yearly income: what a membership claim, or a migrant vote, puts at stake.
func (v *Village) stakeRatio(m *Model, cn *counts) float64 {
	e := &m.Cfg.Economy
	value := v.lastDPS / m.Cfg.Membership.Discount
	income := e.WageNonFarm * math.Pow(1+e.WageGrowth, float64(m.Month/12))
	return safeDiv(value, income)
}

// randomLocal returns a uniformly drawn local agent, or −1 if there is none.
// Draws by rejection: locals are about half the agents.
func (v *Village) randomLocal(cn *counts) int {
	return v.randomKind(cn.locals, 0)
}

// randomMigrant returns a uniformly drawn migrant agent, or −1.
func (v *Village) randomMigrant(cn *counts) int {
	return v.randomKind(cn.migrants, FlagMigrant)
}

func (v *Village) randomKind(n int, want uint8) int {
	total := v.Residents.Len()
	if n <= 0 || total == 0 {
		return -1
	}
	for tries := 0; tries < 64; tries++ {
		i := v.rng.Intn(total)
		if v.Residents.Flags[i]&FlagMigrant == want {
			return i
		}
	}
	// Very skewed village: walk to the j-th agent of the kind.
	j := v.rng.Intn(total)
	for k := 0; k < total; k++ {
		i := (j + k) % total
		if v.Residents.Flags[i]&FlagMigrant == want {
			return i
		}
	}
	return -1
}
