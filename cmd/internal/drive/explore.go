package drive

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim/outdir"
	"github.com/govsim/govsim/sim/shard"
	"github.com/govsim/govsim/sim/table"
)

// Explore runs an exploratory design (govsim explore): its sweep, or a
// shard of it, into Out, and then, once every run is there and no other
// shard shares the directory, its analysis beside the runs (Analyse, under
// an analysis claim of the directory). A directory whose runs are all done
// and assembled is analysed without running or assembling anything again,
// so that the same command finishes what a merge of shards began.
type Explore struct {
	E         Env
	Out       string
	File      table.SweepFile // of Plan
	Want      outdir.Want     // command, version, force and shard of the sweep's claim
	Plan      *scenarios.Plan
	Shard     shard.Shard
	Workers   int
	Format    string
	Progress  bool
	Overrides []string
	// Analyse analyses the sweep in dir and writes the analysis into out
	// (a staging copy of the sweep, whose data are hard links); Writes
	// names the files it writes.
	Analyse func(dir, out string) error
	Writes  []string
	// Analysed is set when the analysis was written.
	Analysed bool
}

// Run runs what is missing, then analyses.
func (x *Explore) Run(ctx context.Context) error {
	dir, err := outdir.ClaimSweepDir(x.Out, x.File, x.Want)
	if err != nil {
		return err
	}
	complete := false
	if x.Shard.Count <= 1 {
		_, _, runs, before, err := dir.Resume(x.Shard)
		if err != nil {
			dir.Close()
			return err
		}
		complete = before == runs && hasResults(dir.Dir)
	}
	if complete {
		fmt.Fprintf(x.E.Stderr, "explore: the %s of %s are done; analysing them\n", Plural(x.File.Runs, "run"), x.Out)
	} else {
		s := &Sweep{E: x.E, Dir: dir, Spec: &dir.File.Spec, Scs: scenarios.Experiment(x.Plan.Sweep.Scenarios), Params: x.Plan.Sweep.Params, Shard: x.Shard,
			Workers: x.Workers, Format: x.Format, Progress: x.Progress, Overrides: x.Overrides}
		if err := s.Run(ctx); err != nil {
			dir.Close()
			return err
		}
		complete = s.Complete
	}
	dir.Close()
	switch {
	case complete && x.Shard.Count > 1:
		fmt.Fprintf(x.E.Stderr, "explore: every run is done; the same command without -shard (and without the shard's environment) writes the analysis into %s\n", x.Out)
		return nil
	case !complete:
		fmt.Fprintf(x.E.Stderr, "explore: once every shard is done and merged into one directory, the same command without -shard, with -out that directory, writes the analysis\n")
		return nil
	}
	// The analysis is built beside the runs and takes their directory's
	// place whole (outdir.Analysis): a killed or failed analysis leaves the
	// previous one, and a new one none of the old files.
	o, err := outdir.ClaimAnalysis(x.Out, []string{outdir.KindSweep}, x.E.Args, "govsim explore analyses the runs it made", x.Writes)
	if err != nil {
		return err
	}
	err = x.Analyse(x.Out, o.Build)
	if err == nil && ctx.Err() != nil {
		err = &outdir.Interrupted{Msg: "interrupted: " + x.Out + " keeps what it held"}
	}
	if err = o.Publish(err); err == nil {
		x.Analysed = true
	}
	return err
}

// hasResults reports whether a sweep directory holds its results table.
func hasResults(dir string) bool {
	for _, name := range []string{"results.csv", "results.parquet"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return true
		} else if !errors.Is(err, fs.ErrNotExist) {
			return false
		}
	}
	return false
}
