package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/govsim/govsim/output"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/scenarios/design"
	"github.com/govsim/govsim/sim"
)

const sweepHelp = `Usage: govsim sweep SWEEP.toml [flags]
       govsim sweep -example grid|lhs|morris|saltelli

Runs every (design point, scenario, replicate) of a sweep file. The file
names the scenarios, the parameters to vary ([[factor]]: a range with a
distribution, or a list of values), the design (grid, lhs, morris,
saltelli, or csv: points read from a file), samples, replicates and the
master seed. Start from an example: govsim sweep -example lhs > my.toml.

Every run has a stable id, point-major: (point × scenarios + scenario) ×
replicates + replicate. Its seed follows from the master seed and that id
alone (seeds = "common", the default: replicate r of every point and
scenario runs on the streams of (seed, r), as govsim run does, so points
and scenarios are compared on common random numbers; seeds = "per-point":
each point its own seed). Results never depend on -workers or sharding.

Each finished run is written at once to parts/ID.part (by rename, so a
part is whole or absent). The same command again skips finished runs and
redoes the rest, after Ctrl-C or kill -9. When every run is done, the
tables are assembled from the parts in run-id order:
  points.csv   point,<factor>...,unit.<factor>...  (design points and their
               unit coordinates, for Morris and Sobol analysis)
  runs.csv     run_id,point,scenario,replicate,seed,<factor>...
  results.csv  run_id,point,scenario,replicate,seed,metric,value  (each
               district metric's mean over the final -window months; one
               undefined there takes its last value)
  monthly.csv  run_id,point,scenario,replicate,seed,month,metric,value
               (with -monthly)
  sweep.json   the sweep's identity: an -out holding another sweep is
               refused, never mixed
  manifest.json  version, command, design, shard, seeds, times, throughput
With -format parquet the tables are .parquet files with typed columns.

Sharding: -shard I/N runs the runs whose id % N == I. In a Slurm job array
or a Kubernetes Indexed Job the shard comes from the environment: with
-shards N (or GOVSIM_SHARDS), the index is SLURM_ARRAY_TASK_ID or
JOB_COMPLETION_INDEX; without, a Slurm task's position in its array
(SLURM_ARRAY_TASK_COUNT, or _MIN and _MAX). -shard overrides both. Shards
may share -out or write their own; govsim merge joins them. See
docs/cluster.md.

Flags:
  -samples N      design size instead of the file's (lhs: points; morris:
                  trajectories; saltelli: base rows N, N(k+2) points)
  -replicates N   replicates per point and scenario (default: the file's, or 1)
  -seed N         master seed (default: the file's, or 1); it also seeds the
                  design unless the file sets design_seed
  -months N       months to simulate instead of the file's or scenarios' (1-1200)
  -window N       months at the end summarised (default: the file's, or 60)
  -workers N      goroutines; 0 uses all cores (default 0)
  -out DIR        output directory (default govsim-sweep)
  -format F       csv or parquet (default csv)
  -monthly        also assemble every month's district metrics
  -shard I/N      run shard I of N
  -shards N       number of shards whose index SLURM_ARRAY_TASK_ID or
                  JOB_COMPLETION_INDEX gives
  -dry-run        print the plan (design, points, runs, shard) and stop
  -progress       show progress even when stderr is not a terminal
  -example KIND   print the example sweep file of a design

Examples:
  govsim sweep -example lhs > lhs.toml
  govsim sweep lhs.toml -samples 4 -months 24 -window 12 -out out-lhs
  govsim sweep lhs.toml -samples 4 -months 24 -window 12 -out out-lhs -format parquet
  govsim sweep lhs.toml -dry-run
  govsim sweep -example morris > morris.toml
  govsim sweep morris.toml -samples 2 -months 12 -window 12 -shard 0/2 -out out-m0
  govsim sweep morris.toml -samples 2 -months 12 -window 12 -shard 1/2 -out out-m1
  govsim merge -out out-morris out-m0 out-m1
`

// sweepFlags are the flags of govsim sweep; set records which were given,
// since only those override the sweep file.
type sweepFlags struct {
	samples, replicates, months, window, workers, shards int
	seed                                                 uint64
	out, format, shard, example                          string
	monthly, progress, dryRun                            bool
	set                                                  map[string]bool
}

func cmdSweep(ctx context.Context, e env, args []string) error {
	fs := newFlags("sweep", sweepHelp, e)
	var f sweepFlags
	fs.IntVar(&f.samples, "samples", 0, "design size")
	fs.IntVar(&f.replicates, "replicates", 0, "replicates")
	fs.Uint64Var(&f.seed, "seed", 0, "master seed")
	fs.IntVar(&f.months, "months", 0, "months")
	fs.IntVar(&f.window, "window", 0, "window")
	fs.IntVar(&f.workers, "workers", 0, "goroutines")
	fs.StringVar(&f.out, "out", "govsim-sweep", "output directory")
	fs.StringVar(&f.format, "format", output.FormatCSV, "csv or parquet")
	fs.BoolVar(&f.monthly, "monthly", false, "monthly rows")
	fs.StringVar(&f.shard, "shard", "", "I/N")
	fs.IntVar(&f.shards, "shards", 0, "number of shards")
	fs.BoolVar(&f.dryRun, "dry-run", false, "print the plan")
	fs.BoolVar(&f.progress, "progress", false, "show progress")
	fs.StringVar(&f.example, "example", "", "print an example")
	pos, err := parse(fs, sweepHelp, e, args)
	if err != nil {
		return err
	}
	f.set = map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })
	if f.set["example"] {
		if len(pos) > 0 || len(f.set) > 1 {
			return usagef("-example takes nothing else: govsim sweep -example %s > my.toml", strings.Join(scenarios.SweepExamples(), "|"))
		}
		b, err := scenarios.SweepExample(f.example)
		if err != nil {
			return usagef("-example: %v", err)
		}
		_, err = e.stdout.Write(b)
		return err
	}
	if len(pos) != 1 {
		return usagef("sweep takes one sweep file (govsim sweep -example lhs prints one)")
	}
	if err := checkSweepFlags(&f); err != nil {
		return err
	}
	sw, err := scenarios.LoadSweep(pos[0])
	if err != nil {
		return err
	}
	if err := overrideSweep(sw, &f); err != nil {
		return err
	}
	plan, err := sw.Build()
	if err != nil {
		return err
	}
	shard, err := resolveShard(f.shard, f.shards, f.set["shards"], os.Getenv)
	if err != nil {
		return err
	}
	spec, err := sweepSpec(plan, f.monthly)
	if err != nil {
		return err
	}
	file := output.NewSweepFile(spec)
	if f.dryRun {
		printPlan(e, &spec, shard, f.out)
		return nil
	}
	dir, err := output.CreateSweepDir(f.out, file)
	if err != nil {
		return err
	}
	x := &sweepExec{e: e, dir: dir, spec: &dir.File.Spec, scs: sw.Scenarios, params: sw.Params,
		shard: shard, workers: f.workers, format: f.format, progress: e.terminal || f.progress}
	return x.run(ctx)
}

func checkSweepFlags(f *sweepFlags) error {
	checks := []struct {
		name   string
		v      int
		lo, hi int
	}{
		{"samples", f.samples, 1, design.MaxRuns},
		{"replicates", f.replicates, 1, 100000},
		{"months", f.months, 1, 1200},
		{"window", f.window, 1, 1200},
		{"shards", f.shards, 1, 100000},
	}
	for _, c := range checks {
		if f.set[c.name] {
			if err := intRange(c.name, c.v, c.lo, c.hi); err != nil {
				return err
			}
		}
	}
	if err := intRange("workers", f.workers, 0, 4096); err != nil {
		return err
	}
	if f.format != output.FormatCSV && f.format != output.FormatParquet {
		return usagef("-format %q is not allowed: allowed %s", f.format, strings.Join(output.Formats(), " | "))
	}
	if strings.TrimSpace(f.out) == "" {
		return usagef("-out must name a directory")
	}
	return nil
}

// overrideSweep applies the flags that override the sweep file.
func overrideSweep(sw *scenarios.Sweep, f *sweepFlags) error {
	if f.set["samples"] {
		if sw.Design == design.KindGrid || sw.Design == design.KindCSV {
			return usagef("-samples: %s (design = %q) takes no samples; a grid's size is set by its levels, a csv design's by its file", sw.File, sw.Design)
		}
		sw.Samples = f.samples
	}
	if f.set["replicates"] {
		sw.Replicates = f.replicates
	}
	if f.set["seed"] {
		sw.Seed = f.seed
	}
	if f.set["months"] {
		sw.Months = f.months
	}
	if f.set["window"] {
		sw.Window = f.window
	}
	return nil
}

// sweepSpec turns a plan into the spec that identifies the sweep and that
// its output directory records.
func sweepSpec(plan *scenarios.Plan, monthly bool) (output.SweepSpec, error) {
	sw, d := plan.Sweep, plan.Design
	spec := output.SweepSpec{
		Govsim: version, Name: sw.Name, Description: sw.Description, Design: sw.Design,
		Groups: d.Groups, Replicates: sw.Replicates, Seed: sw.Seed, DesignSeed: plan.DesignSeed,
		Seeds: sw.Seeds, Window: sw.Window, Monthly: monthly, Metrics: sim.DistrictMetrics(),
	}
	switch sw.Design {
	case design.KindLHS, design.KindMorris, design.KindSaltelli:
		spec.Samples = sw.Samples
	}
	for i, fa := range d.Factors {
		spec.Factors = append(spec.Factors, output.SweepFactor{Key: fa.Key, Kind: sw.Params[i].Kind, Dist: fa.Dist,
			Min: fa.Min, Max: fa.Max, Mean: fa.Mean, SD: fa.SD, Values: fa.Values, Levels: fa.Levels})
		if sw.Design == design.KindMorris {
			spec.Levels = fa.Levels
		}
	}
	for _, sc := range sw.Scenarios {
		spec.Scenarios = append(spec.Scenarios, output.ManifestScenario{Name: sc.Name, Source: sc.Source, Config: string(scenarios.Format(sc.Config))})
	}
	for _, p := range d.Points {
		spec.Points = append(spec.Points, p.Values)
		u := make([]output.NullFloat, len(p.Unit))
		for j, x := range p.Unit {
			u[j] = output.NullFloat(x)
		}
		spec.Units = append(spec.Units, u)
	}
	return spec, nil
}

// printPlan describes what a sweep would run.
func printPlan(e env, spec *output.SweepSpec, shard output.Shard, out string) {
	w := e.stdout
	var names []string
	for _, sc := range spec.Scenarios {
		names = append(names, sc.Name)
	}
	fmt.Fprintf(w, "sweep %s: design %s, %d factors, %d points\n", spec.Name, spec.Design, len(spec.Factors), len(spec.Points))
	for _, fa := range spec.Factors {
		levels := ""
		if fa.Levels > 0 {
			levels = fmt.Sprintf(", %d levels", fa.Levels)
		}
		switch {
		case len(fa.Values) > 0:
			fmt.Fprintf(w, "  %-32s values %v\n", fa.Key, fa.Values)
		case fa.Dist == design.DistNormal:
			fmt.Fprintf(w, "  %-32s normal(%g, %g) in [%g, %g]%s\n", fa.Key, fa.Mean, fa.SD, fa.Min, fa.Max, levels)
		default:
			fmt.Fprintf(w, "  %-32s %s in [%g, %g]%s\n", fa.Key, fa.Dist, fa.Min, fa.Max, levels)
		}
	}
	switch spec.Design {
	case design.KindMorris:
		fmt.Fprintf(w, "morris: %d trajectories of %d points, %d levels\n", spec.Groups, len(spec.Factors)+1, spec.Levels)
	case design.KindSaltelli:
		fmt.Fprintf(w, "saltelli: %d base rows of %d points (A, B, and A with each factor from B)\n", spec.Groups, len(spec.Factors)+2)
	}
	fmt.Fprintf(w, "scenarios: %s\n", strings.Join(names, ", "))
	fmt.Fprintf(w, "runs: %d points × %d scenarios × %d replicates = %d\n", len(spec.Points), len(spec.Scenarios), spec.Replicates, spec.Runs())
	seeds := fmt.Sprintf("seeds: master %d (%s)", spec.Seed, spec.Seeds)
	if spec.Design == design.KindLHS || spec.Design == design.KindMorris || spec.Design == design.KindSaltelli {
		seeds += fmt.Sprintf(", design seed %d", spec.DesignSeed)
	}
	fmt.Fprintf(w, "%s; results over the final %d months\n", seeds, spec.Window)
	if shard.Count > 1 {
		fmt.Fprintf(w, "shard %d/%d (from %s): %d runs\n", shard.Index, shard.Count, shard.From, shard.Runs(spec.Runs()))
	}
	fmt.Fprintf(w, "output: %s (sweep %s)\n", out, output.NewSweepFile(*spec).ID[:12])
}
