package abc

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
)

// maxRedraws bounds the draws of one candidate that fall outside the prior's
// support. A kernel at most √2 times the population's spread leaves a box
// with probability well below one only in many dimensions, so reaching the
// bound means a prior or population that cannot be sampled, not bad luck.
const maxRedraws = 1_000_000

// Config is everything a calibration's generations depend on besides the
// previous population and the distances the caller measures.
type Config struct {
	Prior Prior
	// N is the population size: the number of particles each generation
	// accepts. At least 2 (a kernel needs a spread); in practice hundreds
	// to a few thousand.
	N int
	// Quantile of the previous generation's weighted distances that sets
	// the next tolerance; 0 means 0.5, the median (as pyABC's
	// QuantileEpsilon). Smaller values shrink the tolerance faster and
	// lower the acceptance rate.
	Quantile float64
	// Kernel is Global (the default, "") or Local.
	Kernel Kernel
	// MaxGenerations counts generations including generation 0, the prior
	// sample; at least 1.
	MaxGenerations int
	// MinAcceptance stops the calibration when a generation would accept
	// fewer than this share of its candidates; 0 disables the rule.
	MinAcceptance float64
	// MinEpsilon stops the calibration after a generation whose tolerance
	// is at or below it; the tolerance is never set below it.
	MinEpsilon float64
	// Seed makes every draw: candidate i of generation g is a function of
	// (Seed, g, i) and the previous population alone.
	Seed uint64
}

// Check reports the first problem with c.
func (c Config) Check() error {
	if err := c.Prior.Check(); err != nil {
		return err
	}
	switch {
	case c.N < 2:
		return fmt.Errorf("population size N = %d; at least 2", c.N)
	case !(c.Quantile >= 0 && c.Quantile < 1):
		return fmt.Errorf("quantile %v; want 0 < q < 1 (0 for the median)", c.Quantile)
	case c.Kernel != "" && c.Kernel != Global && c.Kernel != Local:
		return fmt.Errorf("unknown kernel %q (want %s or %s)", c.Kernel, Global, Local)
	case c.MaxGenerations < 1:
		return fmt.Errorf("max generations %d; at least 1 (generation 0 is the prior sample)", c.MaxGenerations)
	case !(c.MinAcceptance >= 0 && c.MinAcceptance <= 1):
		return fmt.Errorf("minimum acceptance rate %v; want 0 ≤ rate ≤ 1", c.MinAcceptance)
	case !(c.MinEpsilon >= 0) || math.IsInf(c.MinEpsilon, 1):
		return fmt.Errorf("minimum epsilon %v; want a finite value ≥ 0", c.MinEpsilon)
	}
	return nil
}

func (c Config) quantile() float64 {
	if c.Quantile == 0 {
		return 0.5
	}
	return c.Quantile
}

// Candidate is one proposed parameter point.
type Candidate struct {
	Generation, Index int
	Theta             []float64 // in the prior's parameter order, inside its support
	// Parent is the index in the previous population of the particle that
	// was perturbed to give Theta; −1 in generation 0.
	Parent int
	// Redraws counts the draws (parent and perturbation) that fell outside
	// the prior's support before Theta.
	Redraws int
	// Seed is for the candidate's simulation: derived from (Config.Seed,
	// generation, index) through a stream of its own, so that the
	// simulation, too, is the same whoever runs it and whenever.
	Seed uint64
}

// Evaluation is what the caller measured for a candidate: its distance
// (see [Distance]) from the observed summaries.
type Evaluation struct {
	Index    int
	Distance float64
}

// Status says where a generation stands given the evaluations so far.
type Status int

const (
	// Pending: fewer than N of the contiguous evaluated candidates
	// 0, 1, … are accepted; propose or evaluate more.
	Pending Status = iota
	// Complete: the first N accepted candidates in index order are known;
	// [Generation.Population] gives them.
	Complete
	// Abandoned: the first ⌊N / MinAcceptance⌋ candidates are evaluated
	// and fewer than N accepted, so the acceptance rate is below the
	// minimum whatever follows; the calibration stops with the previous
	// population.
	Abandoned
)

func (s Status) String() string {
	switch s {
	case Pending:
		return "pending"
	case Complete:
		return "complete"
	case Abandoned:
		return "abandoned"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Generation proposes the candidates of one generation and, once they are
// evaluated, forms its population. It holds only what the previous
// population and the configuration determine; the evaluations are the
// caller's, passed in whole to each call, so a generation can be rebuilt
// at any time (after a crash, on another machine) from the previous
// population's rows and the evaluations saved so far.
//
// Its methods do not modify it and may be called from many goroutines.
type Generation struct {
	cfg    Config
	number int
	eps    float64
	prev   []Particle
	cum    []float64 // cumulative weights of prev, for choosing parents
	kern   []mvn     // one shared kernel (Global) or one per parent (Local)
	limit  int       // the most candidates a generation may need; 0 for no limit
}

// Start returns generation 0: candidates are independent draws from the
// prior, and every one is accepted (tolerance +Inf), so its population is
// the first N candidates with equal weights. Their distances set the first
// real tolerance: generation 1's is their median (Config.Quantile). This is
// pyABC's default way to choose the initial tolerance, without spending a
// separate calibration sample.
func Start(cfg Config) (*Generation, error) {
	if err := cfg.Check(); err != nil {
		return nil, fmt.Errorf("abc: %w", err)
	}
	g := &Generation{cfg: cfg, eps: math.Inf(1)}
	g.cfg.Prior = slices.Clone(cfg.Prior)
	g.limit = cfg.N
	return g, nil
}

// Next returns the generation after prev. Its tolerance is the weighted
// Quantile of prev's distances (weighted, as pyABC's default, so the
// quantile is that of the distance under the current posterior estimate),
// but never below MinEpsilon; the adaptive schedule follows Del Moral,
// Doucet & Jasra (2012). Its kernel is built from prev (see [Kernel]).
func Next(cfg Config, prev Population) (*Generation, error) {
	if err := cfg.Check(); err != nil {
		return nil, fmt.Errorf("abc: %w", err)
	}
	if err := prev.check(cfg); err != nil {
		return nil, fmt.Errorf("abc: generation %d: %w", prev.Generation, err)
	}
	g := &Generation{cfg: cfg, number: prev.Generation + 1}
	g.cfg.Prior = slices.Clone(cfg.Prior)
	g.prev = make([]Particle, len(prev.Particles))
	for i, p := range prev.Particles {
		p.Theta = slices.Clone(p.Theta)
		g.prev[i] = p
	}
	g.eps = math.Max(weightedQuantile(g.prev, cfg.quantile()), cfg.MinEpsilon)
	g.cum = make([]float64, len(g.prev))
	s := 0.0
	for i, p := range g.prev {
		s += p.Weight
		g.cum[i] = s
	}
	var err error
	if g.kern, err = kernels(cfg.Kernel, g.prev, g.cfg.Prior, g.eps); err != nil {
		return nil, fmt.Errorf("abc: generation %d: %w", g.number, err)
	}
	if cfg.MinAcceptance > 0 {
		g.limit = candidateLimit(cfg.N, cfg.MinAcceptance)
	}
	return g, nil
}

// candidateLimit is the largest number of candidates L with N/L ≥ rate:
// a generation that needs more has an acceptance rate below rate. It is 0,
// no limit, when L would not fit exactly in a float64.
func candidateLimit(n int, rate float64) int {
	if float64(n)/rate > 1<<52 {
		return 0
	}
	l := int(math.Floor(float64(n) / rate))
	for float64(n)/float64(l+1) >= rate {
		l++
	}
	for l > n && float64(n)/float64(l) < rate {
		l--
	}
	return max(l, n)
}

// weightedQuantile is the smallest distance whose cumulative weight, with
// the particles sorted by distance, reaches q of the total.
func weightedQuantile(ps []Particle, q float64) float64 {
	s := slices.Clone(ps)
	slices.SortStableFunc(s, func(a, b Particle) int { return cmp.Compare(a.Distance, b.Distance) })
	total := 0.0
	for _, p := range s {
		total += p.Weight
	}
	c := 0.0
	for _, p := range s {
		c += p.Weight
		if c >= q*total {
			return p.Distance
		}
	}
	return s[len(s)-1].Distance
}

// Number is the generation's number, 0 for the prior sample.
func (g *Generation) Number() int { return g.number }

// Epsilon is the generation's tolerance: a candidate is accepted when its
// distance is at most Epsilon. +Inf in generation 0.
func (g *Generation) Epsilon() float64 { return g.eps }

// Propose returns candidate i (i ≥ 0). It depends on (Config.Seed, the
// generation's number, i) and the previous population only, so candidates
// can be proposed in any order, in batches, on any machine, and again after
// a restart, always the same.
//
// After generation 0, a candidate resamples a parent from the previous
// population by weight and perturbs it with the kernel; when the result
// lies outside the prior's support, both the parent and the perturbation
// are drawn again from the same stream. Redrawing the parent too (rather
// than perturbing the same parent again) makes the proposal density the
// mixture Σ_j W_j K_j(θ) restricted to the support, up to one constant
// common to all candidates, which the normalised weights cancel; redrawing
// only the perturbation would give each parent its own truncation constant.
//
// The error reports a candidate that found no point inside the support in
// a million draws.
func (g *Generation) Propose(i int) (Candidate, error) {
	if i < 0 {
		return Candidate{}, fmt.Errorf("abc: generation %d: negative candidate index %d", g.number, i)
	}
	prior := g.cfg.Prior
	d := len(prior)
	r := newRand(candidateSeed(saltPropose, g.cfg.Seed, g.number, i))
	c := Candidate{
		Generation: g.number, Index: i, Parent: -1, Theta: make([]float64, d),
		Seed: candidateSeed(saltSimulate, g.cfg.Seed, g.number, i),
	}
	if g.number == 0 {
		for k, p := range prior {
			c.Theta[k] = p.sample(r)
		}
		return c, nil
	}
	z := make([]float64, d)
	total := g.cum[len(g.cum)-1]
	for ; c.Redraws < maxRedraws; c.Redraws++ {
		u := r.Float64() * total
		j := min(sort.SearchFloat64s(g.cum, u), len(g.cum)-1)
		for g.prev[j].Weight == 0 && j+1 < len(g.cum) { // u on a zero-weight step
			j++
		}
		k := &g.kern[0]
		if len(g.kern) > 1 {
			k = &g.kern[j]
		}
		k.draw(r, g.prev[j].Theta, c.Theta, z)
		if prior.InSupport(c.Theta) {
			c.Parent = j
			return c, nil
		}
	}
	return Candidate{}, fmt.Errorf("abc: generation %d candidate %d: no draw inside the prior's support in %d tries", g.number, i, maxRedraws)
}

// tally is what a set of evaluations says about a generation.
type tally struct {
	status     Status
	candidates int   // the contiguous prefix evaluated, up to completion
	accepted   []int // accepted indices in the prefix, at most N
	all        int   // accepted among all evaluations
	evaluated  int
}

func (g *Generation) tally(evals []Evaluation) (tally, error) {
	s := slices.Clone(evals)
	slices.SortFunc(s, func(a, b Evaluation) int { return cmp.Compare(a.Index, b.Index) })
	t := tally{evaluated: len(s)}
	prefix := true
	for k, e := range s {
		switch {
		case e.Index < 0:
			return tally{}, fmt.Errorf("abc: generation %d: negative candidate index %d", g.number, e.Index)
		case k > 0 && s[k-1].Index == e.Index:
			return tally{}, fmt.Errorf("abc: generation %d: candidate %d evaluated twice", g.number, e.Index)
		case math.IsNaN(e.Distance) || e.Distance < 0:
			return tally{}, fmt.Errorf("abc: generation %d: candidate %d has distance %v", g.number, e.Index, e.Distance)
		}
		ok := e.Distance <= g.eps
		if ok {
			t.all++
		}
		if !prefix || t.status != Pending {
			continue
		}
		if e.Index != t.candidates {
			prefix = false
			continue
		}
		t.candidates++
		if ok {
			t.accepted = append(t.accepted, e.Index)
			if len(t.accepted) == g.cfg.N {
				t.status = Complete
				continue
			}
		}
		if g.limit > 0 && t.candidates == g.limit {
			t.status = Abandoned
		}
	}
	return t, nil
}

// Status says whether the evaluations complete the generation. The
// evaluations may come in any order and have gaps; only the contiguous run
// of candidates 0, 1, … counts towards completion. It reports a negative
// or repeated index and a distance that is NaN or negative.
func (g *Generation) Status(evals []Evaluation) (Status, error) {
	t, err := g.tally(evals)
	return t.status, err
}

// More returns how many candidates to propose next, after the proposed
// ones (indices 0 … proposed−1, of which evals are evaluated and the rest
// outstanding): 0 when the generation is complete or abandoned, or when
// the outstanding candidates are expected to complete it.
//
// The acceptance probability is estimated from the evaluations so far as
// (accepted + 1)/(evaluated + 2), which stays positive before the first
// acceptance; the number of further candidates needed for the m accepted
// still missing (after those expected from the outstanding ones) is then
// negative binomial, and More asks for its mean plus two standard
// deviations, m/p + 2√(m(1−p))/p, so that one batch usually completes the
// generation and a cluster can be given a whole batch at once. It never
// asks beyond the candidates a generation may need under MinAcceptance.
// Generation 0 accepts everything, so it asks for exactly the N missing.
func (g *Generation) More(proposed int, evals []Evaluation) (int, error) {
	t, err := g.tally(evals)
	if err != nil {
		return 0, err
	}
	if proposed < len(evals) {
		return 0, fmt.Errorf("abc: generation %d: %d evaluations of %d proposed candidates", g.number, len(evals), proposed)
	}
	for _, e := range evals {
		if e.Index >= proposed {
			return 0, fmt.Errorf("abc: generation %d: candidate %d evaluated but only %d proposed", g.number, e.Index, proposed)
		}
	}
	if t.status != Pending {
		return 0, nil
	}
	p := 1.0
	if g.number > 0 {
		p = float64(t.all+1) / float64(t.evaluated+2)
	}
	k := batchSize(g.cfg.N-t.all, proposed-t.evaluated, p)
	if g.limit > 0 {
		k = min(k, g.limit-proposed)
	}
	return max(k, 0), nil
}

// batchSize is the number of candidates to add when need more acceptances
// are wanted, outstanding candidates are in flight and each is accepted
// with probability p.
func batchSize(need, outstanding int, p float64) int {
	m := float64(need) - float64(outstanding)*p
	if m <= 0 {
		if outstanding > 0 {
			return 0
		}
		m = 1
	}
	if p >= 1 {
		return int(math.Ceil(m))
	}
	return int(math.Ceil(m/p + 2*math.Sqrt(m*(1-p))/p))
}

// Population forms the generation's population from complete evaluations:
// the first N accepted candidates in index order.
//
// Taking the first N by index, not the first N to finish, keeps the result
// independent of evaluation order, and it is unbiased: the candidates are
// independent and identically distributed (each from its own stream), so
// the accepted ones among 0, 1, 2, … are independent draws from the
// proposal conditioned on acceptance, and stopping at the N-th acceptance
// looks only at how many were accepted, not at their values. Taking the
// first to finish would favour parameters whose simulations run fast
// (Klinger, Rickert & Hasenauer 2018 discuss this bias of dynamic
// scheduling).
//
// Weights follow Beaumont et al. (2009) and Toni et al. (2009): in
// generation 0 all are 1/N; afterwards
//
//	w_i ∝ π(θ_i) / Σ_j W_j K_j(θ_i),
//
// the prior density over the proposal density (the previous weights W_j
// and the kernel of parent j), normalised to sum to 1. They are computed
// in logarithms, so distant parents cannot underflow the sum.
//
// The evaluations need not be sorted, may include candidates after the
// N-th acceptance (a batch's overshoot, counted in Evaluated only) and
// must include every candidate up to it. Population reports a generation
// that is not complete.
func (g *Generation) Population(evals []Evaluation) (Population, error) {
	t, err := g.tally(evals)
	if err != nil {
		return Population{}, err
	}
	if t.status != Complete {
		return Population{}, fmt.Errorf("abc: generation %d is %v: %d of %d candidates accepted among the first %d", g.number, t.status, len(t.accepted), g.cfg.N, t.candidates)
	}
	dist := make(map[int]float64, len(t.accepted))
	for _, e := range evals {
		dist[e.Index] = e.Distance
	}
	pop := Population{
		Generation: g.number, Epsilon: g.eps,
		Candidates: t.candidates, Evaluated: t.evaluated,
		Particles: make([]Particle, 0, g.cfg.N),
	}
	next := 0
	for i := range t.candidates {
		c, err := g.Propose(i)
		if err != nil {
			return Population{}, err
		}
		pop.Redraws += c.Redraws
		if next < len(t.accepted) && t.accepted[next] == i {
			pop.Particles = append(pop.Particles, Particle{Index: i, Theta: c.Theta, Distance: dist[i]})
			next++
		}
	}
	g.weigh(pop.Particles)
	return pop, nil
}

// weigh sets the normalised importance weights of ps.
func (g *Generation) weigh(ps []Particle) {
	if g.number == 0 {
		for i := range ps {
			ps[i].Weight = 1 / float64(len(ps))
		}
		return
	}
	d := len(g.cfg.Prior)
	y := make([]float64, d)
	logW := make([]float64, len(g.prev))
	for j, p := range g.prev {
		logW[j] = math.Log(p.Weight)
	}
	terms := make([]float64, len(g.prev))
	lw := make([]float64, len(ps))
	top := math.Inf(-1)
	for i, p := range ps {
		for j, q := range g.prev {
			k := &g.kern[0]
			if len(g.kern) > 1 {
				k = &g.kern[j]
			}
			terms[j] = logW[j] + k.logPDF(p.Theta, q.Theta, y)
		}
		lw[i] = g.cfg.Prior.LogDensity(p.Theta) - logSumExp(terms)
		top = math.Max(top, lw[i])
	}
	total := 0.0
	for i := range ps {
		ps[i].Weight = math.Exp(lw[i] - top)
		total += ps[i].Weight
	}
	for i := range ps {
		ps[i].Weight /= total
	}
}

func logSumExp(x []float64) float64 {
	top := math.Inf(-1)
	for _, v := range x {
		top = math.Max(top, v)
	}
	if math.IsInf(top, -1) {
		return top
	}
	s := 0.0
	for _, v := range x {
		s += math.Exp(v - top)
	}
	return top + math.Log(s)
}
