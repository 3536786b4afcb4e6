package table

import (
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/govsim/govsim/sim/shard"
)

// Shards are the directories of a sweep's shards, checked to hold one
// sweep and every run exactly once: what govsim merge joins.
type Shards struct {
	Dirs []*SweepDir
	File SweepFile // the sweep they hold
	// where[id] is the index in Dirs of the directory holding run id's part.
	where []int32
}

// OpenShards opens the directories of a sweep's shards and checks that
// they hold one sweep and every run exactly once: missing and duplicated
// runs are listed with the shards they belong to.
func OpenShards(dirs []string) (*Shards, error) {
	srcs, err := openShardDirs(dirs)
	if err != nil {
		return nil, err
	}
	file := srcs[0].File
	total := file.Runs
	where := make([]int32, total)
	for i := range where {
		where[i] = -1
	}
	var dups []int
	dupIn := map[int][]string{}
	for k, d := range srcs {
		have, _, err := d.Scan(func(int) bool { return false })
		if err != nil {
			return nil, err
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
		return nil, &DirError{mergeProblems(srcs, total, missing, dups, dupIn).Error()}
	}
	return &Shards{Dirs: srcs, File: file, where: where}, nil
}

// MergeInto writes the merged sweep into dst, a directory of the same
// sweep (CreateSweepDir) that out names to the user: the tables assembled
// from the shards' parts in run-id order, byte for byte what the sweep run
// in one go writes, and the parts beside them (hard links where possible).
// When out is one of the shards' directories, their shard manifests are
// kept: they record how its runs were made. A damaged part is named with
// its shard, so that the same merge can be run again once that shard is.
func (s *Shards) MergeInto(dst *SweepDir, out, format string) (Tables, error) {
	src := func(id int) string { return s.Dirs[s.where[id]].PartPath(id) }
	files, err := AssembleSweep(dst.Dir, dst.File, format, src)
	var pe *PartError
	if errors.As(err, &pe) && pe.BadInput() {
		err = &DirError{fmt.Sprintf("%v — %s; nothing was merged", pe.Err, damagedIn(s.Dirs[s.where[pe.Run]], pe))}
	}
	for id := 0; err == nil && id < s.File.Runs; id++ {
		err = dst.CopyPart(src(id), id)
	}
	if err == nil {
		err = keepShardManifests(s.Dirs, out, dst.Dir)
	}
	if err == nil {
		err = dst.SyncParts()
	}
	if err != nil {
		return nil, err
	}
	return files, nil
}

// keepShardManifests copies the shard manifests of out, when it is one of
// the directories merged (shards that shared it), into the merged sweep
// that replaces it: they record how its runs were made.
func keepShardManifests(srcs []*SweepDir, out, dst string) error {
	for _, d := range srcs {
		if !SameDir(d.Dir, out) || SameDir(d.Dir, dst) {
			continue
		}
		names, _ := filepath.Glob(filepath.Join(d.Dir, "manifest-shard-*-of-*.json"))
		for _, n := range names {
			b, err := ReadInput(n, MaxManifestBytes)
			if err != nil {
				return err
			}
			if err := WriteFileAtomic(filepath.Join(dst, filepath.Base(n)), b); err != nil {
				return err
			}
		}
	}
	return nil
}

// damagedIn says where a damaged part is and how to redo it: the shard
// that holds it, when the directory's shard manifests tell.
func damagedIn(d *SweepDir, pe *PartError) string {
	msg := fmt.Sprintf("run %d's part in %s is damaged", pe.Run, d.Dir)
	matches, _ := filepath.Glob(filepath.Join(d.Dir, "manifest-shard-*-of-*.json"))
	for _, m := range matches {
		var i, c int
		if _, err := fmt.Sscanf(filepath.Base(m), "manifest-shard-%d-of-%d.json", &i, &c); err == nil && c > 0 && pe.Run%c == i {
			return msg + fmt.Sprintf(": run shard %d/%d again (the same govsim sweep command with -shard %d/%d -out %s redoes the run), then merge again", i, c, i, c, d.Dir)
		}
	}
	return msg + fmt.Sprintf(": run the sweep again into %s (it redoes the run), then merge again", d.Dir)
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
				parts = append(parts, fmt.Sprintf("shard %d/%d (%d of %d runs)", s, n, byShard[s], shard.Shard{Index: s, Count: n}.Runs(total)))
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
