package sim

// Coop is one collective cooperative: the village-level 经联社 or a group
// 经济社. Its money moves between pools only: income → operating cost,
// leakage or the year's pool; the pool → dividends or retained assets. The
// cumulative fields let tests check that nothing is created or lost.
type Coop struct {
	Assets     float64 // yuan
	Yield      float64 // gross income per yuan of assets per year
	Disposable float64 // share of gross income left after operating costs
	Pool       float64 // distributable income accumulated this year, yuan
	Members    float64 // shareholding members (people), counted at dividend time

	// Cumulative flows since month 0, yuan.
	CumIncome, CumCost, CumLeak, CumPaid, CumRetained float64
}

// Officer is one elected member of a committee or a cooperative board.
type Officer struct {
	Competence, Integrity float64
	Migrant               bool
	Bought                bool // won with bought votes
}

// Dispute types, in the order of the per-type metrics.
const (
	DisputeMembership = iota
	DisputeDividend
	DisputeCompensation
	DisputeLocalMigrant
	DisputeService
	NumDisputeTypes
)

// Dispute is one open dispute.
type Dispute struct {
	Type      uint8
	Age       uint8 // months open, saturating
	Petition  bool  // already escalated to a petition
	Committee bool  // blame falls on the committee and party branch
	Party     int32 // agent index of the party, −1 when the party has left
}

// Village is one village or community with its cooperatives, committee,
// board, residents and open disputes. All its draws come from its own
// streams, so villages can be stepped in any order or in parallel.
type Village struct {
	ID           int
	Distance     float64 // distance to the urban core, [0,1]
	UrbanAtStart bool    // a residents' committee before any reform
	Industrial   bool    // farmland turned into collective industrial land by 2010
	Farmland     float64 // mu
	Built        float64 // collective construction land and homesteads, mu
	NonFarm      float64 // share of labour out of farming
	NonFarm0     float64 // NonFarm at month 0, for job attraction

	Union  Coop   // 经联社
	Groups []Coop // 经济社

	Seats     int
	Committee []Officer
	Board     []Officer // elected apart from the committee (personnel separation); empty otherwise

	// Reform state: the month each reform kind first reached this unit
	// (−1 if never), the month each schedule entry reached it, each kind's
	// strength in force, and the mechanisms they set (phase 1).
	Adopted [NumKinds]int
	reached []int32
	// signals[k] is what the unit has seen of entry k's trigger metric;
	// trigVals the scratch its values are computed in (nil without
	// triggers).
	signals  []signal
	trigVals []float64
	// definedAt is the month the assets separation first reached the unit,
	// when shares began to be defined (−1 if never).
	definedAt int
	strength  [NumKinds]float64
	Mech      Mechanisms

	Tau                float64 // value share of transactions through the trading centre
	txAll, txPassed    float64 // transaction values, exponentially weighted (τ = passed/all)
	Orgs               float64 // social organisations
	committeeReserve   []Officer
	boardReserve       []Officer // runners-up who fill seats of members removed by audits
	lastBuy, lastBuyBd float64   // share of votes bought at the last committee and board elections

	ExpPots   float64 // expected compensation pots per month at the current hazard and land, yuan
	lastDPS   float64 // dividend per member share paid last (union + group), yuan
	quality   float64 // service quality (supply over demand, capped at 1)
	meanIota  float64 // mean migrant integration, last month
	migAccess float64 // mean share of the service supply migrants can use and take up

	// Compensation paid per member in each of the last twelve months
	// (index month mod 12), for household income over a trailing year.
	compPaid  [12]float64
	compMonth [12]int32

	demand       float64 // service demand, people
	supplyColl   float64 // collectively funded service supply without centres, people
	supplyPublic float64 // publicly funded service supply without centres, people
	supplyCentre float64 // service supply of centres at full reach, people (public)

	scratchVoters, scratchSoldTo []int32 // election scratch, reused
	scratchCands                 []candidate
	scratchOrder                 []int
	Detected                     bool // vote buying detected at the last election

	Disputes  []Dispute
	Residents Residents

	// Migrants leaving for another village this month (district phase).
	Outbox []Agent

	MigrantTarget float64 // equilibrium migrants (people) at month 0

	obs   VillageObs // this month's observations
	rng   *Stream    // phases 2–6 and the unit half of migration
	elect *Stream    // elections (phase 7): candidates, buying, votes
	trade *Stream    // collective transactions (phase 2)
	audit *Stream    // audits and the blame of economic disputes
}

// Under reports whether a kind of reform is in force in the unit (units
// urban at the start were never converted).
func (v *Village) Under(k KindID) bool { return v.strength[k] > 0 }

// Strength is how strongly a kind of reform acts on the unit this month,
// in [0, 1]: the strongest of the schedule's entries of that kind.
func (v *Village) Strength(k KindID) float64 { return v.strength[k] }

// removeAgent removes agent i and keeps dispute party references right.
func (v *Village) removeAgent(i int) {
	last := int32(v.Residents.Len() - 1)
	for k := range v.Disputes {
		switch v.Disputes[k].Party {
		case int32(i):
			v.Disputes[k].Party = -1
		case last:
			v.Disputes[k].Party = int32(i)
		}
	}
	v.Residents.swapRemove(i)
}

// coops calls f for the union and every group cooperative.
func (v *Village) coops(f func(c *Coop)) {
	f(&v.Union)
	for g := range v.Groups {
		f(&v.Groups[g])
	}
}
