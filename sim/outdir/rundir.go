package outdir

import (
	"context"
	"errors"
	"fmt"

	"github.com/govsim/govsim/sim/table"
)

// Interrupted is a stop after Ctrl-C or SIGTERM that kept what was
// finished, or nothing; the command line exits with status 130.
type Interrupted struct{ Msg string }

func (e *Interrupted) Error() string { return e.Msg }

// Interrupted marks the error for the command line.
func (e *Interrupted) Interrupted() bool { return true }

// RunDir is the output directory of govsim run, compare or rerun, claimed
// while its runs are written: the files of [table.RunDir], in the
// directory or in a staging directory beside it.
type RunDir struct {
	*table.RunDir
	out *Out
}

// ClaimRunDir claims dir (see Claim) for the runs of govsim run, compare
// or rerun described by w, and opens their files where Claim says: in dir,
// or in a staging directory that replaces it when Publish is told the
// result is complete.
func ClaimRunDir(dir string, w Want, man table.Manifest, window int) (*RunDir, error) {
	o, err := Claim(dir, w)
	if err != nil {
		return nil, err
	}
	d, err := table.CreateRunDir(o.Build, man, window)
	if err != nil {
		o.Abort()
		o.Close()
		return nil, err
	}
	return &RunDir{RunDir: d, out: o}, nil
}

// Name is the directory as the user named it.
func (d *RunDir) Name() string { return d.out.Dir }

// Finish writes the files once the runs are over: after Ctrl-C (runErr
// is a context.Canceled) those that finished, marked incomplete, with an
// *Interrupted saying so; after a failure none.
func (d *RunDir) Finish(runErr error) error {
	if runErr != nil && !errors.Is(runErr, context.Canceled) {
		d.Abort()
		return runErr
	}
	if err := d.Commit(runErr != nil); err != nil {
		return err
	}
	if runErr != nil {
		return &Interrupted{fmt.Sprintf("interrupted: kept the %d of %d runs that finished in %s", d.Manifest.RunsDone, d.Asked(), d.Name())}
	}
	return nil
}

// Publish ends a claimed directory after Finish (and whatever the command
// wrote beside the runs, such as a report), given their error: the new
// result takes the directory's place — an interrupted one only if the
// directory held no complete result — or, after a failure, is removed.
// It releases the directory.
func (d *RunDir) Publish(err error) error {
	defer d.out.Close()
	var ie *Interrupted
	if err != nil && !errors.As(err, &ie) {
		d.Abort()
		d.out.Abort()
		return err
	}
	kept, cerr := d.out.Commit(err == nil)
	switch {
	case cerr != nil:
		return errors.Join(err, cerr)
	case kept:
		return &Interrupted{fmt.Sprintf("interrupted: %s keeps its previous complete result; the %d runs that finished were not kept", d.Name(), d.Manifest.RunsDone)}
	}
	return err
}
