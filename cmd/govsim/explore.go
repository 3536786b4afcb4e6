package main

import (
	"context"
	"fmt"
	"os"

	"github.com/govsim/govsim/cmd/internal/calibrate"
	"github.com/govsim/govsim/cmd/internal/drive"
	"github.com/govsim/govsim/cmd/internal/optimise"
	"github.com/govsim/govsim/output/report"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim/outdir"
	"github.com/govsim/govsim/sim/shard"
	"github.com/govsim/govsim/sim/table"
)

func cmdExplore(ctx context.Context, e env, args []string) error {
	fs := newFlags("explore")
	var f shared
	f.register(fs, shared{out: "govsim-explore", replicates: 2, seed: 1, window: 60}, "replicates", "seed", "months", "window", "workers", "out", "progress", "force", "set", "format", "font")
	a := scenarios.ExploreArgs{}
	fs.IntVar(&a.Samples, "samples", 64, "points of the Latin hypercube")
	fs.StringVar(&a.Ranges, "ranges", "", "a file of [[factor]] tables: the uncertain parameters to vary and their ranges")
	fs.StringVar(&a.Reference, "ref", scenarios.Reference, "reference scenario")
	fs.StringVar(&a.Scale, "scale", scenarios.ScaleScenario, "scenario or full")
	var discover []string
	fs.Func("discover", "METRIC<THRESHOLD: a further case of interest (repeatable)", func(v string) error { discover = append(discover, v); return nil })
	coverage := fs.Float64("coverage", 0.5, "the share of the cases a box must cover")
	boot := fs.Int("bootstrap", 1000, "bootstrap resamples of the PRCC intervals")
	shardFlag, shards := fs.String("shard", "", "I/N"), fs.Int("shards", 0, "number of shards")
	dryRun := fs.Bool("dry-run", false, "print the plan")
	postDir := fs.String("posterior", "", "a calibration's directory: its parameters drawn from its posterior")
	pkgs := fs.String("packages", "", "an optimisation's directory: its front's packages explored")
	pos, err := parse(fs, e, args)
	if err != nil {
		return err
	}
	if err := f.check(fs); err != nil {
		return err
	}
	if err := intRange("bootstrap", *boot, 0, 100000); err != nil {
		return err
	}
	if !(*coverage > 0 && *coverage <= 1) {
		return usagef("-coverage = %g is out of range: allowed a share in (0, 1]", *coverage)
	}
	conds, err := report.ParseDiscover(discover)
	if err != nil {
		return err
	}
	fnt, err := report.ChooseFont(f.font)
	if err != nil {
		return err
	}
	if *pkgs != "" {
		fr, err := optimise.Packages(*pkgs)
		if err != nil {
			return err
		}
		if pos, a.Keep = append(fr.Files, pos...), fr.Decided; !f.set["ref"] {
			a.Reference = fr.Base
		}
	}
	a.Scenarios, a.Months, a.Set, a.Replicates, a.Seed, a.Window = pos, f.months, f.overrides, f.replicates, f.seed, f.window
	if *postDir != "" {
		if a.Posterior, err = calibrate.ExploreDraws(*postDir, scenarios.DesignSeed(f.seed), a.Samples); err != nil {
			return err
		}
	}
	plan, notes, err := scenarios.PlanExplore(a)
	if err != nil {
		return err
	}
	for _, n := range notes {
		fmt.Fprintln(e.stderr, n)
	}
	sh, err := shard.Resolve(*shardFlag, *shards, f.set["shards"], os.Getenv)
	if err != nil {
		return err
	}
	if err := plan.CheckMemory(f.workers, false); err != nil {
		return err
	}
	file := table.NewSweepFile(plan.Spec(e.build.Version, false))
	if *dryRun {
		scenarios.WritePlan(e.stdout, &file, sh, f.out)
		return nil
	}
	x := &drive.Explore{E: e.drive(), Out: f.out, File: file, Want: outdir.Want{Command: e.args, Version: e.build.Version, Force: f.force, Shard: sh},
		Plan: plan, Shard: sh, Workers: f.workers, Format: f.format, Progress: e.terminal || f.progress, Overrides: f.overrides,
		Writes: report.ExploreFiles(), Analyse: func(dir, out string) error {
			return report.Explore(e.stdout, report.Exploration{Dir: dir, Out: out, Reference: a.Reference, Discover: conds, Coverage: *coverage,
				Bootstrap: *boot, Version: e.build.Version, Build: e.build, Command: e.args, Font: fnt})
		}}
	return x.Run(ctx)
}
