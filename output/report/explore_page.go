package report

import (
	"bytes"
	"fmt"
	"html/template"
	"math"
	"path/filepath"
	"slices"
	"strings"

	"gonum.org/v1/plot"

	"github.com/govsim/govsim/analysis/explore"
	"github.com/govsim/govsim/analysis/prim"
	"github.com/govsim/govsim/output/chart"
	"github.com/govsim/govsim/sim/table"
)

// explore.html: one self-contained page, styled as the comparison report
// (its CSS is taken from that page's template, so the two never drift),
// laid out for an advisor first — which package wins across the plausible
// space, in sentences — then the evidence: the ranked table, regret,
// where each package fails (PRIM's trajectory, its box against the ranges,
// what coverage and density mean for it), every package's box in one
// figure, the drivers, the patterns, and how to reproduce it.

// Thresholds of the words the page puts on a share of the plausible
// space: a conclusion that holds at 95% of the points is a finding, one
// that holds at 55% an assumption.
const (
	findingShare = 0.95
)

type exploreView struct {
	Style      template.HTML
	Title      string
	Question   []string
	Meta       []Setting
	Findings   []findingView
	Columns    []string // headline metrics of the shares table, after the first
	Ranked     []exploreRow
	First      string // the first metric's label
	Regret     []chartView
	Failing    []failView
	AllBoxes   []chartView
	Others     []otherBox
	Conditions []conditionView
	Drivers    []driverView
	Warnings   []string
	Patterns   []explorePatternRow
	PatternsOn string
	Commands   []string
	SweepJSON  string
	Notes      []string
	Generated  string
	Version    string
}

type findingView struct {
	Label, Text, Class string
}

type exploreRow struct {
	Rank                                string
	Label, Scenario                     string
	Share, Interval, Diff, DiffInterval string
	RegretP90, RegretMax                string
	Shares                              []shareCell
}

type shareCell struct{ Value, Interval, Class string }

type failView struct {
	Label, Sentence string
	Coverage        string // what coverage and density mean for this box
	Limits          []limitRow
	Charts          []chartView
	Regional        []ksRow
}

type limitRow struct{ Param, Restriction, Range, QuasiP string }

type ksRow struct{ Param, D, P string }

type otherBox struct {
	Label, Metric, Fails, Where, Coverage, Density string
}

type conditionView struct {
	Condition string
	Rows      []otherBox
	Charts    []chartView
}

type driverView struct {
	Label, Note string
	Rows        []driverRow
}

type driverRow struct{ Param, PRCC, Interval, KS, P string }

type explorePatternRow struct{ ID, Claim, Right, Held, Skipped string }

// page renders explore.html and writes its charts.
func (e *exploration) page() ([]byte, error) {
	res, spec := e.res, e.spec
	first := res.Metrics[0]
	fm := metricOf(first.Name)
	refLabel := e.looks.of(res.Reference).Text()
	v := exploreView{Style: template.HTML("<style>" + pageStyle() + "</style>"), Title: "Where does each reform hold?", First: "the " + lowerFirst(fm.Title), Generated: generated(), Version: e.version()}
	v.Question = []string{
		fmt.Sprintf("Which reform package beats %s across everything we are unsure of, and where does it fail? Every scenario ran at each of %d points of a Latin hypercube over %d uncertain parameters, %d replicates per point on the same seeds for every scenario; each outcome is the mean over a run's final %d months, and every comparison is a package's paired difference from %s at a point.",
			refLabel, len(spec.Points), len(spec.Factors), spec.Replicates, spec.Window, refLabel),
		fmt.Sprintf("A conclusion that holds at %.0f%% of the plausible space or more is a finding; one that holds at less is an assumption, true only where the parameters fall, and this page says where.", 100*findingShare),
	}
	v.Meta = []Setting{{"Reference", refLabel}, {"Points", fmt.Sprint(len(spec.Points))}, {"Parameters", fmt.Sprint(len(spec.Factors))},
		{"Replicates", fmt.Sprintf("%d per point", spec.Replicates)}, {"Window", fmt.Sprintf("final %d months", spec.Window)}, {"govsim version", v.Version}}
	rob := robustnessOf(res)
	disc := map[[2]string]explore.Discovery{}
	for _, d := range res.Discoveries {
		if d.Condition == nil {
			disc[[2]string{d.Scenario, d.Metric}] = d
		}
	}
	ranked := res.Ranked()
	for _, m := range res.Metrics[1:] {
		v.Columns = append(v.Columns, metricOf(m.Name).Label)
	}
	dsp := fm.Display
	for i, pkg := range ranked {
		r := rob[[2]string{pkg, first.Name}]
		label := e.looks.of(pkg).Text()
		row := exploreRow{Rank: fmt.Sprint(i + 1), Label: label, Scenario: pkg, Share: fmt.Sprintf("%s (%d of %d)", percent(r.PBetter), wins(r), r.Points),
			Interval: fmt.Sprintf("[%s, %s]", percent(r.PBetterLow), percent(r.PBetterHigh)), Diff: signed(dsp, r.MeanDiff),
			DiffInterval: fmt.Sprintf("[%s, %s]", signed(dsp, r.DiffLow), signed(dsp, r.DiffHigh)), RegretP90: dsp.Text(r.RegretP90), RegretMax: dsp.Text(r.RegretMax)}
		for _, m := range res.Metrics[1:] {
			o := rob[[2]string{pkg, m.Name}]
			row.Shares = append(row.Shares, shareCell{Value: percent(o.PBetter), Interval: fmt.Sprintf("%s–%s", percent(o.PBetterLow), percent(o.PBetterHigh)), Class: shareClass(o.PBetter)})
		}
		v.Ranked = append(v.Ranked, row)
		f := findingView{Label: label, Class: shareClass(r.PBetter)}
		f.Text = e.finding(pkg, r, disc[[2]string{pkg, first.Name}])
		v.Findings = append(v.Findings, f)
	}
	// Regret.
	var bars []chart.RegretBar
	for _, pkg := range ranked {
		r := rob[[2]string{pkg, first.Name}]
		bars = append(bars, chart.RegretBar{Scenario: e.looks.of(pkg), P90: r.RegretP90 * dsp.Scale, Max: r.RegretMax * dsp.Scale})
	}
	if p, err := chart.RegretBars("Regret: "+fm.Title, fmt.Sprintf("shortfall from the best package at a point (%s)", dsp.Unit), bars, chartOptions(e.font.Font)...); err == nil {
		c, err := e.save(p, "explore-regret-"+first.Name, "Regret on the "+lowerFirst(fm.Title),
			fmt.Sprintf("Regret at a point is how far a package falls short of the best package there, %s included (0 where it is the best). The bar reaches the 90th percentile over the points, the tick the largest.", refLabel), 16, 2.6+1.2*float64(len(bars)))
		if err != nil {
			return nil, err
		}
		v.Regret = []chartView{c}
	}
	// Where each package fails on the first metric.
	var all []chart.BoxLimits
	for _, pkg := range ranked {
		d, ok := disc[[2]string{pkg, first.Name}]
		if !ok {
			continue
		}
		fv, err := e.failing(pkg, first.Name, d)
		if err != nil {
			return nil, err
		}
		v.Failing = append(v.Failing, fv)
		if d.Box.Chosen >= 0 && len(d.Box.Box.Dims()) > 0 {
			all = append(all, e.limits(pkg, d.Box.Box))
		}
	}
	if len(all) > 0 {
		params := e.restricted(all)
		if p, err := chart.Boxes("Where each package fails: "+fm.Title, params.names, params.cut(all), chartOptions(e.font.Font)...); err == nil {
			c, err := e.save(p, "explore-boxes-"+first.Name, "Every package's box, against the ranges sampled",
				fmt.Sprintf("Each package's box where it fails to beat %s on %s, one colour a package, on the parameters any box restricts; the grey band is the whole range sampled.", refLabel, fm.Label), 16, 3+1.1*float64(len(params.names)))
			if err != nil {
				return nil, err
			}
			v.AllBoxes = []chartView{c}
		}
	}
	// The other metrics, in a table.
	for _, pkg := range ranked {
		for _, m := range res.Metrics[1:] {
			if d, ok := disc[[2]string{pkg, m.Name}]; ok {
				v.Others = append(v.Others, e.otherRow(pkg, metricOf(m.Name).Label, d, rob[[2]string{pkg, m.Name}].PBetter))
			}
		}
	}
	// Conditions.
	for _, c := range e.x.Discover {
		cv := conditionView{Condition: c.String()}
		var boxes []chart.BoxLimits
		for _, d := range res.Discoveries {
			if d.Condition == nil || *d.Condition != c {
				continue
			}
			row := e.otherRow(d.Scenario, c.String(), d, math.NaN())
			row.Fails = fmt.Sprintf("%s (%d of %d)", percent(float64(d.Cases)/float64(max(d.Points, 1))), d.Cases, d.Points)
			cv.Rows = append(cv.Rows, row)
			if d.Box.Chosen >= 0 && len(d.Box.Box.Dims()) > 0 {
				boxes = append(boxes, e.limits(d.Scenario, d.Box.Box))
			}
		}
		if len(boxes) > 0 {
			params := e.restricted(boxes)
			if p, err := chart.Boxes("Where "+c.String(), params.names, params.cut(boxes), chartOptions(e.font.Font)...); err == nil {
				ch, err := e.save(p, "explore-condition-"+fileSafe(c.String()), "Where "+c.String(),
					"Each scenario's box where the condition holds, against the ranges sampled.", 16, 3+1.1*float64(len(params.names)))
				if err != nil {
					return nil, err
				}
				cv.Charts = []chartView{ch}
			}
		}
		v.Conditions = append(v.Conditions, cv)
	}
	v.Drivers = e.driverTables(ranked, first.Name)
	v.Warnings = res.Warnings
	for _, p := range e.patterns {
		row := explorePatternRow{ID: p.ID, Claim: p.Claim, Skipped: p.Skipped}
		if p.Skipped == "" {
			row.Right = fmt.Sprintf("%s (%d of %d)", percent(float64(p.Right)/float64(p.Points)), p.Right, p.Points)
			row.Held = fmt.Sprintf("%s (%d of %d)", percent(float64(p.Held)/float64(p.Points)), p.Held, p.Points)
		}
		v.Patterns = append(v.Patterns, row)
	}
	v.PatternsOn = fmt.Sprintf("Each pattern was checked at every point as the comparison report checks it, on the point's %d replicates: it pointed the claimed way where every comparison's estimate lay on the claimed side, and held clearly where every 95%% interval did too (with %d replicates an interval is wide: read the first column).", spec.Replicates, spec.Replicates)
	if man, err := table.ReadSweepManifest(filepath.Join(e.x.Dir, "manifest.json")); err == nil && len(man.Command) > 0 {
		v.Commands = append(v.Commands, table.CommandLine(man.Command))
	}
	if cmd := table.CommandLine(e.x.Command); len(e.x.Command) > 0 && !slices.Contains(v.Commands, cmd) {
		v.Commands = append(v.Commands, cmd)
	}
	if b, err := table.ReadInput(filepath.Join(e.x.Dir, "sweep.json"), table.MaxManifestBytes); err == nil {
		v.SweepJSON = string(b)
	}
	v.Notes = []string{
		"robustness.csv beside this page: for each package and headline metric, " + strings.TrimSpace(strings.ReplaceAll(table.Header(table.RobustnessColumns()), ",", ", ")) +
			". p_better is the share of points where the package beats the reference (a tie does not), with its 95% Wilson interval; mean_diff the mean paired difference with its 95% t interval; regret the shortfall from the best package at a point, its largest value and 90th percentile; all in the metric's stored unit.",
		"discovery.csv: " + strings.TrimSpace(strings.ReplaceAll(table.Header(table.DiscoveryColumns()), ",", ", ")) +
			". For each package and metric where it fails to beat the reference (and each -discover condition and scenario): every box of PRIM's peeling trajectory, numbered from 0 (the whole range), and the box reported (box = chosen), one row per restricted parameter.",
		"drivers.csv: " + strings.TrimSpace(strings.ReplaceAll(table.Header(table.DriversColumns()), ",", ", ")) +
			". PRCC of each package's paired difference with each parameter, with bootstrap 95% intervals, and the Kolmogorov–Smirnov distance between the parameter's values where the package beats the reference and where it does not (for a -discover condition, where it holds and where not; no PRCC).",
		fmt.Sprintf("Scenario discovery: PRIM (Friedman & Fisher 1999) as the EMA Workbench runs it (Kwakkel 2017): peeling α = 0.05, pasting α = 0.05, smallest box 5%% of the points; the box shown is the densest on the trajectory covering at least %.0f%% of the cases, then pruned of every limit whose quasi-p-value (Bryant & Lempert 2010) exceeds 0.05 and pasted.", 100*e.coverage),
		"Regional sensitivity: KS is the two-sample Kolmogorov–Smirnov distance (Spear & Hornberger 1980) with an approximate p-value, a screening aid over many parameters, not a test at a sharp threshold.",
		e.font.Note,
	}
	return e.render(v)
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func (e *exploration) version() string {
	if e.x.Build.Version != "" {
		return e.x.Build.String()
	}
	return e.x.Version
}

// wins is the number of points at which a package beat the reference.
func wins(r explore.Robustness) int { return int(math.Round(r.PBetter * float64(r.Points))) }

func shareClass(p float64) string {
	switch {
	case p >= findingShare:
		return "good"
	case p <= 1-findingShare:
		return "bad"
	}
	return "ns"
}

// finding says in words how a package fares on the first metric.
func (e *exploration) finding(pkg string, r explore.Robustness, d explore.Discovery) string {
	res := e.res
	fm := metricOf(res.Metrics[0].Name)
	ref := e.looks.of(res.Reference).Text()
	what := "an assumption: it depends on parameters we are unsure of"
	switch {
	case r.PBetter >= findingShare:
		what = "a finding: it holds across the plausible space"
	case r.PBetter <= 1-findingShare:
		what = "a finding: it fails to hold across the plausible space"
	}
	s := fmt.Sprintf("Beats %s on the %s at %d of %d points: %s of the plausible space (95%% interval %s–%s), %s; mean difference %s [%s, %s].",
		ref, lowerFirst(fm.Title), wins(r), r.Points, percent(r.PBetter), percent(r.PBetterLow), percent(r.PBetterHigh), what,
		signed(fm.Display, r.MeanDiff), signed(fm.Display, r.DiffLow), signed(fm.Display, r.DiffHigh))
	if r.Dropped > 0 {
		s += fmt.Sprintf(" (%d points where the metric was undefined are left out.)", r.Dropped)
	}
	if d.Cases > 0 && d.Cases < d.Points {
		s += " " + e.failSentence(pkg, res.Metrics[0].Name, d)
	}
	return s
}

// failSentence is the one sentence in words on where a package fails.
func (e *exploration) failSentence(pkg, metric string, d explore.Discovery) string {
	m := metricOf(metric)
	ref := e.looks.of(e.res.Reference).Text()
	lead := fmt.Sprintf("%s fails to beat %s on the %s in %s of the space", pkg, ref, lowerFirst(m.Title), percent(float64(d.Cases)/float64(d.Points)))
	b := d.Box.Box
	if d.Box.Chosen < 0 || len(b.Dims()) == 0 {
		return lead + ", and its failures are scattered: no limit on any parameter gathers them (each candidate's quasi-p-value exceeds 0.05)."
	}
	s := fmt.Sprintf("%s, mostly where %s (%d of its %d failures lie there, and %d of the %d points there fail).",
		lead, e.where(b), b.Cases, d.Cases, b.Cases, b.Points)
	if d.Cases < fewCases {
		s += fmt.Sprintf(" With %d failures, read the box as a hint, not a finding.", d.Cases)
	}
	return s
}

// fewCases is the number of cases below which a box is called a hint:
// with fewer, a limit that separates them from the rest may be chance
// even at a small quasi-p-value among the many parameters tried.
const fewCases = 10

// where writes a box's limits in words.
func (e *exploration) where(b prim.Box) string {
	var parts []string
	for _, j := range b.Dims() {
		p := e.res.Design.Params[j]
		switch b.Restricted[j] {
		case prim.AtLeast:
			parts = append(parts, fmt.Sprintf("%s > %s", p, pnum(b.Low[j])))
		case prim.AtMost:
			parts = append(parts, fmt.Sprintf("%s < %s", p, pnum(b.High[j])))
		default:
			parts = append(parts, fmt.Sprintf("%s is between %s and %s", p, pnum(b.Low[j]), pnum(b.High[j])))
		}
	}
	switch len(parts) {
	case 1:
		return parts[0]
	case 2:
		return parts[0] + " and " + parts[1]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

func pnum(x float64) string { return strings.Replace(fmt.Sprintf("%.3g", x), "-", "−", 1) }

// failing is the section on where one package fails on the first metric.
func (e *exploration) failing(pkg, metric string, d explore.Discovery) (failView, error) {
	m := metricOf(metric)
	fv := failView{Label: e.looks.of(pkg).Text()}
	if d.Cases == d.Points {
		fv.Sentence = fmt.Sprintf("%s fails to beat %s on the %s at every point: there is no region to find.", pkg, e.res.Reference, lowerFirst(m.Title))
		return fv, nil
	}
	fv.Sentence = e.failSentence(pkg, metric, d)
	b := d.Box.Box
	base := float64(d.Cases) / float64(d.Points)
	if len(b.Dims()) > 0 {
		fv.Coverage = fmt.Sprintf("Coverage %.2f: of the %d points where %s fails, %d lie in this box. Density %.2f: of the %d points in the box, %d are failures, against %s over the whole space. Mass %.2f: the box holds %s of the points. A box is worth reading when both are high and it restricts few parameters; the trajectory shows the trade: each peel raises density and lowers coverage.",
			b.Coverage, d.Cases, pkg, b.Cases, b.Density, b.Points, b.Cases, percent(base), b.Mass, percent(b.Mass))
		for _, j := range b.Dims() {
			f := e.spec.Factors[j]
			lq := b.LimitQuasiP[j]
			var q []string
			if !math.IsNaN(lq[0]) {
				q = append(q, "lower "+pval(lq[0]))
			}
			if !math.IsNaN(lq[1]) {
				q = append(q, "upper "+pval(lq[1]))
			}
			restr := map[prim.Restriction]string{prim.AtLeast: "≥ " + pnum(b.Low[j]), prim.AtMost: "≤ " + pnum(b.High[j]), prim.Between: pnum(b.Low[j]) + " to " + pnum(b.High[j])}[b.Restricted[j]]
			fv.Limits = append(fv.Limits, limitRow{Param: e.res.Design.Params[j], Restriction: restr, Range: pnum(f.Min) + " to " + pnum(f.Max), QuasiP: strings.Join(q, "; ")})
		}
	}
	var traj []chart.TrajectoryBox
	for _, t := range d.Box.Trajectory {
		traj = append(traj, chart.TrajectoryBox{Coverage: t.Coverage, Density: t.Density, Restricted: len(t.Dims())})
	}
	rep := chart.TrajectoryBox{Coverage: b.Coverage, Density: b.Density, Restricted: len(b.Dims())}
	if p, err := chart.Trajectory("Peeling trajectory: "+pkg, traj, d.Box.Chosen, rep, chartOptions(e.font.Font)...); err == nil {
		c, err := e.save(p, "explore-trajectory-"+pkg+"-"+metric, "Peeling trajectory",
			fmt.Sprintf("Each dot is a box PRIM visited, from the whole space (coverage 1, density %.2f, the share of points where %s fails) inward. Ringed: the densest box covering at least %.0f%% of the failures; cross: that box once pruned of limits that are not significant and pasted.", base, pkg, 100*e.coverage), 16, 10.5)
		if err != nil {
			return fv, err
		}
		fv.Charts = append(fv.Charts, c)
	}
	if len(b.Dims()) > 0 {
		lim := e.limits(pkg, b)
		params := e.restricted([]chart.BoxLimits{lim})
		if p, err := chart.Boxes("Where "+pkg+" fails", params.names, params.cut([]chart.BoxLimits{lim}), chartOptions(e.font.Font)...); err == nil {
			c, err := e.save(p, "explore-box-"+pkg+"-"+metric, "Its box, against the ranges sampled",
				"The limits of the box on each parameter it restricts, within the range sampled.", 16, 3+1.1*float64(len(params.names)))
			if err != nil {
				return fv, err
			}
			fv.Charts = append(fv.Charts, c)
		}
	}
	order := make([]int, len(d.Regional))
	for j := range order {
		order[j] = j
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmpDesc(d.Regional[a].D, d.Regional[b].D) })
	for _, j := range order[:min(5, len(order))] {
		if ks := d.Regional[j]; !math.IsNaN(ks.D) {
			fv.Regional = append(fv.Regional, ksRow{Param: e.res.Design.Params[j], D: fmt.Sprintf("%.2f", ks.D), P: pval(ks.P)})
		}
	}
	return fv, nil
}

// cmpDesc orders larger first, NaN last.
func cmpDesc(a, b float64) int {
	switch {
	case math.IsNaN(a) && math.IsNaN(b):
		return 0
	case math.IsNaN(a):
		return 1
	case math.IsNaN(b):
		return -1
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}

func pval(p float64) string {
	switch {
	case math.IsNaN(p):
		return dash
	case p < 0.001:
		return "p < 0.001"
	}
	return fmt.Sprintf("p = %.3f", p)
}

// otherRow is one line of the table of boxes: a package, a case of
// interest, how often it occurs and where.
func (e *exploration) otherRow(pkg, label string, d explore.Discovery, pBetter float64) otherBox {
	row := otherBox{Label: e.looks.of(pkg).Text(), Metric: label, Where: "everywhere", Coverage: dash, Density: dash}
	if !math.IsNaN(pBetter) {
		row.Fails = percent(1 - pBetter)
	}
	b := d.Box.Box
	switch {
	case d.Cases == 0:
		row.Where = "nowhere"
	case d.Cases == d.Points:
	case len(b.Dims()) == 0:
		row.Where = "scattered: no limit gathers them"
	default:
		row.Where = e.where(b)
		row.Coverage, row.Density = fmt.Sprintf("%.2f", b.Coverage), fmt.Sprintf("%.2f", b.Density)
	}
	return row
}

// driverTables lists, for each package, the parameters that bear most on
// its paired difference from the reference on the first metric.
func (e *exploration) driverTables(ranked []string, metric string) []driverView {
	var out []driverView
	for _, pkg := range ranked {
		var rows []explore.Driver
		for _, dr := range e.res.Drivers {
			if dr.Scenario == pkg && dr.Metric == metric {
				rows = append(rows, dr)
			}
		}
		slices.SortStableFunc(rows, func(a, b explore.Driver) int {
			if c := cmpDesc(math.Abs(a.PRCC), math.Abs(b.PRCC)); c != 0 {
				return c
			}
			return cmpDesc(a.KS.D, b.KS.D)
		})
		dv := driverView{Label: e.looks.of(pkg).Text()}
		rows = slices.DeleteFunc(rows, func(dr explore.Driver) bool { return math.IsNaN(dr.PRCC) && math.IsNaN(dr.KS.D) })
		if len(rows) == 0 {
			dv.Note = "No driver to show: it beats the reference at every point or at none, so no parameter sets its successes apart from its failures, and the design is too small for partial correlations (see the warning above)."
		}
		for _, dr := range rows[:min(8, len(rows))] {
			r := driverRow{Param: dr.Param, PRCC: dash, Interval: dash, KS: dash, P: pval(dr.KS.P)}
			if !math.IsNaN(dr.PRCC) {
				r.PRCC = strings.Replace(fmt.Sprintf("%+.2f", dr.PRCC), "-", "−", 1)
			}
			if !math.IsNaN(dr.PRCCLow) {
				r.Interval = strings.ReplaceAll(fmt.Sprintf("[%+.2f, %+.2f]", dr.PRCCLow, dr.PRCCHigh), "-", "−")
			}
			if !math.IsNaN(dr.KS.D) {
				r.KS = fmt.Sprintf("%.2f", dr.KS.D)
			}
			dv.Rows = append(dv.Rows, r)
		}
		out = append(out, dv)
	}
	return out
}

// limits is a box as the charts draw it: each limit as a share of the
// range sampled (in log space for a log-uniform factor), NaN where the
// box does not restrict the parameter.
func (e *exploration) limits(pkg string, b prim.Box) chart.BoxLimits {
	k := len(e.spec.Factors)
	out := chart.BoxLimits{Scenario: e.looks.of(pkg), Low: make([]float64, k), High: make([]float64, k)}
	for j, f := range e.spec.Factors {
		out.Low[j], out.High[j] = math.NaN(), math.NaN()
		if b.Restricted[j] == prim.Unrestricted {
			continue
		}
		at := func(x float64) float64 {
			if f.Dist == "loguniform" {
				return (math.Log(x) - math.Log(f.Min)) / (math.Log(f.Max) - math.Log(f.Min))
			}
			return (x - f.Min) / (f.Max - f.Min)
		}
		out.Low[j], out.High[j] = at(b.Low[j]), at(b.High[j])
	}
	return out
}

// paramSet is the parameters a set of boxes restricts, in the design's
// order.
type paramSet struct {
	idx   []int
	names []string
}

func (e *exploration) restricted(boxes []chart.BoxLimits) paramSet {
	var s paramSet
	for j, name := range e.res.Design.Params {
		for _, b := range boxes {
			if !math.IsNaN(b.Low[j]) {
				s.idx, s.names = append(s.idx, j), append(s.names, name)
				break
			}
		}
	}
	return s
}

// cut keeps the set's parameters of each box.
func (s paramSet) cut(boxes []chart.BoxLimits) []chart.BoxLimits {
	out := make([]chart.BoxLimits, len(boxes))
	for i, b := range boxes {
		out[i] = chart.BoxLimits{Scenario: b.Scenario}
		for _, j := range s.idx {
			out[i].Low, out[i].High = append(out[i].Low, b.Low[j]), append(out[i].High, b.High[j])
		}
	}
	return out
}

// fileSafe turns a condition into a file name's part.
func fileSafe(s string) string {
	return strings.NewReplacer("<", "-below-", ">", "-above-", "/", "-", " ", "").Replace(s)
}

// save writes a chart under charts/ and returns it for the page.
func (e *exploration) save(p *plot.Plot, name, title, caption string, w, h float64) (chartView, error) {
	c, err := saveChart(p, filepath.Join(e.x.out(), "charts"), name, title, caption, w, h)
	if err != nil {
		return chartView{}, err
	}
	if err := checkSVG(c.SVG); err != nil {
		return chartView{}, fmt.Errorf("chart %s: %w", name, err)
	}
	return chartView{Title: c.Title, Caption: c.Caption, SVG: c.SVG, PNG: relativeLink(c.PNG)}, nil
}

func (e *exploration) render(v exploreView) ([]byte, error) {
	t, err := template.New("explore").Parse(explorePage)
	if err != nil {
		return nil, fmt.Errorf("report: explore template: %w", err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, v); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	return b.Bytes(), nil
}
