package sim

import "math"

// The five separations of 政经分离 [二(三)2]: 职能、资产、财务、机构、人员分开.
const (
	SepPersonnel    = iota // 人员分开: no cross-holding; the board has its own election
	SepInstitutions        // 机构分开: separate organisations and electorates
	SepAssets              // 资产分开: the board manages assets and compensation
	SepFinance             // 财务分开: separate accounts, district funding, audits
	SepFunctions           // 职能分开: the committee's job becomes services
	numSeparations
)

// separationNames are the separations as written in scenario files, by
// their constants (an array: no allocation where phase 1 reads it).
func separationNames() [numSeparations]string {
	return [numSeparations]string{"personnel", "institutions", "assets", "finance", "functions"}
}

// SeparationNames are the separations as written in scenario files.
func SeparationNames() []string {
	names := separationNames()
	return names[:]
}

// separations returns which separations an entry brings: its list, or the
// default of its kind when the list is nil (the kinds' table: all five for
// 政经分离, the personnel separation for 村改居 [二(二)2], none for 政社分离).
func (r *ReformSpec) separations() (on [numSeparations]bool) {
	list := r.Separations
	if list == nil {
		k, _ := KindOf(r.Kind)
		list = kindTable[k].Separations
	}
	names := separationNames()
	for _, s := range list {
		for i, n := range names {
			if s == n {
				on[i] = true
			}
		}
	}
	return on
}

// DefaultSeparations is what an entry of a kind brings when its
// separations key is left out.
func DefaultSeparations(kind string) []string {
	k, _ := KindOf(kind)
	return append([]string{}, kindTable[k].Separations...)
}

// Mechanisms are the settings through which reforms act: phase 1 derives
// them from the schedule, and the other phases read only them. A reform
// changes nothing else (TestReformSwitchesExactlyItsMechanisms).
type Mechanisms struct {
	Community bool    // 居委会 status: identity-mismatch grievance ends, births are insured
	Urbanised float64 // how far former villagers are urban residents (identity), [0,1]
	Insured   float64 // share of locals in urban social insurance
	Budget    float64 // service budget per resident, yuan/year
	Public    float64 // share of the budget delivered in the unit that the district pays, by residence
	Transfer  float64 // share of the budget delivered through the service centre, paid by the district (政社分离)

	BoardApart      bool    // a cooperative board is elected apart from the committee (personnel)
	CrossHeld       float64 // share of board seats committee members still hold (1 − personnel)
	ShareholderVote bool    // the board is elected by member shareholders only (institutions)
	Threat          float64 // share of the migrant voters' redistribution threat left (1 − institutions)
	Control         float64 // share of assets and compensation the committee still decides (1 − assets)
	CentreRule      float64 // share of transactions above the threshold that must pass the trading centre (assets)
	AuditRate       float64 // audits a year of the cooperative's accounts (finance)
	Funded          float64 // how far the committee's budget comes from outside the cooperative (finance)
	CoopPays        float64 // share of the committee's budget the cooperative must pay once funded from outside (finance)
	CommitteePublic float64 // share of the committee's service work paid by public money (finance)
	Sigma           float64 // committee effort on services (functions)
	Blame           float64 // share of economic disputes blamed on the committee (1 − functions)
	Defining        float64 // shares are being defined and quantified (assets, for definition_months)
	Fixed           float64 // shares have been defined (assets, after definition_months)

	AdminLoad  float64 // committee time on pushed-down tasks (政社分离)
	Centres    float64 // service-centre capacity per community, in centres (政社分离)
	CentreDist float64 // residents' distance to a centre relative to one centre per community
	CentreCost float64 // yearly cost of the layout per community, in centres
	OrgTarget  float64 // social organisations the grant fund pays for (政社分离)
	Council    float64 // migrants' share of the two councils' seats (政社分离)
}

// Eligible applies the 村改居 rule [二(二)2]: inside the urban planning area
// (the urban front plus the planning margin), farmland per capita below the
// threshold, and enough labour out of farming.
func (m *Model) Eligible(v *Village, month int) bool {
	locals := v.localPeople(m.Cfg.District.Scale)
	pc := safeDiv(v.Farmland, locals)
	return v.Distance <= m.Front(month)+m.Cfg.Economy.PlanningMargin && pc < m.Cfg.Reform.FarmlandThreshold && v.NonFarm >= m.Cfg.Reform.NonFarmThreshold
}

// reforms is phase 1: every scheduled entry whose start month has come, and
// whose end has not, reaches the units it covers; then the unit's
// mechanisms follow from the strengths of the entries that reached it.
func (m *Model) reforms(v *Village, month int) {
	for k := range m.Cfg.Reforms {
		spec := &m.Cfg.Reforms[k]
		if month < spec.Start || (spec.End > 0 && month >= spec.End) || v.reached[k] >= 0 {
			continue
		}
		kind := m.entryKind[k]
		if kindTable[kind].RuralOnly && v.UrbanAtStart {
			continue // already a community
		}
		if !m.fired(v, k, month) {
			continue // its trigger has not fired in this unit
		}
		covered := false
		switch spec.Coverage {
		case "all":
			covered = true
		case "pilot":
			covered = m.pilot[k][v.ID]
		case "eligible":
			// For the separations, "eligible" means urban: a community, or
			// a village that meets the 村改居 rule.
			covered = m.Eligible(v, month) || (!kindTable[kind].RuralOnly && v.Mech.Community)
		}
		if covered {
			m.apply(v, k, month)
		}
	}
	m.settle(v, month)
}

// apply records that schedule entry k reached the unit this month and
// switches the unit's mechanisms accordingly; it writes no outcome.
func (m *Model) apply(v *Village, k, month int) {
	v.reached[k] = int32(month)
	if kind := m.entryKind[k]; v.Adopted[kind] < 0 {
		v.Adopted[kind] = month
	}
	m.settle(v, month)
}

// strength is how far entry k acts on a unit it reached at month at:
// intensity, reached linearly over ramp months, and 0 once it has ended.
func (m *Model) strength(k, at, month int) float64 {
	spec := &m.Cfg.Reforms[k]
	if at < 0 || month < at || (spec.End > 0 && month >= spec.End) {
		return 0
	}
	s := spec.Intensity
	if spec.Ramp > 0 {
		s *= math.Min(1, float64(month-at+1)/float64(spec.Ramp))
	}
	return s
}

// settle derives the unit's mechanisms from the strengths of the entries
// that reached it. Each setting moves from its unreformed value towards its
// reformed one in proportion to the strength of the component that owns it
// (docs/ODD.md §7.1): 村改居 the budget, its funding and insurance; each
// separation its own mechanisms; 政社分离 the centres, load, organisations
// and councils.
func (m *Model) settle(v *Village, month int) {
	c := &m.Cfg
	r := &c.Reform
	var str [NumKinds]float64
	var sep [numSeparations]float64
	for k := range c.Reforms {
		s := m.strength(k, int(v.reached[k]), month)
		if s == 0 {
			continue
		}
		kind := m.entryKind[k]
		str[kind] = math.Max(str[kind], s)
		on := m.entrySeps[k]
		for i := range sep {
			if on[i] {
				sep[i] = math.Max(sep[i], s)
			}
		}
	}
	v.strength = str
	conv, zs := str[KindCungaiju], str[KindZhengshe]
	// Conversion's costs and standard move gradually [二(二)3 逐步]: from
	// the month it reached the unit, over cost_shift_years and
	// standard_years. Units urban at the start were there before any
	// reform.
	costShift, standard := conv, conv
	if v.UrbanAtStart {
		conv, costShift, standard = 1, 1, 1 // residents' committees before any reform
	} else if conv > 0 {
		since := float64(month - v.Adopted[KindCungaiju])
		costShift *= progress(since, 12*r.CostShiftYears)
		standard *= progress(since, 12*r.StandardYears)
	}

	mech := &v.Mech
	mech.Community = conv > 0
	mech.Urbanised = conv
	mech.Insured = conv
	s := &c.Services
	mech.Budget = s.RuralBudget + standard*s.UrbanUplift
	// The district's share of the costs delivered in the unit rises from
	// the village's to all of it as conversion's cost shift proceeds; the
	// budget is spent by residence. 政社分离 moves a share of the services
	// to the centre, which the district pays [二(四)1(3)].
	mech.Public = s.RuralPublicShare + costShift*(1-s.RuralPublicShare)
	mech.Transfer = zs * r.ServiceTransfer

	wasApart, wasControl := mech.BoardApart, mech.Control
	mech.BoardApart = sep[SepPersonnel] > 0
	mech.CrossHeld = 1 - sep[SepPersonnel]
	mech.ShareholderVote = sep[SepInstitutions] > 0
	mech.Threat = 1 - sep[SepInstitutions]
	mech.Control = 1 - sep[SepAssets]
	mech.CentreRule = sep[SepAssets]
	mech.AuditRate = r.AuditRate * sep[SepFinance]
	// Separate accounts: the district and the cooperative fund the
	// committee jointly [二(三)2 共同]; the district's part of its service
	// work is public, open to every resident.
	mech.Funded = sep[SepFinance]
	mech.CoopPays = r.CoopFunding
	mech.CommitteePublic = (1 - r.CoopFunding) * sep[SepFinance]
	mech.Sigma = clamp(r.SigmaMerged+sep[SepFunctions]*r.SigmaShift, 0, 1)
	mech.Blame = 1 - sep[SepFunctions]
	// Defining and quantifying shares comes with the assets separation
	// [二(三)1(1)]: a transition of definition_months, then fixed shares.
	if sep[SepAssets] > 0 && v.definedAt < 0 {
		v.definedAt = month
	}
	mech.Defining, mech.Fixed = 0, 0
	if sep[SepAssets] > 0 {
		if float64(month-v.definedAt) < r.DefinitionMonths {
			mech.Defining = sep[SepAssets]
		} else {
			mech.Fixed = sep[SepAssets]
		}
	}

	mech.AdminLoad = s.AdminLoad * (1 - zs*r.AdminMoved)
	centres, dist, cost := centreLayout(r)
	mech.Centres = zs * centres
	mech.CentreDist = dist
	mech.CentreCost = zs * cost
	mech.OrgTarget = zs * r.OrgGrant / r.OrgCost
	mech.Council = zs * r.CouncilMigrants

	switch {
	case mech.BoardApart && (!wasApart || wasControl == 1 && mech.Control < 1):
		// The separate board is elected at once, and again once it has a
		// stake to contest (the assets reaching a unit whose board has
		// none): a board with nothing at stake holds no contest.
		m.electBoard(v, month)
	case !mech.BoardApart && wasApart:
		v.Board, v.boardReserve = v.Board[:0], v.boardReserve[:0] // reversed: committee members hold the posts again
	}
}

// progress is how far a change that takes span months has come after
// since months: linearly from 0 to 1 (at once when span is 0).
func progress(since, span float64) float64 {
	if span <= 0 {
		return 1
	}
	return math.Min(1, math.Max(0, since+1)/span)
}

// centreLayout gives the service-centre capacity per community (in
// centres), residents' distance to a centre, and the yearly cost per
// community (in centres) of the layout [二(四)1(3)]: one community one
// centre; several communities sharing a larger centre, farther away; one
// community with several small centres, nearer.
func centreLayout(r *ReformParams) (centres, dist, cost float64) {
	switch r.Layout {
	case "many-one":
		return r.SharedCapacity / r.SharedCommunities, r.SharedDistance, r.SharedCost / r.SharedCommunities
	case "one-many":
		return r.SmallCentres * r.SmallCapacity, r.SmallDistance, r.SmallCentres * r.SmallCost
	default:
		return 1, 1, 1
	}
}

// Reform is a schedule entry with the table's defaults: full intensity, no
// ramp, never reversed, and the kind's default separations. Code that
// builds schedules should start from it: a ReformSpec literal leaves
// Intensity at 0, a reform in name only.
func Reform(kind KindID, start int, coverage string) ReformSpec {
	return ReformSpec{Kind: kind.Key(), Start: start, Coverage: coverage, Intensity: 1}
}
