package drive

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"time"

	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/experiment"
	"github.com/govsim/govsim/sim/outdir"
	"github.com/govsim/govsim/sim/shard"
	"github.com/govsim/govsim/sim/table"
	"github.com/govsim/govsim/sim/version"
)

// Env is what a driver needs from the process: the streams, the command
// line and the binary, as govsim's commands have them.
type Env struct {
	Stdout, Stderr io.Writer
	Args           []string     // "govsim" and the arguments, for manifests and messages
	Terminal       bool         // stderr is a terminal: show progress
	Build          version.Info // this binary, for manifests and reports
}

// Interrupted reports a clean stop after Ctrl-C, with what was kept (exit
// status 130).
type Interrupted struct{ Msg string }

func (e *Interrupted) Error() string     { return e.Msg }
func (e *Interrupted) Interrupted() bool { return true }

// Sweep runs a shard of a sweep into its directory: the runs without a
// part, each writing its part as soon as it finishes (so nothing of a run
// outlives it in memory, and Ctrl-C or kill -9 loses no finished run),
// then the tables once every run of the sweep is present.
type Sweep struct {
	E         Env
	Dir       *outdir.SweepDir
	Spec      *table.SweepSpec
	Scs       []experiment.Scenario // in spec order
	Params    []sim.Param           // the parameter of each factor
	Shard     shard.Shard
	Workers   int
	Format    string
	Progress  bool
	Overrides []string // -set, for the manifest
	// Set by run, for rerun: the runs finished now, the tables
	// assembled, and whether every run of the sweep is present.
	Finished int
	Files    []string
	Complete bool
}

// Run runs the shard's runs without a part and concludes the sweep
// directory: tables once every run is present.
func (x *Sweep) Run(ctx context.Context) error {
	start := time.Now()
	spec := x.Spec
	total := spec.Runs()
	done, removed, shardRuns, before, err := x.Dir.Resume(x.Shard)
	if err != nil {
		return err
	}
	for _, r := range removed {
		fmt.Fprintf(x.E.Stderr, "govsim sweep: removed a damaged part, to run again: %s\n", r)
	}
	workers := cmp.Or(x.Workers, runtime.NumCPU())
	var prog *experiment.Progress
	if x.Progress {
		fmt.Fprintf(x.E.Stderr, "sweep %s: %d runs%s; %d done, %d to run with %s -> %s\n",
			spec.Name, total, x.shardNote(shardRuns), before, shardRuns-before, Plural(workers, "worker"), x.Dir.Name())
		prog = experiment.NewProgress(x.E.Stderr, x.E.Terminal, "runs", shardRuns-before)
	}
	man := table.SweepManifest{Govsim: x.E.Build.Version, Go: runtime.Version(), Build: x.E.Build, Command: x.E.Args, SweepID: x.Dir.File.ID,
		Shard: x.Shard, Format: x.Format, Workers: workers, Start: start.UTC(), RunsTotal: total,
		RunsShard: shardRuns, RunSeeds: scenarios.RunSeedsNote(spec), Sweep: *spec, Set: x.Overrides}

	specs := experiment.Sweep(x.Scs, x.Params, spec.Points, spec.Replicates, spec.Seed, spec.Seeds)
	stats, runErr := experiment.Run(ctx, specs,
		experiment.Options{Workers: x.Workers, Progress: prog, Skip: func(id int) bool { return !x.Shard.Mine(id) || done[id] }},
		experiment.Recorder{
			New: func(s *experiment.Spec) sim.Observer {
				return table.NewSweepRecorder(len(spec.Metrics), s.Config.Months, spec.Window, spec.Monthly)
			},
			Done: func(s *experiment.Spec, o sim.Observer) error {
				return x.Dir.WritePart(o.(*table.SweepRecorder).Part(s.ID, s.Point, s.Index, s.Replicate, s.Seed))
			},
		})
	prog.Finish()
	x.Finished = stats.Runs
	man.RunsThisSession, man.RunsDone, man.RunsPerSecond = x.Finished, before+x.Finished, stats.Rate()
	stopped := runErr != nil && errors.Is(runErr, context.Canceled)
	if x.Files, x.Complete, err = x.Dir.Conclude(&man, x.Format, runErr == nil); err != nil {
		return errors.Join(runErr, err)
	}
	name := table.ManifestName(man.Shard)
	rate := "all were done before"
	if x.Finished > 0 {
		rate = fmt.Sprintf("%s now at %.1f runs/s with %s", Plural(x.Finished, "run"), man.RunsPerSecond, Plural(workers, "worker"))
	}
	switch {
	case stopped && x.Dir.Kept:
		return &Interrupted{Msg: fmt.Sprintf("interrupted: %s keeps its previous complete result; the %d runs that finished beside it were not kept",
			x.Dir.Name(), x.Finished)}
	case stopped:
		return &Interrupted{Msg: fmt.Sprintf("interrupted: kept the %d of %d runs%s that finished in %s; run the same command again to resume: %s",
			man.RunsDone, shardRuns, x.shardNote(shardRuns), x.Dir.Dir, table.CommandLine(x.E.Args))}
	case runErr != nil:
		return fmt.Errorf("%w (the %d finished runs are kept in %s; the same command again resumes)", runErr, man.RunsDone, x.Dir.Dir)
	case x.Complete:
		fmt.Fprintf(x.E.Stderr, "wrote %d runs to %s (%s, %s) in %.1fs; %s\n",
			total, x.Dir.Dir, strings.Join(x.Files, ", "), name, man.WallSeconds, rate)
	default:
		fmt.Fprintf(x.E.Stderr, "shard %d/%d: %d runs done in %s in %.1fs; %s; when every shard is done: govsim merge -out DIR %s ...\n",
			x.Shard.Index, x.Shard.Count, man.RunsDone, x.Dir.Dir, man.WallSeconds, rate, x.Dir.Dir)
	}
	return nil
}

func (x *Sweep) shardNote(shardRuns int) string {
	if x.Shard.Count <= 1 {
		return ""
	}
	return fmt.Sprintf(" (shard %d/%d from %s: %d runs)", x.Shard.Index, x.Shard.Count, x.Shard.From, shardRuns)
}

// Plural writes a count with its noun: 1 run, 2 runs.
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// RunDir writes runs into an output directory (outdir.ClaimRunDir): the
// rows in run order, and the manifest, committed together at the end.
type RunDir struct {
	*outdir.RunDir
	e        Env
	workers  int
	detail   bool
	progress bool
	Quiet    bool // finish says nothing on success
}

// NewRunDir claims out for the runs man describes (seed, workers, village
// detail, scenarios, format, -set); the version and command are filled in
// here.
func NewRunDir(e Env, out string, w outdir.Want, man table.Manifest, progress bool, window int) (*RunDir, error) {
	w.Command = e.Args
	man.Govsim, man.Go, man.Build, man.Command = e.Build.Version, runtime.Version(), e.Build, e.Args
	d, err := outdir.ClaimRunDir(out, w, man, window)
	if err != nil {
		return nil, err
	}
	return &RunDir{RunDir: d, e: e, workers: man.Workers, detail: man.VillageDetail, progress: progress}, nil
}

// Run runs specs on the workers and keeps their rows in spec order.
func (d *RunDir) Run(ctx context.Context, specs experiment.Specs) error {
	d.Ask(specs.Len())
	var prog *experiment.Progress
	if d.progress {
		prog = experiment.NewProgress(d.e.Stderr, d.e.Terminal, "runs", specs.Len())
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

// Finish writes the files (outdir.RunDir.Finish) and says so.
func (d *RunDir) Finish(runErr error) error {
	err := d.RunDir.Finish(runErr)
	if m := &d.Manifest; err == nil && !d.Quiet {
		fmt.Fprintf(d.e.Stderr, "wrote %d runs to %s (monthly.%s, villages.%[3]s, manifest.json) in %.1[4]fs\n", m.RunsDone, d.Name(), m.Format, m.WallSeconds)
	}
	return err
}
