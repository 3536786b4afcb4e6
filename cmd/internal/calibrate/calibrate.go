package calibrate

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"github.com/govsim/govsim/analysis"
	"github.com/govsim/govsim/analysis/abc"
	"github.com/govsim/govsim/cmd/internal/drive"
	"github.com/govsim/govsim/cmd/internal/search"
	"github.com/govsim/govsim/output/report"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim/outdir"
	"github.com/govsim/govsim/sim/shard"
	"github.com/govsim/govsim/sim/table"
)

// Options are a calibration and how to run it.
type Options struct {
	E   drive.Env
	Cal *scenarios.Calibration // parsed, with the command line's overrides, built
	Out string
	// Force replaces the whole directory if govsim made it.
	Force    bool
	Workers  int
	Format   string // of the batches' tables
	Shard    shard.Shard
	Progress bool
	Font     report.ChartFont
}

// Design is the name a calibration's batches record as their design.
const Design = "abc"

// Run calibrates: see the package documentation.
func Run(ctx context.Context, o Options) error {
	c, err := newCalibration(o)
	if err != nil {
		return err
	}
	out, err := outdir.Claim(o.Out, outdir.Want{Kind: outdir.KindCalibration, Settings: c.file.ID, Command: o.E.Args,
		Version: o.E.Build.Version, Force: o.Force, Resume: true, Shard: o.Shard, Differ: c.differ})
	if err != nil {
		return err
	}
	defer out.Close()
	c.root = out.Build
	if err := c.writeIdentity(); err != nil {
		return err
	}
	return c.run(ctx)
}

// calibration is one session of a calibration.
type calibration struct {
	o       Options
	spec    table.CalibrationSpec
	file    table.CalibrationFile
	cfg     abc.Config
	dist    abc.Distance
	targets *analysis.Targets
	tscen   []int // scenario of each target
	runs    search.Runs
	root    string
	gens    []generation
	stop    abc.Stop
	session search.Session // reads and runs the batches
}

// generation is what a generation's batches gave.
type generation struct {
	number  int
	pop     abc.Population // when complete
	status  abc.Status
	batches int
	cands   []candidate // every candidate evaluated, by index
}

// candidate is one evaluated candidate.
type candidate struct {
	index    int
	distance float64
	sums     []float64 // per target; NaN where never defined
}

func newCalibration(o Options) (*calibration, error) {
	cal := o.Cal
	c := &calibration{o: o, spec: cal.Spec(o.E.Build.Version)}
	c.file = table.NewCalibrationFile(c.spec)
	c.cfg = abc.Config{Prior: Prior(c.spec.Priors), N: cal.Particles, Quantile: c.spec.Quantile, Kernel: abc.Kernel(c.spec.Kernel),
		MaxGenerations: cal.Generations, MinAcceptance: cal.MinAcceptance, Seed: cal.Seed}
	if err := c.cfg.Check(); err != nil {
		return nil, fmt.Errorf("calibrate: %w", err)
	}
	obs, tol := make([]float64, len(c.spec.Targets)), make([]float64, len(c.spec.Targets))
	for i, t := range c.spec.Targets {
		obs[i], tol[i] = t.Observed, t.Tolerance
		c.tscen = append(c.tscen, c.spec.ScenarioIndex(t.Scenario))
	}
	var err error
	if c.dist, err = abc.NewDistance(obs, tol); err != nil {
		return nil, fmt.Errorf("calibrate: %w", err)
	}
	if c.targets, err = analysis.NewTargets(c.spec.Targets, c.spec.Metrics); err != nil {
		return nil, fmt.Errorf("calibrate: %w", err)
	}
	c.runs = search.Runs{E: o.E, Scenarios: cal.Scenarios, Params: cal.Params, Factors: c.spec.Priors, Design: Design,
		Name: c.spec.Name, Replicates: c.spec.Replicates, Workers: o.Workers, Format: o.Format, Shard: o.Shard,
		Progress: o.Progress, Overrides: cal.Set}
	return c, nil
}

// Prior is the joint prior of a calibration's parameters.
func Prior(fs []table.SweepFactor) abc.Prior {
	p := make(abc.Prior, len(fs))
	for i, f := range fs {
		p[i] = abc.Param{Name: f.Key, Dist: abc.Dist(f.Dist), Low: f.Min, High: f.Max, Mean: f.Mean, SD: f.SD}
	}
	return p
}

// differ says how the directory's calibration differs from this one.
func (c *calibration) differ(dir string) string {
	old, err := table.ReadCalibration(dir)
	if err != nil {
		return ""
	}
	return strings.Join(search.Differences(c.spec, old.Spec), "; ")
}

// writeIdentity writes calibration.json, unless the directory holds it.
func (c *calibration) writeIdentity() error {
	return search.WriteIdentity(c.root, c.o.Out, table.CalibrationJSON, "calibration", c.file.ID, c.spec, c.file.Marshal(),
		func(dir string) (string, table.CalibrationSpec, error) {
			f, err := table.ReadCalibration(dir)
			return f.ID, f.Spec, err
		})
}

func (c *calibration) say(format string, a ...any) { fmt.Fprintf(c.o.E.Stderr, format+"\n", a...) }

func (c *calibration) run(ctx context.Context) error {
	c.session = search.Session{Runs: &c.runs, Root: c.root, Out: c.o.Out}
	c.intro()
	var prev abc.Population
	for g := 0; ; g++ {
		var gen *abc.Generation
		var err error
		if g == 0 {
			gen, err = abc.Start(c.cfg)
		} else {
			gen, err = abc.Next(c.cfg, prev)
		}
		if err != nil {
			return err
		}
		rec, err := c.generation(ctx, gen)
		if stopped, ok := err.(*search.Stopped); ok {
			c.say("%s", stopped.Msg)
			return c.writeTables()
		}
		if err != nil {
			return err
		}
		c.gens = append(c.gens, rec)
		if rec.status == abc.Abandoned {
			c.stop = abc.StopAcceptance
			c.say("generation %d abandoned: its acceptance rate would fall below %g; the posterior is generation %d's population", g, c.cfg.MinAcceptance, g-1)
			break
		}
		c.report(rec)
		if err := c.writeTables(); err != nil {
			return err
		}
		if c.stop = c.cfg.Stop(rec.pop); c.stop != abc.Continue {
			break
		}
		prev = rec.pop
	}
	pred, err := c.predictive(ctx)
	if stopped, ok := err.(*search.Stopped); ok {
		c.say("%s", stopped.Msg)
		return nil
	}
	if err != nil {
		return err
	}
	if err := c.writePredictive(pred); err != nil {
		return err
	}
	return report.Calibration(c.o.E.Stdout, report.CalibrationReport{Dir: c.root, Name: c.o.Out, Version: c.o.E.Build.String(),
		Command: c.o.E.Args, Stop: string(c.stop), Font: c.o.Font})
}

// intro says what is calibrated, once per session.
func (c *calibration) intro() {
	var scs []string
	for _, sc := range c.o.Cal.Scenarios {
		scs = append(scs, fmt.Sprintf("%s (%d months)", sc.Name, sc.Config.Months))
	}
	c.say("calibrate %s: %d particles, %d parameters, %d targets, %s; up to %d generations (0 is the prior sample) -> %s",
		c.spec.Name, c.cfg.N, len(c.cfg.Prior), len(c.spec.Targets), strings.Join(scs, ", "), c.cfg.MaxGenerations, c.o.Out)
}

// report says how a generation ended.
func (c *calibration) report(g generation) {
	p := g.pop
	c.say("generation %d: tolerance %s, %d of %d candidates accepted (acceptance %.3f), ESS %.1f",
		g.number, fmtTol(p.Epsilon), len(p.Particles), p.Candidates, p.Acceptance(), p.ESS())
}

func fmtTol(x float64) string {
	if math.IsInf(x, 1) {
		return "+Inf (the prior sample)"
	}
	return fmt.Sprintf("%.4g", x)
}

// generation runs gen's batches until it is complete or abandoned.
func (c *calibration) generation(ctx context.Context, gen *abc.Generation) (generation, error) {
	g := gen.Number()
	rec := generation{number: g}
	var evals []abc.Evaluation
	proposed := 0
	for b := 0; ; b++ {
		st, err := gen.Status(evals)
		if err != nil {
			return rec, err
		}
		if st != abc.Pending {
			rec.status = st
			break
		}
		name := fmt.Sprintf("gen-%d/batch-%d", g, b)
		planned, exists, err := search.Existing(c.root, name)
		if err != nil {
			return rec, err
		}
		k := len(planned)
		if !exists {
			if k, err = gen.More(proposed, evals); err != nil {
				return rec, err
			}
		}
		points := make([][]float64, k)
		for i := range k {
			cand, err := gen.Propose(proposed + i)
			if err != nil {
				return rec, err
			}
			points[i] = cand.Theta
		}
		if exists && !search.SamePoints(points, planned) {
			return rec, &table.DirError{Msg: fmt.Sprintf("%s holds other points than this calibration proposes (another govsim made it, or it was edited); use another -out, or -force to replace the whole directory",
				filepath.Join(c.o.Out, name))}
		}
		if b == 0 || !exists {
			c.say("generation %d (tolerance %s): batch %d, %d candidates from %d", g, fmtTol(gen.Epsilon()), b, k, proposed)
		}
		cands, err := c.batch(ctx, search.Batch{Name: name, Points: points, Seed: search.BatchSeed(c.spec.Seed, g, proposed)}, proposed)
		if err != nil {
			return rec, err
		}
		for _, cd := range cands {
			evals = append(evals, abc.Evaluation{Index: cd.index, Distance: cd.distance})
		}
		rec.cands = append(rec.cands, cands...)
		rec.batches = b + 1
		proposed += k
		if g > 0 {
			within := 0
			for _, e := range evals {
				if e.Distance <= gen.Epsilon() {
					within++
				}
			}
			c.say("generation %d batch %d: %d of %d candidates so far within the tolerance (acceptance %.3f; %d wanted)", g, b, within, len(evals), float64(within)/float64(len(evals)), c.cfg.N)
		}
	}
	if rec.status == abc.Complete {
		pop, err := gen.Population(evals)
		if err != nil {
			return rec, err
		}
		rec.pop = pop
	}
	return rec, nil
}

// batch runs (or reads) one batch and returns its candidates, numbered
// from first. A batch whose runs are all present is only read (its tables
// assembled first, if a killed session left them out).
func (c *calibration) batch(ctx context.Context, b search.Batch, first int) ([]candidate, error) {
	var cands []candidate
	err := c.session.Batch(ctx, b, func(d *table.SweepDir) (missing int, err error) {
		cands, missing, err = c.read(d, first)
		return missing, err
	})
	return cands, err
}

// read summarises a batch's runs: each candidate's targets, the mean over
// replicates, and its distance; missing counts the runs without a part.
func (c *calibration) read(d *table.SweepDir, first int) ([]candidate, int, error) {
	n := len(d.File.Spec.Points)
	nt := c.targets.Len()
	sum := make([][]float64, n)
	cnt := make([][]int, n)
	for i := range sum {
		sum[i], cnt[i] = make([]float64, nt), make([]int, nt)
	}
	missing, err := search.Read(d, func(p *table.Part) error {
		for k := range nt {
			if c.tscen[k] != p.Scenario {
				continue
			}
			sum[p.Point][k] += c.targets.Of(k, p.Monthly[:p.Months*len(c.spec.Metrics)])
			cnt[p.Point][k]++
		}
		return nil
	})
	if err != nil || missing > 0 {
		return nil, missing, err
	}
	out := make([]candidate, n)
	for i := range n {
		s := make([]float64, nt)
		finite := true
		for k := range nt {
			s[k] = sum[i][k] / float64(cnt[i][k])
			finite = finite && !math.IsNaN(s[k]) && !math.IsInf(s[k], 0)
		}
		dist := math.Inf(1)
		if finite {
			dist = c.dist.Of(s)
		}
		out[i] = candidate{index: first + i, distance: dist, sums: s}
	}
	return out, 0, nil
}

// predictive runs the model afresh at draws from the final population, one
// per particle, each draw a function of (seed, its number).
func (c *calibration) predictive(ctx context.Context) ([]draw, error) {
	last := c.final()
	pop := last.pop
	draws := make([]draw, len(pop.Particles))
	points := make([][]float64, len(draws))
	for i := range draws {
		j, err := abc.Pick(pop, c.spec.Seed, i)
		if err != nil {
			return nil, err
		}
		draws[i].particle = pop.Particles[j].Index
		points[i] = pop.Particles[j].Theta
	}
	name := fmt.Sprintf("predictive-gen-%d", pop.Generation)
	c.say("posterior predictive check: %d runs at draws from generation %d's population", len(draws)*c.spec.Replicates*len(c.spec.Scenarios), pop.Generation)
	cands, err := c.batch(ctx, search.Batch{Name: name, Points: points, Seed: search.BatchSeed(c.spec.Seed, pop.Generation, -1)}, 0)
	if err != nil {
		return nil, err
	}
	for i := range draws {
		draws[i].sums = cands[i].sums
	}
	return draws, nil
}

// draw is one posterior predictive draw.
type draw struct {
	particle int
	sums     []float64
}

// final is the last complete generation: the posterior.
func (c *calibration) final() generation {
	for i := len(c.gens) - 1; i >= 0; i-- {
		if c.gens[i].status == abc.Complete {
			return c.gens[i]
		}
	}
	return generation{} // generation 0 always completes
}
