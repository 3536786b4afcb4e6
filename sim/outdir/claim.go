package outdir

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
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
	// Sources are the directories the command reads (a rerun's
	// original): the output may not be one of them, lie inside one, or
	// hold one.
	Sources []string
	// Within is the directory of the search the output is a batch of (a
	// calibration's generations, cmd/internal/search), which holds it by
	// design and is replaced with it: the one govsim directory the output
	// may lie inside.
	Within string
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
	if err := placeOf(dir, w.Sources, w.Within); err != nil {
		return nil, err
	}
	if err := makeDir(dir); err != nil {
		return nil, err
	}
	real, err := realPath(dir)
	if err != nil {
		return nil, outError(dir, err)
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
	case same && !w.Force:
		// The same command again replaces its result whole: not what
		// the user put beside it.
		if foreign := foreignNames(prev.Kind, other); len(foreign) > 0 {
			return false, &table.DirError{Msg: fmt.Sprintf("%s holds files govsim did not write there (%s), which replacing its result would delete: move them out, or use -force to replace the whole directory", o.Dir, listNames(foreign, 5))}
		}
		return true, o.refuseInCwd()
	case w.Force:
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
		return &table.DirError{Msg: fmt.Sprintf("%s holds the working directory, which would be left in the old copy when the new result takes its place; run from outside it (cd %s first), or use another -out", o.Dir, filepath.Dir(o.real))}
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
	if m, err := readMarker(o.real); err == nil && m != nil {
		// Temporary files only where govsim made the directory: a file of
		// the user's named alike is the user's.
		ents, err := os.ReadDir(o.real)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		for _, e := range ents {
			if ownTemp(e.Name()) && e.Type().IsRegular() {
				os.Remove(filepath.Join(o.real, e.Name()))
			}
		}
	}
	parent, base := filepath.Split(o.real)
	stale, _ := filepath.Glob(filepath.Join(parent, "."+base+stagingInfix+"*"))
	for _, s := range stale {
		if !staging(s) {
			continue // named like one, but not govsim's
		}
		if on, err := alive(s); err == nil && !on || errors.Is(err, errNotLocked) {
			os.RemoveAll(s)
		}
	}
	return nil
}

// staging reports whether dir is a staging directory govsim made: a real
// directory (not a link) holding a marker.
func staging(dir string) bool {
	st, err := os.Lstat(dir)
	if err != nil || !st.IsDir() {
		return false
	}
	m, err := readMarker(dir)
	return err == nil && m != nil
}

// makeDir makes the output directory and its parents, saying in a
// sentence, as bad input, why a path cannot be one.
func makeDir(dir string) error {
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return &table.DirError{Msg: fmt.Sprintf("-out %s is a file, not a directory; use another -out", dir)}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return outError(dir, err)
	}
	return nil
}

// outError says why dir cannot be an output directory: bad input for what
// the user can fix by choosing another -out, a failure otherwise.
func outError(dir string, err error) error {
	if errors.Is(err, fs.ErrExist) {
		// mkdir of a name that is there but is no directory: a link
		// that leads nowhere or in a loop. Say which part, and why.
		err = linkProblem(dir, err)
	}
	var why string
	switch {
	case errors.Is(err, syscall.ENOTDIR):
		why = "a part of the path is a file, not a directory"
	case errors.Is(err, syscall.ELOOP):
		why = "the path holds a loop of symbolic links"
	case errors.Is(err, syscall.ENAMETOOLONG):
		why = "the path or a name in it is too long for the file system"
	case errors.Is(err, fs.ErrNotExist):
		why = "a symbolic link in the path leads to a directory that does not exist and cannot be made"
	case errors.Is(err, fs.ErrPermission):
		why = "permission denied"
	case errors.Is(err, syscall.EROFS):
		why = "the file system is read-only"
	case errors.Is(err, syscall.EINVAL):
		why = "the name is not allowed by the file system"
	default:
		return fmt.Errorf("output directory %s: %w", dir, err)
	}
	return &table.DirError{Msg: fmt.Sprintf("-out %s cannot be made or used: %s; use another -out", dir, why)}
}

// linkProblem finds the first part of dir that cannot be followed to a
// directory, and returns why (the error of following it), else err.
func linkProblem(dir string, err error) error {
	p := filepath.Clean(dir)
	var parts []string
	for q := p; ; q = filepath.Dir(q) {
		parts = append([]string{q}, parts...)
		if filepath.Dir(q) == q || filepath.Dir(q) == "." {
			break
		}
	}
	for _, q := range parts {
		if _, serr := os.Stat(q); serr != nil && table.IsLink(q) {
			if errors.Is(serr, fs.ErrNotExist) {
				return fmt.Errorf("%s: %w", q, fs.ErrNotExist)
			}
			return serr
		}
	}
	return err
}

// placeOf refuses an output directory inside one govsim made (it would be
// lost when that one is replaced), and one that is, lies inside or holds
// a directory the command reads.
func placeOf(dir string, sources []string, search string) error {
	if a, m := ancestor(dir); a != "" && (search == "" || resolved(a) != resolved(search)) {
		return &table.DirError{Msg: fmt.Sprintf("-out %s is inside %s, which holds %s: a result there would be lost when %s is replaced; use another -out, outside it", dir, a, DescribeKind(m.Kind), a)}
	}
	out := resolved(dir)
	for _, s := range sources {
		src := resolved(s)
		switch {
		case src == out:
			return &table.DirError{Msg: fmt.Sprintf("-out %s is %s, which the command reads; use another -out", dir, s)}
		case within(out, src):
			return &table.DirError{Msg: fmt.Sprintf("-out %s is inside %s, which the command reads; use another -out, outside it", dir, s)}
		case within(src, out):
			return &table.DirError{Msg: fmt.Sprintf("-out %s holds %s, which the command reads; use another -out", dir, s)}
		}
	}
	return nil
}

// resolved is path absolute with the symbolic links of its longest
// existing prefix resolved: two names of one directory resolve alike.
func resolved(path string) string {
	p, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	var rest []string
	for {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(append([]string{r}, rest...)...)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return filepath.Join(append([]string{p}, rest...)...)
		}
		rest = append([]string{filepath.Base(p)}, rest...)
		p = parent
	}
}

// within reports whether path lies strictly inside dir (both resolved).
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
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

// Analysis is a directory claimed by a command that writes its analysis
// beside the data (govsim report, analyze): it reads the data in Dir and
// writes into Build, a staging directory beside Dir that holds the data
// as hard links (copies where the file system has none) and none of the
// files the analysis writes; Publish exchanges it for Dir whole, so that
// a killed, failed or interrupted analysis leaves the previous one as it
// was, never new files beside old ones, and a new analysis leaves none of
// an earlier one's files (charts of other metrics) behind.
type Analysis struct{ *Out }

// ClaimAnalysis takes dir, which govsim made as one of kinds, for a command
// that writes its analysis beside the data: it must be there, hold what
// the analysis reads (reads says what that is, for the message), and not
// be being written. writes are the names the analysis writes, which the
// staging directory leaves out.
func ClaimAnalysis(dir string, kinds []string, command []string, reads string, writes []string) (*Analysis, error) {
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return nil, &table.DirError{Msg: fmt.Sprintf("%s is not govsim output (not a directory); %s", dir, reads)}
	}
	real, err := realPath(dir)
	if err != nil {
		return nil, outError(dir, err)
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
	err = check()
	if err == nil {
		// The analysis takes the directory's place: a working directory
		// inside it would be left in the old copy.
		err = o.refuseInCwd()
	}
	if err != nil {
		return nil, err
	}
	if o.lock, err = lockDir(real, shard.Shard{}, writerNote(command)); err != nil {
		return nil, err
	}
	if err := check(); err == nil {
		err = o.clean()
	}
	if err != nil {
		o.Close()
		return nil, err
	}
	o.want.Command = command
	o.mark.Analyses = append(o.mark.Analyses, command)
	if err := o.stage(); err != nil {
		o.Close()
		return nil, err
	}
	if err := linkTree(real, o.Build, writes); err != nil {
		o.Abort()
		o.Close()
		return nil, fmt.Errorf("staging the analysis of %s beside it: %w", dir, err)
	}
	return &Analysis{o}, nil
}

// Publish ends the analysis given its error: done, it takes the
// directory's place; otherwise it is removed and the directory keeps
// what it held. It releases the directory.
func (a *Analysis) Publish(err error) error {
	defer a.Close()
	if err != nil {
		a.Abort()
		return err
	}
	if err := writeMarker(a.Build, a.mark); err != nil {
		a.Abort()
		return err
	}
	return a.swap()
}

// linkTree puts every entry of src into dst, which exists, but those
// named in skip, locks, the marker and temporary files: regular files as
// hard links (copies where the file system cannot link), directories
// made and filled alike, symbolic links as links.
func linkTree(src, dst string, skip []string) error {
	ents, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, e := range ents {
		n := e.Name()
		if skip != nil && slices.Contains(skip, n) || isLockName(n) || n == markerName || ownTemp(n) {
			continue
		}
		from, to := filepath.Join(src, n), filepath.Join(dst, n)
		switch t := e.Type(); {
		case t.IsDir():
			if err := table.MkdirOutput(to); err != nil {
				return err
			}
			if err := linkTree(from, to, nil); err != nil {
				return err
			}
		case t&fs.ModeSymlink != 0:
			target, err := os.Readlink(from)
			if err == nil {
				err = os.Symlink(target, to)
			}
			if err != nil {
				return err
			}
		case t.IsRegular():
			if err := os.Link(from, to); err != nil {
				if err := copyFile(from, to); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// copyFile copies a regular file, for file systems without hard links.
func copyFile(from, to string) error {
	in, _, err := table.OpenInput(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := table.OpenOutput(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}
