package main

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/experiment"
	"github.com/govsim/govsim/sim/table"
)

// loadScenarios resolves the arguments (embedded names or files; none means
// the teaching set) before anything is written.
func loadScenarios(args []string, months int) ([]scenarios.Scenario, error) {
	if len(args) == 0 {
		args = scenarios.Teaching()
	}
	seen := map[string]string{}
	var out []scenarios.Scenario
	for _, a := range args {
		sc, err := scenarios.Load(a)
		if err != nil {
			return nil, err
		}
		if prev, dup := seen[sc.Name]; dup {
			return nil, usagef("scenario name %q is given twice (%s and %s); names must differ", sc.Name, prev, sc.Source)
		}
		seen[sc.Name] = sc.Source
		if months > 0 {
			sc.Config.Months = months
		}
		out = append(out, sc)
	}
	return out, nil
}

// runDir writes runs into an output directory — monthly.csv and
// villages.csv in run order, and manifest.json — committed together at the
// end, so the directory holds either its old files or the new ones.
type runDir struct {
	e        env
	out      string
	files    *table.Files
	man      table.Manifest
	names    []string               // scenarios, in order
	tails    map[string][][]float64 // per scenario and run: district metrics over the final window
	window   int                    // months at the end averaged for tails
	detail   bool
	workers  int
	progress bool
	quiet    bool // finish says nothing on success
	asked    int  // runs asked for so far
	started  time.Time
}

func newRunDir(e env, out string, scs []table.ManifestScenario, seed uint64, workers int, detail, progress bool, window int) (*runDir, error) {
	files, err := table.Create(out)
	if err != nil {
		return nil, err
	}
	d := &runDir{e: e, out: out, files: files, tails: map[string][][]float64{}, window: window,
		detail: detail, workers: workers, progress: progress, started: time.Now()}
	d.man = table.Manifest{Govsim: version, Go: runtime.Version(), Command: e.args, Seed: seed,
		Workers: workers, VillageDetail: detail, Start: d.started.UTC(), Scenarios: scs}
	for _, sc := range scs {
		d.names = append(d.names, sc.Name)
	}
	return d, nil
}

// run runs specs on the workers and appends their rows in spec order.
func (d *runDir) run(ctx context.Context, specs experiment.Specs) error {
	d.asked += specs.Len()
	var prog *experiment.Progress
	if d.progress {
		prog = experiment.NewProgress(d.e.stderr, d.e.terminal, "runs", specs.Len())
		defer prog.Finish()
	}
	_, err := experiment.Run(ctx, specs, experiment.Options{Workers: d.workers, VillageDetail: d.detail, Ordered: true, Progress: prog},
		experiment.Recorder{
			New: func(s *experiment.Spec) sim.Observer {
				return table.NewRunRows(s.Scenario, s.Replicate, s.Seed, sim.DistrictMetrics(), sim.VillageMetrics(), s.Config.Months-d.window)
			},
			Done: func(s *experiment.Spec, o sim.Observer) error {
				rows := o.(*table.RunRows)
				if err := d.files.Append(rows); err != nil {
					return err
				}
				d.tails[s.Scenario] = append(d.tails[s.Scenario], rows.Tail())
				d.man.Runs = append(d.man.Runs, table.ManifestRun{Scenario: s.Scenario, Replicate: s.Replicate, Seed: s.Seed})
				return nil
			},
		})
	return err
}

// finish commits the files, keeping the runs that finished after Ctrl-C,
// or, after a failure, removes the temporary files.
func (d *runDir) finish(runErr error) error {
	end := time.Now()
	d.man.End, d.man.WallSeconds = end.UTC(), end.Sub(d.started).Seconds()
	d.man.RunsDone = len(d.man.Runs)
	d.man.Complete = runErr == nil && d.man.RunsDone == d.asked
	for _, t := range d.tails {
		d.man.Replicates = max(d.man.Replicates, len(t))
	}
	if runErr != nil && !errors.Is(runErr, context.Canceled) {
		d.files.Abort()
		return runErr
	}
	if err := d.files.Commit(d.man); err != nil {
		return err
	}
	if runErr != nil {
		return &interrupted{fmt.Sprintf("interrupted: kept the %d of %d runs that finished in %s", d.man.RunsDone, d.asked, d.out)}
	}
	if d.quiet {
		return nil
	}
	fmt.Fprintf(d.e.stderr, "wrote %d runs to %s (monthly.csv, villages.csv, manifest.json) in %.1fs\n", d.man.RunsDone, d.out, d.man.WallSeconds)
	return nil
}

func manifestScenarios(scs []scenarios.Scenario) []table.ManifestScenario {
	out := make([]table.ManifestScenario, len(scs))
	for i := range scs {
		out[i] = scs[i].ManifestScenario()
	}
	return out
}

func scenarioNames(scs []scenarios.Scenario) string {
	names := make([]string, len(scs))
	for i, sc := range scs {
		names[i] = sc.Name
	}
	return strings.Join(names, ", ")
}
