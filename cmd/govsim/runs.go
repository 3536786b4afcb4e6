package main

import (
	"context"
	"errors"
	"fmt"
	"runtime"

	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/experiment"
	"github.com/govsim/govsim/sim/table"
)

// runDir writes runs into an output directory: the rows in run order, and
// the manifest, committed together at the end, so the directory holds
// either its old files or the new ones.
type runDir struct {
	*table.RunDir
	e        env
	workers  int
	detail   bool
	progress bool
	quiet    bool // finish says nothing on success
}

// newRunDir opens out for the runs man describes (seed, workers, village
// detail, scenarios, format, -set); the version and command are filled in
// here.
func newRunDir(e env, out string, man table.Manifest, progress bool, window int) (*runDir, error) {
	man.Govsim, man.Go, man.Build, man.Command = e.build.Version, runtime.Version(), e.build, e.args
	d, err := table.CreateRunDir(out, man, window)
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

// finish commits the files, keeping the runs that finished after Ctrl-C,
// or, after a failure, removes the temporary files.
func (d *runDir) finish(runErr error) error {
	if runErr != nil && !errors.Is(runErr, context.Canceled) {
		d.Abort()
		return runErr
	}
	if err := d.Commit(runErr != nil); err != nil {
		return err
	}
	m := &d.Manifest
	if runErr != nil {
		return &interrupted{fmt.Sprintf("interrupted: kept the %d of %d runs that finished in %s", m.RunsDone, d.Asked(), d.Dir)}
	}
	if !d.quiet {
		fmt.Fprintf(d.e.stderr, "wrote %d runs to %s (monthly.%s, villages.%[3]s, manifest.json) in %.1[4]fs\n", m.RunsDone, d.Dir, m.Format, m.WallSeconds)
	}
	return nil
}
