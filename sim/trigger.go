package sim

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// A trigger starts a reform in each unit it covers when the unit's own
// value of a village metric crosses a threshold, instead of at a fixed
// month: the generalisation of Nanhai's staging — 村改居 where villages
// qualified, 政经分离 next, 政社分离 after [二(二)–二(四)] — that Dynamic
// Adaptive Policy Pathways calls a signpost and its trigger (Haasnoot et
// al. 2013). A schedule entry writes it as
//
//	trigger = "vote_buying_total_rate > 0.08"
//
// (a village metric, a comparison, a threshold), with trigger_window (the
// months whose values are averaged, default 1) and trigger_after (the
// first month it may fire). The threshold is the entry's `threshold` key,
// so sweeps and searches vary it (reforms[i].threshold); a number written
// in the trigger sets it.

// trigger is an entry's parsed trigger.
type trigger struct {
	metric VillageMetricID
	op     string
	window int
	after  int
	thresh float64
}

// triggerOps are the comparisons a trigger may make.
var triggerOps = []string{">=", "<=", ">", "<"}

// parseTrigger splits "metric op [number]" into its parts; number is NaN
// when the trigger gives none.
func parseTrigger(s string) (metric VillageMetricID, op string, number float64, err error) {
	fields := strings.Fields(s)
	// "x>0.08" as well as "x > 0.08".
	if len(fields) == 1 {
		for _, o := range triggerOps {
			if name, rest, ok := strings.Cut(fields[0], o); ok && name != "" {
				fields = []string{name, o}
				if rest != "" {
					fields = append(fields, rest)
				}
				break
			}
		}
	}
	if len(fields) < 2 || len(fields) > 3 {
		return 0, "", 0, fmt.Errorf("%q is not a trigger: want a village metric, a comparison (%s) and a threshold, as in \"vote_buying_total_rate > 0.08\"", s, strings.Join(triggerOps, " "))
	}
	i := slices.Index(VillageMetrics(), fields[0])
	if i < 0 {
		msg := fmt.Sprintf("unknown village metric %q", fields[0])
		if c := Closest(fields[0], VillageMetrics()); c != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", c)
		}
		return 0, "", 0, fmt.Errorf("%s; allowed %s", msg, strings.Join(VillageMetrics(), ", "))
	}
	if !slices.Contains(triggerOps, fields[1]) {
		return 0, "", 0, fmt.Errorf("%q is not a comparison: allowed %s", fields[1], strings.Join(triggerOps, " "))
	}
	number = math.NaN()
	if len(fields) == 3 {
		x, err := strconv.ParseFloat(fields[2], 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return 0, "", 0, fmt.Errorf("%q is not a threshold: want a number, as in \"vote_buying_total_rate > 0.08\"", fields[2])
		}
		number = x
	}
	return VillageMetricID(i), fields[1], number, nil
}

// normalize moves a number written in the trigger into Threshold and
// leaves the trigger as "metric op", so that the threshold has one home
// (the key sweeps vary). A trigger that does not parse is left alone for
// Validate to refuse.
func (r *ReformSpec) normalize() {
	if r.Trigger == "" {
		return
	}
	metric, op, number, err := parseTrigger(r.Trigger)
	if err != nil {
		return
	}
	r.Trigger = VillageMetrics()[metric] + " " + op
	if !math.IsNaN(number) {
		r.Threshold = number
	}
}

// triggerOf is an entry's trigger, nil when it starts at `start`.
func (r *ReformSpec) triggerOf() *trigger {
	if r.Trigger == "" {
		return nil
	}
	metric, op, number, err := parseTrigger(r.Trigger)
	if err != nil {
		return nil // Validate refuses it before a model is built
	}
	t := &trigger{metric: metric, op: op, window: max(1, r.TriggerWindow), after: r.TriggerAfter, thresh: r.Threshold}
	if !math.IsNaN(number) {
		t.thresh = number
	}
	return t
}

// holds reports whether x crosses the threshold.
func (t *trigger) holds(x float64) bool {
	switch t.op {
	case ">":
		return x > t.thresh
	case ">=":
		return x >= t.thresh
	case "<":
		return x < t.thresh
	default:
		return x <= t.thresh
	}
}

// signal is what a unit has seen of one trigger's metric: its values of
// the last months (NaN where the metric was not defined, as in months
// without an election), in a ring, and the last defined value.
type signal struct {
	ring []float64
	next int
	last float64
}

func newSignal(window int) signal {
	s := signal{ring: make([]float64, window), last: math.NaN()}
	for i := range s.ring {
		s.ring[i] = math.NaN()
	}
	return s
}

func (s *signal) push(x float64) {
	s.ring[s.next] = x
	s.next = (s.next + 1) % len(s.ring)
	if !math.IsNaN(x) {
		s.last = x
	}
}

// value is the signal a trigger compares: the mean of the defined values
// in the window or, where none is defined in it (a metric of election
// months, say), the last defined value; NaN before any.
func (s *signal) value() float64 {
	var sum float64
	n := 0
	for _, x := range s.ring {
		if !math.IsNaN(x) {
			sum += x
			n++
		}
	}
	if n == 0 {
		return s.last
	}
	return sum / float64(n)
}

// fired reports whether entry k's trigger lets it reach the unit this
// month: always for an entry without one; otherwise from trigger_after on,
// once the unit's signal crosses the threshold.
func (m *Model) fired(v *Village, k, month int) bool {
	t := m.entryTrig[k]
	if t == nil {
		return true
	}
	if month < t.after {
		return false
	}
	x := v.signals[k].value()
	return !math.IsNaN(x) && t.holds(x)
}

// observeSignals records this month's values of the triggers' metrics,
// at the end of the unit's month, for the next month's phase 1.
func (m *Model) observeSignals(v *Village) {
	if !m.hasTriggers {
		return
	}
	m.villageValues(v, v.trigVals)
	for k, t := range m.entryTrig {
		if t != nil {
			v.signals[k].push(v.trigVals[t.metric])
		}
	}
}

// staticValue is a metric fixed at set-up (the unit's distance and
// position), for triggers checked in month 0.
func staticValue(m *Model, v *Village, id VillageMetricID) float64 {
	switch villageTable[id] {
	case Distance:
		return v.Distance
	case PositionX:
		return m.X[v.ID]
	case PositionY:
		return m.Y[v.ID]
	}
	return math.NaN()
}
