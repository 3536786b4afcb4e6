package sim

import (
	"encoding/binary"
	"math"
	"math/bits"
)

// counts are the village's head counts, taken at the start of its step.
type counts struct {
	locals, migrants, members int // agents
	regMigrants               int // registered migrant voters (agents)
	groupMembers              []int
	perGroup                  []float64 // dividend per group share, payDividends' scratch
}

// count tallies the village's heads by flag. It runs two or three times a
// month over every agent, so it reads the flags eight at a time and counts
// bits (one byte per agent; bit 0 migrant, 1 member, 2 registered) instead
// of branching on each agent.
func (v *Village) count(cn *counts) {
	const ones = 0x0101010101010101
	fl := v.Residents.Flags
	var mig, reg, mem int
	i := 0
	for ; i+8 <= len(fl); i += 8 {
		w := binary.LittleEndian.Uint64(fl[i : i+8])
		mig += bits.OnesCount64(w & ones)
		reg += bits.OnesCount64(w >> 2 & w & ones)
		mem += bits.OnesCount64(w >> 1 &^ w & ones)
	}
	for ; i < len(fl); i++ {
		f := fl[i]
		switch {
		case f&FlagMigrant != 0:
			mig++
			if f&FlagRegistered != 0 {
				reg++
			}
		case f&FlagMember != 0:
			mem++
		}
	}
	cn.locals, cn.migrants, cn.members, cn.regMigrants = len(fl)-mig, mig, mem, reg
}

// countGroups tallies the member shareholders of each group cooperative,
// which only dividends need.
func (v *Village) countGroups(cn *counts) {
	if cap(cn.groupMembers) < len(v.Groups) {
		cn.groupMembers = make([]int, len(v.Groups))
		cn.perGroup = make([]float64, len(v.Groups))
	}
	cn.groupMembers = cn.groupMembers[:len(v.Groups)]
	cn.perGroup = cn.perGroup[:len(v.Groups)]
	clear(cn.groupMembers)
	clear(cn.perGroup)
	r := &v.Residents
	for i, f := range r.Flags {
		if f&(FlagMigrant|FlagMember) == FlagMember {
			cn.groupMembers[r.Group[i]]++
		}
	}
}

func (v *Village) localPeople(scale float64) float64 {
	n := 0
	for _, f := range v.Residents.Flags {
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
	case v.Residents.Flags[i]&FlagMigrant != 0:
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
	return float64(v.Residents.U[i])/256 >= v.NonFarm
}

// income is agent i's income over the trailing twelve months (yuan): wage,
// plus the last dividend and the compensation paid to member households in
// the last twelve months, so a payment is income from the month it is paid.
func (m *Model) income(v *Village, i, month int) float64 {
	return m.wageBase(v, i, month)*float64(v.Residents.Skill[i]) + float64(v.Residents.Div[i]) + v.compensation(i, month)
}

// rebin refreshes the income bins (the Gini histogram and the income rank
// of vote selling) of the members, or of everyone, after incomes changed.
// It computes once what income does per agent.
func (m *Model) rebin(v *Village, month int, membersOnly bool) {
	e := &m.Cfg.Economy
	g := math.Pow(1+e.WageGrowth, float64(month/12))
	farm, nonFarm, migrant := e.WageFarm*g, e.WageNonFarm*g, e.WageMigrant*g
	all := v.compensationSince(0, month) // what members of long standing received
	r := &v.Residents
	for i, f := range r.Flags {
		member := f&FlagMember != 0 && f&FlagMigrant == 0
		if membersOnly && !member {
			continue
		}
		var y float64
		switch {
		case f&FlagMigrant != 0:
			y = migrant
		case v.farming(i):
			y = farm
		default:
			y = nonFarm
		}
		y = y*float64(r.Skill[i]) + float64(r.Div[i])
		if member {
			// Members of more than eleven months share every payment of
			// the trailing year, as those of long standing do.
			if since := int(r.Since[i]); since == 0 || since <= month-11 {
				y += all
			} else {
				y += v.compensationSince(int32(since), month)
			}
		}
		r.Bin[i] = incomeBin(y)
	}
}

// compensation is what member agent i received from compensation pots in
// the twelve months up to month: the payments since it became a member.
func (v *Village) compensation(i, month int) float64 {
	f := v.Residents.Flags[i]
	if f&FlagMember == 0 || f&FlagMigrant != 0 {
		return 0
	}
	return v.compensationSince(int32(v.Residents.Since[i]), month)
}

// compensationSince is what a member since the given month received from
// compensation pots in the twelve months up to month.
func (v *Village) compensationSince(since int32, month int) float64 {
	var sum float64
	for j, x := range v.compPaid {
		if x != 0 && v.compMonth[j] >= since && v.compMonth[j] > int32(month-12) && v.compMonth[j] <= int32(month) {
			sum += x
		}
	}
	return sum
}

// economy is phase 2: urbanisation, requisitions and compensation pots,
// collective transactions and the trading centre, monthly collective income
// and leakage, audits, and the yearly dividend.
func (m *Model) economy(v *Village, month int, cn *counts) {
	c := &m.Cfg
	e := &c.Economy
	u := m.Front(month)
	inside := v.Distance <= u

	// Labour leaves farming, faster inside the urban front [二(二)1].
	rate := e.NonFarmGrowth / 12
	if inside {
		rate *= e.NonFarmInside
	}
	v.NonFarm += rate * (1 - v.NonFarm)

	// The compensation paid twelve months ago leaves the trailing year.
	slot := month % 12
	expired := v.compPaid[slot] != 0
	v.compPaid[slot], v.compMonth[slot] = 0, int32(month)

	// Requisition (征地拆迁): the hazard rises as the front passes; a share
	// of the farmland and of the built land is taken. The pot is partly
	// kept as collective assets and partly paid out to member households;
	// a share of it is allocated at the discretion of whoever controls
	// compensation [二(三)1(2)].
	p := e.ReqHazard * logistic((u-v.Distance)/e.FrontWidth)
	price := 1 - e.PriceGradient*v.Distance
	landValue := (v.Farmland*e.LandPrice + v.Built*e.DemolitionPrice) * price
	v.ExpPots = p * e.ReqShare * landValue
	paid := false
	if landValue > 0 && v.rng.Bernoulli(p) {
		pot := e.ReqShare * landValue
		v.Farmland -= v.Farmland * e.ReqShare
		v.Built -= v.Built * e.ReqShare
		keep := pot * e.PotToAssets
		v.Union.Assets += keep
		v.obs.Discretionary = pot * e.Discretion
		v.obs.Compensation += pot
		if cn.members > 0 {
			v.compPaid[slot] += (pot - keep) / (float64(cn.members) * c.District.Scale)
			v.obs.CompensationPaid += pot - keep
			paid = true
		}
	}
	if paid || expired {
		m.rebin(v, month, true)
	}

	m.transactions(v)

	// Income and leakage: L = disposable · λ0 · (1 − τ·(1 − residual)) ·
	// (1 − h̄), where h̄ is the integrity of whoever manages the assets and a
	// transaction through the trading centre keeps only a residual of its
	// leakage.
	leakRate := m.exposure(v) * (1 - m.managerIntegrity(v))
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

	if v.Mech.AuditRate > 0 {
		m.auditAccounts(v)
	}

	if (month%12)+1 == e.DividendMonth {
		m.payDividends(v, month, cn)
	}
}

// exposure is the share of disposable income a manager of zero integrity
// would leak: λ0 outside the trading centre, a residual of it inside.
func (m *Model) exposure(v *Village) float64 {
	return m.Cfg.Economy.Lambda0 * (1 - v.Tau*(1-m.Cfg.Reform.CentreResidual))
}

// transactions draws the month's collective transactions (leases,
// transfers, contracts) from the unit's trade stream: sizes are
// heavy-tailed; a transaction passes the trading centre by choice with
// probability tau0, and must pass it when it is above the threshold and
// the rule is in force (the assets separation). τ is the value share that
// passed, remembered with weight tau_adjust, so it follows from the
// threshold and the size distribution. Every transaction takes the same
// three draws whatever the rules, so reforms shift no draw.
func (m *Model) transactions(v *Village) {
	e := &m.Cfg.Economy
	n := v.trade.Poisson(e.Transactions)
	var all, passed float64
	for j := 0; j < n; j++ {
		size := v.trade.LogNormal(e.TransactionMedian, e.TransactionSpread)
		chosen := v.trade.Float64() < e.Tau0
		required := v.trade.Float64() < v.Mech.CentreRule && size > m.Cfg.Reform.TradingThreshold
		all += size
		if chosen || required {
			passed += size
		}
	}
	v.txAll += e.TauAdjust * (all - v.txAll)
	v.txPassed += e.TauAdjust * (passed - v.txPassed)
	if v.txAll > 0 {
		v.Tau = v.txPassed / v.txAll
	}
}

// boardWeight is the share of the economy's decisions taken by a board
// elected apart from the committee: what the assets separation moved out of
// the committee's hands, less the posts committee members still hold.
func (v *Village) boardWeight() float64 {
	if len(v.Board) == 0 {
		return 0
	}
	return (1 - v.Mech.Control) * (1 - v.Mech.CrossHeld)
}

// managerIntegrity is the mean integrity of whoever manages the assets:
// the committee, and the separate board for its share of the decisions.
func (m *Model) managerIntegrity(v *Village) float64 {
	w := v.boardWeight()
	return (1-w)*meanH(v.Committee) + w*meanH(v.Board)
}

// auditAccounts is the finance supervision centre [二(三)2]: with
// probability audit_rate a year it audits the cooperative's accounts, finds
// each manager out with a chance that rises with the share of income he
// leaks, and removes him; a runner-up of his election takes the seat, or
// it stays empty until the next. The managers are the separate board, or
// the committee members who hold its posts where there is none.
func (m *Model) auditAccounts(v *Village) {
	r := &m.Cfg.Reform
	if !v.audit.Bernoulli(v.Mech.AuditRate / 12) {
		return
	}
	v.obs.Audits++
	exposure := m.exposure(v)
	officers, reserve := &v.Committee, &v.committeeReserve
	if v.Mech.BoardApart {
		officers, reserve = &v.Board, &v.boardReserve
	}
	kept := (*officers)[:0]
	for _, o := range *officers {
		if v.audit.Bernoulli(1 - math.Exp(-r.AuditPower*exposure*(1-o.Integrity))) {
			v.obs.Removed++
			if len(*reserve) > 0 {
				kept = append(kept, (*reserve)[0])
				// Shift rather than reslice, so the array keeps its front
				// and the next election reuses it.
				*reserve = append((*reserve)[:0], (*reserve)[1:]...)
			}
			continue
		}
		kept = append(kept, o)
	}
	*officers = kept
}

// payDividends pays each cooperative's pool, less the retained share, to its
// member shareholders, one share each; members hold a share in the village
// union and in their group. Incomes change here, so income bins do too.
func (m *Model) payDividends(v *Village, month int, cn *counts) {
	e := &m.Cfg.Economy
	k := m.Cfg.District.Scale
	v.countGroups(cn)
	perUnion := 0.0
	v.Union.Members = float64(cn.members) * k
	if cn.members > 0 {
		paid := v.Union.Pool * (1 - e.Retained)
		perUnion = paid / v.Union.Members
		v.Union.settle(paid)
	} else {
		v.Union.settle(0)
	}
	perGroup := cn.perGroup
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
	r := &v.Residents
	for i, f := range r.Flags {
		if f&FlagMigrant == 0 && f&FlagMember != 0 {
			r.Div[i] = float32(perUnion + perGroup[r.Group[i]])
		} else {
			r.Div[i] = 0
		}
	}
	m.rebin(v, month, false)
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
		s += o.Integrity
	}
	return s / float64(len(os))
}

func meanC(os []Officer) float64 {
	if len(os) == 0 {
		return 0.5
	}
	var s float64
	for _, o := range os {
		s += o.Competence
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

// incomeBin is incomeBinLog by table: incomes are rebinned for every
// member at each dividend, and the logarithm was a twentieth of a run. An
// income's float bits, shifted, name its cell (the exponent and the top six
// bits of the mantissa: a 64th of an octave, narrower than a bin, which is
// a 19th), so a cell holds one bin edge at most; the cell's table entry
// and one comparison with the next edge give the bin. The edges are the
// smallest incomes incomeBinLog puts in each bin, found by stepping between
// neighbouring floats, so the two agree on every income
// (TestIncomeBinTable).
func incomeBin(y float64) uint8 {
	if !(y > binLo && y < binHi) {
		if y >= binHi && y <= math.MaxFloat64 {
			// The top bin, as incomeBinLog has it (its logarithm is at least
			// the range's), without the logarithm: members are paid millions
			// in the months after a requisition.
			return numBins - 1
		}
		return incomeBinLog(y)
	}
	yb := math.Float64bits(y)
	b := binTables.cell[yb>>cellShift-binTables.firstCell]
	// Positive floats order as their bits do; the borrow says whether y is
	// below the next edge, without a branch to mispredict.
	_, below := bits.Sub64(yb, binTables.edge[int(b)+1], 0)
	return b + uint8(1-below)
}

// cellShift leaves an income's exponent and six bits of its mantissa.
const cellShift = 52 - 6

// incomeBinLog is the definition: bins of equal width in log income.
func incomeBinLog(y float64) uint8 {
	if y <= binLo {
		return 0
	}
	b := int(math.Log(y/binLo) / math.Log(binHi/binLo) * numBins)
	if b >= numBins {
		b = numBins - 1
	}
	return uint8(b)
}

// binTables holds, computed once and never written again, edge[k], the
// bits of the smallest income in bin k or above (edge[numBins] is +Inf),
// and cell[c], the bin of the smallest income in cell firstCell+c.
var binTables = func() (t struct {
	edge      [numBins + 1]uint64
	cell      []uint8
	firstCell uint64
}) {
	t.edge[0] = math.Float64bits(binLo)
	for k := 1; k < numBins; k++ {
		e := binLo * math.Exp(float64(k)/numBins*math.Log(binHi/binLo))
		for int(incomeBinLog(e)) >= k {
			e = math.Nextafter(e, 0)
		}
		for int(incomeBinLog(e)) < k {
			e = math.Nextafter(e, math.Inf(1))
		}
		t.edge[k] = math.Float64bits(e)
	}
	t.edge[numBins] = math.Float64bits(math.Inf(1))
	t.firstCell = math.Float64bits(binLo) >> cellShift
	last := math.Float64bits(binHi) >> cellShift
	for c := t.firstCell; c <= last; c++ {
		t.cell = append(t.cell, incomeBinLog(math.Float64frombits(c<<cellShift)))
	}
	return t
}()
