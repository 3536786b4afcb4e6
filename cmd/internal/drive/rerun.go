package drive

import (
	"context"
	"errors"
	"fmt"

	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim/badinput"
	"github.com/govsim/govsim/sim/experiment"
	"github.com/govsim/govsim/sim/outdir"
	"github.com/govsim/govsim/sim/table"
)

// RunRows are the rows a run of govsim run or compare holds until kept.
func RunRows(detail bool) experiment.Rows {
	if detail {
		return experiment.Rows{DistrictText: true, VillagePerYear: 12}
	}
	return experiment.Rows{DistrictText: true, VillagePerYear: 1}
}

// Rerun reproduces a run directory or a sweep from its manifest into a
// new directory and compares the two, file by file (govsim rerun).
type Rerun struct {
	E         Env
	Path      string // the manifest
	Orig, Out string
	Workers   int
	Progress  bool
	Want      outdir.Want // of -out; settings are the manifest's
	// Reexplore redoes an exploratory design's analysis in out as it was
	// done in orig, and names the files it wrote (nil: none to redo).
	Reexplore func(orig, out string) ([]string, error)
}

func (r *Rerun) warn(warnings []string) {
	for _, w := range warnings {
		fmt.Fprintf(r.E.Stderr, "govsim rerun: warning: %s\n", w)
	}
}

// Runs reproduces the output of govsim run or compare: every run the
// manifest lists, in its order, into monthly.csv and villages.csv.
func (r *Rerun) Runs(ctx context.Context) error {
	m, err := table.ReadManifestFile(r.Path)
	var le *table.LegacyError
	if errors.As(err, &le) {
		r.warn([]string{fmt.Sprintf("%s was written by an earlier govsim, whose checksum covers less of it; rerunning it as it reads", r.Path)})
	} else if err != nil {
		return err
	}
	scs, specs, warnings, err := scenarios.Reproduction(r.Path, &m, r.E.Build.Version)
	if err != nil {
		return err
	}
	r.warn(warnings)
	if err := scenarios.CheckMemory(scs, len(m.Runs), r.Workers, RunRows(m.VillageDetail), experiment.ListBytes(len(m.Runs))); err != nil {
		return err
	}
	r.Want.Settings = m.Sum()
	d, err := NewRunDir(r.E, r.Out, r.Want, table.Manifest{Seed: m.Seed, Workers: r.Workers, VillageDetail: m.VillageDetail,
		Scenarios: m.Scenarios, Format: m.Format, Set: m.Set}, r.Progress, 0)
	if err != nil {
		return err
	}
	if err := d.Run(ctx, experiment.List(specs...)); err != nil {
		if errors.Is(err, context.Canceled) {
			err = &Interrupted{Msg: fmt.Sprintf("interrupted: nothing written to %s; run the same command again", r.Out)}
		}
		return d.Publish(err) // an interrupted rerun keeps nothing: it is not an *outdir.Interrupted
	}
	d.Quiet = true
	if err := d.Publish(d.Finish(nil)); err != nil {
		return err
	}
	fmt.Fprintf(r.E.Stderr, "reran %d runs of %s into %s in %.1fs\n", len(specs), r.Path, r.Out, d.Manifest.WallSeconds)
	ext := d.Manifest.Format // csv for manifests that predate the field
	return table.CompareDirs(r.E.Stdout, r.Orig, r.Out, []string{"monthly." + ext, "villages." + ext}, nil)
}

// Sweep reproduces a sweep (or the shard its manifest describes) from the
// resolved sweep the manifest holds.
func (r *Rerun) Sweep(ctx context.Context) error {
	sm, err := table.ReadSweepManifest(r.Path)
	if err != nil {
		return badinput.Wrap(err)
	}
	spec, scs, params, warnings, err := scenarios.SweepReproduction(r.Path, &sm, r.E.Build.Version)
	if err != nil {
		return err
	}
	r.warn(warnings)
	if err := scenarios.CheckPointsMemory(spec.Name, scs, params, spec.Points, sm.RunsShard, r.Workers, spec.Monthly); err != nil {
		return err
	}
	dir, err := outdir.ClaimSweepDir(r.Out, table.NewSweepFile(spec), r.Want)
	if err != nil {
		return err
	}
	defer dir.Close()
	sh := sm.Shard
	if sh.Count > 1 {
		sh.From = "the manifest"
	}
	x := &Sweep{E: r.E, Dir: dir, Spec: &dir.File.Spec, Scs: scenarios.Experiment(scs), Params: params, Shard: sh,
		Workers: r.Workers, Format: sm.Format, Progress: r.Progress}
	if err := x.Run(ctx); err != nil {
		return err
	}
	names := append([]string{"sweep.json"}, x.Files...)
	if x.Complete {
		more, err := dir.AssembleLike(r.Orig, sm.Format)
		if err != nil {
			return err
		}
		names = append(names, more...)
		if r.Reexplore != nil {
			if more, err = r.Reexplore(r.Orig, r.Out); err != nil {
				return err
			}
			names = append(names, more...)
		}
	}
	return table.CompareDirs(r.E.Stdout, r.Orig, r.Out, names, dir.PartNames(sh))
}
