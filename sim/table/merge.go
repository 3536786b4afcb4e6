package table

import (
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/govsim/govsim/sim/shard"
)

// Merge joins the directories of a sweep's shards into out (one of them,
// or a new directory): it checks that they hold one sweep and every run
// exactly once — missing and duplicated runs are listed with the shards
// they belong to — assembles the tables from the shards' parts in run-id
// order, byte for byte what the sweep run in one go writes, and puts the
// parts beside them (hard links where possible). Everything is built in a
// staging directory (or in out itself when it is new or empty) that takes
// out's place only when complete, so a failure — a damaged part, named
// with its shard — leaves out as it was, and the same merge can be run
// again once that shard is run again. w gives the command, version and
// -force. The caller ends the merge with Commit, giving the manifest.
func Merge(dirs []string, out, format string, w Want) (*SweepDir, Tables, error) {
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
		have, _, err := d.Scan(func(int) bool { return false })
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
	dst, err := CreateMergeDir(out, file, w)
	if err != nil {
		return nil, nil, err
	}
	src := func(id int) string { return srcs[where[id]].PartPath(id) }
	files, err := AssembleSweep(dst.Dir, dst.File, format, src)
	var pe *PartError
	if errors.As(err, &pe) && pe.BadInput() {
		err = &DirError{fmt.Sprintf("%v — %s; nothing was merged", pe.Err, damagedIn(srcs[where[pe.Run]], pe))}
	}
	for id := 0; err == nil && id < total; id++ {
		err = dst.CopyPart(src(id), id)
	}
	if err == nil {
		err = keepShardManifests(srcs, out, dst.Dir)
	}
	if err == nil {
		err = dst.SyncParts()
	}
	if err != nil {
		dst.Abort()
		return nil, nil, err
	}
	return dst, files, nil
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

// CreateMergeDir claims out for a merged sweep: its whole result replaces
// out when complete (Commit), or nothing does (Abort).
func CreateMergeDir(out string, file SweepFile, w Want) (*SweepDir, error) {
	w.Kind, w.Settings, w.Resume = KindSweep, file.ID, false
	o, err := Claim(out, w)
	if err != nil {
		return nil, err
	}
	d := &SweepDir{Dir: o.Build, File: file, out: o}
	if err := d.init(); err != nil {
		d.Abort()
		return nil, err
	}
	return d, nil
}

// Commit writes the manifest of a merged sweep, puts the sweep in its
// directory's place and releases it.
func (d *SweepDir) Commit(man *SweepManifest) error {
	if err := WriteSweepManifest(d.Dir, man, "manifest.json"); err != nil {
		d.Abort()
		return err
	}
	defer d.out.Close()
	if _, err := d.out.Commit(true); err != nil {
		return err
	}
	d.Dir = d.out.Dir
	return nil
}

// Abort removes a merge that did not finish and releases its directory.
func (d *SweepDir) Abort() {
	d.out.Abort()
	d.out.Close()
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
