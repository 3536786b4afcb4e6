package analysis

import (
	"fmt"
	"math"

	"github.com/govsim/govsim/sim"
)

// MetricPrecision is how precise one headline metric is after a batch of
// adaptive replication: its widest relative 95% half-width over the
// scenarios, where, and whether that is within the target.
type MetricPrecision struct {
	Metric   string
	Scenario string  // where the interval is widest
	Rel      float64 // half-width over max(|mean|, the metric's Floor); +Inf when undefined
	Met      bool
}

// PrecisionStatus is the state of adaptive replication after a batch:
// each headline metric's precision, in the order of the headline, and how
// many replicates per scenario the spread so far suggests the widest needs
// (a half-width shrinks as 1/√n: n·(rel/target)², rounded up; 0 when no
// estimate can be made).
type PrecisionStatus struct {
	Target     float64
	Replicates int
	Metrics    []MetricPrecision
	Needed     int
}

// Met reports whether every headline metric reached the target.
func (s PrecisionStatus) Met() bool {
	for _, m := range s.Metrics {
		if !m.Met {
			return false
		}
	}
	return len(s.Metrics) > 0
}

// Widest is the least precise metric.
func (s PrecisionStatus) Widest() MetricPrecision {
	var w MetricPrecision
	for i, m := range s.Metrics {
		if i == 0 || m.Rel > w.Rel {
			w = m
		}
	}
	return w
}

// Short describes the widest interval: "petitions_per_1000 in zhengshe,
// ±5.7%".
func (m MetricPrecision) Short() string {
	return fmt.Sprintf("%s in %s, ±%.1f%%", m.Metric, m.Scenario, 100*m.Rel)
}

// Wider lists the metrics that have not reached the target.
func (s PrecisionStatus) Wider() []MetricPrecision {
	var out []MetricPrecision
	for _, m := range s.Metrics {
		if !m.Met {
			out = append(out, m)
		}
	}
	return out
}

// PrecisionOf measures adaptive replication's stopping rule after reps
// replicates: every headline metric's 95% half-width, in every scenario,
// is at most target of its mean's size, or of the metric's Floor if
// larger. tails holds, per scenario and replicate, each district metric's
// value over the final window (by sim.MetricID).
func PrecisionOf(scenarios []string, tails map[string][][]float64, target float64, reps int) PrecisionStatus {
	st := PrecisionStatus{Target: target, Replicates: reps}
	for _, m := range sim.Headline() {
		mp := MetricPrecision{Metric: m.Name, Rel: -1}
		for _, name := range scenarios {
			runs := tails[name]
			x := make([]float64, 0, len(runs))
			for _, t := range runs {
				if v := t[m.ID]; !math.IsNaN(v) {
					x = append(x, v)
				}
			}
			s := Summarize(x, 0.95)
			rel := s.HalfWidth / math.Max(math.Abs(s.Mean), m.Floor)
			if math.IsNaN(rel) || math.IsInf(rel, 0) {
				rel = math.Inf(1)
			}
			if rel > mp.Rel {
				mp.Rel, mp.Scenario = rel, name
			}
		}
		mp.Met = mp.Rel <= target
		st.Metrics = append(st.Metrics, mp)
	}
	if w := st.Widest(); reps > 0 && !math.IsInf(w.Rel, 0) && w.Rel >= 0 {
		st.Needed = max(reps, int(math.Ceil(float64(reps)*(w.Rel/target)*(w.Rel/target))))
	}
	return st
}

// Precise checks adaptive replication's stopping rule (PrecisionOf) and
// describes the widest interval found.
func Precise(scenarios []string, tails map[string][][]float64, target float64) (widest string, ok bool) {
	st := PrecisionOf(scenarios, tails, target, 0)
	return st.Widest().Short(), st.Met()
}
