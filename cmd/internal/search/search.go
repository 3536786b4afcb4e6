// Package search runs an iterative experiment — one that proposes
// parameter points, learns from their runs and proposes more, as a
// calibration's generations (govsim calibrate) or an optimisation's do —
// as a sequence of sweeps of explicit points, called batches, inside one
// output directory.
//
// # Batches
//
// A batch is an ordinary sweep ([drive.Sweep]): its own directory below
// the search's (gen-2/batch-0, say), its sweep.json naming the points, a
// part per finished run, the tables once every run is present. So a batch
// inherits what every sweep has: finished runs survive kill -9 and a new
// session runs only the rest; shards of one batch (-shard i/n, Slurm, an
// Indexed Job) share its directory and the last to finish assembles it;
// the results are the same bytes for any number of workers, shards or
// sessions; govsim rerun reproduces a batch from its manifest.
//
// The search decides the points; this package runs them and reads them
// back. [Runs.Run] runs a batch (or this process's shard of it), [Existing]
// tells a search that resumes which points a batch already holds, so that
// it takes them as they are rather than proposing again, and [Read] hands
// back every run's part. A search is a pure function of what its batches
// hold: after a crash it reads the batches it finished, resumes the one
// under way, and proposes the rest as it would have.
//
// # Seeds
//
// The runs of a batch take per-point seeds (experiment.SeedsPerPoint) from
// the batch's seed, which the search derives from its own seed and the
// batch's place (BatchSeed): every candidate its own random streams, the
// same wherever and whenever it runs, and the scenarios of one point on
// common random numbers. A search that compares its candidates with one
// another (an optimisation) runs them all on the same streams instead
// (Runs.Seeds = experiment.SeedsCommon and one seed for every batch).
package search

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"github.com/govsim/govsim/cmd/internal/drive"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/experiment"
	"github.com/govsim/govsim/sim/outdir"
	"github.com/govsim/govsim/sim/shard"
	"github.com/govsim/govsim/sim/table"
)

// Runs is what every batch of a search runs, and how.
type Runs struct {
	E drive.Env
	// Scenarios run at every point, each with its own months; Params are
	// the parameters a point sets, in its order, and Factors the same as
	// sweep.json records them (key, kind, range).
	Scenarios []scenarios.Scenario
	Params    []sim.Param
	Factors   []table.SweepFactor
	// Design names what proposes the points ("abc", ...), as sweep.json
	// records it.
	Design     string
	Name       string // the search's name, for sweep.json
	Replicates int
	Workers    int
	Format     string
	Shard      shard.Shard
	Progress   bool
	Overrides  []string // -set, for the manifests
	// Seeds is how a batch's runs take their seeds from Batch.Seed:
	// experiment.SeedsPerPoint (the default, "") gives every point its
	// own streams; experiment.SeedsCommon runs every point on the same
	// streams (common random numbers), so that identical points give
	// identical results in any batch that shares the seed.
	Seeds string
}

// Batch is one sweep of a search.
type Batch struct {
	Name   string      // its directory below the search's, such as "gen-2/batch-0"
	Points [][]float64 // in Runs.Params order
	Seed   uint64      // master seed of its runs, each point seeded from it
}

// Done says what a batch holds after Run.
type Done struct {
	Dir      *table.SweepDir
	Complete bool // every run of the batch is present, its tables assembled
	Ran      int  // runs this session finished
}

// BatchSeed is the master seed of a batch: a hash of the search's seed and
// two numbers that place the batch (a generation and its first
// candidate, say), so that no two batches share streams.
func BatchSeed(seed uint64, a, b int) uint64 {
	return sim.Mix(sim.Mix(seed^0x9b05688c2b3e6c1f) ^ sim.Mix(uint64(a)<<32^uint64(b)))
}

// spec is the batch's sweep as sweep.json records it.
func (r *Runs) spec(b Batch) table.SweepSpec {
	months := 0
	for i := range r.Scenarios {
		if m := r.Scenarios[i].Config.Months; months == 0 || m < months {
			months = m
		}
	}
	s := table.SweepSpec{Govsim: r.E.Build.Version, Name: r.Name + "/" + b.Name, Design: r.Design,
		Replicates: r.Replicates, Seed: b.Seed, DesignSeed: b.Seed, Seeds: cmp.Or(r.Seeds, experiment.SeedsPerPoint),
		Window: months, Monthly: true, Metrics: sim.DistrictMetrics(), Factors: r.Factors,
		Scenarios: scenarios.Manifest(r.Scenarios), Points: b.Points}
	for i := range s.Scenarios { // the sweep's identity, not the scenarios' documentation
		s.Scenarios[i].Description, s.Scenarios[i].Settings = "", nil
	}
	for _, pt := range b.Points { // unit coordinates within each factor's range
		u := make([]table.NullFloat, len(r.Factors))
		for j, f := range r.Factors {
			u[j] = table.NullFloat((pt[j] - f.Min) / (f.Max - f.Min))
		}
		s.Units = append(s.Units, u)
	}
	return s
}

// Run runs this process's shard of batch b in root/b.Name: the runs
// without a part, then the batch's tables if every run is present. It
// refuses a directory holding other points (a different search). An
// interrupted batch returns the *drive.Interrupted of the sweep, its
// finished runs kept.
func (r *Runs) Run(ctx context.Context, root string, b Batch) (Done, error) {
	if len(b.Points) == 0 {
		return Done{}, fmt.Errorf("search: batch %s has no points", b.Name)
	}
	spec := r.spec(b)
	if err := scenarios.CheckPointsMemory(spec.Name, r.Scenarios, r.Params, b.Points, spec.Runs(), r.Workers, true); err != nil {
		return Done{}, err
	}
	file := table.NewSweepFile(spec)
	dir, err := outdir.ClaimSweepDir(filepath.Join(root, b.Name), file,
		outdir.Want{Command: r.E.Args, Version: r.E.Build.Version, Shard: r.Shard, Within: root})
	if err != nil {
		return Done{}, err
	}
	defer dir.Close()
	x := &drive.Sweep{E: r.E, Dir: dir, Spec: &dir.File.Spec, Scs: scenarios.Experiment(r.Scenarios), Params: r.Params,
		Shard: r.Shard, Workers: r.Workers, Format: r.Format, Progress: r.Progress, Overrides: r.Overrides}
	err = x.Run(ctx)
	return Done{Dir: dir.SweepDir, Complete: x.Complete, Ran: x.Finished}, err
}

// Existing returns the points of batch name in root when its directory
// holds a sweep already (nil, false when it does not exist), so that a
// search resuming takes an unfinished batch as it was planned.
func Existing(root, name string) ([][]float64, bool, error) {
	dir := filepath.Join(root, name)
	if _, err := os.Stat(filepath.Join(dir, "sweep.json")); errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	d, err := table.OpenSweepDir(dir)
	if err != nil {
		return nil, false, err
	}
	return d.File.Spec.Points, true, nil
}

// Open opens a finished batch, to Read it.
func Open(root, name string) (*table.SweepDir, error) {
	return table.OpenSweepDir(filepath.Join(root, name))
}

// Read calls fn with every run of a batch whose part is present, in run-id
// order (point-major, then scenario, then replicate); missing is the
// number of runs without a part. The part is reused between calls.
func Read(d *table.SweepDir, fn func(p *table.Part) error) (missing int, err error) {
	var buf []byte
	var p table.Part
	for id := range d.File.Spec.Runs() {
		buf, err = d.ReadPart(id, buf, &p)
		if err != nil {
			var pe *table.PartError
			if errors.As(err, &pe) && errors.Is(pe.Err, fs.ErrNotExist) {
				missing++
				continue
			}
			return missing, err
		}
		if err := fn(&p); err != nil {
			return missing, err
		}
	}
	return missing, nil
}

// SamePoints reports whether two lists of points are equal bit for bit.
func SamePoints(a, b [][]float64) bool {
	return slices.EqualFunc(a, b, func(x, y []float64) bool { return slices.Equal(x, y) })
}

// Assembled reports whether a batch's tables are there: a batch is
// complete when they are (they are assembled only once every run is).
func Assembled(d *table.SweepDir) bool {
	for _, f := range table.Formats() {
		if _, err := os.Stat(filepath.Join(d.Dir, "results."+f)); err == nil {
			return true
		}
	}
	return false
}

// Differences lists, for a message, the fields in which two searches'
// identities (structs of JSON-tagged fields, such as
// table.CalibrationSpec) differ: "particles 200 here, 100 there", or the
// field's name alone when its values are long. Names and descriptions do
// not count.
func Differences(a, b any) []string {
	var out []string
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	t := va.Type()
	for i := range t.NumField() {
		name := strings.Split(t.Field(i).Tag.Get("json"), ",")[0]
		if name == "name" || name == "description" {
			continue
		}
		ja, _ := json.Marshal(va.Field(i).Interface())
		jb, _ := json.Marshal(vb.Field(i).Interface())
		if bytes.Equal(ja, jb) {
			continue
		}
		if len(ja) > 40 || len(jb) > 40 {
			out = append(out, name)
		} else {
			out = append(out, fmt.Sprintf("%s %s here, %s there", name, ja, jb))
		}
	}
	return out
}
