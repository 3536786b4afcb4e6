package outdir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/gofrs/flock"

	"github.com/govsim/govsim/sim/shard"
	"github.com/govsim/govsim/sim/table"
)

// Writers of one output directory exclude each other with advisory locks
// (flock) on files inside it that are never renamed or removed while in
// use: .govsim-lock for the directory, .govsim-lock-shard-I-of-N for a
// shard. A command that writes the directory as a whole (run, compare,
// merge, rerun, report, analyze, an unsharded sweep) holds the directory
// lock exclusively; shards of one sweep sharing a directory hold it shared
// and their own shard's exclusively, so that shards run side by side but
// the same shard never twice. A holder writes its pid, host, start and
// command into its lock file, for the message another writer gets.
// The kernel drops the locks of a process that dies, however it dies, so
// a lock never outlives its holder.

const (
	lockName      = ".govsim-lock"
	shardLockName = ".govsim-lock-shard-%d-of-%d"
	// shardWait is how long a shard waits for the directory while another
	// process holds it alone.
	shardWait = 10 * time.Second
)

// BusyError is an output directory another govsim is writing: bad input
// (exit status 2) — choose another -out or wait.
type BusyError struct{ Msg string }

func (e *BusyError) Error() string { return e.Msg }

// BadInput marks the error as bad input for the command line.
func (e *BusyError) BadInput() bool { return true }

// dirLock is a lock held on a directory, released by unlock.
type dirLock struct{ locks []*flock.Flock }

func (l *dirLock) unlock() {
	if l == nil {
		return
	}
	for i := len(l.locks) - 1; i >= 0; i-- {
		l.locks[i].Unlock()
	}
	l.locks = nil
}

// lockDir locks dir for a writer: exclusively, or, for shard s of a
// shared sweep (s.Count > 1), the directory shared and the shard
// exclusively. who describes the writer for others' messages.
func lockDir(dir string, s shard.Shard, who string) (*dirLock, error) {
	l := &dirLock{}
	if s.Count <= 1 {
		if err := l.take(filepath.Join(dir, lockName), true, who); err != nil {
			return nil, err
		}
		return l, nil
	}
	// Another shard may hold the directory alone for a moment, to clean
	// (Claim): wait a little for it rather than fail a job array whose
	// tasks start together.
	var err error
	for wait := time.Now().Add(shardWait); ; time.Sleep(50 * time.Millisecond) {
		var be *BusyError
		if err = l.take(filepath.Join(dir, lockName), false, ""); !errors.As(err, &be) || time.Now().After(wait) {
			break
		}
	}
	if err != nil {
		return nil, err
	}
	if err := l.take(filepath.Join(dir, fmt.Sprintf(shardLockName, s.Index, s.Count)), true, who); err != nil {
		l.unlock()
		return nil, err
	}
	return l, nil
}

// take locks path without waiting. A lock taken on a file that was
// replaced meanwhile (its directory swapped for a new one) is a lock on
// nothing: the file's identity is checked after locking, and the lock
// taken again.
func (l *dirLock) take(path string, exclusive bool, who string) error {
	for range 10 {
		// Never through a link planted at the lock's name: the lock and
		// the note written into it would land on the link's target.
		if table.IsLink(path) {
			return &table.LinkError{Path: path, What: "a symbolic link"}
		}
		f := flock.New(path, flock.SetPermissions(0o644), flock.SetFlag(os.O_CREATE|os.O_RDWR|table.NoFollow))
		try := f.TryRLock
		if exclusive {
			try = f.TryLock
		}
		ok, err := try()
		if err != nil {
			switch {
			case errors.Is(err, syscall.ELOOP):
				return &table.LinkError{Path: path, What: "a symbolic link"}
			case errors.Is(err, syscall.EROFS), errors.Is(err, fs.ErrPermission):
				return &table.DirError{Msg: fmt.Sprintf("%s cannot be written (%v): use a directory on a writable file system, or another -out", filepath.Dir(path), errors.Unwrap(err))}
			}
			return fmt.Errorf("lock %s: %w", path, err)
		}
		if !ok {
			return &BusyError{fmt.Sprintf("%s is being written by another govsim (%s): wait for it to finish, or use another -out", filepath.Dir(path), holders(filepath.Dir(path)))}
		}
		held, err1 := f.Stat()
		now, err2 := os.Lstat(path)
		if err1 == nil && !held.Mode().IsRegular() {
			f.Unlock()
			return &table.LinkError{Path: path, What: "not a regular file"}
		}
		if err1 == nil && err2 == nil && os.SameFile(held, now) {
			if who != "" {
				writeNote(path, held, who)
			}
			l.locks = append(l.locks, f)
			return nil
		}
		f.Unlock()
	}
	return &BusyError{fmt.Sprintf("%s keeps being replaced by another govsim: wait for it to finish, or use another -out", filepath.Dir(path))}
}

// writeNote writes who holds the lock into the lock file held, opened
// again without following links and checked to be that file. Best effort:
// a lock file made by another user may not be writable; the lock holds
// all the same.
func writeNote(path string, held os.FileInfo, who string) {
	f, err := table.OpenOutput(path, os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !os.SameFile(st, held) {
		return
	}
	if f.Truncate(0) == nil {
		f.WriteString(who + "\n")
	}
}

// holders describes who holds the locks of dir, for a message: the
// exclusive holder's note, or the shards at work.
func holders(dir string) string {
	var out []string
	names, _ := filepath.Glob(filepath.Join(dir, ".govsim-lock*"))
	for _, n := range names {
		if !heldExclusively(n) {
			continue
		}
		b, err := table.ReadInput(n, 4096)
		note := strings.TrimSpace(string(b))
		if err != nil || note == "" {
			note = "pid unknown"
		}
		out = append(out, note)
	}
	if len(out) == 0 {
		return "shards at work"
	}
	return strings.Join(out, "; ")
}

// heldExclusively reports whether another process holds path exclusively:
// a shared lock on it is refused.
func heldExclusively(path string) bool {
	f := flock.New(path, flock.SetFlag(os.O_RDONLY|table.NoFollow))
	ok, err := f.TryRLock()
	if err != nil {
		return false
	}
	if ok {
		f.Unlock()
	}
	return !ok
}

// writerNote is what a lock holder says of itself.
func writerNote(command []string) string {
	host, _ := os.Hostname()
	return fmt.Sprintf("pid %d on %s since %s: %s", os.Getpid(), host, time.Now().Format("2006-01-02 15:04:05"), table.CommandLine(command))
}

// isLockName tells the lock files from a directory's content.
func isLockName(name string) bool { return strings.HasPrefix(name, lockName) }

var errNotLocked = errors.New("not locked")

// alive reports whether a staging directory's builder still runs: its
// lock is held. A directory without a lock file is not a staging
// directory govsim made.
func alive(dir string) (bool, error) {
	path := filepath.Join(dir, lockName)
	if _, err := os.Lstat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return false, errNotLocked
		}
		return false, err
	}
	f := flock.New(path, flock.SetFlag(os.O_RDONLY|table.NoFollow))
	ok, err := f.TryLock()
	if err != nil {
		return false, err
	}
	if ok {
		f.Unlock()
	}
	return !ok, nil
}
