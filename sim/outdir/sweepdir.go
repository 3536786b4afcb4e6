package outdir

import (
	"strings"

	"github.com/govsim/govsim/sim/table"
)

// SweepDir is a sweep's output directory claimed by one command: the
// sweep's files ([table.SweepDir]) and the claim that keeps other writers
// out until Close (or, for a merge, Commit or Abort).
type SweepDir struct {
	*table.SweepDir
	out *Out
	// Kept is set by Conclude when the sweep was built beside a directory
	// holding a complete result (-force over another sweep), did not
	// finish, and so did not replace it.
	Kept bool
}

// ClaimSweepDir claims dir for the sweep f (see Claim): a new or empty
// directory gets sweep.json and parts/; one that holds the same sweep is
// taken as it is (to resume it, or as another shard's); one holding a
// different sweep, or anything else, is refused unless w.Force. w gives
// the command, version, shard and force, and the kind when it is not
// KindSweep (a rerun); Close releases the directory.
func ClaimSweepDir(dir string, f table.SweepFile, w Want) (*SweepDir, error) {
	if w.Kind == "" {
		w.Kind = KindSweep
	}
	w.Settings, w.Resume = f.ID, true
	w.Differ = func(dir string) string {
		old, err := table.OpenSweepDir(dir)
		if err != nil {
			return ""
		}
		return strings.Join(f.Spec.Differences(&old.File.Spec), "; ")
	}
	o, err := Claim(dir, w)
	if err != nil {
		return nil, err
	}
	d, err := table.CreateSweepDir(o.Build, f)
	if err != nil {
		o.Close()
		return nil, err
	}
	return &SweepDir{SweepDir: d, out: o}, nil
}

// Name is the directory as the user named it (Dir may be a staging
// directory beside it until Conclude).
func (d *SweepDir) Name() string { return d.out.Dir }

// Close releases a directory the sweep wrote; a sweep built beside it
// (-force) that Conclude did not put in its place is removed.
func (d *SweepDir) Close() {
	if d.out.Staged() {
		d.out.Abort()
	}
	d.out.Close()
}

// Conclude ends a session of runs (table.SweepDir.Assemble): when every
// run of the sweep is present and its tables assembled (complete), the
// directory's marker records a finished result before the manifests are
// written (table.SweepDir.WriteManifests). It returns the tables' files.
func (d *SweepDir) Conclude(man *table.SweepManifest, format string, finished bool) (files []string, complete bool, err error) {
	tables, complete, err := d.Assemble(format, finished)
	if err != nil {
		return nil, false, err
	}
	if complete {
		if err := d.out.MarkComplete(); err != nil {
			return nil, false, err
		}
	}
	if err := d.WriteManifests(man, tables, complete); err != nil {
		return nil, false, err
	}
	if d.out.Staged() {
		// Built beside a directory it replaces (-force): it takes the
		// directory's place whole, unless it is incomplete and the
		// directory held a complete result, which is kept.
		if d.Kept, err = d.out.Commit(complete); err != nil {
			return nil, false, err
		}
		d.Dir = d.out.Dir
	}
	return tables.Names(), complete, nil
}

// Merge joins the directories of a sweep's shards into out (one of them,
// or a new directory), as table.OpenShards checks and Shards.MergeInto
// writes them. Everything is built in a staging directory (or in out
// itself when it is new or empty) that takes out's place only when
// complete, so a failure — a damaged part, named with its shard — leaves
// out as it was. w gives the command, version and -force. The caller ends
// the merge with Commit, giving the manifest.
func Merge(dirs []string, out, format string, w Want) (*SweepDir, table.Tables, error) {
	shards, err := table.OpenShards(dirs)
	if err != nil {
		return nil, nil, err
	}
	dst, err := ClaimMergeDir(out, shards.File, w)
	if err != nil {
		return nil, nil, err
	}
	files, err := shards.MergeInto(dst.SweepDir, out, format)
	if err != nil {
		dst.Abort()
		return nil, nil, err
	}
	return dst, files, nil
}

// ClaimMergeDir claims out for a merged sweep: its whole result replaces
// out when complete (Commit), or nothing does (Abort).
func ClaimMergeDir(out string, file table.SweepFile, w Want) (*SweepDir, error) {
	w.Kind, w.Settings, w.Resume = KindSweep, file.ID, false
	o, err := Claim(out, w)
	if err != nil {
		return nil, err
	}
	d, err := table.CreateSweepDir(o.Build, file)
	if err != nil {
		o.Abort()
		o.Close()
		return nil, err
	}
	return &SweepDir{SweepDir: d, out: o}, nil
}

// Commit writes the manifest of a merged sweep, puts the sweep in its
// directory's place and releases it.
func (d *SweepDir) Commit(man *table.SweepManifest) error {
	if err := table.WriteSweepManifest(d.Dir, man, "manifest.json"); err != nil {
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
