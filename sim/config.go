package sim

// Config holds every parameter of one scenario. The struct tags are the
// single source of truth for each parameter: its TOML key, unit, default,
// allowed range and one line of documentation. Validation (Validate), the
// scenario loader and the generated parameter table in docs/ODD.md all read
// them through Params, so the documentation cannot drift from the code.
//
// Tags: toml (key within its section), unit, def (default), min and max
// (inclusive bounds), enum (allowed strings, separated by |), doc.
type Config struct {
	Name        string `toml:"name" unit:"-" def:"" doc:"scenario name"`
	Description string `toml:"description" unit:"-" def:"" doc:"one line shown by govsim scenarios"`
	Months      int    `toml:"months" unit:"months" def:"240" min:"1" max:"1200" doc:"simulated horizon; one step is one month"`

	District   District     `toml:"district"`
	Economy    Economy      `toml:"economy"`
	Membership Membership   `toml:"membership"`
	Disputes   Disputes     `toml:"disputes"`
	Services   Services     `toml:"services"`
	Opinion    Opinion      `toml:"opinion"`
	Election   Election     `toml:"election"`
	Migration  Migration    `toml:"migration"`
	Finance    Finance      `toml:"finance"`
	Reform     ReformParams `toml:"reform"`
	Composite  Composite    `toml:"composite"`

	// Reforms is the schedule: which reform starts when and where. It is an
	// array of tables ([[reforms]]) and is validated by ValidateSchedule.
	Reforms []ReformSpec `toml:"reforms"`
}

// District sets the size, scale and calibration of the synthetic district.
type District struct {
	Villages          int     `toml:"villages" unit:"units" def:"60" min:"2" max:"2000" doc:"villages and communities (Nanhai: 282 = 224 villages + 58 residents' committees)"`
	ReferenceUnits    int     `toml:"reference_units" unit:"units" def:"282" min:"1" max:"100000" doc:"units of the district the calibration totals describe; totals are scaled by villages/reference_units"`
	UrbanAtStart      float64 `toml:"urban_at_start" unit:"share" def:"0.2057" min:"0" max:"1" doc:"share of units already urban communities at month 0 (58/282)"`
	Scale             float64 `toml:"scale" unit:"people/agent" def:"20" min:"1" max:"10000" doc:"people one resident agent stands for (1 = full scale)"`
	RegisteredPerUnit float64 `toml:"registered_per_unit" unit:"people" def:"4220" min:"10" max:"1000000" doc:"mean registered (hukou) residents per unit (1.19 M / 282)"`
	MigrantRatio      float64 `toml:"migrant_ratio" unit:"migrants/registered" def:"1.1" min:"0" max:"20" doc:"mean migrants per registered resident (2.5 M residents, 1.19 M registered)"`
	MigrantGradient   float64 `toml:"migrant_gradient" unit:"-" def:"1.2" min:"0" max:"5" doc:"how much more migrant-dense units near the core are (ratio multiplier exp(g(0.5-d)))"`
	AssetsTotal       float64 `toml:"assets_total" unit:"yuan" def:"25.843e9" min:"0" max:"1e13" doc:"collective assets of the reference district, 2010"`
	AssetsUnionShare  float64 `toml:"assets_union_share" unit:"share" def:"0.4609" min:"0" max:"1" doc:"share of assets held at village level by the 经联社 (11.911/25.843 bn)"`
	IncomeTotal       float64 `toml:"income_total" unit:"yuan/year" def:"6.266e9" min:"0" max:"1e13" doc:"collective income of the reference district, 2010"`
	IncomeUnionShare  float64 `toml:"income_union_share" unit:"share" def:"0.4261" min:"0" max:"1" doc:"share of collective income earned by 经联社 (2.670/6.266 bn)"`
	DisposableTotal   float64 `toml:"disposable_total" unit:"yuan/year" def:"4.644e9" min:"0" max:"1e13" doc:"disposable collective income, 2010 (1.714 + 2.930 bn)"`
	DisposableUnion   float64 `toml:"disposable_union_share" unit:"share" def:"0.3691" min:"0" max:"1" doc:"share of disposable income at 经联社 level (1.714/4.644 bn)"`
	AssetGradient     float64 `toml:"asset_gradient" unit:"-" def:"1.5" min:"0" max:"5" doc:"how much richer units near the core are (weight exp(g(0.5-d)))"`
	GroupsMin         int     `toml:"groups_min" unit:"groups" def:"5" min:"1" max:"30" doc:"fewest 经济社 per village"`
	GroupsMax         int     `toml:"groups_max" unit:"groups" def:"12" min:"1" max:"30" doc:"most 经济社 per village"`
	SeatsMin          int     `toml:"seats_min" unit:"seats" def:"5" min:"3" max:"9" doc:"fewest committee seats"`
	SeatsMax          int     `toml:"seats_max" unit:"seats" def:"7" min:"3" max:"9" doc:"most committee seats (never above 9)"`
	FarmlandMean      float64 `toml:"farmland_mean" unit:"mu/person" def:"0.6" min:"0" max:"10" doc:"district mean farmland per registered person (村改居 threshold is a third of it)"`
	FarmlandGradient  float64 `toml:"farmland_gradient" unit:"-" def:"2" min:"0" max:"20" doc:"how much more farmland per capita units far from the core have (weight exp(g(d-1)))"`
	FarmlandSpread    float64 `toml:"farmland_spread" unit:"log sd" def:"2.2" min:"0" max:"5" doc:"spread of farmland per capita between villages; wide, so most villages hold little and a few much"`
	NonFarmMean       float64 `toml:"nonfarm_mean" unit:"share" def:"0.85" min:"0" max:"1" doc:"mean share of labour out of farming at month 0 (70% already by 1992)"`
	VillageCSV        string  `toml:"village_csv" unit:"path" def:"" doc:"optional CSV of villages (id,distance,farmland,population,migrants,assets) replacing the synthetic district"`
}

// Economy governs urbanisation, collective income, leakage and dividends.
type Economy struct {
	UrbanFront0    float64 `toml:"urban_front0" unit:"distance" def:"0" min:"0" max:"1" doc:"urban front u(0); 0 places it so that urban_at_start of units lie inside"`
	PlanningMargin float64 `toml:"planning_margin" unit:"distance" def:"0.5" min:"0" max:"2" doc:"the urban planning areas (central city and towns) reach this far beyond the urban front"`
	UrbanGrowth    float64 `toml:"urban_growth" unit:"distance/year" def:"0.02" min:"0" max:"0.5" doc:"yearly outward growth of the urban front"`
	FrontWidth     float64 `toml:"front_width" unit:"distance" def:"0.05" min:"0.001" max:"1" doc:"width w of the logistic requisition front"`
	NonFarmGrowth  float64 `toml:"nonfarm_growth" unit:"1/year" def:"0.03" min:"0" max:"1" doc:"yearly rate at which labour leaves farming outside the front"`
	NonFarmInside  float64 `toml:"nonfarm_inside" unit:"x" def:"4" min:"1" max:"50" doc:"multiplier on nonfarm_growth inside the urban front"`
	ReqHazard      float64 `toml:"req_hazard" unit:"1/month" def:"0.04" min:"0" max:"1" doc:"r0: peak monthly hazard of a land requisition"`
	ReqShare       float64 `toml:"req_share" unit:"share" def:"0.05" min:"0" max:"1" doc:"share of remaining farmland taken by one requisition"`
	LandPrice      float64 `toml:"land_price" unit:"yuan/mu" def:"600000" min:"0" max:"1e8" doc:"compensation per mu at the core; falls linearly to half at d = 1"`
	Discretion     float64 `toml:"discretion" unit:"share" def:"0.3" min:"0" max:"1" doc:"share of a compensation pot allocated at the discretion of whoever controls compensation"`
	PotToAssets    float64 `toml:"pot_to_assets" unit:"share" def:"0.5" min:"0" max:"1" doc:"share of a compensation pot kept as collective assets (the rest paid out)"`
	Lambda0        float64 `toml:"lambda0" unit:"share" def:"0.45" min:"0" max:"1" doc:"λ0: leakage of disposable income with no transparency and no integrity"`
	Tau0           float64 `toml:"tau0" unit:"share" def:"0.15" min:"0" max:"1" doc:"τ: initial share of transactions through the asset trading centre"`
	TauAdjust      float64 `toml:"tau_adjust" unit:"1/month" def:"0.08" min:"0" max:"1" doc:"monthly adjustment of τ towards its target"`
	Retained       float64 `toml:"retained" unit:"share" def:"0.35" min:"0" max:"1" doc:"share of the yearly pool retained as assets instead of paid as dividends"`
	DividendMonth  int     `toml:"dividend_month" unit:"month of year" def:"12" min:"1" max:"12" doc:"month of the year in which dividends are paid"`
	AssetGrowth    float64 `toml:"asset_growth" unit:"1/year" def:"0" min:"-0.5" max:"0.5" doc:"yearly revaluation of collective assets beyond reinvested earnings"`
	WageFarm       float64 `toml:"wage_farm" unit:"yuan/year" def:"18000" min:"0" max:"1e7" doc:"median yearly income from farming"`
	WageNonFarm    float64 `toml:"wage_nonfarm" unit:"yuan/year" def:"36000" min:"0" max:"1e7" doc:"median yearly wage in industry and services"`
	WageMigrant    float64 `toml:"wage_migrant" unit:"yuan/year" def:"30000" min:"0" max:"1e7" doc:"median yearly wage of migrants"`
	WageSpread     float64 `toml:"wage_spread" unit:"log sd" def:"0.5" min:"0" max:"3" doc:"σ of the log-normal wage distribution"`
	WageGrowth     float64 `toml:"wage_growth" unit:"1/year" def:"0.05" min:"-0.5" max:"0.5" doc:"yearly wage growth"`
}

// Membership governs demographic events and membership claims.
type Membership struct {
	EventRate      float64 `toml:"event_rate" unit:"1/year" def:"0.03" min:"0" max:"1" doc:"yearly rate per registered person of membership events (births, deaths, marriage out, divorce and return, hukou moves, separated households)"`
	Clarity        float64 `toml:"clarity" unit:"share" def:"0.55" min:"0" max:"1" doc:"probability a claim is settled by rule"`
	KM             float64 `toml:"k_m" unit:"-" def:"2" min:"0" max:"50" doc:"k_m: sensitivity of contesting a claim to value at stake over income"`
	Centre         float64 `toml:"centre" unit:"-" def:"1" min:"-50" max:"50" doc:"value-over-income ratio at which half of unclear claims are contested"`
	Discount       float64 `toml:"discount" unit:"1/year" def:"0.1" min:"0.001" max:"1" doc:"rate discounting the dividend stream at stake"`
	MemberShare    float64 `toml:"member_share" unit:"share" def:"0.85" min:"0" max:"1" doc:"share of registered residents who are shareholding members at month 0"`
	GrantOnDispute float64 `toml:"grant_on_dispute" unit:"share" def:"0.5" min:"0" max:"1" doc:"probability a resolved membership dispute grants membership"`
	BirthRate      float64 `toml:"birth_rate" unit:"1/year" def:"0.011" min:"0" max:"0.2" doc:"births per registered person per year"`
	DeathRate      float64 `toml:"death_rate" unit:"1/year" def:"0.007" min:"0" max:"0.2" doc:"deaths per registered person per year"`
}

// Disputes governs the five dispute types, resolution and petitions.
type Disputes struct {
	DividendRate     float64 `toml:"dividend_rate" unit:"1/member/year" def:"0.005" min:"0" max:"1" doc:"dividend allocation disputes per member per year at full opacity"`
	OpacityFloor     float64 `toml:"opacity_floor" unit:"share" def:"0.25" min:"0" max:"1" doc:"share of the dividend dispute rate that remains when allocation is fully transparent"`
	CompensationRate float64 `toml:"compensation_rate" unit:"1/million yuan" def:"0.5" min:"0" max:"100" doc:"compensation disputes per million yuan of discretionary pot at full opacity"`
	LocalMigrantRate float64 `toml:"local_migrant_rate" unit:"1/1000 contacts/month" def:"0.03" min:"0" max:"100" doc:"local–migrant disputes per 1000 migrants per month at zero integration and no threat"`
	ThreatWeight     float64 `toml:"threat_weight" unit:"-" def:"12" min:"0" max:"1000" doc:"θ: rise of local–migrant friction with the redistribution threat (migrant voter share × dividend stake / income)"`
	ServiceRate      float64 `toml:"service_rate" unit:"1/1000/month" def:"0.08" min:"0" max:"100" doc:"service disputes per 1000 residents per month when service quality is zero"`
	Capacity         float64 `toml:"capacity" unit:"disputes/month" def:"12" min:"0" max:"10000" doc:"disputes a fully competent committee with no administrative load resolves per month (per 10,000 residents)"`
	PetitionAfter    int     `toml:"petition_after" unit:"months" def:"3" min:"1" max:"120" doc:"unresolved disputes older than this become petitions (上访)"`
	LapseAfter       int     `toml:"lapse_after" unit:"months" def:"24" min:"1" max:"1200" doc:"open disputes older than this lapse unresolved (the party's grievance goes with them)"`
	PartyWeight      float64 `toml:"party_weight" unit:"-" def:"0.6" min:"0" max:"10" doc:"grievance of a person party to an open dispute"`
}

// Services governs supply, demand and quality of public services.
type Services struct {
	MigrantWeight   float64 `toml:"migrant_service_weight" unit:"-" def:"0.8" min:"0" max:"5" doc:"demand of one migrant relative to a local"`
	SeatCapacity    float64 `toml:"seat_capacity" unit:"people" def:"1500" min:"0" max:"1e6" doc:"people one committee seat serves at full effort and competence"`
	RuralBudget     float64 `toml:"rural_budget" unit:"yuan/resident/year" def:"250" min:"0" max:"1e6" doc:"district service budget per resident of a village"`
	UrbanBudget     float64 `toml:"urban_service_budget" unit:"yuan/resident/year" def:"600" min:"0" max:"1e6" doc:"service budget per resident of an urban community"`
	UnitCost        float64 `toml:"unit_cost" unit:"yuan/person/year" def:"1000" min:"1" max:"1e7" doc:"cost of full service for one person for a year"`
	AccessMigrant   float64 `toml:"access_migrant" unit:"share" def:"0.6" min:"0" max:"1" doc:"share of service quality migrants see in a village (1 after equalisation)"`
	AccessCommunity float64 `toml:"access_migrant_community" unit:"share" def:"0.75" min:"0" max:"1" doc:"share migrants see in an urban community that never converted"`
	AdminLoad       float64 `toml:"admin_load" unit:"share" def:"0.5" min:"0" max:"1" doc:"share of committee time taken by tasks departments push down"`
	Noise           float64 `toml:"noise" unit:"share" def:"0.1" min:"0" max:"1" doc:"spread of perceived quality between residents"`
}

// Opinion governs satisfaction, grievance, trust and bounded-confidence mixing.
type Opinion struct {
	Alpha           float64 `toml:"alpha" unit:"1/month" def:"0.1" min:"0" max:"1" doc:"α: speed of satisfaction towards perceived quality"`
	AlphaG          float64 `toml:"alpha_g" unit:"1/month" def:"0.1" min:"0" max:"1" doc:"speed of grievance towards its target"`
	Beta            float64 `toml:"beta" unit:"1/month" def:"0.05" min:"0" max:"1" doc:"β: speed of trust towards satisfaction"`
	Gamma           float64 `toml:"gamma" unit:"per blamed dispute per 1000" def:"0.01" min:"0" max:"10" doc:"γ: trust lost per blamed dispute per 1000 residents"`
	Delta           float64 `toml:"delta" unit:"-" def:"0.15" min:"0" max:"1" doc:"δ: trust lost when vote buying is detected"`
	Insecurity      float64 `toml:"insecurity" unit:"-" def:"0.25" min:"0" max:"1" doc:"grievance of non-farming villagers without urban social insurance"`
	Identity        float64 `toml:"identity" unit:"-" def:"0.15" min:"0" max:"1" doc:"identity-mismatch grievance of villagers who no longer farm"`
	GrievanceTrust  float64 `toml:"grievance_trust" unit:"-" def:"0.3" min:"0" max:"1" doc:"how much grievance pulls trust's target below satisfaction"`
	Meetings        int     `toml:"meetings" unit:"per month" def:"1" min:"0" max:"20" doc:"m: residents each resident meets per month"`
	Epsilon         float64 `toml:"epsilon" unit:"-" def:"0.2" min:"0" max:"1" doc:"ε: bounded-confidence threshold (Deffuant)"`
	Mu              float64 `toml:"mu" unit:"-" def:"0.5" min:"0" max:"0.5" doc:"μ: convergence step of bounded-confidence mixing"`
	IntegrationRate float64 `toml:"integration_rate" unit:"1/month" def:"0.02" min:"0" max:"1" doc:"speed of migrant integration towards its target"`
	Voice           float64 `toml:"voice" unit:"-" def:"0.2" min:"0" max:"1" doc:"rise in migrants' integration target from a voice in deliberation"`
	TensionWeight   float64 `toml:"tension_weight" unit:"per dispute per 1000" def:"0.5" min:"0" max:"100" doc:"fall in integration target per local–migrant dispute per 1000 residents"`
}

// Election governs candidates, vote buying, vote selling and migrant voters.
type Election struct {
	Interval       int     `toml:"interval" unit:"months" def:"36" min:"1" max:"240" doc:"months between elections (36; 60 after the 2018 amendment)"`
	Kappa          float64 `toml:"kappa" unit:"-" def:"0.004" min:"0" max:"100" doc:"κ: candidates per seat rise by κ per year of income at stake"`
	CandidateCap   float64 `toml:"candidate_cap" unit:"per seat" def:"4" min:"1" max:"20" doc:"most candidates per seat"`
	Price          float64 `toml:"price" unit:"yuan/vote" def:"2000" min:"0" max:"1e6" doc:"price of a bought vote (1,000 to 5,000 reported)"`
	SwingShare     float64 `toml:"swing_share" unit:"share" def:"0.03" min:"0" max:"1" doc:"share of voters a buyer must win to change the result"`
	WinGain        float64 `toml:"win_gain" unit:"probability" def:"0.3" min:"0" max:"1" doc:"Δp_win: gain in the chance of winning from buying"`
	HBuy           float64 `toml:"h_buy" unit:"-" def:"0.5" min:"0" max:"1" doc:"candidates with integrity below this buy when it pays"`
	A0             float64 `toml:"a0" unit:"-" def:"0.5" min:"-20" max:"20" doc:"a0: base log-odds of selling an approached vote"`
	A1             float64 `toml:"a1" unit:"-" def:"2" min:"-20" max:"20" doc:"a1: fall in log-odds per unit income rank"`
	A2             float64 `toml:"a2" unit:"-" def:"2" min:"-20" max:"20" doc:"a2: fall in log-odds per unit trust"`
	Noise          float64 `toml:"noise" unit:"-" def:"0.25" min:"0" max:"10" doc:"noise in a voter's perception of competence"`
	InGroup        float64 `toml:"in_group" unit:"-" def:"0.2" min:"0" max:"10" doc:"in-group bonus of a local candidate among local voters"`
	Detect         float64 `toml:"detect" unit:"probability" def:"0.3" min:"0" max:"1" doc:"probability that a buying candidate is detected"`
	ResidenceMin   int     `toml:"residence_min" unit:"months" def:"12" min:"0" max:"240" doc:"months of residence before a migrant may register"`
	ApplyBase      float64 `toml:"apply_base" unit:"probability" def:"0.6" min:"0" max:"1" doc:"probability of applying to register at full integration"`
	ApproveBase    float64 `toml:"approve_base" unit:"probability" def:"0.9" min:"0" max:"1" doc:"assembly approval when no dividend stake is at risk"`
	ApproveStake   float64 `toml:"approve_stake" unit:"-" def:"1.5" min:"0" max:"100" doc:"fall in approval log-odds per year of income of dividend stake"`
	CompetenceMean float64 `toml:"competence_mean" unit:"-" def:"0.5" min:"0" max:"1" doc:"mean competence of candidates"`
}

// Migration governs migrant arrivals, departures and moves.
type Migration struct {
	Departure   float64 `toml:"departure" unit:"1/year" def:"0.06" min:"0" max:"2" doc:"yearly base departure rate of migrants"`
	MoveRate    float64 `toml:"move_rate" unit:"1/year" def:"0.05" min:"0" max:"2" doc:"yearly rate at which dissatisfied migrants move to another village"`
	Choosiness  float64 `toml:"choosiness" unit:"-" def:"4" min:"0" max:"100" doc:"weight of services and tension in the choice of destination"`
	Growth      float64 `toml:"growth" unit:"1/year" def:"0.065" min:"-0.5" max:"0.5" doc:"yearly growth of the district's migrant target while it grows (residents 2.5 M in 2010 to 3.67 M at the 2020 census)"`
	GrowthYears int     `toml:"growth_years" unit:"years" def:"10" min:"0" max:"100" doc:"years the migrant target grows; flat afterwards"`
}

// Finance holds district spending that does not belong to one reform.
type Finance struct {
	InsurancePerPerson float64 `toml:"insurance_per_person" unit:"yuan/person/year" def:"600" min:"0" max:"1e6" doc:"district contribution to urban social insurance per former villager"`
}

// ReformParams are the parameters of the three reforms' mechanisms.
type ReformParams struct {
	FarmlandThreshold   float64 `toml:"farmland_threshold" unit:"mu/person" def:"0.2" min:"0" max:"10" doc:"村改居 eligibility: farmland per capita below this"`
	NonFarmThreshold    float64 `toml:"nonfarm_threshold" unit:"share" def:"0.6667" min:"0" max:"1" doc:"村改居 eligibility: at least this share of labour out of farming"`
	Subsidy             float64 `toml:"subsidy" unit:"yuan/year" def:"350000" min:"0" max:"1e9" doc:"district subsidy per converted community per year"`
	SubsidyYears        int     `toml:"subsidy_years" unit:"years" def:"3" min:"0" max:"50" doc:"years the conversion subsidy is paid"`
	StakeAfter          float64 `toml:"committee_stake_after_separation" unit:"share" def:"0.1" min:"0" max:"1" doc:"discretionary resources of a committee seat after 政经分离, as a share of before"`
	TauSeparated        float64 `toml:"tau_separated" unit:"share" def:"0.85" min:"0" max:"1" doc:"τ target after 政经分离"`
	TradingThreshold    float64 `toml:"trading_centre_threshold" unit:"yuan" def:"100000" min:"0" max:"1e9" doc:"transactions above this go through the trading centre; target τ = tau_separated·exp(−threshold/mean_transaction)"`
	MeanTransaction     float64 `toml:"mean_transaction" unit:"yuan" def:"2000000" min:"1" max:"1e12" doc:"mean size of a collective transaction"`
	SigmaMerged         float64 `toml:"sigma_merged" unit:"share" def:"0.2" min:"0" max:"1" doc:"σ: committee effort on services when merged with the economy"`
	SigmaSeparated      float64 `toml:"sigma_separated" unit:"share" def:"0.6" min:"0" max:"1" doc:"σ after 政经分离"`
	BoardIntegrityGain  float64 `toml:"board_integrity_gain" unit:"-" def:"0" min:"0" max:"1" doc:"extra integrity of a supervised board (finance supervision centre)"`
	CommitteeFunding    float64 `toml:"committee_funding" unit:"yuan/year" def:"400000" min:"0" max:"1e9" doc:"district funding of a separated committee per year"`
	SupervisionCost     float64 `toml:"supervision_cost" unit:"yuan/year" def:"150000" min:"0" max:"1e9" doc:"trading and finance supervision centre cost per separated village per year"`
	Layout              string  `toml:"layout" unit:"-" def:"one-one" enum:"one-one|many-one|one-many" doc:"service centres: one community one centre, several communities one centre, one community several centres"`
	CentreCapacity      float64 `toml:"centre_capacity" unit:"people" def:"2000" min:"0" max:"1e7" doc:"people one service centre serves"`
	CentreCost          float64 `toml:"centre_cost" unit:"yuan/year" def:"600000" min:"0" max:"1e9" doc:"yearly cost of one service centre"`
	AccessCost          float64 `toml:"access_cost" unit:"share" def:"0.3" min:"0" max:"1" doc:"fall in centre service with a resident's distance to the centre"`
	StandardisationGain float64 `toml:"standardisation_gain" unit:"x" def:"1.25" min:"1" max:"5" doc:"efficiency multiplier of the five unifications"`
	AdminLoadAfter      float64 `toml:"admin_load_after" unit:"share" def:"0.15" min:"0" max:"1" doc:"committee administrative load after tasks move to the centre"`
	OrgGrant            float64 `toml:"org_grant" unit:"yuan/year" def:"300000" min:"0" max:"1e9" doc:"grant fund and purchased services for social organisations per village per year"`
	OrgCost             float64 `toml:"org_cost" unit:"yuan/year" def:"150000" min:"1" max:"1e9" doc:"yearly cost of one social organisation"`
	OrgCapacity         float64 `toml:"org_capacity" unit:"people" def:"400" min:"0" max:"1e6" doc:"people one social organisation serves"`
	OrgGrowth           float64 `toml:"org_growth" unit:"1/month" def:"0.05" min:"0" max:"1" doc:"speed at which organisations grow towards what the budget funds"`
	MigrantAccessGain   float64 `toml:"migrant_access_gain" unit:"share" def:"0.25" min:"0" max:"1" doc:"rise in migrants' access from better targeting by the two councils"`
}

// Composite sets the weights and reference scales of composite_index.
type Composite struct {
	WSatisfaction float64 `toml:"w_satisfaction" unit:"-" def:"2" min:"0" max:"100" doc:"weight of mean satisfaction"`
	WTrust        float64 `toml:"w_trust" unit:"-" def:"1" min:"0" max:"100" doc:"weight of trust in the committee"`
	WDisputes     float64 `toml:"w_disputes" unit:"-" def:"1" min:"0" max:"100" doc:"weight of 1 − min(1, disputes opened / ref)"`
	WPetitions    float64 `toml:"w_petitions" unit:"-" def:"1" min:"0" max:"100" doc:"weight of 1 − min(1, petitions / ref)"`
	WVoteBuying   float64 `toml:"w_vote_buying" unit:"-" def:"1" min:"0" max:"100" doc:"weight of 1 − vote buying rate of the last election"`
	WLeakage      float64 `toml:"w_leakage" unit:"-" def:"1" min:"0" max:"100" doc:"weight of 1 − leakage share"`
	WIntegration  float64 `toml:"w_integration" unit:"-" def:"1" min:"0" max:"100" doc:"weight of migrant integration"`
	DisputesRef   float64 `toml:"disputes_ref" unit:"per 1000/month" def:"2" min:"0.0001" max:"1e6" doc:"disputes opened per 1000 residents per month that score 0"`
	PetitionsRef  float64 `toml:"petitions_ref" unit:"per 1000/month" def:"0.5" min:"0.0001" max:"1e6" doc:"petitions per 1000 residents per month that score 0"`
}

// ReformSpec schedules one reform.
type ReformSpec struct {
	Kind     string  `toml:"kind" enum:"cungaiju|zhengjing|zhengshe" doc:"which reform"`
	Start    int     `toml:"start" unit:"month" min:"0" max:"1200" doc:"month from which it applies"`
	Coverage string  `toml:"coverage" enum:"all|eligible|pilot" doc:"all villages, the eligible ones (村改居 rule), or a pilot fraction"`
	Fraction float64 `toml:"fraction" unit:"share" min:"0" max:"1" doc:"pilot: share of villages covered (chosen by a stream of the pilot's own)"`
}
