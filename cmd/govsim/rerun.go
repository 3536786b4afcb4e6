package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/govsim/govsim/cmd/internal/drive"
	"github.com/govsim/govsim/output/report"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim/badinput"
	"github.com/govsim/govsim/sim/experiment"
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
	r := rerun{e: e, path: path, orig: orig, out: f.out, workers: f.workers, progress: e.terminal || f.progress,
		want: outdir.Want{Kind: outdir.KindRerun, Command: e.args, Version: e.build.Version, Force: f.force, Sources: []string{orig}}}
	if kind == table.ManifestKindSweep {
		return r.sweep(ctx)
	}
	return r.runs(ctx)
}

type rerun struct {
	e         env
	path      string // the manifest
	orig, out string
	workers   int
	progress  bool
	want      outdir.Want // of -out; settings are the manifest's
}

func (r *rerun) warn(warnings []string) {
	for _, w := range warnings {
		fmt.Fprintf(r.e.stderr, "govsim rerun: warning: %s\n", w)
	}
}

// runs reproduces the output of govsim run or compare: every run the
// manifest lists, in its order, into monthly.csv and villages.csv.
func (r *rerun) runs(ctx context.Context) error {
	m, err := table.ReadManifestFile(r.path)
	var le *table.LegacyError
	if errors.As(err, &le) {
		r.warn([]string{fmt.Sprintf("%s was written by an earlier govsim, whose checksum covers less of it; rerunning it as it reads", r.path)})
	} else if err != nil {
		return err
	}
	scs, specs, warnings, err := scenarios.Reproduction(r.path, &m, r.e.build.Version)
	if err != nil {
		return err
	}
	r.warn(warnings)
	if err := scenarios.CheckMemory(scs, len(m.Runs), r.workers, runRows(m.VillageDetail), experiment.ListBytes(len(m.Runs))); err != nil {
		return err
	}
	r.want.Settings = m.Sum()
	d, err := drive.NewRunDir(r.e.drive(), r.out, r.want, table.Manifest{Seed: m.Seed, Workers: r.workers, VillageDetail: m.VillageDetail,
		Scenarios: m.Scenarios, Format: m.Format, Set: m.Set}, r.progress, 0)
	if err != nil {
		return err
	}
	if err := d.Run(ctx, experiment.List(specs...)); err != nil {
		if errors.Is(err, context.Canceled) {
			err = &drive.Interrupted{Msg: fmt.Sprintf("interrupted: nothing written to %s; run the same command again", r.out)}
		}
		return d.Publish(err) // an interrupted rerun keeps nothing: it is not an *outdir.Interrupted
	}
	d.Quiet = true
	if err := d.Publish(d.Finish(nil)); err != nil {
		return err
	}
	fmt.Fprintf(r.e.stderr, "reran %d runs of %s into %s in %.1fs\n", len(specs), r.path, r.out, d.Manifest.WallSeconds)
	ext := d.Manifest.Format // csv for manifests that predate the field
	return table.CompareDirs(r.e.stdout, r.orig, r.out, []string{"monthly." + ext, "villages." + ext}, nil)
}

// sweep reproduces a sweep (or the shard its manifest describes) from the
// resolved sweep the manifest holds.
func (r *rerun) sweep(ctx context.Context) error {
	sm, err := table.ReadSweepManifest(r.path)
	if err != nil {
		return badinput.Wrap(err)
	}
	spec, scs, params, warnings, err := scenarios.SweepReproduction(r.path, &sm, r.e.build.Version)
	if err != nil {
		return err
	}
	r.warn(warnings)
	if err := scenarios.CheckPointsMemory(spec.Name, scs, params, spec.Points, sm.RunsShard, r.workers, spec.Monthly); err != nil {
		return err
	}
	dir, err := outdir.ClaimSweepDir(r.out, table.NewSweepFile(spec), r.want)
	if err != nil {
		return err
	}
	defer dir.Close()
	sh := sm.Shard
	if sh.Count > 1 {
		sh.From = "the manifest"
	}
	x := &drive.Sweep{E: r.e.drive(), Dir: dir, Spec: &dir.File.Spec, Scs: scenarios.Experiment(scs), Params: params, Shard: sh,
		Workers: r.workers, Format: sm.Format, Progress: r.progress}
	if err := x.Run(ctx); err != nil {
		return err
	}
	names := append([]string{"sweep.json"}, x.Files...)
	if x.Complete {
		more, err := dir.AssembleLike(r.orig, sm.Format)
		if err != nil {
			return err
		}
		names = append(names, more...)
		if more, err = report.Reexplore(r.orig, r.out, r.e.build.Version, r.e.build, r.e.args); err != nil {
			return err
		}
		names = append(names, more...)
	}
	return table.CompareDirs(r.e.stdout, r.orig, r.out, names, dir.PartNames(sh))
}
