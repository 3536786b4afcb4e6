package main

import (
	"context"
	"path/filepath"

	"github.com/govsim/govsim/cmd/internal/drive"
	"github.com/govsim/govsim/output/report"
	"github.com/govsim/govsim/sim/badinput"
	"github.com/govsim/govsim/sim/outdir"
	"github.com/govsim/govsim/sim/table"
)

func cmdRerun(ctx context.Context, e env, args []string) error {
	fs := newFlags("rerun")
	var f shared
	f.register(fs, shared{out: "govsim-rerun"}, "out", "workers", "progress", "force")
	pos, err := parse(fs, e, args)
	if err != nil {
		return err
	}
	if err := f.check(fs); err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("rerun takes one manifest.json, or the directory holding it (see govsim rerun -h)")
	}
	path, err := table.FindManifest(pos[0])
	if err != nil {
		return err
	}
	orig := filepath.Dir(path)
	if table.SameDir(orig, f.out) {
		return usagef("-out %s is the directory of the manifest: the rerun goes to a new directory, to be compared with it", f.out)
	}
	kind, err := table.ManifestKind(path)
	if err != nil {
		return badinput.Wrap(err)
	}
	r := drive.Rerun{E: e.drive(), Path: path, Orig: orig, Out: f.out, Workers: f.workers, Progress: e.terminal || f.progress,
		Want: outdir.Want{Kind: outdir.KindRerun, Command: e.args, Version: e.build.Version, Force: f.force, Sources: []string{orig}},
		Reexplore: func(orig, out string) ([]string, error) {
			return report.Reexplore(orig, out, e.build.Version, e.build, e.args)
		}}
	if kind == table.ManifestKindSweep {
		return r.Sweep(ctx)
	}
	return r.Runs(ctx)
}
