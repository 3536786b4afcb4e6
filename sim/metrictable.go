package sim

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
)

// MetricID names one metric. District values are indexed by MetricID: every
// district metric's ID is below NumDistrictMetrics, in the order the tables
// write them. Village values are indexed by VillageMetricID.
type MetricID int

// The metrics, in the order of the district tables; the village-only ones
// follow. Names, units and labels are in metricTable: each metric is
// declared once there, and everything that shows a metric (tables, report,
// charts, docs/ODD.md §8, govsim help metrics) reads it from there.
const (
	DisputesOpened MetricID = iota
	DisputesOpen
	DisputesMembership
	DisputesDividend
	DisputesCompensation
	DisputesLocalMigrant
	DisputesService
	Petitions
	DisputesBlamed
	VoteBuying
	BoardVoteBuying
	CandidatesPerSeat
	WinningMargin
	CommitteeCompetence
	CommitteeIntegrity
	MigrantVoterShare
	MigrantSeatShare
	ServiceQuality
	ServiceGap
	SatisfactionLocal
	SatisfactionMigrant
	SatisfactionGap
	Trust
	Grievance
	Integration
	CollectiveIncome
	LeakageShare
	DividendPerShare
	GiniIncome
	FiscalSpending
	// KindCoverage is the first of NumKinds metrics, one a reform kind in
	// the order of the kinds' table, each the share of units the kind is in
	// force in (CoverageOf; names and labels from the kinds' table).
	KindCoverage
	CompositeIndex MetricID = iota + MetricID(NumKinds) - 1
	ResidentPeople
	MigrantShare
	Claims
	CompensationPaid
	LocalMigrantThreat
	UrbanFront
	BoughtSeatShare
	VoteBuyingTotal
	StakeLandShare
	CommitteeStake
	PublicCandidateShare
	TradingCentreShare
	MigrantAccess
	AuditRemovals
	DividendsPaid
	GenuineContestShare
	PublicStoodPerSeat
	NumDistrictMetrics // district metrics end here; village-only metrics follow

	Community MetricID = iota + MetricID(NumKinds) - 2
	// KindFlag is the first of NumKinds village metrics, one a reform kind,
	// each 1 where the kind is in force (FlagOf).
	KindFlag
	Distance MetricID = iota + 2*MetricID(NumKinds) - 3
	PositionX
	PositionY
	VoteBuyingDetected
	numMetrics
)

// VillageMetricID indexes the values of a village row, in the order the
// village tables write them.
type VillageMetricID int

// Village metrics, in the order of villages.csv.
const (
	VResidents VillageMetricID = iota
	VMigrantShare
	VDisputesOpened
	VDisputesLocalMigrant
	VDisputesBlamed
	VPetitions
	VServiceQuality
	VSatisfactionLocal
	VSatisfactionMigrant
	VTrust
	VGrievance
	VIntegration
	VCollectiveIncome
	VLeakageShare
	VDividendPerShare
	VVoteBuying
	VMigrantVoterShare
	VCommunity
	VKindFlag                 // the first of NumKinds flags, one a reform kind (VillageFlagOf)
	VDistance VillageMetricID = iota + VillageMetricID(NumKinds) - 1
	VX
	VY
	VVoteBuyingDetected
	VVoteBuyingTotal
	VStakeLandShare
	VCommitteeStake
	NumVillageMetrics
)

// villageTable says which metric each village value is (the kinds' flags
// are filled in by villageMetricTable).
var villageTable = villageMetricTable([NumVillageMetrics]MetricID{
	VResidents: ResidentPeople, VMigrantShare: MigrantShare, VDisputesOpened: DisputesOpened,
	VDisputesLocalMigrant: DisputesLocalMigrant, VDisputesBlamed: DisputesBlamed, VPetitions: Petitions,
	VServiceQuality: ServiceQuality, VSatisfactionLocal: SatisfactionLocal, VSatisfactionMigrant: SatisfactionMigrant,
	VTrust: Trust, VGrievance: Grievance, VIntegration: Integration, VCollectiveIncome: CollectiveIncome,
	VLeakageShare: LeakageShare, VDividendPerShare: DividendPerShare, VVoteBuying: VoteBuying,
	VMigrantVoterShare: MigrantVoterShare, VCommunity: Community, VDistance: Distance, VX: PositionX, VY: PositionY,
	VVoteBuyingDetected: VoteBuyingDetected,
	VVoteBuyingTotal:    VoteBuyingTotal, VStakeLandShare: StakeLandShare, VCommitteeStake: CommitteeStake,
})

func villageMetricTable(t [NumVillageMetrics]MetricID) [NumVillageMetrics]MetricID {
	for k := range NumKinds {
		t[VillageFlagOf(k)] = FlagOf(k)
	}
	return t
}

// CoverageOf is the district metric of the share of units a kind of
// reform is in force in.
func CoverageOf(k KindID) MetricID { return KindCoverage + MetricID(k) }

// FlagOf is the village metric that is 1 where a kind of reform is in
// force.
func FlagOf(k KindID) MetricID { return KindFlag + MetricID(k) }

// VillageFlagOf is FlagOf's index in a village's values.
func VillageFlagOf(k KindID) VillageMetricID { return VKindFlag + VillageMetricID(k) }

// When says in which months a metric has a value.
type When uint8

const (
	Monthly        When = iota // every month
	ElectionMonths             // months with an election
	DividendMonths             // the dividend month of each year
	Static                     // fixed at set-up (villages' positions)
)

func (w When) String() string {
	return [...]string{"monthly", "election months", "dividend months", "fixed"}[w]
}

// Direction says which way a metric is better for the district.
type Direction int8

const (
	Neutral        Direction = 0 // a state or a count, neither good nor bad
	HigherIsBetter Direction = 1
	LowerIsBetter  Direction = -1
)

func (d Direction) String() string {
	switch d {
	case HigherIsBetter:
		return "higher is better"
	case LowerIsBetter:
		return "lower is better"
	}
	return "—"
}

// Display says how a metric is shown in every view (terminal tables, the
// report, charts, pattern evidence): its values times Scale, in Unit, with a
// fmt verb. Money is shown in million yuan per year (M yuan/year) wherever
// it is a district flow, whatever the stored unit. The stored values never
// change.
type Display struct {
	Unit   string
	Scale  float64
	Format string
}

// Text formats a stored value for display, without the unit's name: scaled,
// with Format, and never in exponent notation (a %g verb that would print
// 2.5e+06 prints 2500000 instead).
func (d Display) Text(x float64) string { return d.text(x, "") }

// Diff formats a difference like Text, with its sign.
func (d Display) Diff(x float64) string { return d.text(x, "+") }

func (d Display) text(x float64, flag string) string {
	y := x * d.Scale
	f := d.Format
	if f == "" {
		f = "%.4g"
	}
	s := fmt.Sprintf(strings.Replace(f, "%", "%"+flag, 1), y)
	if strings.ContainsAny(s, "eE") && !math.IsNaN(y) && !math.IsInf(y, 0) {
		// Four significant digits, in plain notation.
		dec := 3 - int(math.Floor(math.Log10(math.Abs(y))))
		s = strconv.FormatFloat(y, 'f', max(dec, 0), 64)
		if flag == "+" && y >= 0 {
			s = "+" + s
		}
	}
	return s
}

// Metric declares one metric: the name files and users' scripts rely on
// (a contract: add metrics freely, rename none), its unit and labels, when
// it is defined, which way is better, how it enters composite_index, and
// where it is shown.
type Metric struct {
	ID       MetricID
	Name     string
	Unit     string // of the stored value
	Label    string // short English label, for table columns
	Title    string // English title, for charts and the docs
	LabelZH  string // Chinese label
	Doc      string // what it means, one line
	When     When
	Better   Direction
	Bounded  bool // always within [0, 1]
	District bool // in monthly.csv
	Village  bool // in villages.csv
	Display  Display
	// Headline is the metric's column in the report's ranked table (1 the
	// first; 0 not a headline); adaptive replication makes the headline
	// intervals precise. Terminal ones are also in the tables printed on the
	// terminal and the default metrics of a sensitivity analysis.
	Headline int
	Terminal bool
	// Floor is the smallest size a mean is judged against when adaptive
	// replication asks for a relative precision: a vote buying rate of
	// 0.001 ± 0.001 is precise enough for any policy question, though its
	// relative half-width is 100%. Metrics bounded in [0, 1] get 0.05.
	Floor float64
	// Composite says how the metric enters composite_index ("" if not).
	Composite string
}

// metricTable holds every metric, by ID.
var metricTable = [numMetrics]Metric{
	DisputesOpened: {Name: "disputes_opened_per_1000", Unit: "per 1,000 residents per month", Label: "disputes", Title: "New disputes", LabelZH: "新增纠纷",
		Doc: "new disputes of all types this month", Better: LowerIsBetter, Headline: 2, Terminal: true, Display: Display{"per 1,000/month", 1, "%.3f"}},
	DisputesOpen: {Name: "disputes_open_per_1000", Unit: "per 1,000 residents", Label: "open disputes", Title: "Open disputes", LabelZH: "未结纠纷",
		Doc: "disputes open at month end", Better: LowerIsBetter},
	DisputesMembership: {Name: "disputes_membership_per_1000", Unit: "per 1,000 residents per month", Label: "membership", Title: "New membership disputes", LabelZH: "成员资格纠纷",
		Doc: "new disputes over membership of the cooperative", Better: LowerIsBetter},
	DisputesDividend: {Name: "disputes_dividend_per_1000", Unit: "per 1,000 residents per month", Label: "dividend", Title: "New dividend disputes", LabelZH: "分红纠纷",
		Doc: "new disputes over dividend allocation", Better: LowerIsBetter},
	DisputesCompensation: {Name: "disputes_compensation_per_1000", Unit: "per 1,000 residents per month", Label: "compensation", Title: "New compensation disputes", LabelZH: "征地补偿纠纷",
		Doc: "new disputes over land compensation", Better: LowerIsBetter},
	DisputesLocalMigrant: {Name: "disputes_local_migrant_per_1000", Unit: "per 1,000 residents per month", Label: "local–migrant", Title: "New local–migrant disputes", LabelZH: "本地与外来人口纠纷",
		Doc: "new disputes between locals and migrants", Better: LowerIsBetter},
	DisputesService: {Name: "disputes_service_per_1000", Unit: "per 1,000 residents per month", Label: "service", Title: "New service disputes", LabelZH: "服务纠纷",
		Doc: "new disputes over service failures", Better: LowerIsBetter},
	Petitions: {Name: "petitions_per_1000", Unit: "per 1,000 residents per month", Label: "petitions", Title: "Petitions", LabelZH: "上访",
		Doc: "disputes escalated to petitions (上访) this month", Better: LowerIsBetter, Headline: 3, Floor: 0.05, Display: Display{"per 1,000/month", 1, "%.3f"}},
	DisputesBlamed: {Name: "disputes_blamed_committee_per_1000", Unit: "per 1,000 residents per month", Label: "blamed", Title: "Disputes blamed on the committee", LabelZH: "归责于两委的纠纷",
		Doc: "new disputes whose blame falls on the committee and party branch", Better: LowerIsBetter},
	VoteBuying: {Name: "vote_buying_rate", Unit: "share of voters", Label: "committee vote buying", Title: "Vote buying in committee elections", LabelZH: "两委选举贿选率",
		Doc: "share of voters who sold a vote in committee elections", When: ElectionMonths, Better: LowerIsBetter, Bounded: true, Display: Display{"share of voters", 1, "%.3f"}},
	BoardVoteBuying: {Name: "board_vote_buying_rate", Unit: "share of voters", Label: "board vote buying", Title: "Vote buying in board elections", LabelZH: "理事会选举贿选率",
		Doc: "share of voters who sold a vote in cooperative board elections (units whose board is elected apart)", When: ElectionMonths, Better: LowerIsBetter, Bounded: true},
	CandidatesPerSeat: {Name: "candidates_per_seat", Unit: "candidates per seat", Label: "candidates/seat", Title: "Candidates per seat", LabelZH: "每席候选人数",
		Doc: "candidates per committee seat: the intensity of the contest", When: ElectionMonths},
	WinningMargin: {Name: "winning_margin", Unit: "share of voters", Label: "margin", Title: "Winning margin", LabelZH: "胜选差距",
		Doc: "votes of the last elected over the first not elected, as a share of voters", When: ElectionMonths, Bounded: true},
	CommitteeCompetence: {Name: "committee_competence", Unit: "0–1", Label: "competence", Title: "Competence of the elected committee", LabelZH: "两委能力",
		Doc: "mean competence of the elected committee", When: ElectionMonths, Better: HigherIsBetter, Bounded: true},
	CommitteeIntegrity: {Name: "committee_integrity", Unit: "0–1", Label: "integrity", Title: "Integrity of the elected committee", LabelZH: "两委廉洁",
		Doc: "mean integrity of the elected committee", When: ElectionMonths, Better: HigherIsBetter, Bounded: true},
	MigrantVoterShare: {Name: "migrant_voter_share", Unit: "share of voters", Label: "migrant voters", Title: "Migrants among registered voters", LabelZH: "外来人口选民比例",
		Doc: "migrants among registered voters", When: ElectionMonths, Bounded: true},
	MigrantSeatShare: {Name: "migrant_seat_share", Unit: "share of seats", Label: "migrant seats", Title: "Migrants among committee members", LabelZH: "外来人口席位比例",
		Doc: "migrants among elected committee members", When: ElectionMonths, Bounded: true},
	ServiceQuality: {Name: "service_quality", Unit: "0–1", Label: "service quality", Title: "Service quality", LabelZH: "服务质量",
		Doc: "service supply over demand, capped at 1", Better: HigherIsBetter, Bounded: true},
	ServiceGap: {Name: "urban_rural_service_gap", Unit: "quality", Label: "service gap", Title: "Urban–rural service gap", LabelZH: "城乡服务差距",
		Doc: "mean service quality of the units urban at the start minus that of the units that started as villages", Better: LowerIsBetter, Headline: 9, Floor: 0.05, Display: Display{"quality", 1, "%.3f"}},
	SatisfactionLocal: {Name: "satisfaction_local", Unit: "0–1", Label: "sat. locals", Title: "Locals' satisfaction with services", LabelZH: "本地居民满意度",
		Doc: "mean satisfaction of locals (户籍村民)", Better: HigherIsBetter, Bounded: true, Headline: 5, Terminal: true, Display: Display{"0–1", 1, "%.3f"}},
	SatisfactionMigrant: {Name: "satisfaction_migrant", Unit: "0–1", Label: "sat. migrants", Title: "Migrants' satisfaction with services", LabelZH: "外来人口满意度",
		Doc: "mean satisfaction of migrants (外来人口)", Better: HigherIsBetter, Bounded: true, Headline: 6, Display: Display{"0–1", 1, "%.3f"}},
	SatisfactionGap: {Name: "satisfaction_gap", Unit: "0–1", Label: "satisfaction gap", Title: "Satisfaction gap (locals − migrants)", LabelZH: "满意度差距",
		Doc: "satisfaction of locals minus that of migrants", Better: LowerIsBetter},
	Trust: {Name: "trust_committee", Unit: "0–1", Label: "trust", Title: "Trust in the committee", LabelZH: "对两委的信任",
		Doc: "mean trust in the committee over residents", Better: HigherIsBetter, Bounded: true, Headline: 7, Display: Display{"0–1", 1, "%.3f"}},
	Grievance: {Name: "grievance", Unit: "0–1", Label: "grievance", Title: "Grievance", LabelZH: "不满",
		Doc: "mean grievance over residents", Better: LowerIsBetter, Bounded: true},
	Integration: {Name: "integration", Unit: "0–1", Label: "integration", Title: "Migrants' integration", LabelZH: "外来人口融入",
		Doc: "mean integration of migrants", Better: HigherIsBetter, Bounded: true, Headline: 8, Terminal: true, Display: Display{"0–1", 1, "%.3f"}},
	CollectiveIncome: {Name: "collective_income", Unit: "yuan per month", Label: "collective income", Title: "Collective income", LabelZH: "集体收入",
		Doc: "gross income of all cooperatives this month", Better: HigherIsBetter, Display: Display{"M yuan/year", 12e-6, "%.1f"}},
	LeakageShare: {Name: "leakage_share", Unit: "share of income", Label: "leakage", Title: "Leakage of collective income", LabelZH: "集体收入流失",
		Doc: "leaked share of collective income", Better: LowerIsBetter, Bounded: true},
	DividendPerShare: {Name: "dividend_per_share", Unit: "yuan per share", Label: "div./share", Title: "Dividend per share", LabelZH: "每股分红",
		Doc: "yuan per member share paid this year", When: DividendMonths, Better: HigherIsBetter, Headline: 10, Terminal: true, Display: Display{"yuan/year", 1, "%.0f"}},
	GiniIncome: {Name: "gini_income", Unit: "0–1", Label: "Gini", Title: "Gini coefficient of income", LabelZH: "收入基尼系数",
		Doc: "Gini coefficient of resident income", Better: LowerIsBetter, Bounded: true},
	FiscalSpending: {Name: "fiscal_spending", Unit: "yuan per month", Label: "fiscal", Title: "District fiscal spending", LabelZH: "区财政支出",
		Doc: "district spending this month, all items", Better: LowerIsBetter, Headline: 11, Terminal: true, Display: Display{"M yuan/year", 12e-6, "%.1f"}},
	CompositeIndex: {Name: "composite_index", Unit: "0–1", Label: "composite", Title: "Composite index", LabelZH: "综合指数",
		Doc: "weighted mean of outcome components each mapped to [0, 1] by a fixed transform (see composite components)", Better: HigherIsBetter, Bounded: true, Headline: 1, Terminal: true, Display: Display{"0–1", 1, "%.3f"}},
	ResidentPeople: {Name: "residents", Unit: "people", Label: "residents", Title: "Residents", LabelZH: "常住人口",
		Doc: "resident people, locals and migrants", Display: Display{"people", 1, "%.0f"}},
	MigrantShare: {Name: "migrant_share", Unit: "share of residents", Label: "migrant share", Title: "Migrants among residents", LabelZH: "外来人口比例",
		Doc: "migrants among residents", Bounded: true},
	Claims: {Name: "claims_per_1000", Unit: "per 1,000 residents per month", Label: "claims", Title: "Membership claims", LabelZH: "成员资格申请",
		Doc: "membership claims made this month"},
	CompensationPaid: {Name: "compensation_paid", Unit: "yuan per month", Label: "compensation", Title: "Land compensation", LabelZH: "征地补偿",
		Doc: "land compensation pots created this month", Display: Display{"M yuan/year", 12e-6, "%.1f"}},
	LocalMigrantThreat: {Name: "local_migrant_threat", Unit: "-", Label: "threat", Title: "Redistribution threat of migrant voters", LabelZH: "外来选民再分配威胁",
		Doc: "migrant voter share × dividend stake over income, times the share of it the institutions separation leaves; resident-weighted mean"},
	UrbanFront: {Name: "urban_front", Unit: "distance", Label: "urban front", Title: "Urban front", LabelZH: "城市边界",
		Doc: "distance of the urban front from the core"},
	BoughtSeatShare: {Name: "bought_seat_share", Unit: "share of seats", Label: "bought seats", Title: "Seats won with bought votes", LabelZH: "贿选当选席位比例",
		Doc: "elected committee members who bought votes", When: ElectionMonths, Better: LowerIsBetter, Bounded: true},
	VoteBuyingTotal: {Name: "vote_buying_total_rate", Unit: "share of votes", Label: "vote buying", Title: "Vote buying, committee and board elections", LabelZH: "贿选率（两委与股份社）",
		Doc: "bought votes over votes cast in all elections of the month, committee and board together, so buying that moves to the board is counted", When: ElectionMonths,
		Better: LowerIsBetter, Bounded: true, Headline: 4, Terminal: true, Display: Display{"share of votes", 1, "%.3f"}},
	StakeLandShare: {Name: "stake_land_share", Unit: "share of stake", Label: "land stake", Title: "Land compensation in a committee seat's stake", LabelZH: "征地补偿占席位利益比重",
		Doc: "share of committee seats' stakes that is discretion over land compensation, over the units inside the urban front", When: ElectionMonths, Bounded: true},
	CommitteeStake: {Name: "committee_stake", Unit: "yuan per seat per term", Label: "seat stake", Title: "Stake of a committee seat", LabelZH: "两委席位利益",
		Doc: "discretionary resources one committee seat controls over a term, mean over units", When: ElectionMonths, Better: LowerIsBetter},
	PublicCandidateShare: {Name: "public_candidate_share", Unit: "share of candidates", Label: "public-minded", Title: "Public-minded candidates", LabelZH: "公益型候选人比例",
		Doc: "committee candidates who come from the public-minded pool", When: ElectionMonths, Bounded: true},
	TradingCentreShare: {Name: "trading_centre_share", Unit: "share of value", Label: "trading centre", Title: "Transactions through the trading centre (τ)", LabelZH: "集体资产交易平台交易比重",
		Doc: "τ: value share of collective transactions that passed the asset trading centre, mean over units", Bounded: true},
	MigrantAccess: {Name: "migrant_service_access", Unit: "share", Label: "migrant access", Title: "Migrants' access to services", LabelZH: "外来人口服务可及性",
		Doc: "service quality open to migrants: the public supply and the collective's migrant share over demand, capped at 1, times take-up at the unit's mean integration; migrant-weighted mean", Better: HigherIsBetter, Bounded: true},
	DividendsPaid: {Name: "dividends_paid", Unit: "yuan", Label: "dividends paid", Title: "Dividends paid", LabelZH: "股份分红总额",
		Doc: "dividends paid to member shareholders this year, all cooperatives", When: DividendMonths},
	GenuineContestShare: {Name: "genuine_contest_share", Unit: "share of contests", Label: "genuine contests", Title: "Committee elections contested of their own accord", LabelZH: "自发竞争的选举比例",
		Doc: "committee contests that drew more candidates than seats before the 差额 rule filled the list: contestation the rule does not guarantee", When: ElectionMonths, Better: HigherIsBetter, Bounded: true},
	PublicStoodPerSeat: {Name: "public_stood_per_seat", Unit: "candidates per seat", Label: "public-minded stood", Title: "Public-minded candidates who stood of their own accord", LabelZH: "自发参选的公益型候选人（每席）",
		Doc: "public-minded committee candidates per seat who stood of their own accord, before the 差额 rule filled the list", When: ElectionMonths, Better: HigherIsBetter},
	AuditRemovals: {Name: "audit_removals", Unit: "per 100 units per month", Label: "audit removals", Title: "Managers removed by audits", LabelZH: "审计撤换人数",
		Doc: "cooperative managers found leaking by the finance supervision centre and removed this month"},

	Community: {Name: "community", Unit: "0 or 1", Label: "community", Title: "Urban community", LabelZH: "社区（居委会）",
		Doc: "1 if the unit is an urban community (居委会), 0 if a village"},
	Distance: {Name: "distance", Unit: "distance", Label: "distance", Title: "Distance to the core", LabelZH: "距城市中心",
		Doc: "distance of the unit to the urban core, [0, 1]", When: Static},
	PositionX: {Name: "x", Unit: "distance", Label: "x", Title: "Position x", LabelZH: "位置 x",
		Doc: "position of the unit on the plane (core at 0, 0)", When: Static},
	PositionY: {Name: "y", Unit: "distance", Label: "y", Title: "Position y", LabelZH: "位置 y",
		Doc: "position of the unit on the plane (core at 0, 0)", When: Static},
	// The classroom's event ticker names the villages where vote buying
	// was found out ("3 committees detected"); no district metric says where.
	VoteBuyingDetected: {Name: "vote_buying_detected", Unit: "0 or 1", Label: "detected", Title: "Vote buying detected", LabelZH: "贿选被查处",
		Doc: "1 if vote buying was detected at the unit's elections this month (committee or board), 0 if not", When: ElectionMonths},
}

// metricsBuilt is the table with IDs, levels and composite descriptions
// filled in; built once, since it cannot change while the program runs.
var metricsBuilt = func() [numMetrics]Metric {
	t := metricTable
	for k, kind := range kindTable {
		t[CoverageOf(KindID(k))] = kindMetric(kind.Coverage)
		t[FlagOf(KindID(k))] = kindMetric(kind.Flag)
	}
	for i := range t {
		t[i].ID = MetricID(i)
		t[i].District = MetricID(i) < NumDistrictMetrics
		if t[i].Bounded && t[i].Floor == 0 {
			t[i].Floor = 0.05
		}
		if t[i].Display.Scale == 0 {
			t[i].Display = Display{Unit: t[i].Unit, Scale: 1, Format: "%.4g"}
		}
	}
	for _, v := range villageTable {
		t[v].Village = true
	}
	for _, c := range compositeParts {
		if c.metric >= 0 {
			t[c.metric].Composite = c.transform
		}
	}
	return t
}()

// kindMetric is a reform kind's coverage metric or flag: a share, bounded,
// neither better nor worse.
func kindMetric(d KindMetric) Metric {
	return Metric{Name: d.Name, Unit: d.Unit, Label: d.Label, Title: d.Title, LabelZH: d.LabelZH, Doc: d.Doc, Bounded: d.Unit != "0 or 1"}
}

// Metrics lists every metric, by ID.
func Metrics() []Metric { return append([]Metric(nil), metricsBuilt[:]...) }

// MetricOf returns the metric with an ID.
func MetricOf(id MetricID) Metric { return metricsBuilt[id] }

// Name is the metric's name as the tables write it.
func (id MetricID) Name() string { return metricsBuilt[id].Name }

func (id MetricID) String() string { return id.Name() }

// MetricByName finds a metric by its name.
func MetricByName(name string) (Metric, bool) {
	for _, m := range metricsBuilt {
		if m.Name == name {
			return m, true
		}
	}
	return Metric{}, false
}

// DistrictMetrics returns the names of the district-level metrics, in the
// order of the values a run reports each month (by MetricID). They are the
// contract of docs/ODD.md §8: add freely, rename none. A value is NaN in
// months where the metric is not defined (elections, dividends), and such
// rows are not written.
func DistrictMetrics() []string {
	out := make([]string, NumDistrictMetrics)
	for i := range out {
		out[i] = metricsBuilt[i].Name
	}
	return out
}

// VillageMetrics returns the per-village metrics, in the order of a
// village's values (by VillageMetricID), written monthly with
// -village-detail, otherwise as yearly means of the monthly values.
func VillageMetrics() []string {
	out := make([]string, NumVillageMetrics)
	for i, id := range villageTable {
		out[i] = metricsBuilt[id].Name
	}
	return out
}

// Headline returns the headline metrics, in the order of the ranked table.
func Headline() []Metric { return HeadlineOf(metricsBuilt[:]) }

// HeadlineOf returns the headline metrics of a metric table, in the order
// of the ranked table.
func HeadlineOf(table []Metric) []Metric {
	var out []Metric
	for _, m := range table {
		if m.Headline > 0 {
			out = append(out, m)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Headline < out[j].Headline })
	return out
}

// Terminal returns the metrics of the terminal tables, in the order of the
// ranked table.
func Terminal() []Metric { return TerminalOf(metricsBuilt[:]) }

// TerminalOf returns the terminal metrics of a metric table, in the order
// of the ranked table.
func TerminalOf(table []Metric) []Metric {
	var out []Metric
	for _, m := range HeadlineOf(table) {
		if m.Terminal {
			out = append(out, m)
		}
	}
	return out
}

// MetricTable renders the metrics as Markdown tables, as docs/ODD.md §8
// carries them (written by `make docs`).
func MetricTable() string {
	var b strings.Builder
	b.WriteString("| metric | meaning | unit | when | better | 中文 |\n| --- | --- | --- | --- | --- | --- |\n")
	for _, m := range metricsBuilt {
		if !m.District {
			continue
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s |\n", m.Name, cell(m.Doc), cell(m.Unit), m.When, m.Better, m.LabelZH)
	}
	b.WriteString("\nPer-village rows (`villages.csv`) carry these metrics, yearly means of the monthly values by default:\n\n")
	var names []string
	for _, id := range villageTable {
		names = append(names, "`"+id.Name()+"`")
	}
	b.WriteString(strings.Join(names, ", ") + ".\n\nThe village-only ones:\n\n| metric | meaning | unit |\n| --- | --- | --- |\n")
	for _, m := range metricsBuilt {
		if !m.District {
			fmt.Fprintf(&b, "| `%s` | %s | %s |\n", m.Name, cell(m.Doc), cell(m.Unit))
		}
	}
	b.WriteString("\n**composite_index** is the weighted mean of these components, each mapped to [0, 1] by a fixed transform that never depends on which scenarios are compared:\n\n| component | transform | weight |\n| --- | --- | --- |\n")
	for _, c := range compositeParts {
		fmt.Fprintf(&b, "| %s | %s | `composite.%s` |\n", c.what, cell(c.transform), c.weight)
	}
	b.WriteString("\nHeadline metrics (the report's ranked table; adaptive replication watches their intervals): ")
	var hs []string
	for _, m := range Headline() {
		hs = append(hs, "`"+m.Name+"`")
	}
	b.WriteString(strings.Join(hs, ", ") + ".\n")
	return b.String()
}

// Composite components, in the order they are summed.
const (
	compSatisfaction = iota
	compTrust
	compDisputes
	compPetitions
	compVoteBuying
	compLeakage
	compIntegration
	numComposite
)

// compositePart is one component of composite_index: what it is, the metric
// it summarises (−1: none of its own), its transform to [0, 1] and the
// weight's key in [composite]. The same list computes the index and
// documents it.
type compositePart struct {
	metric    MetricID
	what      string
	transform string
	weight    string
	score     func(x float64, c *Composite) float64
	w         func(c *Composite) float64
}

var compositeParts = [numComposite]compositePart{
	compSatisfaction: {-1, "satisfaction of all residents (locals and migrants)", "as is", "w_satisfaction",
		func(x float64, _ *Composite) float64 { return x }, func(c *Composite) float64 { return c.WSatisfaction }},
	compTrust: {Trust, "`trust_committee`", "as is", "w_trust",
		func(x float64, _ *Composite) float64 { return x }, func(c *Composite) float64 { return c.WTrust }},
	compDisputes: {DisputesOpened, "`disputes_opened_per_1000`", "1 − min(1, x / composite.disputes_ref)", "w_disputes",
		func(x float64, c *Composite) float64 { return 1 - math.Min(1, x/c.DisputesRef) }, func(c *Composite) float64 { return c.WDisputes }},
	compPetitions: {Petitions, "`petitions_per_1000`", "1 − min(1, x / composite.petitions_ref)", "w_petitions",
		func(x float64, c *Composite) float64 { return 1 - math.Min(1, x/c.PetitionsRef) }, func(c *Composite) float64 { return c.WPetitions }},
	compVoteBuying: {VoteBuyingTotal, "`vote_buying_total_rate` of the last elections, committee and board (0 before the first)", "1 − x", "w_vote_buying",
		func(x float64, _ *Composite) float64 { return 1 - x }, func(c *Composite) float64 { return c.WVoteBuying }},
	compLeakage: {LeakageShare, "`leakage_share`", "1 − x", "w_leakage",
		func(x float64, _ *Composite) float64 { return 1 - x }, func(c *Composite) float64 { return c.WLeakage }},
	compIntegration: {Integration, "`integration` (1 where there are no migrants)", "as is", "w_integration",
		func(x float64, _ *Composite) float64 { return x }, func(c *Composite) float64 { return c.WIntegration }},
}

// CompositePart describes one component of composite_index for a reader:
// what it is, the metric it summarises ("" if none of its own), its
// transform to [0, 1] (naming the [composite] parameters it uses, such as
// composite.disputes_ref) and the key of its weight.
type CompositePart struct {
	Metric    string
	What      string // may hold `metric` names in backquotes
	Transform string
	Weight    string // e.g. "composite.w_trust"
}

// CompositeParts lists the components of composite_index in the order they
// are summed: the same list that computes the index.
func CompositeParts() []CompositePart {
	out := make([]CompositePart, len(compositeParts))
	for i, c := range compositeParts {
		out[i] = CompositePart{What: c.what, Transform: c.transform, Weight: "composite." + c.weight}
		if c.metric >= 0 {
			out[i].Metric = c.metric.Name()
		}
	}
	return out
}

// composite is the weighted mean of the components' scores, each clamped to
// [0, 1]; components without a value (NaN) are left out of the mean.
func composite(in *[numComposite]float64, c *Composite) float64 {
	var ws, xs float64
	for i, p := range compositeParts {
		x := p.score(in[i], c)
		if math.IsNaN(x) {
			continue
		}
		w := p.w(c)
		ws += w
		xs += w * clamp(x, 0, 1)
	}
	return nanDiv(xs, ws)
}

// MetricText renders the district and village metrics as plain text (govsim
// help metrics): name, unit, when defined, which way is better, meaning.
func MetricText() string {
	var b strings.Builder
	b.WriteString("Metrics every run writes (monthly.csv: district level; villages.csv: per village).\nNames are a contract: they never change.\n\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "metric\tunit\twhen\tbetter\tlevel\tmeaning")
	for _, m := range metricsBuilt {
		level := "district"
		switch {
		case m.District && m.Village:
			level = "both"
		case m.Village:
			level = "village"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s (%s)\n", m.Name, m.Unit, m.When, m.Better, level, m.Doc, m.LabelZH)
	}
	tw.Flush()
	b.WriteString("\ncomposite_index is the weighted mean of these components, each mapped to [0, 1]:\n")
	for _, c := range compositeParts {
		fmt.Fprintf(&b, "  %s: %s, weight composite.%s\n", strings.ReplaceAll(c.what, "`", ""), c.transform, c.weight)
	}
	return b.String()
}
