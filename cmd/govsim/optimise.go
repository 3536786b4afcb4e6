package main

import (
	"context"
	"os"

	"github.com/govsim/govsim/cmd/internal/optimise"
	"github.com/govsim/govsim/output/report"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim/shard"
	"github.com/govsim/govsim/sim/table"
)

func cmdOptimise(ctx context.Context, e env, args []string) error {
	fs := newFlags("optimise")
	var f shared
	f.register(fs, shared{out: "govsim-optimisation", format: table.FormatParquet}, "replicates", "seed", "months", "workers", "out", "progress", "force", "set", "format", "font")
	pop, gens := fs.Int("population", 0, "candidates a generation"), fs.Int("generations", 0, "generations, 0 the first sample")
	shardFlag, shards := fs.String("shard", "", "I/N"), fs.Int("shards", 0, "number of shards")
	example := fs.Bool("example", false, "print the example optimisation file")
	pos, err := parse(fs, e, args)
	if err == nil {
		err = f.check(fs)
	}
	switch {
	case err != nil:
		return err
	case *example && (len(pos) > 0 || len(f.set) > 1):
		return usagef("-example takes nothing else: govsim optimise -example > packages.toml")
	case *example:
		_, err := e.stdout.Write(scenarios.OptimisationExample())
		return err
	case len(pos) != 1:
		return usagef("optimise takes one optimisation file (govsim optimise -example prints one)")
	}
	opt, err := scenarios.LoadOptimisation(pos[0])
	if err == nil {
		err = opt.Override(scenarios.OptimisationFlags{Population: *pop, Generations: *gens, Months: f.months, Replicates: f.replicates, Seed: f.seed,
			HasPopulation: f.set["population"], HasGenerations: f.set["generations"], HasSeed: f.set["seed"], HasRe: f.set["replicates"], Set: f.overrides})
	}
	if err == nil {
		err = opt.Build()
	}
	var sh shard.Shard
	if err == nil {
		sh, err = shard.Resolve(*shardFlag, *shards, f.set["shards"], os.Getenv)
	}
	var fnt report.ChartFont
	if err == nil {
		fnt, err = report.ChooseFont(f.font)
	}
	if err != nil {
		return err
	}
	return optimise.Run(ctx, optimise.Options{E: e.drive(), Opt: opt, Out: f.out, Force: f.force, Workers: f.workers,
		Format: f.format, Shard: sh, Progress: e.terminal || f.progress, Font: fnt})
}
