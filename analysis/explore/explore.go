package explore

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/govsim/govsim/analysis"
	"github.com/govsim/govsim/analysis/prim"
)

// Metric is a metric packages are judged on, with its direction.
type Metric struct {
	Name         string
	HigherBetter bool
}

// Design is what an exploratory design sampled.
type Design struct {
	Params []string     // the parameters' keys
	Ranges []prim.Range // the range each was sampled over: PRIM's initial box
	Points [][]float64  // the design points, values in Params order
}

// Options say what to analyse.
type Options struct {
	// Reference is the scenario every other is compared with.
	Reference string
	// Metrics are the metrics packages are judged on; the first ranks
	// them (the composite index).
	Metrics []Metric
	// Conditions are further cases of interest for scenario discovery,
	// searched for in every scenario, the reference included.
	Conditions []Condition
	// Level is the confidence level of every interval (0: 0.95).
	Level float64
	// Bootstrap is the number of resamples of the PRCC intervals (0: no
	// intervals), drawn from a stream seeded with Seed.
	Bootstrap int
	Seed      uint64
	// PRIM tunes the boxes; its Threshold is the coverage the chosen box
	// must reach (default 0.5).
	PRIM prim.Options
}

// Robustness is one package against the reference on one metric, over the
// design's points (analysis.RobustnessAcross); Dropped points are left out
// because the metric was undefined there in some scenario.
type Robustness struct {
	Scenario, Metric string
	analysis.PackageRobustness
	Dropped int
}

// KS is a regional sensitivity: the Kolmogorov–Smirnov distance D between
// a parameter's values where a case of interest holds and where it does
// not, with its approximate p-value (analysis.KS). NaN when either side is
// empty.
type KS struct{ D, P float64 }

// Discovery is scenario discovery for one case of interest of one
// scenario: "fails to beat the reference on Metric" (Condition nil), or a
// condition on the scenario's own values.
type Discovery struct {
	Scenario  string
	Metric    string
	Condition *Condition
	// Points is how many design points were searched (those where the
	// metric is defined), Cases how many of them are cases.
	Points, Cases int
	// PRIM's trajectory and chosen box (Box.Chosen −1 when there is no
	// case).
	Box prim.Result
	// Regional holds one KS per parameter.
	Regional []KS
}

// Label names the case of interest as discovery.csv's metric column
// does: the metric, or the condition.
func (d Discovery) Label() string {
	if d.Condition != nil {
		return d.Condition.String()
	}
	return d.Metric
}

// Driver is one parameter's bearing on one package's paired difference
// from the reference on one metric: the partial rank correlation of the
// difference with the parameter (NaN where the design is too small, see
// Result.Warnings) and the regional sensitivity of "beats the reference".
type Driver struct {
	Scenario, Metric, Param string
	PRCC, PRCCLow, PRCCHigh float64
	KS
}

// Result is the analysis of an exploratory design.
type Result struct {
	Design    Design
	Reference string
	Scenarios []string // every scenario, in the design's order
	Packages  []string // the scenarios other than the reference, in order
	Metrics   []Metric
	// Robustness is package-major, in Metrics order.
	Robustness []Robustness
	// Discoveries: for each package and metric where it fails somewhere,
	// then for each condition and scenario.
	Discoveries []Discovery
	// Drivers: package, metric, then parameter, in order.
	Drivers []Driver
	// Warnings say where the design is too small for what it reports.
	Warnings []string
	Level    float64
}

// Analyse compares every package with the reference at every point of the
// design: how often and by how much each beats it (robustness), where it
// fails (scenario discovery: PRIM boxes and regional sensitivity), and
// which parameters drive its paired difference (PRCC). It returns an error
// for a design and data that do not fit, a reference or metric the data
// lack, or an option out of range.
func Analyse(d Design, data *Data, o Options) (*Result, error) {
	if o.Level == 0 {
		o.Level = 0.95
	}
	if err := check(d, data, o); err != nil {
		return nil, err
	}
	ref := slices.Index(data.scenarios, o.Reference)
	res := &Result{Design: d, Reference: o.Reference, Scenarios: slices.Clone(data.scenarios), Metrics: slices.Clone(o.Metrics), Level: o.Level}
	for _, s := range data.scenarios {
		if s != o.Reference {
			res.Packages = append(res.Packages, s)
		}
	}
	per := make([]metricData, len(o.Metrics))
	for mi, m := range o.Metrics {
		means, kept := data.means(m.Name)
		values := make([][]float64, len(means))
		for s := range means {
			values[s] = pick(means[s], kept)
		}
		rob, err := analysis.RobustnessAcross(values, ref, m.HigherBetter, o.Level)
		if err != nil {
			return nil, fmt.Errorf("explore: %s: %w", m.Name, err)
		}
		per[mi] = metricData{means, kept, rob}
	}
	dropped := func(kept []bool) int { return len(kept) - count(kept) }
	for pi := range res.Packages {
		for mi, m := range o.Metrics {
			r := per[mi].rob[pi]
			res.Robustness = append(res.Robustness, Robustness{Scenario: res.Packages[pi], Metric: m.Name, PackageRobustness: r, Dropped: dropped(per[mi].kept)})
		}
	}
	// Where each package fails to beat the reference.
	fails := make([][][]bool, len(res.Packages)) // [package][metric][kept point]
	for pi, pkg := range res.Packages {
		s := slices.Index(data.scenarios, pkg)
		fails[pi] = make([][]bool, len(o.Metrics))
		for mi, m := range o.Metrics {
			md := per[mi]
			sign := 1.0
			if !m.HigherBetter {
				sign = -1
			}
			var y []bool
			for p, k := range md.kept {
				if k {
					y = append(y, !(sign*(md.means[s][p]-md.means[ref][p]) > 0))
				}
			}
			fails[pi][mi] = y
			if count(y) == 0 {
				continue
			}
			disc, err := discover(d, md.kept, y, o.PRIM)
			if err != nil {
				return nil, fmt.Errorf("explore: %s on %s: %w", pkg, m.Name, err)
			}
			disc.Scenario, disc.Metric = pkg, m.Name
			res.Discoveries = append(res.Discoveries, disc)
		}
	}
	for ci := range o.Conditions {
		c := o.Conditions[ci]
		means, kept := data.means(c.Metric)
		for s, sc := range data.scenarios {
			var y []bool
			for p, k := range kept {
				if k {
					y = append(y, c.Holds(means[s][p]))
				}
			}
			disc, err := discover(d, kept, y, o.PRIM)
			if err != nil {
				return nil, fmt.Errorf("explore: %s where %s: %w", sc, c, err)
			}
			disc.Scenario, disc.Metric, disc.Condition = sc, c.Metric, &o.Conditions[ci]
			res.Discoveries = append(res.Discoveries, disc)
		}
	}
	res.drivers(d, ref, per, fails, o)
	return res, nil
}

// metricData is one metric over the design: each scenario's mean at each
// point, which points are kept (defined in every scenario), and each
// package's robustness.
type metricData struct {
	means [][]float64
	kept  []bool
	rob   []analysis.PackageRobustness
}

func check(d Design, data *Data, o Options) error {
	k := len(d.Params)
	switch {
	case k == 0:
		return fmt.Errorf("explore: no parameters")
	case len(d.Ranges) != k:
		return fmt.Errorf("explore: %d ranges for %d parameters", len(d.Ranges), k)
	case len(d.Points) != data.points:
		return fmt.Errorf("explore: %d design points, data for %d", len(d.Points), data.points)
	case !slices.Contains(data.scenarios, o.Reference):
		return fmt.Errorf("explore: reference %q is not among the scenarios (%s)", o.Reference, strings.Join(data.scenarios, ", "))
	case len(data.scenarios) < 2:
		return fmt.Errorf("explore: %d scenarios; need the reference and at least one other", len(data.scenarios))
	case len(o.Metrics) == 0:
		return fmt.Errorf("explore: no metrics")
	case o.Bootstrap < 0 || !(o.Level > 0 && o.Level < 1):
		return fmt.Errorf("explore: bootstrap %d at level %v", o.Bootstrap, o.Level)
	}
	for _, p := range d.Points {
		if len(p) != k {
			return fmt.Errorf("explore: a design point has %d values for %d parameters", len(p), k)
		}
	}
	for _, m := range o.Metrics {
		if !slices.Contains(data.metrics, m.Name) {
			return fmt.Errorf("explore: no data for metric %q", m.Name)
		}
	}
	for _, c := range o.Conditions {
		if !slices.Contains(data.metrics, c.Metric) {
			return fmt.Errorf("explore: no data for metric %q of condition %s", c.Metric, c)
		}
	}
	return nil
}

// discover runs PRIM on the kept points with outcome y, and the regional
// sensitivity of every parameter.
func discover(d Design, kept []bool, y []bool, opts prim.Options) (Discovery, error) {
	var x [][]float64
	for p, k := range kept {
		if k {
			x = append(x, d.Points[p])
		}
	}
	out := Discovery{Points: len(x), Cases: count(y), Regional: regional(x, y, len(d.Params))}
	if len(x) == 0 {
		out.Box = prim.Result{Chosen: -1}
		return out, nil
	}
	r, err := prim.Find(x, y, d.Ranges, opts)
	if err != nil {
		return out, err
	}
	out.Box = r
	return out, nil
}

// regional gives each parameter's KS distance between the points where y
// holds and those where it does not.
func regional(x [][]float64, y []bool, k int) []KS {
	out := make([]KS, k)
	for j := range k {
		var a, b []float64
		for i, p := range x {
			if y[i] {
				a = append(a, p[j])
			} else {
				b = append(b, p[j])
			}
		}
		out[j].D, out[j].P = analysis.KS(a, b)
	}
	return out
}

// drivers fills res.Drivers: for each package and metric, PRCC of the
// paired difference with every parameter and the regional sensitivity of
// beating the reference; then, for each condition, its regional
// sensitivity. Metrics defined at the same points share their bootstrap
// resamples. Where the design is too small for PRCC, it says so in
// res.Warnings, naming the rule.
func (res *Result) drivers(d Design, ref int, per []metricData, fails [][][]bool, o Options) {
	k := len(d.Params)
	type group struct {
		kept    []bool
		metrics []int
	}
	var groups []group
	for mi, md := range per {
		i := slices.IndexFunc(groups, func(g group) bool { return slices.Equal(g.kept, md.kept) })
		if i < 0 {
			groups = append(groups, group{kept: md.kept})
			i = len(groups) - 1
		}
		groups[i].metrics = append(groups[i].metrics, mi)
	}
	type key struct{ pkg, metric int }
	prcc := map[key][]analysis.PRCCIndex{}
	warn := func(msg string) {
		if msg != "" && !slices.Contains(res.Warnings, msg) {
			res.Warnings = append(res.Warnings, msg)
		}
	}
	for _, g := range groups {
		n := count(g.kept)
		if n < k+2 {
			warn(fmt.Sprintf("only %d design points for %d parameters: partial rank correlations need at least k + 2 = %d points to exist and about %d per parameter to be stable (rule: n ≥ %d·k, Harrell 2015, ch. 4), so the drivers are given by their KS distance alone; rerun with -samples %d or more, or vary fewer parameters with -ranges",
				n, k, k+2, analysis.MinPointsPerParameter, analysis.MinPointsPerParameter, analysis.MinPointsPerParameter*k))
			continue
		}
		for _, w := range analysis.RegressionWarnings(n, k, math.NaN()) {
			warn(w + "; until then, read a PRCC only where its interval excludes 0, and the KS distance beside it")
		}
		x := make([][]float64, 0, n)
		for p, kp := range g.kept {
			if kp {
				x = append(x, d.Points[p])
			}
		}
		var ys [][]float64
		var keys []key
		for _, mi := range g.metrics {
			md := per[mi]
			for pi, pkg := range res.Packages {
				s := slices.Index(res.Scenarios, pkg)
				y := make([]float64, 0, n)
				for p, kp := range g.kept {
					if kp {
						y = append(y, md.means[s][p]-md.means[ref][p])
					}
				}
				ys, keys = append(ys, y), append(keys, key{pi, mi})
			}
		}
		idx, err := analysis.PRCCs(x, ys, o.Bootstrap, o.Level, o.Seed)
		if err != nil {
			warn(fmt.Sprintf("no partial rank correlations: %v", err))
			continue
		}
		for i, kk := range keys {
			prcc[kk] = idx[i]
		}
	}
	nan := math.NaN()
	for pi, pkg := range res.Packages {
		for mi, m := range o.Metrics {
			var x [][]float64
			for p, kp := range per[mi].kept {
				if kp {
					x = append(x, d.Points[p])
				}
			}
			ks := regional(x, fails[pi][mi], k)
			idx := prcc[key{pi, mi}]
			for j, param := range d.Params {
				dr := Driver{Scenario: pkg, Metric: m.Name, Param: param, PRCC: nan, PRCCLow: nan, PRCCHigh: nan, KS: ks[j]}
				if idx != nil {
					dr.PRCC, dr.PRCCLow, dr.PRCCHigh = idx[j].PRCC, idx[j].Low, idx[j].High
				}
				res.Drivers = append(res.Drivers, dr)
			}
		}
	}
	for _, disc := range res.Discoveries {
		if disc.Condition == nil {
			continue
		}
		for j, param := range d.Params {
			res.Drivers = append(res.Drivers, Driver{Scenario: disc.Scenario, Metric: disc.Label(), Param: param,
				PRCC: nan, PRCCLow: nan, PRCCHigh: nan, KS: disc.Regional[j]})
		}
	}
}

func pick(v []float64, kept []bool) []float64 {
	var out []float64
	for i, k := range kept {
		if k {
			out = append(out, v[i])
		}
	}
	return out
}

func count(b []bool) int {
	n := 0
	for _, x := range b {
		if x {
			n++
		}
	}
	return n
}

// Ranked lists the packages best first: by their share of points beating
// the reference on the first metric, then by their mean paired difference
// there in its better direction, then by name.
func (res *Result) Ranked() []string {
	first := res.Metrics[0]
	sign := 1.0
	if !first.HigherBetter {
		sign = -1
	}
	rob := map[string]Robustness{}
	for _, r := range res.Robustness {
		if r.Metric == first.Name {
			rob[r.Scenario] = r
		}
	}
	out := slices.Clone(res.Packages)
	slices.SortStableFunc(out, func(a, b string) int {
		ra, rb := rob[a], rob[b]
		if c := cmp.Compare(nanLow(rb.PBetter), nanLow(ra.PBetter)); c != 0 {
			return c
		}
		if c := cmp.Compare(nanLow(sign*rb.MeanDiff), nanLow(sign*ra.MeanDiff)); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return out
}

// nanLow orders NaN below every number.
func nanLow(x float64) float64 {
	if math.IsNaN(x) {
		return math.Inf(-1)
	}
	return x
}
