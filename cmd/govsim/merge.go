package main

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/govsim/govsim/output"
)

const mergeHelp = `Usage: govsim merge [-out DIR] [-format csv|parquet] DIR...

Joins the output directories of a sweep's shards. It checks that they hold
the same sweep (sweep.json), and that every run is present exactly once:
missing and duplicated run ids are listed, with the shards they belong to.
Then it copies the parts into -out (hard links where possible) and
assembles the tables there in run-id order: byte for byte what the sweep
run in one go writes. With one DIR and no -out it assembles in place (for
shards that shared a directory).

Flags:
  -out DIR      the merged sweep; needed with several DIRs
  -format F     csv or parquet (default csv)

Examples:
  govsim sweep -example grid > grid.toml
  govsim sweep grid.toml -months 12 -window 12 -replicates 1 -shard 0/2 -out out-g0
  govsim sweep grid.toml -months 12 -window 12 -replicates 1 -shard 1/2 -out out-g1
  govsim merge -out out-grid out-g0 out-g1
`

func cmdMerge(_ context.Context, e env, args []string) error {
	fs := newFlags("merge", mergeHelp, e)
	out := fs.String("out", "", "merged directory")
	format := fs.String("format", output.FormatCSV, "csv or parquet")
	dirs, err := parse(fs, mergeHelp, e, args)
	if err != nil {
		return err
	}
	if len(dirs) == 0 {
		return usagef("merge takes the sweep directories to join (see govsim merge -h)")
	}
	if *format != output.FormatCSV && *format != output.FormatParquet {
		return usagef("-format %q is not allowed: allowed %s", *format, strings.Join(output.Formats(), " | "))
	}
	if *out == "" {
		if len(dirs) > 1 {
			return usagef("merging %d directories needs -out DIR for the merged sweep", len(dirs))
		}
		*out = dirs[0]
	}
	start := time.Now()
	srcs, err := openShardDirs(dirs)
	if err != nil {
		return err
	}
	file := srcs[0].File
	total := file.Runs
	// where[id] is the directory holding run id's part, -1 for none.
	where := make([]int32, total)
	for i := range where {
		where[i] = -1
	}
	var dups []int
	dupIn := map[int][]string{}
	for k, d := range srcs {
		have, _, err := d.Scan(func(int) bool { return false }, false)
		if err != nil {
			return err
		}
		for id, ok := range have {
			if !ok {
				continue
			}
			if where[id] >= 0 {
				if len(dupIn[id]) == 0 {
					dups = append(dups, id)
					dupIn[id] = []string{srcs[where[id]].Dir}
				}
				dupIn[id] = append(dupIn[id], d.Dir)
				continue
			}
			where[id] = int32(k)
		}
	}
	var missing []int
	for id, k := range where {
		if k < 0 {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 || len(dups) > 0 {
		return badInput{mergeProblems(srcs, total, missing, dups, dupIn)}
	}
	outAbs, _ := filepath.Abs(*out)
	inputs := map[string]bool{}
	for _, d := range srcs {
		a, _ := filepath.Abs(d.Dir)
		inputs[a] = true
	}
	if !inputs[outAbs] {
		if err := refuseOccupied(*out, file); err != nil {
			return err
		}
	}
	dst, err := output.CreateSweepDir(*out, file)
	if err != nil {
		return err
	}
	for id, k := range where {
		src := srcs[k]
		if a, _ := filepath.Abs(src.Dir); a == outAbs {
			continue
		}
		if err := dst.CopyPart(src.PartPath(id), id); err != nil {
			return err
		}
	}
	if err := dst.SyncParts(); err != nil {
		return err
	}
	files, err := output.AssembleSweep(dst.Dir, dst.File, *format, dst.PartPath)
	if err != nil {
		return err
	}
	end := time.Now()
	man := output.SweepManifest{Govsim: version, Go: runtime.Version(), Command: e.args, SweepID: file.ID,
		Shard: output.Shard{Index: 0, Count: 1}, MergedFrom: dirs, Format: *format, Workers: 0,
		Start: start.UTC(), End: end.UTC(), WallSeconds: end.Sub(start).Seconds(),
		RunsTotal: total, RunsShard: total, RunsDone: total, Complete: true, Files: files,
		RunSeeds: runSeedsNote(&file.Spec), Sweep: file.Spec}
	if err := output.WriteSweepManifest(dst.Dir, &man, "manifest.json"); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "merged %d runs from %d directories into %s (%s, manifest.json)\n", total, len(srcs), dst.Dir, strings.Join(files, ", "))
	return nil
}

// openShardDirs opens the directories and checks they hold one sweep.
func openShardDirs(dirs []string) ([]*output.SweepDir, error) {
	seen := map[string]string{}
	var srcs []*output.SweepDir
	for _, dir := range dirs {
		a, _ := filepath.Abs(dir)
		if prev, dup := seen[a]; dup {
			return nil, usagef("directory %s is given twice (%s and %s)", dir, prev, dir)
		}
		seen[a] = dir
		d, err := output.OpenSweepDir(dir)
		if err != nil {
			return nil, err
		}
		if len(srcs) > 0 && d.File.ID != srcs[0].File.ID {
			return nil, badInput{fmt.Errorf("%s and %s hold different sweeps (%s): only shards of one sweep can be merged",
				srcs[0].Dir, dir, strings.Join(srcs[0].File.Spec.Differences(&d.File.Spec), "; "))}
		}
		srcs = append(srcs, d)
	}
	return srcs, nil
}

// refuseOccupied refuses an -out that already holds runs of the sweep
// without being one of the directories merged: those runs would be merged
// unseen.
func refuseOccupied(out string, file output.SweepFile) error {
	d, err := output.OpenSweepDir(out)
	if err != nil {
		return nil // new, empty or foreign: CreateSweepDir decides
	}
	if d.File.ID != file.ID {
		return nil
	}
	have, _, err := d.Scan(func(int) bool { return false }, false)
	if err != nil {
		return err
	}
	if n := countTrue(have); n > 0 {
		return badInput{fmt.Errorf("%s already holds %d runs of this sweep: name it among the directories to merge, or use another -out", out, n)}
	}
	return nil
}

// mergeProblems describes missing and duplicated runs, with the shards
// they belong to when the shard manifests tell the shard count.
func mergeProblems(srcs []*output.SweepDir, total int, missing, dups []int, dupIn map[int][]string) error {
	var msgs []string
	if len(missing) > 0 {
		msg := fmt.Sprintf("%d of %d runs are missing: %s", len(missing), total, output.FormatIDs(missing, 20))
		if n := shardCount(srcs); n > 1 {
			byShard := map[int]int{}
			for _, id := range missing {
				byShard[id%n]++
			}
			var shards []int
			for s := range byShard {
				shards = append(shards, s)
			}
			sort.Ints(shards)
			var parts []string
			for _, s := range shards {
				parts = append(parts, fmt.Sprintf("shard %d/%d (%d of %d runs)", s, n, byShard[s], output.Shard{Index: s, Count: n}.Runs(total)))
			}
			msg += " — unfinished or not given: " + strings.Join(parts, ", ")
		}
		msgs = append(msgs, msg)
	}
	if len(dups) > 0 {
		d := dups[0]
		msgs = append(msgs, fmt.Sprintf("%d runs are present more than once: %s (run %d is in %s)",
			len(dups), output.FormatIDs(dups, 20), d, strings.Join(dupIn[d], " and ")))
	}
	return fmt.Errorf("%s; every run must be present exactly once", strings.Join(msgs, "; "))
}

// shardCount reads the shard count from the shard manifests in the
// directories, 0 if they give none or disagree.
func shardCount(srcs []*output.SweepDir) int {
	n := 0
	for _, d := range srcs {
		matches, _ := filepath.Glob(filepath.Join(d.Dir, "manifest-shard-*-of-*.json"))
		for _, m := range matches {
			var i, c int
			if _, err := fmt.Sscanf(filepath.Base(m), "manifest-shard-%d-of-%d.json", &i, &c); err != nil {
				continue
			}
			if n != 0 && c != n {
				return 0
			}
			n = c
		}
	}
	return n
}
