package sim

import (
	"bytes"
	"context"
	"math"
	"slices"
	"testing"
)

// The limits and costs of the reforms that version 3 adds (docs/ODD.md
// §7.1, "Changes in version 3"): each is a mechanism with parameters, and
// at its "no effect" end it changes nothing. These tests hold each to
// that, and show that away from it the mechanism bites.

// TestJointFunding: after finance is separated the district and the
// cooperative fund the committee [二(三)2 共同]; a cooperative that cannot
// pay its share leaves the committee short. With coop_funding_share 0 the
// district pays all and nothing falls short; with shortfall_effect 0 a
// short committee works on regardless.
func TestJointFunding(t *testing.T) {
	spec := ReformSpec{Kind: KindZhengjing.Key(), Coverage: "all", Intensity: 1, Separations: []string{"finance"}}
	m, v := withSchedule(t, spec)
	m.apply(v, 0, 0)
	r := &m.Cfg.Reform
	poor := func() {
		v.coops(func(co *Coop) { co.Assets = 1 }) // a cooperative with next to no income
	}
	poor()
	if f := m.funding(v); !(f < 1) || math.Abs(f-(1-r.ShortfallEffect*r.CoopFunding)) > 1e-6 {
		t.Errorf("a poor cooperative's committee works at %v, want about %v", f, 1-r.CoopFunding)
	}
	fiscal := m.fiscal(v, 0)

	for _, tc := range []struct {
		name  string
		set   func(*Config)
		fully bool // the district pays the whole committee budget
	}{
		{"coop_funding_share 0", func(c *Config) { c.Reform.CoopFunding = 0 }, true},
		{"shortfall_effect 0", func(c *Config) { c.Reform.ShortfallEffect = 0 }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := small(6, 200)
			c.Reforms = []ReformSpec{spec}
			tc.set(&c)
			m, err := New(c, 3, 0, nil)
			if err != nil {
				t.Fatal(err)
			}
			v := m.Villages[slices.IndexFunc(m.Villages, func(v *Village) bool { return !v.UrbanAtStart })]
			m.apply(v, 0, 0)
			v.coops(func(co *Coop) { co.Assets = 1 })
			if f := m.funding(v); f != 1 {
				t.Errorf("the committee works at %v", f)
			}
			if got := m.fiscal(v, 0) - fiscal; tc.fully && math.Abs(got-r.CoopFunding*r.CommitteeFunding/12) > 1e-6 {
				t.Errorf("the district pays %v a month more, want the cooperative's share %v", got, r.CoopFunding*r.CommitteeFunding/12)
			}
		})
	}
}

// TestConversionGradual: 村改居's costs move to the district and its
// service standard rises over cost_shift_years and standard_years
// [二(二)3 逐步]; at 0 years both come at once.
func TestConversionGradual(t *testing.T) {
	spec := ReformSpec{Kind: KindCungaiju.Key(), Coverage: "all", Intensity: 1}
	s := Default().Services
	m, v := withSchedule(t, spec)
	m.apply(v, 0, 0)
	r := &m.Cfg.Reform
	for _, month := range []int{0, 11, 35, 59, 80} {
		m.settle(v, month)
		cost := math.Min(1, float64(month+1)/(12*r.CostShiftYears))
		std := math.Min(1, float64(month+1)/(12*r.StandardYears))
		if got, want := v.Mech.Public, s.RuralPublicShare+cost*(1-s.RuralPublicShare); math.Abs(got-want) > 1e-12 {
			t.Errorf("month %d: district share %v, want %v", month, got, want)
		}
		if got, want := v.Mech.Budget, s.RuralBudget+std*s.UrbanUplift; math.Abs(got-want) > 1e-9 {
			t.Errorf("month %d: budget %v, want %v", month, got, want)
		}
	}
	c := small(6, 200)
	c.Reforms = []ReformSpec{spec}
	c.Reform.CostShiftYears, c.Reform.StandardYears = 0, 0
	m, err := New(c, 3, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	v = m.Villages[slices.IndexFunc(m.Villages, func(v *Village) bool { return !v.UrbanAtStart })]
	m.apply(v, 0, 0)
	if v.Mech.Public != 1 || v.Mech.Budget != s.RuralBudget+s.UrbanUplift {
		t.Errorf("at 0 years: district share %v, budget %v; want 1 and the urban standard at once", v.Mech.Public, v.Mech.Budget)
	}
}

// TestShareDefinition: defining shares when the assets are separated
// [二(三)1(1)] raises membership and dividend disputes for
// definition_months and then settles more claims. With its four effects at
// 0 the transition changes nothing: the run is the same bytes whatever
// definition_months is; with the defaults, membership disputes rise during
// the transition.
func TestShareDefinition(t *testing.T) {
	base := small(12, 100)
	base.Months = 60
	base.Reforms = []ReformSpec{Reform(KindZhengjing, 12, "all")}
	none := base
	none.Reform.DefinitionClaims, none.Reform.DefinitionClarity, none.Reform.DefinitionDividend, none.Reform.FixedClarity = 0, 0, 0, 0
	long, short := none, none
	long.Reform.DefinitionMonths, short.Reform.DefinitionMonths = 48, 0
	if !bytes.Equal(runText(t, long, 11, 0, 1, true), runText(t, short, 11, 0, 1, true)) {
		t.Error("with its effects at 0, the definition of shares changed the run")
	}
	if bytes.Equal(runText(t, base, 11, 0, 1, true), runText(t, none, 11, 0, 1, true)) {
		t.Error("the definition of shares at its defaults changed nothing")
	}
	// Membership disputes during the transition against without it.
	during := func(c Config) float64 {
		m, err := New(c, 11, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		col := &seriesObs{}
		if err := m.Run(context.Background(), Options{Workers: 1}, col); err != nil {
			t.Fatal(err)
		}
		var sum float64
		for month := 12; month < 36; month++ {
			sum += col.at(month, DisputesMembership)
		}
		return sum
	}
	if d, n := during(base), during(none); !(d > n) {
		t.Errorf("membership disputes during the definition of shares %v, without it %v", d, n)
	}
}

// seriesObs keeps the district values of every month.
type seriesObs struct{ rows [][]float64 }

func (o *seriesObs) District(month int, v []float64) error {
	o.rows = append(o.rows, slices.Clone(v))
	return nil
}
func (o *seriesObs) Village(month, id int, v []float64) error { return nil }
func (o *seriesObs) at(month int, id MetricID) float64        { return o.rows[month][id] }

// TestBoardWithoutStake: a cooperative board with nothing at stake — the
// personnel separation without the assets one, as 村改居 brings it — holds
// no contested election and does not enter the vote-buying rate; once the
// assets are separated the board's seats carry a stake and are contested.
func TestBoardWithoutStake(t *testing.T) {
	for _, tc := range []struct {
		name      string
		spec      ReformSpec
		contested bool
	}{
		{"personnel alone", ReformSpec{Kind: KindCungaiju.Key(), Coverage: "all", Intensity: 1}, false},
		{"personnel and assets", ReformSpec{Kind: KindZhengjing.Key(), Coverage: "all", Intensity: 1, Separations: []string{"personnel", "assets"}}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := small(8, 100)
			c.Months = 80
			c.Reforms = []ReformSpec{tc.spec}
			m, err := New(c, 5, 0, nil)
			if err != nil {
				t.Fatal(err)
			}
			col := &seriesObs{}
			if err := m.Run(context.Background(), Options{Workers: 1}, col); err != nil {
				t.Fatal(err)
			}
			boards := 0
			for month, row := range col.rows {
				if b := row[BoardVoteBuying]; !math.IsNaN(b) {
					boards++
				}
				if month%c.Election.Interval == 0 && !tc.contested && row[VoteBuyingTotal] != row[VoteBuying] {
					t.Errorf("month %d: vote buying %v over all elections, %v in committee elections: an uncontested board was counted", month, row[VoteBuyingTotal], row[VoteBuying])
				}
			}
			if (boards > 0) != tc.contested {
				t.Errorf("board elections in %d months; contested %v", boards, tc.contested)
			}
		})
	}
}

// TestCentreTransfer: under 政社分离 a share of the budget's services is
// delivered through the centre, whose capacity does not grow with the
// community and whose reach falls with distance. With service_transfer 0
// the centre only adds; with all services moved to a centre too small for
// the population, the unit is served worse than before the reform.
func TestCentreTransfer(t *testing.T) {
	spec := ReformSpec{Kind: KindZhengshe.Key(), Coverage: "all", Intensity: 1}
	quality := func(set func(*Config), reformed bool) (float64, *Village) {
		c := small(6, 200)
		c.Reforms = []ReformSpec{spec}
		set(&c)
		m, err := New(c, 3, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		v := m.Villages[slices.IndexFunc(m.Villages, func(v *Village) bool { return !v.UrbanAtStart })]
		if reformed {
			m.apply(v, 0, 0)
		}
		var cn counts
		v.count(&cn)
		m.services(v, &cn)
		return v.quality, v
	}
	noTransfer := func(c *Config) { c.Reform.ServiceTransfer = 0 }
	q0, v0 := quality(noTransfer, false)
	q1, v1 := quality(noTransfer, true)
	budget := v0.supplyColl + v0.supplyPublic - v0.Orgs*Default().Reform.OrgCapacity
	if !(q1 >= q0) || v1.supplyCentre <= 0 || v1.supplyColl+v1.supplyPublic < budget {
		t.Errorf("with service_transfer 0 the centre must only add: quality %v before, %v after", q0, q1)
	}
	tiny := func(c *Config) {
		c.Reform.ServiceTransfer, c.Reform.CentreCapacity = 1, 50
		c.Reform.OrgGrant, c.Reform.AdminMoved = 0, 0 // the centre alone
	}
	q0, _ = quality(tiny, false)
	q1, _ = quality(tiny, true)
	if !(q1 < q0) {
		t.Errorf("every service moved to a centre too small: quality %v after, %v before", q1, q0)
	}
}

// TestCouncilVoice: migrants have a voice only through whoever sits on the
// councils [二(四)1(2)]. With council_migrant_share 0, 政社分离 moves
// migrants' integration only through services and disputes: given the same
// services and disputes, their integration is what it is without the
// reform.
func TestCouncilVoice(t *testing.T) {
	integration := func(council float64, reformed bool) []float32 {
		c := small(6, 200)
		c.Reforms = []ReformSpec{{Kind: KindZhengshe.Key(), Coverage: "all", Intensity: 1}}
		c.Reform.CouncilMigrants = council
		m, err := New(c, 3, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		v := m.Villages[slices.IndexFunc(m.Villages, func(v *Village) bool { return !v.UrbanAtStart })]
		if reformed {
			m.apply(v, 0, 0)
		}
		// The same services, as the unreformed unit has them.
		v.supplyPublic, v.supplyColl, v.supplyCentre, v.demand = 1000, 3000, 0, 6000
		var cn counts
		v.count(&cn)
		for range 24 {
			m.opinion(v, &cn)
		}
		return slices.Clone(v.Residents.Iota)
	}
	if !slices.Equal(integration(0, true), integration(0, false)) {
		t.Error("政社分离 with no migrants on the councils changed integration given the same services")
	}
	if slices.Equal(integration(0.2, true), integration(0, true)) {
		t.Error("migrants on the councils changed nothing")
	}
}
