package main

import (
	"context"
	"fmt"
	"math"

	"github.com/govsim/govsim/analysis"
	"github.com/govsim/govsim/output/report"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim/experiment"
)

func cmdCompare(ctx context.Context, e env, args []string) error {
	fs := newFlags("compare")
	var f shared
	f.register(fs, runDefaults, runFlags...) // -replicates is the first batch with -precision
	ref := fs.String("ref", "baseline", "reference scenario")
	window := fs.Int("window", 60, "months at the end summarised")
	precision := fs.Float64("precision", 0, "add replicates until every headline half-width is below this share of its mean (0: off)")
	maxReps := fs.Int("max-replicates", 100, "most replicates per scenario with -precision")
	maps := fs.String("maps", "", "months of the village maps (year ends, comma-separated)")
	mapBy := fs.String("map-by", "satisfaction", "colour of the village maps: satisfaction, trust or status")
	pos, err := parse(fs, e, args)
	if err != nil {
		return err
	}
	if err := f.check(fs); err != nil {
		return err
	}
	if err := intRange("window", *window, 1, 1200); err != nil {
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
	scs, err := scenarios.LoadAll(pos, f.months)
	if err != nil {
		return err
	}
	found := false
	for _, sc := range scs {
		found = found || sc.Name == *ref
		if *window > sc.Config.Months {
			return usagef("-window = %d is longer than scenario %s's %d months", *window, sc.Name, sc.Config.Months)
		}
	}
	if !found {
		return usagef("reference scenario %q is not among those run (%s); set -ref", *ref, scenarios.Names(scs))
	}

	d, err := newRunDir(e, f.out, scenarios.Manifest(scs), f.seed, f.workers, false, e.terminal || f.progress, *window)
	if err != nil {
		return err
	}
	exp := scenarios.Experiment(scs)
	batch := func(ctx context.Context, from, to int) error {
		return d.run(ctx, experiment.Ensemble(exp, from, to, f.seed))
	}
	note := fmt.Sprintf("%d per scenario", f.replicates)
	var runErr error
	if *precision > 0 {
		p := experiment.Precision{Target: *precision, First: f.replicates, Max: *maxReps}
		var out experiment.Outcome
		out, runErr = p.Replicate(ctx, batch,
			func(int) (string, bool) { return analysis.Precise(d.Scenarios(), d.Tails, *precision) },
			func(msg string) { fmt.Fprintln(e.stderr, msg) })
		note = out.Note(*precision)
	} else {
		runErr = batch(ctx, 0, f.replicates)
	}
	if err := d.finish(runErr); err != nil {
		return err
	}
	return report.Compare(e.stdout, report.Comparison{Dir: f.out, Ref: *ref, Window: *window, Maps: mo, Replicates: note, Version: e.build.Version, Build: e.build})
}
