package main

import (
	"context"

	"github.com/govsim/govsim/cmd/internal/intflag"
	"github.com/govsim/govsim/output/report"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim/outdir"
)

func cmdReport(ctx context.Context, e env, args []string) error {
	fs := newFlags("report")
	var f shared
	f.register(fs, shared{}, "font")
	ref := fs.String("ref", scenarios.Reference, "reference scenario")
	window := intflag.New(fs, "window", 60, "months at the end summarised")
	maps := fs.String("maps", "", "months of the village maps, comma-separated year ends (default: first and last year)")
	mapBy := fs.String("map-by", "satisfaction", "colour of the village maps: satisfaction, trust or status")
	explore := fs.String("explore", "", "an explore directory: its shares of the plausible space in the pattern section")
	pos, err := parse(fs, e, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("report takes one output directory (see govsim report -h)")
	}
	if err := intRange("window", *window, 1, 1200); err != nil {
		return err
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
	o, err := outdir.ClaimAnalysis(pos[0], []string{outdir.KindRun, outdir.KindCompare, outdir.KindRerun}, e.args,
		"govsim report reads the output of govsim run or compare", report.CompareFiles())
	if err != nil {
		return err
	}
	err = report.Compare(e.stdout, report.Comparison{Dir: pos[0], Out: o.Build, Ref: *ref, Window: *window, Maps: mo, Explore: *explore,
		Version: e.build.Version, Build: e.build, Command: e.args, Font: fnt})
	return o.Publish(interrupted(ctx, err, pos[0]))
}

// interrupted is err, or after Ctrl-C an interruption: what the command
// built beside dir is then not put in its place.
func interrupted(ctx context.Context, err error, dir string) error {
	if err == nil && ctx.Err() != nil {
		return &outdir.Interrupted{Msg: "interrupted: " + dir + " keeps what it held"}
	}
	return err
}
