package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/govsim/govsim/output"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/batch"
)

// sweepExec runs a shard of a sweep into its directory: the runs without a
// part, on a worker pool, each writing its part as soon as it finishes (so
// nothing of a run outlives it in memory), then the tables once every run
// of the sweep is present.
type sweepExec struct {
	e        env
	dir      *output.SweepDir
	spec     *output.SweepSpec
	scs      []scenarios.Scenario // in spec order, with the configurations to run
	params   []sim.Param          // the parameter of each factor
	shard    output.Shard
	workers  int
	format   string
	progress bool
	// Set by run, for rerun: the runs finished now, the tables
	// assembled, and whether every run of the sweep is present.
	finished int
	files    []string
	complete bool
}

// sweepRunError is a run that failed, by its sweep id.
type sweepRunError struct {
	id  int
	msg string
	err error
}

func (e *sweepRunError) Error() string { return fmt.Sprintf("run %d (%s): %v", e.id, e.msg, e.err) }
func (e *sweepRunError) Unwrap() error { return e.err }

func (x *sweepExec) run(ctx context.Context) error {
	start := time.Now()
	spec := x.spec
	total := spec.Runs()
	done, removed, err := x.dir.Scan(x.shard.Mine, x.shard.Count <= 1)
	if err != nil {
		return err
	}
	for _, r := range removed {
		fmt.Fprintf(x.e.stderr, "govsim sweep: removed a damaged part, to run again: %s\n", r)
	}
	var pending []int
	shardRuns, before := 0, 0
	for id := 0; id < total; id++ {
		if !x.shard.Mine(id) {
			continue
		}
		shardRuns++
		if done[id] {
			before++
		} else {
			pending = append(pending, id)
		}
	}
	workers := x.workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	if x.progress {
		fmt.Fprintf(x.e.stderr, "sweep %s: %d runs%s; %d done, %d to run with %s -> %s\n",
			spec.Name, total, x.shardNote(shardRuns), before, len(pending), plural(workers, "worker"), x.dir.Dir)
	}
	man := output.SweepManifest{Govsim: version, Go: runtime.Version(), Command: x.e.args, SweepID: x.dir.File.ID,
		Shard: x.shard, Format: x.format, Workers: workers, Start: start.UTC(), RunsTotal: total,
		RunsShard: shardRuns, RunSeeds: runSeedsNote(spec), Sweep: *spec}

	var count atomic.Int64
	prog := newSweepProgress(x.e.stderr, x.progress, x.e.terminal, before, shardRuns)
	runStart := time.Now()
	runErr := x.runPending(ctx, pending, &count, prog)
	prog.stop()
	elapsed := time.Since(runStart)
	x.finished = int(count.Load())
	if err := x.dir.SyncParts(); err != nil && runErr == nil {
		runErr = err
	}
	man.RunsThisSession = x.finished
	man.RunsDone = before + x.finished
	if elapsed > 0 && x.finished > 0 {
		man.RunsPerSecond = float64(x.finished) / elapsed.Seconds()
	}
	var re *sweepRunError
	if errors.As(runErr, &re) {
		runErr = re // batch prefixes its own index, which means nothing here
	}
	stopped := runErr != nil && errors.Is(runErr, context.Canceled)
	if runErr == nil {
		// Every run of the sweep, other shards' too when they share the
		// directory, must be present before the tables are assembled.
		all, _, err := x.dir.Scan(func(int) bool { return false }, false)
		if err != nil {
			return err
		}
		x.complete = countTrue(all) == total
		if x.complete {
			if x.files, err = output.AssembleSweep(x.dir.Dir, x.dir.File, x.format, x.dir.PartPath); err != nil {
				return err
			}
		}
	}
	end := time.Now()
	man.End, man.WallSeconds = end.UTC(), end.Sub(start).Seconds()
	man.Complete, man.Files = x.complete, x.files
	name := output.ManifestName(x.shard)
	if err := output.WriteSweepManifest(x.dir.Dir, &man, name); err != nil {
		return errors.Join(runErr, err)
	}
	if x.complete && name != "manifest.json" {
		// The shard that completes a shared directory also writes the
		// manifest of the whole sweep.
		whole := man
		whole.Shard = output.Shard{Index: 0, Count: 1}
		whole.RunsShard, whole.RunsDone = total, total
		if err := output.WriteSweepManifest(x.dir.Dir, &whole, "manifest.json"); err != nil {
			return err
		}
	}
	rate := "all were done before"
	if x.finished > 0 {
		rate = fmt.Sprintf("%s now at %.1f runs/s with %s", plural(x.finished, "run"), man.RunsPerSecond, plural(workers, "worker"))
	}
	switch {
	case stopped:
		return &interrupted{fmt.Sprintf("interrupted: kept the %d of %d runs%s that finished in %s; run the same command again to resume: %s",
			man.RunsDone, shardRuns, x.shardNote(shardRuns), x.dir.Dir, commandLine(x.e.args))}
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

func (x *sweepExec) shardNote(shardRuns int) string {
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

func countTrue(b []bool) int {
	n := 0
	for _, x := range b {
		if x {
			n++
		}
	}
	return n
}

// runPending runs the pending ids on the pool; each writes its own part.
func (x *sweepExec) runPending(ctx context.Context, pending []int, count *atomic.Int64, prog *sweepProgress) error {
	if len(pending) == 0 {
		return nil
	}
	spec := x.spec
	runOne := func(ctx context.Context, i, perRun int) error {
		id := pending[i]
		pt, sc, rep := spec.RunKey(id)
		s := &x.scs[sc]
		fail := func(err error) error {
			return &sweepRunError{id: id, msg: fmt.Sprintf("point %d, scenario %s, replicate %d", pt, s.Name, rep), err: err}
		}
		cfg := s.Config
		if err := scenarios.SetPoint(&cfg, x.params, spec.Points[pt]); err != nil {
			return fail(err)
		}
		seed := scenarios.RunSeed(spec.Seeds, spec.Seed, pt)
		m, err := sim.New(cfg, seed, rep, s.Villages)
		if err != nil {
			return fail(err)
		}
		rec := output.NewSweepRecorder(len(spec.Metrics), cfg.Months, spec.Window, spec.Monthly)
		if err := m.Run(ctx, sim.Options{Workers: perRun}, rec); err != nil {
			if errors.Is(err, context.Canceled) {
				return err // abandoned: no part, so it runs again on resume
			}
			return fail(err)
		}
		if err := x.dir.WritePart(rec.Part(id, pt, sc, rep, seed)); err != nil {
			return err
		}
		prog.add(1)
		count.Add(1)
		return nil
	}
	_, err := batch.Run(ctx, len(pending), batch.Options{Workers: x.workers}, runOne, func(int) error { return nil })
	return err
}

// runSeedsNote says in the manifest how the runs' seeds follow.
func runSeedsNote(s *output.SweepSpec) string {
	if s.Seeds == scenarios.SeedsPerPoint {
		return fmt.Sprintf("per-point: run seed = scenarios.RunSeed(\"per-point\", %d, point), passed to sim.New with the replicate; every run's seed is in runs.csv", s.Seed)
	}
	return fmt.Sprintf("common: every run passes seed %d and its replicate to sim.New (govsim run -seed %d), so replicate r of every point and scenario shares random streams", s.Seed, s.Seed)
}

// commandLine renders the command for a message, quoting what the shell
// would split.
func commandLine(args []string) string {
	out := []string{"govsim"}
	if len(args) > 1 {
		for _, a := range args[1:] {
			if a == "" || strings.ContainsAny(a, " \t\n'\"\\$`*?[]{}()<>|&;#~") {
				a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
			}
			out = append(out, a)
		}
	}
	return strings.Join(out, " ")
}

// sweepProgress shows runs done of the shard's total, the rate of this
// session and the time left: rewritten in place on a terminal, a line every
// few seconds otherwise (a batch log).
type sweepProgress struct {
	w          io.Writer
	total      int
	before     int
	done       atomic.Int64
	start      time.Time
	stopCh     chan struct{}
	wg         sync.WaitGroup
	terminal   bool
	shown      bool
	lastLength int
}

func newSweepProgress(w io.Writer, on, terminal bool, before, total int) *sweepProgress {
	p := &sweepProgress{w: w, total: total, before: before, start: time.Now(), stopCh: make(chan struct{}), terminal: terminal}
	if !on {
		return p
	}
	every, after := 500*time.Millisecond, time.Second
	if !terminal {
		every, after = 5*time.Second, 5*time.Second
	}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-p.stopCh:
				return
			case now := <-t.C:
				if now.Sub(p.start) >= after {
					p.show(false)
				}
			}
		}
	}()
	return p
}

func (p *sweepProgress) add(n int) { p.done.Add(int64(n)) }

func (p *sweepProgress) show(final bool) {
	n := int(p.done.Load())
	el := time.Since(p.start)
	rate := float64(n) / el.Seconds()
	left := "?"
	if rate > 0 {
		left = (time.Duration(float64(p.total-p.before-n)/rate) * time.Second).Round(time.Second).String()
	}
	line := fmt.Sprintf("runs %d/%d  %.1f runs/s  %s left", p.before+n, p.total, rate, left)
	if final {
		line = fmt.Sprintf("runs %d/%d  %.1f runs/s  %s elapsed", p.before+n, p.total, rate, el.Round(100*time.Millisecond))
	}
	p.shown = true
	if p.terminal {
		pad := ""
		if d := p.lastLength - len(line); d > 0 {
			pad = strings.Repeat(" ", d)
		}
		p.lastLength = len(line)
		fmt.Fprintf(p.w, "\r%s%s", line, pad)
		if final {
			fmt.Fprintln(p.w)
		}
		return
	}
	fmt.Fprintln(p.w, line)
}

func (p *sweepProgress) stop() {
	close(p.stopCh)
	p.wg.Wait()
	if p.shown {
		p.show(true)
	}
}

// resolveShard reads the shard from -shard, or from a Slurm job array or a
// Kubernetes Indexed Job; with none of them the sweep runs whole. The
// shard count, when given (-shards or GOVSIM_SHARDS), makes the array task
// id the shard index as it is, so that resubmitting some tasks of an array
// (--array=5,17) runs exactly those shards.
func resolveShard(flagSpec string, count int, countSet bool, getenv func(string) string) (output.Shard, error) {
	if flagSpec != "" {
		i, n, ok := parseShard(flagSpec)
		if !ok {
			return output.Shard{}, usagef("-shard %q: want I/N with 0 <= I < N <= 100000, such as -shard 0/4", flagSpec)
		}
		return output.Shard{Index: i, Count: n, From: "-shard"}, nil
	}
	countFrom := "-shards"
	if !countSet {
		if s := getenv("GOVSIM_SHARDS"); s != "" {
			n, err := envInt("GOVSIM_SHARDS", s)
			if err != nil || n < 1 || n > 100000 {
				return output.Shard{}, usagef("GOVSIM_SHARDS = %q: want a number of shards from 1 to 100000", s)
			}
			count, countSet, countFrom = n, true, "GOVSIM_SHARDS"
		}
	}
	indexed := func(name string) (output.Shard, error) {
		i, err := envInt(name, getenv(name))
		if err != nil {
			return output.Shard{}, err
		}
		if i >= count {
			return output.Shard{}, usagef("%s = %d is out of range for %d shards (%s): allowed 0 to %d", name, i, count, countFrom, count-1)
		}
		return output.Shard{Index: i, Count: count, From: name}, nil
	}
	switch {
	case getenv("SLURM_ARRAY_TASK_ID") != "" && countSet:
		return indexed("SLURM_ARRAY_TASK_ID")
	case getenv("SLURM_ARRAY_TASK_ID") != "":
		return slurmShard(getenv)
	case getenv("JOB_COMPLETION_INDEX") != "" && countSet:
		return indexed("JOB_COMPLETION_INDEX")
	case getenv("JOB_COMPLETION_INDEX") != "":
		return output.Shard{}, usagef("JOB_COMPLETION_INDEX = %s is set but not the number of shards: give -shards N or GOVSIM_SHARDS = N (the Job's completions), or -shard I/N", getenv("JOB_COMPLETION_INDEX"))
	case countFrom == "-shards" && countSet:
		return output.Shard{}, usagef("-shards %d: no shard index (neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set); use -shard I/N", count)
	}
	return output.Shard{Index: 0, Count: 1}, nil
}

func parseShard(s string) (int, int, bool) {
	a, b, ok := strings.Cut(s, "/")
	if !ok {
		return 0, 0, false
	}
	i, err1 := strconv.Atoi(strings.TrimSpace(a))
	n, err2 := strconv.Atoi(strings.TrimSpace(b))
	if err1 != nil || err2 != nil || n < 1 || n > 100000 || i < 0 || i >= n {
		return 0, 0, false
	}
	return i, n, true
}

func envInt(name, v string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 {
		return 0, usagef("%s = %q is not a non-negative integer", name, v)
	}
	return n, nil
}

// slurmShard maps a Slurm array task to a shard by its position in the
// array: an array 0-3 or 1-4 (any step) gives shards 0/4 to 3/4. An array
// with gaps (--array=0,3,7), or of one task other than 0 (--array=5), is
// a resubmission of some shards whose count the environment cannot tell:
// it is refused, pointing to -shards N.
func slurmShard(getenv func(string) string) (output.Shard, error) {
	id, err := envInt("SLURM_ARRAY_TASK_ID", getenv("SLURM_ARRAY_TASK_ID"))
	if err != nil {
		return output.Shard{}, err
	}
	from := "SLURM_ARRAY_TASK_ID"
	minS, maxS, countS := getenv("SLURM_ARRAY_TASK_MIN"), getenv("SLURM_ARRAY_TASK_MAX"), getenv("SLURM_ARRAY_TASK_COUNT")
	if minS != "" && maxS != "" {
		lo, err := envInt("SLURM_ARRAY_TASK_MIN", minS)
		if err != nil {
			return output.Shard{}, err
		}
		hi, err := envInt("SLURM_ARRAY_TASK_MAX", maxS)
		if err != nil {
			return output.Shard{}, err
		}
		step := 1
		if s := getenv("SLURM_ARRAY_TASK_STEP"); s != "" {
			if step, err = envInt("SLURM_ARRAY_TASK_STEP", s); err != nil || step < 1 {
				return output.Shard{}, usagef("SLURM_ARRAY_TASK_STEP = %q is not a positive integer", s)
			}
		}
		if hi < lo || id < lo || id > hi || (id-lo)%step != 0 {
			return output.Shard{}, usagef("SLURM_ARRAY_TASK_ID = %d is out of range: the array is %d-%d:%d", id, lo, hi, step)
		}
		n := (hi-lo)/step + 1
		if n == 1 && lo > 0 {
			return output.Shard{}, usagef("SLURM_ARRAY_TASK_ID = %d is the only task of its array: to run one shard of a larger array give the shard count, -shards N (or GOVSIM_SHARDS), or -shard %d/N", id, id)
		}
		if countS != "" {
			c, err := envInt("SLURM_ARRAY_TASK_COUNT", countS)
			if err != nil {
				return output.Shard{}, err
			}
			if c != n {
				return output.Shard{}, usagef("SLURM_ARRAY_TASK_COUNT = %d but the array %d-%d:%d spans %d tasks: an array with gaps cannot be mapped to shards by position; give the shard count with -shards N (or GOVSIM_SHARDS) so that the task id is the shard", c, lo, hi, step, n)
			}
		}
		return output.Shard{Index: (id - lo) / step, Count: n, From: from}, nil
	}
	if countS == "" {
		return output.Shard{}, usagef("SLURM_ARRAY_TASK_ID = %d is set without SLURM_ARRAY_TASK_COUNT or SLURM_ARRAY_TASK_MIN and _MAX; use -shard I/N", id)
	}
	n, err := envInt("SLURM_ARRAY_TASK_COUNT", countS)
	if err != nil {
		return output.Shard{}, err
	}
	if n < 1 || id >= n {
		return output.Shard{}, usagef("SLURM_ARRAY_TASK_ID = %d is out of range for SLURM_ARRAY_TASK_COUNT = %d: allowed 0 to %d", id, n, n-1)
	}
	return output.Shard{Index: id, Count: n, From: from}, nil
}
