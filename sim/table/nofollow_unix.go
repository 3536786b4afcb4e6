//go:build unix

package table

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// openNoFollow opens path with O_NOFOLLOW: the kernel refuses a link in
// the last element (ELOOP), with no moment between a check and the open.
func openNoFollow(path string, flag int, perm fs.FileMode) (*os.File, error) {
	return os.OpenFile(path, flag|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, perm)
}

// NoFollow is the open flag that refuses a symbolic link, for callers that
// open through another package (a lock file through gofrs/flock).
const NoFollow = syscall.O_NOFOLLOW

func isLinkRefusal(err error) bool {
	return errors.Is(err, syscall.ELOOP) || errors.Is(err, syscall.EMLINK)
}
