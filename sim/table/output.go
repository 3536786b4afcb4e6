package table

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// Every file or directory govsim writes at a name it chose inside an
// output directory is opened or made here, without following a symbolic
// link: a link planted at the name of a lock file, a marker or a
// subdirectory (parts/, charts/) would otherwise send govsim's writes to
// the file or directory it points to, which may be anyone's. Files written
// whole go through a temporary file made with O_EXCL and a rename
// (WriteFileAtomic), which replaces a link rather than writing through it;
// OpenOutput and MkdirOutput are for the rest.

// LinkError is an output path that is a symbolic link, or not the kind of
// file govsim writes there: bad input (exit status 2), since it can only
// be there if someone put it there.
type LinkError struct {
	Path string
	What string // "a symbolic link", "a named pipe", ...
}

func (e *LinkError) Error() string {
	return fmt.Sprintf("%s is %s, where govsim writes its own file: refusing to follow or replace it; remove it, or use another -out", e.Path, e.What)
}

// BadInput marks the error as bad input for the command line.
func (e *LinkError) BadInput() bool { return true }

// OpenOutput opens a regular file govsim writes (flag as for os.OpenFile),
// never through a symbolic link and never a FIFO, device or socket.
func OpenOutput(path string, flag int, perm fs.FileMode) (*os.File, error) {
	f, err := openNoFollow(path, flag|syscall.O_NONBLOCK, perm)
	if err != nil {
		if isLinkRefusal(err) {
			return nil, &LinkError{path, "a symbolic link"}
		}
		if errors.Is(err, syscall.ENXIO) {
			return nil, &LinkError{path, "a named pipe or socket"}
		}
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, &LinkError{path, kindOf(st.Mode())}
	}
	return f, nil
}

// MkdirOutput makes directory path (its parent must exist), or accepts one
// that is there and is a directory, not a link to one.
func MkdirOutput(path string) error {
	err := os.Mkdir(path, 0o755)
	if err == nil || !errors.Is(err, fs.ErrExist) {
		return err
	}
	st, err := os.Lstat(path)
	if err != nil {
		return err
	}
	switch {
	case st.Mode()&fs.ModeSymlink != 0:
		return &LinkError{path, "a symbolic link"}
	case !st.IsDir():
		return &LinkError{path, kindOf(st.Mode())}
	}
	return nil
}

// IsLink reports whether path is a symbolic link.
func IsLink(path string) bool {
	st, err := os.Lstat(path)
	return err == nil && st.Mode()&fs.ModeSymlink != 0
}
