package main

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/govsim/govsim/analysis"
	"github.com/govsim/govsim/cmd/internal/calibrate"
	"github.com/govsim/govsim/cmd/internal/drive"
	"github.com/govsim/govsim/cmd/internal/intflag"
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
	maxReps := intflag.New(fs, "max-replicates", 100, "most replicates per scenario with -precision")
	maps := fs.String("maps", "", "months of the village maps (year ends, comma-separated)")
	mapBy := fs.String("map-by", "satisfaction", "colour of the village maps: satisfaction, trust or status")
	explore := fs.String("explore", "", "an explore directory: its shares of the plausible space in the pattern section")
	postDir := fs.String("posterior", "", "a calibration's directory: each replicate at a draw from its posterior")
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
	if *explore != "" {
		if err := report.CheckExplore(*explore); err != nil {
			return err
		}
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
	if err := scenarios.CheckMemory(scs, len(scs)*reps, f.workers, drive.RunRows(false), 0); err != nil {
		return err
	}
	var post *calibrate.Posterior
	var postID []any // the draws decide the result: another posterior is another comparison
	if *postDir != "" {
		if post, err = calibrate.LoadPosterior(*postDir); err != nil {
			return err
		}
		postID = []any{post.ID}
	}
	months, _ := scenarios.Horizon(scs)
	win, _ := report.FitWindow(f.window, months) // the report says when it shrank
	ms := scenarios.Manifest(scs)
	d, err := drive.NewRunDir(e.drive(), f.out, f.want(e, outdir.KindCompare, ms, append([]any{f.replicates, *ref, f.window, *precision, *maxReps, mo, f.format}, postID...)...),
		table.Manifest{Seed: f.seed, Workers: f.workers, Scenarios: ms, Format: f.format, Set: f.overrides}, e.terminal || f.progress, win)
	if err != nil {
		return err
	}
	exp := scenarios.Experiment(scs)
	ran, spent := 0, time.Duration(0) // the pace, for adaptive replication's estimates
	batch := func(ctx context.Context, from, to int) error {
		t0 := time.Now()
		specs := experiment.Ensemble(exp, from, to, f.seed)
		if post != nil {
			if specs, err = post.Ensemble(specs, f.seed); err != nil {
				return err
			}
		}
		err := d.Run(ctx, specs)
		ran, spent = ran+(to-from)*len(exp), spent+time.Since(t0)
		return err
	}
	var runErr error
	if *precision > 0 {
		fmt.Fprintln(e.stderr, report.PrecisionStart(*precision, f.replicates, *maxReps, len(exp)))
		st := analysis.PrecisionStatus{Target: *precision}
		p := experiment.Precision{Target: *precision, First: f.replicates, Max: *maxReps}
		_, runErr = p.Replicate(ctx, batch,
			func(reps int) (string, bool) {
				st = analysis.PrecisionOf(d.Scenarios(), d.Tails, *precision, reps)
				return st.Widest().Short(), st.Met()
			},
			func(string) {
				fmt.Fprintln(e.stderr, report.PrecisionProgress(st, min(2*st.Replicates, *maxReps), *maxReps, len(exp), ran, spent))
			})
		d.Manifest.Precision = report.PrecisionRecord(st, *maxReps)
	} else {
		runErr = batch(ctx, 0, f.replicates)
	}
	if post != nil {
		if d.Manifest.Posterior, err = post.Record(f.seed, d.Asked()/len(scs)); err != nil {
			return d.Publish(err)
		}
		fmt.Fprintf(e.stderr, "each replicate ran at a draw from the posterior of %s (%d parameters)\n", *postDir, len(post.Params))
	}
	err = d.Finish(runErr)
	if err == nil {
		err = report.Compare(e.stdout, report.Comparison{Dir: d.Dir, Name: f.out, Ref: *ref, Window: f.window, Maps: mo, Explore: *explore,
			Version: e.build.Version, Build: e.build, Command: e.args, Font: fnt})
		if err == nil && ctx.Err() != nil {
			err = &outdir.Interrupted{Msg: fmt.Sprintf("interrupted while the report was written: kept the runs in %s; govsim report %[1]s writes it", f.out)}
		}
	}
	return d.Publish(err)
}
