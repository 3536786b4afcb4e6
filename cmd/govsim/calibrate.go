package main

import (
	"context"
	"os"

	"github.com/govsim/govsim/cmd/internal/calibrate"
	"github.com/govsim/govsim/output/report"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim/shard"
	"github.com/govsim/govsim/sim/table"
)

func cmdCalibrate(ctx context.Context, e env, args []string) error {
	fs := newFlags("calibrate")
	var f shared
	f.register(fs, shared{out: "govsim-calibration", format: table.FormatParquet}, "replicates", "seed", "months", "workers", "out", "progress", "force", "set", "format", "font")
	particles := fs.Int("particles", 0, "population size")
	generations := fs.Int("generations", 0, "generations, 0 the prior sample")
	minAcc := fs.Float64("min-acceptance", 0, "stop below this acceptance rate")
	shardFlag := fs.String("shard", "", "I/N")
	shards := fs.Int("shards", 0, "number of shards")
	example := fs.Bool("example", false, "print the example calibration file")
	pos, err := parse(fs, e, args)
	if err != nil {
		return err
	}
	if err := f.check(fs); err != nil {
		return err
	}
	if *example {
		if len(pos) > 0 || len(f.set) > 1 {
			return usagef("-example takes nothing else: govsim calibrate -example > targets.toml")
		}
		_, err := e.stdout.Write(scenarios.CalibrationExample())
		return err
	}
	if len(pos) != 1 {
		return usagef("calibrate takes one calibration file (govsim calibrate -example prints one)")
	}
	cal, err := scenarios.LoadCalibration(pos[0])
	if err != nil {
		return err
	}
	err = cal.Override(scenarios.CalibrationFlags{Particles: *particles, Generations: *generations, MinAcceptance: *minAcc,
		Months: f.months, Replicates: f.replicates, Seed: f.seed, HasParticles: f.set["particles"], HasGenerations: f.set["generations"],
		HasMinAcceptance: f.set["min-acceptance"], HasSeed: f.set["seed"], HasReplicates: f.set["replicates"], Set: f.overrides})
	if err == nil {
		err = cal.Build()
	}
	if err != nil {
		return err
	}
	sh, err := shard.Resolve(*shardFlag, *shards, f.set["shards"], os.Getenv)
	if err != nil {
		return err
	}
	fnt, err := report.ChooseFont(f.font)
	if err != nil {
		return err
	}
	return calibrate.Run(ctx, calibrate.Options{E: e.drive(), Cal: cal, Out: f.out, Force: f.force, Workers: f.workers,
		Format: f.format, Shard: sh, Progress: e.terminal || f.progress, Font: fnt})
}
