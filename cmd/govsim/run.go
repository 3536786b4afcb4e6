package main

import (
	"context"
	"errors"

	"github.com/govsim/govsim/cmd/internal/drive"
	"github.com/govsim/govsim/output/report"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim/experiment"
	"github.com/govsim/govsim/sim/outdir"
	"github.com/govsim/govsim/sim/table"
)

// runDefaults are the shared flags' defaults of run and compare.
var runDefaults = shared{replicates: 10, seed: 1, out: "govsim-out", window: 60}

// runFlags are the shared flags run and compare take.
var runFlags = []string{"replicates", "seed", "workers", "months", "out", "progress", "force", "window", "set", "format"}

func cmdRun(ctx context.Context, e env, args []string) error {
	fs := newFlags("run")
	var f shared
	f.register(fs, runDefaults, runFlags...)
	detail := fs.Bool("village-detail", false, "monthly per-village rows")
	pos, err := parse(fs, e, args)
	if err != nil {
		return err
	}
	if err := f.check(fs); err != nil {
		return err
	}
	scs, err := scenarios.LoadWithOverrides(pos, f.months, f.overrides)
	if err != nil {
		return err
	}
	if err := scenarios.CheckMemory(scs, len(scs)*f.replicates, f.workers, drive.RunRows(*detail), 0); err != nil {
		return err
	}
	months, same := scenarios.Horizon(scs)
	win, note := report.FitWindow(f.window, months)
	ms := scenarios.Manifest(scs)
	d, err := drive.NewRunDir(e.drive(), f.out, f.want(e, outdir.KindRun, ms, f.replicates, *detail, f.format),
		table.Manifest{Seed: f.seed, Workers: f.workers, VillageDetail: *detail, Scenarios: ms, Format: f.format, Set: f.overrides},
		e.terminal || f.progress, win)
	if err != nil {
		return err
	}
	err = d.Publish(d.Finish(d.Run(ctx, experiment.Ensemble(scenarios.Experiment(scs), 0, f.replicates, f.seed))))
	var ie interface{ Interrupted() bool }
	if err == nil || errors.As(err, &ie) {
		if !same {
			months = 0 // runs end at different months
		}
		report.Final(e.stdout, d.Scenarios(), d.Tails, win, months, note)
	}
	return err
}
