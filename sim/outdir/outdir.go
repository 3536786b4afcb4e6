package outdir

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
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

// Kinds of output directory.
const (
	KindRun     = "run"     // govsim run
	KindCompare = "compare" // govsim compare
	KindSweep   = "sweep"   // govsim sweep, merge, or rerun of a sweep
	KindRerun   = "rerun"   // govsim rerun of a run or comparison
)

const markerName = ".govsim-dir"

// Marker is what an output directory holds and the command that made it.
type Marker struct {
	Kind     string    `json:"kind"`
	Settings string    `json:"settings"` // what decides its results: a hash, or a sweep's id
	Command  []string  `json:"command"`
	Govsim   string    `json:"govsim_version"`
	Created  time.Time `json:"created"`
	Complete bool      `json:"complete"` // a finished result
	// Analyses are the commands that wrote beside the data (govsim report,
	// govsim analyze).
	Analyses [][]string `json:"analyses,omitempty"`
}

// DescribeKind says what a kind of directory holds, for messages.
func DescribeKind(kind string) string {
	switch kind {
	case KindRun:
		return "the runs of govsim run"
	case KindCompare:
		return "a comparison (govsim compare)"
	case KindSweep:
		return "a sweep"
	case KindRerun:
		return "a rerun (govsim rerun)"
	}
	return "output of govsim"
}

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

// stage makes the staging directory beside the output directory, locked
// and marked, so that a cleaner sees it at work.
func (o *Out) stage() error {
	parent, base := filepath.Split(o.real)
	dir, err := os.MkdirTemp(parent, "."+base+stagingInfix)
	if err != nil {
		return fmt.Errorf("cannot make a staging directory beside %s (the result is built there and replaces the directory only when complete): %w", o.Dir, err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		os.RemoveAll(dir)
		return err
	}
	if o.build, err = lockDir(dir, shard.Shard{}, writerNote(o.want.Command)); err != nil {
		os.RemoveAll(dir)
		return err
	}
	o.Build, o.staged = dir, true
	return writeMarker(dir, o.mark)
}

// swap puts the staging directory in the output directory's place and
// removes the old one.
func (o *Out) swap() error {
	old, err := replaceDir(o.Build, o.real)
	if err != nil {
		return fmt.Errorf("replacing %s: %w", o.Dir, err)
	}
	o.lock.unlock()
	o.lock, o.build = o.build, nil
	o.Build, o.staged = o.Dir, false
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("removing the replaced %s (now %s): %w", o.Dir, old, err)
	}
	return nil
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

const (
	stagingInfix = ".govsim-tmp-"
	asideInfix   = ".govsim-old-"
)

// replaceDir puts dir staged in the place of dir and returns where the
// old directory now is, for removal.
func replaceDir(staged, dir string) (string, error) {
	ok, err := exchange(staged, dir)
	if ok {
		return staged, nil
	}
	if err != nil {
		return "", err
	}
	// Two renames: the old directory aside, the new into place. A crash
	// between them leaves the old one aside, which the next Claim of dir
	// puts back (restoreAside).
	parent, base := filepath.Split(dir)
	aside := filepath.Join(parent, "."+base+asideInfix+filepath.Base(staged))
	if err := os.Rename(dir, aside); err != nil {
		return "", err
	}
	if err := os.Rename(staged, dir); err != nil {
		os.Rename(aside, dir)
		return "", err
	}
	return aside, nil
}

// restoreAside puts back a directory that replaceDir moved aside when it
// was interrupted before the new one took its place, and removes the old
// ones whose replacement did take place.
func restoreAside(dir string) {
	parent, base := filepath.Split(filepath.Clean(dir))
	aside, _ := filepath.Glob(filepath.Join(parent, "."+base+asideInfix+"*"))
	for _, a := range aside {
		if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
			os.Rename(a, dir)
			continue
		}
		if on, err := alive(a); err == nil && !on {
			os.RemoveAll(a)
		}
	}
}

func realPath(dir string) (string, error) {
	p, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", err
	}
	return filepath.Abs(p)
}

// inspect reads what dir holds: its marker (or, for a directory an earlier
// govsim made, the marker its files imply) and the names of its other
// entries, leaving out locks, the marker and temporary files.
func inspect(dir string) (*Marker, []string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("output directory: %w", err)
	}
	var other []string
	for _, e := range ents {
		if n := e.Name(); !isLockName(n) && n != markerName && !table.IsTemp(n) {
			other = append(other, n)
		}
	}
	m, err := readMarker(dir)
	if err != nil || m != nil {
		return m, other, err
	}
	return legacyMarker(dir, other), other, nil
}

func readMarker(dir string) (*Marker, error) {
	b, err := table.ReadInput(filepath.Join(dir, markerName), 1<<20)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var m Marker
	if err := json.Unmarshal(b, &m); err != nil || m.Kind == "" {
		// Made by govsim, but what it holds is unknown: only -force
		// replaces it.
		return &Marker{Kind: "unknown"}, nil
	}
	return &m, nil
}

// legacyMarker recognises a directory written before markers: a sweep by
// its sweep.json, a run or comparison by its manifest.
func legacyMarker(dir string, names []string) *Marker {
	if slices.Contains(names, "sweep.json") {
		if d, err := table.OpenSweepDir(dir); err == nil {
			return &Marker{Kind: KindSweep, Settings: d.File.ID}
		}
		return &Marker{Kind: "unknown"}
	}
	if slices.Contains(names, "manifest.json") {
		m, err := table.ReadManifest(dir)
		if err != nil {
			return nil
		}
		kind := KindRun
		if slices.Contains(names, "report.html") {
			kind = KindCompare
		}
		return &Marker{Kind: kind, Complete: m.Complete, Command: m.Command}
	}
	return nil
}

func writeMarker(dir string, m Marker) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("marker: %w", err)
	}
	return table.WriteFileAtomic(filepath.Join(dir, markerName), append(b, '\n'))
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

// Settings is the settings hash of a result: a SHA-256 of the JSON of what
// decides it (the kind, the resolved scenarios, seeds, counts, options).
func Settings(v ...any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic("outdir: settings do not marshal: " + err.Error()) // plain data; cannot happen
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
