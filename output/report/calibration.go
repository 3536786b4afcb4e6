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
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/govsim/govsim/analysis/abc"
	"github.com/govsim/govsim/output/chart"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/table"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// CalibrationReport says which calibration to report on.
type CalibrationReport struct {
	Dir     string // a calibration directory with its tables written
	Name    string // the directory as the user named it, for messages
	Version string // this govsim
	Command []string
	Stop    string // the rule that ended it: max_generations, min_epsilon, min_acceptance
	Font    ChartFont
	// Truth are true parameter values to mark on the marginals (a
	// self-calibration), by key; nil for none.
	Truth map[string]float64
}

// Thresholds of the words the report uses for a parameter: constrained
// when its posterior SD is below ConstrainedBelow of its prior SD, shifted
// when its mean moved by ShiftedBy prior SDs or more; otherwise the data
// cannot constrain it.
const (
	ConstrainedBelow = 0.8
	ShiftedBy        = 0.5
)

// Constraint says in one word what the data did to a parameter.
func Constraint(p abc.ParamSummary) string {
	switch {
	case p.SDRatio < ConstrainedBelow:
		return "constrained"
	case math.Abs(p.Mean-p.PriorMean) >= ShiftedBy*p.PriorSD:
		return "shifted"
	}
	return "not constrained"
}

// CalibrationResult is what a calibration directory's tables say: the
// final population's summary, the generations, and each target's prior
// and posterior predictive intervals.
type CalibrationResult struct {
	Spec        table.CalibrationSpec
	Prior       abc.Prior
	Final       abc.Summary
	Population  abc.Population
	Generations []abc.Summary // complete generations, with Params
	Batches     []int
	Runs        []int64
	Targets     []TargetCheck
}

// TargetCheck is one target against its predictive distributions. The
// intervals are those of an observation: a simulated summary plus an
// error of the target's tolerance as its standard deviation (normal), so
// that a figure given with a wide tolerance is not judged against the
// model's narrower run-to-run spread alone; SimLow and SimHigh are the
// simulated summaries' own 90% interval.
type TargetCheck struct {
	Target              table.Target
	PriorLow, PriorHigh float64 // 90% interval of an observation under the prior (generation 0's runs); NaN: none
	Low, Median, High   float64 // 90% interval of an observation under the posterior, and the simulated median
	SimLow, SimHigh     float64 // 90% interval of the posterior predictive runs themselves
	// Inside says the observed value lies in [Low, High]: the calibrated
	// model could have produced what was observed.
	Inside                      bool
	Defined, PriorDefined, Runs int // draws with a summary, of Runs
}

// ReadCalibration reads a calibration directory's tables.
func ReadCalibration(dir string) (*CalibrationResult, error) {
	f, err := table.ReadCalibration(dir)
	if err != nil {
		return nil, err
	}
	r := &CalibrationResult{Spec: f.Spec, Prior: abc.Prior{}}
	for _, pr := range f.Spec.Priors {
		r.Prior = append(r.Prior, abc.Param{Name: pr.Key, Dist: abc.Dist(pr.Dist), Low: pr.Min, High: pr.Max, Mean: pr.Mean, SD: pr.SD})
	}
	keys := f.Spec.Keys()
	pops := map[int]*abc.Population{}
	var order []int
	err = table.ReadCalibrationTable(dir, table.GenerationsCSV, table.GenerationsColumns(), func(row []table.Cell) error {
		g := int(row[0].I)
		pops[g] = &abc.Population{Generation: g, Epsilon: row[1].F, Candidates: int(row[4].I), Evaluated: int(row[5].I), Redraws: int(row[7].I)}
		order = append(order, g)
		r.Runs = append(r.Runs, row[6].I)
		r.Batches = append(r.Batches, int(row[8].I))
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = table.ReadCalibrationTable(dir, table.PosteriorCSV, table.PosteriorColumns(keys), func(row []table.Cell) error {
		p := pops[int(row[0].I)]
		if p == nil {
			return fmt.Errorf("%s: generation %d is not in %s", table.PosteriorCSV, row[0].I, table.GenerationsCSV)
		}
		th := make([]float64, len(keys))
		for k := range th {
			th[k] = row[4+k].F
		}
		p.Particles = append(p.Particles, abc.Particle{Index: int(row[1].I), Weight: row[2].F, Distance: row[3].F, Theta: th})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(order) == 0 {
		return nil, fmt.Errorf("%s: no complete generation", dir)
	}
	for _, g := range order {
		if len(pops[g].Particles) == 0 {
			return nil, fmt.Errorf("%s: generation %d has no particles", table.PosteriorCSV, g)
		}
		r.Generations = append(r.Generations, abc.Summarize(r.Prior, *pops[g]))
	}
	r.Population = *pops[order[len(order)-1]]
	r.Final = r.Generations[len(r.Generations)-1]
	if err := r.readTargets(dir); err != nil {
		return nil, err
	}
	return r, nil
}

// readTargets sets each target's predictive intervals: the prior
// predictive from generation 0's candidates (draws from the prior, each
// run once), the posterior predictive from predictive.csv.
func (r *CalibrationResult) readTargets(dir string) error {
	var names []string
	for _, t := range r.Spec.Targets {
		names = append(names, t.Name)
	}
	nt := len(names)
	prior, post := make([][]float64, nt), make([][]float64, nt)
	err := table.ReadCalibrationTable(dir, table.CandidatesCSV, table.CandidatesColumns(names), func(row []table.Cell) error {
		if row[0].I == 0 {
			for k := range nt {
				prior[k] = append(prior[k], row[4+k].F)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	runs := 0
	err = table.ReadCalibrationTable(dir, table.PredictiveCSV, table.PredictiveColumns(names), func(row []table.Cell) error {
		runs++
		for k := range nt {
			post[k] = append(post[k], row[2+k].F)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for k, t := range r.Spec.Targets {
		c := TargetCheck{Target: t, Runs: runs}
		c.PriorLow, c.PriorHigh, c.PriorDefined = observationInterval(prior[k], t.Tolerance)
		c.SimLow, c.Median, c.SimHigh, _ = quantiles(post[k])
		c.Low, c.High, c.Defined = observationInterval(post[k], t.Tolerance)
		c.Inside = c.Defined > 0 && t.Observed >= c.Low && t.Observed <= c.High
		r.Targets = append(r.Targets, c)
	}
	return nil
}

// observationInterval is the 90% interval (5% to 95%) of an observation
// y = x + e, x drawn from the finite values of xs and e normal with SD sd:
// the quantiles of the mixture Σ Φ((y − x_i)/sd)/n, found by bisection to
// a millionth of the spread. n is how many values there were.
func observationInterval(xs []float64, sd float64) (lo, hi float64, n int) {
	var v []float64
	for _, x := range xs {
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			v = append(v, x)
		}
	}
	if len(v) == 0 {
		return math.NaN(), math.NaN(), 0
	}
	cdf := func(y float64) float64 {
		s := 0.0
		for _, x := range v {
			s += 0.5 * math.Erfc(-(y-x)/(sd*math.Sqrt2))
		}
		return s / float64(len(v))
	}
	a, b := slices.Min(v)-10*sd, slices.Max(v)+10*sd
	q := func(p float64) float64 {
		l, h := a, b
		for h-l > 1e-6*(b-a) {
			m := (l + h) / 2
			if cdf(m) < p {
				l = m
			} else {
				h = m
			}
		}
		return (l + h) / 2
	}
	return q(0.05), q(0.95), len(v)
}

// quantiles are the 5%, 50% and 95% of the finite values of xs (the
// nearest-rank values), and how many there were.
func quantiles(xs []float64) (lo, mid, hi float64, n int) {
	var v []float64
	for _, x := range xs {
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			v = append(v, x)
		}
	}
	if len(v) == 0 {
		return math.NaN(), math.NaN(), math.NaN(), 0
	}
	sort.Float64s(v)
	at := func(q float64) float64 { return v[min(len(v)-1, max(0, int(math.Ceil(q*float64(len(v))))-1))] }
	return at(0.05), at(0.5), at(0.95), len(v)
}

// Calibration writes calibration.html and charts/ into a calibration's
// directory from its tables, and prints the parameters and targets to w.
func Calibration(w io.Writer, c CalibrationReport) error {
	r, err := ReadCalibration(c.Dir)
	if err != nil {
		return err
	}
	fnt, err := c.Font.orDefault()
	if err != nil {
		return err
	}
	r.terminal(w)
	page, err := r.page(c, fnt)
	if err != nil {
		return err
	}
	if err := r.writeSummaries(c.Dir); err != nil {
		return err
	}
	path := filepath.Join(c.Dir, "calibration.html")
	if err := table.WriteFileAtomic(path, page); err != nil {
		return err
	}
	fmt.Fprintf(w, "wrote calibration.html, %s, %s and charts/ beside %s, %s, %s and %s in %s\n", table.ParametersCSV, table.TargetsCSV,
		table.PosteriorCSV, table.GenerationsCSV, table.CandidatesCSV, table.PredictiveCSV, c.Name)
	return nil
}

// writeSummaries writes parameters.csv and targets.csv: the report's
// tables, for scripts (and docs/ODD.md's calibration section).
func (r *CalibrationResult) writeSummaries(dir string) error {
	ps := table.NewCSV(table.ParametersColumns())
	for k, p := range r.Final.Params {
		dist := string(r.Prior[k].Dist)
		if dist == "" {
			dist = string(abc.Uniform)
		}
		ps.Add(table.Cell{S: p.Name}, table.Cell{S: dist}, table.Cell{F: r.Prior[k].Low}, table.Cell{F: r.Prior[k].High},
			table.Cell{F: p.PriorMean}, table.Cell{F: p.PriorSD}, table.Cell{F: p.Mean}, table.Cell{F: p.SD},
			table.Cell{F: p.Q05}, table.Cell{F: p.Q50}, table.Cell{F: p.Q95}, table.Cell{F: p.SDRatio}, table.Cell{S: Constraint(p)})
	}
	ts := table.NewCSV(table.TargetsColumns())
	for _, c := range r.Targets {
		in := int64(0)
		if c.Inside {
			in = 1
		}
		t := c.Target
		ts.Add(table.Cell{S: t.Name}, table.Cell{S: t.Scenario}, table.Cell{I: int64(t.From)}, table.Cell{I: int64(t.To)},
			table.Cell{F: t.Observed}, table.Cell{F: t.Tolerance}, table.Cell{F: c.PriorLow}, table.Cell{F: c.PriorHigh},
			table.Cell{F: c.Median}, table.Cell{F: c.SimLow}, table.Cell{F: c.SimHigh}, table.Cell{F: c.Low}, table.Cell{F: c.High}, table.Cell{I: in})
	}
	if err := table.WriteFileAtomic(filepath.Join(dir, table.ParametersCSV), ps.Bytes()); err != nil {
		return err
	}
	return table.WriteFileAtomic(filepath.Join(dir, table.TargetsCSV), ts.Bytes())
}

// terminal prints what the calibration found, as tables.
func (r *CalibrationResult) terminal(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "parameter\tprior\tposterior mean\t90% interval\tSD ratio\t")
	for _, p := range r.Final.Params {
		fmt.Fprintf(tw, "%s\t%s\t%s\t[%s, %s]\t%.2f\t%s\n", p.Name, r.priorText(p.Name), calNum(p.Mean), calNum(p.Q05), calNum(p.Q95), p.SDRatio, Constraint(p))
	}
	tw.Flush()
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "target\tobserved ± tolerance\tsimulated median [90%]\tobservation 90% interval\t")
	for _, t := range r.Targets {
		in := "observed inside"
		if !t.Inside {
			in = "observed OUTSIDE"
		}
		fmt.Fprintf(tw, "%s\t%s ± %s\t%s [%s, %s]\t[%s, %s]\t%s\n", t.Target.Name, calNum(t.Target.Observed), calNum(t.Target.Tolerance),
			calNum(t.Median), calNum(t.SimLow), calNum(t.SimHigh), calNum(t.Low), calNum(t.High), in)
	}
	tw.Flush()
}

func (r *CalibrationResult) priorText(key string) string {
	for _, p := range r.Prior {
		if p.Name != key {
			continue
		}
		switch p.Dist {
		case abc.Normal:
			return fmt.Sprintf("normal(%s, %s) on [%s, %s]", calNum(p.Mean), calNum(p.SD), calNum(p.Low), calNum(p.High))
		case abc.LogUniform:
			return fmt.Sprintf("log-uniform [%s, %s]", calNum(p.Low), calNum(p.High))
		}
		return fmt.Sprintf("uniform [%s, %s]", calNum(p.Low), calNum(p.High))
	}
	return ""
}

// calNum formats a number for text: four significant digits.
func calNum(x float64) string {
	if math.IsNaN(x) {
		return "—"
	}
	if math.IsInf(x, 1) {
		return "∞"
	}
	return fmt.Sprintf("%.4g", x)
}

// calView is the page's content, every number formatted.
type calView struct {
	Title, Generated, Version string
	Style                     template.CSS
	Question, Findings        []string
	Meta                      []Setting
	Params                    []calParam
	Targets                   []calTarget
	Gens                      []calGen
	Sections                  []sectionView
	Commands                  []string
	Identity                  string
	Notes                     []string
}

type calParam struct {
	Key, Doc, Prior, Mean, Interval, Ratio, Verdict, Class string
}

type calTarget struct {
	Name, What, Scenario, Window, Formula, Observed, Source, PriorInterval, Simulated, Interval, Verdict, Class string
}

type calGen struct {
	Generation, Tolerance, Acceptance, ESS, Candidates, Runs, Batches string
}

// page renders calibration.html and writes the charts.
func (r *CalibrationResult) page(c CalibrationReport, fnt ChartFont) ([]byte, error) {
	spec := &r.Spec
	v := calView{Title: "Calibration: " + spec.Name, Generated: time.Now().UTC().Format("2006-01-02 15:04 UTC"), Version: c.Version}
	v.Style = template.CSS(pageStyle())
	v.Question = []string{fmt.Sprintf("Which values of %d parameters are consistent with %d observed figures? Approximate Bayesian computation by sequential Monte Carlo turns the figures, each with its tolerance, and a prior over each parameter into a posterior: the parameter values whose simulations land near every figure at once.", len(r.Prior), len(spec.Targets))}
	var scs []string
	for _, s := range spec.Scenarios {
		scs = append(scs, s.Name)
	}
	var runs int64
	for _, n := range r.Runs {
		runs += n
	}
	v.Meta = []Setting{{"Particles", fmt.Sprint(spec.Particles)}, {"Generations", fmt.Sprint(len(r.Generations))},
		{"Scenarios", strings.Join(scs, ", ")}, {"Runs", fmt.Sprint(runs)}, {"Seed", fmt.Sprint(spec.Seed)}}
	v.Findings = r.findings(c.Stop, runs)
	for _, p := range r.Final.Params {
		doc := ""
		if sp, ok := sim.Lookup(p.Name); ok {
			doc = sp.Doc
		}
		verdict := Constraint(p)
		v.Params = append(v.Params, calParam{Key: p.Name, Doc: doc, Prior: r.priorText(p.Name), Mean: calNum(p.Mean),
			Interval: fmt.Sprintf("[%s, %s]", calNum(p.Q05), calNum(p.Q95)), Ratio: fmt.Sprintf("%.2f", p.SDRatio), Verdict: verdict,
			Class: map[bool]string{true: "good", false: "ns"}[verdict != "not constrained"]})
	}
	for _, t := range r.Targets {
		tv := calTarget{Name: t.Target.Name, What: t.Target.What, Scenario: t.Target.Scenario, Window: t.Target.Window(),
			Formula: t.Target.Formula(), Observed: calNum(t.Target.Observed) + " ± " + calNum(t.Target.Tolerance), Source: t.Target.Source,
			PriorInterval: fmt.Sprintf("[%s, %s]", calNum(t.PriorLow), calNum(t.PriorHigh)),
			Simulated:     fmt.Sprintf("%s [%s, %s]", calNum(t.Median), calNum(t.SimLow), calNum(t.SimHigh)),
			Interval:      fmt.Sprintf("[%s, %s]", calNum(t.Low), calNum(t.High))}
		switch {
		case t.Defined == 0:
			tv.Verdict, tv.Class = "no draw defined it", "bad"
		case t.Inside:
			tv.Verdict, tv.Class = "inside", "good"
		default:
			tv.Verdict, tv.Class = "outside", "bad"
		}
		v.Targets = append(v.Targets, tv)
	}
	for i, g := range r.Generations {
		v.Gens = append(v.Gens, calGen{Generation: fmt.Sprint(g.Generation), Tolerance: calNum(g.Epsilon), Acceptance: fmt.Sprintf("%.3f", g.Acceptance),
			ESS: fmt.Sprintf("%.1f", g.ESS), Candidates: fmt.Sprintf("%d (%d evaluated)", g.Candidates, g.Evaluated), Runs: fmt.Sprint(r.Runs[i]), Batches: fmt.Sprint(r.Batches[i])})
	}
	secs, err := r.charts(c, fnt)
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
	if len(c.Command) > 0 {
		v.Commands = []string{table.CommandLine(c.Command)}
	}
	id, _ := table.ReadInput(filepath.Join(c.Dir, table.CalibrationJSON), table.MaxManifestBytes)
	v.Identity = string(id)
	v.Notes = []string{
		"Method: ABC-SMC (Beaumont, Cornuet, Marin & Robert 2009; Toni et al. 2009) with an adaptive tolerance, each generation's the weighted " + fmt.Sprintf("%g", spec.Quantile) + " quantile of the last population's distances (Del Moral, Doucet & Jasra 2012), and a " + spec.Kernel + " multivariate normal perturbation kernel built from the last population. A candidate's distance is the Euclidean norm of its targets' misses, each in units of its tolerance; a candidate is kept when the distance is within the generation's tolerance. Weights are prior density over proposal density; the posterior is the last population.",
		fmt.Sprintf("Each candidate ran %d replicate(s) of every scenario a target names, each scenario only as long as its targets need; a target's summary is the mean over replicates.", spec.Replicates),
		fmt.Sprintf("A parameter is called constrained when its posterior SD is below %g of its prior SD, shifted when its posterior mean moved by %g prior SDs or more, and not constrained otherwise: the figures cannot tell its values apart.", ConstrainedBelow, ShiftedBy),
		"The posterior predictive check runs the model afresh, once per particle, at draws from the final population by weight; the prior predictive interval is that of generation 0 (draws from the prior).",
		fmt.Sprintf("Tables beside this file: %s and %s (this page's tables), %s, %s, %s, %s; each generation's runs are sweeps in gen-G/batch-B/.", table.ParametersCSV, table.TargetsCSV, table.GenerationsCSV, table.PosteriorCSV, table.CandidatesCSV, table.PredictiveCSV),
		fnt.Note,
	}
	t, err := template.New("calibration").Parse(calibrationPage)
	if err != nil {
		return nil, fmt.Errorf("report: template: %w", err)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, v); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	return buf.Bytes(), nil
}

// findings says in words what the calibration found.
func (r *CalibrationResult) findings(stop string, runs int64) []string {
	last := r.Generations[len(r.Generations)-1]
	why := map[string]string{
		"max_generations": "the number of generations asked for was reached",
		"min_epsilon":     "the tolerance reached its floor",
		"min_acceptance":  "the next generation's acceptance rate would have fallen below the minimum",
	}[stop]
	var out []string
	s := fmt.Sprintf("%d generations, %d runs", len(r.Generations), runs)
	if why != "" {
		s += "; it stopped because " + why
	}
	if len(r.Generations) > 1 {
		s += fmt.Sprintf(". The tolerance fell to %s (a distance in tolerances: %s would mean every target within about one tolerance), with %.0f%% of the last generation's candidates accepted and an effective sample size of %.0f of %d particles",
			calNum(last.Epsilon), calNum(math.Sqrt(float64(len(r.Spec.Targets)))), 100*last.Acceptance, last.ESS, len(r.Population.Particles))
	} else {
		s += ". Only the prior sample was drawn: the posterior is the prior"
	}
	out = append(out, s+".")
	var cons, shifted, none []string
	for _, p := range r.Final.Params {
		switch Constraint(p) {
		case "constrained":
			cons = append(cons, fmt.Sprintf("%s to [%s, %s] (prior %s; SD ratio %.2f)", p.Name, calNum(p.Q05), calNum(p.Q95), r.priorText(p.Name), p.SDRatio))
		case "shifted":
			shifted = append(shifted, fmt.Sprintf("%s (mean %s against the prior's %s)", p.Name, calNum(p.Mean), calNum(p.PriorMean)))
		default:
			none = append(none, p.Name)
		}
	}
	if len(cons) > 0 {
		out = append(out, "The figures constrain "+joinWords(cons)+".")
	} else {
		out = append(out, "The figures constrain none of the parameters to less than "+fmt.Sprintf("%g", ConstrainedBelow)+" of its prior spread.")
	}
	if len(shifted) > 0 {
		out = append(out, "They shift "+joinWords(shifted)+" without narrowing it much.")
	}
	if len(none) > 0 {
		out = append(out, "They cannot constrain "+joinWords(none)+": the posterior of each is about its prior, so its plausible range remains a guess these figures do not test.")
	}
	var in, outside []string
	for _, t := range r.Targets {
		if t.Inside {
			in = append(in, t.Target.Name)
		} else {
			outside = append(outside, fmt.Sprintf("%s (observed %s; simulated %s [%s, %s])", t.Target.Name, calNum(t.Target.Observed), calNum(t.Median), calNum(t.SimLow), calNum(t.SimHigh)))
		}
	}
	pc := fmt.Sprintf("Posterior predictive check: the observed value lies inside the 90%% predictive interval of an observation (a run's value plus an error of one tolerance as its SD) for %d of %d targets", len(in), len(r.Targets))
	if len(outside) > 0 {
		pc += "; outside for " + joinWords(outside) + ": at the calibrated values the model does not reproduce it"
	}
	out = append(out, pc+".")
	return out
}

func joinWords(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// charts draws the report's charts into dir/charts.
func (r *CalibrationResult) charts(c CalibrationReport, fnt ChartFont) ([]Section, error) {
	cdir := filepath.Join(c.Dir, "charts")
	if err := os.MkdirAll(cdir, 0o755); err != nil {
		return nil, err
	}
	opts := []chart.Option{chart.WithFont(fnt.Font)}
	var secs []Section
	add := func(sec *Section, name, title, caption string, h float64, build func() (*plot.Plot, error)) error {
		p, err := build()
		if err != nil {
			return err
		}
		svg, err := chart.SaveSVG(p, cdir, name, chart.DefaultWidthCM, h)
		if err != nil {
			return err
		}
		sec.Charts = append(sec.Charts, Chart{Title: title, Caption: caption, SVG: template.HTML(svg), PNG: filepath.Join("charts", name+".png")})
		return nil
	}
	// What the data did to each parameter, and whether the model reproduces each target.
	over := Section{Title: "What the figures constrain, and what the model reproduces"}
	ratios := make([]chart.Ratio, len(r.Final.Params))
	for i, p := range r.Final.Params {
		ratios[i] = chart.Ratio{Name: p.Name, Value: p.SDRatio}
	}
	h := math.Max(chart.DefaultHeightCM, 3+0.75*float64(len(ratios)))
	if err := add(&over, "constraint", "How much the figures narrow each parameter",
		fmt.Sprintf("Posterior SD over prior SD: 1 means the figures leave the parameter as uncertain as its prior; below %g it is called constrained.", ConstrainedBelow), h,
		func() (*plot.Plot, error) {
			return chart.Constraint("posterior SD / prior SD", ratios, ConstrainedBelow, opts...)
		}); err != nil {
		return nil, err
	}
	rows := make([]chart.PredictiveRow, len(r.Targets))
	for i, t := range r.Targets {
		z := func(x float64) float64 { return (x - t.Target.Observed) / t.Target.Tolerance }
		rows[i] = chart.PredictiveRow{Label: t.Target.Name, PriorLow: z(t.PriorLow), PriorHigh: z(t.PriorHigh), Low: z(t.Low), Median: z(t.Median), High: z(t.High),
			Inside: t.Inside, PriorKnown: t.PriorDefined > 0, PostKnown: t.Defined > 0}
	}
	h = math.Max(chart.DefaultHeightCM, 3.5+0.9*float64(len(rows)))
	if err := add(&over, "predictive", "Posterior predictive check",
		"Each target's simulated values in units of its tolerance from the observed value (0): the prior predictive 90% interval (grey, generation 0) and the posterior predictive 90% interval with its median (blue; hollow when the observed value lies outside it). A posterior interval that holds 0 means the calibrated model can produce what was observed.", h,
		func() (*plot.Plot, error) { return chart.Predictive("observed vs predicted", rows, opts...) }); err != nil {
		return nil, err
	}
	secs = append(secs, over)
	marg := Section{Title: "Each parameter: posterior against prior", Intro: "Histograms of the final population, weighted, over each prior's range, with the prior's density."}
	for k, p := range r.Prior {
		vals, ws := make([]float64, len(r.Population.Particles)), make([]float64, len(r.Population.Particles))
		for i, q := range r.Population.Particles {
			vals[i], ws[i] = q.Theta[k], q.Weight
		}
		m := chart.Marginal{Values: vals, Weights: ws, Low: p.Low, High: p.High, Mark: math.NaN()}
		for i := 0; i <= 60; i++ {
			x := p.Low + (p.High-p.Low)*float64(i)/60
			m.Prior = append(m.Prior, plotter.XY{X: x, Y: p.Density(x)})
		}
		if t, ok := c.Truth[p.Name]; ok {
			m.Mark = t
		}
		ps := r.Final.Params[k]
		if err := add(&marg, fmt.Sprintf("marginal-%d", k), p.Name,
			fmt.Sprintf("Posterior mean %s, 90%% interval [%s, %s]; SD ratio %.2f: %s.", calNum(ps.Mean), calNum(ps.Q05), calNum(ps.Q95), ps.SDRatio, Constraint(ps)), chart.DefaultHeightCM,
			func() (*plot.Plot, error) { return chart.MarginalChart(p.Name, p.Name, m, opts...) }); err != nil {
			return nil, err
		}
	}
	secs = append(secs, marg)
	// The pair plot: the most constrained parameters, two at a time.
	idx := make([]int, len(r.Final.Params))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		return cmpFloat(r.Final.Params[a].SDRatio, r.Final.Params[b].SDRatio)
	})
	idx = idx[:min(4, len(idx))]
	if len(idx) >= 2 {
		pairs := Section{Title: "The most constrained parameters, two at a time",
			Intro: "Every particle of the final population, its area in proportion to its weight, over the two priors' ranges: a ridge or a tilt shows values of one parameter that trade off against the other."}
		for a := 0; a < len(idx); a++ {
			for b := a + 1; b < len(idx); b++ {
				i, j := idx[a], idx[b]
				pts := make([]chart.PairPoint, len(r.Population.Particles))
				for n, q := range r.Population.Particles {
					pts[n] = chart.PairPoint{X: q.Theta[i], Y: q.Theta[j], Weight: q.Weight}
				}
				pi, pj := r.Prior[i], r.Prior[j]
				if err := add(&pairs, fmt.Sprintf("pair-%d-%d", i, j), pi.Name+" and "+pj.Name, "", chart.DefaultHeightCM,
					func() (*plot.Plot, error) {
						return chart.Pair(pi.Name+" × "+pj.Name, pi.Name, pj.Name, pts, [2]float64{pi.Low, pi.High}, [2]float64{pj.Low, pj.High}, opts...)
					}); err != nil {
					return nil, err
				}
			}
		}
		secs = append(secs, pairs)
	}
	return secs, nil
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// pageStyle is the stylesheet of the comparison report, so that every
// govsim page looks alike.
func pageStyle() string {
	i, j := strings.Index(page, "<style>"), strings.Index(page, "</style>")
	if i < 0 || j < i {
		return ""
	}
	return page[i+len("<style>") : j]
}
