package outdir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/govsim/govsim/sim/shard"
)

// A result that replaces a directory is built in a staging directory
// beside it (.NAME.govsim-tmp-*) and exchanged for it whole once complete
// (exchange, in exchange_linux.go); where the file system cannot exchange,
// two renames, with the old directory moved aside (.NAME.govsim-old-*)
// until the new one is in place.

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
	// The marker first: a staging directory is govsim's by its marker,
	// and a cleaner (which needs the output directory's lock, held here)
	// removes one whose lock is free.
	if err := writeMarker(dir, o.mark); err != nil {
		os.RemoveAll(dir)
		return err
	}
	if o.build, err = lockDir(dir, shard.Shard{}, writerNote(o.want.Command)); err != nil {
		os.RemoveAll(dir)
		return err
	}
	o.Build, o.staged = dir, true
	return nil
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
		if st, err := os.Lstat(a); err != nil || !st.IsDir() {
			continue
		}
		if m, _, err := inspect(a); err != nil || m == nil {
			continue // named like one, but not a directory govsim made
		}
		if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
			os.Rename(a, dir)
			continue
		}
		if on, err := alive(a); err == nil && !on || errors.Is(err, errNotLocked) {
			os.RemoveAll(a)
		}
	}
}
