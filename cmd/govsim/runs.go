package main

import (
	"context"
	"fmt"
	"runtime"

	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/experiment"
	"github.com/govsim/govsim/sim/outdir"
	"github.com/govsim/govsim/sim/table"
)

// runDir writes runs into an output directory (outdir.ClaimRunDir): the
// rows in run order, and the manifest, committed together at the end.
type runDir struct {
	*outdir.RunDir
	e        env
	workers  int
	detail   bool
	progress bool
	quiet    bool // finish says nothing on success
}

// want is what run and compare write: the kind and everything that
// decides the result, so that the same command again replaces its own
// output and nothing else.
func (f *shared) want(e env, kind string, scs []table.ManifestScenario, settings ...any) outdir.Want {
	return outdir.Want{Kind: kind, Settings: outdir.Settings(kind, scs, f.seed, settings), Version: e.build.Version, Force: f.force}
}

// newRunDir claims out for the runs man describes (seed, workers, village
// detail, scenarios, format, -set); the version and command are filled in
// here.
func newRunDir(e env, out string, w outdir.Want, man table.Manifest, progress bool, window int) (*runDir, error) {
	w.Command = e.args
	man.Govsim, man.Go, man.Build, man.Command = e.build.Version, runtime.Version(), e.build, e.args
	d, err := outdir.ClaimRunDir(out, w, man, window)
	if err != nil {
		return nil, err
	}
	return &runDir{RunDir: d, e: e, workers: man.Workers, detail: man.VillageDetail, progress: progress}, nil
}

// run runs specs on the workers and keeps their rows in spec order.
func (d *runDir) run(ctx context.Context, specs experiment.Specs) error {
	d.Ask(specs.Len())
	var prog *experiment.Progress
	if d.progress {
		prog = experiment.NewProgress(d.e.stderr, d.e.terminal, "runs", specs.Len())
		defer prog.Finish()
	}
	_, err := experiment.Run(ctx, specs, experiment.Options{Workers: d.workers, VillageDetail: d.detail, Ordered: true, Progress: prog},
		experiment.Recorder{
			New: func(s *experiment.Spec) sim.Observer {
				return d.Rows(s.Scenario, s.Replicate, s.Seed, s.Config.Months)
			},
			Done: func(_ *experiment.Spec, o sim.Observer) error { return d.Keep(o.(*table.RunRows)) },
		})
	return err
}

// finish writes the files (outdir.RunDir.Finish) and says so.
func (d *runDir) finish(runErr error) error {
	err := d.Finish(runErr)
	if m := &d.Manifest; err == nil && !d.quiet {
		fmt.Fprintf(d.e.stderr, "wrote %d runs to %s (monthly.%s, villages.%[3]s, manifest.json) in %.1[4]fs\n", m.RunsDone, d.Name(), m.Format, m.WallSeconds)
	}
	return err
}
