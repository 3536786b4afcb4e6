package outdir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/govsim/govsim/sim/shard"
	"github.com/govsim/govsim/sim/table"
)

// Want says what a command will write into its output directory.
type Want struct {
	Kind     string
	Settings string // same kind and settings: the same result
	Command  []string
	Version  string
	// Force replaces, whole, a directory that govsim made; never one it
	// did not make.
	Force bool
	// Resume writes into a directory holding the same kind and settings
	// as it is (a sweep); otherwise such a directory is rebuilt beside
	// and replaced when the new result is complete.
	Resume bool
	// Shard of a sweep: with Count > 1 the directory is shared with the
	// other shards.
	Shard shard.Shard
	// Differ says how a directory holding the same kind but other settings
	// differs, for the message; nil for none.
	Differ func(dir string) string
}

// Out is an output directory claimed by one command: locked against other
// writers until Close.
type Out struct {
	Dir    string // as named on the command line
	Build  string // where to write: the directory itself, or a staging directory beside it
	Prev   *Marker
	empty  bool   // nothing but a lock and a marker when claimed
	staged bool   // Build is a staging directory beside Dir
	real   string // Dir with symlinks resolved
	want   Want
	mark   Marker
	lock   *dirLock
	build  *dirLock
}

// Staged reports whether the command writes into a staging directory that
// Commit exchanges for the output directory.
func (o *Out) Staged() bool { return o.staged }

// Claim takes dir for a command that writes w. It makes dir if need be;
// refuses, as bad input (*DirError, *BusyError), a directory that holds
// what w may not replace or that another govsim is writing; cleans what
// killed commands left (temporary files, staging directories); and says
// where to write (Out.Build).
func Claim(dir string, w Want) (*Out, error) {
	if w.Force && w.Shard.Count > 1 {
		return nil, &table.DirError{Msg: fmt.Sprintf("-force replaces %s whole, which a shard sharing it with other shards must not do; remove it before starting the shards, or give each shard its own -out", dir)}
	}
	restoreAside(dir)
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return nil, &table.DirError{Msg: fmt.Sprintf("-out %s is a file, not a directory; use another -out", dir)}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("output directory: %w", err)
	}
	real, err := realPath(dir)
	if err != nil {
		return nil, fmt.Errorf("output directory: %w", err)
	}
	o := &Out{Dir: dir, Build: dir, real: real, want: w}
	// Look before locking, so that a directory refused gets no lock file.
	if _, err := o.decide(); err != nil {
		return nil, err
	}
	note := writerNote(w.Command)
	if w.Shard.Count > 1 {
		// Alone for a moment? Then nothing else writes and what killed
		// writers left can go, before the other shards may start.
		if l, err := lockDir(real, shard.Shard{}, note); err == nil {
			o.lock = l
			err = o.clean()
			l.unlock()
			o.lock = nil
			if err != nil {
				return nil, err
			}
			if o.lock, err = lockDir(real, w.Shard, note); err != nil {
				return nil, err
			}
		} else if o.lock, err = lockDir(real, w.Shard, note); err != nil {
			return nil, err
		}
	} else {
		if o.lock, err = lockDir(real, shard.Shard{}, note); err != nil {
			return nil, err
		}
		if err := o.clean(); err != nil {
			o.Close()
			return nil, err
		}
	}
	// Decide again, under the lock: another writer may have been first.
	staged, err := o.decide()
	if err == nil {
		err = o.prepare(staged)
	}
	if err != nil {
		o.Close()
		return nil, err
	}
	return o, nil
}

// decide checks what dir holds against what is wanted, and says whether
// the result must be built beside it (staged).
func (o *Out) decide() (staged bool, err error) {
	w := o.want
	prev, other, err := inspect(o.real)
	if err != nil {
		return false, err
	}
	o.Prev, o.empty = prev, len(other) == 0
	switch {
	case o.empty:
		return false, nil // new, or empty but for what govsim keeps there
	case prev == nil:
		return false, &table.DirError{Msg: fmt.Sprintf("%s is not empty (%s) and was not made by govsim: refusing to write into it; use another -out (-force replaces only directories govsim made)", o.Dir, listNames(other, 5))}
	}
	same := prev.Kind == w.Kind && prev.Settings != "" && prev.Settings == w.Settings
	switch {
	case same && w.Resume:
		return false, nil
	case w.Force && w.Resume:
		return false, o.refuseInCwd() // emptied now, by prepare
	case w.Force, same:
		return true, o.refuseInCwd()
	}
	what := DescribeKind(prev.Kind)
	switch {
	case prev.Kind == w.Kind && prev.Kind == KindSweep && w.Differ != nil:
		what = "a different sweep (" + w.Differ(o.real) + ")"
	case prev.Kind == w.Kind && w.Differ != nil && w.Differ(o.real) != "":
		what += " with other settings (" + w.Differ(o.real) + ")"
	case prev.Kind == w.Kind:
		what += " with other settings"
	}
	made := ""
	if len(prev.Command) > 0 {
		made = ", made by `" + table.CommandLine(prev.Command) + "`"
	}
	return false, &table.DirError{Msg: fmt.Sprintf("%s holds %s%s: refusing to replace or mix it; use another -out, or -force to replace the whole directory", o.Dir, what, made)}
}

// refuseInCwd refuses to replace a directory the process works in: the
// working directory would be left pointing at the old one.
func (o *Out) refuseInCwd() error {
	wd, err := os.Getwd()
	if err != nil {
		return nil
	}
	if rel, err := filepath.Rel(o.real, wd); err == nil && !strings.HasPrefix(rel, "..") {
		return &table.DirError{Msg: fmt.Sprintf("%s holds the working directory and cannot be replaced; run from elsewhere or use another -out", o.Dir)}
	}
	return nil
}

// prepare readies the place to write: the marker of a directory taken as
// it is, or a staging directory.
func (o *Out) prepare(staged bool) error {
	w := o.want
	o.mark = Marker{Kind: w.Kind, Settings: w.Settings, Command: w.Command, Govsim: w.Version, Created: time.Now().UTC()}
	if o.Prev != nil && w.Resume && o.Prev.Kind == w.Kind && o.Prev.Settings == w.Settings {
		o.mark = *o.Prev // resumed: still what its first command made
	}
	if !staged {
		if w.Force && !o.empty && w.Resume {
			// Replaced by an empty directory now: a sweep or a rerun is
			// built in place.
			if err := o.stage(); err != nil {
				return err
			}
			if err := o.swap(); err != nil {
				return err
			}
			o.Prev, o.empty = nil, true
			return nil
		}
		return writeMarker(o.real, o.mark)
	}
	return o.stage()
}

// Commit ends a command that writes a whole result: the directory is
// marked as holding a complete result or not, and a staged result takes
// the directory's place — unless it is incomplete and the directory held
// a complete one, which is then kept (kept is true) and the staged result
// removed.
func (o *Out) Commit(complete bool) (kept bool, err error) {
	o.mark.Complete = complete
	if err := writeMarker(o.Build, o.mark); err != nil {
		return false, err
	}
	if !o.Staged() {
		return false, nil
	}
	if !complete && o.Prev != nil && o.Prev.Complete {
		o.Abort()
		return true, nil
	}
	return false, o.swap()
}

// Abort removes what the command wrote: the staging directory, or, in a
// directory that was empty when claimed, everything but the lock and the
// marker.
func (o *Out) Abort() {
	if o.Staged() {
		os.RemoveAll(o.Build)
		o.build.unlock()
		o.build = nil
		o.Build, o.staged = o.Dir, false
		return
	}
	if !o.empty || o.want.Resume {
		return
	}
	ents, _ := os.ReadDir(o.real)
	for _, e := range ents {
		if n := e.Name(); !isLockName(n) && n != markerName {
			os.RemoveAll(filepath.Join(o.real, n))
		}
	}
}

// MarkComplete records in the marker that the directory holds a finished
// result (a sweep whose tables are assembled).
func (o *Out) MarkComplete() error {
	o.mark.Complete = true
	return writeMarker(o.Build, o.mark)
}

// Close releases the locks.
func (o *Out) Close() {
	if o == nil {
		return
	}
	o.build.unlock()
	o.lock.unlock()
}

// clean removes what killed writers left: temporary files in the directory
// and staging directories beside it whose builder is gone. (Those of parts/
// go with the scan of a sweep's parts, SweepDir.Scan.) It runs only while
// the directory is locked exclusively, and is quick, for shards starting
// together wait for it.
func (o *Out) clean() error {
	ents, err := os.ReadDir(o.real)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for _, e := range ents {
		if table.IsTemp(e.Name()) {
			os.RemoveAll(filepath.Join(o.real, e.Name()))
		}
	}
	parent, base := filepath.Split(o.real)
	stale, _ := filepath.Glob(filepath.Join(parent, "."+base+stagingInfix+"*"))
	for _, s := range stale {
		switch on, err := alive(s); {
		case errors.Is(err, errNotLocked):
			os.Remove(s) // made and never locked: empty, or not ours
		case err == nil && !on:
			os.RemoveAll(s)
		}
	}
	return nil
}

func realPath(dir string) (string, error) {
	p, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", err
	}
	return filepath.Abs(p)
}

func listNames(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:n], ", ") + fmt.Sprintf(" and %d more", len(names)-n)
}

// ClaimAnalysis takes dir, which govsim made as one of kinds, for a command
// that writes its analysis beside the data (govsim report, analyze): it
// must be there, hold what the analysis reads, and not be being written.
// Close after a successful analysis records the command in the marker.
func ClaimAnalysis(dir string, kinds []string, command []string, reads string) (*Out, error) {
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return nil, &table.DirError{Msg: fmt.Sprintf("%s is not govsim output (not a directory); %s", dir, reads)}
	}
	real, err := realPath(dir)
	if err != nil {
		return nil, err
	}
	o := &Out{Dir: dir, Build: dir, real: real}
	check := func() error {
		m, _, err := inspect(real)
		switch {
		case err != nil:
			return err
		case m == nil:
			return &table.DirError{Msg: fmt.Sprintf("%s is not govsim output (govsim did not make it); %s", dir, reads)}
		case !slices.Contains(kinds, m.Kind):
			return &table.DirError{Msg: fmt.Sprintf("%s holds %s; %s", dir, DescribeKind(m.Kind), reads)}
		}
		o.Prev, o.mark = m, *m
		return nil
	}
	if err := check(); err != nil {
		return nil, err
	}
	if o.lock, err = lockDir(real, shard.Shard{}, writerNote(command)); err != nil {
		return nil, err
	}
	if err := check(); err != nil {
		o.Close()
		return nil, err
	}
	o.want.Command = command
	return o, o.clean()
}

// Analysed records in the marker that the analysis was written.
func (o *Out) Analysed() error {
	o.mark.Analyses = append(o.mark.Analyses, o.want.Command)
	if _, err := os.Stat(filepath.Join(o.real, markerName)); err != nil {
		return nil // a directory an earlier govsim made keeps no marker
	}
	return writeMarker(o.real, o.mark)
}
