package table

import (
	"time"

	"github.com/govsim/govsim/sim"
)

// RunDir is the output directory of govsim run or compare while it is
// written: the rows of finished runs, in run order, the final-window means
// of each run (for the terminal table and adaptive replication) and the
// manifest, all committed together.
type RunDir struct {
	Dir      string
	Manifest Manifest
	// Tails holds, per scenario and run, each district metric's mean over
	// the final window (by sim.MetricID).
	Tails  map[string][][]float64
	files  *Files
	window int
	asked  int
	start  time.Time
}

// CreateRunDir opens dir for runs; man says how they are made (its runs,
// times and completeness are filled in here). window is the months at the
// end that Tails averages.
func CreateRunDir(dir string, man Manifest, window int) (*RunDir, error) {
	if man.Format == "" {
		man.Format = FormatCSV
	}
	files, err := CreateFormat(dir, man.Format, man.Govsim)
	if err != nil {
		return nil, err
	}
	d := &RunDir{Dir: dir, Manifest: man, Tails: map[string][][]float64{}, files: files, window: window, start: time.Now()}
	d.Manifest.Start = d.start.UTC()
	return d, nil
}

// Scenarios are the names of the manifest's scenarios, in order.
func (d *RunDir) Scenarios() []string {
	var out []string
	for _, sc := range d.Manifest.Scenarios {
		out = append(out, sc.Name)
	}
	return out
}

// Ask counts runs asked for, so that Commit can say whether all finished.
func (d *RunDir) Ask(n int) { d.asked += n }

// Asked is the number of runs asked for so far.
func (d *RunDir) Asked() int { return d.asked }

// Rows is the observer that records one run of months months.
func (d *RunDir) Rows(scenario string, replicate int, seed uint64, months int) *RunRows {
	r := NewRunRows(scenario, replicate, seed, sim.DistrictMetrics(), sim.VillageMetrics(), months-d.window)
	if d.Manifest.Format == FormatParquet {
		r.typed = &typedRows{}
	}
	return r
}

// Keep appends a finished run's rows; runs must come in run order.
func (d *RunDir) Keep(r *RunRows) error {
	if err := d.files.Append(r); err != nil {
		return err
	}
	d.Tails[r.Scenario] = append(d.Tails[r.Scenario], r.Tail())
	d.Manifest.Runs = append(d.Manifest.Runs, ManifestRun{Scenario: r.Scenario, Replicate: r.Replicate, Seed: r.Seed,
		MonthlyRows: r.Rows[0], VillageRows: r.Rows[1]})
	return nil
}

// Commit writes the files and the manifest into place; stopped says the
// runs were interrupted, so the manifest records them as incomplete.
func (d *RunDir) Commit(stopped bool) error {
	end := time.Now()
	m := &d.Manifest
	m.End, m.WallSeconds = end.UTC(), end.Sub(d.start).Seconds()
	m.RunsDone = len(m.Runs)
	m.Complete = !stopped && m.RunsDone == d.asked
	m.Replicates = 0
	for _, t := range d.Tails {
		m.Replicates = max(m.Replicates, len(t))
	}
	m.Checksum = m.Sum()
	return d.files.Commit(*m)
}

// Abort removes the temporary files; the directory keeps what it held.
func (d *RunDir) Abort() { d.files.Abort() }
