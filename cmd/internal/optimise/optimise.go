package optimise

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"

	"github.com/govsim/govsim/analysis"
	"github.com/govsim/govsim/analysis/pareto"
	"github.com/govsim/govsim/cmd/internal/drive"
	"github.com/govsim/govsim/cmd/internal/search"
	"github.com/govsim/govsim/output/report"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim/experiment"
	"github.com/govsim/govsim/sim/outdir"
	"github.com/govsim/govsim/sim/shard"
	"github.com/govsim/govsim/sim/table"
)

// Options are an optimisation and how to run it.
type Options struct {
	E   drive.Env
	Opt *scenarios.Optimisation // parsed, with the command line's overrides, built
	Out string
	// Force replaces the whole directory if govsim made it.
	Force    bool
	Workers  int
	Format   string // of the batches' tables
	Shard    shard.Shard
	Progress bool
	Font     report.ChartFont
}

// Design is the name an optimisation's batches record as their design.
const Design = "nsga2"

// Reference is the hypervolume's reference point in every objective, in
// objectives scaled so that generation 0 spans [0, 1] (see the package
// documentation).
const Reference = 1.1

// Run optimises: see the package documentation.
func Run(ctx context.Context, o Options) error {
	s, err := newOptimisation(o)
	if err != nil {
		return err
	}
	out, err := outdir.Claim(o.Out, outdir.Want{Kind: outdir.KindOptimisation, Settings: s.file.ID, Command: o.E.Args,
		Version: o.E.Build.Version, Force: o.Force, Resume: true, Shard: o.Shard, Differ: s.differ})
	if err != nil {
		return err
	}
	defer out.Close()
	s.root = out.Build
	if err := s.writeIdentity(); err != nil {
		return err
	}
	return s.run(ctx)
}

// optimisation is one session of an optimisation.
type optimisation struct {
	o       Options
	opt     *scenarios.Optimisation
	spec    table.OptimisationSpec
	file    table.OptimisationFile
	vars    []pareto.Var
	sums    *analysis.Targets
	runs    search.Runs
	root    string
	index   map[string]int // a point's bits → its package
	pkgs    []pkg          // by number − 1, in the order first proposed
	cands   []cand         // every candidate evaluated, generation by generation
	gens    []gen
	lo      []float64      // the hypervolume's scaling: generation 0's least value
	span    []float64      // and its range, of each objective as minimised
	session search.Session // reads and runs the batches
}

// pkg is one package: a point of the template, run once.
type pkg struct {
	x         []float64 // the first candidate that proposed it
	gen       int       // its generation
	outcomes  []analysis.Outcome
	f         []float64 // objectives as minimised
	violation float64
}

// cand is one candidate of a generation.
type cand struct {
	gen, index, pkg int
	x               []float64
}

// gen is what a generation gave.
type gen struct {
	number, candidates, packages, feasible, front int
	hv                                            float64
}

func newOptimisation(o Options) (*optimisation, error) {
	opt := o.Opt
	s := &optimisation{o: o, opt: opt, spec: opt.Spec(o.E.Build.Version), index: map[string]int{}}
	s.file = table.NewOptimisationFile(s.spec)
	for _, d := range s.spec.Decisions {
		switch d.Kind {
		case table.DecisionReal:
			s.vars = append(s.vars, pareto.Real(d.Name, d.Min, d.Max))
		case table.DecisionInt:
			s.vars = append(s.vars, pareto.Int(d.Name, int(d.Min), int(d.Max)))
		default:
			s.vars = append(s.vars, pareto.Choice(d.Name, len(d.Choices)))
		}
	}
	var targets []table.Target
	for _, m := range s.spec.Measures() {
		targets = append(targets, m.Target())
	}
	var err error
	if s.sums, err = analysis.NewTargets(targets, s.spec.Metrics); err != nil {
		return nil, fmt.Errorf("optimise: %w", err)
	}
	s.runs = search.Runs{E: o.E, Scenarios: []scenarios.Scenario{opt.Template}, Params: opt.TemplateParams, Factors: s.spec.Factors,
		Design: Design, Name: s.spec.Name, Replicates: s.spec.Replicates, Workers: o.Workers, Format: o.Format, Shard: o.Shard,
		Progress: o.Progress, Overrides: opt.Set, Seeds: experiment.SeedsCommon}
	return s, nil
}

// differ says how the directory's optimisation differs from this one.
func (s *optimisation) differ(dir string) string {
	old, err := table.ReadOptimisation(dir)
	if err != nil {
		return ""
	}
	return strings.Join(search.Differences(s.spec, old.Spec), "; ")
}

// writeIdentity writes optimise.json, unless the directory holds it.
func (s *optimisation) writeIdentity() error {
	return search.WriteIdentity(s.root, s.o.Out, table.OptimisationJSON, "optimisation", s.file.ID, s.spec, s.file.Marshal(),
		func(dir string) (string, table.OptimisationSpec, error) {
			f, err := table.ReadOptimisation(dir)
			return f.ID, f.Spec, err
		})
}

func (s *optimisation) say(format string, a ...any) { fmt.Fprintf(s.o.E.Stderr, format+"\n", a...) }

func (s *optimisation) run(ctx context.Context) error {
	s.session = search.Session{Runs: &s.runs, Root: s.root, Out: s.o.Out}
	s.say("optimise %s: %d decisions, %d objectives, %d constraints; population %d, %d generations (0 is the first sample), %d replicates of %s (%d months), every candidate on the same seeds -> %s",
		s.spec.Name, len(s.vars), len(s.spec.Objectives), len(s.spec.Constraints), s.spec.Population, s.opt.Generations,
		s.spec.Replicates, s.spec.Base.Name, s.opt.Template.Config.Months, s.o.Out)
	for _, note := range s.opt.Notes() {
		s.say("%s", note)
	}
	n := s.spec.Population
	var parents, all []pareto.Evaluated
	for g := range s.opt.Generations {
		var xs [][]float64
		var err error
		if g == 0 {
			xs, err = pareto.Initial(s.vars, n, s.spec.Seed)
		} else {
			xs, err = pareto.Offspring(s.vars, parents, g, s.spec.Seed, pareto.Options{})
		}
		if err != nil {
			return err
		}
		evals, fresh, err := s.generation(ctx, g, xs)
		if stopped, ok := err.(*search.Stopped); ok {
			s.say("%s", stopped.Msg)
			return s.writeTables(all)
		}
		if err != nil {
			return err
		}
		all = append(all, evals...)
		pool := evals
		if g > 0 {
			pool = append(slices.Clone(parents), evals...)
		}
		if parents, err = pareto.Select(pool, n); err != nil {
			return err
		}
		if g == 0 {
			s.setScale(evals)
		}
		front, err := s.front(all)
		if err != nil {
			return err
		}
		rec := gen{number: g, candidates: len(xs), packages: fresh, front: len(front), hv: s.hypervolume(front)}
		for _, e := range parents {
			if e.Feasible() {
				rec.feasible++
			}
		}
		s.gens = append(s.gens, rec)
		adaptive := 0
		for _, p := range front {
			if s.opt.Adaptive(s.pkgs[p].x) {
				adaptive++
			}
		}
		s.say("generation %d: %d new packages (%d runs); %d of the population feasible; front of %d packages (%d adaptive), hypervolume %.4f",
			g, fresh, fresh*s.spec.Replicates, rec.feasible, rec.front, adaptive, rec.hv)
		if err := s.writeTables(all); err != nil {
			return err
		}
	}
	return s.finish(all)
}

// key is a point's bits, the package's identity.
func key(pt []float64) string {
	b := make([]byte, 8*len(pt))
	for i, x := range pt {
		binary.LittleEndian.PutUint64(b[8*i:], math.Float64bits(x))
	}
	return string(b)
}

// generation evaluates generation g's candidates: the packages none before
// proposed run as the batch gen-G (or are read back from it); the others
// are taken as they were. It returns the evaluations, in candidate order,
// and how many packages were new.
func (s *optimisation) generation(ctx context.Context, g int, xs [][]float64) ([]pareto.Evaluated, int, error) {
	var fresh [][]float64
	var firstX [][]float64
	seen := map[string]bool{}
	keys := make([]string, len(xs))
	for i, x := range xs {
		pt := s.opt.Point(x)
		keys[i] = key(pt)
		if _, old := s.index[keys[i]]; !old && !seen[keys[i]] {
			seen[keys[i]] = true
			fresh = append(fresh, pt)
			firstX = append(firstX, x)
		}
	}
	name := fmt.Sprintf("gen-%d", g)
	planned, exists, err := search.Existing(s.root, name)
	if err != nil {
		return nil, 0, err
	}
	if exists && !search.SamePoints(planned, fresh) {
		return nil, 0, &table.DirError{Msg: fmt.Sprintf("%s holds other packages than this optimisation proposes (another govsim made it, or it was edited); use another -out, or -force to replace the whole directory",
			filepath.Join(s.o.Out, name))}
	}
	if len(fresh) > 0 {
		if !exists {
			s.say("generation %d: %d candidates, %d packages not run before: %d runs", g, len(xs), len(fresh), len(fresh)*s.spec.Replicates)
		}
		outs, err := s.batch(ctx, search.Batch{Name: name, Points: fresh, Seed: s.spec.Seed})
		if err != nil {
			return nil, 0, err
		}
		for j, pt := range fresh {
			p := pkg{x: firstX[j], gen: g, outcomes: outs[j]}
			means := make([]float64, len(outs[j]))
			for k, oc := range outs[j] {
				means[k] = oc.Mean
			}
			p.f, p.violation = analysis.Score(means, s.spec.Objectives, s.spec.Constraints)
			s.index[key(pt)] = len(s.pkgs)
			s.pkgs = append(s.pkgs, p)
		}
	}
	evals := make([]pareto.Evaluated, len(xs))
	for i, x := range xs {
		pi := s.index[keys[i]]
		p := &s.pkgs[pi]
		evals[i] = pareto.Evaluated{X: x, F: p.f, Violation: p.violation}
		s.cands = append(s.cands, cand{gen: g, index: i, pkg: pi, x: x})
	}
	return evals, len(fresh), nil
}

// batch runs (or reads) one batch and returns each point's outcomes. A
// batch whose runs are all present is only read (its tables assembled
// first, if a killed session left them out).
func (s *optimisation) batch(ctx context.Context, b search.Batch) ([][]analysis.Outcome, error) {
	var outs [][]analysis.Outcome
	err := s.session.Batch(ctx, b, func(d *table.SweepDir) (missing int, err error) {
		outs, missing, err = s.read(d)
		return missing, err
	})
	return outs, err
}

// read summarises a batch's runs: each point's objectives and constraints
// over its replicates; missing counts the runs without a part.
func (s *optimisation) read(d *table.SweepDir) ([][]analysis.Outcome, int, error) {
	n, nm, reps := len(d.File.Spec.Points), s.sums.Len(), s.spec.Replicates
	vals := make([][][]float64, n)
	for i := range vals {
		vals[i] = make([][]float64, nm)
		for k := range nm {
			vals[i][k] = make([]float64, reps)
		}
	}
	missing, err := search.Read(d, func(p *table.Part) error {
		if p.Point >= n || p.Replicate >= reps {
			return fmt.Errorf("%s: run %d is point %d, replicate %d of a batch of %d points and %d replicates", d.Dir, p.Run, p.Point, p.Replicate, n, reps)
		}
		for k := range nm {
			vals[p.Point][k][p.Replicate] = s.sums.Of(k, p.Monthly[:p.Months*len(s.spec.Metrics)])
		}
		return nil
	})
	if err != nil || missing > 0 {
		return nil, missing, err
	}
	outs := make([][]analysis.Outcome, n)
	for i := range n {
		outs[i] = analysis.Outcomes(vals[i])
	}
	return outs, 0, nil
}

// setScale fixes the hypervolume's scaling from generation 0: each
// objective's least value and range over the feasible candidates, or over
// all of them when none is feasible (a range of 0 counts as 1).
func (s *optimisation) setScale(evals []pareto.Evaluated) {
	use := slices.DeleteFunc(slices.Clone(evals), func(e pareto.Evaluated) bool { return !e.Feasible() })
	if len(use) == 0 {
		use = evals
	}
	m := len(s.spec.Objectives)
	s.lo, s.span = make([]float64, m), make([]float64, m)
	for k := range m {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, e := range use {
			lo, hi = min(lo, e.F[k]), max(hi, e.F[k])
		}
		s.lo[k], s.span[k] = lo, hi-lo
		if s.span[k] == 0 {
			s.span[k] = 1
		}
	}
}

// front returns the packages on the front of every evaluation so far, in
// the order first proposed.
func (s *optimisation) front(all []pareto.Evaluated) ([]int, error) {
	f, err := pareto.Front(all)
	if err != nil {
		return nil, err
	}
	var out []int
	for _, e := range f {
		p := s.index[key(s.opt.Point(e.X))]
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out, nil
}

// hypervolume is the front's, in scaled objectives up to Reference; 0
// when no package is feasible.
func (s *optimisation) hypervolume(front []int) float64 {
	var pts [][]float64
	ref := make([]float64, len(s.spec.Objectives))
	for k := range ref {
		ref[k] = Reference
	}
	for _, p := range front {
		if s.pkgs[p].violation > 0 {
			continue
		}
		z := make([]float64, len(ref))
		for k, f := range s.pkgs[p].f {
			z[k] = (f - s.lo[k]) / s.span[k]
		}
		pts = append(pts, z)
	}
	return pareto.Hypervolume(pts, ref)
}
