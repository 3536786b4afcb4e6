package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/govsim/govsim/analysis/explore"
	"github.com/govsim/govsim/analysis/prim"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/badinput"
	"github.com/govsim/govsim/sim/table"
	"github.com/govsim/govsim/sim/version"
)

// Exploration says what the analysis of an exploratory design (govsim
// explore) is made of.
type Exploration struct {
	Dir       string              // a finished sweep of govsim explore
	Out       string              // where the analysis is written ("": Dir), for sim/outdir's staging
	Reference string              // the scenario every other is compared with
	Discover  []explore.Condition // further cases of interest (ParseDiscover)
	Coverage  float64             // the coverage a chosen box must reach (0: 0.5)
	Bootstrap int                 // resamples of the PRCC intervals
	Version   string              // this govsim; a sweep written by another is refused
	Build     version.Info        // this binary, named in the report
	Command   []string            // the command making the analysis
	Font      ChartFont           // the charts' font, as for Comparison
}

// The files the analysis writes beside the sweep. explore.json is written
// last and names the others with their SHA-256: a reader trusts the set
// only when it is there and they match, so that an analysis killed half
// way, or a file replaced since, is never read as whole.
const (
	ExploreRecordName = "explore.json"
	exploreHTML       = "explore.html"
)

// out is where the analysis is written.
func (x Exploration) out() string {
	if x.Out != "" {
		return x.Out
	}
	return x.Dir
}

func exploreFiles() []string {
	return []string{"robustness.csv", "discovery.csv", "drivers.csv", exploreHTML}
}

// ExploreFiles names what the analysis of an exploratory design writes
// beside the runs: a new analysis is staged without them, so none of an
// earlier one's is left (sim/outdir's ClaimAnalysis).
func ExploreFiles() []string { return append(exploreFiles(), "charts", ExploreRecordName) }

// ExploreRecord is explore.json: what was analysed, how, and what the
// comparison report needs of it (the patterns' shares).
type ExploreRecord struct {
	Govsim     string            `json:"govsim_version"`
	SweepID    string            `json:"sweep_id"`
	Command    []string          `json:"command"`
	Reference  string            `json:"reference"`
	Metrics    []string          `json:"metrics"`
	Discover   []string          `json:"discover,omitempty"`
	Coverage   float64           `json:"coverage"`
	Bootstrap  int               `json:"bootstrap"`
	Design     string            `json:"design"` // in words
	Points     int               `json:"points"`
	Parameters int               `json:"parameters"`
	Replicates int               `json:"replicates"`
	Window     int               `json:"window"`
	Ranked     []string          `json:"ranked"` // packages, best first
	Patterns   []ExplorePattern  `json:"patterns"`
	Warnings   []string          `json:"warnings,omitempty"`
	Files      map[string]string `json:"files"` // name → SHA-256 of its content
}

// ExplorePattern is how widely one pattern held over the design.
type ExplorePattern struct {
	ID      string `json:"id"`
	Right   int    `json:"right"`
	Held    int    `json:"held"`
	Points  int    `json:"points"`
	Skipped string `json:"skipped,omitempty"`
}

// ParseDiscover reads -discover conditions (METRIC<THRESHOLD or
// METRIC>THRESHOLD, comma-separated, the flag repeatable) and checks each
// metric against sim's district metrics, which a sweep's results hold: bad
// input naming the flag and what is allowed.
func ParseDiscover(args []string) ([]explore.Condition, error) {
	var out []explore.Condition
	metrics := sim.DistrictMetrics()
	for _, a := range args {
		for _, s := range strings.Split(a, ",") {
			c, err := explore.ParseCondition(s)
			if err != nil {
				return nil, &badinput.Error{File: "-discover", Msg: err.Error()}
			}
			if !slices.Contains(metrics, c.Metric) {
				msg := fmt.Sprintf("unknown metric %q", c.Metric)
				if near := sim.Closest(c.Metric, metrics); near != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", near)
				}
				return nil, &badinput.Error{File: "-discover", Msg: msg + "; allowed METRIC<THRESHOLD or METRIC>THRESHOLD with METRIC one of " + strings.Join(metrics, ", ")}
			}
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out, nil
}

// ExploreMetrics are the metrics packages are judged on: the headline
// metrics of sim's table, each with its direction, the composite index
// (which ranks them) first.
func ExploreMetrics() []explore.Metric {
	var out []explore.Metric
	for _, m := range sim.HeadlineOf(sim.Metrics()) {
		out = append(out, explore.Metric{Name: m.Name, HigherBetter: m.Better == sim.HigherIsBetter})
	}
	return out
}

// Explore analyses the exploratory design in x.Dir (a finished sweep of
// govsim explore, CSV or Parquet): it writes robustness.csv, discovery.csv,
// drivers.csv, charts/explore-*, explore.html and, last, explore.json
// beside the sweep, and prints the packages ranked by how often they beat
// the reference on the composite index, with any warning, to w.
func Explore(w io.Writer, x Exploration) error {
	d, err := table.OpenSweepDir(x.Dir)
	if err != nil {
		return badInput(fmt.Errorf("%s is not the output of govsim explore: %w", x.Dir, err))
	}
	spec := d.File.Spec
	if spec.Govsim != x.Version {
		return badInput(fmt.Errorf("%s was written by govsim %s; this is govsim %s: run govsim explore again into another directory", x.Dir, spec.Govsim, x.Version))
	}
	var names []string
	for _, sc := range spec.Scenarios {
		names = append(names, sc.Name)
	}
	if !slices.Contains(names, x.Reference) {
		return badInput(fmt.Errorf("-ref %q is not among the scenarios of %s: allowed %s", x.Reference, x.Dir, strings.Join(names, ", ")))
	}
	metrics := ExploreMetrics()
	keep := []string{}
	for _, m := range metrics {
		keep = append(keep, m.Name)
	}
	for _, c := range x.Discover {
		keep = append(keep, c.Metric)
	}
	keep = append(keep, explore.PatternMetrics(names)...)
	for _, m := range keep {
		if !slices.Contains(spec.Metrics, m) {
			return badInput(fmt.Errorf("%s has no results for metric %s: was it made by another govsim?", x.Dir, m))
		}
	}
	data := explore.NewData(names, dedupe(keep), len(spec.Points), spec.Replicates)
	if err := table.ReadSweepResults(x.Dir, &d.File, data.Add); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return badInput(fmt.Errorf("%s has no results table (results.csv or results.parquet): every run must be done first, and shards merged: %w", x.Dir, err))
		}
		return badInput(err)
	}
	des := explore.Design{Points: spec.Points}
	for _, f := range spec.Factors {
		des.Params = append(des.Params, f.Key)
		des.Ranges = append(des.Ranges, prim.Range{Low: f.Min, High: f.Max})
	}
	coverage := x.Coverage
	if coverage == 0 {
		coverage = 0.5
	}
	res, err := explore.Analyse(des, data, explore.Options{Reference: x.Reference, Metrics: metrics, Conditions: x.Discover,
		Bootstrap: x.Bootstrap, Seed: spec.Seed, PRIM: prim.Options{Threshold: coverage}})
	if err != nil {
		return err
	}
	patterns := explore.Patterns(data, 0.95)
	fnt, err := x.Font.orDefault()
	if err != nil {
		return err
	}
	// The record goes first, so that a reader never takes the files of an
	// analysis killed half way for a whole one.
	if err := os.Remove(filepath.Join(x.out(), ExploreRecordName)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	e := &exploration{x: x, spec: &spec, res: res, patterns: patterns, font: fnt, looks: looksOf(spec.Scenarios), coverage: coverage}
	files := map[string][]byte{
		"robustness.csv": e.robustnessCSV(),
		"discovery.csv":  e.discoveryCSV(),
		"drivers.csv":    e.driversCSV(),
	}
	for _, name := range exploreFiles()[:3] {
		if err := table.WriteFileAtomic(filepath.Join(x.out(), name), files[name]); err != nil {
			return err
		}
	}
	page, err := e.page()
	if err != nil {
		return err
	}
	if err := table.WriteFileAtomic(filepath.Join(x.out(), exploreHTML), page); err != nil {
		return err
	}
	files[exploreHTML] = page
	if err := e.writeRecord(files); err != nil {
		return err
	}
	e.terminal(w)
	fmt.Fprintf(w, "wrote robustness.csv, discovery.csv, drivers.csv, %s and charts/ to %s\n", exploreHTML, x.Dir)
	return nil
}

// exploration is one analysis under way.
type exploration struct {
	x        Exploration
	spec     *table.SweepSpec
	res      *explore.Result
	patterns []explore.PatternShare
	font     ChartFont
	looks    looks
	coverage float64
}

func (e *exploration) robustnessCSV() []byte {
	c := table.NewCSV(table.RobustnessColumns())
	for _, r := range e.res.Robustness {
		c.Add(table.Cell{S: r.Scenario}, table.Cell{S: r.Metric}, table.Cell{F: r.PBetter}, table.Cell{F: r.PBetterLow}, table.Cell{F: r.PBetterHigh},
			table.Cell{F: r.MeanDiff}, table.Cell{F: r.DiffLow}, table.Cell{F: r.DiffHigh}, table.Cell{F: r.RegretMax}, table.Cell{F: r.RegretP90})
	}
	return c.Bytes()
}

// discoveryCSV writes, for each case of interest, every box of the peeling
// trajectory (box 0 the initial box) and the box reported ("chosen": the
// trajectory's chosen box after pruning and pasting), one row per
// restricted parameter, or one row with no parameter for a box that
// restricts none.
func (e *exploration) discoveryCSV() []byte {
	c := table.NewCSV(table.DiscoveryColumns())
	nan := math.NaN()
	params := e.res.Design.Params
	add := func(d explore.Discovery, name string, b prim.Box) {
		dims := b.Dims()
		if len(dims) == 0 {
			c.Add(table.Cell{S: d.Scenario}, table.Cell{S: d.Label()}, table.Cell{S: name}, table.Cell{F: b.Coverage}, table.Cell{F: b.Density},
				table.Cell{F: b.Mass}, table.Cell{S: ""}, table.Cell{F: nan}, table.Cell{F: nan})
		}
		for _, j := range dims {
			c.Add(table.Cell{S: d.Scenario}, table.Cell{S: d.Label()}, table.Cell{S: name}, table.Cell{F: b.Coverage}, table.Cell{F: b.Density},
				table.Cell{F: b.Mass}, table.Cell{S: params[j]}, table.Cell{F: b.Low[j]}, table.Cell{F: b.High[j]})
		}
	}
	for _, d := range e.res.Discoveries {
		for i, b := range d.Box.Trajectory {
			add(d, fmt.Sprint(i), b)
		}
		if d.Box.Chosen >= 0 {
			add(d, "chosen", d.Box.Box)
		}
	}
	return c.Bytes()
}

func (e *exploration) driversCSV() []byte {
	c := table.NewCSV(table.DriversColumns())
	for _, dr := range e.res.Drivers {
		c.Add(table.Cell{S: dr.Scenario}, table.Cell{S: dr.Metric}, table.Cell{S: dr.Param}, table.Cell{F: dr.PRCC}, table.Cell{F: dr.PRCCLow},
			table.Cell{F: dr.PRCCHigh}, table.Cell{F: dr.KS.D}, table.Cell{F: dr.KS.P})
	}
	return c.Bytes()
}

// writeRecord writes explore.json, naming every file with its SHA-256.
func (e *exploration) writeRecord(files map[string][]byte) error {
	spec, res := e.spec, e.res
	rec := ExploreRecord{Govsim: e.x.Version, SweepID: spec.ID(), Command: e.x.Command, Reference: res.Reference,
		Coverage: e.coverage, Bootstrap: e.x.Bootstrap, Design: e.designText(), Points: len(spec.Points), Parameters: len(spec.Factors),
		Replicates: spec.Replicates, Window: spec.Window, Ranked: res.Ranked(), Warnings: res.Warnings, Files: map[string]string{}}
	for _, m := range res.Metrics {
		rec.Metrics = append(rec.Metrics, m.Name)
	}
	for _, c := range e.x.Discover {
		rec.Discover = append(rec.Discover, c.String())
	}
	for _, p := range e.patterns {
		rec.Patterns = append(rec.Patterns, ExplorePattern{ID: p.ID, Right: p.Right, Held: p.Held, Points: p.Points, Skipped: p.Skipped})
	}
	for name, b := range files {
		h := sha256.Sum256(b)
		rec.Files[name] = hex.EncodeToString(h[:])
	}
	b, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return err
	}
	return table.WriteFileAtomic(filepath.Join(e.x.out(), ExploreRecordName), append(b, '\n'))
}

// Reexplore redoes, in out, the analysis that orig's explore.json records
// (govsim rerun of an exploratory design, whose runs out now holds), with
// the same reference, conditions, coverage and bootstrap, and returns the
// names of the tables to compare with orig's; none when orig holds no
// finished analysis.
func Reexplore(orig, out, version string, build version.Info, command []string) ([]string, error) {
	rec, err := ReadExploreRecord(orig)
	if err != nil {
		return nil, nil
	}
	conds, err := ParseDiscover(rec.Discover)
	if err != nil {
		return nil, badInput(fmt.Errorf("%s: %w", filepath.Join(orig, ExploreRecordName), err))
	}
	err = Explore(io.Discard, Exploration{Dir: out, Reference: rec.Reference, Discover: conds, Coverage: rec.Coverage, Bootstrap: rec.Bootstrap,
		Version: version, Build: build, Command: command, Font: ChartFont{Note: "Charts are labelled in pinyin and English."}})
	if err != nil {
		return nil, err
	}
	return exploreFiles()[:3], nil
}

// ReadExploreRecord reads the explore.json of dir and checks that the
// files it names are there as it wrote them: an error otherwise (none
// there, an analysis that did not finish, or files changed since).
func ReadExploreRecord(dir string) (ExploreRecord, error) {
	var rec ExploreRecord
	b, err := table.ReadInput(filepath.Join(dir, ExploreRecordName), table.MaxManifestBytes)
	if err != nil {
		return rec, err
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		return rec, fmt.Errorf("%s: %w", filepath.Join(dir, ExploreRecordName), err)
	}
	for _, name := range exploreFiles() {
		want, ok := rec.Files[name]
		if !ok {
			return rec, fmt.Errorf("%s does not name %s", filepath.Join(dir, ExploreRecordName), name)
		}
		got, err := table.ReadInput(filepath.Join(dir, name), 1<<30)
		if err != nil {
			return rec, err
		}
		h := sha256.Sum256(got)
		if hex.EncodeToString(h[:]) != want {
			return rec, fmt.Errorf("%s has changed since the analysis that %s records", filepath.Join(dir, name), ExploreRecordName)
		}
	}
	return rec, nil
}

// designText describes the design in a sentence.
func (e *exploration) designText() string {
	spec := e.spec
	return fmt.Sprintf("%s: %d points, %d replicates of each scenario per point on the same seeds, each run's outcomes averaged over its final %d months",
		spec.Description, len(spec.Points), spec.Replicates, spec.Window)
}

// metricOf is a metric's entry in sim's table.
func metricOf(name string) sim.Metric {
	m, _ := sim.MetricByName(name)
	return m
}

// terminal prints the packages ranked by how often they beat the
// reference on the first metric, then the warnings.
func (e *exploration) terminal(w io.Writer) {
	res := e.res
	first := res.Metrics[0]
	dsp := display(first.Name)
	tw := newTable(w, 1)
	fmt.Fprintf(tw, "#\tpackage\tbeats %s on %s\t95%% interval\tmean difference\tregret p90\tregret max\t\n", res.Reference, first.Name)
	rob := robustnessOf(res)
	for i, pkg := range res.Ranked() {
		r := rob[[2]string{pkg, first.Name}]
		fmt.Fprintf(tw, "%d\t%s\t%d of %d (%s)\t[%s, %s]\t%s\t%s\t%s\t\n", i+1, pkg, int(math.Round(r.PBetter*float64(r.Points))), r.Points,
			percent(r.PBetter), percent(r.PBetterLow), percent(r.PBetterHigh), signed(dsp, r.MeanDiff), dsp.Text(r.RegretP90), dsp.Text(r.RegretMax))
	}
	tw.Flush()
	for _, wn := range res.Warnings {
		fmt.Fprintln(w, wrap("warning: "+wn, 100))
	}
}

func robustnessOf(res *explore.Result) map[[2]string]explore.Robustness {
	out := map[[2]string]explore.Robustness{}
	for _, r := range res.Robustness {
		out[[2]string{r.Scenario, r.Metric}] = r
	}
	return out
}

// percent writes a share as a whole percentage ("—" for NaN).
func percent(x float64) string {
	if math.IsNaN(x) {
		return dash
	}
	return fmt.Sprintf("%.0f%%", 100*x)
}

// signed writes a difference in a metric's display unit with its sign.
func signed(d sim.Display, x float64) string {
	if math.IsNaN(x) {
		return dash
	}
	return strings.Replace(d.Diff(x), "-", "−", 1)
}

// generated is the page's timestamp.
func generated() string { return time.Now().UTC().Format("2006-01-02 15:04 UTC") }
