package sim

import (
	"math"
	"testing"
)

// Regression tests for the defects a review found in version 1 of the
// model. Each failed on version 1's code.

// TestCompensationIsIncome: compensation paid to member households is
// household income from the month it is paid, for twelve months: it enters
// the income bins (and so the Gini coefficient and the income rank that
// drives vote selling), and the yearly dividend does not wipe it out.
func TestCompensationIsIncome(t *testing.T) {
	c := small(12, 100)
	c.Economy.ReqHazard = 1     // a requisition every month where the front has passed
	c.Economy.DividendMonth = 3 // the dividend falls inside the twelve months
	c.Economy.UrbanFront0 = 1   // everywhere
	m, err := New(c, 4, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	m.Step(1) // month 0
	var v *Village
	for _, x := range m.Villages {
		if x.obs.Compensation > 0 && (v == nil || x.obs.Compensation > v.obs.Compensation) {
			v = x
		}
	}
	if v == nil {
		t.Fatal("no requisition in month 0")
	}
	member := -1
	for i, f := range v.Residents.Flags {
		if f&FlagMember != 0 && f&FlagMigrant == 0 {
			member = i
			break
		}
	}
	if member < 0 {
		t.Fatal("no member")
	}
	wage := m.wageBase(v, member, 0) * float64(v.Residents.Skill[member])
	got := m.income(v, member, 0)
	if !(got > wage+1) {
		t.Fatalf("month 0: member income %.0f, wage alone %.0f: compensation paid this month is not income", got, wage)
	}
	if want := incomeBin(got); v.Residents.Bin[member] != want {
		t.Fatalf("month 0: income bin %d, want %d for income %.0f: compensation does not reach the Gini or the income rank", v.Residents.Bin[member], want, got)
	}
	for m.Month <= 3 {
		m.Step(1) // through the dividend month
	}
	after := m.income(v, member, 3)
	div := float64(v.Residents.Div[member])
	wage = m.wageBase(v, member, 3) * float64(v.Residents.Skill[member])
	if !(after > wage+div+1) {
		t.Fatalf("month 3: income %.0f = wage %.0f + dividend %.0f: the compensation of month 0 was overwritten by the dividend", after, wage, div)
	}
}

// TestFarmlandSpread: farmland is spread over villages as in a real
// district, no unit holding more than a few per cent of it, and the
// 村改居 rule still finds about the first batch's share of villages
// eligible in 2011 (123 of 224).
func TestFarmlandSpread(t *testing.T) {
	for seed := uint64(1); seed <= 5; seed++ {
		m, err := New(small(282, 400), seed, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		var total, top float64
		for _, v := range m.Villages {
			total += v.Farmland
			top = math.Max(top, v.Farmland)
		}
		if share := top / total; share > 0.05 {
			t.Errorf("seed %d: one unit holds %.1f%% of the district's farmland", seed, 100*share)
		}
		eligible, villages := 0, 0
		for _, v := range m.Villages {
			if v.UrbanAtStart {
				continue
			}
			villages++
			if m.Eligible(v, 12) {
				eligible++
			}
		}
		if share := float64(eligible) / float64(villages); share < 0.45 || share > 0.65 {
			t.Errorf("seed %d: %d of %d villages eligible for 村改居 at month 12 (%.2f); the 2011 first batch was 123 of 224 (0.55)", seed, eligible, villages, share)
		}
	}
}

// TestVoteBuyingTotal: vote buying is counted over committee and board
// elections together, and that count is what the composite index and the
// headline tables use, so buying that moves to board elections is seen.
func TestVoteBuyingTotal(t *testing.T) {
	total, ok := MetricByName("vote_buying_total_rate")
	if !ok {
		t.Fatal("no metric vote_buying_total_rate")
	}
	if compositeParts[compVoteBuying].metric != total.ID {
		t.Errorf("composite_index scores %s, want vote_buying_total_rate", compositeParts[compVoteBuying].metric.Name())
	}
	committee, _ := MetricByName("vote_buying_rate")
	if total.Headline == 0 || !total.Terminal || committee.Headline != 0 || committee.Terminal {
		t.Errorf("headline flags: total %v/%v, committee %v/%v; want the total rate in the headline and terminal tables instead of the committee rate",
			total.Headline, total.Terminal, committee.Headline, committee.Terminal)
	}
	// In an election month with board elections, the total is bought votes
	// over votes cast in both.
	c := small(10, 100)
	c.Months = 1
	c.Reforms = []ReformSpec{{Kind: KindZhengjing.Key(), Start: 0, Coverage: "all", Intensity: 1}}
	m, err := New(c, 3, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	m.Step(1)
	var sold, voters float64
	for _, v := range m.Villages {
		e := &v.obs.Election
		sold += e.Sold + e.BoardSold
		voters += e.Voters + e.BoardVoters
	}
	vals := m.districtValues(0)
	if got, want := vals[total.ID], sold/voters; math.Abs(got-want) > 1e-12 || voters == 0 {
		t.Errorf("vote_buying_total_rate %v, want %v (sold %v of %v votes in committee and board elections)", got, want, sold, voters)
	}
}

// TestSeparatedElectionsContested: after 政经分离 elections stay contested
// (差额: at least seats + 1 candidates) and the elected committee is more
// competent than under merged governance, because capable people are no
// longer kept out (高素质的社区管理人员很难进入村两委 [二(三)1(2)]).
func TestSeparatedElectionsContested(t *testing.T) {
	run := func(reforms []ReformSpec, rep int) (perSeat, competence []float64) {
		c := small(20, 60)
		c.Months = 121
		c.Reforms = reforms
		m, err := New(c, 9, rep, nil)
		if err != nil {
			t.Fatal(err)
		}
		for m.Month < c.Months {
			month := m.Month
			m.Step(1)
			if month%c.Election.Interval != 0 || month == 0 {
				continue
			}
			vals := m.districtValues(month)
			perSeat = append(perSeat, vals[CandidatesPerSeat])
			competence = append(competence, vals[CommitteeCompetence])
			for _, v := range m.Villages {
				e := &v.obs.Election
				if e.Contests > 0 && e.Candidates < e.Seats+e.Contests {
					t.Errorf("month %d village %d: %d candidates for %d seats: an uncontested election", month, v.ID, e.Candidates, e.Seats)
					return nil, nil
				}
			}
		}
		return perSeat, competence
	}
	var better, n int
	for rep := 0; rep < 4; rep++ {
		_, base := run(nil, rep)
		perSeat, sep := run([]ReformSpec{{Kind: KindZhengjing.Key(), Start: 0, Coverage: "all", Intensity: 1}}, rep)
		for k := range sep {
			if perSeat[k] <= 1 {
				t.Errorf("replicate %d election %d: %.3f candidates per seat under 政经分离", rep, k, perSeat[k])
			}
			n++
			if sep[k] > base[k] {
				better++
			}
		}
	}
	if better*4 < n*3 {
		t.Errorf("the separated committee was more competent than the merged one in %d of %d elections; want at least three in four", better, n)
	}
}
