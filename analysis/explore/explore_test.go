package explore

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"golang.org/x/exp/rand"

	"github.com/govsim/govsim/analysis"
	"github.com/govsim/govsim/analysis/prim"
)

// uniform draws n points in [0, 1]^k.
func uniform(seed uint64, n, k int) Design {
	rng := rand.New(rand.NewSource(seed))
	d := Design{}
	for j := range k {
		d.Params = append(d.Params, fmt.Sprintf("p%d", j))
		d.Ranges = append(d.Ranges, prim.Range{Low: 0, High: 1})
	}
	for range n {
		p := make([]float64, k)
		for j := range p {
			p[j] = rng.Float64()
		}
		d.Points = append(d.Points, p)
	}
	return d
}

func mustSet(t *testing.T, d *Data, s, m string, p, r int, v float64) {
	t.Helper()
	if err := d.Set(s, m, p, r, v); err != nil {
		t.Fatal(err)
	}
}

// Robustness by hand: four points, two replicates averaged, a tie that
// does not count as beating the reference, and a point where one
// scenario's value is undefined, left out for every scenario.
func TestAnalyseByHand(t *testing.T) {
	d := Design{Params: []string{"a"}, Ranges: []prim.Range{{Low: 0, High: 4}}, Points: [][]float64{{0.5}, {1.5}, {2.5}, {3.5}}}
	data := NewData([]string{"base", "x", "y"}, []string{"m"}, 5, 2)
	d.Points = append(d.Points, []float64{3.9})
	// Means over the two replicates: base 1, 1, 1, 1; x 2, 1 (a tie), 0, 3; y 1.5 everywhere.
	for p, v := range []float64{2, 1, 0, 3} {
		mustSet(t, data, "base", "m", p, 0, 0.5)
		mustSet(t, data, "base", "m", p, 1, 1.5)
		mustSet(t, data, "x", "m", p, 0, v-0.25)
		mustSet(t, data, "x", "m", p, 1, v+0.25)
		mustSet(t, data, "y", "m", p, 0, 1.5)
		mustSet(t, data, "y", "m", p, 1, 1.5)
	}
	// Point 4: x is undefined in both replicates.
	mustSet(t, data, "base", "m", 4, 0, 1)
	mustSet(t, data, "base", "m", 4, 1, 1)
	mustSet(t, data, "y", "m", 4, 0, 9)
	mustSet(t, data, "y", "m", 4, 1, 9)
	res, err := Analyse(d, data, Options{Reference: "base", Metrics: []Metric{{"m", true}}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Packages, []string{"x", "y"}) || len(res.Robustness) != 2 {
		t.Fatalf("packages %v, %d rows", res.Packages, len(res.Robustness))
	}
	x, y := res.Robustness[0], res.Robustness[1]
	lo, hi := analysis.Wilson(2, 4, 0.95)
	if x.Points != 4 || x.Dropped != 1 || x.PBetter != 0.5 || x.PBetterLow != lo || x.PBetterHigh != hi {
		t.Errorf("x: %d points (%d dropped), p_better %v [%v, %v], want 4 (1), 0.5 [%v, %v]", x.Points, x.Dropped, x.PBetter, x.PBetterLow, x.PBetterHigh, lo, hi)
	}
	// Differences 1, 0, −1, 2: mean 0.5; regret against the best (y 1.5
	// at points 1 and 2; x itself at 0 and 3): 0, 0.5, 1.5, 0.
	if x.MeanDiff != 0.5 || x.RegretMax != 1.5 || math.Abs(x.RegretP90-1.2) > 1e-12 {
		t.Errorf("x: mean diff %v, regret max %v p90 %v; want 0.5, 1.5, 1.2", x.MeanDiff, x.RegretMax, x.RegretP90)
	}
	if y.PBetter != 1 || y.MeanDiff != 0.5 || y.RegretMax != 1.5 {
		t.Errorf("y: %+v", y)
	}
	if got := res.Ranked(); !slices.Equal(got, []string{"y", "x"}) {
		t.Errorf("ranked %v", got)
	}
	// x fails (the tie and the loss) at points 1 and 2 of the kept four.
	if len(res.Discoveries) != 1 || res.Discoveries[0].Scenario != "x" || res.Discoveries[0].Cases != 2 || res.Discoveries[0].Points != 4 {
		t.Fatalf("discoveries %+v", res.Discoveries)
	}
	if ks := res.Discoveries[0].Regional[0]; ks.D != 0.5 {
		t.Errorf("KS of a between x's failures {1.5, 2.5} and successes {0.5, 3.5}: %v, want 0.5", ks.D)
	}
	// Four points for one parameter: enough for a PRCC, too few for a
	// stable one, and said so.
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "only 4 points for 1 parameters") || math.IsNaN(res.Drivers[0].PRCC) {
		t.Errorf("warnings %q, driver %+v", res.Warnings, res.Drivers[0])
	}
}

// A package that fails where p1 > 0.7: PRIM boxes the failures on p1
// alone, p1 has the largest KS distance and a clearly negative PRCC, and
// a design of 60 points per parameter draws no warning.
func TestAnalyseFindsFailureRegion(t *testing.T) {
	const n, k = 300, 5
	d := uniform(11, n, k)
	rng := rand.New(rand.NewSource(12))
	data := NewData([]string{"ref", "pkg"}, []string{"gain", "cost"}, n, 2)
	for p, x := range d.Points {
		effect := 1.0
		if x[1] > 0.7 {
			effect = -1
		}
		for r := range 2 {
			noise := 0.2 * rng.NormFloat64()
			mustSet(t, data, "ref", "gain", p, r, noise)
			mustSet(t, data, "pkg", "gain", p, r, noise+effect+0.1*rng.NormFloat64())
			mustSet(t, data, "ref", "cost", p, r, 1)
			mustSet(t, data, "pkg", "cost", p, r, 1+x[3]+0.05*rng.Float64()) // always costs more: fails everywhere on cost
		}
	}
	res, err := Analyse(d, data, Options{Reference: "ref", Metrics: []Metric{{"gain", true}, {"cost", false}}, Bootstrap: 200, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings %q", res.Warnings)
	}
	gain := res.Robustness[0]
	truth := 0
	for _, x := range d.Points {
		if x[1] <= 0.7 {
			truth++
		}
	}
	if math.Abs(gain.PBetter-float64(truth)/n) > 0.02 {
		t.Errorf("p_better %v, the share outside the failure region %v", gain.PBetter, float64(truth)/n)
	}
	if res.Robustness[1].PBetter != 0 {
		t.Errorf("cost: p_better %v, want 0", res.Robustness[1].PBetter)
	}
	var disc Discovery
	for _, dc := range res.Discoveries {
		if dc.Metric == "gain" {
			disc = dc
		}
	}
	b := disc.Box.Box
	if got := b.Dims(); !slices.Equal(got, []int{1}) {
		t.Fatalf("box restricts %v, want p1 alone: %+v", got, b)
	}
	if math.Abs(b.Low[1]-0.7) > 0.05 || b.High[1] != 1 || b.Density < 0.9 || b.Coverage < 0.5 {
		t.Errorf("box p1 in [%v, %v], density %v coverage %v", b.Low[1], b.High[1], b.Density, b.Coverage)
	}
	best := 0
	for j, ks := range disc.Regional {
		if ks.D > disc.Regional[best].D {
			best = j
		}
	}
	if best != 1 || disc.Regional[1].P > 1e-6 {
		t.Errorf("regional sensitivity: largest KS at p%d, p1's %+v", best, disc.Regional[1])
	}
	for _, dr := range res.Drivers {
		switch {
		case dr.Metric == "gain" && dr.Param == "p1":
			if !(dr.PRCCHigh < -0.5) || math.IsNaN(dr.KS.D) {
				t.Errorf("gain driver p1: PRCC %v [%v, %v] KS %v", dr.PRCC, dr.PRCCLow, dr.PRCCHigh, dr.KS.D)
			}
		case dr.Metric == "cost" && dr.Param == "p3":
			// Cost rises with p3; it never beats the reference, so there is
			// no success to set against the failures.
			if !(dr.PRCCLow > 0.9) || !math.IsNaN(dr.KS.D) {
				t.Errorf("cost driver p3: PRCC %v [%v, %v] KS %v", dr.PRCC, dr.PRCCLow, dr.PRCCHigh, dr.KS.D)
			}
		}
	}
	if len(res.Drivers) != 2*k {
		t.Errorf("%d drivers, want %d", len(res.Drivers), 2*k)
	}
}

// A design too small for PRCC says so, naming the rule, and still gives
// the KS distances.
func TestAnalyseSmallDesignWarns(t *testing.T) {
	for _, c := range []struct {
		n       int
		want    string
		haveRCC bool
	}{
		{6, "need at least k + 2 = 7 points", false},
		{20, "rule: n ≥ 10·k, Harrell 2015", true},
	} {
		d := uniform(uint64(c.n), c.n, 5)
		data := NewData([]string{"ref", "pkg"}, []string{"m"}, c.n, 1)
		rng := rand.New(rand.NewSource(2))
		for p, x := range d.Points {
			mustSet(t, data, "ref", "m", p, 0, 0)
			mustSet(t, data, "pkg", "m", p, 0, x[0]-0.5+0.1*rng.NormFloat64())
		}
		res, err := Analyse(d, data, Options{Reference: "ref", Metrics: []Metric{{"m", true}}, Bootstrap: 50})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], c.want) || !strings.Contains(res.Warnings[0], "-samples 50") {
			t.Errorf("n=%d: warnings %q, want one with %q and the samples needed", c.n, res.Warnings, c.want)
		}
		if got := !math.IsNaN(res.Drivers[0].PRCC); got != c.haveRCC || math.IsNaN(res.Drivers[0].KS.D) {
			t.Errorf("n=%d: driver %+v", c.n, res.Drivers[0])
		}
	}
}

// A condition is searched for in every scenario, the reference included,
// and its regional sensitivity joins the drivers with no PRCC.
func TestAnalyseConditions(t *testing.T) {
	const n = 200
	d := uniform(21, n, 3)
	data := NewData([]string{"ref", "pkg"}, []string{"m", "sat"}, n, 1)
	for p, x := range d.Points {
		mustSet(t, data, "ref", "m", p, 0, 0)
		mustSet(t, data, "pkg", "m", p, 0, 1)
		mustSet(t, data, "ref", "sat", p, 0, x[2])
		mustSet(t, data, "pkg", "sat", p, 0, x[2]+0.2)
	}
	c, err := ParseCondition("sat<0.3")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Analyse(d, data, Options{Reference: "ref", Metrics: []Metric{{"m", true}}, Conditions: []Condition{c}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Discoveries) != 2 {
		t.Fatalf("%d discoveries, want one per scenario (pkg never fails on m)", len(res.Discoveries))
	}
	for i, want := range []float64{0.3, 0.1} {
		dc := res.Discoveries[i]
		if dc.Label() != "sat<0.3" || dc.Scenario != res.Scenarios[i] {
			t.Errorf("discovery %d: %s %s", i, dc.Scenario, dc.Label())
		}
		b := dc.Box.Box
		if !slices.Equal(b.Dims(), []int{2}) || math.Abs(b.High[2]-want) > 0.05 || b.Density < 0.95 {
			t.Errorf("%s: box %v high %v density %v, want p2 ≤ %v", dc.Scenario, b.Dims(), b.High, b.Density, want)
		}
	}
	var cond int
	for _, dr := range res.Drivers {
		if dr.Metric == "sat<0.3" {
			cond++
			if !math.IsNaN(dr.PRCC) {
				t.Errorf("a condition's driver has a PRCC: %+v", dr)
			}
		}
	}
	if cond != 2*3 {
		t.Errorf("%d condition drivers, want 6", cond)
	}
}

func TestAnalyseRefuses(t *testing.T) {
	d := uniform(1, 10, 2)
	data := NewData([]string{"ref", "pkg"}, []string{"m"}, 10, 1)
	for name, c := range map[string]struct {
		d Design
		o Options
	}{
		"reference not run": {d, Options{Reference: "nosuch", Metrics: []Metric{{"m", true}}}},
		"no metrics":        {d, Options{Reference: "ref"}},
		"unknown metric":    {d, Options{Reference: "ref", Metrics: []Metric{{"other", true}}}},
		"unknown condition": {d, Options{Reference: "ref", Metrics: []Metric{{"m", true}}, Conditions: []Condition{{Metric: "other"}}}},
		"points":            {Design{Params: d.Params, Ranges: d.Ranges, Points: d.Points[:5]}, Options{Reference: "ref", Metrics: []Metric{{"m", true}}}},
		"bad level":         {d, Options{Reference: "ref", Metrics: []Metric{{"m", true}}, Level: 2}},
	} {
		if _, err := Analyse(c.d, data, c.o); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if err := data.Set("ref", "m", 10, 0, 1); err == nil {
		t.Error("a point outside the design was accepted")
	}
	if err := data.Set("other", "m", 0, 0, 1); err == nil {
		t.Error("a scenario outside the design was accepted")
	}
	if err := data.Set("ref", "unkept", 0, 0, 1); err != nil {
		t.Errorf("a metric not kept is skipped, not refused: %v", err)
	}
}

// The same inputs give the same result, bit for bit.
func TestAnalyseDeterministic(t *testing.T) {
	run := func() string {
		d := uniform(5, 120, 4)
		rng := rand.New(rand.NewSource(6))
		data := NewData([]string{"ref", "a", "b"}, []string{"m"}, 120, 2)
		for p, x := range d.Points {
			for r := range 2 {
				mustSet(t, data, "ref", "m", p, r, rng.Float64())
				mustSet(t, data, "a", "m", p, r, x[0]+rng.Float64())
				mustSet(t, data, "b", "m", p, r, x[1]*x[2]+rng.Float64())
			}
		}
		res, err := Analyse(d, data, Options{Reference: "ref", Metrics: []Metric{{"m", true}}, Bootstrap: 100, Seed: 9})
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("%+v", *res)
	}
	if a, b := run(), run(); a != b {
		t.Error("two analyses of the same data differ")
	}
}

func TestParseCondition(t *testing.T) {
	for in, want := range map[string]Condition{
		"composite_index<0.5":         {Metric: "composite_index", Threshold: 0.5},
		" petitions_per_1000 > 2e-1 ": {Metric: "petitions_per_1000", Above: true, Threshold: 0.2},
		"x<-3":                        {Metric: "x", Threshold: -3},
	} {
		got, err := ParseCondition(in)
		if err != nil || got != want {
			t.Errorf("%q: %+v %v, want %+v", in, got, err, want)
		}
		again, err := ParseCondition(got.String())
		if err != nil || again != got {
			t.Errorf("%q: String %q does not parse back: %+v %v", in, got.String(), again, err)
		}
	}
	for _, in := range []string{"", "composite_index", "<0.5", "a<b", "a<0.5<1", "a<>1", "a<NaN", "a<Inf", "a b<1", "a=<1"} {
		if _, err := ParseCondition(in); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
	c := Condition{Metric: "m", Threshold: 1}
	if !c.Holds(0.5) || c.Holds(1) || c.Holds(math.NaN()) {
		t.Error("m<1")
	}
	c.Above = true
	if !c.Holds(2) || c.Holds(1) || c.Holds(math.NaN()) {
		t.Error("m>1")
	}
}

func FuzzParseCondition(f *testing.F) {
	for _, s := range []string{"composite_index<0.5", "a>1e9", "<", "a<<1", "x < -0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCondition(s)
		if err != nil {
			return
		}
		if c.Metric == "" || math.IsNaN(c.Threshold) || math.IsInf(c.Threshold, 0) {
			t.Fatalf("%q parsed to %+v", s, c)
		}
		again, err := ParseCondition(c.String())
		if err != nil || again != c {
			t.Fatalf("%q: %+v writes %q, which parses to %+v (%v)", s, c, c.String(), again, err)
		}
	})
}
