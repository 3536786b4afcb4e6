package sim

import "math"

// counts are the village's head counts, taken at the start of its step.
type counts struct {
	locals, migrants, members int // agents
	regMigrants               int // registered migrant voters (agents)
	groupMembers              []int
}

func (v *Village) count(cn *counts) {
	cn.locals, cn.migrants, cn.members, cn.regMigrants = 0, 0, 0, 0
	if cap(cn.groupMembers) < len(v.Groups) {
		cn.groupMembers = make([]int, len(v.Groups))
	}
	cn.groupMembers = cn.groupMembers[:len(v.Groups)]
	for g := range cn.groupMembers {
		cn.groupMembers[g] = 0
	}
	r := &v.R
	for i, f := range r.Flags {
		switch {
		case f&FlagMigrant != 0:
			cn.migrants++
			if f&FlagRegistered != 0 {
				cn.regMigrants++
			}
		default:
			cn.locals++
			if f&FlagMember != 0 {
				cn.members++
				cn.groupMembers[r.Group[i]]++
			}
		}
	}
}

func (v *Village) localPeople(scale float64) float64 {
	n := 0
	for _, f := range v.R.Flags {
		if f&FlagMigrant == 0 {
			n++
		}
	}
	return float64(n) * scale
}

// wageBase is the median wage of an agent's occupation in a given month.
func (m *Model) wageBase(v *Village, i, month int) float64 {
	e := &m.Cfg.Economy
	g := math.Pow(1+e.WageGrowth, float64(month/12))
	switch {
	case v.R.Flags[i]&FlagMigrant != 0:
		return e.WageMigrant * g
	case v.farming(i):
		return e.WageFarm * g
	default:
		return e.WageNonFarm * g
	}
}

// farming reports whether local agent i still farms: the agents with the
// highest persistent draw U leave farming last as I rises.
func (v *Village) farming(i int) bool {
	return float64(v.R.U[i])/256 >= v.I
}

// income is agent i's yearly income: wage plus collective payments.
func (m *Model) income(v *Village, i, month int) float64 {
	return m.wageBase(v, i, month)*float64(v.R.Skill[i]) + float64(v.R.Div[i])
}

// economy is phase 2: urbanisation, requisitions and compensation pots,
// monthly collective income and leakage, and the yearly dividend.
func (m *Model) economy(v *Village, month int, cn *counts) {
	c := &m.Cfg
	e := &c.Economy
	u := m.Front(month)
	inside := v.D <= u

	// Labour leaves farming, faster inside the urban front [二(二)1].
	rate := e.NonFarmGrowth / 12
	if inside {
		rate *= e.NonFarmInside
	}
	v.I += rate * (1 - v.I)

	// Requisition: hazard rises as the front passes; the pot is partly kept
	// as collective assets and partly paid out; a share of it is allocated
	// at the discretion of whoever controls compensation.
	var discretionary float64
	p := e.ReqHazard * logistic((u-v.D)/e.FrontWidth)
	if v.Farmland > 1e-9 && v.rng.Bernoulli(p) {
		area := v.Farmland * e.ReqShare
		v.Farmland -= area
		pot := area * e.LandPrice * (1 - 0.5*v.D)
		keep := pot * e.PotToAssets
		v.Union.Assets += keep
		discretionary = pot * e.Discretion
		v.obs.Compensation += pot
		if cn.members > 0 {
			per := float32((pot - keep) / (float64(cn.members) * c.District.Scale))
			for i, f := range v.R.Flags {
				if f&FlagMember != 0 && f&FlagMigrant == 0 {
					v.R.Div[i] += per
				}
			}
		}
	}
	v.obs.Discretionary = discretionary
	v.PotRate += (discretionary - v.PotRate) / 12

	// Transparency moves towards what the rules in force require.
	v.Tau += e.TauAdjust * (m.tauTarget(v) - v.Tau)

	// Income and leakage: L = disposable · λ0 · (1 − τ) · (1 − h̄), where h̄ is
	// the integrity of whoever manages the assets.
	h := m.managerIntegrity(v)
	leakRate := e.Lambda0 * (1 - v.Tau) * (1 - h)
	growth := e.AssetGrowth / 12
	v.coops(func(co *Coop) {
		y := co.Assets * co.Yield / 12
		cost := y * (1 - co.Disposable)
		disp := y - cost
		leak := disp * leakRate
		co.Pool += disp - leak
		co.CumIncome += y
		co.CumCost += cost
		co.CumLeak += leak
		v.obs.Income += y
		v.obs.Leak += leak
		co.Assets *= 1 + growth
	})

	if (month%12)+1 == e.DividendMonth {
		m.payDividends(v, month, cn)
	}
}

// managerIntegrity is the mean integrity of whoever manages the assets: the
// committee when merged, the supervised board when separated.
func (m *Model) managerIntegrity(v *Village) float64 {
	if v.Merged() || len(v.Board) == 0 {
		return meanH(v.Committee)
	}
	return math.Min(1, meanH(v.Board)+m.Cfg.Reform.BoardIntegrityGain)
}

// payDividends pays each cooperative's pool, less the retained share, to its
// member shareholders, one share each; members hold a share in the village
// union and in their group. Incomes change here, so income bins do too.
func (m *Model) payDividends(v *Village, month int, cn *counts) {
	e := &m.Cfg.Economy
	k := m.Cfg.District.Scale
	perUnion := 0.0
	v.Union.Members = float64(cn.members) * k
	if cn.members > 0 {
		paid := v.Union.Pool * (1 - e.Retained)
		perUnion = paid / v.Union.Members
		v.Union.settle(paid)
	} else {
		v.Union.settle(0)
	}
	perGroup := make([]float64, len(v.Groups))
	for g := range v.Groups {
		co := &v.Groups[g]
		co.Members = float64(cn.groupMembers[g]) * k
		if cn.groupMembers[g] > 0 {
			paid := co.Pool * (1 - e.Retained)
			perGroup[g] = paid / co.Members
			co.settle(paid)
		} else {
			co.settle(0)
		}
	}
	var paid float64
	for g := range v.Groups {
		paid += float64(cn.groupMembers[g]) * k * perGroup[g]
	}
	paid += float64(cn.members) * k * perUnion
	v.obs.DividendsPaid = paid
	v.obs.Shares = float64(cn.members) * k
	r := &v.R
	for i, f := range r.Flags {
		if f&FlagMigrant == 0 && f&FlagMember != 0 {
			r.Div[i] = float32(perUnion + perGroup[r.Group[i]])
		} else {
			r.Div[i] = 0
		}
		r.Bin[i] = incomeBin(m.income(v, i, month))
	}
	v.lastDPS = perUnion
	if cn.members > 0 {
		v.lastDPS = safeDiv(paid, float64(cn.members)*k)
	}
}

// settle moves the pool into dividends paid and retained assets.
func (co *Coop) settle(paid float64) {
	retained := co.Pool - paid
	co.Assets += retained
	co.CumPaid += paid
	co.CumRetained += retained
	co.Pool = 0
}

func meanH(os []Officer) float64 {
	if len(os) == 0 {
		return 0.5
	}
	var s float64
	for _, o := range os {
		s += o.H
	}
	return s / float64(len(os))
}

func meanC(os []Officer) float64 {
	if len(os) == 0 {
		return 0.5
	}
	var s float64
	for _, o := range os {
		s += o.C
	}
	return s / float64(len(os))
}

// Income bins for the Gini histogram: log-spaced between 1,000 and 10
// million yuan a year, so that within-bin inequality is negligible.
const (
	numBins = 256
	binLo   = 1e3
	binHi   = 1e7
)

func incomeBin(y float64) uint8 {
	if y <= binLo {
		return 0
	}
	b := int(math.Log(y/binLo) / math.Log(binHi/binLo) * numBins)
	if b >= numBins {
		b = numBins - 1
	}
	return uint8(b)
}
