package main

import (
	"context"
	"fmt"
	"github.com/govsim/govsim/cmd/internal/drive"
	"math"
	"slices"

	"github.com/govsim/govsim/analysis"
	"github.com/govsim/govsim/output/report"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim/experiment"
	"github.com/govsim/govsim/sim/outdir"
	"github.com/govsim/govsim/sim/table"
)

func cmdCompare(ctx context.Context, e env, args []string) error {
	fs := newFlags("compare")
	var f shared
	// -replicates is the first batch with -precision. The data default to
	// Parquet: a comparison's product is its report, and its 1.8 million
	// rows take 13 MB as Parquet against 88 MB as CSV (-format csv).
	def := runDefaults
	def.format = table.FormatParquet
	f.register(fs, def, append(runFlags, "font")...)
	ref := fs.String("ref", scenarios.Reference, "reference scenario")
	precision := fs.Float64("precision", 0, "add replicates until every headline half-width is below this share of its mean (0: off)")
	maxReps := intFlag(fs, "max-replicates", 100, "most replicates per scenario with -precision")
	maps := fs.String("maps", "", "months of the village maps (year ends, comma-separated)")
	mapBy := fs.String("map-by", "satisfaction", "colour of the village maps: satisfaction, trust or status")
	pos, err := parse(fs, e, args)
	if err != nil {
		return err
	}
	if err := f.check(fs); err != nil {
		return err
	}
	if *precision < 0 || *precision >= 1 || math.IsNaN(*precision) {
		return usagef("-precision = %g is out of range: allowed 0 (off) or a share in (0, 1)", *precision)
	}
	if *precision > 0 {
		if err := intRange("max-replicates", *maxReps, f.replicates, 100000); err != nil {
			return err
		}
		if f.replicates < 2 {
			return usagef("-precision needs -replicates of at least 2 to estimate an interval")
		}
	}
	mo, err := report.ParseMaps(*maps, *mapBy)
	if err != nil {
		return err
	}
	fnt, err := report.ChooseFont(f.font)
	if err != nil {
		return err
	}
	scs, err := scenarios.LoadWithOverrides(pos, f.months, f.overrides)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(scs, func(sc scenarios.Scenario) bool { return sc.Name == *ref }) {
		return usagef("reference scenario %q is not among those run (%s); set -ref", *ref, scenarios.Names(scs))
	}
	reps := f.replicates
	if *precision > 0 {
		reps = *maxReps
	}
	if err := scenarios.CheckMemory(scs, len(scs)*reps, f.workers, runRows(false), 0); err != nil {
		return err
	}
	months, _ := scenarios.Horizon(scs)
	win, _ := report.FitWindow(f.window, months) // the report says when it shrank
	ms := scenarios.Manifest(scs)
	d, err := drive.NewRunDir(e.drive(), f.out, f.want(e, outdir.KindCompare, ms, f.replicates, *ref, f.window, *precision, *maxReps, mo, f.format),
		table.Manifest{Seed: f.seed, Workers: f.workers, Scenarios: ms, Format: f.format, Set: f.overrides}, e.terminal || f.progress, win)
	if err != nil {
		return err
	}
	exp := scenarios.Experiment(scs)
	batch := func(ctx context.Context, from, to int) error {
		return d.Run(ctx, experiment.Ensemble(exp, from, to, f.seed))
	}
	var runErr error
	if *precision > 0 {
		p := experiment.Precision{Target: *precision, First: f.replicates, Max: *maxReps}
		var out experiment.Outcome
		out, runErr = p.Replicate(ctx, batch,
			func(int) (string, bool) { return analysis.Precise(d.Scenarios(), d.Tails, *precision) },
			func(msg string) { fmt.Fprintln(e.stderr, msg) })
		d.Manifest.Precision = &table.Precision{Target: *precision, Met: out.Met, Replicates: out.Replicates, Max: *maxReps, Widest: out.Widest}
	} else {
		runErr = batch(ctx, 0, f.replicates)
	}
	err = d.Finish(runErr)
	if err == nil {
		err = report.Compare(e.stdout, report.Comparison{Dir: d.Dir, Name: f.out, Ref: *ref, Window: f.window, Maps: mo,
			Version: e.build.Version, Build: e.build, Command: e.args, Font: fnt})
		if err == nil && ctx.Err() != nil {
			err = &outdir.Interrupted{Msg: fmt.Sprintf("interrupted while the report was written: kept the runs in %s; govsim report %[1]s writes it", f.out)}
		}
	}
	return d.Publish(err)
}
