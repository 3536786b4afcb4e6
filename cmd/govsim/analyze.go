package main

import (
	"context"
	"strings"

	"github.com/govsim/govsim/cmd/internal/intflag"
	"github.com/govsim/govsim/output/report"
	"github.com/govsim/govsim/sim/outdir"
)

func cmdAnalyze(ctx context.Context, e env, args []string) error {
	fs := newFlags("analyze")
	var f shared
	f.register(fs, shared{}, "font")
	metrics := fs.String("metrics", strings.Join(report.DefaultSensitivityMetrics(), ","), "metrics to analyse")
	boot := intflag.New(fs, "bootstrap", 1000, "bootstrap resamples")
	pos, err := parse(fs, e, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("analyze takes one sweep output directory (see govsim analyze -h)")
	}
	if err := intRange("bootstrap", *boot, 0, 100000); err != nil {
		return err
	}
	fnt, err := report.ChooseFont(f.font)
	if err != nil {
		return err
	}
	o, err := outdir.ClaimAnalysis(pos[0], []string{outdir.KindSweep, outdir.KindRerun}, e.args,
		"govsim analyze reads the output of govsim sweep or merge", report.SensitivityFiles())
	if err != nil {
		return err
	}
	err = report.Analyze(e.stdout, report.Sensitivity{Dir: pos[0], Out: o.Build, Metrics: strings.Split(*metrics, ","), Bootstrap: *boot,
		Version: e.build.Version, Build: e.build, Command: e.args, Font: fnt})
	return o.Publish(interrupted(ctx, err, pos[0]))
}
