package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/govsim/govsim/output"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/batch"
)

const rerunHelp = `Usage: govsim rerun [flags] MANIFEST|DIR

Reproduces a past run, comparison or sweep from its manifest alone — the
resolved scenarios, seeds and runs it records, not the files it was made
from — into a new -out, then compares the new files with those beside the
manifest byte for byte, and says which are identical and which differ (exit
status 1 if any differ). For govsim run and compare it reproduces
monthly.csv and villages.csv (govsim report rebuilds the report from them);
for govsim sweep and merge, the sweep's parts and tables; for a shard's
manifest (manifest-shard-I-of-N.json), that shard.

Flags:
  -out DIR      where to write (default govsim-rerun); not the manifest's directory
  -workers N    goroutines; 0 uses all cores (default 0)
  -progress     show progress even when stderr is not a terminal

Examples:
  govsim run -replicates 2 -months 24 -out out-run baseline zhengjing
  govsim rerun -out out-run-again out-run/manifest.json
  govsim sweep -example saltelli > saltelli.toml
  govsim sweep saltelli.toml -samples 2 -months 12 -window 12 -out out-sal
  govsim rerun -out out-sal-again out-sal
`

func cmdRerun(ctx context.Context, e env, args []string) error {
	fs := newFlags("rerun", rerunHelp, e)
	out := fs.String("out", "govsim-rerun", "output directory")
	workers := fs.Int("workers", 0, "goroutines")
	progress := fs.Bool("progress", false, "show progress")
	pos, err := parse(fs, rerunHelp, e, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("rerun takes one manifest.json, or the directory holding it (see govsim rerun -h)")
	}
	if err := intRange("workers", *workers, 0, 4096); err != nil {
		return err
	}
	if strings.TrimSpace(*out) == "" {
		return usagef("-out must name a directory")
	}
	path, err := manifestPath(pos[0])
	if err != nil {
		return err
	}
	orig := filepath.Dir(path)
	if a, b := absPath(orig), absPath(*out); a == b {
		return usagef("-out %s is the directory of the manifest: the rerun goes to a new directory, to be compared with it", *out)
	}
	if ents, err := os.ReadDir(*out); err == nil && len(ents) > 0 {
		return usagef("-out %s is not empty: the rerun goes to a new directory, so that every file is made afresh", *out)
	}
	kind, err := output.ManifestKind(path)
	if err != nil {
		return badInput{err}
	}
	r := rerun{e: e, path: path, orig: orig, out: *out, workers: *workers, progress: e.terminal || *progress}
	if kind == output.ManifestKindSweep {
		return r.sweep(ctx)
	}
	return r.runs(ctx)
}

func absPath(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	return a
}

// manifestPath finds the manifest an argument names: a file, or a
// directory's manifest.json (or its only shard manifest).
func manifestPath(arg string) (string, error) {
	st, err := os.Stat(arg)
	if err != nil {
		return "", badInput{fmt.Errorf("%s: %w", arg, errors.Unwrap(err))}
	}
	if !st.IsDir() {
		return arg, nil
	}
	p := filepath.Join(arg, "manifest.json")
	if _, err := os.Stat(p); err == nil {
		return p, nil
	}
	shards, _ := filepath.Glob(filepath.Join(arg, "manifest-shard-*-of-*.json"))
	switch len(shards) {
	case 0:
		return "", badInput{fmt.Errorf("%s holds no manifest.json: not govsim output", arg)}
	case 1:
		return shards[0], nil
	}
	return "", usagef("%s holds the manifests of %d shards; name one: %s", arg, len(shards), strings.Join(shards, " "))
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
func (r *rerun) scenario(ms output.ManifestScenario) (scenarios.Scenario, error) {
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
	var m output.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return badInput{fmt.Errorf("%s: %w", r.path, err)}
	}
	if len(m.Runs) == 0 {
		return badInput{fmt.Errorf("%s records no runs: nothing to reproduce", r.path)}
	}
	if m.Govsim != version {
		fmt.Fprintf(r.e.stderr, "govsim rerun: warning: %s was written by govsim %s, this is %s; results may differ\n", r.path, m.Govsim, version)
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
	files, err := output.Create(r.out)
	if err != nil {
		return err
	}
	start := time.Now()
	rows := make([]*output.RunRows, len(m.Runs))
	runOne := func(ctx context.Context, i, perRun int) error {
		run := m.Runs[i]
		sc := scs[run.Scenario]
		mod, err := sim.New(sc.Config, run.Seed, run.Replicate, sc.Villages)
		if err != nil {
			return fmt.Errorf("%s: %w", sc.Name, err)
		}
		rr := output.NewRunRows(sc.Name, run.Replicate, run.Seed, sim.DistrictMetrics(), sim.VillageMetrics(), sc.Config.Months)
		if err := mod.Run(ctx, sim.Options{Workers: perRun, VillageDetail: m.VillageDetail}, rr); err != nil {
			return err
		}
		rows[i] = rr
		return nil
	}
	done := func(i int) error {
		err := files.Append(rows[i])
		rows[i] = nil
		return err
	}
	var prog io.Writer
	if r.progress {
		prog = r.e.stderr
	}
	if _, err := batch.Run(ctx, len(m.Runs), batch.Options{Workers: r.workers, Progress: prog, After: time.Second}, runOne, done); err != nil {
		files.Abort()
		if errors.Is(err, context.Canceled) {
			return &interrupted{fmt.Sprintf("interrupted: nothing written to %s; run the same command again", r.out)}
		}
		return err
	}
	end := time.Now()
	nm := m
	nm.Govsim, nm.Go, nm.Command, nm.Workers = version, runtime.Version(), r.e.args, r.workers
	nm.Start, nm.End, nm.WallSeconds = start.UTC(), end.UTC(), end.Sub(start).Seconds()
	if err := files.Commit(nm); err != nil {
		return err
	}
	fmt.Fprintf(r.e.stderr, "reran %d runs of %s into %s in %.1fs\n", len(m.Runs), r.path, r.out, nm.WallSeconds)
	return r.report([]string{"monthly.csv", "villages.csv"}, nil)
}

// sweep reproduces a sweep (or the shard its manifest describes) from the
// resolved sweep the manifest holds.
func (r *rerun) sweep(ctx context.Context) error {
	sm, err := output.ReadSweepManifest(r.path)
	if err != nil {
		return badInput{err}
	}
	if sm.Govsim != version {
		fmt.Fprintf(r.e.stderr, "govsim rerun: warning: %s was written by govsim %s, this is %s; results may differ\n", r.path, sm.Govsim, version)
	}
	spec := sm.Sweep
	spec.Govsim = version
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
	dir, err := output.CreateSweepDir(r.out, output.NewSweepFile(spec))
	if err != nil {
		return err
	}
	shard := sm.Shard
	if shard.Count > 1 {
		shard.From = "the manifest"
	}
	x := &sweepExec{e: r.e, dir: dir, spec: &dir.File.Spec, scs: scs, params: params, shard: shard,
		workers: r.workers, format: sm.Format, progress: r.progress}
	if err := x.run(ctx); err != nil {
		return err
	}
	names := append([]string{"sweep.json"}, x.files...)
	if x.complete {
		// Tables the original also has in the other format are rebuilt
		// and compared too.
		other := output.FormatCSV
		if sm.Format == output.FormatCSV {
			other = output.FormatParquet
		}
		if _, err := os.Stat(filepath.Join(r.orig, "results."+other)); err == nil {
			more, err := output.AssembleSweep(dir.Dir, dir.File, other, dir.PartPath)
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
	return r.report(names, parts)
}

// report compares the rerun's files with the originals and prints one line
// each (parts summarised); any difference is an error.
func (r *rerun) report(names, parts []string) error {
	w := r.e.stdout
	fmt.Fprintf(w, "%s reproduced in %s:\n", r.orig, r.out)
	var differ []string
	for _, n := range names {
		res, same, err := compareFile(filepath.Join(r.orig, n), filepath.Join(r.out, n))
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "  %-16s %s\n", n, res)
		if !same {
			differ = append(differ, n)
		}
	}
	if len(parts) > 0 {
		identical, absent := 0, 0
		var bad []string
		for _, n := range parts {
			res, same, err := compareFile(filepath.Join(r.orig, n), filepath.Join(r.out, n))
			switch {
			case err != nil:
				return err
			case strings.HasPrefix(res, "not compared"):
				absent++
			case same:
				identical++
			default:
				bad = append(bad, n)
			}
		}
		line := fmt.Sprintf("%d of %d identical", identical, len(parts))
		if absent > 0 {
			line += fmt.Sprintf(", %d not in the original", absent)
		}
		if len(bad) > 0 {
			line += fmt.Sprintf(", %d DIFFER (%s)", len(bad), strings.Join(bad[:min(len(bad), 5)], ", "))
			differ = append(differ, fmt.Sprintf("%d parts", len(bad)))
		}
		fmt.Fprintf(w, "  %-16s %s\n", "parts/", line)
	}
	if len(differ) > 0 {
		return fmt.Errorf("the rerun differs from %s in %s", r.orig, strings.Join(differ, ", "))
	}
	return nil
}

// compareFile compares two files byte for byte without reading either
// whole, and describes the first difference by line.
func compareFile(orig, rerun string) (string, bool, error) {
	a, err := os.Open(orig)
	if errors.Is(err, fs.ErrNotExist) {
		return "not compared: the original has no such file", true, nil
	}
	if err != nil {
		return "", false, err
	}
	defer a.Close()
	b, err := os.Open(rerun)
	if err != nil {
		return "", false, err
	}
	defer b.Close()
	ra, rb := bufio.NewReaderSize(a, 1<<20), bufio.NewReaderSize(b, 1<<20)
	bufA, bufB := make([]byte, 64<<10), make([]byte, 64<<10)
	var off int64
	line := 1
	for {
		na, errA := io.ReadFull(ra, bufA)
		nb, errB := io.ReadFull(rb, bufB)
		n := min(na, nb)
		if i := firstDiff(bufA[:n], bufB[:n]); i >= 0 || na != nb {
			if i < 0 {
				i = n
			}
			line += bytes.Count(bufA[:i], []byte("\n"))
			return fmt.Sprintf("DIFFERS from the original at byte %d (line %d)", off+int64(i), line), false, nil
		}
		line += bytes.Count(bufA[:n], []byte("\n"))
		off += int64(n)
		endA := errA == io.EOF || errA == io.ErrUnexpectedEOF
		endB := errB == io.EOF || errB == io.ErrUnexpectedEOF
		if errA != nil && !endA {
			return "", false, errA
		}
		if errB != nil && !endB {
			return "", false, errB
		}
		if endA || endB {
			return fmt.Sprintf("identical (%d bytes)", off), true, nil
		}
	}
}

func firstDiff(a, b []byte) int {
	for i := range a {
		if a[i] != b[i] {
			return i
		}
	}
	return -1
}
