package abc

import (
	"context"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/exp/rand"
	"gonum.org/v1/gonum/stat/distuv"
)

func TestParamCheck(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		p    Param
		want string // "" for no error
	}{
		{"uniform", Param{Name: "x", Low: 0, High: 1}, ""},
		{"uniform named", Param{Name: "x", Dist: Uniform, Low: -1, High: 1}, ""},
		{"loguniform", Param{Name: "x", Dist: LogUniform, Low: 0.01, High: 100}, ""},
		{"normal", Param{Name: "x", Dist: Normal, Low: 0, High: 1, Mean: 0.5, SD: 0.1}, ""},
		{"normal far tail", Param{Name: "x", Dist: Normal, Low: 30, High: 31, Mean: 0, SD: 1}, ""},
		{"empty range", Param{Name: "x", Low: 1, High: 1}, "Low < High"},
		{"reversed", Param{Name: "x", Low: 2, High: 1}, "Low < High"},
		{"infinite", Param{Name: "x", Low: 0, High: math.Inf(1)}, "finite"},
		{"nan", Param{Name: "x", Low: nan, High: 1}, "finite"},
		{"loguniform at 0", Param{Name: "x", Dist: LogUniform, Low: 0, High: 1}, "Low > 0"},
		{"normal sd 0", Param{Name: "x", Dist: Normal, Low: 0, High: 1}, "SD > 0"},
		{"normal mean nan", Param{Name: "x", Dist: Normal, Low: 0, High: 1, Mean: nan, SD: 1}, "finite Mean"},
		{"normal no mass", Param{Name: "x", Dist: Normal, Low: 100, High: 101, Mean: 0, SD: 1e-3}, "no probability mass"},
		{"unknown", Param{Name: "x", Dist: "gamma", Low: 0, High: 1}, `unknown distribution "gamma"`},
	}
	for _, tt := range tests {
		err := tt.p.Check()
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: error %v, want one saying %q", tt.name, err, tt.want)
		}
	}
}

// TestPriorDensityAndMoments integrates each prior's density numerically
// (Simpson's rule on 20 000 intervals): it must integrate to 1 and give the
// closed-form mean and SD of Moments; and a sample's mean and SD must agree
// with them too.
func TestPriorDensityAndMoments(t *testing.T) {
	for _, p := range []Param{
		{Name: "uniform", Low: -3, High: 7},
		{Name: "loguniform", Dist: LogUniform, Low: 0.01, High: 100},
		{Name: "normal", Dist: Normal, Low: -10, High: 10, Mean: 0, SD: 2},
		{Name: "normal cut", Dist: Normal, Low: 0, High: 1, Mean: 0.8, SD: 0.5},
		{Name: "normal tail", Dist: Normal, Low: 3, High: 5, Mean: 0, SD: 1},
	} {
		// Integrate over u = x, or u = log x for the log-uniform, whose
		// density 1/x is too curved near Low for an even grid in x.
		x, dx, lo, hi := func(u float64) float64 { return u }, func(float64) float64 { return 1 }, p.Low, p.High
		if p.Dist == LogUniform {
			x, dx, lo, hi = math.Exp, math.Exp, math.Log(p.Low), math.Log(p.High)
		}
		const n = 20000
		var m0, m1, m2 float64
		h := (hi - lo) / n
		for i := 0; i <= n; i++ {
			u := lo + float64(i)*h
			w := 2.0
			switch {
			case i == 0 || i == n:
				w = 1
			case i%2 == 1:
				w = 4
			}
			x := math.Min(math.Max(x(u), p.Low), p.High) // exp(log High) may round above High
			f := w * p.Density(x) * dx(u) * h / 3
			m0 += f
			m1 += f * x
			m2 += f * x * x
		}
		mean, sd := p.Moments()
		numSD := math.Sqrt(m2 - m1*m1)
		if math.Abs(m0-1) > 1e-6 || math.Abs(m1-mean) > 1e-6*sd+1e-9 || math.Abs(numSD-sd) > 1e-5*sd {
			t.Errorf("%s: ∫f = %.9f, mean %.9f (Moments %.9f), sd %.9f (Moments %.9f)", p.Name, m0, m1, mean, numSD, sd)
		}
		if d := p.Density(p.Low - 1e-9); d != 0 {
			t.Errorf("%s: density %v below the range", p.Name, d)
		}
		r := rand.New(rand.NewSource(3))
		const draws = 40000
		var s1, s2 float64
		for range draws {
			x := p.sample(r)
			if !p.InSupport(x) {
				t.Fatalf("%s: draw %v outside [%v, %v]", p.Name, x, p.Low, p.High)
			}
			s1 += x
			s2 += x * x
		}
		sm := s1 / draws
		ssd := math.Sqrt(s2/draws - sm*sm)
		if math.Abs(sm-mean) > 5*sd/math.Sqrt(draws) || math.Abs(ssd/sd-1) > 0.03 {
			t.Errorf("%s: sample mean %.4f sd %.4f, prior %.4f %.4f", p.Name, sm, ssd, mean, sd)
		}
	}
}

func TestDistance(t *testing.T) {
	d, err := NewDistance([]float64{1, 10}, []float64{0.5, 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		sim  []float64
		want float64
	}{
		{[]float64{1, 10}, 0},
		{[]float64{1.5, 10}, 1},
		{[]float64{1, 4}, 3},
		{[]float64{2.5, 2}, 5}, // 3-4-5 in standard units
	} {
		if got := d.Of(tt.sim); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("Of(%v) = %v, want %v", tt.sim, got, tt.want)
		}
	}
	if got := d.Of([]float64{math.NaN(), 10}); !math.IsNaN(got) {
		t.Errorf("a NaN summary gives %v, want NaN", got)
	}
	for _, tt := range []struct {
		obs, scale []float64
		want       string
	}{
		{nil, nil, "no observed"},
		{[]float64{1}, []float64{1, 2}, "2 scales for 1"},
		{[]float64{math.Inf(1)}, []float64{1}, "observed summary 0"},
		{[]float64{1}, []float64{0}, "positive"},
		{[]float64{1}, []float64{math.NaN()}, "positive"},
	} {
		if _, err := NewDistance(tt.obs, tt.scale); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("NewDistance(%v, %v): %v, want an error saying %q", tt.obs, tt.scale, err, tt.want)
		}
	}
}

func TestConfigCheck(t *testing.T) {
	good := Config{Prior: Prior{{Name: "x", Low: 0, High: 1}}, N: 10, MaxGenerations: 3}
	if err := good.Check(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		edit func(*Config)
		want string
	}{
		{"no prior", func(c *Config) { c.Prior = nil }, "no parameters"},
		{"bad prior", func(c *Config) { c.Prior[0].High = 0 }, "Low < High"},
		{"N", func(c *Config) { c.N = 1 }, "at least 2"},
		{"quantile", func(c *Config) { c.Quantile = 1 }, "quantile"},
		{"kernel", func(c *Config) { c.Kernel = "wide" }, "unknown kernel"},
		{"generations", func(c *Config) { c.MaxGenerations = 0 }, "max generations"},
		{"acceptance", func(c *Config) { c.MinAcceptance = 1.5 }, "acceptance"},
		{"epsilon", func(c *Config) { c.MinEpsilon = -1 }, "minimum epsilon"},
	} {
		c := good
		c.Prior = slices.Clone(good.Prior)
		tt.edit(&c)
		if err := c.Check(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want an error saying %q", tt.name, err, tt.want)
		}
	}
}

// TestBatchSize works the formula m/p + 2√(m(1−p))/p by hand, m being
// the acceptances still missing after those expected in flight.
func TestBatchSize(t *testing.T) {
	for _, tt := range []struct {
		need, outstanding int
		p                 float64
		want              int
	}{
		{100, 0, 1, 100},     // generation 0: exactly the missing ones
		{100, 40, 1, 60},     // the outstanding ones count
		{100, 100, 1, 0},     // enough in flight
		{100, 0, 0.5, 229},   // 200 + 2√50/0.5 = 228.28
		{10, 0, 0.01, 1630},  // 1000 + 2√9.9/0.01 = 1629.28
		{1, 0, 0.5, 5},       // 2 + 2√0.5/0.5 = 4.83
		{100, 400, 0.2, 140}, // 80 expected in flight; m = 20: 100 + 2√16/0.2
		{100, 500, 0.2, 0},   // 100 expected in flight
	} {
		if got := batchSize(tt.need, tt.outstanding, tt.p); got != tt.want {
			t.Errorf("batchSize(%d, %d, %v) = %d, want %d", tt.need, tt.outstanding, tt.p, got, tt.want)
		}
	}
}

func TestCandidateLimit(t *testing.T) {
	for _, tt := range []struct {
		n    int
		rate float64
		want int
	}{
		{1000, 0.01, 100000},
		{1000, 0.1, 10000},
		{1000, 0.3, 3333},
		{1000, 1, 1000},
		{7, 0.5, 14},
		{1000, 1e-300, 0}, // no limit
	} {
		got := candidateLimit(tt.n, tt.rate)
		if got != tt.want {
			t.Errorf("candidateLimit(%d, %v) = %d, want %d", tt.n, tt.rate, got, tt.want)
		}
		if got > 0 && (float64(tt.n)/float64(got) < tt.rate || float64(tt.n)/float64(got+1) >= tt.rate) {
			t.Errorf("candidateLimit(%d, %v) = %d is not the largest L with N/L ≥ rate", tt.n, tt.rate, got)
		}
	}
}

// testGeneration is generation 1 of a one-parameter calibration on [0, 1]
// whose previous population crowds against the lower bound, so that many
// proposals fall outside the support.
func testGeneration(t *testing.T, n int, kernel Kernel) (*Generation, Config) {
	t.Helper()
	cfg := Config{Prior: Prior{{Name: "x", Low: 0, High: 1}}, N: n, MaxGenerations: 5, MinAcceptance: 0.25, Kernel: kernel, Seed: 9}
	prev := Population{Generation: 0, Epsilon: math.Inf(1), Candidates: n, Evaluated: n}
	for i := range n {
		x := 0.1 * float64(i) / float64(n)
		prev.Particles = append(prev.Particles, Particle{Index: i, Theta: []float64{x}, Weight: 1 / float64(n), Distance: x})
	}
	g, err := Next(cfg, prev)
	if err != nil {
		t.Fatal(err)
	}
	return g, cfg
}

func TestProposeInSupportAndPure(t *testing.T) {
	for _, kernel := range []Kernel{Global, Local} {
		g, cfg := testGeneration(t, 50, kernel)
		redraws := 0
		for i := range 5000 {
			c, err := g.Propose(i)
			if err != nil {
				t.Fatal(err)
			}
			if !cfg.Prior.InSupport(c.Theta) {
				t.Fatalf("%s: candidate %d at %v, outside [0, 1]", kernel, i, c.Theta)
			}
			if c.Parent < 0 || c.Parent >= 50 || c.Index != i || c.Generation != 1 {
				t.Fatalf("%s: candidate %d: %+v", kernel, i, c)
			}
			redraws += c.Redraws
			again, _ := g.Propose(i)
			if !reflect.DeepEqual(c, again) {
				t.Fatalf("%s: candidate %d proposed twice differs", kernel, i)
			}
		}
		if redraws == 0 {
			t.Errorf("%s: no redraws in 5000 proposals against a bound", kernel)
		}
		if kernel != Global {
			continue
		}
		// A proposal leaves [0, 1] with probability p, the mean over
		// parents x_j of Φ(−x_j/σ) + Φ((x_j − 1)/σ), σ² = 2 Var; the
		// redraws of one candidate are geometric, with mean p/(1−p) and
		// variance p/(1−p)².
		var m, v, out float64
		for _, q := range g.prev {
			m += q.Weight * q.Theta[0]
		}
		for _, q := range g.prev {
			v += q.Weight * (q.Theta[0] - m) * (q.Theta[0] - m)
		}
		sd := math.Sqrt(2 * v)
		for _, q := range g.prev {
			out += q.Weight * (distuv.UnitNormal.CDF(-q.Theta[0]/sd) + distuv.UnitNormal.CDF((q.Theta[0]-1)/sd))
		}
		want := 5000 * out / (1 - out)
		if tol := 5 * math.Sqrt(5000*out) / (1 - out); math.Abs(float64(redraws)-want) > tol {
			t.Errorf("%d redraws in 5000 proposals, expected %.0f ± %.0f", redraws, want, tol/5)
		}
	}
}

func TestStatus(t *testing.T) {
	g, _ := testGeneration(t, 3, Global) // ε = the median distance, 0.0333…
	eps := g.Epsilon()
	in, out := eps/2, eps*2
	ev := func(pairs ...float64) []Evaluation {
		var e []Evaluation
		for k := 0; k < len(pairs); k += 2 {
			e = append(e, Evaluation{int(pairs[k]), pairs[k+1]})
		}
		return e
	}
	for _, tt := range []struct {
		name       string
		evals      []Evaluation
		want       Status
		candidates int
		err        string
	}{
		{"none", nil, Pending, 0, ""},
		{"three in", ev(0, in, 1, in, 2, in), Complete, 3, ""},
		{"at ε is in", ev(0, eps, 1, eps, 2, eps), Complete, 3, ""},
		{"any order", ev(2, in, 0, in, 1, in), Complete, 3, ""},
		{"gap", ev(0, in, 1, in, 3, in, 4, in), Pending, 0, ""},
		{"gap after the third", ev(0, in, 1, out, 2, in, 3, in, 5, in), Complete, 4, ""},
		{"abandoned", ev(0, in, 1, out, 2, out, 3, out, 4, out, 5, out, 6, out, 7, out, 8, out, 9, out, 10, out, 11, out), Abandoned, 0, ""},
		{"complete at the limit", ev(0, in, 1, out, 2, out, 3, out, 4, out, 5, out, 6, out, 7, out, 8, out, 9, out, 10, in, 11, in), Complete, 12, ""},
		{"twice", ev(0, in, 0, in), 0, 0, "twice"},
		{"nan", ev(0, math.NaN()), 0, 0, "NaN"},
		{"negative distance", ev(0, -1), 0, 0, "distance -1"},
		{"negative index", ev(-1, in), 0, 0, "negative"},
	} {
		st, err := g.Status(tt.evals)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: %v, want an error saying %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil || st != tt.want {
			t.Errorf("%s: %v, %v; want %v", tt.name, st, err, tt.want)
			continue
		}
		pop, err := g.Population(tt.evals)
		if (err == nil) != (st == Complete) {
			t.Errorf("%s: Population error %v for a generation %v", tt.name, err, st)
		}
		if st == Complete {
			if pop.Candidates != tt.candidates || len(pop.Particles) != 3 || pop.Evaluated != len(tt.evals) {
				t.Errorf("%s: %d candidates, %d particles, %d evaluated; want %d, 3, %d", tt.name, pop.Candidates, len(pop.Particles), pop.Evaluated, tt.candidates, len(tt.evals))
			}
			checkWeights(t, pop)
		}
	}
}

// TestMore: the batches More asks for complete a generation, in a few
// rounds, and never exceed what the minimum acceptance rate allows.
func TestMore(t *testing.T) {
	g, cfg := testGeneration(t, 40, Global)
	dist := func(i int) float64 {
		c, err := g.Propose(i)
		if err != nil {
			t.Fatal(err)
		}
		return c.Theta[0] // accepted with probability about a half
	}
	var evals []Evaluation
	proposed, rounds := 0, 0
	for ; rounds < 10; rounds++ {
		if st, _ := g.Status(evals); st != Pending {
			break
		}
		k, err := g.More(proposed, evals)
		if err != nil {
			t.Fatal(err)
		}
		if k < 1 {
			t.Fatalf("round %d: More = %d with nothing outstanding", rounds, k)
		}
		for i := proposed; i < proposed+k; i++ {
			evals = append(evals, Evaluation{i, dist(i)})
		}
		proposed += k
	}
	if st, _ := g.Status(evals); st != Complete || rounds > 3 {
		t.Errorf("%v after %d rounds of More", st, rounds)
	}
	if proposed > candidateLimit(cfg.N, cfg.MinAcceptance) {
		t.Errorf("proposed %d, beyond the limit %d", proposed, candidateLimit(cfg.N, cfg.MinAcceptance))
	}
	if k, err := g.More(proposed, evals); k != 0 || err != nil {
		t.Errorf("More on a complete generation = %d, %v", k, err)
	}
	if _, err := g.More(1, evals); err == nil {
		t.Error("More accepts evaluations of candidates never proposed")
	}
	// With everything rejected, More stops at the limit: 160 for N = 40
	// at a minimum rate of 0.25.
	var none []Evaluation
	proposed = 0
	for range 100 {
		k, _ := g.More(proposed, none)
		if k == 0 {
			break
		}
		for i := proposed; i < proposed+k; i++ {
			none = append(none, Evaluation{i, 1})
		}
		proposed += k
	}
	if st, _ := g.Status(none); st != Abandoned || proposed != 160 {
		t.Errorf("all rejected: %v after %d proposals, want abandoned after 160", st, proposed)
	}
}

// TestWeightsByFormula recomputes generation-1 weights of the global
// kernel directly: prior density over Σ_j W_j N(θ_i; θ_j, 2 Var).
func TestWeightsByFormula(t *testing.T) {
	g, cfg := testGeneration(t, 30, Global)
	var evals []Evaluation
	for i := range 200 {
		c, _ := g.Propose(i)
		evals = append(evals, Evaluation{i, c.Theta[0]})
	}
	pop, err := g.Population(evals)
	if err != nil {
		t.Fatal(err)
	}
	var m, v float64
	for _, p := range g.prev {
		m += p.Weight * p.Theta[0]
	}
	for _, p := range g.prev {
		v += p.Weight * (p.Theta[0] - m) * (p.Theta[0] - m)
	}
	sd := math.Sqrt(2 * v)
	raw := make([]float64, len(pop.Particles))
	total := 0.0
	for i, p := range pop.Particles {
		q := 0.0
		for _, j := range g.prev {
			z := (p.Theta[0] - j.Theta[0]) / sd
			q += j.Weight * math.Exp(-z*z/2) / (sd * math.Sqrt(2*math.Pi))
		}
		raw[i] = cfg.Prior.Density(p.Theta) / q
		total += raw[i]
	}
	for i, p := range pop.Particles {
		if math.Abs(p.Weight-raw[i]/total) > 1e-12 {
			t.Fatalf("particle %d: weight %v, formula %v", i, p.Weight, raw[i]/total)
		}
		if p.Distance > g.Epsilon() {
			t.Fatalf("particle %d: distance %v above ε %v", i, p.Distance, g.Epsilon())
		}
	}
	checkWeights(t, pop)
}

func TestMinAcceptanceStops(t *testing.T) {
	// Distances are noise, unrelated to θ: each generation halves ε and so
	// accepts about half its candidates, below the minimum of 0.6.
	cfg := Config{Prior: Prior{{Name: "x", Low: 0, High: 1}}, N: 100, MaxGenerations: 10, MinAcceptance: 0.6, Seed: 1}
	calls := map[int]int{}
	res, err := Run(context.Background(), cfg, func(c Candidate) (float64, error) {
		calls[c.Generation]++
		return rand.New(rand.NewSource(c.Seed)).Float64(), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Stop != StopAcceptance || len(res.Populations) != 1 {
		t.Fatalf("stopped by %q after %d generations, want %q after 1", res.Stop, len(res.Populations), StopAcceptance)
	}
	if calls[1] > candidateLimit(100, 0.6) {
		t.Errorf("generation 1 evaluated %d candidates; the rule allows %d", calls[1], candidateLimit(100, 0.6))
	}
}

func TestStopRules(t *testing.T) {
	cfg := Config{MaxGenerations: 3, MinEpsilon: 0.5}
	for _, tt := range []struct {
		gen  int
		eps  float64
		want Stop
	}{
		{0, math.Inf(1), Continue},
		{1, 0.6, Continue},
		{1, 0.5, StopEpsilon},
		{2, 0.6, StopGenerations},
		{2, 0.4, StopEpsilon},
	} {
		if got := cfg.Stop(Population{Generation: tt.gen, Epsilon: tt.eps}); got != tt.want {
			t.Errorf("generation %d ε %v: %q, want %q", tt.gen, tt.eps, got, tt.want)
		}
	}
}

func TestResample(t *testing.T) {
	w := []float64{0.5, 0.25, 0.125, 0.0625, 0.0625, 0}
	pop := Population{Generation: 4}
	for i, x := range w {
		pop.Particles = append(pop.Particles, Particle{Index: i, Theta: []float64{float64(i)}, Weight: x})
	}
	for _, n := range []int{1, 7, 16, 1000} {
		idx, err := Resample(pop, n, 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(idx) != n || !slices.IsSorted(idx) {
			t.Fatalf("n = %d: %v", n, idx)
		}
		count := make([]int, len(w))
		for _, i := range idx {
			count[i]++
		}
		for i, c := range count {
			e := float64(n) * w[i]
			if float64(c) < math.Floor(e) || float64(c) > math.Ceil(e) {
				t.Errorf("n = %d: particle %d (weight %v) drawn %d times; systematic resampling gives ⌊%v⌋ or ⌈%v⌉", n, i, w[i], c, e, e)
			}
		}
		again, _ := Resample(pop, n, 3)
		if !slices.Equal(idx, again) {
			t.Errorf("n = %d: the same seed gives another draw", n)
		}
	}
	a, _ := Resample(pop, 7, 3)
	b, _ := Resample(pop, 7, 4)
	c, _ := Resample(pop, 7, 5)
	if slices.Equal(a, b) && slices.Equal(b, c) {
		t.Error("three seeds give the same draw of 7")
	}
	if _, err := Resample(pop, 0, 1); err == nil {
		t.Error("Resample of 0 points")
	}
}

func TestFromRowsErrors(t *testing.T) {
	rows := []Row{
		{Generation: 2, Epsilon: 1, Candidates: 5, Index: 0, Weight: 0.5, Theta: []float64{1}},
		{Generation: 2, Epsilon: 1, Candidates: 5, Index: 3, Weight: 0.5, Theta: []float64{2}},
	}
	for _, tt := range []struct {
		name string
		edit func([]Row)
		want string
	}{
		{"generation", func(r []Row) { r[1].Generation = 3 }, "another population"},
		{"epsilon", func(r []Row) { r[1].Epsilon = 2 }, "another population"},
		{"dimension", func(r []Row) { r[1].Theta = []float64{1, 2} }, "parameters"},
		{"repeated", func(r []Row) { r[1].Index = 0 }, "twice"},
	} {
		r := slices.Clone(rows)
		tt.edit(r)
		if _, err := FromRows(r); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want an error saying %q", tt.name, err, tt.want)
		}
	}
	if _, err := FromRows(nil); err == nil {
		t.Error("FromRows(nil) gives no error")
	}
	// Next checks the rest against the configuration.
	pop, err := FromRows(rows)
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Prior: Prior{{Name: "x", Low: 0, High: 1.5}}, N: 2, MaxGenerations: 5}
	if _, err := Next(cfg, pop); err == nil || !strings.Contains(err.Error(), "outside the prior's support") {
		t.Errorf("Next on a particle outside the support: %v", err)
	}
	cfg.Prior[0].High = 3
	pop.Particles[0].Weight = 0.7
	if _, err := Next(cfg, pop); err == nil || !strings.Contains(err.Error(), "sum to") {
		t.Errorf("Next on weights summing to 1.2: %v", err)
	}
}

// FuzzStatus: whatever the evaluations, Status does not panic, does not
// depend on their order, and agrees with Population.
func FuzzStatus(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5}, uint64(1))
	f.Add([]byte{5, 4, 3, 3, 0}, uint64(2))
	f.Fuzz(func(t *testing.T, data []byte, seed uint64) {
		g, _ := testGeneration(t, 3, Global)
		var evals []Evaluation
		for k := 0; k+1 < len(data); k += 2 {
			evals = append(evals, Evaluation{int(data[k] % 32), float64(data[k+1]) / 2000})
		}
		st, err := g.Status(evals)
		r := slices.Clone(evals)
		rand.New(rand.NewSource(seed)).Shuffle(len(r), func(i, j int) { r[i], r[j] = r[j], r[i] })
		st2, err2 := g.Status(r)
		if st != st2 || (err == nil) != (err2 == nil) {
			t.Fatalf("status %v (%v) in one order, %v (%v) in another", st, err, st2, err2)
		}
		pop, perr := g.Population(evals)
		if err == nil && (perr == nil) != (st == Complete) {
			t.Fatalf("status %v but Population error %v", st, perr)
		}
		if perr == nil {
			pop2, _ := g.Population(r)
			if !reflect.DeepEqual(pop, pop2) {
				t.Fatal("Population depends on the order of evaluations")
			}
		}
	})
}

// TestInvariants runs short calibrations over random priors, sizes and
// kernels with a distance that depends on θ and on noise: every
// population's weights are non-negative and sum to 1, its ESS lies in
// [1, N], its particles lie in the support and within its ε, and the
// tolerances never increase.
func TestInvariants(t *testing.T) {
	r := rand.New(rand.NewSource(77))
	dists := []Dist{Uniform, Normal, LogUniform}
	stops := map[Stop]int{} // generations run, by the rule that stopped
	defer func() { t.Logf("generations by stopping rule: %v", stops) }()
	for trial := range 30 {
		var prior Prior
		for k := range 1 + r.Intn(3) {
			lo := r.Float64()*4 - 2
			p := Param{Name: string(rune('a' + k)), Dist: dists[r.Intn(3)], Low: lo, High: lo + 0.1 + 5*r.Float64()}
			if p.Dist == LogUniform {
				p.Low, p.High = math.Exp(p.Low), math.Exp(p.High)
			}
			if p.Dist == Normal {
				p.Mean, p.SD = p.Low+(p.High-p.Low)*(r.Float64()*1.4-0.2), 0.1+r.Float64()
			}
			prior = append(prior, p)
		}
		cfg := Config{
			Prior: prior, N: 5 + r.Intn(60), Kernel: []Kernel{Global, Local}[r.Intn(2)],
			Quantile: []float64{0, 0.2, 0.8}[r.Intn(3)], MaxGenerations: 5, MinAcceptance: 0.02, Seed: r.Uint64(),
		}
		target := make([]float64, len(prior))
		for k, p := range prior {
			target[k] = p.Low + (p.High-p.Low)*r.Float64()
		}
		res, err := Run(context.Background(), cfg, func(c Candidate) (float64, error) {
			s := rand.New(rand.NewSource(c.Seed)).NormFloat64() * 0.1
			for k, x := range c.Theta {
				z := (x - target[k]) / (prior[k].High - prior[k].Low)
				s += z * z
			}
			return math.Abs(s), nil
		})
		if err != nil {
			t.Fatalf("trial %d (%+v): %v", trial, cfg, err)
		}
		stops[res.Stop] += len(res.Populations)
		prev := math.Inf(1)
		for _, p := range res.Populations {
			checkWeights(t, p)
			if p.Epsilon > prev {
				t.Errorf("trial %d: ε rose from %v to %v", trial, prev, p.Epsilon)
			}
			prev = p.Epsilon
			for _, q := range p.Particles {
				if !prior.InSupport(q.Theta) || q.Distance > p.Epsilon {
					t.Fatalf("trial %d generation %d: particle %+v outside the support or above ε %v", trial, p.Generation, q, p.Epsilon)
				}
			}
		}
	}
}
