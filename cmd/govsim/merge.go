package main

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim/outdir"
	"github.com/govsim/govsim/sim/shard"
	"github.com/govsim/govsim/sim/table"
)

func cmdMerge(_ context.Context, e env, args []string) error {
	fs := newFlags("merge")
	var f shared
	f.register(fs, shared{}, "out", "force", "format")
	dirs, err := parse(fs, e, args)
	if err != nil {
		return err
	}
	if len(dirs) == 0 {
		return usagef("merge takes the sweep directories to join (see govsim merge -h)")
	}
	if err := checkFormat(f.format); err != nil {
		return err
	}
	if f.out == "" {
		if len(dirs) > 1 {
			return usagef("merging %d directories needs -out DIR for the merged sweep", len(dirs))
		}
		f.out = dirs[0]
	}
	start := time.Now()
	dst, files, err := outdir.Merge(dirs, f.out, f.format, outdir.Want{Command: e.args, Version: e.build.Version, Force: f.force})
	if err != nil {
		return err
	}
	end := time.Now()
	total := dst.File.Runs
	man := table.SweepManifest{Govsim: e.build.Version, Go: runtime.Version(), Build: e.build, Command: e.args, SweepID: dst.File.ID,
		Shard: shard.Shard{Index: 0, Count: 1}, MergedFrom: dirs, Format: f.format, Workers: 0,
		Start: start.UTC(), End: end.UTC(), WallSeconds: end.Sub(start).Seconds(),
		RunsTotal: total, RunsShard: total, RunsDone: total, Complete: true, Files: files.Names(), Rows: files.Rows(),
		RunSeeds: scenarios.RunSeedsNote(&dst.File.Spec), Sweep: dst.File.Spec}
	if err := dst.Commit(&man); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "merged %d runs from %d directories into %s (%s, manifest.json)\n", total, len(dirs), dst.Dir, strings.Join(files.Names(), ", "))
	return nil
}
