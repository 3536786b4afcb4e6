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
	C, H    float64 // competence, integrity
	Migrant bool
	Bought  bool // won with bought votes
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
// stream, so villages can be stepped in any order or in parallel.
type Village struct {
	ID           int
	D            float64 // distance to the urban core, [0,1]
	UrbanAtStart bool    // a residents' committee before any reform
	Community    bool    // status: 居委会 (true) or 村委会
	Farmland     float64 // mu
	I            float64 // share of labour out of farming
	I0           float64 // I at month 0, for job attraction

	Union  Coop   // 经联社
	Groups []Coop // 经济社

	Seats     int
	Committee []Officer
	Board     []Officer // elected separately after 政经分离; empty when merged

	// Reform state. The month each reform reached this village, −1 if not.
	ConvertedAt, ZhengjingAt, ZhengsheAt int

	Tau           float64 // share of transactions through the trading centre
	Sigma         float64 // committee effort share on services
	AdminLoad     float64 // share of committee time on pushed-down tasks
	Budget        float64 // service budget per resident, yuan/year
	AccessMigrant float64 // share of quality migrants see
	Centres       float64 // service centres (政社分离)
	CentreDist    float64 // how far residents are from a centre (layout)
	Orgs          float64 // social organisations
	Voice         bool    // the two councils give migrants a voice

	PotRate  float64 // discretionary compensation per month, smoothed, yuan
	lastDPS  float64 // dividend per member share paid last (union + group), yuan
	quality  float64 // service quality (supply over demand, capped at 1)
	meanIota float64 // mean migrant integration, last month

	demand       float64 // service demand, people
	supplyBase   float64 // service supply without centres, people
	supplyCentre float64 // service supply of centres at full reach, people

	scratchVoters, scratchSoldTo []int32 // election scratch, reused
	Detected                     bool    // vote buying detected at the last election

	Disputes []Dispute
	R        Residents

	// Migrants leaving for another village this month (district phase).
	Outbox []Agent

	MigrantTarget float64 // equilibrium migrants (people) at month 0

	obs VillageObs // this month's observations
	rng *Stream
}

// Merged reports whether the committee still runs the collective economy.
func (v *Village) Merged() bool { return v.ZhengjingAt < 0 }

// Converted reports whether 村改居 has reached the village.
func (v *Village) Converted() bool { return v.ConvertedAt >= 0 }

// Separated reports whether 政社分离 has reached the village.
func (v *Village) Separated() bool { return v.ZhengsheAt >= 0 }

// removeAgent removes agent i and keeps dispute party references right.
func (v *Village) removeAgent(i int) {
	last := int32(v.R.Len() - 1)
	for k := range v.Disputes {
		switch v.Disputes[k].Party {
		case int32(i):
			v.Disputes[k].Party = -1
		case last:
			v.Disputes[k].Party = int32(i)
		}
	}
	v.R.swapRemove(i)
}

// coops calls f for the union and every group cooperative.
func (v *Village) coops(f func(c *Coop)) {
	f(&v.Union)
	for g := range v.Groups {
		f(&v.Groups[g])
	}
}
