package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/govsim/govsim/output"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/batch"
)

// runFlags are the flags shared by commands that run simulations.
type runFlags struct {
	replicates, workers, months int
	seed                        uint64
	out                         string
	villageDetail, progress     bool
}

// add registers the flags run and compare share.
func (f *runFlags) add(fs *flag.FlagSet) {
	fs.IntVar(&f.replicates, "replicates", 10, "replicates per scenario")
	fs.Uint64Var(&f.seed, "seed", 1, "master seed")
	fs.IntVar(&f.workers, "workers", 0, "goroutines (0: all cores)")
	fs.IntVar(&f.months, "months", 0, "months to simulate (0: the scenario's)")
	fs.StringVar(&f.out, "out", "govsim-out", "output directory")
	fs.BoolVar(&f.progress, "progress", false, "show progress even when stderr is not a terminal")
}

func cmdRun(ctx context.Context, e env, args []string) error {
	fs := newFlags("run", runHelp, e)
	var f runFlags
	f.add(fs)
	fs.BoolVar(&f.villageDetail, "village-detail", false, "monthly per-village rows")
	pos, err := parse(fs, runHelp, e, args)
	if err != nil {
		return err
	}
	if err := checkRunFlags(&f); err != nil {
		return err
	}
	scs, err := loadScenarios(pos, f.months)
	if err != nil {
		return err
	}
	res, err := runAll(ctx, e, scs, f)
	if res != nil {
		printTable(e.stdout, res)
	}
	return err
}

func checkRunFlags(f *runFlags) error {
	if err := intRange("replicates", f.replicates, 1, 100000); err != nil {
		return err
	}
	if err := intRange("workers", f.workers, 0, 4096); err != nil {
		return err
	}
	if f.months != 0 {
		if err := intRange("months", f.months, 1, 1200); err != nil {
			return err
		}
	}
	if strings.TrimSpace(f.out) == "" {
		return usagef("-out must name a directory")
	}
	return nil
}

// loadScenarios resolves the arguments (embedded names or files; none means
// the teaching set) before anything is written.
func loadScenarios(args []string, months int) ([]scenarios.Scenario, error) {
	if len(args) == 0 {
		args = scenarios.Teaching()
	}
	seen := map[string]string{}
	var out []scenarios.Scenario
	for _, a := range args {
		sc, err := scenarios.Load(a)
		if err != nil {
			return nil, err
		}
		if prev, dup := seen[sc.Name]; dup {
			return nil, usagef("scenario name %q is given twice (%s and %s); names must differ", sc.Name, prev, sc.Source)
		}
		seen[sc.Name] = sc.Source
		if months > 0 {
			sc.Config.Months = months
		}
		out = append(out, sc)
	}
	return out, nil
}

// runResult is what finished runs leave for the summary tables.
type runResult struct {
	names []string               // scenarios in order
	tails map[string][][]float64 // window means of district metrics, per replicate
}

// session runs scenarios into one output directory, possibly in several
// batches of replicates (adaptive replication), and commits the files at
// the end.
type session struct {
	e       env
	f       runFlags
	scs     []scenarios.Scenario
	files   *output.Files
	man     output.Manifest
	res     *runResult
	window  int // months at the end averaged for tails
	started time.Time
	total   int // runs asked for so far
}

func newSession(e env, scs []scenarios.Scenario, f runFlags, window int) (*session, error) {
	files, err := output.Create(f.out)
	if err != nil {
		return nil, err
	}
	s := &session{e: e, f: f, scs: scs, files: files, window: window, started: time.Now(),
		res: &runResult{tails: map[string][][]float64{}}}
	s.man = output.Manifest{
		Govsim: version, Go: runtime.Version(), Command: e.args, Seed: f.seed,
		Workers: f.workers, VillageDetail: f.villageDetail, Start: s.started.UTC(),
	}
	for _, sc := range scs {
		s.man.Scenarios = append(s.man.Scenarios, output.ManifestScenario{Name: sc.Name, Source: sc.Source, Config: string(scenarios.Format(sc.Config))})
		s.res.names = append(s.res.names, sc.Name)
	}
	return s, nil
}

// runReps runs replicates [from, to) of every scenario, in scenario-major
// order, and appends their rows.
func (s *session) runReps(ctx context.Context, from, to int) error {
	type job struct {
		sc  *scenarios.Scenario
		rep int
	}
	var jobs []job
	for i := range s.scs {
		for r := from; r < to; r++ {
			jobs = append(jobs, job{&s.scs[i], r})
		}
	}
	s.total += len(jobs)
	rows := make([]*output.RunRows, len(jobs))
	var progress io.Writer
	if s.e.terminal || s.f.progress {
		progress = s.e.stderr
	}
	runOne := func(ctx context.Context, i, perRun int) error {
		j := jobs[i]
		m, err := sim.New(j.sc.Config, s.f.seed, j.rep, j.sc.Villages)
		if err != nil {
			return fmt.Errorf("%s: %w", j.sc.Name, err)
		}
		rr := output.NewRunRows(j.sc.Name, j.rep, s.f.seed, sim.DistrictMetrics(), sim.VillageMetrics(), j.sc.Config.Months-s.window)
		if err := m.Run(ctx, sim.Options{Workers: perRun, VillageDetail: s.f.villageDetail}, rr); err != nil {
			return err
		}
		rows[i] = rr
		return nil
	}
	done := func(i int) error {
		if err := s.files.Append(rows[i]); err != nil {
			return err
		}
		j := jobs[i]
		s.res.tails[j.sc.Name] = append(s.res.tails[j.sc.Name], rows[i].Tail())
		s.man.Runs = append(s.man.Runs, output.ManifestRun{Scenario: j.sc.Name, Replicate: j.rep, Seed: s.f.seed})
		rows[i] = nil
		return nil
	}
	_, err := batch.Run(ctx, len(jobs), batch.Options{Workers: s.f.workers, Progress: progress, After: time.Second}, runOne, done)
	return err
}

// finish commits the files (keeping finished runs after Ctrl-C) or, after a
// failure, removes the temporary files.
func (s *session) finish(runErr error) error {
	end := time.Now()
	s.man.End, s.man.WallSeconds = end.UTC(), end.Sub(s.started).Seconds()
	s.man.RunsDone = len(s.man.Runs)
	s.man.Complete = runErr == nil && s.man.RunsDone == s.total
	s.man.Replicates = 0
	for _, t := range s.res.tails {
		if len(t) > s.man.Replicates {
			s.man.Replicates = len(t)
		}
	}
	if runErr != nil && !errors.Is(runErr, context.Canceled) {
		s.files.Abort()
		return runErr
	}
	if err := s.files.Commit(s.man); err != nil {
		return err
	}
	if runErr != nil {
		return &interrupted{fmt.Sprintf("interrupted: kept the %d of %d runs that finished in %s", s.man.RunsDone, s.total, s.f.out)}
	}
	fmt.Fprintf(s.e.stderr, "wrote %d runs to %s (monthly.csv, villages.csv, manifest.json) in %.1fs\n", s.man.RunsDone, s.f.out, s.man.WallSeconds)
	return nil
}

// runAll runs every scenario × replicate and writes the output files.
func runAll(ctx context.Context, e env, scs []scenarios.Scenario, f runFlags) (*runResult, error) {
	s, err := newSession(e, scs, f, 12)
	if err != nil {
		return nil, err
	}
	err = s.finish(s.runReps(ctx, 0, f.replicates))
	var ie *interrupted
	if err != nil && !errors.As(err, &ie) {
		return nil, err
	}
	return s.res, err
}

// tableMetrics are the headline metrics of the final-years table.
func tableMetrics() []struct{ name, head, format string } {
	return []struct{ name, head, format string }{
		{"composite_index", "composite", "%.3f"},
		{"satisfaction_local", "sat.local", "%.3f"},
		{"satisfaction_migrant", "sat.migr", "%.3f"},
		{"trust_committee", "trust", "%.3f"},
		{"disputes_opened_per_1000", "disputes‰", "%.3f"},
		{"petitions_per_1000", "petitions‰", "%.3f"},
		{"vote_buying_rate", "vote-buy", "%.3f"},
		{"leakage_share", "leakage", "%.3f"},
		{"dividend_per_share", "div/share", "%.0f"},
		{"fiscal_spending", "fiscal M¥/mo", "%.2f"},
	}
}

// printTable prints the final-year means per scenario, averaged over
// replicates.
func printTable(w io.Writer, res *runResult) {
	idx := map[string]int{}
	for i, n := range sim.DistrictMetrics() {
		idx[n] = i
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "scenario\treps\t")
	for _, t := range tableMetrics() {
		fmt.Fprintf(tw, "%s\t", t.head)
	}
	fmt.Fprintln(tw)
	for _, name := range res.names {
		tails := res.tails[name]
		if len(tails) == 0 {
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t", name, len(tails))
		for _, t := range tableMetrics() {
			var s, n float64
			for _, tl := range tails {
				if x := tl[idx[t.name]]; !math.IsNaN(x) {
					s += x
					n++
				}
			}
			x := s / n
			if t.name == "fiscal_spending" {
				x /= 1e6
			}
			fmt.Fprintf(tw, t.format+"\t", x)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	fmt.Fprintln(w, "(means of the final 12 months over replicates; ‰ = per 1,000 residents per month)")
}
