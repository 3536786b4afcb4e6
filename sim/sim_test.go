package sim

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"strconv"
	"testing"
)

// small is a fast configuration for unit tests.
func small(villages int, scale float64) Config {
	c := Default()
	c.District.Villages = villages
	c.District.Scale = scale
	return c
}

// textObs renders everything a run reports, as the CSV writer would, so that
// determinism is checked on the bytes users get.
type textObs struct{ b bytes.Buffer }

func (o *textObs) District(month int, v []float64) error {
	for i, x := range v {
		if !math.IsNaN(x) {
			fmt.Fprintf(&o.b, "%d,%s,%s\n", month, MetricID(i).Name(), strconv.FormatFloat(x, 'g', -1, 64))
		}
	}
	return nil
}

func (o *textObs) Village(month, id int, v []float64) error {
	for i, x := range v {
		if !math.IsNaN(x) {
			fmt.Fprintf(&o.b, "%d,%d,%s,%s\n", month, id, villageTable[i].Name(), strconv.FormatFloat(x, 'g', -1, 64))
		}
	}
	return nil
}

func runText(t testing.TB, c Config, seed uint64, rep, workers int, detail bool) []byte {
	t.Helper()
	m, err := New(c, seed, rep, nil)
	if err != nil {
		t.Fatal(err)
	}
	var o textObs
	if err := m.Run(context.Background(), Options{Workers: workers, VillageDetail: detail}, &o); err != nil {
		t.Fatal(err)
	}
	return o.b.Bytes()
}

func TestDeterministicAcrossWorkers(t *testing.T) {
	c := small(14, 60)
	c.Months = 80
	c.Reforms = []ReformSpec{
		{Kind: Cungaiju, Start: 5, Coverage: "eligible"},
		{Kind: Zhengjing, Start: 10, Coverage: "pilot", Fraction: 0.5},
		{Kind: Zhengshe, Start: 20, Coverage: "all"},
	}
	want := runText(t, c, 7, 1, 1, true)
	if len(want) == 0 {
		t.Fatal("no output")
	}
	for _, w := range []int{2, 7} {
		got := runText(t, c, 7, 1, w, true)
		if !bytes.Equal(got, want) {
			t.Fatalf("workers=%d output differs from workers=1 (%d vs %d bytes)", w, len(got), len(want))
		}
	}
	// And on a second run with the same seed.
	if again := runText(t, c, 7, 1, 2, true); !bytes.Equal(again, want) {
		t.Fatal("second run with the same seed differs")
	}
	// A different seed or replicate must change the output.
	if other := runText(t, c, 8, 1, 1, true); bytes.Equal(other, want) {
		t.Fatal("different seed gave identical output")
	}
	if other := runText(t, c, 7, 2, 1, true); bytes.Equal(other, want) {
		t.Fatal("different replicate gave identical output")
	}
}

// switches are the mechanism settings a reform may change, read from a
// village after the reform is applied.
type switches struct {
	Community, Insured, Merged, Board, Voice bool
	Budget, AccessMigrant, Sigma, TauTarget  float64
	AdminLoad, Centres, CentreDist           float64
	CommitteeSame                            bool
}

func readSwitches(m *Model, v *Village, committee []Officer) switches {
	ins := false
	for i := 0; i < v.R.Len(); i++ {
		if v.R.Has(i, FlagInsured) {
			ins = true
		}
	}
	same := len(committee) == len(v.Committee)
	for i := range committee {
		if same && committee[i] != v.Committee[i] {
			same = false
		}
	}
	return switches{
		Community: v.Community, Insured: ins, Merged: v.Merged(), Board: len(v.Board) > 0, Voice: v.Voice,
		Budget: v.Budget, AccessMigrant: v.AccessMigrant, Sigma: v.Sigma, TauTarget: m.tauTarget(v),
		AdminLoad: v.AdminLoad, Centres: v.Centres, CentreDist: v.CentreDist, CommitteeSame: same,
	}
}

func changed(a, b switches) map[string]bool {
	out := map[string]bool{}
	check := func(name string, x, y any) {
		if x != y {
			out[name] = true
		}
	}
	check("Community", a.Community, b.Community)
	check("Insured", a.Insured, b.Insured)
	check("Merged", a.Merged, b.Merged)
	check("Board", a.Board, b.Board)
	check("Voice", a.Voice, b.Voice)
	check("Budget", a.Budget, b.Budget)
	check("AccessMigrant", a.AccessMigrant, b.AccessMigrant)
	check("Sigma", a.Sigma, b.Sigma)
	check("TauTarget", a.TauTarget, b.TauTarget)
	check("AdminLoad", a.AdminLoad, b.AdminLoad)
	check("Centres", a.Centres, b.Centres)
	check("CentreDist", a.CentreDist, b.CentreDist)
	check("CommitteeSame", a.CommitteeSame, true)
	return out
}

// TestReformSwitchesExactlyItsMechanisms applies each reform to a village
// and checks that exactly the mechanisms MODEL.md §7.1 names changed.
func TestReformSwitchesExactlyItsMechanisms(t *testing.T) {
	want := map[string][]string{
		Cungaiju:  {"Community", "Insured", "Budget", "AccessMigrant"},
		Zhengjing: {"Merged", "Board", "Sigma", "TauTarget"},
		Zhengshe:  {"AdminLoad", "Centres", "CentreDist", "Voice", "AccessMigrant"},
	}
	for kind, names := range want {
		t.Run(kind, func(t *testing.T) {
			m, err := New(small(6, 200), 3, 0, nil)
			if err != nil {
				t.Fatal(err)
			}
			var v *Village
			for _, x := range m.Villages {
				if !x.UrbanAtStart {
					v = x
					break
				}
			}
			committee := append([]Officer(nil), v.Committee...)
			before := readSwitches(m, v, committee)
			m.apply(v, kind, 0)
			after := readSwitches(m, v, committee)
			got := changed(before, after)
			for _, n := range names {
				if !got[n] {
					t.Errorf("%s did not change %s", kind, n)
				}
				delete(got, n)
			}
			for n := range got {
				t.Errorf("%s changed %s, which MODEL.md does not name for it", kind, n)
			}
		})
	}
}

// TestReformStakeAndBlame checks the two 政经分离 mechanisms that act through
// Merged(): a committee seat's stake falls to committee_stake_after_separation
// and economic disputes are blamed on the board.
func TestReformStakeAndBlame(t *testing.T) {
	m, err := New(small(4, 200), 5, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	v := m.Villages[0]
	for _, typ := range []int{DisputeMembership, DisputeDividend, DisputeCompensation, DisputeLocalMigrant, DisputeService} {
		m.openDispute(v, typ, -1)
	}
	if v.obs.Blamed != 5 {
		t.Fatalf("merged: %d of 5 disputes blamed on the committee, want 5", v.obs.Blamed)
	}
	m.apply(v, Zhengjing, 0)
	v.obs = VillageObs{}
	for _, typ := range []int{DisputeMembership, DisputeDividend, DisputeCompensation, DisputeLocalMigrant, DisputeService} {
		m.openDispute(v, typ, -1)
	}
	if v.obs.Blamed != 2 {
		t.Fatalf("separated: %d of 5 disputes blamed on the committee, want 2 (local–migrant and service)", v.obs.Blamed)
	}
}

// TestInvariants steps a reforming district and checks, every month: no
// committee or board above 9 seats, money conserved between each
// cooperative's pools, no negative shares or dividends, states in [0,1], and
// dispute party counts consistent with the open disputes.
func TestInvariants(t *testing.T) {
	c := small(12, 80)
	c.Months = 120
	c.Reforms = []ReformSpec{
		{Kind: Cungaiju, Start: 12, Coverage: "eligible"},
		{Kind: Zhengjing, Start: 30, Coverage: "pilot", Fraction: 0.5},
		{Kind: Zhengshe, Start: 40, Coverage: "all"},
	}
	m, err := New(c, 11, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	for m.Month < c.Months {
		m.Step(2)
		for _, v := range m.Villages {
			if len(v.Committee) > 9 || len(v.Board) > 9 || v.Seats > 9 {
				t.Fatalf("month %d village %d: %d seats, %d on the board", m.Month, v.ID, len(v.Committee), len(v.Board))
			}
			v.coops(func(co *Coop) {
				in := co.CumIncome
				out := co.CumCost + co.CumLeak + co.CumPaid + co.CumRetained + co.Pool
				if math.Abs(in-out) > 1e-6*math.Max(1, in) {
					t.Fatalf("month %d village %d: income %.2f but pools hold %.2f", m.Month, v.ID, in, out)
				}
				if co.Assets < 0 || co.Pool < 0 || co.CumPaid < 0 {
					t.Fatalf("month %d village %d: negative pool %+v", m.Month, v.ID, co)
				}
			})
			parties := make([]int, v.R.Len())
			for _, d := range v.Disputes {
				if d.Party >= 0 {
					parties[d.Party]++
				}
			}
			for i := 0; i < v.R.Len(); i++ {
				if int(v.R.Party[i]) != parties[i] {
					t.Fatalf("month %d village %d agent %d: party count %d, open disputes %d", m.Month, v.ID, i, v.R.Party[i], parties[i])
				}
				if v.R.Div[i] < 0 {
					t.Fatalf("negative dividend %v", v.R.Div[i])
				}
				for _, x := range []float32{v.R.S[i], v.R.T[i], v.R.G[i], v.R.Iota[i]} {
					if x < 0 || x > 1 || x != x {
						t.Fatalf("state out of [0,1]: %v", x)
					}
				}
			}
			if v.Tau < 0 || v.Tau > 1 || v.I < 0 || v.I > 1 || v.Farmland < 0 {
				t.Fatalf("village state out of range: τ %v I %v farmland %v", v.Tau, v.I, v.Farmland)
			}
		}
	}
}

// TestCalibrationTotals checks that the initial district totals match the
// nanhai-2010 figures scaled to the district's size, at several scales.
func TestCalibrationTotals(t *testing.T) {
	for _, tc := range []struct {
		villages int
		scale    float64
	}{{60, 20}, {30, 100}, {282, 200}} {
		c := small(tc.villages, tc.scale)
		m, err := New(c, 1, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		share := float64(tc.villages) / 282
		var ua, ga, ui, gi, ud, gd float64
		for _, v := range m.Villages {
			ua += v.Union.Assets
			ui += v.Union.Assets * v.Union.Yield
			ud += v.Union.Assets * v.Union.Yield * v.Union.Disposable
			for _, g := range v.Groups {
				ga += g.Assets
				gi += g.Assets * g.Yield
				gd += g.Assets * g.Yield * g.Disposable
			}
		}
		for _, x := range []struct {
			name      string
			got, want float64
		}{
			{"assets (经联社)", ua, 11.911e9 * share},
			{"assets (经济社)", ga, 13.932e9 * share},
			{"income (经联社)", ui, 2.670e9 * share},
			{"income (经济社)", gi, 3.596e9 * share},
			{"disposable (经联社)", ud, 1.714e9 * share},
			{"disposable (经济社)", gd, 2.930e9 * share},
		} {
			if math.Abs(x.got-x.want) > 1e-3*x.want {
				t.Errorf("%d villages, scale %v: %s = %.4g, want %.4g", tc.villages, tc.scale, x.name, x.got, x.want)
			}
		}
		urban := 0
		for _, v := range m.Villages {
			if v.UrbanAtStart {
				urban++
			}
		}
		if tc.villages == 282 && urban != 58 {
			t.Errorf("282 units: %d urban at start, want 58", urban)
		}
	}
}

// TestNanhaiScalePopulation checks population and migrant ratio at 1:1.
func TestNanhaiScalePopulation(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 2.5 million agents")
	}
	c := small(282, 1)
	m, err := New(c, 1, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	var locals, migrants int
	for _, v := range m.Villages {
		for _, f := range v.R.Flags {
			if f&FlagMigrant != 0 {
				migrants++
			} else {
				locals++
			}
		}
	}
	if math.Abs(float64(locals)-1.19e6) > 0.005*1.19e6 {
		t.Errorf("registered residents %d, want 1.19 million", locals)
	}
	if r := float64(migrants) / float64(locals); math.Abs(r-1.1) > 0.01 {
		t.Errorf("migrant ratio %.3f, want 1.1", r)
	}
	if total := locals + migrants; math.Abs(float64(total)-2.5e6) > 0.01*2.5e6 {
		t.Errorf("residents %d, want about 2.5 million", total)
	}
}

func TestParamsTable(t *testing.T) {
	seen := map[string]bool{}
	def := Default()
	if err := def.Validate(); err != nil {
		t.Fatalf("defaults do not validate: %v", err)
	}
	for _, p := range Params() {
		if seen[p.Key] {
			t.Errorf("duplicate key %s", p.Key)
		}
		seen[p.Key] = true
		if p.Doc == "" {
			t.Errorf("%s has no documentation", p.Key)
		}
		if p.Kind != "string" && (math.IsInf(p.Min, 0) || math.IsInf(p.Max, 0)) {
			t.Errorf("%s has no allowed range", p.Key)
		}
		// Out-of-range values are rejected with the key and range named.
		if p.Kind == "float" || p.Kind == "int" {
			c := Default()
			err := p.Set(&c, p.Max+1)
			if err == nil {
				t.Errorf("%s accepted %v above its maximum", p.Key, p.Max+1)
			} else if !bytes.Contains([]byte(err.Error()), []byte(p.Key)) {
				t.Errorf("error %q does not name %s", err, p.Key)
			}
		}
	}
	for _, key := range []string{"economy.lambda0", "reform.committee_stake_after_separation", "reform.tau_separated",
		"reform.sigma_merged", "reform.sigma_separated", "services.urban_service_budget", "reform.trading_centre_threshold",
		"reform.standardisation_gain", "election.interval", "membership.clarity", "district.scale"} {
		if !seen[key] {
			t.Errorf("MODEL.md names parameter %s; it is missing", key)
		}
	}
}

func TestGini(t *testing.T) {
	var h [numBins]float64
	h[100] = 10
	if g := gini(&h); math.Abs(g) > 1e-12 {
		t.Fatalf("equal incomes: Gini %v, want 0", g)
	}
	h = [numBins]float64{}
	h[0], h[255] = 1, 1 // two people, one far richer
	want := 0.5 * (binMid(255) - binMid(0)) / (binMid(255) + binMid(0))
	if g := gini(&h); math.Abs(g-want) > 1e-12 {
		t.Fatalf("two incomes: Gini %v, want %v", g, want)
	}
}

func TestStreamsIndependent(t *testing.T) {
	a := NewStream(1, 0, StreamVillage, 0)
	b := NewStream(1, 0, StreamVillage, 1)
	c := NewStream(1, 1, StreamVillage, 0)
	same := 0
	for i := 0; i < 100; i++ {
		x, y, z := a.Float64(), b.Float64(), c.Float64()
		if x == y || x == z {
			same++
		}
	}
	if same > 0 {
		t.Fatalf("%d identical draws between streams", same)
	}
	// Poisson and Binomial means.
	s := NewStream(9, 0, StreamDistrict, 0)
	for _, lam := range []float64{0.3, 4, 50} {
		var sum float64
		for i := 0; i < 20000; i++ {
			sum += float64(s.Poisson(lam))
		}
		if mean := sum / 20000; math.Abs(mean-lam) > 0.05*lam+0.02 {
			t.Errorf("Poisson(%v) mean %v", lam, mean)
		}
	}
	for _, tc := range []struct {
		n int
		p float64
	}{{10, 0.3}, {200, 0.05}, {5000, 0.4}} {
		var sum float64
		for i := 0; i < 20000; i++ {
			sum += float64(s.Binomial(tc.n, tc.p))
		}
		if mean, want := sum/20000, float64(tc.n)*tc.p; math.Abs(mean-want) > 0.03*want+0.02 {
			t.Errorf("Binomial(%d,%v) mean %v, want %v", tc.n, tc.p, mean, want)
		}
	}
}
