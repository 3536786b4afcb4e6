package main

import (
	"context"
	"errors"
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

func cmdRun(ctx context.Context, e env, args []string) error {
	fs := newFlags("run", runHelp, e)
	var f runFlags
	fs.IntVar(&f.replicates, "replicates", 10, "replicates per scenario")
	fs.Uint64Var(&f.seed, "seed", 1, "master seed")
	fs.IntVar(&f.workers, "workers", 0, "goroutines (0: all cores)")
	fs.IntVar(&f.months, "months", 0, "months to simulate (0: the scenario's)")
	fs.StringVar(&f.out, "out", "govsim-out", "output directory")
	fs.BoolVar(&f.villageDetail, "village-detail", false, "monthly per-village rows")
	fs.BoolVar(&f.progress, "progress", false, "show progress even when stderr is not a terminal")
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

// runResult is what a finished batch leaves for the summary table.
type runResult struct {
	names []string             // scenarios in order
	tails map[string][][]float64 // final-year district means per replicate
}

// runAll runs every scenario × replicate and writes the output files. On
// Ctrl-C it keeps the runs finished so far (in order) and says so.
func runAll(ctx context.Context, e env, scs []scenarios.Scenario, f runFlags) (*runResult, error) {
	type job struct {
		sc  *scenarios.Scenario
		rep int
	}
	var jobs []job
	for i := range scs {
		for r := 0; r < f.replicates; r++ {
			jobs = append(jobs, job{&scs[i], r})
		}
	}
	files, err := output.Create(f.out)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	man := output.Manifest{
		Govsim: version, Go: runtime.Version(), Command: e.args, Seed: f.seed,
		Replicates: f.replicates, Workers: f.workers, VillageDetail: f.villageDetail, Start: start.UTC(),
	}
	for _, sc := range scs {
		man.Scenarios = append(man.Scenarios, output.ManifestScenario{Name: sc.Name, Source: sc.Source, Config: string(scenarios.Format(sc.Config))})
	}
	res := &runResult{tails: map[string][][]float64{}}
	for _, sc := range scs {
		res.names = append(res.names, sc.Name)
	}
	rows := make([]*output.RunRows, len(jobs))
	var progress io.Writer
	if e.terminal || f.progress {
		progress = e.stderr
	}
	runOne := func(ctx context.Context, i, perRun int) error {
		j := jobs[i]
		m, err := sim.New(j.sc.Config, f.seed, j.rep, j.sc.Villages)
		if err != nil {
			return fmt.Errorf("%s: %w", j.sc.Name, err)
		}
		rr := output.NewRunRows(j.sc.Name, j.rep, f.seed, sim.DistrictMetrics, sim.VillageMetrics, j.sc.Config.Months-12)
		if err := m.Run(ctx, sim.Options{Workers: perRun, VillageDetail: f.villageDetail}, rr); err != nil {
			return err
		}
		rows[i] = rr
		return nil
	}
	done := func(i int) error {
		if err := files.Append(rows[i]); err != nil {
			return err
		}
		j := jobs[i]
		res.tails[j.sc.Name] = append(res.tails[j.sc.Name], rows[i].Tail())
		man.Runs = append(man.Runs, output.ManifestRun{Scenario: j.sc.Name, Replicate: j.rep, Seed: f.seed})
		rows[i] = nil
		return nil
	}
	n, runErr := batch.Run(ctx, len(jobs), batch.Options{Workers: f.workers, Progress: progress, After: time.Second}, runOne, done)
	end := time.Now()
	man.End, man.WallSeconds = end.UTC(), end.Sub(start).Seconds()
	man.RunsDone, man.Complete = n, n == len(jobs)
	if runErr != nil && !errors.Is(runErr, context.Canceled) {
		files.Abort()
		return nil, runErr
	}
	if err := files.Commit(man); err != nil {
		return nil, err
	}
	if runErr != nil {
		return res, &interrupted{fmt.Sprintf("interrupted: kept the %d of %d runs that finished in %s", n, len(jobs), f.out)}
	}
	fmt.Fprintf(e.stderr, "wrote %d runs to %s (monthly.csv, villages.csv, manifest.json) in %.1fs\n", n, f.out, man.WallSeconds)
	return res, nil
}

// tableMetrics are the headline metrics of the final-years table.
var tableMetrics = []struct{ name, head, format string }{
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

// printTable prints the final-year means per scenario, averaged over
// replicates.
func printTable(w io.Writer, res *runResult) {
	idx := map[string]int{}
	for i, n := range sim.DistrictMetrics {
		idx[n] = i
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "scenario\treps\t")
	for _, t := range tableMetrics {
		fmt.Fprintf(tw, "%s\t", t.head)
	}
	fmt.Fprintln(tw)
	for _, name := range res.names {
		tails := res.tails[name]
		if len(tails) == 0 {
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t", name, len(tails))
		for _, t := range tableMetrics {
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
