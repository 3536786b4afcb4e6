package sim

import (
	"bytes"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
)

// withSchedule builds a small district with a schedule and returns it and
// a unit that starts as a village.
func withSchedule(t *testing.T, reforms ...ReformSpec) (*Model, *Village) {
	t.Helper()
	c := small(6, 200)
	c.Reforms = reforms
	m, err := New(c, 3, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range m.Villages {
		if !v.UrbanAtStart {
			return m, v
		}
	}
	t.Fatal("no village")
	return nil, nil
}

// changedMechanisms names the fields of Mechanisms that differ.
func changedMechanisms(a, b Mechanisms) []string {
	var out []string
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	for i := 0; i < va.NumField(); i++ {
		if !reflect.DeepEqual(va.Field(i).Interface(), vb.Field(i).Interface()) {
			out = append(out, va.Type().Field(i).Name)
		}
	}
	sort.Strings(out)
	return out
}

var (
	convMechanisms = KindCungaiju.Kind().Mechanisms
	sepMechanisms  = map[string][]string{
		"personnel":    {"BoardApart", "CrossHeld"},
		"institutions": {"ShareholderVote", "Threat"},
		"assets":       {"CentreRule", "Control", "Defining"},
		"finance":      {"AuditRate", "CommitteePublic", "Funded"},
		"functions":    {"Blame", "Sigma"},
	}
	zhengsheMechanisms = KindZhengshe.Kind().Mechanisms
)

func union(sets ...[]string) []string {
	var out []string
	for _, s := range sets {
		out = append(out, s...)
	}
	sort.Strings(out)
	return out
}

// TestReformSwitchesExactlyItsMechanisms applies each reform, and each
// separation alone, to a village and checks that exactly the mechanisms
// docs/ODD.md §7.1 names for it changed: nothing else, and no outcome. The
// committee's seats and people stay the same.
func TestReformSwitchesExactlyItsMechanisms(t *testing.T) {
	all := union(sepMechanisms["personnel"], sepMechanisms["institutions"], sepMechanisms["assets"], sepMechanisms["finance"], sepMechanisms["functions"])
	cases := []struct {
		name string
		spec ReformSpec
		want []string
	}{
		{"cungaiju carries personnel", ReformSpec{Kind: KindCungaiju.Key(), Coverage: "all"}, union(convMechanisms, sepMechanisms["personnel"])},
		{"cungaiju without separations", ReformSpec{Kind: KindCungaiju.Key(), Coverage: "all", Separations: []string{}}, convMechanisms},
		{"zhengjing, all five", ReformSpec{Kind: KindZhengjing.Key(), Coverage: "all"}, all},
		{"zhengshe", ReformSpec{Kind: KindZhengshe.Key(), Coverage: "all"}, zhengsheMechanisms},
	}
	for _, s := range SeparationNames() {
		cases = append(cases, struct {
			name string
			spec ReformSpec
			want []string
		}{"zhengjing " + s, ReformSpec{Kind: KindZhengjing.Key(), Coverage: "all", Separations: []string{s}}, sepMechanisms[s]})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.spec.Intensity = 1
			m, v := withSchedule(t, tc.spec)
			committee := slices.Clone(v.Committee)
			before := v.Mech
			obs := v.obs
			m.apply(v, 0, 0)
			got := changedMechanisms(before, v.Mech)
			if !slices.Equal(got, tc.want) {
				t.Errorf("changed %v, want %v", got, tc.want)
			}
			if !slices.Equal(committee, v.Committee) {
				t.Error("the committee changed")
			}
			// The separate board's first election is observed; nothing else is.
			after := v.obs
			after.Election, obs.Election = ElectionObs{}, ElectionObs{}
			if after != obs {
				t.Error("apply wrote an observation")
			}
			// A separate board is elected only where it has a stake: the
			// personnel separation with the assets one (a board with nothing
			// at stake holds no contest).
			if contested := slices.Contains(tc.want, "BoardApart") && slices.Contains(tc.want, "Control"); contested != (len(v.Board) > 0) {
				t.Errorf("board of %d members; personnel and assets separations together %v", len(v.Board), contested)
			}
		})
	}
}

// TestReformStrength: intensity scales every quantitative change, ramp
// reaches it linearly, and end reverses it.
func TestReformStrength(t *testing.T) {
	c := Default()
	mid := func(a, b float64) float64 { return a + 0.5*(b-a) }
	m, v := withSchedule(t, ReformSpec{Kind: KindZhengjing.Key(), Coverage: "all", Intensity: 0.5, Start: 0, End: 30})
	m.apply(v, 0, 0)
	if got, want := v.Mech.Sigma, mid(c.Reform.SigmaMerged, c.Reform.SigmaMerged+c.Reform.SigmaShift); math.Abs(got-want) > 1e-12 {
		t.Errorf("intensity 0.5: σ = %v, want %v", got, want)
	}
	if v.Mech.Control != 0.5 || v.Mech.AuditRate != 0.5*c.Reform.AuditRate || v.Mech.Blame != 0.5 {
		t.Errorf("intensity 0.5: control %v, audit rate %v, blame %v", v.Mech.Control, v.Mech.AuditRate, v.Mech.Blame)
	}
	m.settle(v, 30)
	if v.Mech.Sigma != c.Reform.SigmaMerged || v.Mech.Control != 1 || v.Mech.BoardApart || len(v.Board) > 0 {
		t.Errorf("after end: σ %v, control %v, board %v (%d)", v.Mech.Sigma, v.Mech.Control, v.Mech.BoardApart, len(v.Board))
	}

	m, v = withSchedule(t, ReformSpec{Kind: KindZhengshe.Key(), Coverage: "all", Intensity: 1, Start: 0, Ramp: 4})
	m.apply(v, 0, 0)
	for month, want := range []float64{0.25, 0.5, 0.75, 1, 1} {
		m.settle(v, month)
		if got := v.Mech.Centres; math.Abs(got-want) > 1e-12 {
			t.Errorf("ramp 4, month %d: centres %v, want %v", month, got, want)
		}
	}

	m, v = withSchedule(t, ReformSpec{Kind: KindCungaiju.Key(), Coverage: "all", Intensity: 0})
	m.apply(v, 0, 0)
	if v.Mech.Community || v.Mech.Budget != c.Services.RuralBudget || v.Mech.BoardApart {
		t.Errorf("intensity 0 changed the village: %+v", v.Mech)
	}
}

// TestStakes checks the stakes of docs/ODD.md §7.7 that the separations act
// through: the assets separation moves the economic stake to the board
// (scaled by 1 − τ), cross-held posts bring it back to the committee, and
// a separated committee keeps only what it spends itself. Economic
// disputes are blamed on the board once the functions are separated.
func TestStakes(t *testing.T) {
	c := Default()
	m, v := withSchedule(t, ReformSpec{Kind: KindZhengjing.Key(), Coverage: "all", Intensity: 1})
	merged, land, board := m.stakes(v, 0)
	if board != 0 || !(merged > 0) || land < 0 || land > merged {
		t.Fatalf("merged: committee %v (land %v), board %v", merged, land, board)
	}
	m.apply(v, 0, 0)
	sep, sepLand, sepBoard := m.stakes(v, 0)
	own := c.Reform.CommitteeFunding * c.Economy.Lambda0 * float64(c.Election.Interval) / 12 / float64(v.Seats)
	if math.Abs(sep-own) > 1e-6*own || sepLand != 0 {
		t.Errorf("separated committee seat: stake %v (land %v), want what it spends itself, %v", sep, sepLand, own)
	}
	if want := (merged - own) * (1 - v.Tau); math.Abs(sepBoard-want) > 1e-6*want {
		t.Errorf("board seat: stake %v, want the economic stake × (1 − τ) = %v", sepBoard, want)
	}

	m, v = withSchedule(t, ReformSpec{Kind: KindZhengjing.Key(), Coverage: "all", Intensity: 1, Separations: []string{"assets"}})
	m.apply(v, 0, 0)
	cross, _, crossBoard := m.stakes(v, 0)
	if want := (merged-own)*(1-v.Tau) + own; crossBoard != 0 || math.Abs(cross-want) > 1e-6*want {
		t.Errorf("assets without personnel: committee %v, want %v (its members hold the board); board %v", cross, want, crossBoard)
	}

	for _, tc := range []struct {
		seps    []string
		blamed  int
		comment string
	}{{nil, 5, "merged"}, {[]string{"functions"}, 2, "functions separated: local–migrant and service only"}} {
		m, v := withSchedule(t, ReformSpec{Kind: KindZhengjing.Key(), Coverage: "all", Intensity: 1, Separations: tc.seps})
		if tc.seps != nil {
			m.apply(v, 0, 0)
		}
		for _, typ := range []int{DisputeMembership, DisputeDividend, DisputeCompensation, DisputeLocalMigrant, DisputeService} {
			m.openDispute(v, typ, -1)
		}
		if v.obs.Blamed != tc.blamed {
			t.Errorf("%s: %d of 5 disputes blamed on the committee, want %d", tc.comment, v.obs.Blamed, tc.blamed)
		}
	}
}

// TestTradingCentre: τ follows from the threshold and the size
// distribution: with the rule in force, a lower threshold sends more value
// through the centre, and the share approaches what the log-normal sizes
// imply.
func TestTradingCentre(t *testing.T) {
	tau := func(threshold float64) float64 {
		c := small(4, 200)
		c.Reform.TradingThreshold = threshold
		c.Economy.Transactions = 200
		c.Reforms = []ReformSpec{{Kind: KindZhengjing.Key(), Coverage: "all", Intensity: 1, Separations: []string{"assets"}}}
		m, err := New(c, 5, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		v := m.Villages[0]
		m.apply(v, 0, 0)
		for i := 0; i < 200; i++ {
			m.transactions(v)
		}
		return v.Tau
	}
	e := Default().Economy
	// Value share above T of a log-normal: Φ(σ − ln(T/median)/σ).
	above := func(T float64) float64 {
		z := e.TransactionSpread - math.Log(T/e.TransactionMedian)/e.TransactionSpread
		return 0.5 * math.Erfc(-z/math.Sqrt2)
	}
	for _, T := range []float64{20000, 100000, 1e6} {
		got := tau(T)
		want := e.Tau0 + (1-e.Tau0)*above(T)
		t.Logf("threshold %.0f: τ %.3f, expected %.3f", T, got, want)
		if math.Abs(got-want) > 0.06 {
			t.Errorf("threshold %.0f: τ %.3f, want about %.3f", T, got, want)
		}
	}
	if !(tau(20000) > tau(1e6)) {
		t.Error("a lower threshold did not raise τ")
	}
}

// TestAudits: the finance supervision centre removes board members found
// leaking; the least honest go first, and runners-up take their seats.
func TestAudits(t *testing.T) {
	m, v := withSchedule(t, ReformSpec{Kind: KindZhengjing.Key(), Coverage: "all", Intensity: 1})
	m.apply(v, 0, 0)
	m.Cfg.Reform.AuditRate = 12 // an audit every month
	v.Mech.AuditRate = 12
	for i := range v.Board {
		v.Board[i].Integrity = 0.95
	}
	v.Board[0].Integrity = 0
	seats := len(v.Board)
	reserve := len(v.boardReserve)
	removedDishonest := false
	for month := 0; month < 24 && !removedDishonest; month++ {
		v.obs = VillageObs{}
		m.auditAccounts(v)
		removedDishonest = v.Board[0].Integrity != 0
	}
	if !removedDishonest {
		t.Fatal("a board member of integrity 0 survived two years of monthly audits")
	}
	if reserve > 0 && len(v.Board) != seats {
		t.Errorf("board of %d after removals with %d runners-up, want %d seats filled", len(v.Board), reserve, seats)
	}
}

// TestMigrantAccessFromFunding: migrants' access follows from who funds the
// services — moving supply to public money by residence raises it — and
// from take-up; no reform writes it.
func TestMigrantAccessFromFunding(t *testing.T) {
	m, v := withSchedule(t, ReformSpec{Kind: KindCungaiju.Key(), Coverage: "all", Intensity: 1, Separations: []string{}})
	var cn counts
	v.count(&cn)
	m.services(v, &cn)
	before := m.migrantShare(v, 1)
	m.apply(v, 0, 0)
	m.services(v, &cn)
	after := m.migrantShare(v, 1)
	if !(after > before) {
		t.Errorf("村改居 moved the budget to public funding but migrants' share went %v → %v", before, after)
	}
	c := Default()
	v.supplyPublic, v.supplyCentre, v.supplyColl = 0, 0, 100
	if got := m.migrantShare(v, 1); math.Abs(got-c.Services.CollectiveMigrantShare) > 1e-12 {
		t.Errorf("all-collective supply: migrants' share %v, want collective_migrant_share %v", got, c.Services.CollectiveMigrantShare)
	}
}

// TestReformKeys: a schedule entry's fields are parameters, found by
// reforms[i].key; Set changes that entry of this configuration only, and
// names the allowed keys when the entry does not exist.
func TestReformKeys(t *testing.T) {
	c := Default()
	c.Reforms = []ReformSpec{{Kind: KindCungaiju.Key(), Start: 12, Coverage: "eligible", Intensity: 1}, {Kind: KindZhengjing.Key(), Start: 24, Coverage: "all", Intensity: 1}}
	shared := c // copies share the schedule's backing array
	for _, tc := range []struct {
		key string
		v   any
		get func(*Config) any
	}{
		{"reforms[0].start", int64(6), func(c *Config) any { return c.Reforms[0].Start }},
		{"reforms[1].intensity", 0.4, func(c *Config) any { return c.Reforms[1].Intensity }},
		{"reforms[1].ramp", 12.0, func(c *Config) any { return c.Reforms[1].Ramp }},
		{"reforms[1].end", int64(60), func(c *Config) any { return c.Reforms[1].End }},
		{"reforms[0].fraction", 0.5, func(c *Config) any { return c.Reforms[0].Fraction }},
	} {
		p, ok := Lookup(tc.key)
		if !ok || p.Entry < 0 || p.Key != tc.key {
			t.Fatalf("Lookup(%q) = %+v, %v", tc.key, p, ok)
		}
		if err := p.Set(&c, tc.v); err != nil {
			t.Fatalf("%s: %v", tc.key, err)
		}
		if got := fmt.Sprint(tc.get(&c)); got != fmt.Sprint(tc.v) {
			t.Errorf("%s = %s after setting %v", tc.key, got, tc.v)
		}
	}
	if shared.Reforms[0].Start != 12 || shared.Reforms[1].Intensity != 1 {
		t.Errorf("setting a copy changed the original schedule: %+v", shared.Reforms)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	p, _ := Lookup("reforms[9].start")
	err := p.Set(&c, int64(3))
	if err == nil || !strings.Contains(err.Error(), "reforms[9].start: the scenario has 2 [[reforms]] entries; allowed reforms[0].start to reforms[1].start") {
		t.Errorf("entry out of range: %v", err)
	}
	for _, bad := range []string{"reforms[01].start", "reforms[-1].start", "reforms[0].startx", "reforms[x].start", "reforms[0]", "reforms.start"} {
		if _, ok := Lookup(bad); ok {
			t.Errorf("Lookup(%q) found a parameter", bad)
		}
	}
	p, _ = Lookup("reforms[1].intensity")
	if err := p.Set(&c, 1.5); err == nil || !strings.Contains(err.Error(), "allowed [0, 1]") {
		t.Errorf("intensity 1.5: %v", err)
	}
	p, _ = Lookup("reforms[1].end")
	if err := p.Set(&c, int64(10)); err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "reforms[1].end = 10 is not after start = 24") {
		t.Errorf("end before start: %v", err)
	}
}

// TestKindTable: every entry of the kinds' table is whole — what the rest
// of govsim reads from it resolves: its key is a value of the kind key,
// its separations are separations, its mechanisms are fields of
// Mechanisms, its coverage metrics are in the metric table at the level
// they report, and its ticker line takes three counts.
func TestKindTable(t *testing.T) {
	kindParam, _ := Lookup("reforms[0].kind")
	if !slices.Equal(kindParam.Enum, KindKeys()) {
		t.Errorf("the kind key allows %v, the table has %v", kindParam.Enum, KindKeys())
	}
	mech := reflect.TypeOf(Mechanisms{})
	seen := map[string]bool{}
	for k, kind := range Kinds() {
		id := KindID(k)
		if kind.Key == "" || kind.Label == "" || kind.LabelZH == "" || kind.Doc == "" || kind.DocZH == "" || kind.Source == "" || seen[kind.Key] {
			t.Errorf("kind %d: key, labels, descriptions and source must be given, the key once: %+v", k, kind)
		}
		seen[kind.Key] = true
		if got, ok := KindOf(kind.Key); !ok || got != id || id.Key() != kind.Key {
			t.Errorf("KindOf(%q) = %v, %v", kind.Key, got, ok)
		}
		for _, s := range kind.Separations {
			if !slices.Contains(SeparationNames(), s) || !kind.AllowsSeparations {
				t.Errorf("%s brings the separation %q", kind.Key, s)
			}
		}
		for _, f := range kind.Mechanisms {
			if _, ok := mech.FieldByName(f); !ok {
				t.Errorf("%s switches %q, which is not a mechanism", kind.Key, f)
			}
		}
		cov, ok := MetricByName(kind.Coverage.Name)
		if !ok || cov.ID != CoverageOf(id) || !cov.District || !cov.Bounded {
			t.Errorf("%s: coverage metric %+v", kind.Key, cov)
		}
		flag, ok := MetricByName(kind.Flag.Name)
		if !ok || flag.ID != FlagOf(id) || flag.District || !flag.Village || VillageMetrics()[VillageFlagOf(id)] != kind.Flag.Name {
			t.Errorf("%s: flag metric %+v", kind.Key, flag)
		}
		for _, f := range []string{kind.Arrives, kind.ArrivesZH} {
			if strings.Count(f, "%d") != 3 || strings.Count(f, "%") != 3 {
				t.Errorf("%s: ticker line %q must take three counts", kind.Key, f)
			}
		}
	}
}

// TestDecodeReform: the one reader of [[reforms]] entries fills defaults,
// refuses each bad key by name with what is allowed, and applies the rules
// across keys.
func TestDecodeReform(t *testing.T) {
	r, probs := DecodeReform(map[string]any{"kind": "zhengjing", "start": int64(12), "coverage": "all"})
	if len(probs) > 0 || r.Intensity != 1 || r.End != 0 || len(r.Separations) != 5 {
		t.Errorf("defaults: %+v %v", r, probs)
	}
	// JSON numbers are float64; an integral one is an integer.
	r, probs = DecodeReform(map[string]any{"kind": "cungaiju", "start": 12.0, "coverage": "eligible", "separations": []any{}})
	if len(probs) > 0 || r.Start != 12 || r.Separations == nil || len(r.Separations) != 0 {
		t.Errorf("json numbers, empty separations: %+v %v", r, probs)
	}
	for _, tc := range []struct {
		m    map[string]any
		want []EntryProblem
	}{
		{map[string]any{"kind": "zhengjng", "start": int64(1), "coverage": "all"},
			[]EntryProblem{{"kind", `"zhengjng" is not allowed (did you mean "zhengjing"?); allowed cungaiju | zhengjing | zhengshe`}}},
		{map[string]any{"kind": "zhengjing", "start": 1.5, "coverage": "all", "strat": int64(3)},
			[]EntryProblem{{"start", "want an integer, got 1.5; allowed integer in [0, 1200]"},
				{"strat", `unknown key "strat" in [[reforms]] (did you mean "start"?); allowed kind, start, end, ramp, intensity, coverage, fraction, separations, trigger, threshold, trigger_window, trigger_after`}}},
		{map[string]any{"kind": "zhengjing", "coverage": "all"},
			[]EntryProblem{{"start", "missing; allowed integer in [0, 1200]"}}},
		{map[string]any{"kind": "zhengshe", "start": int64(1), "coverage": "all", "separations": []any{"assets"}},
			[]EntryProblem{{"separations", "政社分离 (zhengshe) brings none of 政经分离's separations; allowed [] or no key (separations belong to cungaiju and zhengjing entries)"}}},
		{map[string]any{"kind": "zhengjing", "start": int64(1), "coverage": "pilot"},
			[]EntryProblem{{"fraction", `must be above 0 when coverage = "pilot"`}}},
		{map[string]any{"kind": "zhengjing", "start": int64(1), "coverage": "all", "separations": []any{"asets"}},
			[]EntryProblem{{"separations", `"asets" is not allowed (did you mean "assets"?); allowed a list of personnel, institutions, assets, finance, functions`}}},
	} {
		if _, got := DecodeReform(tc.m); !slices.Equal(got, tc.want) {
			t.Errorf("%v:\n got %q\nwant %q", tc.m, got, tc.want)
		}
	}
}

// TestParseValue: a value written as text reads as a file's decoder gives
// it, lists in any of the three spellings.
func TestParseValue(t *testing.T) {
	sep, _ := Lookup("reforms[0].separations")
	for _, s := range []string{`["assets", "finance"]`, `[assets, finance]`, `assets,finance`, ` assets , "finance" `} {
		v, err := sep.Parse(s)
		if err != nil || !reflect.DeepEqual(v, []any{"assets", "finance"}) {
			t.Errorf("Parse(%q) = %#v, %v", s, v, err)
		}
	}
	for _, s := range []string{"[]", ""} {
		if v, err := sep.Parse(s); err != nil || !reflect.DeepEqual(v, []any{}) {
			t.Errorf("Parse(%q) = %#v, %v", s, v, err)
		}
	}
	if _, err := sep.Parse(`["assets"`); err == nil {
		t.Error("an unclosed list was read")
	}
	start, _ := Lookup("reforms[0].start")
	if v, err := start.Parse("010"); err != nil || v != int64(10) {
		t.Errorf("Parse(010) = %v, %v: decimal, not octal", v, err)
	}
}

// TestIntensityZeroIsNoReform: an entry at intensity 0 is a reform in name
// only — the run is the same bytes as the run without it — so a search
// over packages may switch an entry off by its intensity.
func TestIntensityZeroIsNoReform(t *testing.T) {
	c := small(10, 100)
	c.Months = 72
	none := runText(t, c, 7, 0, 1, true)
	for k := range NumKinds {
		r := Reform(k, 6, "all")
		r.Intensity = 0
		c.Reforms = []ReformSpec{r}
		if got := runText(t, c, 7, 0, 1, true); !bytes.Equal(got, none) {
			t.Errorf("%s at intensity 0 changed the run", k)
		}
	}
}
