//go:build !unix

package table

import (
	"io/fs"
	"os"
)

// errLink is a link found in place of an output file.
var errLink = &fs.PathError{Op: "open", Err: fs.ErrInvalid}

// openNoFollow opens path, refusing a symbolic link where the system has
// no O_NOFOLLOW: the name is checked with Lstat before the open and the
// file opened is checked to be the one looked at, so a link swapped in
// between is refused too.
func openNoFollow(path string, flag int, perm fs.FileMode) (*os.File, error) {
	before, err := os.Lstat(path)
	if err == nil && before.Mode()&fs.ModeSymlink != 0 {
		return nil, errLink
	}
	f, err := os.OpenFile(path, flag, perm)
	if err != nil {
		return nil, err
	}
	after, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if now, err := os.Lstat(path); err != nil || !os.SameFile(now, after) {
		f.Close()
		return nil, errLink
	}
	return f, nil
}

// NoFollow is 0 here: callers check the name with IsLink first.
const NoFollow = 0

func isLinkRefusal(err error) bool { return err == errLink }
