package table

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"github.com/BurntSushi/toml"
)

// The tables a report or an analysis reads are checked row by row against
// the manifest of their directory, so that a truncated, duplicated,
// reordered, foreign or out-of-range row stops the analysis at the first
// such row instead of being summarised. govsim writes the rows of each run
// together, runs in the manifest's order, months ascending, and only finite
// values; the checks hold a reader to exactly that.

// TableError is a table that does not match its manifest: bad input (exit
// status 2), naming the file, the line and what is wrong.
type TableError struct{ Msg string }

func (e *TableError) Error() string { return e.Msg }

// BadInput marks the error as bad input for the command line.
func (e *TableError) BadInput() bool { return true }

// runShape is what a run's manifest says about the size of its runs.
type runShape struct{ months, villages int }

// shapes reads the months and villages of every scenario from the
// resolved configurations the manifest holds.
func shapes(m *Manifest) (map[string]runShape, error) {
	out := map[string]runShape{}
	for _, sc := range m.Scenarios {
		var c struct {
			Months   int `toml:"months"`
			District struct {
				Villages int `toml:"villages"`
			} `toml:"district"`
		}
		if _, err := toml.Decode(sc.Config, &c); err != nil || c.Months < 1 || c.Months > maxMonth || c.District.Villages < 1 {
			return nil, &TableError{fmt.Sprintf("manifest.json: scenario %q has no valid configuration (months %d, villages %d): not a manifest of this govsim", sc.Name, c.Months, c.District.Villages)}
		}
		out[sc.Name] = runShape{c.Months, c.District.Villages}
	}
	return out, nil
}

// runCheck follows the rows of one table of a run directory through the
// manifest's runs.
type runCheck struct {
	file    string
	runs    []ManifestRun
	shape   map[string]runShape
	metric  map[string]int // name → bit in seen
	want    func(ManifestRun) bool
	pinned  func(*ManifestRun) int64 // the rows the manifest records for a run of this table
	k       int                      // current run in runs; -1 before the first row
	month   int                      // current month (and village) of the run
	village int
	seen    []bool // metrics seen at the current month (and village)
	rows    int    // rows of the current run
}

func newRunCheck(file string, m *Manifest, metrics []string, want func(ManifestRun) bool, pinned func(*ManifestRun) int64) (*runCheck, error) {
	sh, err := shapes(m)
	if err != nil {
		return nil, err
	}
	for _, r := range m.Runs {
		if _, ok := sh[r.Scenario]; !ok {
			return nil, &TableError{fmt.Sprintf("manifest.json: run %s/%d of a scenario the manifest does not resolve", r.Scenario, r.Replicate)}
		}
	}
	c := &runCheck{file: file, runs: m.Runs, shape: sh, metric: map[string]int{}, want: want, pinned: pinned, k: -1, seen: make([]bool, len(metrics))}
	for i, n := range metrics {
		c.metric[n] = i
	}
	return c, nil
}

func (c *runCheck) fail(line int, format string, a ...any) error {
	return &TableError{fmt.Sprintf("%s:%d: %s", c.file, line, fmt.Sprintf(format, a...))}
}

// next is the index of the next run after k that the reader wants and
// that has rows in the table (a run shorter than a year has no village
// rows).
func (c *runCheck) next(k int) int {
	for k++; k < len(c.runs) && (!c.want(c.runs[k]) || c.pinned(&c.runs[k]) == 0); k++ {
	}
	return k
}

// row checks one row's run, month, village (−1 for district rows),
// metric and value.
func (c *runCheck) row(line int, sc string, rep int, seed uint64, month, village int, metric string, v float64) error {
	id := ManifestRun{Scenario: sc, Replicate: rep, Seed: seed}
	if c.k < 0 || !c.runs[c.k].is(sc, rep, seed) {
		if c.k >= 0 {
			if err := c.endRun(line); err != nil {
				return err
			}
		}
		n := c.next(c.k)
		if n >= len(c.runs) || !c.runs[n].is(sc, rep, seed) {
			expect := "no more runs"
			if n < len(c.runs) {
				expect = "the next is " + runName(c.runs[n])
			}
			return c.fail(line, "a row of run %s (seed %d), which is not the next run of manifest.json (%s): duplicated, reordered or foreign rows", runName(id), seed, expect)
		}
		c.k, c.month, c.village, c.rows = n, -1, -1, 0
	}
	sh := c.shape[sc]
	switch {
	case month < c.month || month == c.month && village < c.village:
		return c.fail(line, "month %d after month %d of run %s: rows out of order or duplicated", month, c.month, runName(id))
	case month >= sh.months:
		return c.fail(line, "month %d is past the %d months of scenario %s in manifest.json", month, sh.months, sc)
	case village >= sh.villages:
		return c.fail(line, "village %d is past the %d villages of scenario %s in manifest.json", village, sh.villages, sc)
	}
	if month != c.month || village != c.village {
		c.month, c.village = month, village
		clear(c.seen)
	}
	i, ok := c.metric[metric]
	switch {
	case !ok:
		return c.fail(line, "unknown metric %q; allowed the metrics of this govsim (govsim help metrics)", metric)
	case c.seen[i]:
		return c.fail(line, "metric %s appears twice for month %d of run %s: duplicated rows", metric, month, runName(id))
	case math.IsNaN(v) || math.IsInf(v, 0):
		return c.fail(line, "value %v is not finite; govsim writes only finite values", v)
	}
	c.seen[i] = true
	c.rows++
	return nil
}

// endRun checks that the current run reached its last month and has the
// rows the manifest records: a month, a metric or a village left out
// within a run changes its count.
func (c *runCheck) endRun(line int) error {
	r := &c.runs[c.k]
	if last := c.shape[r.Scenario].months - 1; c.month != last {
		return c.fail(line, "run %s ends at month %d, not at its last month %d: truncated", runName(*r), c.month, last)
	}
	if want := c.pinned(r); int64(c.rows) != want {
		return c.fail(line, "run %s has %d rows before this line, manifest.json records %d: rows left out or added", runName(*r), c.rows, want)
	}
	return nil
}

// end checks, after the last row, that every run wanted was there.
func (c *runCheck) end() error {
	if c.k >= 0 {
		r := &c.runs[c.k]
		if last := c.shape[r.Scenario].months - 1; c.month != last {
			return &TableError{fmt.Sprintf("%s: the file ends in run %s at month %d, not at its last month %d: truncated", c.file, runName(*r), c.month, last)}
		}
		if want := c.pinned(r); int64(c.rows) != want {
			return &TableError{fmt.Sprintf("%s: run %s, the last, has %d rows, manifest.json records %d: rows left out or added", c.file, runName(*r), c.rows, want)}
		}
	}
	if n := c.next(c.k); n < len(c.runs) {
		return &TableError{fmt.Sprintf("%s: the file ends before run %s of manifest.json: truncated", c.file, runName(c.runs[n]))}
	}
	return nil
}

func runName(r ManifestRun) string { return r.Scenario + "/" + strconv.Itoa(r.Replicate) }

// ReadRunMonthly reads dir/monthly.csv, checks every row against the
// manifest m of the directory (every run of it, in order, whole, no row
// twice, known metrics, months within the scenario's, finite values), and
// calls fn with the rows. metrics are the district metrics allowed.
func ReadRunMonthly(dir string, m *Manifest, metrics []string, fn func(MonthlyRow) error) error {
	parquet := m.Format == FormatParquet
	path := filepath.Join(dir, "monthly."+cmp.Or(m.Format, FormatCSV))
	c, err := newRunCheck(path, m, metrics, func(ManifestRun) bool { return true }, func(r *ManifestRun) int64 { return r.MonthlyRows })
	if err != nil {
		return err
	}
	check := func(line int, row MonthlyRow) error {
		if err := c.row(line, row.Scenario, row.Replicate, row.Seed, row.Month, -1, row.Metric, row.Value); err != nil {
			return err
		}
		return fn(row)
	}
	if parquet {
		// A Parquet table has rows, not lines: errors name the row.
		n := 0
		if err := ReadMonthlyParquet(path, func(row MonthlyRow) error { n++; return check(n, row) }); err != nil {
			return err
		}
		return c.end()
	}
	return readChecked(path, c, func(r io.Reader) error { return readMonthly(r, path, check) })
}

// ReadRunVillages reads the rows of dir's villages table of one scenario (""
// for all) and replicate (−1 for all), checked like ReadRunMonthly's.
func ReadRunVillages(dir string, m *Manifest, metrics []string, scenario string, replicate int, fn func(VillageRow) error) error {
	parquet := m.Format == FormatParquet
	path := filepath.Join(dir, "villages."+cmp.Or(m.Format, FormatCSV))
	c, err := newRunCheck(path, m, metrics, func(r ManifestRun) bool {
		return (scenario == "" || r.Scenario == scenario) && (replicate < 0 || r.Replicate == replicate)
	}, func(r *ManifestRun) int64 { return r.VillageRows })
	if err != nil {
		return err
	}
	check := func(line int, row VillageRow) error {
		if err := c.row(line, row.Scenario, row.Replicate, row.Seed, row.Month, row.Village, row.Metric, row.Value); err != nil {
			return err
		}
		return fn(row)
	}
	if parquet {
		n := 0
		if err := ReadVillagesParquet(path, scenario, replicate, func(row VillageRow) error { n++; return check(n, row) }); err != nil {
			return err
		}
		return c.end()
	}
	return readChecked(path, c, func(r io.Reader) error { return readVillages(r, path, scenario, replicate, check) })
}

// readChecked opens path as input, reads it with read, and checks its end.
func readChecked(path string, c interface{ end() error }, read func(io.Reader) error) error {
	f, _, err := OpenInput(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := read(f); err != nil {
		return err
	}
	return c.end()
}

// resultsCheck follows the rows of a sweep's results table through its
// runs.
type resultsCheck struct {
	file   string
	spec   *SweepSpec
	metric map[string]int
	id     int // current run; -1 before the first row
	seed   uint64
	seen   []bool
}

func (c *resultsCheck) row(line int, r ResultRow) error {
	fail := func(format string, a ...any) error {
		return &TableError{fmt.Sprintf("%s:%d: %s", c.file, line, fmt.Sprintf(format, a...))}
	}
	if r.RunID != c.id {
		if r.RunID != c.id+1 {
			if r.RunID <= c.id {
				return fail("run %d after run %d: rows out of order or duplicated", r.RunID, c.id)
			}
			return fail("run %d after run %d: runs %d to %d are missing", r.RunID, c.id, c.id+1, r.RunID-1)
		}
		if r.RunID >= c.spec.Runs() {
			return fail("run %d is past the sweep's %d runs (sweep.json)", r.RunID, c.spec.Runs())
		}
		c.id, c.seed = r.RunID, r.Seed
		clear(c.seen)
	}
	pt, sc, rep := c.spec.RunKey(r.RunID)
	i, ok := c.metric[r.Metric]
	switch {
	case r.Point != pt || r.Scenario != c.spec.Scenarios[sc].Name || r.Replicate != rep:
		return fail("run %d is point %d, scenario %s, replicate %d in sweep.json, not point %d, scenario %s, replicate %d", r.RunID, pt, c.spec.Scenarios[sc].Name, rep, r.Point, r.Scenario, r.Replicate)
	case r.Seed != c.seed:
		return fail("run %d has two seeds, %d and %d", r.RunID, c.seed, r.Seed)
	case !ok:
		return fail("unknown metric %q; allowed the metrics of sweep.json", r.Metric)
	case c.seen[i]:
		return fail("metric %s appears twice for run %d: duplicated rows", r.Metric, r.RunID)
	case math.IsNaN(r.Value) || math.IsInf(r.Value, 0):
		return fail("value %v is not finite; govsim writes only finite values", r.Value)
	}
	c.seen[i] = true
	return nil
}

func (c *resultsCheck) end() error {
	if n := c.spec.Runs(); c.id != n-1 {
		return &TableError{fmt.Sprintf("%s: the file ends after run %d of the sweep's %d (ids 0 to %d): truncated", c.file, c.id, n, n-1)}
	}
	return nil
}

// ReadSweepResults reads dir/results.csv of the sweep f, checks every row
// against sweep.json (every run in id order, each row with its run's point,
// scenario and replicate, the sweep's metrics at most once per run, finite
// values), and calls fn with the rows.
func ReadSweepResults(dir string, f *SweepFile, fn func(ResultRow) error) error {
	path := filepath.Join(dir, "results.csv")
	parquet := false
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if _, err := os.Stat(filepath.Join(dir, "results.parquet")); err == nil {
			path, parquet = filepath.Join(dir, "results.parquet"), true
		}
	}
	c := &resultsCheck{file: path, spec: &f.Spec, metric: map[string]int{}, id: -1, seen: make([]bool, len(f.Spec.Metrics))}
	for i, m := range f.Spec.Metrics {
		c.metric[m] = i
	}
	var rows int64
	check := func(line int, row ResultRow) error {
		if err := c.row(line, row); err != nil {
			return err
		}
		rows++
		return fn(row)
	}
	var err error
	if parquet {
		n := 0
		if err = ReadResultsParquet(path, func(row ResultRow) error { n++; return check(n, row) }); err == nil {
			err = c.end()
		}
	} else {
		err = readChecked(path, c, func(r io.Reader) error { return readResults(r, path, check) })
	}
	if err != nil {
		return err
	}
	// A run's rows leave out the metrics it never defined, so a table cut
	// within its last run reads as whole: the manifest's count tells.
	mpath := filepath.Join(dir, "manifest.json")
	m, err := ReadSweepManifest(mpath)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &TableError{fmt.Sprintf("%s has no manifest.json beside it, which records its rows: run the sweep's command again to write it", path)}
	case err != nil:
		return err
	case m.SweepID != f.ID:
		return &TableError{fmt.Sprintf("%s is the manifest of another sweep (%s) than sweep.json's (%s)", mpath, short(m.SweepID), short(f.ID))}
	}
	if want, ok := m.Rows[filepath.Base(path)]; !ok || want != rows {
		return &TableError{fmt.Sprintf("%s has %d rows, manifest.json records %d: truncated or damaged", path, rows, want)}
	}
	return nil
}
