package report

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/govsim/govsim/analysis"
	"github.com/govsim/govsim/output/chart"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/table"
	"github.com/govsim/govsim/sim/version"
)

// Sensitivity says what a sensitivity analysis is made of.
type Sensitivity struct {
	Dir       string   // a finished sweep, design lhs, morris or saltelli
	Name      string   // the directory as the user named it, for messages ("": Dir)
	Out       string   // where the analysis is written ("": Dir), as for Comparison
	Metrics   []string // nil: the terminal metrics
	Bootstrap int      // resamples for the intervals
	Version   string   // this govsim; a sweep written by another is refused
	// Build is this binary, named in the report.
	Build version.Info
	// Command is the command making the analysis ("govsim analyze …"); the
	// report lists it after the sweep's own.
	Command []string
	// Font is the charts' font, as for Comparison.
	Font ChartFont
}

// DefaultSensitivityMetrics are the metrics analysed when none are named.
func DefaultSensitivityMetrics() []string {
	var out []string
	for _, m := range sim.Terminal() {
		out = append(out, m.Name)
	}
	return out
}

// sensitivityDesigns are the sweep designs Analyze has indices for.
func sensitivityDesigns() []string { return []string{"lhs", "morris", "saltelli"} }

// SensitivityFiles are the names Analyze writes into a directory.
func SensitivityFiles() []string { return []string{"sensitivity.csv", "charts", "sensitivity.html"} }

// Analyze computes sensitivity indices of a sweep — standardised regression
// and partial rank correlation coefficients for a Latin hypercube, Morris
// elementary effects, or Sobol indices — from its results table (CSV or
// Parquet), writes sensitivity.csv, charts/ and sensitivity.html beside
// it, prints the indices to w, and warns when the design is too small for
// them to be stable.
func Analyze(w io.Writer, s Sensitivity) error {
	d, err := table.OpenSweepDir(s.Dir)
	if err != nil {
		return badInput(fmt.Errorf("%s is not the output of govsim sweep: %w", s.Dir, err))
	}
	spec := d.File.Spec
	if spec.Govsim != s.Version {
		return badInput(fmt.Errorf("%s was written by govsim %s; this is govsim %s: rerun the sweep", s.Dir, spec.Govsim, s.Version))
	}
	if !slices.Contains(sensitivityDesigns(), spec.Design) {
		return badInput(fmt.Errorf("%s holds a %s sweep: sensitivity indices need design %s", s.Dir, spec.Design, strings.Join(sensitivityDesigns(), ", ")))
	}
	if s.Build.Version != "" {
		s.Version = s.Build.String()
	}
	metrics := s.Metrics
	if len(metrics) == 0 {
		metrics = DefaultSensitivityMetrics()
	}
	for _, m := range metrics {
		if !slices.Contains(spec.Metrics, m) {
			return badInput(fmt.Errorf("-metrics: unknown metric %q", m))
		}
	}
	fnt, err := s.Font.orDefault()
	if err != nil {
		return err
	}
	res := analysis.NewResults(len(spec.Points))
	if err := table.ReadSweepResults(s.Dir, &d.File, res.Add); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return badInput(fmt.Errorf("%s has no results table (results.csv or results.parquet: a finished sweep is needed; merge shards first): %w", s.Dir, err))
		}
		return badInput(err)
	}
	out, name := s.Dir, s.Dir
	if s.Out != "" {
		out = s.Out
	}
	if s.Name != "" {
		name = s.Name
	}
	a := &sensitivity{s: s, spec: &spec, pm: res.Means(), out: table.NewCSV(table.SensitivityColumns()),
		tw: tabwriter.NewWriter(w, 0, 0, 2, ' ', 0), cdir: filepath.Join(out, "charts"), warned: map[string][]string{}, font: fnt.Font, fontNote: fnt.Note, looks: looksOf(spec.Scenarios)}
	for _, f := range spec.Factors {
		a.names = append(a.names, f.Key)
	}
	if err := table.MkdirOutput(a.cdir); err != nil {
		return err
	}
	for _, sc := range spec.Scenarios {
		for _, m := range metrics {
			if err := a.analyse(sc.Name, m); err != nil {
				return err
			}
		}
	}
	a.tw.Flush()
	warnings := a.warnings()
	for _, wn := range warnings {
		fmt.Fprintln(w, wrap("warning: "+wn, 100))
	}
	if err := table.WriteFileAtomic(filepath.Join(out, "sensitivity.csv"), a.out.Bytes()); err != nil {
		return err
	}
	if err := a.writeReport(warnings, out); err != nil {
		return err
	}
	fmt.Fprintf(w, "wrote %s, %s and charts/\n", filepath.Join(name, "sensitivity.csv"), filepath.Join(name, "sensitivity.html"))
	return nil
}

// sensitivity is one analysis under way.
type sensitivity struct {
	s        Sensitivity
	spec     *table.SweepSpec
	pm       analysis.PointMeans
	names    []string // the factors' keys
	out      *table.CSV
	tw       *tabwriter.Writer
	cdir     string
	section  Section
	warned   map[string][]string // warning → the scenario/metric pairs it is about, in order
	order    []string
	font     chart.Font
	fontNote string
	looks    looks
}

func (a *sensitivity) row(sc, m, p, method, index string, v, lo, hi float64) {
	a.out.Add(table.Cell{S: sc}, table.Cell{S: m}, table.Cell{S: p}, table.Cell{S: method}, table.Cell{S: index},
		table.Cell{F: v}, table.Cell{F: lo}, table.Cell{F: hi})
}

func (a *sensitivity) warn(msg, sc, m string) {
	if msg == "" {
		return
	}
	if _, ok := a.warned[msg]; !ok {
		a.order = append(a.order, msg)
	}
	a.warned[msg] = append(a.warned[msg], sc+" "+m)
}

// warnings lists each warning once, with what it is about.
func (a *sensitivity) warnings() []string {
	var out []string
	for _, msg := range a.order {
		about := a.warned[msg]
		what := strings.Join(about, ", ")
		if len(about) > 3 {
			what = fmt.Sprintf("%d scenario–metric pairs", len(about))
		}
		out = append(out, fmt.Sprintf("%s (%s)", msg, what))
	}
	return out
}

// analyse computes one scenario's indices for one metric.
func (a *sensitivity) analyse(sc, m string) error {
	y := a.pm[sc][m]
	if y == nil {
		return badInput(fmt.Errorf("the results table has no %s rows for scenario %s", m, sc))
	}
	if constant(y) {
		// Nothing moves it over the design (vote buying that separation has
		// brought to zero, say): a finding, with no index to estimate.
		fmt.Fprintf(a.tw, "%s\t%s\tdoes not vary over the design's points: no parameter moves it\n", sc, m)
		a.warn("the output does not vary over the design, so it has no sensitivity indices", sc, m)
		return nil
	}
	title := fmt.Sprintf("%s — %s", a.looks.of(sc).TextIn(a.font), metricTitle(m))
	var ch Chart
	var err error
	switch a.spec.Design {
	case "morris":
		ch, err = a.morris(sc, m, title, y)
	case "saltelli":
		ch, err = a.sobol(sc, m, title, y)
	case "lhs":
		ch, err = a.regression(sc, m, title, y)
	}
	if err != nil {
		return err
	}
	a.section.Charts = append(a.section.Charts, ch)
	return nil
}

func (a *sensitivity) writeReport(warnings []string, out string) error {
	s, spec := a.s, a.spec
	sweepJSON, err := table.ReadInput(filepath.Join(s.Dir, "sweep.json"), table.MaxManifestBytes)
	if err != nil {
		return err
	}
	method := map[string]string{
		"lhs":      "Latin hypercube sample analysed by regression: standardised regression coefficients (SRC, with the linear fit's R²) and partial rank correlation coefficients (PRCC), with bootstrap 95% intervals over design points (Helton & Davis 2003).",
		"morris":   "Morris (1991) elementary effects with μ* (Campolongo et al. 2007), bootstrap 95% intervals over trajectories; μ*, μ and σ in the metric's display unit per unit of the parameter's range.",
		"saltelli": "Sobol indices by the Saltelli (2010) first-order and Jansen total estimators, bootstrap 95% intervals over base rows.",
	}[spec.Design]
	data := Data{
		Title:  "Sensitivity of outcomes to parameters",
		Kicker: "sensitivity analysis",
		Question: fmt.Sprintf("Which parameters move the outcomes most? %s design over %d parameters (%s), %d design points, %s each; "+
			"each point's outcome is the mean over the final %d months.", spec.Design, len(a.names), strings.Join(a.names, ", "), len(spec.Points), plural(spec.Replicates, "replicate"), spec.Window),
		Replicates: fmt.Sprintf("%s per design point, %d points: %d runs per scenario", plural(spec.Replicates, "replicate"), len(spec.Points), spec.Replicates*len(spec.Points)),
		Seeds:      sweepSeeds(spec),
		Warnings:   warnings,
		Generated:  time.Now().UTC().Format("2006-01-02 15:04 UTC"),
		Version:    s.Version,
		Manifest:   string(sweepJSON),
		Window:     fmt.Sprintf("the final %d months of each run", spec.Window),
		Sections:   []Section{{Title: "Indices", Intro: "One chart for each scenario and metric; each metric is named with the unit its indices are in. " + chartsIntro(spec.Design), Charts: a.section.Charts}},
		Notes:      []string{"sensitivity.csv beside this file holds every index with its bootstrap 95% interval, in the metric's stored unit.", method, a.fontNote},
	}
	if man, err := table.ReadSweepManifest(filepath.Join(s.Dir, "manifest.json")); err == nil && len(man.Command) > 0 {
		data.Commands = append(data.Commands, table.CommandLine(man.Command))
	}
	cmd := s.Command
	if len(cmd) == 0 {
		cmd = []string{"govsim", "analyze", s.Dir}
	}
	data.Commands = append(data.Commands, table.CommandLine(cmd))
	if data.District, err = districtText(spec.Scenarios); err != nil {
		return badInput(err)
	}
	data.Residents = a.residents()
	for _, sc := range spec.Scenarios {
		data.Scenarios = append(data.Scenarios, Scenario{Name: sc.Name, Label: a.looks.of(sc.Name).Text()})
	}
	return WriteFile(filepath.Join(out, "sensitivity.html"), data)
}

// chartsIntro says how to read a design's charts.
func chartsIntro(design string) string {
	switch design {
	case "lhs":
		return "Bars are the standardised regression and partial rank correlation coefficients, with their bootstrap 95% intervals."
	case "morris":
		return "Each point is a parameter: far right, the outcome is sensitive to it; high, through interactions or non-linearity; the bars are μ*'s bootstrap 95% intervals."
	case "saltelli":
		return "Bars are the first-order and total Sobol indices, with their bootstrap 95% intervals."
	}
	return ""
}

// display is a metric's display, for indices in its units.
func display(metric string) sim.Display {
	if m, ok := sim.MetricByName(metric); ok {
		return m.Display
	}
	return sim.Display{Scale: 1, Format: "%.4g"}
}

func finiteAll(xs ...float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

// constant reports whether the finite values of y are all equal.
func constant(y []float64) bool {
	first, seen := 0.0, false
	for _, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		if !seen {
			first, seen = v, true
			continue
		}
		if v != first {
			return false
		}
	}
	return true
}

// metricTitle is a metric's title with its display unit: "Petitions (per
// 1,000/month)"; a name the table does not know is itself.
func metricTitle(name string) string {
	m, ok := sim.MetricByName(name)
	if !ok {
		return name
	}
	switch u := m.Display.Unit; u {
	case "", "-":
		return m.Title
	default:
		return m.Title + " (" + u + ")"
	}
}

// plural writes a count with its noun: "1 replicate", "4 replicates".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// sweepSeeds says which seeds a sweep ran.
func sweepSeeds(spec *table.SweepSpec) string {
	s := fmt.Sprintf("seed %d, design seed %d", spec.Seed, spec.DesignSeed)
	switch spec.Seeds {
	case "common":
		s += "; common random numbers: replicate r has the same seed at every design point"
	case "per-point":
		s += "; each design point has seeds of its own"
	}
	return s
}

// residents says how many people the district starts with (from each
// scenario's configuration: registered villagers and migrants) and, when
// the sweep recorded it, the mean over the design points of the residents
// over the window.
func (a *sensitivity) residents() string {
	var parts []string
	for _, sc := range a.spec.Scenarios {
		d, err := districtOf(sc)
		if err != nil {
			continue
		}
		p := fmt.Sprintf("%s: about %s at month 0 (from the configuration)", sc.Name, people(float64(d.Villages)*d.RegisteredPerUnit*(1+d.MigrantRatio)))
		if y := a.pm[sc.Name][sim.ResidentPeople.Name()]; y != nil {
			sum, n := 0.0, 0
			for _, v := range y {
				if !math.IsNaN(v) {
					sum, n = sum+v, n+1
				}
			}
			if n > 0 {
				p += fmt.Sprintf(", %s over the window (mean over the design points)", people(sum/float64(n)))
			}
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "; ")
}
