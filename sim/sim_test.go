package sim

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
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
	// Every kind of schedule entry: eligible, pilot and full coverage; a
	// ramp, a partial intensity, an end, and separations chosen one by one.
	c.Reforms = []ReformSpec{
		{Kind: KindCungaiju.Key(), Start: 5, Coverage: "eligible", Intensity: 1, Ramp: 6},
		{Kind: KindZhengjing.Key(), Start: 10, Coverage: "pilot", Fraction: 0.5, Intensity: 0.7, Separations: []string{"assets", "finance", "personnel"}},
		{Kind: KindZhengjing.Key(), Start: 14, End: 60, Coverage: "all", Intensity: 0.8, Separations: []string{"functions", "institutions"}},
		{Kind: KindZhengshe.Key(), Start: 20, Coverage: "all", Intensity: 0.5, Ramp: 12},
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

// TestInvariants steps a reforming district and checks, every month: no
// committee or board above 9 seats, money conserved between each
// cooperative's pools, no negative shares or dividends, states in [0,1], and
// dispute party counts consistent with the open disputes.
func TestInvariants(t *testing.T) {
	c := small(12, 80)
	c.Months = 120
	c.Reforms = []ReformSpec{
		{Kind: KindCungaiju.Key(), Start: 12, Coverage: "eligible", Intensity: 1},
		{Kind: KindZhengjing.Key(), Start: 30, Coverage: "pilot", Fraction: 0.5, Intensity: 1},
		{Kind: KindZhengjing.Key(), Start: 50, End: 100, Coverage: "all", Intensity: 0.6, Ramp: 12, Separations: []string{"assets", "finance"}},
		{Kind: KindZhengshe.Key(), Start: 40, Coverage: "all", Intensity: 1},
	}
	m, err := New(c, 11, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	agents := m.Agents()
	for m.Month < c.Months {
		m.Step(2)
		// Every resident is in exactly one village: the agents of all
		// villages change only by births, deaths, arrivals and departures
		// (movers leave one village and join another).
		var born, died, came, left int
		for _, v := range m.Villages {
			born += v.obs.Births
			died += v.obs.Deaths
			came += v.obs.Arrivals
			left += v.obs.Departures
		}
		if got, want := m.Agents(), agents+born-died+came-left; got != want {
			t.Fatalf("month %d: %d agents, want %d (%d + %d born − %d died + %d arrived − %d left)", m.Month, got, want, agents, born, died, came, left)
		}
		agents = m.Agents()
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
			parties := make([]int, v.Residents.Len())
			for _, d := range v.Disputes {
				if d.Party >= 0 {
					parties[d.Party]++
				}
			}
			for i := 0; i < v.Residents.Len(); i++ {
				if int(v.Residents.Party[i]) != parties[i] {
					t.Fatalf("month %d village %d agent %d: party count %d, open disputes %d", m.Month, v.ID, i, v.Residents.Party[i], parties[i])
				}
				if v.Residents.Div[i] < 0 {
					t.Fatalf("negative dividend %v", v.Residents.Div[i])
				}
				for _, x := range []float32{v.Residents.S[i], v.Residents.T[i], v.Residents.G[i], v.Residents.Iota[i]} {
					if x < 0 || x > 1 || x != x {
						t.Fatalf("state out of [0,1]: %v", x)
					}
				}
			}
			if v.Tau < 0 || v.Tau > 1 || v.NonFarm < 0 || v.NonFarm > 1 || v.Farmland < 0 || v.Built < 0 || v.migAccess < 0 || v.migAccess > 1 {
				t.Fatalf("village state out of range: τ %v I %v farmland %v built %v migrant access %v", v.Tau, v.NonFarm, v.Farmland, v.Built, v.migAccess)
			}
			for _, x := range v.compPaid {
				if x < 0 {
					t.Fatalf("negative compensation %v", x)
				}
			}
			mech := v.Mech
			for _, x := range []float64{mech.Urbanised, mech.Insured, mech.Public, mech.CrossHeld, mech.Threat, mech.Control, mech.CentreRule,
				mech.Funded, mech.CommitteePublic, mech.Sigma, mech.Blame, mech.AdminLoad} {
				if x < 0 || x > 1 || x != x {
					t.Fatalf("month %d village %d: mechanism share out of [0,1]: %+v", m.Month, v.ID, mech)
				}
			}
			if e := &v.obs.Election; e.Stake < 0 || e.LandStake < 0 || e.LandStake > e.Stake*(1+1e-12) {
				t.Fatalf("stake %v, land part %v", e.Stake, e.LandStake)
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
		for _, f := range v.Residents.Flags {
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
	for _, key := range []string{"economy.lambda0", "reform.trading_centre_threshold", "reform.audit_rate",
		"reform.sigma_merged", "reform.sigma_shift", "services.urban_budget_uplift", "services.collective_migrant_share",
		"reform.standardisation_gain", "election.interval", "membership.clarity", "district.scale"} {
		if !seen[key] {
			t.Errorf("docs/ODD.md names parameter %s; it is missing", key)
		}
	}
	// Version 1's effect constants are gone: a reform acts through
	// mechanisms, not by setting an outcome-side quantity.
	for _, key := range []string{"reform.committee_stake_after_separation", "reform.tau_separated", "reform.mean_transaction",
		"reform.migrant_access_gain", "reform.board_integrity_gain", "services.access_migrant", "services.access_migrant_community",
		// and version 2's constants set by a reform's switch (version 3)
		"reform.sigma_separated", "services.urban_service_budget", "reform.admin_load_after", "reform.committee_public_share"} {
		if seen[key] {
			t.Errorf("%s is an effect constant and should be gone", key)
		}
	}
}

// TestAssumptionsTable: every parameter through which a reform acts, and
// every behavioural one, says where its default comes from and what range
// is plausible; the plausible range lies inside the allowed one and holds
// the default.
func TestAssumptionsTable(t *testing.T) {
	def := Default()
	reform := 0
	for _, p := range Params() {
		if p.Class != "reform" && p.Class != "behaviour" {
			continue
		}
		if p.Class == "reform" {
			reform++
		}
		if p.Source == "" {
			t.Errorf("%s: no source (a section of the study, a cited figure, or \"assumption\")", p.Key)
		}
		if p.Kind != "float" {
			continue
		}
		if !p.HasPlausible() {
			t.Errorf("%s: no plausible range", p.Key)
			continue
		}
		x := p.Get(&def).(float64)
		if p.PlausLo > x || x > p.PlausHi || p.PlausLo < p.Min || p.PlausHi > p.Max || p.PlausLo >= p.PlausHi {
			t.Errorf("%s: plausible %s, default %v, allowed %s", p.Key, p.Plausible(), x, p.Range())
		}
	}
	if reform < 30 {
		t.Errorf("only %d parameters marked as reform-effect parameters", reform)
	}
	if !strings.Contains(AssumptionTable(), "`reform.audit_rate`") {
		t.Error("the assumptions table lacks reform.audit_rate")
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
