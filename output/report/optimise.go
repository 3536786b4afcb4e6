package report

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/govsim/govsim/output/chart"
	"github.com/govsim/govsim/sim/table"
	"gonum.org/v1/plot"
)

// OptimisationReport says which optimisation to report on.
type OptimisationReport struct {
	Dir     string // an optimisation directory with its tables written
	Name    string // the directory as the user named it, for messages
	Version string // this govsim
	Command []string
	// Reference is the hypervolume's reference point in every objective,
	// in objectives scaled so that generation 0 spans [0, 1].
	Reference float64
	Font      ChartFont
}

// OptimisationResult is what an optimisation directory's tables say.
type OptimisationResult struct {
	Spec        table.OptimisationSpec
	Generations []OptGeneration
	Evaluated   []OptPackage // every package evaluated, by number
	Front       []OptPackage // pareto.csv, best first on the first objective
}

// OptGeneration is one row of generations.csv.
type OptGeneration struct {
	Generation, Candidates, Packages, Runs, Feasible, Front int
	Hypervolume                                             float64
}

// OptPackage is one package: its measures (the objectives', then the
// constraints') as means over replicates with 95% t intervals.
type OptPackage struct {
	Number, Generation int
	Adaptive, Feasible bool
	Decisions          []string // as the tables write them; "" where one does not matter
	Mean, Low, High    []float64
	Violation          float64
	Text               string // the package in words
}

// ReadOptimisation reads an optimisation directory's tables.
func ReadOptimisation(dir string) (*OptimisationResult, error) {
	f, err := table.ReadOptimisation(dir)
	if err != nil {
		return nil, err
	}
	r := &OptimisationResult{Spec: f.Spec}
	var dn, mn []string
	for _, d := range f.Spec.Decisions {
		dn = append(dn, d.Name)
	}
	for _, m := range f.Spec.Measures() {
		mn = append(mn, m.Name)
	}
	nd, nm := len(dn), len(mn)
	err = table.ReadOptimisationTable(dir, table.GenerationsCSV, table.OptimisationGenerationsColumns(), func(row []table.Cell) error {
		r.Generations = append(r.Generations, OptGeneration{Generation: int(row[0].I), Candidates: int(row[1].I), Packages: int(row[2].I),
			Runs: int(row[3].I), Feasible: int(row[4].I), Front: int(row[5].I), Hypervolume: row[6].F})
		return nil
	})
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	err = table.ReadOptimisationTable(dir, table.EvaluationsCSV, table.EvaluationsColumns(dn, mn), func(row []table.Cell) error {
		if seen[row[2].I] {
			return nil
		}
		seen[row[2].I] = true
		p := OptPackage{Number: int(row[2].I), Generation: int(row[0].I)}
		for k := range nm {
			m, h := row[3+nd+2*k].F, row[4+nd+2*k].F
			p.Mean, p.Low, p.High = append(p.Mean, m), append(p.Low, m-h), append(p.High, m+h)
		}
		p.Violation, p.Feasible = row[3+nd+2*nm].F, row[4+nd+2*nm].I == 1
		r.Evaluated = append(r.Evaluated, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = table.ReadOptimisationTable(dir, table.ParetoCSV, table.ParetoColumns(dn, mn), func(row []table.Cell) error {
		p := OptPackage{Number: int(row[0].I), Generation: int(row[1].I), Adaptive: row[2].S == "adaptive"}
		for i := range nd {
			p.Decisions = append(p.Decisions, row[3+i].S)
		}
		for k := range nm {
			c := row[3+nd+3*k:]
			p.Mean, p.Low, p.High = append(p.Mean, c[0].F), append(p.Low, c[1].F), append(p.High, c[2].F)
		}
		rest := row[3+nd+3*nm:]
		p.Violation, p.Feasible, p.Text = rest[0].F, rest[1].I == 1, rest[2].S
		r.Front = append(r.Front, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(r.Generations) == 0 || len(r.Front) == 0 {
		return nil, &table.TableError{Msg: fmt.Sprintf("%s: no generation or no package on the front: not a finished optimisation", dir)}
	}
	return r, nil
}

// Optimisation writes optimise.html and charts/ into an optimisation's
// directory from its tables, and prints the front to w.
func Optimisation(w io.Writer, o OptimisationReport) error {
	r, err := ReadOptimisation(o.Dir)
	if err != nil {
		return err
	}
	fnt, err := o.Font.orDefault()
	if err != nil {
		return err
	}
	r.terminal(w)
	page, err := r.page(o, fnt)
	if err != nil {
		return err
	}
	if err := table.WriteFileAtomic(filepath.Join(o.Dir, table.OptimiseHTML), page); err != nil {
		return err
	}
	fmt.Fprintf(w, "wrote %s and charts/ beside %s, %s and %s in %s\n", table.OptimiseHTML, table.ParetoCSV, table.EvaluationsCSV, table.GenerationsCSV, o.Name)
	return nil
}

// measureText is a measure's mean with its interval, as the views show it.
func measureText(mean, low, high float64) string {
	if math.IsNaN(low) {
		return calNum(mean)
	}
	return fmt.Sprintf("%s [%s, %s]", calNum(mean), calNum(low), calNum(high))
}

func packageType(p OptPackage) string {
	if p.Adaptive {
		return "adaptive"
	}
	return "fixed"
}

// terminal prints the front as a table.
func (r *OptimisationResult) terminal(w io.Writer) {
	last := r.Generations[len(r.Generations)-1]
	fmt.Fprintf(w, "front: %d packages (%d adaptive) of %d evaluated; hypervolume %.4f (generation 0: %.4f)\n",
		len(r.Front), r.adaptive(), len(r.Evaluated), last.Hypervolume, r.Generations[0].Hypervolume)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := "package\ttype\t"
	for _, m := range r.Spec.Measures() {
		head += m.Name + "\t"
	}
	fmt.Fprintln(tw, head+"package in words")
	for _, p := range r.Front {
		line := fmt.Sprintf("%d\t%s\t", p.Number, packageType(p))
		for k := range p.Mean {
			line += measureText(p.Mean[k], p.Low[k], p.High[k]) + "\t"
		}
		fmt.Fprintln(tw, line+p.Text)
	}
	tw.Flush()
}

func (r *OptimisationResult) adaptive() int {
	n := 0
	for _, p := range r.Front {
		if p.Adaptive {
			n++
		}
	}
	return n
}

// optView is the page's content, every number formatted.
type optView struct {
	Title, Generated, Version string
	Style                     template.CSS
	Question, Findings        []string
	Meta                      []Setting
	Measures                  []optMeasure
	Front                     []optRow
	Gens                      []optGenView
	Sections                  []sectionView
	Commands                  []string
	Identity                  string
	Notes                     []string
}

type optMeasure struct{ Name, What string }

type optRow struct {
	Number, Type, Class, Text string
	Values                    []string
	Feasible                  bool
}

type optGenView struct {
	Generation, Candidates, Packages, Runs, Feasible, Front, Hypervolume string
}

// goalWord says what an objective asks for.
func goalWord(o table.Objective) string {
	if o.Goal == table.Maximise {
		return "maximise"
	}
	return "minimise"
}

// measureWhat describes a measure for the page: its goal or bound, unit
// and window.
func measureWhat(m table.Measure, role string) string {
	t := m.Target()
	s := fmt.Sprintf("%s: %s, %s, %s", role, t.Formula(), m.Unit, t.Window())
	if m.What != "" {
		s = m.What + " — " + s
	}
	return s
}

// page renders optimise.html and writes the charts.
func (r *OptimisationResult) page(o OptimisationReport, fnt ChartFont) ([]byte, error) {
	spec := &r.Spec
	v := optView{Title: "Optimisation: " + spec.Name, Generated: time.Now().UTC().Format("2006-01-02 15:04 UTC"), Version: o.Version}
	v.Style = template.CSS(pageStyle())
	var objs []string
	for _, ob := range spec.Objectives {
		objs = append(objs, goalWord(ob)+" "+ob.Name)
	}
	q := fmt.Sprintf("Which reform packages are the best trade-offs? Each package changes %s by the reforms and policies its decisions choose; NSGA-II searched them to %s", spec.Base.Name, joinWords(objs))
	if len(spec.Constraints) > 0 {
		var cons []string
		for _, c := range spec.Constraints {
			cons = append(cons, fmt.Sprintf("%s %s %s %s", c.Name, map[string]string{table.Maximise: "≤", table.Minimise: "≥"}[c.Bound], calNum(c.Limit), c.Unit))
		}
		q += ", within " + joinWords(cons)
	}
	v.Question = []string{q + ". The front holds the packages no other beats on every objective at once: choosing among them is a choice between the objectives, not a calculation."}
	var runs int
	for _, g := range r.Generations {
		runs += g.Runs
	}
	v.Meta = []Setting{{"Base", spec.Base.Name}, {"Population", fmt.Sprint(spec.Population)}, {"Generations", fmt.Sprint(len(r.Generations))},
		{"Packages run", fmt.Sprint(len(r.Evaluated))}, {"Runs", fmt.Sprint(runs)}, {"Replicates", fmt.Sprint(spec.Replicates)}, {"Seed", fmt.Sprint(spec.Seed)}}
	v.Findings = r.findings(runs)
	for i, m := range spec.Measures() {
		role := "constraint"
		if i < len(spec.Objectives) {
			role = goalWord(spec.Objectives[i])
		} else {
			c := spec.Constraints[i-len(spec.Objectives)]
			role = fmt.Sprintf("constraint %s %s", map[string]string{table.Maximise: "≤", table.Minimise: "≥"}[c.Bound], calNum(c.Limit))
		}
		v.Measures = append(v.Measures, optMeasure{Name: m.Name, What: measureWhat(m, role)})
	}
	for _, p := range r.Front {
		row := optRow{Number: fmt.Sprint(p.Number), Type: packageType(p), Text: p.Text, Feasible: p.Feasible}
		row.Class = map[bool]string{true: "adaptive", false: "fixed"}[p.Adaptive]
		for k := range p.Mean {
			row.Values = append(row.Values, measureText(p.Mean[k], p.Low[k], p.High[k]))
		}
		v.Front = append(v.Front, row)
	}
	for _, g := range r.Generations {
		v.Gens = append(v.Gens, optGenView{Generation: fmt.Sprint(g.Generation), Candidates: fmt.Sprint(g.Candidates), Packages: fmt.Sprint(g.Packages),
			Runs: fmt.Sprint(g.Runs), Feasible: fmt.Sprint(g.Feasible), Front: fmt.Sprint(g.Front), Hypervolume: fmt.Sprintf("%.4f", g.Hypervolume)})
	}
	secs, err := r.charts(o, fnt)
	if err != nil {
		return nil, err
	}
	for i, s := range secs {
		sv := sectionView{ID: fmt.Sprintf("charts-%d", i+1), Title: s.Title, Intro: s.Intro}
		for _, ch := range s.Charts {
			if err := checkSVG(ch.SVG); err != nil {
				return nil, fmt.Errorf("chart %q: %w", ch.Title, err)
			}
			sv.Charts = append(sv.Charts, chartView{Title: ch.Title, Caption: ch.Caption, SVG: ch.SVG, PNG: relativeLink(ch.PNG)})
		}
		v.Sections = append(v.Sections, sv)
	}
	if len(o.Command) > 0 {
		v.Commands = []string{table.CommandLine(o.Command)}
	}
	id, _ := table.ReadInput(filepath.Join(o.Dir, table.OptimisationJSON), table.MaxManifestBytes)
	v.Identity = string(id)
	v.Notes = []string{
		fmt.Sprintf("Method: NSGA-II (Deb, Pratap, Agarwal & Meyarivan 2002) with Deb's constrained domination (Deb 2000): generation 0 is a Latin hypercube over the decisions; each later generation makes %d children by binary tournaments, simulated binary crossover and polynomial mutation (integers rounded; choices by uniform crossover and reset), and keeps the best %d of parents and children by non-dominated rank and crowding distance.", spec.Population, spec.Population),
		fmt.Sprintf("Each package ran %d replicate(s), every package on the same seeds (common random numbers), so that packages differ by what they do rather than by their luck; a candidate that proposed a package already run took its results. An objective or constraint is the mean over replicates of a run's summary; the intervals are 95%% t intervals over the replicates. These are the best packages for the luck of those replicates: govsim explore -packages on this directory tests them over the plausible parameter space.", spec.Replicates),
		"Objectives and constraints are in each metric's display unit, as govsim's tables show them (fiscal spending in M yuan/year of the simulated district; a measure marked district is scaled to the whole district). A constraint's violation is its excess over the limit relative to the limit; an infeasible package ranks below every feasible one.",
		fmt.Sprintf("Hypervolume: of the front of every package evaluated so far, in objectives scaled so that generation 0's feasible packages span [0, 1] in each (maximised objectives negated), up to the reference point %g in every objective; the scaling is fixed by generation 0, so the values of all generations compare. It grows as the front advances and spreads.", o.Reference),
		"A package is fixed when every reform in it starts at a month, adaptive when one starts in each unit once a signal there crosses its threshold (Dynamic Adaptive Policy Pathways' signposts and triggers, Haasnoot et al. 2013).",
		fmt.Sprintf("Beside this file: %s (the front, each package in words and its decisions), %s (every candidate), %s, and %s/ (the base and each front package as a scenario file: govsim run or compare them, or govsim explore -packages this directory). Each generation's runs are a sweep in gen-G/.", table.ParetoCSV, table.EvaluationsCSV, table.GenerationsCSV, table.PackagesDir),
		fnt.Note,
	}
	t, err := template.New("optimise").Parse(optimisePage)
	if err != nil {
		return nil, fmt.Errorf("report: template: %w", err)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, v); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	return buf.Bytes(), nil
}

// findings says in words what the optimisation found.
func (r *OptimisationResult) findings(runs int) []string {
	spec := &r.Spec
	first, last := r.Generations[0], r.Generations[len(r.Generations)-1]
	out := []string{fmt.Sprintf("%d generations of %d candidates: %d packages run, %d runs.", len(r.Generations), spec.Population, len(r.Evaluated), runs)}
	feasible := 0
	for _, p := range r.Front {
		if p.Feasible {
			feasible++
		}
	}
	if feasible == 0 {
		out = append(out, "No package evaluated meets every constraint: the front lists those that miss them least. Loosen a constraint, or let the decisions reach further.")
	} else {
		out = append(out, fmt.Sprintf("The front holds %d packages, %d fixed and %d adaptive: for each, no other package evaluated is at least as good on every objective and better on one.", len(r.Front), len(r.Front)-r.adaptive(), r.adaptive()))
	}
	for k, ob := range spec.Objectives {
		best := slices.MinFunc(r.Front, func(a, b OptPackage) int {
			x, y := a.Mean[k], b.Mean[k]
			if ob.Goal == table.Maximise {
				x, y = -x, -y
			}
			return cmpFloat(x, y)
		})
		word := map[string]string{table.Maximise: "Highest", table.Minimise: "Lowest"}[ob.Goal]
		out = append(out, fmt.Sprintf("%s %s on the front: package %d (%s, %s), %s: %s.", word, ob.Name, best.Number,
			measureText(best.Mean[k], best.Low[k], best.High[k]), ob.Unit, packageType(best), best.Text))
	}
	h := fmt.Sprintf("The front's hypervolume went from %.4f after generation 0 to %.4f after generation %d", first.Hypervolume, last.Hypervolume, last.Generation)
	if n := len(r.Generations); n >= 4 {
		before := r.Generations[n-4].Hypervolume
		gain := last.Hypervolume - before
		if before > 0 && gain/before < 0.01 {
			h += fmt.Sprintf("; it rose by less than 1%% over the last three generations: the search has settled")
		} else {
			h += fmt.Sprintf("; it was still rising over the last three generations (by %.4f): more generations (-generations) may find better packages", gain)
		}
	}
	out = append(out, h+".")
	return out
}

// charts draws the report's charts into dir/charts.
func (r *OptimisationResult) charts(o OptimisationReport, fnt ChartFont) ([]Section, error) {
	cdir := filepath.Join(o.Dir, "charts")
	if err := os.MkdirAll(cdir, 0o755); err != nil {
		return nil, err
	}
	opts := []chart.Option{chart.WithFont(fnt.Font)}
	add := func(sec *Section, name, title, caption string, build func() (*plot.Plot, error)) error {
		p, err := build()
		if err != nil {
			return err
		}
		svg, err := chart.SaveSVG(p, cdir, name, chart.DefaultWidthCM, chart.DefaultHeightCM)
		if err != nil {
			return err
		}
		sec.Charts = append(sec.Charts, Chart{Title: title, Caption: caption, SVG: template.HTML(svg), PNG: filepath.Join("charts", name+".png")})
		return nil
	}
	sec := Section{Title: "The front", Intro: "Every package evaluated; the front's packages that no other beats in the two objectives shown numbered as in the table above."}
	if x, y, c, ok := r.axes(); ok {
		objs := r.Spec.Objectives
		label := func(k int) string { return fmt.Sprintf("%s (%s; %s)", objs[k].Name, objs[k].Unit, goalWord(objs[k])) }
		var col chart.Colour
		if c >= 0 {
			col = chart.Colour{Label: objs[c].Name, Lo: math.Inf(1), Hi: math.Inf(-1)}
			for _, p := range r.Front {
				if !math.IsNaN(p.Mean[c]) {
					col.Lo, col.Hi = min(col.Lo, p.Mean[c]), max(col.Hi, p.Mean[c])
				}
			}
			if math.IsInf(col.Lo, 0) {
				col = chart.Colour{}
			}
		}
		front := map[int]OptPackage{}
		for _, p := range r.Front {
			front[p.Number] = p
		}
		// Numbers go on the packages no other beats in the two objectives
		// shown: with three, the others would crowd them.
		sign := func(k int) float64 { return map[bool]float64{true: -1, false: 1}[objs[k].Goal == table.Maximise] }
		beaten := func(p OptPackage) bool {
			px, py := sign(x)*p.Mean[x], sign(y)*p.Mean[y]
			for _, q := range r.Front {
				qx, qy := sign(x)*q.Mean[x], sign(y)*q.Mean[y]
				if qx <= px && qy <= py && (qx < px || qy < py) {
					return true
				}
			}
			return false
		}
		var pts []chart.FrontPoint
		for _, p := range r.Evaluated {
			if f, on := front[p.Number]; on {
				q := chart.FrontPoint{X: f.Mean[x], Y: f.Mean[y], C: math.NaN(), Front: true, Adaptive: f.Adaptive}
				if !beaten(f) {
					q.Label = fmt.Sprint(f.Number)
				}
				if c >= 0 {
					q.C = f.Mean[c]
				}
				pts = append(pts, q)
			} else if p.Feasible {
				pts = append(pts, chart.FrontPoint{X: p.Mean[x], Y: p.Mean[y]})
			}
		}
		spaceLabels(pts)
		caption := fmt.Sprintf("%s against %s for every feasible package evaluated (grey) and the front's (large: circles fixed, triangles adaptive)", objs[y].Name, objs[x].Name)
		if col.Label != "" {
			caption += fmt.Sprintf(", coloured by %s from %s (dark) to %s (yellow)", objs[c].Name, calNum(col.Lo), calNum(col.Hi))
		}
		if len(objs) > 2 {
			caption += "; with more than two objectives a package may lie on the front though others beat it in the two shown"
		}
		if err := add(&sec, "front", objs[y].Name+" against "+objs[x].Name, caption+".", func() (*plot.Plot, error) {
			return chart.Front("The front", label(x), label(y), col, pts, opts...)
		}); err != nil {
			return nil, err
		}
	}
	hv := make([]float64, len(r.Generations))
	for i, g := range r.Generations {
		hv[i] = g.Hypervolume
	}
	if err := add(&sec, "hypervolume", "Hypervolume by generation",
		fmt.Sprintf("The hypervolume of the front of every package evaluated up to each generation, in objectives scaled by generation 0's ranges, up to %g in each: it rises as the front advances and spreads, and levels off as the search settles.", o.Reference),
		func() (*plot.Plot, error) {
			return chart.Progress("Hypervolume by generation", "hypervolume (scaled objectives)", hv, opts...)
		}); err != nil {
		return nil, err
	}
	return []Section{sec}, nil
}

// spaceLabels keeps the numbers of front packages apart: a label within
// 4% of the axes' ranges of one kept before it (in the order of the x
// axis) is dropped.
func spaceLabels(pts []chart.FrontPoint) {
	var xs, ys []float64
	for _, q := range pts {
		xs, ys = append(xs, q.X), append(ys, q.Y)
	}
	dx, dy := slices.Max(xs)-slices.Min(xs), slices.Max(ys)-slices.Min(ys)
	if dx == 0 || dy == 0 || math.IsNaN(dx+dy) {
		return
	}
	idx := make([]int, len(pts))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmpFloat(pts[a].X, pts[b].X) })
	var kept []int
	for _, i := range idx {
		if pts[i].Label == "" {
			continue
		}
		for _, k := range kept {
			if math.Hypot((pts[i].X-pts[k].X)/dx, (pts[i].Y-pts[k].Y)/dy) < 0.04 {
				pts[i].Label = ""
				break
			}
		}
		if pts[i].Label != "" {
			kept = append(kept, i)
		}
	}
}

// axes chooses the front chart's objectives: a cost (the first minimised
// objective) across and a benefit (the first maximised one) up, or the
// first two; the colour is the first other objective (−1: none). ok is
// false with one objective.
func (r *OptimisationResult) axes() (x, y, c int, ok bool) {
	objs := r.Spec.Objectives
	if len(objs) < 2 {
		return 0, 0, -1, false
	}
	x = slices.IndexFunc(objs, func(o table.Objective) bool { return o.Goal == table.Minimise })
	y = slices.IndexFunc(objs, func(o table.Objective) bool { return o.Goal == table.Maximise })
	if x < 0 || y < 0 {
		x, y = 0, 1
	}
	c = -1
	for k := range objs {
		if k != x && k != y {
			c = k
			break
		}
	}
	return x, y, c, true
}

// optimisePage is the optimisation report's template: the comparison
// report's stylesheet and a page of its own, kept well-formed XML as the
// others are.
const optimisePage = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="generator" content="govsim{{if .Version}} {{.Version}}{{end}}" />
<title>{{.Title}}</title>
<style>{{.Style}}
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.adaptive td.type { color: var(--good); font-weight: 600; }
tr.fixed td.type { color: var(--ns); }
tr.infeasible td { color: var(--bad); }
ul.findings li { margin-bottom: 8px; max-width: 70em; }
</style>
</head>
<body>
<div class="page">
<header class="top">
<p class="kicker">govsim · optimisation</p>
<h1>{{.Title}}</h1>
{{range .Question}}<p class="question">{{.}}</p>
{{end}}<dl class="meta">
{{range .Meta}}<div><dt>{{.Key}}</dt><dd>{{.Value}}</dd></div>
{{end}}</dl>
<nav class="toc" aria-label="Contents"><a href="#findings">Findings</a> <a href="#front">Front</a> {{range .Sections}}<a href="#{{.ID}}">{{.Title}}</a> {{end}}<a href="#generations">Generations</a> <a href="#reproduce">Reproduce</a></nav>
</header>
<main>
<section id="findings">
<h2>Findings</h2>
<ul class="findings">
{{range .Findings}}<li>{{.}}</li>
{{end}}</ul>
</section>
<section id="front">
<h2>Front</h2>
<p class="lead">Each package on the front, best first on the first objective: its objectives and constraints (mean over replicates [95% interval]), whether it is fixed or adaptive, and what it does.</p>
<ul class="small">
{{range .Measures}}<li><code>{{.Name}}</code>: {{.What}}</li>
{{end}}</ul>
<div class="scroll">
<table>
<thead><tr><th scope="col" class="num">Package</th><th scope="col">Type</th>{{range .Measures}}<th scope="col" class="num">{{.Name}}</th>{{end}}<th scope="col">The package</th></tr></thead>
<tbody>
{{range .Front}}<tr class="{{.Class}}{{if not .Feasible}} infeasible{{end}}"><td class="num">{{.Number}}</td><td class="type">{{.Type}}</td>{{range .Values}}<td class="num">{{.}}</td>{{end}}<td class="small">{{.Text}}</td></tr>
{{end}}</tbody>
</table>
</div>
</section>
{{range .Sections}}<section id="{{.ID}}" class="charts">
<h2>{{.Title}}</h2>
{{if .Intro}}<p class="lead">{{.Intro}}</p>
{{end}}<div class="grid">
{{range .Charts}}<figure class="chart">
<h3>{{.Title}}</h3>
<div class="svg">{{.SVG}}</div>
<figcaption>{{.Caption}}{{if .PNG}} <a class="png" href="{{.PNG}}">PNG</a>{{end}}</figcaption>
</figure>
{{end}}</div>
</section>
{{end}}<section id="generations">
<h2>Generations</h2>
<p class="lead">Each generation's candidates, the packages among them not run before and their runs, the feasible members of the population it kept, and the front of every package so far with its hypervolume.</p>
<div class="scroll">
<table>
<thead><tr><th scope="col" class="num">Generation</th><th scope="col" class="num">Candidates</th><th scope="col" class="num">New packages</th><th scope="col" class="num">Runs</th><th scope="col" class="num">Feasible</th><th scope="col" class="num">Front</th><th scope="col" class="num">Hypervolume</th></tr></thead>
<tbody>
{{range .Gens}}<tr><td class="num">{{.Generation}}</td><td class="num">{{.Candidates}}</td><td class="num">{{.Packages}}</td><td class="num">{{.Runs}}</td><td class="num">{{.Feasible}}</td><td class="num">{{.Front}}</td><td class="num">{{.Hypervolume}}</td></tr>
{{end}}</tbody>
</table>
</div>
</section>
<section id="reproduce">
<h2>Reproduce</h2>
{{if .Commands}}<p>With govsim {{.Version}}, this command remakes the optimisation, every table and chart, from the directory it was run in (in a new or emptied directory; in this one it finds everything done):</p>
<pre class="cmd"><code>{{range .Commands}}{{.}}
{{end}}</code></pre>
{{end}}{{if .Identity}}<details>
<summary>optimise.json (the base, the template, the decisions, objectives and constraints)</summary>
<pre class="manifest">{{.Identity}}</pre>
</details>
{{end}}</section>
<section id="notes">
<h2>Notes</h2>
<ul class="notes">
{{range .Notes}}{{if .}}<li>{{.}}</li>
{{end}}{{end}}</ul>
</section>
</main>
<footer>{{if .Generated}}Generated {{.Generated}}{{end}}{{if .Version}} · govsim {{.Version}}{{end}}</footer>
</div>
</body>
</html>
`
