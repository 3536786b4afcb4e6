package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/experiment"
	"github.com/govsim/govsim/sim/outdir"
	"github.com/govsim/govsim/sim/shard"
	"github.com/govsim/govsim/sim/table"
)

// sweepRun runs a shard of a sweep into its directory: the runs without a
// part, each writing its part as soon as it finishes (so nothing of a run
// outlives it in memory, and Ctrl-C or kill -9 loses no finished run),
// then the tables once every run of the sweep is present.
type sweepRun struct {
	e         env
	dir       *outdir.SweepDir
	spec      *table.SweepSpec
	scs       []experiment.Scenario // in spec order
	params    []sim.Param           // the parameter of each factor
	shard     shard.Shard
	workers   int
	format    string
	progress  bool
	overrides []string // -set, for the manifest
	// Set by run, for rerun: the runs finished now, the tables
	// assembled, and whether every run of the sweep is present.
	finished int
	files    []string
	complete bool
}

func (x *sweepRun) run(ctx context.Context) error {
	start := time.Now()
	spec := x.spec
	total := spec.Runs()
	done, removed, shardRuns, before, err := x.dir.Resume(x.shard)
	if err != nil {
		return err
	}
	for _, r := range removed {
		fmt.Fprintf(x.e.stderr, "govsim sweep: removed a damaged part, to run again: %s\n", r)
	}
	workers := cmp.Or(x.workers, runtime.NumCPU())
	var prog *experiment.Progress
	if x.progress {
		fmt.Fprintf(x.e.stderr, "sweep %s: %d runs%s; %d done, %d to run with %s -> %s\n",
			spec.Name, total, x.shardNote(shardRuns), before, shardRuns-before, plural(workers, "worker"), x.dir.Dir)
		prog = experiment.NewProgress(x.e.stderr, x.e.terminal, "runs", shardRuns-before)
	}
	man := table.SweepManifest{Govsim: x.e.build.Version, Go: runtime.Version(), Build: x.e.build, Command: x.e.args, SweepID: x.dir.File.ID,
		Shard: x.shard, Format: x.format, Workers: workers, Start: start.UTC(), RunsTotal: total,
		RunsShard: shardRuns, RunSeeds: scenarios.RunSeedsNote(spec), Sweep: *spec, Set: x.overrides}

	specs := experiment.Sweep(x.scs, x.params, spec.Points, spec.Replicates, spec.Seed, spec.Seeds)
	stats, runErr := experiment.Run(ctx, specs,
		experiment.Options{Workers: x.workers, Progress: prog, Skip: func(id int) bool { return !x.shard.Mine(id) || done[id] }},
		experiment.Recorder{
			New: func(s *experiment.Spec) sim.Observer {
				return table.NewSweepRecorder(len(spec.Metrics), s.Config.Months, spec.Window, spec.Monthly)
			},
			Done: func(s *experiment.Spec, o sim.Observer) error {
				return x.dir.WritePart(o.(*table.SweepRecorder).Part(s.ID, s.Point, s.Index, s.Replicate, s.Seed))
			},
		})
	prog.Finish()
	x.finished = stats.Runs
	man.RunsThisSession, man.RunsDone, man.RunsPerSecond = x.finished, before+x.finished, stats.Rate()
	stopped := runErr != nil && errors.Is(runErr, context.Canceled)
	if x.files, x.complete, err = x.dir.Conclude(&man, x.format, runErr == nil); err != nil {
		return errors.Join(runErr, err)
	}
	name := table.ManifestName(man.Shard)
	rate := "all were done before"
	if x.finished > 0 {
		rate = fmt.Sprintf("%s now at %.1f runs/s with %s", plural(x.finished, "run"), man.RunsPerSecond, plural(workers, "worker"))
	}
	switch {
	case stopped:
		return &interrupted{fmt.Sprintf("interrupted: kept the %d of %d runs%s that finished in %s; run the same command again to resume: %s",
			man.RunsDone, shardRuns, x.shardNote(shardRuns), x.dir.Dir, table.CommandLine(x.e.args))}
	case runErr != nil:
		return fmt.Errorf("%w (the %d finished runs are kept in %s; the same command again resumes)", runErr, man.RunsDone, x.dir.Dir)
	case x.complete:
		fmt.Fprintf(x.e.stderr, "wrote %d runs to %s (%s, %s) in %.1fs; %s\n",
			total, x.dir.Dir, strings.Join(x.files, ", "), name, man.WallSeconds, rate)
	default:
		fmt.Fprintf(x.e.stderr, "shard %d/%d: %d runs done in %s in %.1fs; %s; when every shard is done: govsim merge -out DIR %s ...\n",
			x.shard.Index, x.shard.Count, man.RunsDone, x.dir.Dir, man.WallSeconds, rate, x.dir.Dir)
	}
	return nil
}

func (x *sweepRun) shardNote(shardRuns int) string {
	if x.shard.Count <= 1 {
		return ""
	}
	return fmt.Sprintf(" (shard %d/%d from %s: %d runs)", x.shard.Index, x.shard.Count, x.shard.From, shardRuns)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
