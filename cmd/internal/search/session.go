package search

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/govsim/govsim/sim/table"
)

// Stopped ends a shard's session before a batch the other shards must
// finish first: not a failure. Its message says what to do next.
type Stopped struct{ Msg string }

func (e *Stopped) Error() string { return e.Msg }

// Session is one process's run of a search: it reads the batches sessions
// before finished and runs the rest, and, as a shard, runs its share of
// one batch and stops, since the next batch needs every shard's runs.
type Session struct {
	Runs *Runs
	Root string // the search's directory
	Out  string // the directory as the user named it, for messages
	ran  bool   // a shard ran its share of a batch this session
}

// Batch brings batch b to the state read needs: every run present. A batch
// a session before finished is only read (its tables assembled first, if
// a killed session left them out); otherwise this process runs its share.
// read reads a batch's runs and says how many have no part. A shard's
// session ends with *Stopped.
func (s *Session) Batch(ctx context.Context, b Batch, read func(d *table.SweepDir) (missing int, err error)) error {
	if d, err := Open(s.Root, b.Name); err == nil && Assembled(d) {
		missing, err := read(d)
		if err != nil || missing == 0 {
			return err
		}
	}
	sh := s.Runs.Shard
	if sh.Count > 1 && s.ran {
		return &Stopped{fmt.Sprintf("shard %d/%d: stopped before %s, which the other shards run too; when every shard is done, run the same command again (for every shard) to go on",
			sh.Index, sh.Count, filepath.Join(s.Out, b.Name))}
	}
	done, err := s.Runs.Run(ctx, s.Root, b)
	if err != nil {
		return err
	}
	s.ran = true
	if !done.Complete {
		return &Stopped{fmt.Sprintf("shard %d/%d: this shard's runs of %s are done; when every shard is done, run the same command again (for every shard) to go on",
			sh.Index, sh.Count, filepath.Join(s.Out, b.Name))}
	}
	missing, err := read(done.Dir)
	if err == nil && missing > 0 {
		err = fmt.Errorf("%s: %d runs have no part after the sweep completed", done.Dir.Dir, missing)
	}
	return err
}

// WriteIdentity writes a search's identity file (data, as name) into root,
// unless root holds one already: then it must be this search's (id), for
// a session resumes only its own search. read reads the one there: its
// identity and its spec, which Differences sets beside this one's in the
// message. what names the search ("calibration").
func WriteIdentity[S any](root, out, name, what, id string, spec S, data []byte, read func(dir string) (string, S, error)) error {
	path := filepath.Join(root, name)
	if _, err := os.Stat(path); err != nil {
		return table.WriteFileAtomic(path, data)
	}
	oldID, oldSpec, err := read(root)
	if err != nil {
		return err
	}
	if oldID != id {
		return &table.DirError{Msg: fmt.Sprintf("%s holds another %s (%s): refusing to mix them; use another -out, or -force to replace the whole directory",
			out, what, strings.Join(Differences(spec, oldSpec), "; "))}
	}
	return nil
}
