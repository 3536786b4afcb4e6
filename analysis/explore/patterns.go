package explore

import (
	"slices"

	"github.com/govsim/govsim/analysis"
)

// PatternShare is how widely one of the model's patterns (P1–P7, docs/ODD.md
// §1) holds over an exploratory design: at how many of its Points the
// pattern pointed the claimed way (every comparison's estimate on the
// claimed side: Right) and held clearly (every interval on the claimed
// side: Held), checked at each point as the comparison report checks it
// (analysis.CheckPatterns) on the point's replicates. Skipped says why a
// pattern could not be checked.
type PatternShare struct {
	ID, Claim   string
	Right, Held int
	Points      int
	Skipped     string
}

// pointRuns is one design point's runs as the pattern checks read them:
// each replicate's mean over the run's final window.
type pointRuns struct {
	d     *Data
	point int
}

func (r pointRuns) ScenarioNames() []string { return r.d.scenarios }

func (r pointRuns) Replicates(scenario string) []int {
	if !slices.Contains(r.d.scenarios, scenario) {
		return nil
	}
	out := make([]int, r.d.reps)
	for i := range out {
		out[i] = i
	}
	return out
}

// Window is each replicate's value at the point: a sweep keeps one mean
// per run, over its final window, whatever from and to ask.
func (r pointRuns) Window(scenario, metric string, _, _ int) []float64 {
	if !slices.Contains(r.d.scenarios, scenario) {
		return nil
	}
	out := make([]float64, r.d.reps)
	for i := range out {
		out[i] = r.d.value(scenario, metric, r.point, i)
	}
	return out
}

// metricsAsked records the metrics the pattern checks read.
type metricsAsked struct {
	scenarios []string
	asked     []string
}

func (m *metricsAsked) ScenarioNames() []string { return m.scenarios }
func (m *metricsAsked) Replicates(string) []int { return []int{0, 1} }
func (m *metricsAsked) Window(_, metric string, _, _ int) []float64 {
	if !slices.Contains(m.asked, metric) {
		m.asked = append(m.asked, metric)
	}
	return []float64{1, 2}
}

// PatternMetrics lists the metrics the pattern checks read of the given
// scenarios, so that Data can keep them.
func PatternMetrics(scenarios []string) []string {
	m := &metricsAsked{scenarios: scenarios}
	analysis.CheckPatterns(m, nil, 0, 1, 0.95)
	return m.asked
}

// Patterns checks P1–P7 at every point of the design (data must hold
// PatternMetrics). P0, the calibration, is left out: it reads dividends of
// years 4–5, which a sweep's final window does not hold; P6 needs village
// records, which a sweep does not keep, and is returned Skipped. A pattern
// is skipped when its scenarios are not in the design or have fewer than
// two replicates.
func Patterns(data *Data, level float64) []PatternShare {
	var out []PatternShare
	for p := range data.points {
		checks := analysis.CheckPatterns(pointRuns{data, p}, nil, 0, 1, level)
		if out == nil {
			for _, c := range checks {
				if c.ID != "P0" {
					out = append(out, PatternShare{ID: c.ID, Claim: c.Claim})
				}
			}
		}
		for _, c := range checks {
			i := slices.IndexFunc(out, func(s PatternShare) bool { return s.ID == c.ID })
			if i < 0 {
				continue
			}
			s := &out[i]
			if c.Skipped != "" {
				s.Skipped = c.Skipped // the same at every point: it depends on the scenarios and replicates alone
				continue
			}
			s.Points++
			right := len(c.Parts) > 0
			for _, part := range c.Parts {
				right = right && part.Right
			}
			if right {
				s.Right++
			}
			if c.Held {
				s.Held++
			}
		}
	}
	for i := range out {
		if out[i].ID == "P6" && out[i].Skipped != "" {
			out[i].Skipped = "needs village records, which an exploratory design does not keep"
		}
	}
	return out
}
