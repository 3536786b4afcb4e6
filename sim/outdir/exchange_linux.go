package outdir

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchange swaps two directories in one step (renameat2 with
// RENAME_EXCHANGE): rename(2) cannot move a directory over one that is not
// empty, and moving the old one aside first would leave a moment, and after
// a crash a state, with neither at its name. ok is false where the file
// system cannot exchange (some network file systems), for the fallback.
func exchange(a, b string) (ok bool, err error) {
	err = unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.ENOTSUP) {
		return false, nil
	}
	return err == nil, err
}
