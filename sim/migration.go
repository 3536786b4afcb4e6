package sim

import (
	"math"
	"sort"
)

// migrationOut is the village half of migration (in phase 8's parallel
// part): migrants arrive from outside the district, drawn by jobs; some
// leave the district, more when dissatisfied; dissatisfied ones choose to
// move to another village and wait in the outbox for the district phase.
func (m *Model) migrationOut(v *Village, month int) {
	c := &m.Cfg
	mg := &c.Migration
	k := c.District.Scale
	nm := v.obs.Migrants
	sMig := 0.5
	if nm > 0 {
		sMig = v.obs.SumSMigrant / float64(nm)
	}
	years := math.Min(float64(month)/12, float64(mg.GrowthYears))
	growth := 0.0
	if float64(month)/12 < float64(mg.GrowthYears) {
		growth = mg.Growth
	}
	target := v.MigrantTarget * math.Pow(1+mg.Growth, years) * safeDiv(v.NonFarm, v.NonFarm0)
	arrivals := v.rng.Poisson((mg.Departure + growth) / 12 * target / k)
	leave := v.rng.Binomial(nm, mg.Departure/12*(mg.LeaveAt-sMig))
	moves := v.rng.Binomial(nm-leave, mg.MoveRate/12*(1-sMig))
	cn := counts{migrants: nm}
	v.Outbox = v.Outbox[:0]
	for j := 0; j < leave+moves; j++ {
		i := v.randomMigrant(&cn)
		if i < 0 {
			break
		}
		if j >= leave {
			v.Outbox = append(v.Outbox, v.Residents.At(i))
		}
		v.removeAgent(i)
		cn.migrants--
	}
	for j := 0; j < arrivals; j++ {
		a := m.newMigrant(v.rng, 0)
		v.Residents.Append(a)
		i := v.Residents.Len() - 1
		v.Residents.S[i] = v.perceived(i, c)
		v.Residents.T[i] = v.Residents.S[i]
		v.Residents.Bin[i] = incomeBin(m.income(v, i, month))
	}
	v.obs.Arrivals, v.obs.Departures, v.obs.Movers = arrivals, leave, len(v.Outbox)
}

// migrationIn is the district half: movers choose a destination, in village
// order and from the run's stream, with weights that favour the services
// migrants see and shun local–migrant tension.
func (m *Model) migrationIn() {
	c := &m.Cfg
	n := len(m.Villages)
	if m.cumW == nil {
		m.cumW = make([]float64, n)
	}
	var acc float64
	for i, v := range m.Villages {
		tension := safeDiv(float64(v.obs.Opened[DisputeLocalMigrant])*1000, float64(v.obs.Locals+v.obs.Migrants)*c.District.Scale)
		acc += math.Exp(c.Migration.Choosiness * (v.quality*v.migAccess - tension))
		m.cumW[i] = acc
	}
	for _, from := range m.Villages {
		for _, a := range from.Outbox {
			x := m.rng.Float64() * acc
			to := m.Villages[sort.SearchFloat64s(m.cumW, x)%n]
			a.Resid = 0
			a.Party = 0
			a.Flags &^= FlagRegistered | FlagSold
			a.Iota *= float32(c.Migration.MoverIota)
			to.Residents.Append(a)
			i := to.Residents.Len() - 1
			to.Residents.Bin[i] = incomeBin(m.income(to, i, m.Month))
		}
		from.Outbox = from.Outbox[:0]
	}
}

// MigrantGrowth is how many times its start the district's migrant target
// grows at most over a run of c: (1 + growth) to the power of the years it
// grows (growth_years, or the run's length if shorter), at least 1. The
// migrants follow their target, so the memory a run needs grows with it
// (sim/experiment's estimate, the classroom's admission).
func (c *Config) MigrantGrowth() float64 {
	years := math.Min(float64(c.Months)/12, float64(c.Migration.GrowthYears))
	return math.Max(1, math.Pow(1+c.Migration.Growth, years))
}
