package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"gonum.org/v1/plot"

	"github.com/govsim/govsim/analysis"
	"github.com/govsim/govsim/output/chart"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/badinput"
	"github.com/govsim/govsim/sim/table"
	"github.com/govsim/govsim/sim/version"
)

// badInput marks err as a directory or an option the report cannot be
// made from: bad input (exit status 2 on the command line).
func badInput(err error) error { return badinput.Wrap(err) }

// Comparison says what a comparison report is made of.
type Comparison struct {
	Dir        string // output of govsim run or compare
	Name       string // the directory as the user named it, for messages ("": Dir)
	Ref        string // reference scenario
	Window     int    // months at the end summarised
	Maps       Maps   // village maps
	Replicates string // how the replicates were chosen, for the report ("" : the count)
	Version    string // this govsim; a directory written by another is refused
	// Metrics is the metric table the report reads its headline columns,
	// labels and units from; nil means sim's.
	Metrics []sim.Metric
	// Out is where summary.csv, charts/ and report.html are written (""
	// for Dir): a staging directory that replaces Dir whole once the
	// report is complete (sim/outdir's ClaimAnalysis).
	Out string

	// Explore is the directory of an exploratory design (govsim explore)
	// whose shares of the plausible space the pattern section states, and
	// whose page it links; "" for the model's own robustness record.
	Explore string

	man *table.Manifest // the directory's, once read: tables are checked against it
	// Build is this binary, named in the report (Version's release with
	// its commit).
	Build version.Info
	// Command is the command making the report ("govsim report …"); the
	// Reproduce section lists it after the command that made the data,
	// when they differ.
	Command []string
	// Font is the charts' font (ChooseFont); the zero value looks for a
	// Chinese font through fontconfig.
	Font ChartFont

	font  chart.Font // Font's, once chosen
	looks looks      // the manifest's scenarios, as shown
}

// build names this binary for the report.
func (c *Comparison) build() string {
	if c.Build.Version == "" {
		return c.Version
	}
	return c.Build.String()
}

func (c *Comparison) metrics() []sim.Metric {
	if c.Metrics == nil {
		return sim.Metrics()
	}
	return c.Metrics
}

// Maps chooses the village maps: at which months (year ends) and coloured
// by what.
type Maps struct {
	Months []int  // nil: the first and the last year
	By     string // satisfaction, trust or status
}

// ParseMaps checks the -maps and -map-by options.
func ParseMaps(months, by string) (Maps, error) {
	mo := Maps{By: by}
	if _, ok := mapColours()[by]; !ok {
		return mo, badInput(fmt.Errorf("-map-by = %q is not allowed: allowed satisfaction | trust | status", by))
	}
	if months == "" {
		return mo, nil
	}
	for _, f := range strings.Split(months, ",") {
		m, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || m < 0 || m > 1200 || m%12 != 11 {
			return mo, badInput(fmt.Errorf("-maps: %q is not a year-end month: allowed 11, 23, 35, … (villages.csv has yearly rows)", f))
		}
		mo.Months = append(mo.Months, m)
	}
	return mo, nil
}

// CompareFiles are the names Compare writes into a directory.
func CompareFiles() []string { return []string{"summary.csv", "charts", "report.html"} }

// Compare analyses the output of govsim run or compare in c.Dir, writes
// summary.csv, charts/ and report.html beside the data, and prints the
// ranked table and the pattern count to w.
func Compare(w io.Writer, c Comparison) error {
	man, err := table.ReadManifest(c.Dir)
	if err != nil {
		return badInput(err)
	}
	if c.Font, err = c.Font.orDefault(); err != nil {
		return err
	}
	c.font = c.Font.Font
	if man.Govsim != c.Version {
		return badInput(fmt.Errorf("%s was written by govsim %s; this is govsim %s: rerun to compare like with like", c.Dir, man.Govsim, c.Version))
	}
	c.man = &man
	c.looks = looksOf(man.Scenarios)
	d := analysis.NewRuns()
	var metrics []string
	for _, m := range c.metrics() {
		metrics = append(metrics, m.Name)
	}
	if err := table.ReadRunMonthly(c.Dir, &man, metrics, d.Add); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return badInput(fmt.Errorf("%s is not govsim output: %w", c.Dir, err))
		}
		return badInput(err)
	}
	if len(d.Replicates(c.Ref)) == 0 {
		return badInput(fmt.Errorf("reference scenario %q was not run in %s (scenarios: %s); set -ref", c.Ref, c.Dir, strings.Join(d.Scenarios, ", ")))
	}
	window, windowNote := FitWindow(c.Window, d.Months)
	for _, m := range c.Maps.Months {
		if m >= d.Months {
			return badInput(fmt.Errorf("-maps: month %d is past the %d months in %s", m, d.Months, c.Dir))
		}
	}
	from, to := d.Months-window, d.Months
	rows, err := analysis.Compare(d, c.Ref, d.Metrics, from, to, 0.95)
	if err != nil {
		return badInput(err)
	}
	// The charts render while the villages are read for the patterns.
	out := c.Dir
	if c.Out != "" {
		out = c.Out
	}
	cdir := filepath.Join(out, "charts")
	if err := table.MkdirOutput(cdir); err != nil {
		return err
	}
	rend := newRenderer(cdir)
	defer rend.wg.Wait() // on an early return, too
	sections, err := comparisonSections(c, d, rows, from, to, rend)
	if err != nil {
		return err
	}
	var vy map[int][]analysis.VillageYear
	if base := analysis.NoReform; len(d.Replicates(base)) > 0 {
		set := analysis.NewVillageYears(base)
		err := table.ReadRunVillages(c.Dir, &man, sim.VillageMetrics(), base, -1, set.Add)
		switch {
		case err == nil:
			vy = set.ByReplicate()
		case !errors.Is(err, os.ErrNotExist):
			return badInput(err)
		}
	}
	checks := analysis.Patterns(d, vy, from, to, 0.95)

	if err := table.WriteFileAtomic(filepath.Join(out, "summary.csv"), Summary(rows, c.metrics())); err != nil {
		return err
	}
	if err := rend.write(sections); err != nil {
		return err
	}
	note := c.Replicates
	precision := ""
	if man.Precision != nil {
		precision = PrecisionNote(*man.Precision)
		note = fmt.Sprintf("%d per scenario; %s", man.Precision.Replicates, precision)
	}
	if note == "" {
		note = fmt.Sprintf("%d per scenario", len(d.Replicates(c.Ref)))
	}
	data := comparisonData(man, rows, checks, sections, c.Ref, from, to, note, c.build(), sim.HeadlineOf(c.metrics()))
	data.Commands = []string{table.CommandLine(man.Command)}
	if len(c.Command) > 0 && table.CommandLine(c.Command) != data.Commands[0] {
		data.Commands = append(data.Commands, table.CommandLine(c.Command))
	}
	if b := man.Build.String(); man.Build.Version != "" && b != data.Version {
		data.Build = b
	}
	if data.District, err = districtText(man.Scenarios); err != nil {
		return badInput(err)
	}
	data.Residents, data.Seeds = residentsText(d, c.Ref), seedsText(man, c.Ref)
	data.Composite, data.CompositeNote = compositeDefinition(man.Scenarios)
	if err := c.exploreLink(&data); err != nil {
		return err
	}
	data.Notes = append(data.Notes, c.Font.Note)
	if p := man.Posterior; p != nil {
		data.Notes = append([]string{fmt.Sprintf("Each replicate ran at a draw from the posterior of the calibration in %s (%s), the same draw for every scenario of a replicate: the intervals carry the parameters' uncertainty as well as the model's noise.", p.Dir, strings.Join(p.Keys, ", "))}, data.Notes...)
	}
	if windowNote != "" {
		data.Window += fmt.Sprintf(", shortened from the %d months asked for", c.Window)
		data.Notes = append([]string{strings.TrimPrefix(windowNote, "note: ")}, data.Notes...)
	}
	if err := WriteFile(filepath.Join(out, "report.html"), data); err != nil {
		return err
	}
	Ranked(w, sim.TerminalOf(c.metrics()), rows, c.Ref, from, to)
	for _, n := range []string{windowNote, precision} {
		if n != "" {
			fmt.Fprintln(w, wrap(n, 100))
		}
	}
	held, checked, here := 0, 0, 0
	for i, ch := range checks {
		if ch.Skipped == "" {
			checked++
			if ch.Held {
				held++
				if p := data.Patterns[i]; p.RobustPoints > 0 && 2*p.RobustHeld < p.RobustPoints {
					here++
				}
			}
		}
	}
	name := c.Name
	if name == "" {
		name = c.Dir
	}
	hereOnly := ""
	if here > 0 {
		hereOnly = fmt.Sprintf(" (%d only at these settings, not across most of the plausible space)", here)
	}
	fmt.Fprintf(w, "patterns held: %d of %d checked%s; report: %s\n", held, checked, hereOnly, filepath.Join(name, "report.html"))
	return nil
}

// comparisonSections draws the charts of comparisonCharts and starts
// rendering them with rend; rend.write puts them, SVG inline, in the
// sections returned.
func comparisonSections(c Comparison, d *analysis.Runs, rows []analysis.Row, from, to int, rend *renderer) ([]Section, error) {
	// Charts show values in the metric's display unit, as the tables do.
	series := func(m sim.Metric) []chart.Series {
		var out []chart.Series
		k := m.Display.Scale
		for _, s := range d.Scenarios {
			b := d.Band(s, m.Name, 0.95)
			if len(b.Months) == 0 {
				continue
			}
			years := make([]float64, len(b.Months))
			for i, m := range b.Months {
				years[i] = m / 12
			}
			for _, v := range [][]float64{b.Mean, b.Low, b.High} {
				for i := range v {
					v[i] *= k
				}
			}
			look := c.looks.of(s)
			out = append(out, chart.Series{Name: look.TextIn(c.font), Color: look.Color, X: years, Mean: b.Mean, Low: b.Low, High: b.High})
		}
		return out
	}
	var sections []Section
	for _, spec := range comparisonCharts() {
		sec := Section{Title: spec.title, Intro: spec.intro}
		if spec.kind == againstRef {
			sec.Intro = fmt.Sprintf("Difference of each scenario from %s over months %d–%d, with 95%% Welch intervals; a whisker that crosses zero is not a clear difference.", c.Ref, from, to-1)
		}
		for _, id := range spec.metrics {
			m := sim.MetricOf(id)
			if !d.HasMetric(m.Name) {
				continue // a table without it (written by an older govsim, say)
			}
			var p *plot.Plot
			var err error
			name := ""
			switch spec.kind {
			case overTime:
				title := chartTitle(m, c.font)
				if m.Better != sim.Neutral && id == sim.CompositeIndex {
					title += " (" + m.Better.String() + ")"
				}
				name = "ts-" + m.Name
				p, err = chart.TimeSeries(title, "year", m.Display.Unit, series(m), false, chartOptions(c.font)...)
			case atElections:
				name = "el-" + m.Name
				p, err = chart.TimeSeries(chartTitle(m, c.font), "year", m.Display.Unit, series(m), true, chartOptions(c.font)...)
			case againstRef:
				var dots []chart.Dot
				for _, s := range d.Scenarios {
					if s == c.Ref {
						continue
					}
					r, ok := analysis.Find(rows, s, m.Name)
					if !ok || math.IsNaN(r.Diff) {
						continue
					}
					k := m.Display.Scale
					dots = append(dots, chart.Dot{Label: c.looks.of(s).TextIn(c.font), Value: r.Diff * k, Low: r.DiffLow * k, High: r.DiffHigh * k})
				}
				if len(dots) == 0 {
					continue
				}
				name = "diff-" + m.Name
				p, err = chart.DotWhisker(chartTitle(m, c.font)+" against "+c.Ref, "difference in "+strings.ToLower(m.Title[:1])+m.Title[1:]+" ("+m.Display.Unit+")", dots, chartOptions(c.font)...)
			}
			if err != nil {
				return nil, fmt.Errorf("chart %s: %w", m.Name, err)
			}
			rend.add(len(sections), len(sec.Charts), p, name, m.Title)
			sec.Charts = append(sec.Charts, Chart{})
		}
		if spec.kind == villageMaps {
			var err error
			if sec, err = mapSection(c, d, rows, len(sections), rend); err != nil {
				return nil, err
			}
		}
		if len(sec.Charts) > 0 || spec.kind != villageMaps {
			sections = append(sections, sec)
		}
	}
	return sections, nil
}

// renderer renders a report's charts, PNG and SVG, on every core while the
// report goes on reading and drawing (rendering is most of a report's
// time), and writes them when the report has everything: a report that
// fails on its input writes no chart. The files and the page are the same
// as rendered one by one.
type renderer struct {
	dir  string
	sem  chan struct{}
	wg   sync.WaitGroup
	jobs []*chartJob
}

// chartJob is a chart being rendered and its place in the sections.
type chartJob struct {
	sec, slot   int
	name, title string
	svg, png    []byte
	err         error
}

func newRenderer(dir string) *renderer {
	return &renderer{dir: dir, sem: make(chan struct{}, runtime.GOMAXPROCS(0))}
}

// add starts rendering p, the chart for slot of section sec.
func (r *renderer) add(sec, slot int, p *plot.Plot, name, title string) {
	j := &chartJob{sec: sec, slot: slot, name: name, title: title}
	r.jobs = append(r.jobs, j)
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		r.sem <- struct{}{}
		defer func() { <-r.sem }()
		if j.svg, j.err = chart.SVG(p, 16, 9); j.err == nil {
			j.png, j.err = chart.PNG(p, 16, 9)
		}
	}()
}

// write waits for every chart, writes the files and puts each chart in its
// place in sections.
func (r *renderer) write(sections []Section) error {
	r.wg.Wait()
	for _, j := range r.jobs {
		err := j.err
		if err == nil {
			err = chart.Write(r.dir, j.name, j.svg, j.png)
		}
		if err != nil {
			return fmt.Errorf("chart %s: %w", j.name, err)
		}
		sections[j.sec].Charts[j.slot] = Chart{Title: j.title, SVG: template.HTML(j.svg), PNG: filepath.Join("charts", j.name+".png")}
	}
	return nil
}

// mapSection draws the villages of replicate 0 of the reference and of the
// best scenario at the chosen months (default: the first and last years).
func mapSection(c Comparison, d *analysis.Runs, rows []analysis.Row, secIndex int, rend *renderer) (Section, error) {
	label := mapColours()[c.Maps.By]
	sec := Section{Title: "Villages", Intro: "Villages on the plane (the urban core at the centre), coloured by " + label + "; dark rings mark urban communities; the circle is the urban front."}
	months := c.Maps.Months
	if months == nil {
		months = []int{11, d.Months - 1}
	}
	months = dedupeInts(months) // a one-year run's first and last year are one map
	best := ""
	if ranked := analysis.Rank(rows, sim.CompositeIndex.Name()); len(ranked) > 0 {
		best = ranked[0]
	}
	for _, s := range d.Scenarios {
		if s != c.Ref && s != best {
			continue
		}
		rep := d.Replicates(s)[0]
		var vrows []table.VillageRow
		err := table.ReadRunVillages(c.Dir, c.man, sim.VillageMetrics(), s, rep, func(r table.VillageRow) error { vrows = append(vrows, r); return nil })
		if errors.Is(err, os.ErrNotExist) {
			break
		}
		if err != nil {
			return sec, badInput(err)
		}
		front := d.Series(s, rep, sim.UrbanFront.Name())
		for _, month := range months {
			pts := analysis.VillageMap(vrows, month)
			if len(pts) == 0 {
				continue
			}
			mp := make([]chart.MapPoint, len(pts))
			for i, p := range pts {
				mp[i] = chart.MapPoint{X: p.X, Y: p.Y, Value: p.Satisfaction, Community: p.Community}
				switch c.Maps.By {
				case "trust":
					mp[i].Value = p.Trust
				case "status":
					mp[i].Value = 0
					if p.Community {
						mp[i].Value = 1
					}
				}
			}
			u := 0.0
			if month < len(front) && !math.IsNaN(front[month]) {
				u = front[month]
			}
			title := fmt.Sprintf("%s, year %d", c.looks.of(s).TextIn(c.font), month/12+1)
			p, err := chart.VillageMap(title, label, mp, 0, 1, u, chartOptions(c.font)...)
			if err != nil {
				return sec, fmt.Errorf("village map: %w", err)
			}
			rend.add(secIndex, len(sec.Charts), p, fmt.Sprintf("map-%s-%s-%d", c.Maps.By, s, month), title)
			sec.Charts = append(sec.Charts, Chart{})
		}
	}
	return sec, nil
}

func dedupeInts(xs []int) []int {
	var out []int
	for _, x := range xs {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// saveChart writes a chart as PNG and SVG into dir and returns it for a
// report, SVG inline and the PNG linked.
func saveChart(p *plot.Plot, dir, name, title, caption string, w, h float64) (Chart, error) {
	svg, err := chart.SaveSVG(p, dir, name, w, h)
	if err != nil {
		return Chart{}, fmt.Errorf("chart %s: %w", name, err)
	}
	return Chart{Title: title, Caption: caption, SVG: template.HTML(svg), PNG: filepath.Join("charts", name+".png")}, nil
}

// Ranked prints the scenarios ranked by composite_index with the metrics
// ms (sim.Terminal()) as mean ± 95% half-width, within 100 columns.
func Ranked(w io.Writer, ms []sim.Metric, rows []analysis.Row, ref string, from, to int) {
	tw := newTable(w, 1)
	fmt.Fprint(tw, "#\tscenario\t")
	for _, m := range ms {
		fmt.Fprintf(tw, "%s\t", m.Label)
	}
	fmt.Fprintln(tw)
	for i, s := range analysis.Rank(rows, sim.CompositeIndex.Name()) {
		fmt.Fprintf(tw, "%d\t%s\t", i+1, s)
		for _, m := range ms {
			r, _ := analysis.Find(rows, s, m.Name)
			fmt.Fprintf(tw, "%s\t", meanHalf(r.Mean, (r.CIHigh-r.CILow)/2, m.Display))
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	fmt.Fprintf(w, "mean ± 95%% half-width, %s; %s; ref: %s\n", WindowText(from, to), units(ms), ref)
}

// meanHalf formats a mean and its half-width for a terminal table.
func meanHalf(mean, half float64, d sim.Display) string {
	if math.IsNaN(mean) {
		return "—"
	}
	if math.IsNaN(half) {
		return d.Text(mean)
	}
	return d.Text(mean) + "±" + d.Text(half)
}

// units names the units of the columns whose display scales their values,
// once, for the note under a table.
func units(ms []sim.Metric) string {
	var out []string
	for _, m := range ms {
		if m.Display.Scale != 1 {
			out = append(out, m.Label+": "+m.Display.Unit)
		}
	}
	return strings.Join(out, ", ")
}

// comparisonData assembles the report of a comparison.
func comparisonData(man table.Manifest, rows []analysis.Row, checks []analysis.Check, sections []Section, ref string, from, to int, repNote, version string, headline []sim.Metric) Data {
	mj, _ := json.MarshalIndent(man, "", "  ")
	looks := looksOf(man.Scenarios)
	data := Data{
		Title: "Reform packages compared",
		Question: "Which reform package does best on disputes, elections, services, integration and money — by how much, " +
			"how sure are we, and at what fiscal cost? Each scenario was simulated over replicates from the same seeds; " +
			"differences are against the reference scenario with 95% Welch intervals, Holm-adjusted across metrics.",
		Generated:  time.Now().UTC().Format("2006-01-02 15:04 UTC"),
		Version:    version,
		Manifest:   string(mj),
		Reference:  ref,
		Window:     WindowText(from, to),
		Replicates: repNote,
		Sections:   sections,
	}
	for _, ms := range man.Scenarios {
		sc := Scenario{Name: ms.Name, Label: looks.of(ms.Name).Text(), Description: ms.Description}
		for _, s := range ms.Settings {
			sc.Settings = append(sc.Settings, Setting{Key: s.Key, Value: s.Value})
		}
		data.Scenarios = append(data.Scenarios, sc)
	}
	for _, m := range headline {
		data.Columns = append(data.Columns, Column{Metric: m.Name, Label: m.Label, Unit: m.Display.Unit,
			HigherIsBetter: m.Better == sim.HigherIsBetter, Format: m.Display.Format})
	}
	fiscal, comp := sim.FiscalSpending.Name(), sim.CompositeIndex.Name()
	refFiscal, _ := analysis.Find(rows, ref, fiscal)
	refComp, _ := analysis.Find(rows, ref, comp)
	for i, s := range analysis.Rank(rows, comp) {
		rr := RankedRow{Rank: i + 1, Scenario: s, Label: looks.of(s).Text(), CostEffectiveness: "—"}
		for _, m := range headline {
			r, _ := analysis.Find(rows, s, m.Name)
			k := m.Display.Scale
			rr.Cells = append(rr.Cells, Cell{Mean: r.Mean * k, Half: (r.CIHigh - r.CILow) / 2 * k,
				Diff: r.Diff * k, DiffLow: r.DiffLow * k, DiffHigh: r.DiffHigh * k, PHolm: r.PHolm,
				Significant: r.PHolm < 0.05})
		}
		if s != ref {
			fr, _ := analysis.Find(rows, s, fiscal)
			cr, _ := analysis.Find(rows, s, comp)
			ce := analysis.CostEffectiveness(cr.Mean-refComp.Mean, 12*(fr.Mean-refFiscal.Mean))
			if !math.IsNaN(ce) && !math.IsInf(ce, 0) {
				rr.CostEffectiveness = fmt.Sprintf("%+.3f", ce) // the column's header gives the unit
			}
		}
		data.Ranked = append(data.Ranked, rr)
	}
	for _, c := range checks {
		p := Pattern{ID: c.ID, Claim: c.Claim, Held: c.Held, Evidence: c.Evidence, Skipped: c.Skipped, Robustness: c.Robustness}
		for _, r := range analysis.Robustness() {
			if r.ID != c.ID {
				continue
			}
			p.RobustHeld, p.RobustPoints = r.Held, r.Points
			for _, part := range r.Parts {
				if 2*part.Held < r.Points {
					p.RobustWeak = append(p.RobustWeak, fmt.Sprintf("%s held at %d", part.Name, part.Held))
				}
			}
		}
		data.Patterns = append(data.Patterns, p)
	}
	data.Notes = []string{
		"Intervals are 95% Student t intervals over replicates; differences use Welch's t; markers are grey when the Holm-adjusted p-value is 0.05 or more.",
		"Cost-effectiveness is the change in composite_index per 100 million yuan a year of extra district spending against the reference.",
		"summary.csv beside this file has every metric, in the units this report shows (its unit column names them; better says which way is better): " + strings.TrimSuffix(strings.ReplaceAll(table.Header(table.SummaryColumns()), ",", ", "), "\n") + ".",
	}
	return data
}
