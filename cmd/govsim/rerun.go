package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim/experiment"
	"github.com/govsim/govsim/sim/table"
)

func cmdRerun(ctx context.Context, e env, args []string) error {
	fs := newFlags("rerun")
	var f shared
	f.register(fs, shared{out: "govsim-rerun"}, "out", "workers", "progress")
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
	if ents, err := os.ReadDir(f.out); err == nil && len(ents) > 0 {
		return usagef("-out %s is not empty: the rerun goes to a new directory, so that every file is made afresh", f.out)
	}
	kind, err := table.ManifestKind(path)
	if err != nil {
		return badInput{err}
	}
	r := rerun{e: e, path: path, orig: orig, out: f.out, workers: f.workers, progress: e.terminal || f.progress}
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
	if err != nil {
		return badInput{err}
	}
	if m.Govsim != version {
		r.warn([]string{fmt.Sprintf("%s was written by govsim %s, this is %s; results may differ", r.path, m.Govsim, version)})
	}
	specs, warnings, err := scenarios.RunSpecs(r.path, m)
	if err != nil {
		return err
	}
	r.warn(warnings)
	d, err := newRunDir(r.e, r.out, m.Scenarios, m.Seed, r.workers, m.VillageDetail, r.progress, 0)
	if err != nil {
		return err
	}
	if err := d.run(ctx, specs); err != nil {
		d.Abort()
		if errors.Is(err, context.Canceled) {
			return &interrupted{fmt.Sprintf("interrupted: nothing written to %s; run the same command again", r.out)}
		}
		return err
	}
	d.quiet = true
	if err := d.finish(nil); err != nil {
		return err
	}
	fmt.Fprintf(r.e.stderr, "reran %d runs of %s into %s in %.1fs\n", specs.Len(), r.path, r.out, d.Manifest.WallSeconds)
	return table.CompareDirs(r.e.stdout, r.orig, r.out, []string{"monthly.csv", "villages.csv"}, nil)
}

// sweep reproduces a sweep (or the shard its manifest describes) from the
// resolved sweep the manifest holds.
func (r *rerun) sweep(ctx context.Context) error {
	sm, err := table.ReadSweepManifest(r.path)
	if err != nil {
		return badInput{err}
	}
	if sm.Govsim != version {
		r.warn([]string{fmt.Sprintf("%s was written by govsim %s, this is %s; results may differ", r.path, sm.Govsim, version)})
	}
	spec := sm.Sweep
	spec.Govsim = version
	scs, params, warnings, err := scenarios.SweepInputs(r.path, &spec)
	if err != nil {
		return err
	}
	r.warn(warnings)
	dir, err := table.CreateSweepDir(r.out, table.NewSweepFile(spec))
	if err != nil {
		return err
	}
	shard := sm.Shard
	if shard.Count > 1 {
		shard.From = "the manifest"
	}
	x := &sweepRun{e: r.e, dir: dir, spec: &dir.File.Spec, scs: scs, params: params, shard: experiment.Shard(shard),
		workers: r.workers, format: sm.Format, progress: r.progress}
	if err := x.run(ctx); err != nil {
		return err
	}
	names := append([]string{"sweep.json"}, x.files...)
	if x.complete {
		more, err := dir.AssembleLike(r.orig, sm.Format)
		if err != nil {
			return err
		}
		names = append(names, more...)
	}
	return table.CompareDirs(r.e.stdout, r.orig, r.out, names, dir.PartNames(shard))
}
