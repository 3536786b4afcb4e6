package sim

import (
	"fmt"
	"math"
	"sort"
)

// ModelVersion is the version of the model docs/ODD.md describes: 2 made
// reforms act through named mechanisms; 3 gives each effect the costs and
// limits the study names, so that it can fail ("Changes in version 3").
const ModelVersion = "3"

// Model is one run: a district of villages stepping month by month.
type Model struct {
	Cfg       Config
	Seed      uint64
	Replicate int
	Month     int // the next month to simulate

	Villages []*Village
	X, Y     []float64 // village positions on the plane (core at 0,0)

	Front0 float64 // urban front at month 0

	// pilot[k][v]: village v is in the pilot of scheduled reform k.
	pilot [][]bool
	// entrySeps[k]: the separations schedule entry k brings; entryKind[k]
	// its kind.
	entrySeps [][numSeparations]bool
	entryKind []KindID
	// entryTrig[k]: entry k's trigger (nil: it starts at start).
	entryTrig   []*trigger
	hasTriggers bool

	rng *Stream // the run's own stream: set-up and the district phase

	// vector: the opinion update runs its AVX2 kernel, which gives the same
	// bits as the Go loop (tests switch it off to compare whole runs).
	vector bool

	// Carried between months.
	lastVoteBuying float64
	lastElection   ElectionObs
	gini           float64

	district []float64 // this month's district metrics, by DistrictMetrics index
	cumW     []float64 // migration destination weights, reused
}

// VillageData replaces the synthetic draw of one village (from a scenario's
// village CSV).
type VillageData struct {
	ID         int
	Distance   float64 // [0,1]
	Farmland   float64 // mu
	Population float64 // registered residents
	Migrants   float64
	Assets     float64 // yuan
}

// New builds the initial state of a run. Everything is drawn from streams
// derived from (seed, replicate), so a seed fixes the whole initial state.
func New(cfg Config, seed uint64, replicate int, villages []VillageData) (*Model, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if len(villages) > 0 {
		cfg.District.Villages = len(villages)
	}
	m := &Model{Cfg: cfg, Seed: seed, Replicate: replicate, rng: NewStream(seed, replicate, StreamDistrict, 0), vector: haveAVX2()}
	for k := range cfg.Reforms {
		m.entrySeps = append(m.entrySeps, cfg.Reforms[k].separations())
		kind, _ := KindOf(cfg.Reforms[k].Kind) // Validate has checked it
		m.entryKind = append(m.entryKind, kind)
		t := cfg.Reforms[k].triggerOf()
		m.entryTrig = append(m.entryTrig, t)
		m.hasTriggers = m.hasTriggers || t != nil
	}
	m.district = make([]float64, int(NumDistrictMetrics))
	m.lastVoteBuying = math.NaN()
	if err := m.init(villages); err != nil {
		return nil, err
	}
	return m, nil
}

func (m *Model) init(data []VillageData) error {
	c := &m.Cfg
	d := &c.District
	n := d.Villages
	m.X = make([]float64, n)
	m.Y = make([]float64, n)
	dist := make([]float64, n)
	for i := range dist {
		if data != nil {
			dist[i] = data[i].Distance
		} else {
			// Area-uniform on a disc: more villages far out than near the core.
			dist[i] = math.Sqrt(m.rng.Float64())
		}
		a := 2 * math.Pi * m.rng.Float64()
		m.X[i], m.Y[i] = dist[i]*math.Cos(a), dist[i]*math.Sin(a)
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return dist[order[a]] < dist[order[b]] })
	nUrban := int(math.Round(d.UrbanAtStart * float64(n)))
	urban := make([]bool, n)
	for k := 0; k < nUrban; k++ {
		urban[order[k]] = true
	}
	switch {
	case c.Economy.UrbanFront0 > 0:
		m.Front0 = c.Economy.UrbanFront0
	case nUrban == 0:
		m.Front0 = 0
	case nUrban >= n:
		m.Front0 = 1
	default:
		m.Front0 = (dist[order[nUrban-1]] + dist[order[nUrban]]) / 2
	}

	// District totals scaled to this district's size.
	share := float64(n) / float64(d.ReferenceUnits)
	if data != nil {
		share = 1 // a real district's assets come from its own data
	}
	unionAssets := d.AssetsTotal * d.AssetsUnionShare * share
	groupAssets := d.AssetsTotal * (1 - d.AssetsUnionShare) * share
	unionIncome := d.IncomeTotal * d.IncomeUnionShare * share
	groupIncome := d.IncomeTotal * (1 - d.IncomeUnionShare) * share
	unionDisp := d.DisposableTotal * d.DisposableUnion * share
	groupDisp := d.DisposableTotal * (1 - d.DisposableUnion) * share

	industrial := m.industrialVillages(dist, urban, data != nil)
	reg := make([]float64, n)
	mig := make([]float64, n)
	aw := make([]float64, n)
	farm := make([]float64, n)
	built := make([]float64, n)
	var sumReg, sumMig, sumAW, sumFarm, sumBuilt float64
	for i := 0; i < n; i++ {
		r := m.rng
		if data != nil {
			reg[i], mig[i], aw[i] = data[i].Population, data[i].Migrants, data[i].Assets
			farm[i] = data[i].Farmland
		} else {
			reg[i] = d.RegisteredPerUnit * r.LogNormal(1, 0.3)
			mig[i] = reg[i] * math.Exp(d.MigrantGradient*(0.5-dist[i])) * r.LogNormal(1, 0.3)
			aw[i] = reg[i] * math.Exp(d.AssetGradient*(0.5-dist[i])) * r.LogNormal(1, 0.4)
			// Farmland per head rises away from the core; villages whose
			// farmland became collective industrial land, and the urban
			// units, keep little of it.
			pc := math.Exp(d.FarmlandGradient*(dist[i]-1)) * r.LogNormal(1, d.FarmlandSpread)
			if urban[i] || industrial[i] {
				pc *= d.IndustrialFarmland
			}
			farm[i] = pc * reg[i]
		}
		built[i] = reg[i] * r.LogNormal(1, d.FarmlandSpread)
		sumReg += reg[i]
		sumMig += mig[i]
		sumAW += aw[i]
		sumFarm += farm[i]
		sumBuilt += built[i]
	}
	kBuilt := safeDiv(d.BuiltLand*sumReg, sumBuilt)
	if data == nil {
		// Normalise so district totals match the calibration exactly.
		kReg := d.RegisteredPerUnit * float64(n) / sumReg
		kMig := d.MigrantRatio * d.RegisteredPerUnit * float64(n) / sumMig
		kFarm := d.FarmlandMean * d.RegisteredPerUnit * float64(n) / sumFarm
		kBuilt = d.BuiltLand * d.RegisteredPerUnit * float64(n) / sumBuilt
		for i := range reg {
			reg[i] *= kReg
			mig[i] *= kMig
			farm[i] *= kFarm
		}
		sumAW = 0
		for i := range aw {
			sumAW += aw[i]
		}
	}
	for i := range built {
		built[i] *= kBuilt
	}

	m.Villages = make([]*Village, n)
	var unionYieldSum, groupYieldSum float64
	for i := 0; i < n; i++ {
		r := NewStream(m.Seed, m.Replicate, StreamInit, i)
		v := &Village{
			ID: i, Distance: dist[i], UrbanAtStart: urban[i], Industrial: industrial[i],
			Farmland: farm[i], Built: built[i],
			Tau: c.Economy.Tau0, reached: make([]int32, len(c.Reforms)),
			rng:   NewStream(m.Seed, m.Replicate, StreamVillage, i),
			elect: NewStream(m.Seed, m.Replicate, StreamElection, i),
			trade: NewStream(m.Seed, m.Replicate, StreamTrade, i),
			audit: NewStream(m.Seed, m.Replicate, StreamAudit, i),
		}
		for k := range v.reached {
			v.reached[k] = -1
		}
		for k := range v.Adopted {
			v.Adopted[k] = -1
		}
		v.definedAt = -1
		if m.hasTriggers {
			v.signals = make([]signal, len(m.entryTrig))
			for k, t := range m.entryTrig {
				if t != nil {
					v.signals[k] = newSignal(t.window)
					// Before month 0 only what is fixed at set-up is known.
					if MetricOf(villageTable[t.metric]).When == Static {
						v.signals[k].push(staticValue(m, v, t.metric))
					}
				}
			}
			v.trigVals = make([]float64, NumVillageMetrics)
		}
		e := &c.Economy
		v.txAll = e.Transactions * e.TransactionMedian * math.Exp(e.TransactionSpread*e.TransactionSpread/2)
		v.txPassed = e.Tau0 * v.txAll
		m.settle(v, 0)
		if urban[i] {
			v.NonFarm = clamp(0.95+0.03*r.Norm(), 0.85, 1)
		} else {
			v.NonFarm = clamp(d.NonFarmMean+0.3*(0.5-dist[i])+0.05*r.Norm(), 0.05, 0.98)
		}
		v.NonFarm0 = v.NonFarm
		w := 1 / float64(n)
		if sumAW > 0 {
			w = aw[i] / sumAW
		}
		v.Union = Coop{Assets: unionAssets * w, Yield: r.LogNormal(1, 0.2)}
		ng := d.GroupsMin + r.Intn(d.GroupsMax-d.GroupsMin+1)
		v.Groups = make([]Coop, ng)
		gw := make([]float64, ng)
		var gs float64
		for g := range gw {
			gw[g] = r.LogNormal(1, 0.3)
			gs += gw[g]
		}
		for g := range v.Groups {
			v.Groups[g] = Coop{Assets: groupAssets * w * gw[g] / gs, Yield: r.LogNormal(1, 0.2)}
			groupYieldSum += v.Groups[g].Assets * v.Groups[g].Yield
		}
		unionYieldSum += v.Union.Assets * v.Union.Yield
		v.Seats = d.SeatsMin + r.Intn(d.SeatsMax-d.SeatsMin+1)
		v.MigrantTarget = mig[i]
		m.initResidents(v, r, reg[i], mig[i])
		m.Villages[i] = v
	}
	// Yields scaled so that district income and disposable income match.
	for _, v := range m.Villages {
		if unionYieldSum > 0 {
			v.Union.Yield *= unionIncome / unionYieldSum
		}
		v.Union.Disposable = safeDiv(unionDisp, unionIncome)
		for g := range v.Groups {
			if groupYieldSum > 0 {
				v.Groups[g].Yield *= groupIncome / groupYieldSum
			}
			v.Groups[g].Disposable = safeDiv(groupDisp, groupIncome)
		}
	}
	if err := m.initPilots(); err != nil {
		return err
	}
	// The first committee is elected at month 0 by the election submodel;
	// until then the village starts with a committee of average people so
	// that the month-0 service and economy phases are defined.
	var cn counts
	for _, v := range m.Villages {
		v.Committee = make([]Officer, v.Seats)
		for k := range v.Committee {
			v.Committee[k] = Officer{Competence: c.Election.CompetenceMean, Integrity: 0.5}
		}
		v.count(&cn)
		m.services(v, &cn)
		for i := 0; i < v.Residents.Len(); i++ {
			q := v.perceived(i, &m.Cfg)
			v.Residents.S[i], v.Residents.T[i] = q, q
			v.Residents.Bin[i] = incomeBin(m.income(v, i, 0))
		}
		// Expected dividend per member until the first is paid.
		var disp float64
		v.coops(func(co *Coop) { disp += co.Assets * co.Yield * co.Disposable })
		members := 0
		for _, f := range v.Residents.Flags {
			if f&FlagMember != 0 {
				members++
			}
		}
		leak := m.exposure(v) * (1 - meanH(v.Committee))
		v.lastDPS = safeDiv(disp*(1-leak)*(1-c.Economy.Retained), float64(members)*c.District.Scale)
	}
	return nil
}

// industrialVillages picks the villages whose farmland had become
// collective industrial and built land by 2010: the share industrial_share
// of the units that start as villages, those ranked nearest the core by a
// distance blurred with industrial_mixing (the towns industrialised too).
// With the 村改居 farmland rule these are the first batch's villages; how
// many of them the rule finds is checked, not assumed (TestFarmlandSpread).
func (m *Model) industrialVillages(dist []float64, urban []bool, fromData bool) []bool {
	d := &m.Cfg.District
	out := make([]bool, len(dist))
	if fromData {
		return out // a real district's farmland comes from its data
	}
	type ranked struct {
		i   int
		key float64
	}
	var vs []ranked
	for i := range dist {
		key := dist[i] + d.IndustrialMixing*m.rng.Norm()
		if !urban[i] {
			vs = append(vs, ranked{i, key})
		}
	}
	sort.SliceStable(vs, func(a, b int) bool { return vs[a].key < vs[b].key })
	for _, x := range vs[:int(math.Round(d.IndustrialShare*float64(len(vs))))] {
		out[x.i] = true
	}
	return out
}

func (m *Model) initResidents(v *Village, r *Stream, registered, migrants float64) {
	c := &m.Cfg
	k := c.District.Scale
	nl := int(math.Max(1, math.Round(registered/k)))
	nm := int(math.Round(migrants / k))
	v.Residents = Residents{}
	for j := 0; j < nl; j++ {
		a := Agent{Group: uint8(r.Intn(len(v.Groups))), U: uint8(r.Intn(256)), Iota: 1,
			Skill: float32(r.LogNormal(1, c.Economy.WageSpread)), Access: r.Float32()}
		if r.Bernoulli(c.Membership.MemberShare) {
			a.Flags |= FlagMember
		}
		a.Flags |= FlagRegistered // locals are voters by right
		v.Residents.Append(a)
	}
	for j := 0; j < nm; j++ {
		v.Residents.Append(m.newMigrant(r, uint16(r.Intn(60))))
	}
}

func (m *Model) newMigrant(r *Stream, resid uint16) Agent {
	c := &m.Cfg
	return Agent{Flags: FlagMigrant, U: uint8(r.Intn(256)), Resid: resid,
		Skill: float32(r.LogNormal(1, c.Economy.WageSpread)), Access: r.Float32(),
		Iota: float32(r.Uniform(0.1, 0.4)), S: 0.4, T: 0.4}
}

// initPilots draws which villages each pilot covers.
func (m *Model) initPilots() error {
	n := len(m.Villages)
	m.pilot = make([][]bool, len(m.Cfg.Reforms))
	for k, spec := range m.Cfg.Reforms {
		if spec.Coverage != "pilot" {
			continue
		}
		perm := make([]int, n)
		for i := range perm {
			perm[i] = i
		}
		// Each pilot has its own stream, so adding one shifts no other draw.
		NewStream(m.Seed, m.Replicate, StreamPilot, k).Shuffle(n, func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		sel := make([]bool, n)
		cnt := int(math.Round(spec.Fraction * float64(n)))
		for _, i := range perm[:cnt] {
			sel[i] = true
		}
		m.pilot[k] = sel
	}
	return nil
}

// Front is the urban front u(t) at month t.
func (m *Model) Front(t int) float64 {
	return m.Front0 + m.Cfg.Economy.UrbanGrowth*float64(t)/12
}

// Agents is the number of resident agents now.
func (m *Model) Agents() int {
	n := 0
	for _, v := range m.Villages {
		n += v.Residents.Len()
	}
	return n
}

func clamp(x, lo, hi float64) float64 {
	if x < lo {
		return lo
	}
	if x > hi {
		return hi
	}
	return x
}

// clamp32 bounds a share to [0, 1], and a share below the smallest normal
// float32 (2⁻¹²⁶, about 1.2e-38) is 0. Without that, a grievance or a
// satisfaction decaying geometrically, x ← x − αx, ends on the smallest
// subnormal (1.4e-45), where αx rounds to 0, and stays there for ever; and
// arithmetic on subnormals costs the processor about a hundred cycles, which
// once made up half the time of the opinion update.
func clamp32(x float32) float32 {
	if x < 0x1p-126 {
		return 0
	}
	if x > 1 {
		return 1
	}
	return x
}

func safeDiv(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

func logistic(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// errorf keeps error messages of this package uniform.
func errorf(format string, a ...any) error { return fmt.Errorf("sim: "+format, a...) }
