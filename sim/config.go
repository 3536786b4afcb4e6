package sim

// Config holds every parameter of one scenario. The struct tags are the
// single source of truth for each parameter: its TOML key, unit, default,
// allowed range, plausible range, source and one line of documentation.
// Validation (Validate), the scenario loader and the generated tables of
// docs/ODD.md all read them through Params, so the documentation cannot
// drift from the code.
//
// Tags: toml (key within its section), unit, def (default), min and max
// (inclusive bounds of what is allowed), enum (allowed strings, separated
// by |), doc; and, for the parameters that carry a modelling claim:
// class (reform: a reform acts through it; behaviour: how agents act;
// calibration: set from a figure; structure: the shape of the synthetic
// district), src (a section of the Nanhai study, a cited figure, or the
// word "assumption") and plaus ("lo,hi", the range a reviewer would still
// call plausible, which robustness analyses sample; narrower than the
// allowed range).
type Config struct {
	Name        string `toml:"name" unit:"-" def:"" own:"file" doc:"scenario name"`
	Description string `toml:"description" unit:"-" def:"" own:"file" doc:"one line shown by govsim scenarios"`
	// How the scenario is shown: charts, reports and the classroom read
	// these (through the manifest for saved results), never a list of
	// names of their own.
	Label         string `toml:"label" unit:"-" def:"" own:"file" doc:"label in charts, tables and the classroom (empty: the name)"`
	LabelZH       string `toml:"label_zh" unit:"-" def:"" own:"file" doc:"Chinese label (empty: the label)"`
	DescriptionZH string `toml:"description_zh" unit:"-" def:"" own:"file" doc:"the description in Chinese (empty: the description)"`
	Color         string `toml:"color" unit:"-" def:"" own:"file" format:"color" doc:"colour in charts and the classroom, as #rrggbb (empty: one of the palette's free colours)"`
	Months        int    `toml:"months" unit:"months" def:"240" min:"1" max:"1200" doc:"simulated horizon; one step is one month"`

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

	// Reforms is the schedule: which reform starts when and where, how fast
	// and how strongly. It is an array of tables ([[reforms]]); its fields
	// are parameters too (reforms[0].start, see Lookup).
	Reforms []ReformSpec `toml:"reforms"`
}

// District sets the size, scale and calibration of the synthetic district.
type District struct {
	Villages           int     `toml:"villages" unit:"units" def:"60" min:"2" max:"2000" doc:"villages and communities (Nanhai: 282 = 224 villages + 58 residents' committees)"`
	ReferenceUnits     int     `toml:"reference_units" unit:"units" def:"282" min:"1" max:"100000" class:"calibration" src:"Nanhai 村改居 encyclopedia page (guayunfan.com, baike 249215)" doc:"units of the district the calibration totals describe; totals are scaled by villages/reference_units"`
	UrbanAtStart       float64 `toml:"urban_at_start" unit:"share" def:"0.2057" min:"0" max:"1" class:"calibration" src:"58 of 282 units were residents' committees (baike 249215)" doc:"share of units already urban communities at month 0 (58/282)"`
	Scale              float64 `toml:"scale" unit:"people/agent" def:"20" min:"1" max:"10000" doc:"people one resident agent stands for (1 = full scale)"`
	RegisteredPerUnit  float64 `toml:"registered_per_unit" unit:"people" def:"4220" min:"10" max:"1000000" class:"calibration" src:"1.19 M registered / 282 units (baike 249215)" doc:"mean registered (hukou) residents per unit (1.19 M / 282)"`
	MigrantRatio       float64 `toml:"migrant_ratio" unit:"migrants/registered" def:"1.1" min:"0" max:"20" class:"calibration" src:"2.5 M residents, 1.19 M registered (baike 249215) [二(三)1(3)]" doc:"mean migrants per registered resident (2.5 M residents, 1.19 M registered)"`
	MigrantGradient    float64 `toml:"migrant_gradient" unit:"-" def:"1.2" min:"0" max:"5" class:"structure" src:"assumption" plaus:"0.6,2" doc:"how much more migrant-dense units near the core are (ratio multiplier exp(g(0.5-d)))"`
	AssetsTotal        float64 `toml:"assets_total" unit:"yuan" def:"25.843e9" min:"0" max:"1e13" class:"calibration" src:"[二(三)1] 2010 accounts" doc:"collective assets of the reference district, 2010"`
	AssetsUnionShare   float64 `toml:"assets_union_share" unit:"share" def:"0.4609" min:"0" max:"1" class:"calibration" src:"[二(三)1] 11.911 of 25.843 bn" doc:"share of assets held at village level by the 经联社 (11.911/25.843 bn)"`
	IncomeTotal        float64 `toml:"income_total" unit:"yuan/year" def:"6.266e9" min:"0" max:"1e13" class:"calibration" src:"[二(三)1] 2010 accounts" doc:"collective income of the reference district, 2010"`
	IncomeUnionShare   float64 `toml:"income_union_share" unit:"share" def:"0.4261" min:"0" max:"1" class:"calibration" src:"[二(三)1] 2.670 of 6.266 bn" doc:"share of collective income earned by 经联社 (2.670/6.266 bn)"`
	DisposableTotal    float64 `toml:"disposable_total" unit:"yuan/year" def:"4.644e9" min:"0" max:"1e13" class:"calibration" src:"[二(三)1] 2010 accounts" doc:"disposable collective income, 2010 (1.714 + 2.930 bn)"`
	DisposableUnion    float64 `toml:"disposable_union_share" unit:"share" def:"0.3691" min:"0" max:"1" class:"calibration" src:"[二(三)1] 1.714 of 4.644 bn" doc:"share of disposable income at 经联社 level (1.714/4.644 bn)"`
	AssetGradient      float64 `toml:"asset_gradient" unit:"-" def:"1.5" min:"0" max:"5" class:"structure" src:"assumption" plaus:"0.8,2.5" doc:"how much richer units near the core are (weight exp(g(0.5-d)))"`
	GroupsMin          int     `toml:"groups_min" unit:"groups" def:"5" min:"1" max:"30" class:"structure" src:"assumption" doc:"fewest 经济社 per village"`
	GroupsMax          int     `toml:"groups_max" unit:"groups" def:"12" min:"1" max:"30" class:"structure" src:"assumption" doc:"most 经济社 per village"`
	SeatsMin           int     `toml:"seats_min" unit:"seats" def:"5" min:"3" max:"9" class:"calibration" src:"[二(二)2] 5–7 seats" doc:"fewest committee seats"`
	SeatsMax           int     `toml:"seats_max" unit:"seats" def:"7" min:"3" max:"9" class:"calibration" src:"[二(二)2] never above 9" doc:"most committee seats (never above 9)"`
	FarmlandMean       float64 `toml:"farmland_mean" unit:"mu/person" def:"0.6" min:"0" max:"10" class:"calibration" src:"[二(二)2] 0.2 mu is a third of the district mean" doc:"district mean farmland per registered person (村改居 threshold is a third of it)"`
	FarmlandGradient   float64 `toml:"farmland_gradient" unit:"-" def:"2" min:"0" max:"20" class:"structure" src:"assumption" plaus:"1,3" doc:"how much more farmland per capita agricultural villages far from the core have (weight exp(g(d-1)))"`
	FarmlandSpread     float64 `toml:"farmland_spread" unit:"log sd" def:"0.35" min:"0" max:"5" class:"structure" src:"assumption" plaus:"0.2,0.6" doc:"log sd of farmland per capita between villages of one kind; narrow, so that no village holds more than a few per cent of the district's farmland"`
	IndustrialShare    float64 `toml:"industrial_share" unit:"share of villages" def:"0.55" min:"0" max:"1" class:"calibration" src:"first 村改居 batch, 123 of 224 villages (南方都市报 via Sina, 2011-03-10)" doc:"share of villages whose farmland had been turned into collective industrial and built land by 2010"`
	IndustrialFarmland float64 `toml:"industrial_farmland" unit:"x" def:"0.06" min:"0" max:"1" class:"structure" src:"assumption" plaus:"0.03,0.1" doc:"farmland per capita of an industrialised village relative to an agricultural one at the same distance"`
	IndustrialMixing   float64 `toml:"industrial_mixing" unit:"distance" def:"0.15" min:"0" max:"5" class:"structure" src:"assumption" plaus:"0.05,0.3" doc:"spread of the distance ranking that picks industrialised villages: 0 takes the nearest to the core, larger values mix them through the district (its towns)"`
	BuiltLand          float64 `toml:"built_land" unit:"mu/person" def:"0.35" min:"0" max:"10" class:"reform" src:"assumption" plaus:"0.2,0.5" doc:"collective construction land and homesteads per registered person (what 征地拆迁 takes inside the urban front)"`
	NonFarmMean        float64 `toml:"nonfarm_mean" unit:"share" def:"0.85" min:"0" max:"1" class:"calibration" src:"[二(三)1] 70% of labour out of farming by 1992" doc:"mean share of labour out of farming at month 0 (70% already by 1992)"`
	VillageCSV         string  `toml:"village_csv" unit:"path" def:"" doc:"optional CSV of villages (id,distance,farmland,population,migrants,assets) replacing the synthetic district"`
}

// Economy governs urbanisation, collective income, leakage, transactions
// and dividends.
type Economy struct {
	UrbanFront0       float64 `toml:"urban_front0" unit:"distance" def:"0" min:"0" max:"1" doc:"urban front u(0); 0 places it so that urban_at_start of units lie inside"`
	PlanningMargin    float64 `toml:"planning_margin" unit:"distance" def:"0.5" min:"0" max:"2" class:"reform" src:"[二(二)2] planning areas of the central city and every town" plaus:"0.3,0.7" doc:"the urban planning areas (central city and towns) reach this far beyond the urban front"`
	UrbanGrowth       float64 `toml:"urban_growth" unit:"distance/year" def:"0.02" min:"0" max:"0.5" class:"structure" src:"assumption" plaus:"0.01,0.03" doc:"yearly outward growth of the urban front"`
	FrontWidth        float64 `toml:"front_width" unit:"distance" def:"0.05" min:"0.001" max:"1" class:"structure" src:"assumption" plaus:"0.03,0.1" doc:"width w of the logistic requisition front"`
	NonFarmGrowth     float64 `toml:"nonfarm_growth" unit:"1/year" def:"0.03" min:"0" max:"1" class:"structure" src:"assumption" plaus:"0.01,0.05" doc:"yearly rate at which labour leaves farming outside the front"`
	NonFarmInside     float64 `toml:"nonfarm_inside" unit:"x" def:"4" min:"1" max:"50" class:"structure" src:"assumption" plaus:"2,6" doc:"multiplier on nonfarm_growth inside the urban front"`
	ReqHazard         float64 `toml:"req_hazard" unit:"1/month" def:"0.04" min:"0" max:"1" class:"structure" src:"assumption" plaus:"0.02,0.06" doc:"r0: peak monthly hazard of a land requisition (征地拆迁)"`
	ReqShare          float64 `toml:"req_share" unit:"share" def:"0.05" min:"0" max:"1" class:"structure" src:"assumption" plaus:"0.03,0.08" doc:"share of the remaining farmland and built land taken by one requisition"`
	LandPrice         float64 `toml:"land_price" unit:"yuan/mu" def:"600000" min:"0" max:"1e8" class:"reform" src:"assumption" plaus:"300000,900000" doc:"compensation per mu of farmland at the core"`
	DemolitionPrice   float64 `toml:"demolition_price" unit:"yuan/mu" def:"3000000" min:"0" max:"1e9" class:"reform" src:"assumption; [二(三)1(2)] 征地拆迁、住房安置、货币补偿" plaus:"2000000,4500000" doc:"compensation and resettlement (拆迁、住房安置) per mu of built land at the core"`
	PriceGradient     float64 `toml:"price_gradient" unit:"share" def:"0.5" min:"0" max:"1" class:"structure" src:"assumption" plaus:"0.3,0.7" doc:"fall of land and demolition prices from the core to d = 1, as a share of the core price"`
	Discretion        float64 `toml:"discretion" unit:"share" def:"0.3" min:"0" max:"1" class:"reform" src:"assumption; [二(三)1(2)] 裁量权 over compensation" plaus:"0.2,0.4" doc:"share of a compensation pot allocated at the discretion of whoever controls compensation"`
	PotToAssets       float64 `toml:"pot_to_assets" unit:"share" def:"0.2" min:"0" max:"1" class:"structure" src:"assumption" plaus:"0.1,0.35" doc:"share of a compensation pot kept as collective assets (the rest paid out to member households)"`
	Lambda0           float64 `toml:"lambda0" unit:"share" def:"0.45" min:"0" max:"1" class:"reform" src:"assumption" plaus:"0.3,0.6" doc:"λ0: leakage of disposable income with no transparency and no integrity"`
	Tau0              float64 `toml:"tau0" unit:"share" def:"0.15" min:"0" max:"1" class:"reform" src:"assumption" plaus:"0.05,0.25" doc:"chance that a transaction passes the asset trading centre when no rule requires it"`
	TauAdjust         float64 `toml:"tau_adjust" unit:"1/month" def:"0.08" min:"0.001" max:"1" class:"reform" src:"assumption" plaus:"0.05,0.12" doc:"weight of this month's transactions in τ, the value share through the trading centre (about a year's memory)"`
	Transactions      float64 `toml:"transactions" unit:"per unit per month" def:"4" min:"0" max:"1000" class:"reform" src:"assumption" plaus:"2,8" doc:"mean number of collective transactions (leases, transfers, contracts) a unit's cooperatives make in a month"`
	TransactionMedian float64 `toml:"transaction_median" unit:"yuan" def:"60000" min:"1" max:"1e10" class:"reform" src:"assumption" plaus:"30000,120000" doc:"median size of a collective transaction"`
	TransactionSpread float64 `toml:"transaction_spread" unit:"log sd" def:"1.6" min:"0" max:"5" class:"reform" src:"assumption" plaus:"1.1,2.1" doc:"log sd of transaction sizes: heavy-tailed, a few large leases carry most of the value"`
	Retained          float64 `toml:"retained" unit:"share" def:"0.35" min:"0" max:"1" class:"calibration" src:"assumption; calibrated to about 3 bn yuan of dividends a year around 2014 (向德平 2014)" plaus:"0.25,0.45" doc:"share of the yearly pool retained as assets instead of paid as dividends"`
	DividendMonth     int     `toml:"dividend_month" unit:"month of year" def:"12" min:"1" max:"12" doc:"month of the year in which dividends are paid"`
	AssetGrowth       float64 `toml:"asset_growth" unit:"1/year" def:"0" min:"-0.5" max:"0.5" class:"structure" src:"assumption" plaus:"0,0.03" doc:"yearly revaluation of collective assets beyond reinvested earnings"`
	WageFarm          float64 `toml:"wage_farm" unit:"yuan/year" def:"18000" min:"0" max:"1e7" class:"calibration" src:"assumption" plaus:"12000,24000" doc:"median yearly income from farming"`
	WageNonFarm       float64 `toml:"wage_nonfarm" unit:"yuan/year" def:"36000" min:"0" max:"1e7" class:"calibration" src:"assumption" plaus:"28000,45000" doc:"median yearly wage in industry and services"`
	WageMigrant       float64 `toml:"wage_migrant" unit:"yuan/year" def:"30000" min:"0" max:"1e7" class:"calibration" src:"assumption" plaus:"24000,38000" doc:"median yearly wage of migrants"`
	WageSpread        float64 `toml:"wage_spread" unit:"log sd" def:"0.5" min:"0" max:"3" class:"calibration" src:"assumption" plaus:"0.35,0.65" doc:"σ of the log-normal wage distribution"`
	WageGrowth        float64 `toml:"wage_growth" unit:"1/year" def:"0.05" min:"-0.5" max:"0.5" class:"calibration" src:"assumption" plaus:"0.03,0.08" doc:"yearly wage growth"`
}

// Membership governs demographic events and membership claims.
type Membership struct {
	EventRate      float64 `toml:"event_rate" unit:"1/year" def:"0.03" min:"0" max:"1" class:"behaviour" src:"assumption" plaus:"0.02,0.04" doc:"yearly rate per registered person of membership events (births, deaths, marriage out, divorce and return, hukou moves, separated households) [二(三)1(1)]"`
	Clarity        float64 `toml:"clarity" unit:"share" def:"0.55" min:"0" max:"1" class:"behaviour" src:"assumption" plaus:"0.4,0.7" doc:"probability a claim is settled by rule"`
	KM             float64 `toml:"k_m" unit:"-" def:"2" min:"0" max:"50" class:"behaviour" src:"assumption" plaus:"1.4,2.6" doc:"k_m: sensitivity of contesting a claim to value at stake over income"`
	Centre         float64 `toml:"centre" unit:"-" def:"1" min:"-50" max:"50" class:"behaviour" src:"assumption" plaus:"0.7,1.3" doc:"value-over-income ratio at which half of unclear claims are contested"`
	Discount       float64 `toml:"discount" unit:"1/year" def:"0.1" min:"0.001" max:"1" class:"behaviour" src:"assumption" plaus:"0.07,0.13" doc:"rate discounting the dividend stream at stake"`
	MemberShare    float64 `toml:"member_share" unit:"share" def:"0.85" min:"0" max:"1" class:"calibration" src:"assumption" plaus:"0.75,0.95" doc:"share of registered residents who are shareholding members at month 0"`
	GrantOnDispute float64 `toml:"grant_on_dispute" unit:"share" def:"0.5" min:"0" max:"1" class:"behaviour" src:"assumption" plaus:"0.35,0.65" doc:"probability a resolved membership dispute grants membership"`
	BirthRate      float64 `toml:"birth_rate" unit:"1/year" def:"0.011" min:"0" max:"0.2" class:"calibration" src:"assumption" plaus:"0.008,0.014" doc:"births per registered person per year"`
	DeathRate      float64 `toml:"death_rate" unit:"1/year" def:"0.007" min:"0" max:"0.2" class:"calibration" src:"assumption" plaus:"0.005,0.009" doc:"deaths per registered person per year"`
}

// Disputes governs the five dispute types, resolution and petitions.
type Disputes struct {
	DividendRate     float64 `toml:"dividend_rate" unit:"1/member/year" def:"0.005" min:"0" max:"1" class:"behaviour" src:"assumption; calibrated to the dispute mix (over 80% of petitions about dividends or membership, Caijing 2013)" plaus:"0.0035,0.0065" doc:"dividend allocation disputes per member per year at full opacity"`
	OpacityFloor     float64 `toml:"opacity_floor" unit:"share" def:"0.25" min:"0" max:"1" class:"reform" src:"assumption: how far transparency settles allocation disputes is not measured (1: not at all)" plaus:"0.15,1" doc:"share of the dividend and compensation dispute rates that remains when every transaction passes the trading centre"`
	CompensationRate float64 `toml:"compensation_rate" unit:"1/million yuan" def:"0.2" min:"0" max:"100" class:"behaviour" src:"assumption" plaus:"0.1,0.3" doc:"compensation disputes per million yuan of discretionary pot at full opacity"`
	LocalMigrantRate float64 `toml:"local_migrant_rate" unit:"1/1000 contacts/month" def:"0.03" min:"0" max:"100" class:"behaviour" src:"assumption" plaus:"0.02,0.04" doc:"local–migrant disputes per 1000 migrants per month at zero integration and no threat"`
	ThreatWeight     float64 `toml:"threat_weight" unit:"-" def:"12" min:"0" max:"1000" class:"reform" src:"assumption; [二(三)1(3)]" plaus:"8,16" doc:"θ: rise of local–migrant friction with the redistribution threat (migrant voter share × dividend stake / income)"`
	ServiceRate      float64 `toml:"service_rate" unit:"1/1000/month" def:"0.08" min:"0" max:"100" class:"behaviour" src:"assumption" plaus:"0.05,0.11" doc:"service disputes per 1000 residents per month when service quality is zero"`
	Capacity         float64 `toml:"capacity" unit:"disputes/month" def:"12" min:"0" max:"10000" class:"behaviour" src:"assumption" plaus:"8,16" doc:"disputes a fully competent committee with no administrative load resolves per month (per 10,000 residents)"`
	PetitionAfter    int     `toml:"petition_after" unit:"months" def:"3" min:"1" max:"120" doc:"unresolved disputes older than this become petitions (上访)"`
	LapseAfter       int     `toml:"lapse_after" unit:"months" def:"24" min:"1" max:"1200" doc:"open disputes older than this lapse unresolved (the party's grievance goes with them)"`
	PartyWeight      float64 `toml:"party_weight" unit:"-" def:"0.6" min:"0" max:"10" class:"behaviour" src:"assumption" plaus:"0.4,0.8" doc:"grievance of a person party to an open dispute"`
}

// Services governs supply, demand, funding and quality of public services.
type Services struct {
	MigrantWeight          float64 `toml:"migrant_service_weight" unit:"-" def:"0.8" min:"0" max:"5" class:"structure" src:"assumption" plaus:"0.6,1" doc:"demand of one migrant relative to a local"`
	SeatCapacity           float64 `toml:"seat_capacity" unit:"people" def:"1500" min:"0" max:"1e6" class:"reform" src:"assumption" plaus:"1000,2000" doc:"people one committee seat serves at full effort and competence"`
	RuralBudget            float64 `toml:"rural_budget" unit:"yuan/resident/year" def:"250" min:"0" max:"1e6" class:"reform" src:"assumption" plaus:"170,330" doc:"service budget per resident of a village"`
	RuralPublicShare       float64 `toml:"rural_public_share" unit:"share" def:"0.15" min:"0" max:"1" class:"reform" src:"assumption; [二(二)3] costs shared by the district and the village before conversion" plaus:"0.08,0.3" doc:"share of a village's service budget the district pays (by residence); the collective pays the rest (members first)"`
	UrbanUplift            float64 `toml:"urban_budget_uplift" unit:"yuan/resident/year" def:"350" min:"0" max:"1e6" class:"reform" src:"assumption; [二(二)3] 公共服务均等化: the urban standard, whose size the study does not give" plaus:"0,550" doc:"rise in the service budget per resident when a unit reaches the urban standard (urban standard = rural_budget + this); 0: conversion brings no more money"`
	UnitCost               float64 `toml:"unit_cost" unit:"yuan/person/year" def:"1000" min:"1" max:"1e7" class:"reform" src:"assumption" plaus:"700,1300" doc:"cost of full service for one person for a year"`
	CollectiveMigrantShare float64 `toml:"collective_migrant_share" unit:"share" def:"0.3" min:"0" max:"1" class:"reform" src:"assumption; [二(三)1(3)] migrants outside the collective's distribution" plaus:"0.2,0.45" doc:"share of collectively funded services (committee work, the collective's share of the budget) a migrant can use"`
	TakeupGap              float64 `toml:"takeup_gap" unit:"share" def:"0.5" min:"0" max:"1" class:"reform" src:"assumption" plaus:"0.35,0.65" doc:"shortfall in a migrant's take-up of the services open to him at zero integration (take-up = 1 − gap·(1 − ι))"`
	AdminLoad              float64 `toml:"admin_load" unit:"share" def:"0.5" min:"0" max:"1" class:"reform" src:"assumption; [二(四)1(3)] tasks departments push down" plaus:"0.35,0.65" doc:"share of committee time taken by tasks departments push down"`
	Noise                  float64 `toml:"noise" unit:"share" def:"0.1" min:"0" max:"1" class:"behaviour" src:"assumption" plaus:"0.05,0.15" doc:"spread of perceived quality between residents"`
}

// Opinion governs satisfaction, grievance, trust, integration and
// bounded-confidence mixing.
type Opinion struct {
	Alpha              float64 `toml:"alpha" unit:"1/month" def:"0.1" min:"0" max:"1" class:"behaviour" src:"assumption; Van Ryzin 2006" plaus:"0.07,0.13" doc:"α: speed of satisfaction towards perceived quality"`
	AlphaG             float64 `toml:"alpha_g" unit:"1/month" def:"0.1" min:"0" max:"1" class:"behaviour" src:"assumption" plaus:"0.07,0.13" doc:"speed of grievance towards its target"`
	Beta               float64 `toml:"beta" unit:"1/month" def:"0.05" min:"0" max:"1" class:"behaviour" src:"assumption" plaus:"0.035,0.065" doc:"β: speed of trust towards satisfaction"`
	Gamma              float64 `toml:"gamma" unit:"per blamed dispute per 1000" def:"0.01" min:"0" max:"10" class:"reform" src:"assumption" plaus:"0.003,0.02" doc:"γ: trust lost per blamed dispute per 1000 residents"`
	Delta              float64 `toml:"delta" unit:"-" def:"0.15" min:"0" max:"1" class:"behaviour" src:"assumption" plaus:"0.1,0.2" doc:"δ: trust lost when vote buying is detected"`
	Insecurity         float64 `toml:"insecurity" unit:"-" def:"0.25" min:"0" max:"1" class:"reform" src:"assumption; [二(二)3] social insurance after conversion" plaus:"0,0.35" doc:"grievance of non-farming villagers without urban social insurance"`
	MigrantInsecurity  float64 `toml:"migrant_insecurity" unit:"x" def:"0.5" min:"0" max:"1" class:"behaviour" src:"assumption" plaus:"0.35,0.65" doc:"insecurity grievance of a migrant at zero integration, as a share of insecurity (falls as he integrates)"`
	Identity           float64 `toml:"identity" unit:"-" def:"0.15" min:"0" max:"1" class:"reform" src:"assumption; [二(二)3] 农民身份 lagging behind their way of life" plaus:"0,0.2" doc:"identity-mismatch grievance of villagers who no longer farm"`
	GrievanceTrust     float64 `toml:"grievance_trust" unit:"-" def:"0.3" min:"0" max:"1" class:"behaviour" src:"assumption; Epstein 2002" plaus:"0.2,0.4" doc:"how much grievance pulls trust's target below satisfaction"`
	Meetings           int     `toml:"meetings" unit:"per month" def:"1" min:"0" max:"20" doc:"m: residents each resident meets per month"`
	Epsilon            float64 `toml:"epsilon" unit:"-" def:"0.2" min:"0" max:"1" class:"behaviour" src:"Deffuant et al. 2000" plaus:"0.14,0.26" doc:"ε: bounded-confidence threshold (Deffuant)"`
	Mu                 float64 `toml:"mu" unit:"-" def:"0.5" min:"0" max:"0.5" class:"behaviour" src:"Deffuant et al. 2000" plaus:"0.3,0.5" doc:"μ: convergence step of bounded-confidence mixing"`
	IntegrationRate    float64 `toml:"integration_rate" unit:"1/month" def:"0.02" min:"0" max:"1" class:"behaviour" src:"assumption" plaus:"0.014,0.026" doc:"speed of migrant integration towards its target"`
	IntegrationSettled float64 `toml:"integration_settled" unit:"-" def:"0.7" min:"0" max:"1" class:"behaviour" src:"assumption" plaus:"0.5,0.9" doc:"integration target of a migrant settled for settle_months, with no voice and no tension"`
	SettleMonths       float64 `toml:"settle_months" unit:"months" def:"60" min:"1" max:"600" class:"behaviour" src:"assumption" plaus:"42,78" doc:"months of residence over which a migrant's integration target rises to integration_settled"`
	Voice              float64 `toml:"voice" unit:"-" def:"0.25" min:"0" max:"1" class:"reform" src:"assumption; [二(四)1(2)] the two councils" plaus:"0,0.35" doc:"rise in migrants' integration target from a voice in deliberation, when their share of the councils' seats reaches their share of residents (less in proportion below it)"`
	TensionWeight      float64 `toml:"tension_weight" unit:"per dispute per 1000" def:"0.5" min:"0" max:"100" class:"reform" src:"assumption" plaus:"0.2,0.8" doc:"fall in integration target per local–migrant dispute per 1000 residents"`
}

// Election governs candidates, vote buying, vote selling and migrant voters.
type Election struct {
	Interval          int     `toml:"interval" unit:"months" def:"36" min:"1" max:"240" class:"calibration" src:"Organic Law of Villagers' Committees (3-year terms; 5 since 2018)" doc:"months between elections (36; 60 after the 2018 amendment)"`
	Kappa             float64 `toml:"kappa" unit:"-" def:"0.004" min:"0" max:"100" class:"reform" src:"assumption: how many rent-seekers a stake draws; no source measures it" plaus:"0.002,0.008" doc:"κ: rent-seeking candidates per seat per year of income a seat's stake is worth"`
	PublicBase        float64 `toml:"public_base" unit:"per seat" def:"1" min:"0" max:"20" class:"reform" src:"assumption; [二(三)1(2)] capable people stand where the office is service" plaus:"0.4,1.5" doc:"public-minded candidates per seat when the office is all service (σ = 1) and no vote was bought"`
	PublicDeterrence  float64 `toml:"public_deterrence" unit:"per unit buying rate" def:"12" min:"0" max:"1000" class:"reform" src:"assumption; [二(三)1(2)] 贿选、拉选、逼选 keep 高素质 people out" plaus:"4,20" doc:"fall in the log of public-minded candidacies per unit of the share of votes bought at the last election"`
	CompetenceMean    float64 `toml:"competence_mean" unit:"-" def:"0.5" min:"0" max:"1" class:"behaviour" src:"assumption" plaus:"0.4,0.6" doc:"mean competence of rent-seeking candidates"`
	CompetenceGap     float64 `toml:"competence_gap" unit:"-" def:"0.15" min:"0" max:"1" class:"reform" src:"assumption; [二(三)1(2)] 高素质的社区管理人员: 0, public-minded candidates no more able, is as plausible as the default" plaus:"0,0.25" doc:"how much more competent public-minded candidates are on average"`
	CompetenceSD      float64 `toml:"competence_sd" unit:"-" def:"0.15" min:"0" max:"1" class:"behaviour" src:"assumption" plaus:"0.1,0.2" doc:"spread of candidates' competence"`
	CandidateCap      float64 `toml:"candidate_cap" unit:"per seat" def:"4" min:"1" max:"20" doc:"most candidates per seat"`
	Price             float64 `toml:"price" unit:"yuan/vote" def:"2000" min:"0" max:"1e6" class:"calibration" src:"1,000 to 5,000 yuan reported (Global Times 2018; The New Yorker 2012)" plaus:"1000,5000" doc:"price of a bought vote"`
	SwingShare        float64 `toml:"swing_share" unit:"share" def:"0.03" min:"0" max:"1" class:"behaviour" src:"assumption" plaus:"0.02,0.04" doc:"share of voters a buyer must win to change the result"`
	WinGain           float64 `toml:"win_gain" unit:"probability" def:"0.3" min:"0" max:"1" class:"reform" src:"assumption" plaus:"0.1,0.5" doc:"Δp_win: gain in the chance of winning from buying"`
	KB                float64 `toml:"k_b" unit:"-" def:"2" min:"0" max:"100" class:"reform" src:"assumption" plaus:"1,3" doc:"k_b: steepness of the buying decision in the expected gain over the cost of buying"`
	HBuy              float64 `toml:"h_buy" unit:"-" def:"0.5" min:"0" max:"1" class:"reform" src:"assumption" plaus:"0.3,0.7" doc:"candidates with integrity below this consider buying votes"`
	A0                float64 `toml:"a0" unit:"-" def:"0.5" min:"-20" max:"20" class:"behaviour" src:"assumption" plaus:"0.35,0.65" doc:"a0: base log-odds of selling an approached vote"`
	A1                float64 `toml:"a1" unit:"-" def:"2" min:"-20" max:"20" class:"behaviour" src:"assumption" plaus:"1.4,2.6" doc:"a1: fall in log-odds per unit income rank"`
	A2                float64 `toml:"a2" unit:"-" def:"2" min:"-20" max:"20" class:"behaviour" src:"assumption" plaus:"1.4,2.6" doc:"a2: fall in log-odds per unit trust"`
	Noise             float64 `toml:"noise" unit:"-" def:"0.25" min:"0" max:"10" class:"behaviour" src:"assumption" plaus:"0.175,0.325" doc:"noise in a voter's perception of competence"`
	InGroup           float64 `toml:"in_group" unit:"-" def:"0.2" min:"0" max:"10" class:"behaviour" src:"assumption; [二(三)1(3)]" plaus:"0.14,0.26" doc:"in-group bonus of a local candidate among local voters"`
	MigrantCandidacy  float64 `toml:"migrant_candidacy" unit:"x" def:"0.5" min:"0" max:"1" class:"behaviour" src:"assumption" plaus:"0.35,0.65" doc:"a committee candidate is a migrant with this times the migrant share of voters as probability"`
	Detect            float64 `toml:"detect" unit:"probability" def:"0.3" min:"0" max:"1" class:"reform" src:"assumption" plaus:"0.1,0.5" doc:"probability that a buying candidate is detected"`
	ResidenceMin      int     `toml:"residence_min" unit:"months" def:"12" min:"0" max:"240" class:"calibration" src:"Guangdong village election rules: a year of residence [二(三)1(3)]" doc:"months of residence before a migrant may register"`
	ApplyBase         float64 `toml:"apply_base" unit:"probability" def:"0.6" min:"0" max:"1" class:"behaviour" src:"assumption" plaus:"0.42,0.78" doc:"probability of applying to register at full integration"`
	ApproveBase       float64 `toml:"approve_base" unit:"probability" def:"0.9" min:"0" max:"1" class:"behaviour" src:"assumption" plaus:"0.8,0.95" doc:"assembly approval when no dividend stake is at risk"`
	ApproveStake      float64 `toml:"approve_stake" unit:"-" def:"1.5" min:"0" max:"100" class:"reform" src:"assumption; [二(三)1(3)]" plaus:"0.5,2.5" doc:"fall in approval log-odds per year of income of dividend stake"`
	BoardServiceShare float64 `toml:"board_service_share" unit:"share" def:"0.4" min:"0" max:"1" class:"reform" src:"assumption" plaus:"0.25,0.55" doc:"how much a cooperative board seat is service to the shareholders (the board's σ for public-minded candidacies)"`
}

// Migration governs migrant arrivals, departures and moves.
type Migration struct {
	Departure   float64 `toml:"departure" unit:"1/year" def:"0.06" min:"0" max:"2" class:"behaviour" src:"assumption" plaus:"0.04,0.08" doc:"yearly base departure rate of migrants"`
	LeaveAt     float64 `toml:"leave_at" unit:"-" def:"1.5" min:"0.5" max:"10" class:"behaviour" src:"assumption" plaus:"1.3,1.7" doc:"departures are the base rate times (leave_at − mean migrant satisfaction)"`
	MoveRate    float64 `toml:"move_rate" unit:"1/year" def:"0.1" min:"0" max:"2" class:"behaviour" src:"assumption" plaus:"0.07,0.13" doc:"yearly rate at which fully dissatisfied migrants move to another village (scaled by 1 − mean satisfaction)"`
	Choosiness  float64 `toml:"choosiness" unit:"-" def:"4" min:"0" max:"100" class:"behaviour" src:"assumption" plaus:"2.8,5.2" doc:"weight of services and tension in the choice of destination"`
	MoverIota   float64 `toml:"mover_integration" unit:"share" def:"0.8" min:"0" max:"1" class:"behaviour" src:"assumption" plaus:"0.6,0.9" doc:"share of a mover's integration kept in the new village"`
	Growth      float64 `toml:"growth" unit:"1/year" def:"0.065" min:"-0.5" max:"0.5" class:"calibration" src:"residents 2.5 M in 2010, 3.67 M at the 2020 census" doc:"yearly growth of the district's migrant target while it grows (residents 2.5 M in 2010 to 3.67 M at the 2020 census)"`
	GrowthYears int     `toml:"growth_years" unit:"years" def:"10" min:"0" max:"100" class:"calibration" src:"2010–2020 census interval" doc:"years the migrant target grows; flat afterwards"`
}

// Finance holds district spending that does not belong to one reform.
type Finance struct {
	InsurancePerPerson float64 `toml:"insurance_per_person" unit:"yuan/person/year" def:"600" min:"0" max:"1e6" class:"reform" src:"assumption; [二(二)3] urban insurance for former villagers" plaus:"400,800" doc:"district contribution to urban social insurance per insured local"`
}

// ReformParams are the parameters of the three reforms' mechanisms.
type ReformParams struct {
	FarmlandThreshold   float64 `toml:"farmland_threshold" unit:"mu/person" def:"0.2" min:"0" max:"10" class:"reform" src:"[二(二)2]" plaus:"0.15,0.25" doc:"村改居 eligibility: farmland per capita below this"`
	NonFarmThreshold    float64 `toml:"nonfarm_threshold" unit:"share" def:"0.6667" min:"0" max:"1" class:"reform" src:"[二(二)2]" plaus:"0.6,0.75" doc:"村改居 eligibility: at least this share of labour out of farming"`
	Subsidy             float64 `toml:"subsidy" unit:"yuan/year" def:"350000" min:"0" max:"1e9" class:"calibration" src:"[二(二)2] 35万元/年" doc:"district subsidy per converted community per year (the committee spends it)"`
	SubsidyYears        int     `toml:"subsidy_years" unit:"years" def:"3" min:"0" max:"50" class:"reform" src:"[二(二)2]" doc:"years the conversion subsidy is paid"`
	CostShiftYears      float64 `toml:"cost_shift_years" unit:"years" def:"5" min:"0" max:"50" class:"reform" src:"[二(二)3] 公共服务与管理费用从由区财政和“村改居”社区共同承担，逐步向由区财政完全承担转变; [二(二)2] 投入渠道均保持不变; the pace is assumed" plaus:"0,10" doc:"years over which the district's share of a converted community's service costs rises from the village's to all of it; 0: at once"`
	StandardYears       float64 `toml:"standard_years" unit:"years" def:"3" min:"0" max:"50" class:"reform" src:"[二(二)3] 逐步 (gradually); the pace is assumed" plaus:"0,8" doc:"years over which a converted community's service budget rises to the urban standard; 0: at once"`
	TradingThreshold    float64 `toml:"trading_centre_threshold" unit:"yuan" def:"100000" min:"0" max:"1e9" class:"reform" src:"assumption" plaus:"50000,200000" doc:"once assets are separated, every transaction above this must pass the collective asset trading centre"`
	CentreResidual      float64 `toml:"centre_residual" unit:"share" def:"0.1" min:"0" max:"1" class:"reform" src:"assumption; [二(四)1] 达到规定交易数额的集体资产纳入集体资产管理交易中心: the centre is named, its effect on leakage is not measured (1: it cuts none)" plaus:"0.05,1" doc:"leakage left on a transaction that passed the trading centre, as a share of what it would have lost outside it"`
	DefinitionMonths    float64 `toml:"definition_months" unit:"months" def:"24" min:"0" max:"240" class:"reform" src:"[二(三)1(1)] 股份界定和量化比较复杂,矛盾比较突出; the length is assumed" plaus:"0,48" doc:"months during which shares are defined and quantified once the assets are separated: claims are reviewed and contested more"`
	DefinitionClaims    float64 `toml:"definition_claims" unit:"per registered person" def:"0.05" min:"0" max:"1" class:"reform" src:"[二(三)1(1)] 户籍迁移、人户分离、生老病死、新添人口、离异返迁妇女、“出嫁女” cases reviewed; the number is assumed" plaus:"0,0.15" doc:"membership claims the definition of shares raises, per registered person, spread over definition_months"`
	DefinitionClarity   float64 `toml:"definition_clarity" unit:"share" def:"0.2" min:"0" max:"1" class:"reform" src:"assumption; [二(三)1(1)] 矛盾比较突出" plaus:"0,0.35" doc:"fall in the clarity of membership rules while shares are being defined"`
	DefinitionDividend  float64 `toml:"definition_dividend" unit:"x" def:"0.5" min:"0" max:"10" class:"reform" src:"assumption; [二(三)1(1)] 如何对集体资产分配权限进行量化和核算" plaus:"0,1" doc:"rise in dividend disputes while distribution rights are being quantified (1: twice as many)"`
	FixedClarity        float64 `toml:"fixed_clarity" unit:"share" def:"0.1" min:"0" max:"1" class:"reform" src:"assumption: the study does not measure what defined shares settle" plaus:"0,0.2" doc:"rise in the clarity of membership rules once shares are defined"`
	SigmaMerged         float64 `toml:"sigma_merged" unit:"share" def:"0.2" min:"0" max:"1" class:"reform" src:"assumption; [二(三)1(2)] committees busy with the economy" plaus:"0.14,0.26" doc:"σ: committee effort on services while it runs the economy"`
	SigmaShift          float64 `toml:"sigma_shift" unit:"share" def:"0.4" min:"-1" max:"1" class:"reform" src:"assumption; [二(三)3] 工作重心由经济发展转向社区服务 gives the direction, not the size" plaus:"0,0.55" doc:"rise in σ, the committee's effort on services, once the functions are separated (σ = sigma_merged + this, within [0, 1]); 0: no change"`
	AuditRate           float64 `toml:"audit_rate" unit:"1/year" def:"1" min:"0" max:"12" class:"reform" src:"assumption; [二(四)1] 财务统一纳入集体财务监管中心进行监管 (the finance supervision centre); the rate is assumed" plaus:"0,1.5" doc:"audits a year of a separated cooperative's accounts by the finance supervision centre"`
	AuditPower          float64 `toml:"audit_power" unit:"-" def:"3" min:"0" max:"1000" class:"reform" src:"assumption" plaus:"2,4.5" doc:"how fast the chance of finding a manager out rises with the share of income he leaks: 1 − exp(−power·share)"`
	CommitteeFunding    float64 `toml:"committee_funding" unit:"yuan/year" def:"400000" min:"0" max:"1e9" class:"reform" src:"assumption; [二(三)2] 政府和经联社共同为村(居)委会提供开支" plaus:"280000,520000" doc:"yearly budget a committee spends itself: from the collective while finance is merged; once separated, jointly by the district and the cooperative (coop_funding_share)"`
	CoopFunding         float64 `toml:"coop_funding_share" unit:"share" def:"0.5" min:"0" max:"1" class:"reform" src:"[二(三)2] 政府和经联社(经济社)共同为村(居)委会提供行政运作和公共服务开支; the split is not given" plaus:"0,0.8" doc:"share of a finance-separated committee's budget the cooperative pays (the district pays the rest; that part of the committee's service work is public, open to all residents); 0: the district pays all"`
	CoopFundingCap      float64 `toml:"coop_funding_cap" unit:"share of disposable income" def:"0.05" min:"0" max:"1" class:"structure" src:"assumption" plaus:"0.02,0.15" doc:"most a cooperative pays towards its committee in a year, as a share of its disposable income: poor cooperatives fall short"`
	ShortfallEffect     float64 `toml:"shortfall_effect" unit:"-" def:"1" min:"0" max:"1" class:"reform" src:"assumption: the study does not say what an underfunded committee does" plaus:"0,1" doc:"how much a committee's service work falls per unit share of its budget left unpaid (1: in proportion; 0: it works on regardless)"`
	SupervisionCost     float64 `toml:"supervision_cost" unit:"yuan/year" def:"150000" min:"0" max:"1e9" class:"reform" src:"assumption" plaus:"100000,200000" doc:"trading and finance supervision centres' cost per separated unit per year"`
	Layout              string  `toml:"layout" unit:"-" def:"one-one" enum:"one-one|many-one|one-many" doc:"service centres [二(四)1(3)]: one community one centre, several communities one centre, one community several centres"`
	CentreCapacity      float64 `toml:"centre_capacity" unit:"people" def:"2000" min:"0" max:"1e7" class:"reform" src:"assumption" plaus:"1400,2600" doc:"people one service centre serves"`
	CentreCost          float64 `toml:"centre_cost" unit:"yuan/year" def:"600000" min:"0" max:"1e9" class:"reform" src:"assumption" plaus:"420000,780000" doc:"yearly cost of one service centre"`
	AccessCost          float64 `toml:"access_cost" unit:"share" def:"0.3" min:"0" max:"1" class:"reform" src:"assumption; [二(四)1(3)] 便于服务 (centres placed for access); how much distance costs is not measured" plaus:"0.2,0.6" doc:"fall in centre service with a resident's distance to the centre"`
	SharedCommunities   float64 `toml:"shared_communities" unit:"communities" def:"3" min:"1" max:"20" class:"reform" src:"assumption; [二(四)1(3)] 多社区一中心" plaus:"2,4" doc:"many-one layout: communities sharing one centre"`
	SharedCapacity      float64 `toml:"shared_capacity" unit:"x" def:"2" min:"0" max:"20" class:"reform" src:"assumption" plaus:"1.5,2.5" doc:"many-one layout: capacity of the shared centre in units of centre_capacity"`
	SharedDistance      float64 `toml:"shared_distance" unit:"x" def:"2" min:"0" max:"20" class:"reform" src:"assumption" plaus:"1.5,2.5" doc:"many-one layout: residents' distance to the shared centre relative to their own centre"`
	SharedCost          float64 `toml:"shared_cost" unit:"x" def:"1.5" min:"0" max:"20" class:"reform" src:"assumption" plaus:"1.1,1.9" doc:"many-one layout: yearly cost of the shared centre in units of centre_cost"`
	SmallCentres        float64 `toml:"small_centres" unit:"centres" def:"2" min:"1" max:"20" class:"reform" src:"assumption; [二(四)1(3)] 一社区多中心" plaus:"2,3" doc:"one-many layout: centres in one community"`
	SmallCapacity       float64 `toml:"small_capacity" unit:"x" def:"0.6" min:"0" max:"20" class:"reform" src:"assumption" plaus:"0.45,0.75" doc:"one-many layout: capacity of each small centre in units of centre_capacity"`
	SmallDistance       float64 `toml:"small_distance" unit:"x" def:"0.5" min:"0" max:"20" class:"reform" src:"assumption" plaus:"0.35,0.65" doc:"one-many layout: residents' distance to the nearest small centre relative to one centre"`
	SmallCost           float64 `toml:"small_cost" unit:"x" def:"0.7" min:"0" max:"20" class:"reform" src:"assumption" plaus:"0.5,0.9" doc:"one-many layout: yearly cost of each small centre in units of centre_cost"`
	StandardisationGain float64 `toml:"standardisation_gain" unit:"x" def:"1.25" min:"0.5" max:"5" class:"reform" src:"assumption; [二(四)1(3)] 五统一" plaus:"1,1.4" doc:"efficiency multiplier of the five unifications"`
	AdminMoved          float64 `toml:"admin_moved" unit:"share" def:"0.7" min:"0" max:"1" class:"reform" src:"assumption; [二(四)1(3)] the centre takes the departments' tasks (户籍、治安、流动人口和出租屋管理、计生、社保…); how much of the load is not given" plaus:"0,0.9" doc:"share of the committee's administrative load that moves to the service centre under 政社分离; 0: none"`
	ServiceTransfer     float64 `toml:"service_transfer" unit:"share" def:"0.3" min:"0" max:"1" class:"reform" src:"[二(四)1(3)] 社区服务中心...承办政府各工作部门委托的...工作, 确保城乡社区公共服务均等化; the share is assumed" plaus:"0,1" doc:"share of a unit's service budget delivered through its service centre under 政社分离, paid by the district: within the centre's capacity and reach; 0: the centre only adds"`
	CouncilMigrants     float64 `toml:"council_migrant_share" unit:"share of seats" def:"0.1" min:"0" max:"1" class:"reform" src:"assumption; [二(四)1(2)] the councils draw in 社区内知名人士、企事业单位代表; migrants are not named" plaus:"0,0.3" doc:"migrants' (or their representatives') share of the seats of the two councils under 政社分离; 0: migrants have no voice there"`
	OrgGrant            float64 `toml:"org_grant" unit:"yuan/year" def:"300000" min:"0" max:"1e9" class:"reform" src:"assumption; [二(四)1(4)] 专项资金、政府购买服务" plaus:"210000,390000" doc:"grant fund and purchased services for social organisations per unit per year"`
	OrgCost             float64 `toml:"org_cost" unit:"yuan/year" def:"150000" min:"1" max:"1e9" class:"reform" src:"assumption" plaus:"105000,195000" doc:"yearly cost of one social organisation"`
	OrgCapacity         float64 `toml:"org_capacity" unit:"people" def:"400" min:"0" max:"1e6" class:"reform" src:"assumption" plaus:"280,520" doc:"people one social organisation serves"`
	OrgGrowth           float64 `toml:"org_growth" unit:"1/month" def:"0.05" min:"0" max:"1" class:"reform" src:"assumption" plaus:"0.035,0.065" doc:"speed at which organisations grow towards what the budget funds"`
}

// Composite sets the weights and reference scales of composite_index.
type Composite struct {
	WSatisfaction float64 `toml:"w_satisfaction" unit:"-" def:"2" min:"0" max:"100" doc:"weight of mean satisfaction"`
	WTrust        float64 `toml:"w_trust" unit:"-" def:"1" min:"0" max:"100" doc:"weight of trust in the committee"`
	WDisputes     float64 `toml:"w_disputes" unit:"-" def:"1" min:"0" max:"100" doc:"weight of 1 − min(1, disputes opened / ref)"`
	WPetitions    float64 `toml:"w_petitions" unit:"-" def:"1" min:"0" max:"100" doc:"weight of 1 − min(1, petitions / ref)"`
	WVoteBuying   float64 `toml:"w_vote_buying" unit:"-" def:"1" min:"0" max:"100" doc:"weight of 1 − vote_buying_total_rate of the last elections (committee and board)"`
	WLeakage      float64 `toml:"w_leakage" unit:"-" def:"1" min:"0" max:"100" doc:"weight of 1 − leakage share"`
	WIntegration  float64 `toml:"w_integration" unit:"-" def:"1" min:"0" max:"100" doc:"weight of migrant integration"`
	DisputesRef   float64 `toml:"disputes_ref" unit:"per 1000/month" def:"2" min:"0.0001" max:"1e6" doc:"disputes opened per 1000 residents per month that score 0"`
	PetitionsRef  float64 `toml:"petitions_ref" unit:"per 1000/month" def:"0.5" min:"0.0001" max:"1e6" doc:"petitions per 1000 residents per month that score 0"`
}

// ReformSpec schedules one reform: which, from when to when, how fast, how
// strongly, and where. Build entries in code with Reform, which sets the
// table's defaults: a literal leaves Intensity at 0, a reform in name only.
type ReformSpec struct {
	Kind        string   `toml:"kind" enum:"@kinds" doc:"which reform"`
	Start       int      `toml:"start" unit:"month" min:"0" max:"1200" doc:"month from which it applies"`
	End         int      `toml:"end" unit:"month" def:"0" min:"0" max:"1200" doc:"month from which it is reversed everywhere (0: never); above start"`
	Ramp        int      `toml:"ramp" unit:"months" def:"0" min:"0" max:"1200" doc:"months from the month it reaches a unit to full effect, linearly (0: at once)"`
	Intensity   float64  `toml:"intensity" unit:"share" def:"1" min:"0" max:"1" doc:"scales every quantitative change the reform makes, its costs included (0: a reform in name only)"`
	Coverage    string   `toml:"coverage" enum:"all|eligible|pilot" doc:"all units, the eligible ones (村改居 rule), or a pilot fraction"`
	Fraction    float64  `toml:"fraction" unit:"share" def:"0" min:"0" max:"1" doc:"pilot: share of units covered (chosen by a stream of the pilot's own)"`
	Separations []string `toml:"separations" enum:"@separations" doc:"政经分离's five separations this entry brings (default: all five for zhengjing, personnel for cungaiju [二(二)2], none for zhengshe)"`
	// A trigger starts the entry in each unit when its own value of a
	// village metric crosses the threshold, instead of at start
	// (sim/trigger.go).
	Trigger       string  `toml:"trigger" def:"" doc:"start in each unit covered when its own value of a village metric crosses a threshold: \"metric > 0.08\" (> >= < <=); empty: at start"`
	Threshold     float64 `toml:"threshold" unit:"the metric's" def:"0" min:"-1e12" max:"1e12" doc:"the trigger's threshold (a number in the trigger sets it); sweepable as reforms[i].threshold"`
	TriggerWindow int     `toml:"trigger_window" unit:"months" def:"0" min:"0" max:"240" doc:"months whose values of the metric the trigger averages, the last defined value where none is defined in them (0: the last month alone, as 1)"`
	TriggerAfter  int     `toml:"trigger_after" unit:"month" def:"0" min:"0" max:"1200" doc:"first month the trigger may fire"`
}
