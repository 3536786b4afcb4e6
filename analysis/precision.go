package analysis

import (
	"fmt"
	"math"

	"github.com/govsim/govsim/sim"
)

// Precise checks adaptive replication's stopping rule: every headline
// metric's 95% half-width, in every scenario, is at most target of its
// mean's size, or of the metric's Floor if larger. tails holds,
// per scenario and replicate, each district metric's value over the final
// window (by sim.MetricID). It describes the widest interval found.
func Precise(scenarios []string, tails map[string][][]float64, target float64) (widest string, ok bool) {
	worst := -1.0
	for _, name := range scenarios {
		runs := tails[name]
		for _, m := range sim.Headline() {
			x := make([]float64, 0, len(runs))
			for _, t := range runs {
				if v := t[m.ID]; !math.IsNaN(v) {
					x = append(x, v)
				}
			}
			s := Summarize(x, 0.95)
			scale := math.Max(math.Abs(s.Mean), m.Floor)
			rel := s.HalfWidth / scale
			if math.IsNaN(rel) || math.IsInf(rel, 0) {
				rel = math.Inf(1)
			}
			if rel > worst {
				worst = rel
				widest = fmt.Sprintf("%s in %s, ±%.1f%%", m.Name, name, 100*rel)
			}
		}
	}
	return widest, worst <= target
}
