package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim"
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

// scenario parses a resolved scenario from a manifest and checks that this
// version resolves it to the same text.
func (r *rerun) scenario(ms table.ManifestScenario) (scenarios.Scenario, error) {
	sc, err := scenarios.Parse(r.path+": scenario "+ms.Name, []byte(ms.Config), "")
	if err != nil {
		return sc, err
	}
	if sc.Name != ms.Name {
		return sc, badInput{fmt.Errorf("%s: scenario %q resolves to the name %q", r.path, ms.Name, sc.Name)}
	}
	if string(scenarios.Format(sc.Config)) != ms.Config {
		fmt.Fprintf(r.e.stderr, "govsim rerun: warning: this govsim resolves scenario %s differently from the manifest's; results may differ\n", ms.Name)
	}
	return sc, nil
}

// runs reproduces the output of govsim run or compare: every run the
// manifest lists, in its order, into monthly.csv and villages.csv.
func (r *rerun) runs(ctx context.Context) error {
	b, err := os.ReadFile(r.path)
	if err != nil {
		return err
	}
	var m table.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return badInput{fmt.Errorf("%s: %w", r.path, err)}
	}
	if len(m.Runs) == 0 {
		return badInput{fmt.Errorf("%s records no runs: nothing to reproduce", r.path)}
	}
	if m.Govsim != r.e.build.Version {
		fmt.Fprintf(r.e.stderr, "govsim rerun: warning: %s was written by govsim %s, this is %s; results may differ\n", r.path, m.Govsim, r.e.build.Version)
	}
	scs := map[string]*scenarios.Scenario{}
	for _, ms := range m.Scenarios {
		sc, err := r.scenario(ms)
		if err != nil {
			return err
		}
		scs[ms.Name] = &sc
	}
	for _, run := range m.Runs {
		if scs[run.Scenario] == nil {
			return badInput{fmt.Errorf("%s: run of scenario %q, which the manifest does not resolve", r.path, run.Scenario)}
		}
	}
	var specs []experiment.Spec
	for _, run := range m.Runs {
		sc := scs[run.Scenario]
		specs = append(specs, experiment.Spec{Scenario: sc.Name, Replicate: run.Replicate, Seed: run.Seed, Point: -1,
			Config: sc.Config, Villages: sc.Villages})
	}
	d, err := newRunDir(r.e, r.out, table.Manifest{Seed: m.Seed, Workers: r.workers, VillageDetail: m.VillageDetail, Scenarios: m.Scenarios, Format: m.Format},
		r.progress, 0)
	if err != nil {
		return err
	}
	if err := d.run(ctx, experiment.List(specs...)); err != nil {
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
	fmt.Fprintf(r.e.stderr, "reran %d runs of %s into %s in %.1fs\n", len(m.Runs), r.path, r.out, d.Manifest.WallSeconds)
	ext := d.Manifest.Format // csv for manifests that predate the field
	return table.CompareDirs(r.e.stdout, r.orig, r.out, []string{"monthly." + ext, "villages." + ext}, nil)
}

// sweep reproduces a sweep (or the shard its manifest describes) from the
// resolved sweep the manifest holds.
func (r *rerun) sweep(ctx context.Context) error {
	sm, err := table.ReadSweepManifest(r.path)
	if err != nil {
		return badInput{err}
	}
	if sm.Govsim != r.e.build.Version {
		fmt.Fprintf(r.e.stderr, "govsim rerun: warning: %s was written by govsim %s, this is %s; results may differ\n", r.path, sm.Govsim, r.e.build.Version)
	}
	spec := sm.Sweep
	spec.Govsim = r.e.build.Version
	var scs []scenarios.Scenario
	for _, ms := range spec.Scenarios {
		sc, err := r.scenario(ms)
		if err != nil {
			return err
		}
		scs = append(scs, sc)
	}
	var params []sim.Param
	for _, f := range spec.Factors {
		p, ok := sim.Lookup(f.Key)
		if !ok || p.Kind == "string" {
			return badInput{fmt.Errorf("%s: factor %q is not a numeric parameter of this govsim", r.path, f.Key)}
		}
		params = append(params, p)
	}
	dir, err := table.CreateSweepDir(r.out, table.NewSweepFile(spec))
	if err != nil {
		return err
	}
	shard := sm.Shard
	if shard.Count > 1 {
		shard.From = "the manifest"
	}
	x := &sweepRun{e: r.e, dir: dir, spec: &dir.File.Spec, scs: scenarios.Experiment(scs), params: params, shard: experiment.Shard(shard),
		workers: r.workers, format: sm.Format, progress: r.progress}
	if err := x.run(ctx); err != nil {
		return err
	}
	names := append([]string{"sweep.json"}, x.files...)
	if x.complete {
		// Tables the original also has in the other format are rebuilt
		// and compared too.
		other := table.FormatCSV
		if sm.Format == table.FormatCSV {
			other = table.FormatParquet
		}
		if _, err := os.Stat(filepath.Join(r.orig, "results."+other)); err == nil {
			more, err := table.AssembleSweep(dir.Dir, dir.File, other, dir.PartPath)
			if err != nil {
				return err
			}
			names = append(names, more...)
		}
	}
	var parts []string
	for id := 0; id < spec.Runs(); id++ {
		if shard.Mine(id) {
			parts = append(parts, filepath.Join("parts", fmt.Sprintf("%d.part", id)))
		}
	}
	return table.CompareDirs(r.e.stdout, r.orig, r.out, names, parts)
}
