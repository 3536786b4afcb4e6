package table

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
)

// Merge joins the directories of a sweep's shards into out (one of them,
// or a new directory): it checks that they hold one sweep and every run
// exactly once — missing and duplicated runs are listed with the shards
// they belong to — copies the parts (hard links where possible) and
// assembles the tables in run-id order, byte for byte what the sweep run
// in one go writes. It returns the merged directory and the tables'
// names; the caller writes the manifest.
func Merge(dirs []string, out, format string) (*SweepDir, []string, error) {
	srcs, err := openShardDirs(dirs)
	if err != nil {
		return nil, nil, err
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
			return nil, nil, err
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
		return nil, nil, &DirError{mergeProblems(srcs, total, missing, dups, dupIn).Error()}
	}
	outAbs, _ := filepath.Abs(out)
	inputs := map[string]bool{}
	for _, d := range srcs {
		a, _ := filepath.Abs(d.Dir)
		inputs[a] = true
	}
	if !inputs[outAbs] {
		if err := refuseOccupied(out, file); err != nil {
			return nil, nil, err
		}
	}
	dst, err := CreateSweepDir(out, file)
	if err != nil {
		return nil, nil, err
	}
	for id, k := range where {
		src := srcs[k]
		if a, _ := filepath.Abs(src.Dir); a == outAbs {
			continue
		}
		if err := dst.CopyPart(src.PartPath(id), id); err != nil {
			return nil, nil, err
		}
	}
	if err := dst.SyncParts(); err != nil {
		return nil, nil, err
	}
	files, err := AssembleSweep(dst.Dir, dst.File, format, dst.PartPath)
	if err != nil {
		return nil, nil, err
	}
	return dst, files, nil
}

// openShardDirs opens the directories and checks they hold one sweep.
func openShardDirs(dirs []string) ([]*SweepDir, error) {
	seen := map[string]string{}
	var srcs []*SweepDir
	for _, dir := range dirs {
		a, _ := filepath.Abs(dir)
		if prev, dup := seen[a]; dup {
			return nil, &DirError{fmt.Sprintf("directory %s is given twice (%s and %s)", dir, prev, dir)}
		}
		seen[a] = dir
		d, err := OpenSweepDir(dir)
		if err != nil {
			return nil, err
		}
		if len(srcs) > 0 && d.File.ID != srcs[0].File.ID {
			return nil, &DirError{fmt.Sprintf("%s and %s hold different sweeps (%s): only shards of one sweep can be merged",
				srcs[0].Dir, dir, strings.Join(srcs[0].File.Spec.Differences(&d.File.Spec), "; "))}
		}
		srcs = append(srcs, d)
	}
	return srcs, nil
}

// refuseOccupied refuses an -out that already holds runs of the sweep
// without being one of the directories merged: those runs would be merged
// unseen.
func refuseOccupied(out string, file SweepFile) error {
	d, err := OpenSweepDir(out)
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
		return &DirError{fmt.Sprintf("%s already holds %d runs of this sweep: name it among the directories to merge, or use another -out", out, n)}
	}
	return nil
}

// mergeProblems describes missing and duplicated runs, with the shards
// they belong to when the shard manifests tell the shard count.
func mergeProblems(srcs []*SweepDir, total int, missing, dups []int, dupIn map[int][]string) error {
	var msgs []string
	if len(missing) > 0 {
		msg := fmt.Sprintf("%d of %d runs are missing: %s", len(missing), total, FormatIDs(missing, 20))
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
				parts = append(parts, fmt.Sprintf("shard %d/%d (%d of %d runs)", s, n, byShard[s], Shard{Index: s, Count: n}.Runs(total)))
			}
			msg += " — unfinished or not given: " + strings.Join(parts, ", ")
		}
		msgs = append(msgs, msg)
	}
	if len(dups) > 0 {
		d := dups[0]
		msgs = append(msgs, fmt.Sprintf("%d runs are present more than once: %s (run %d is in %s)",
			len(dups), FormatIDs(dups, 20), d, strings.Join(dupIn[d], " and ")))
	}
	return fmt.Errorf("%s; every run must be present exactly once", strings.Join(msgs, "; "))
}

// shardCount reads the shard count from the shard manifests in the
// directories, 0 if they give none or disagree.
func shardCount(srcs []*SweepDir) int {
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

func countTrue(b []bool) int {
	n := 0
	for _, x := range b {
		if x {
			n++
		}
	}
	return n
}
