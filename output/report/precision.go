package report

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/govsim/govsim/analysis"
	"github.com/govsim/govsim/sim/table"
)

// What adaptive replication (compare -precision) says: before it starts,
// what it will run and how it decides; after each batch that is not
// enough, how far it is, how many replicates the spread so far suggests,
// and what the next batch costs at the pace measured; at the end, in the
// terminal, the report and the manifest, whether each headline metric
// reached the target and where it stopped.

// PrecisionStart is said before the first batch.
func PrecisionStart(target float64, first, most, scenarios int) string {
	return fmt.Sprintf("precision: adding replicates until every headline metric's 95%% half-width is within ±%s of its mean (shares and rates: of at least 0.05), in every scenario; "+
		"first %d replicates × %d scenarios = %d runs, doubling up to -max-replicates %d (%d runs at most); after each batch govsim estimates from the spread how many it needs and how long they take",
		pct(target), first, scenarios, first*scenarios, most, most*scenarios)
}

// PrecisionProgress is said when a batch has not reached the target and
// the next one starts: the metrics still too wide, the replicates the
// spread suggests (and whether -max-replicates allows them), and the next
// batch's runs and time at the pace of the runs so far.
func PrecisionProgress(st analysis.PrecisionStatus, next, most, scenarios, ran int, spent time.Duration) string {
	wider := st.Wider()
	var b strings.Builder
	fmt.Fprintf(&b, "precision ±%s not reached at %d replicates: %d of %d headline metrics wider (widest: %s)", pct(st.Target), st.Replicates, len(wider), len(st.Metrics), st.Widest().Short())
	if st.Needed > 0 {
		fmt.Fprintf(&b, "; the spread so far suggests about %d replicates", st.Needed)
		if st.Needed > most {
			fmt.Fprintf(&b, ", more than -max-replicates %d allows", most)
		}
	}
	runs := (next - st.Replicates) * scenarios
	fmt.Fprintf(&b, "; running up to %d: %d more runs", next, runs)
	if ran > 0 && spent > 0 {
		per := spent / time.Duration(ran)
		fmt.Fprintf(&b, ", about %s at %.2f runs/s", roundDuration(per*time.Duration(runs)), float64(ran)/spent.Seconds())
		if min(st.Needed, most) > next {
			fmt.Fprintf(&b, " (to %d replicates: about %s)", min(st.Needed, most), roundDuration(per*time.Duration((min(st.Needed, most)-st.Replicates)*scenarios)))
		}
	}
	return b.String()
}

// PrecisionRecord is the manifest's record of how adaptive replication
// ended.
func PrecisionRecord(st analysis.PrecisionStatus, most int) *table.Precision {
	p := &table.Precision{Target: st.Target, Met: st.Met(), Replicates: st.Replicates, Max: most, Widest: st.Widest().Short()}
	for _, m := range st.Metrics {
		p.Metrics = append(p.Metrics, table.PrecisionMetric{Metric: m.Metric, Scenario: m.Scenario, Rel: table.NullFloat(m.Rel), Met: m.Met})
	}
	return p
}

// PrecisionNote says how adaptive replication ended: the target, whether
// every headline metric reached it, which did not, and where it stopped.
func PrecisionNote(p table.Precision) string {
	var wider []string
	for _, m := range p.Metrics {
		if !m.Met {
			rel := "no interval"
			if x := float64(m.Rel); !math.IsNaN(x) && !math.IsInf(x, 0) {
				rel = fmt.Sprintf("±%.1f%%", 100*x)
			}
			wider = append(wider, fmt.Sprintf("%s (%s in %s)", m.Metric, rel, m.Scenario))
		}
	}
	if p.Met {
		n := len(p.Metrics)
		if n == 0 {
			return fmt.Sprintf("precision ±%s met at %d replicates per scenario: every headline metric's 95%% half-width is within it (widest: %s)", pct(p.Target), p.Replicates, p.Widest)
		}
		return fmt.Sprintf("precision ±%s met at %d replicates per scenario: all %d headline metrics' 95%% half-widths are within it in every scenario (widest: %s)", pct(p.Target), p.Replicates, n, p.Widest)
	}
	s := fmt.Sprintf("precision ±%s NOT met: stopped by -max-replicates at %d replicates per scenario", pct(p.Target), p.Replicates)
	if len(wider) > 0 {
		s += fmt.Sprintf("; %d of %d headline metrics are wider: %s", len(wider), len(p.Metrics), strings.Join(wider, ", "))
	} else {
		s += fmt.Sprintf(" (widest: %s)", p.Widest)
	}
	return s + "; raise -max-replicates or accept wider intervals"
}

// pct writes a share as a per cent: 0.05 is 5%.
func pct(x float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", 100*x), "0"), ".") + "%"
}

// roundDuration rounds a duration for a person: seconds below two
// minutes, then minutes, then hours and minutes.
func roundDuration(d time.Duration) string {
	switch {
	case d < time.Second:
		return "under a second"
	case d < 2*time.Minute:
		return d.Round(time.Second).String()
	case d < 2*time.Hour:
		return fmt.Sprintf("%d min", int(math.Round(d.Minutes())))
	}
	return d.Round(time.Minute).String()
}
