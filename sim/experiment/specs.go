package experiment

import (
	"fmt"

	"github.com/govsim/govsim/sim"
)

// Specs is a list of runs made on demand: a sweep of millions of runs
// never holds their configurations at once, and At(i) is the same Spec
// whenever and wherever it is asked for.
type Specs struct {
	n  int
	at func(i int) (Spec, error)
}

// Len is the number of runs.
func (s Specs) Len() int { return s.n }

// At makes run i's Spec; an error is a design point that its scenario
// refuses (a value out of range).
func (s Specs) At(i int) (Spec, error) {
	if i < 0 || i >= s.n {
		return Spec{}, fmt.Errorf("experiment: run %d of %d", i, s.n)
	}
	return s.at(i)
}

// List makes Specs of given runs, renumbered in order.
func List(specs ...Spec) Specs {
	return Specs{n: len(specs), at: func(i int) (Spec, error) {
		s := specs[i]
		s.ID = i
		return s, nil
	}}
}

// Ensemble is replicates [from, to) of every scenario, scenario-major, all
// from the master seed: replicate r of every scenario starts from the same
// state and draws from the same streams (common random numbers), so the
// scenarios are compared on the same luck. Run ids count from 0 in this
// list.
func Ensemble(scs []Scenario, from, to int, seed uint64) Specs {
	reps := max(0, to-from)
	return Specs{n: len(scs) * reps, at: func(i int) (Spec, error) {
		k, r := i/reps, from+i%reps
		sc := &scs[k]
		return Spec{ID: i, Scenario: sc.Name, Index: k, Replicate: r, Seed: seed, Point: -1,
			Config: sc.Config, Villages: sc.Villages}, nil
	}}
}

// Seed modes of a sweep: how a run's seed follows from the master seed.
const (
	// SeedsCommon gives every run of replicate r the streams of (seed, r),
	// whatever its point and scenario: common random numbers, so that
	// differences between points and between scenarios are not drowned in
	// replicate noise. It is also what an Ensemble does, so a sweep run
	// reproduces with govsim run on a scenario holding its point.
	SeedsCommon = "common"
	// SeedsPerPoint gives each design point a seed of its own, derived from
	// the master seed and the point; scenarios at one point still share it.
	SeedsPerPoint = "per-point"
)

// pointSalt keeps per-point seeds apart from the master seed itself.
const pointSalt = 0x632be59bd9b4e019

// RunSeed is the seed a sweep's run passes to sim.New (with its
// replicate): the master seed itself under SeedsCommon, or a seed derived
// from the master seed and the design point under SeedsPerPoint.
func RunSeed(mode string, master uint64, point int) uint64 {
	if mode == SeedsPerPoint {
		return sim.Mix(master ^ sim.Mix(uint64(point)^pointSalt))
	}
	return master
}

// SweepLayout numbers a sweep's runs point-major: id = (point × scenarios
// + scenario) × replicates + replicate, so a run's id, and with it its
// seed, depends only on the sweep, never on the order runs finish in, the
// workers or the shards.
type SweepLayout struct {
	Points, Scenarios, Replicates int
}

// Runs is the number of runs.
func (l SweepLayout) Runs() int { return l.Points * l.Scenarios * l.Replicates }

// Key splits a run id into its design point, scenario and replicate.
func (l SweepLayout) Key(id int) (point, scenario, replicate int) {
	r, ns := l.Replicates, l.Scenarios
	return id / (ns * r), (id / r) % ns, id % r
}

// Sweep is every (design point, scenario, replicate) of a designed
// experiment: params are the varied parameters and points their values,
// one row per point; seeds is SeedsCommon or SeedsPerPoint.
func Sweep(scs []Scenario, params []sim.Param, points [][]float64, replicates int, seed uint64, seeds string) Specs {
	l := SweepLayout{Points: len(points), Scenarios: len(scs), Replicates: replicates}
	return Specs{n: l.Runs(), at: func(id int) (Spec, error) {
		pt, k, r := l.Key(id)
		sc := &scs[k]
		s := Spec{ID: id, Scenario: sc.Name, Index: k, Replicate: r, Seed: RunSeed(seeds, seed, pt), Point: pt,
			Config: sc.Config, Villages: sc.Villages}
		if err := SetPoint(&s.Config, params, points[pt]); err != nil {
			return s, err
		}
		return s, nil
	}}
}

// SetPoint sets the parameters in cfg to a design point's values and
// checks the result as a whole (ranges and relations such as groups_min ≤
// groups_max).
func SetPoint(cfg *sim.Config, params []sim.Param, values []float64) error {
	for i, p := range params {
		if err := p.Set(cfg, values[i]); err != nil {
			return err
		}
	}
	return cfg.Validate()
}
