package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/govsim/govsim/cmd/internal/drive"
	"github.com/govsim/govsim/cmd/internal/intflag"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/scenarios/design"
	"github.com/govsim/govsim/sim/outdir"
	"github.com/govsim/govsim/sim/shard"
	"github.com/govsim/govsim/sim/table"
)

func cmdSweep(ctx context.Context, e env, args []string) error {
	fs := newFlags("sweep")
	var f shared
	f.register(fs, shared{out: "govsim-sweep"}, "replicates", "seed", "months", "workers", "out", "progress", "force", "set", "format")
	samples := intflag.New(fs, "samples", 0, "design size")
	window := intflag.New(fs, "window", 0, "window")
	monthly := fs.Bool("monthly", false, "monthly rows")
	shardFlag := fs.String("shard", "", "I/N")
	shards := intflag.New(fs, "shards", 0, "number of shards")
	dryRun := fs.Bool("dry-run", false, "print the plan")
	example := fs.String("example", "", "print an example")
	pos, err := parse(fs, e, args)
	if err != nil {
		return err
	}
	if err := f.check(fs); err != nil {
		return err
	}
	if f.set["example"] {
		if len(pos) > 0 || len(f.set) > 1 {
			return usagef("-example takes nothing else: govsim sweep -example %s > my.toml", strings.Join(scenarios.SweepExamples(), "|"))
		}
		b, err := scenarios.SweepExample(*example)
		if err != nil {
			return usagef("-example: %v", err)
		}
		_, err = e.stdout.Write(b)
		return err
	}
	if len(pos) != 1 {
		return usagef("sweep takes one sweep file (govsim sweep -example lhs prints one)")
	}
	for _, c := range []struct {
		name   string
		v      int
		lo, hi int
	}{{"samples", *samples, 1, design.MaxRuns}, {"window", *window, 1, 1200}, {"shards", *shards, 1, shard.MaxCount}} {
		if f.set[c.name] {
			if err := intRange(c.name, c.v, c.lo, c.hi); err != nil {
				return err
			}
		}
	}
	sw, err := scenarios.LoadSweep(pos[0])
	if err != nil {
		return err
	}
	err = sw.Override(scenarios.SweepFlags{Samples: *samples, Replicates: f.replicates, Months: f.months, Window: *window, Seed: f.seed,
		HasSamples: f.set["samples"], HasReplicates: f.set["replicates"], HasSeed: f.set["seed"], HasWindow: f.set["window"], Set: f.overrides})
	if err != nil {
		return err
	}
	plan, err := sw.Build()
	if err != nil {
		return err
	}
	for _, n := range sw.Notes {
		fmt.Fprintln(e.stderr, n)
	}
	sh, err := shard.Resolve(*shardFlag, *shards, f.set["shards"], os.Getenv)
	if err != nil {
		return err
	}
	if err := plan.CheckMemory(f.workers, *monthly); err != nil {
		return err
	}
	file := table.NewSweepFile(plan.Spec(e.build.Version, *monthly))
	if *dryRun {
		scenarios.WritePlan(e.stdout, &file, sh, f.out)
		return nil
	}
	dir, err := outdir.ClaimSweepDir(f.out, file, outdir.Want{Command: e.args, Version: e.build.Version, Force: f.force, Shard: sh})
	if err != nil {
		return err
	}
	defer dir.Close()
	x := &drive.Sweep{E: e.drive(), Dir: dir, Spec: &dir.File.Spec, Scs: scenarios.Experiment(sw.Scenarios), Params: sw.Params,
		Shard: sh, Workers: f.workers, Format: f.format, Progress: e.terminal || f.progress, Overrides: f.overrides}
	return x.Run(ctx)
}
