package analysis

import (
	"math"
	"slices"
	"testing"

	"golang.org/x/exp/rand"
)

func TestWilsonHandComputed(t *testing.T) {
	// At 95%, z = Φ⁻¹(0.975) = 1.959963984540054, z² = 3.841458820694124.
	// With p̂ = s/n and c = z²/n the bounds are centre ± half, where
	//   centre = (p̂ + c/2)/(1 + c), half = z/(1 + c)·√(p̂(1−p̂)/n + z²/(4n²)).
	//  0/10: c = 0.38414588; centre = 0.19207294/1.38414588 = half, so
	//        low = 0 and high = c/(1 + c) = 0.27753280.
	// 10/10: by symmetry low = 1/(1 + c) = 0.72246720, high = 1.
	//  7/20: p̂ = 0.35, c = 0.19207294; centre = 0.44603647/1.19207294
	//        = 0.37417017; half = 1.64415 × √(0.011375 + 0.00240091)
	//        = 1.64415 × 0.11737155 = 0.19297835; [0.18119182, 0.56714572].
	//  2/4:  p̂ = 0.5, c = 0.96036471; centre = 0.5 exactly; half =
	//        0.99981 × √(0.0625 + 0.06002279) = 0.34996; [0.15004, 0.84996].
	//  1/1:  c = 3.84145882; centre = 2.92073/4.84146 = 0.60327, half =
	//        0.40483 × √(0.96036) = 0.39672: low = 0.20655, high = 1.
	cases := []struct {
		s, n      int
		low, high float64
	}{
		{0, 10, 0, 0.27753279986288915},
		{10, 10, 0.7224672001371109, 1},
		{7, 20, 0.1811918241010821, 0.5671457233147637},
		{2, 4, 0.15003898915214958, 0.8499610108478504},
		{1, 1, 0.20654931437723745, 1},
	}
	for _, c := range cases {
		low, high := Wilson(c.s, c.n, 0.95)
		if math.Abs(low-c.low) > 1e-12 || math.Abs(high-c.high) > 1e-12 {
			t.Errorf("Wilson(%d, %d, 0.95) = [%.15g, %.15g], want [%.15g, %.15g]", c.s, c.n, low, high, c.low, c.high)
		}
	}
}

func TestWilsonInvalid(t *testing.T) {
	for _, c := range []struct {
		s, n  int
		level float64
	}{{0, 0, 0.95}, {-1, 10, 0.95}, {11, 10, 0.95}, {3, 10, 0}, {3, 10, 1}, {3, 10, math.NaN()}} {
		low, high := Wilson(c.s, c.n, c.level)
		if !math.IsNaN(low) || !math.IsNaN(high) {
			t.Errorf("Wilson(%d, %d, %v) = [%v, %v], want NaN", c.s, c.n, c.level, low, high)
		}
	}
}

// The interval holds the observed share, stays in [0, 1], and moves up
// with the successes.
func TestWilsonProperties(t *testing.T) {
	for _, n := range []int{1, 2, 5, 17, 100, 1000} {
		for _, level := range []float64{0.5, 0.9, 0.95, 0.99} {
			prevLow, prevHigh := -1.0, -1.0
			for s := 0; s <= n; s++ {
				low, high := Wilson(s, n, level)
				p := float64(s) / float64(n)
				if !(0 <= low && low <= p && p <= high && high <= 1) {
					t.Fatalf("Wilson(%d, %d, %v) = [%v, %v] does not hold %v inside [0, 1]", s, n, level, low, high, p)
				}
				if low <= prevLow || high <= prevHigh {
					t.Fatalf("Wilson(%d, %d, %v) = [%v, %v] did not rise from [%v, %v]", s, n, level, low, high, prevLow, prevHigh)
				}
				prevLow, prevHigh = low, high
			}
		}
	}
}

func TestRobustnessAcrossHandMade(t *testing.T) {
	// Three packages at four points; package 0 is the reference.
	values := [][]float64{
		{1, 2, 3, 4}, // reference
		{2, 2, 1, 6}, // differences 1, 0, −2, 2
		{0, 3, 5, 4}, // differences −1, 1, 2, 0
	}
	// Higher is better. Best per point: 2, 3, 5, 6.
	//   package 1: better at points 0 and 3 (the tie at point 1 is not
	//     better): 2/4; mean difference 0.25, SD of the differences
	//     √(8.75/3) = 1.70783, t(0.975, 3) = 3.18245, so ±2.71753;
	//     regret 0, 1, 4, 0: max 4, type-7 p90 at h = 3·0.9 = 2.7 between
	//     the sorted 1 and 4: 1 + 0.7·3 = 3.1.
	//   package 2: better at points 1 and 2: 2/4; mean 0.5, ±2.05426;
	//     regret 2, 0, 0, 2: max 2, p90 2.
	// Lower is better. Best per point: 0, 2, 1, 4.
	//   package 1: better only at point 2: 1/4; regret 2, 0, 0, 2.
	//   package 2: better only at point 0: 1/4; regret 0, 1, 4, 0.
	// The mean differences and their intervals do not depend on the
	// direction. Wilson 2/4 = [0.15004, 0.84996], 1/4 = [0.04559, 0.69936].
	w2l, w2h := 0.15003898915214958, 0.8499610108478504
	w1l, w1h := 0.0455872608097006, 0.699358157417598
	want := map[bool][]PackageRobustness{
		true: {
			{Package: 1, Points: 4, PBetter: 0.5, PBetterLow: w2l, PBetterHigh: w2h,
				MeanDiff: 0.25, DiffLow: -2.4675308837964893, DiffHigh: 2.9675308837964893, RegretMax: 4, RegretP90: 3.1},
			{Package: 2, Points: 4, PBetter: 0.5, PBetterLow: w2l, PBetterHigh: w2h,
				MeanDiff: 0.5, DiffLow: -1.554260256760879, DiffHigh: 2.554260256760879, RegretMax: 2, RegretP90: 2},
		},
		false: {
			{Package: 1, Points: 4, PBetter: 0.25, PBetterLow: w1l, PBetterHigh: w1h,
				MeanDiff: 0.25, DiffLow: -2.4675308837964893, DiffHigh: 2.9675308837964893, RegretMax: 2, RegretP90: 2},
			{Package: 2, Points: 4, PBetter: 0.25, PBetterLow: w1l, PBetterHigh: w1h,
				MeanDiff: 0.5, DiffLow: -1.554260256760879, DiffHigh: 2.554260256760879, RegretMax: 4, RegretP90: 3.1},
		},
	}
	for _, higher := range []bool{true, false} {
		got, err := RobustnessAcross(values, 0, higher, 0.95)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 {
			t.Fatalf("higher=%v: %d rows, want 2", higher, len(got))
		}
		for i, w := range want[higher] {
			if !robustnessClose(got[i], w, 1e-9) {
				t.Errorf("higher=%v: row %d\n got %+v\nwant %+v", higher, i, got[i], w)
			}
		}
	}
}

// The reference need not be package 0, and the rows skip it.
func TestRobustnessAcrossReferenceInMiddle(t *testing.T) {
	values := [][]float64{{2, 2, 1, 6}, {1, 2, 3, 4}, {0, 3, 5, 4}}
	got, err := RobustnessAcross(values, 1, true, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Package != 0 || got[1].Package != 2 {
		t.Fatalf("rows for packages %v, want 0 and 2", got)
	}
	if got[0].PBetter != 0.5 || got[0].RegretMax != 4 || got[1].MeanDiff != 0.5 {
		t.Errorf("got %+v", got)
	}
}

func robustnessClose(a, b PackageRobustness, tol float64) bool {
	if a.Package != b.Package || a.Points != b.Points {
		return false
	}
	x := []float64{a.PBetter, a.PBetterLow, a.PBetterHigh, a.MeanDiff, a.DiffLow, a.DiffHigh, a.RegretMax, a.RegretP90}
	y := []float64{b.PBetter, b.PBetterLow, b.PBetterHigh, b.MeanDiff, b.DiffLow, b.DiffHigh, b.RegretMax, b.RegretP90}
	for i := range x {
		if math.IsNaN(x[i]) != math.IsNaN(y[i]) || math.Abs(x[i]-y[i]) > tol {
			return false
		}
	}
	return true
}

func TestRobustnessAcrossSmall(t *testing.T) {
	nan := math.NaN()
	// No points: nothing can be said.
	got, err := RobustnessAcross([][]float64{{}, {}}, 0, true, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	want := PackageRobustness{Package: 1, Points: 0, PBetter: nan, PBetterLow: nan, PBetterHigh: nan,
		MeanDiff: nan, DiffLow: nan, DiffHigh: nan, RegretMax: nan, RegretP90: nan}
	if len(got) != 1 || !robustnessClose(got[0], want, 0) {
		t.Errorf("no points: got %+v, want %+v", got, want)
	}
	// One point: the package is better there by 2, and the best.
	got, err = RobustnessAcross([][]float64{{1}, {3}}, 0, true, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	want = PackageRobustness{Package: 1, Points: 1, PBetter: 1, PBetterLow: 0.20654931437723745, PBetterHigh: 1,
		MeanDiff: 2, DiffLow: nan, DiffHigh: nan, RegretMax: 0, RegretP90: 0}
	if len(got) != 1 || !robustnessClose(got[0], want, 1e-12) {
		t.Errorf("one point: got %+v, want %+v", got, want)
	}
	// A bad level leaves the shares and regrets but not the intervals.
	got, err = RobustnessAcross([][]float64{{1, 2}, {3, 1}}, 0, true, 1.5)
	if err != nil {
		t.Fatal(err)
	}
	want = PackageRobustness{Package: 1, Points: 2, PBetter: 0.5, PBetterLow: nan, PBetterHigh: nan,
		MeanDiff: 0.5, DiffLow: nan, DiffHigh: nan, RegretMax: 1, RegretP90: 0.9}
	if !robustnessClose(got[0], want, 1e-12) {
		t.Errorf("level 1.5: got %+v, want %+v", got[0], want)
	}
}

func TestRobustnessAcrossErrors(t *testing.T) {
	for name, c := range map[string]struct {
		values [][]float64
		ref    int
	}{
		"one package":   {[][]float64{{1, 2}}, 0},
		"no packages":   {nil, 0},
		"ref too large": {[][]float64{{1}, {2}}, 2},
		"ref negative":  {[][]float64{{1}, {2}}, -1},
		"ragged":        {[][]float64{{1, 2}, {2}}, 0},
		"NaN":           {[][]float64{{1, 2}, {2, math.NaN()}}, 0},
		"Inf":           {[][]float64{{1, math.Inf(1)}, {2, 3}}, 0},
	} {
		if _, err := RobustnessAcross(c.values, c.ref, true, 0.95); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// Invariants on random matrices: regret is never negative, is zero for the
// best package at a point, p90 ≤ max, and a package's share of wins plus
// its losses and ties covers every point.
func TestRobustnessAcrossProperties(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for trial := range 200 {
		s, n := 2+rng.Intn(4), 1+rng.Intn(30)
		values := make([][]float64, s)
		for i := range values {
			values[i] = make([]float64, n)
			for p := range values[i] {
				values[i][p] = float64(rng.Intn(5)) // ties are common
			}
		}
		ref := rng.Intn(s)
		higher := rng.Intn(2) == 0
		rows, err := RobustnessAcross(values, ref, higher, 0.9)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if !(r.RegretP90 >= 0 && r.RegretP90 <= r.RegretMax) {
				t.Fatalf("trial %d: regret p90 %v max %v", trial, r.RegretP90, r.RegretMax)
			}
			if !(r.PBetterLow <= r.PBetter && r.PBetter <= r.PBetterHigh) {
				t.Fatalf("trial %d: share %v outside [%v, %v]", trial, r.PBetter, r.PBetterLow, r.PBetterHigh)
			}
			// If the package beats every other package at every point,
			// its regret is zero everywhere.
			dominant := true
			for p := range n {
				for o := range values {
					if higher && values[o][p] > values[r.Package][p] || !higher && values[o][p] < values[r.Package][p] {
						dominant = false
					}
				}
			}
			if dominant != (r.RegretMax == 0) {
				t.Fatalf("trial %d: package %d dominant=%v but regret max %v", trial, r.Package, dominant, r.RegretMax)
			}
		}
	}
}

func TestKSHandComputed(t *testing.T) {
	// p-values: λ = (√nₑ + 0.12 + 0.11/√nₑ)·d, Q(λ) = 2 Σ (−1)^{j−1} e^{−2j²λ²}
	// summed to 100 terms independently of the code (which uses the theta
	// form below λ = 1.18).
	cases := []struct {
		name string
		a, b []float64
		d, p float64
	}{
		// Disjoint samples: d = 1; nₑ = 25/10 = 2.5, λ = 1.5811388 + 0.12 +
		// 0.0695701 = 1.7707089, Q = 2(e^{−6.27082} − e^{−25.0833} + …)
		// = 2(0.00189068 − 1.3e−11) = 0.0037813541.
		{"disjoint", []float64{1, 2, 3, 4, 5}, []float64{6, 7, 8, 9, 10}, 1, 0.0037813540593701006},
		// Interleaved: the CDFs after each value of the merged order
		// .1a .2b .3b .4a .5b .6b .7a .9b are
		//   Fa: 1/3 1/3 1/3 2/3 2/3 2/3 1 1
		//   Fb: 0   1/5 2/5 2/5 3/5 4/5 4/5 1
		// with the largest gap 1/3 at 0.1; nₑ = 15/8, λ = (1.3693064 +
		// 0.12 + 0.0803325)/3 = 0.5232130, Q = 0.9471307.
		{"interleaved", []float64{0.7, 0.1, 0.4}, []float64{0.9, 0.2, 0.5, 0.3, 0.6}, 1.0 / 3, 0.9471307282400269},
		// Ties across the samples: after 1, Fa = 1/4, Fb = 0; after 2 (two
		// in each), Fa = 3/4, Fb = 2/6; after 3, Fa = 1, Fb = 3/6; then Fb
		// climbs to 1. d = 1/2; nₑ = 24/10, λ = (1.5491933 + 0.12 +
		// 0.0710047)/2 = 0.8700990, Q = 0.4353102.
		{"ties", []float64{1, 2, 2, 3}, []float64{2, 2, 3, 4, 5, 6}, 0.5, 0.43531018975534286},
		// Identical samples: d = 0, p = 1.
		{"identical", []float64{3, 1, 2}, []float64{1, 2, 3}, 0, 1},
	}
	for _, c := range cases {
		a, b := slices.Clone(c.a), slices.Clone(c.b)
		d, p := KS(a, b)
		if math.Abs(d-c.d) > 1e-12 || math.Abs(p-c.p) > 1e-9 {
			t.Errorf("%s: KS = (%.12g, %.12g), want (%.12g, %.12g)", c.name, d, p, c.d, c.p)
		}
		if !slices.Equal(a, c.a) || !slices.Equal(b, c.b) {
			t.Errorf("%s: KS modified its inputs", c.name)
		}
		// The statistic is symmetric in the samples.
		if d2, p2 := KS(c.b, c.a); d2 != d || p2 != p {
			t.Errorf("%s: KS(b, a) = (%v, %v), KS(a, b) = (%v, %v)", c.name, d2, p2, d, p)
		}
	}
}

func TestKolmogorovQ(t *testing.T) {
	// Reference values from the alternating series summed to 100 terms;
	// Q(1.36) ≈ 0.049 is the familiar 5% point.
	for _, c := range []struct{ lambda, q float64 }{
		{0.3, 0.9999906941986655},
		{0.6, 0.8642827790506044},
		{1.0, 0.26999967167735456},
		{1.17999, 0.12345963244665298},
		{1.18, 0.1234538094297657},
		{1.5, 0.022217962616525127},
		{2.5, 7.453306344157342e-06},
	} {
		if got := kolmogorovQ(c.lambda); math.Abs(got-c.q) > 1e-12 {
			t.Errorf("Q(%v) = %.15g, want %.15g", c.lambda, got, c.q)
		}
	}
	if q := kolmogorovQ(1.36); math.Abs(q-0.049) > 0.001 {
		t.Errorf("Q(1.36) = %v, want about 0.049", q)
	}
}

func TestKSDegenerate(t *testing.T) {
	for name, c := range map[string][2][]float64{
		"a empty": {nil, {1}},
		"b empty": {{1}, {}},
		"NaN":     {{1, math.NaN()}, {1, 2}},
	} {
		d, p := KS(c[0], c[1])
		if !math.IsNaN(d) || !math.IsNaN(p) {
			t.Errorf("%s: KS = (%v, %v), want NaN", name, d, p)
		}
	}
}

// gonum's statistic against the definition, sup over t of |Fa(t) − Fb(t)|
// evaluated at every sample value, on samples with many ties.
func TestKSAgainstDefinition(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	cdf := func(s []float64, x float64) float64 {
		c := 0
		for _, v := range s {
			if v <= x {
				c++
			}
		}
		return float64(c) / float64(len(s))
	}
	for trial := range 500 {
		a := make([]float64, 1+rng.Intn(15))
		b := make([]float64, 1+rng.Intn(15))
		for i := range a {
			a[i] = float64(rng.Intn(6))
		}
		for i := range b {
			b[i] = float64(rng.Intn(6)) + 0.5*float64(rng.Intn(2))
		}
		want := 0.0
		for _, x := range append(slices.Clone(a), b...) {
			want = math.Max(want, math.Abs(cdf(a, x)-cdf(b, x)))
		}
		d, p := KS(a, b)
		if math.Abs(d-want) > 1e-12 {
			t.Fatalf("trial %d: KS(%v, %v) d = %v, want %v", trial, a, b, d, want)
		}
		if !(p >= 0 && p <= 1) {
			t.Fatalf("trial %d: p = %v", trial, p)
		}
	}
}
