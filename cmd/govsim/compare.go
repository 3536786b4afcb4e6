package main

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/govsim/govsim/analysis"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim"
)

// badInput marks an error as bad input (exit status 2) without changing its
// message.
type badInput struct{ error }

func (badInput) BadInput() bool  { return true }
func (b badInput) Unwrap() error { return b.error }

// precisionMetrics are the headline metrics adaptive replication watches.
func precisionMetrics() []string {
	return []string{
		"composite_index", "satisfaction_local", "satisfaction_migrant", "trust_committee",
		"disputes_opened_per_1000", "vote_buying_rate", "leakage_share", "fiscal_spending",
	}
}

// shareFloor is the smallest mean a [0,1] metric is judged against: a vote
// buying rate of 0.001 ± 0.001 is precise enough for any policy question,
// though its relative half-width is 100%.
const shareFloor = 0.05

func cmdCompare(ctx context.Context, e env, args []string) error {
	fs := newFlags("compare", compareHelp, e)
	var f runFlags
	f.add(fs) // -replicates is the first batch with -precision
	ref := fs.String("ref", "baseline", "reference scenario")
	window := fs.Int("window", 60, "months at the end summarised")
	precision := fs.Float64("precision", 0, "add replicates until every headline half-width is below this share of its mean (0: off)")
	maxReps := fs.Int("max-replicates", 100, "most replicates per scenario with -precision")
	maps := fs.String("maps", "", "months of the village maps (year ends, comma-separated)")
	mapBy := fs.String("map-by", "satisfaction", "colour of the village maps: satisfaction, trust or status")
	pos, err := parse(fs, compareHelp, e, args)
	if err != nil {
		return err
	}
	if err := checkRunFlags(&f); err != nil {
		return err
	}
	if err := intRange("window", *window, 1, 1200); err != nil {
		return err
	}
	if *precision < 0 || *precision >= 1 || math.IsNaN(*precision) {
		return usagef("-precision = %g is out of range: allowed 0 (off) or a share in (0, 1)", *precision)
	}
	if *precision > 0 {
		if err := intRange("max-replicates", *maxReps, f.replicates, 100000); err != nil {
			return err
		}
		if f.replicates < 2 {
			return usagef("-precision needs -replicates of at least 2 to estimate an interval")
		}
	}
	mo, err := parseMapFlags(*maps, *mapBy)
	if err != nil {
		return err
	}
	scs, err := loadScenarios(pos, f.months)
	if err != nil {
		return err
	}
	found := false
	for _, sc := range scs {
		found = found || sc.Name == *ref
		if *window > sc.Config.Months {
			return usagef("-window = %d is longer than scenario %s's %d months", *window, sc.Name, sc.Config.Months)
		}
	}
	if !found {
		return usagef("reference scenario %q is not among those run (%s); set -ref", *ref, scenarioNames(scs))
	}

	s, err := newSession(e, scs, f, *window)
	if err != nil {
		return err
	}
	reps := f.replicates
	runErr := s.runReps(ctx, 0, reps)
	note := fmt.Sprintf("%d per scenario", reps)
	for *precision > 0 && runErr == nil {
		worst, ok := precisionMet(s.res, *precision)
		if ok {
			note = fmt.Sprintf("%d per scenario: stopped because every headline metric's 95%% half-width is below %g of its mean (largest: %s)", reps, *precision, worst)
			break
		}
		if reps >= *maxReps {
			note = fmt.Sprintf("%d per scenario: stopped by -max-replicates before the precision was reached (still widest: %s)", reps, worst)
			break
		}
		next := reps * 2
		if next > *maxReps {
			next = *maxReps
		}
		fmt.Fprintf(e.stderr, "precision not reached at %d replicates (%s); running up to %d\n", reps, worst, next)
		runErr = s.runReps(ctx, reps, next)
		reps = next
	}
	if err := s.finish(runErr); err != nil {
		return err
	}
	return writeReport(e, f.out, *ref, *window, mo, note)
}

// precisionMet checks every scenario's headline metrics and describes the
// widest relative half-width.
func precisionMet(res *runResult, precision float64) (string, bool) {
	idx := map[string]int{}
	for i, n := range sim.DistrictMetrics() {
		idx[n] = i
	}
	worst, worstRel := "", -1.0
	for _, name := range res.names {
		tails := res.tails[name]
		for _, m := range precisionMetrics() {
			x := make([]float64, 0, len(tails))
			for _, t := range tails {
				if v := t[idx[m]]; !math.IsNaN(v) {
					x = append(x, v)
				}
			}
			h, mean := halfWidth(x)
			scale := math.Abs(mean)
			if isShare(m) && scale < shareFloor {
				scale = shareFloor
			}
			rel := h / scale
			if math.IsNaN(rel) || math.IsInf(rel, 0) {
				rel = math.Inf(1)
			}
			if rel > worstRel {
				worstRel = rel
				worst = fmt.Sprintf("%s in %s, ±%.1f%%", m, name, 100*rel)
			}
		}
	}
	return worst, worstRel <= precision
}

func isShare(metric string) bool {
	switch metric {
	case "disputes_opened_per_1000", "fiscal_spending":
		return false
	}
	return true
}

func scenarioNames(scs []scenarios.Scenario) string {
	names := make([]string, len(scs))
	for i, sc := range scs {
		names[i] = sc.Name
	}
	return strings.Join(names, ", ")
}

// halfWidth is the 95% t half-width and the mean of replicate values.
func halfWidth(x []float64) (h, mean float64) {
	s := analysis.Summarize(x, 0.95)
	return s.HalfWidth, s.Mean
}
