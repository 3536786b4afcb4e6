package experiment

import (
	"context"
	"fmt"
)

// Precision is adaptive replication: replicates are added in doubling
// batches until every interval watched is tight enough, or Max is reached.
type Precision struct {
	Target float64 // largest relative half-width accepted, e.g. 0.05
	First  int     // replicates of the first batch
	Max    int     // most replicates per scenario
}

// Outcome says how adaptive replication ended.
type Outcome struct {
	Replicates int    // per scenario
	Met        bool   // every watched interval reached the target
	Widest     string // the widest interval, described by the check
	Stopped    bool   // ended by a failure or an interruption
}

// Replicate runs batch(ctx, from, to) for replicates [from, to) — first
// [0, First), then doubling — and after each batch asks enough(reps)
// whether the intervals are tight; say reports each new batch. It returns
// at the first batch's error.
func (p Precision) Replicate(ctx context.Context, batch func(ctx context.Context, from, to int) error,
	enough func(reps int) (widest string, ok bool), say func(msg string)) (Outcome, error) {
	reps := p.First
	out := Outcome{Replicates: reps}
	if err := batch(ctx, 0, reps); err != nil {
		out.Stopped = true
		return out, err
	}
	for {
		widest, ok := enough(reps)
		out.Widest, out.Met = widest, ok
		if ok || reps >= p.Max {
			return out, nil
		}
		next := min(2*reps, p.Max)
		if say != nil {
			say(fmt.Sprintf("precision not reached at %d replicates (%s); running up to %d", reps, widest, next))
		}
		if err := batch(ctx, reps, next); err != nil {
			out.Stopped = true
			return out, err
		}
		reps = next
		out.Replicates = reps
	}
}

// Note describes the outcome for a report.
func (o Outcome) Note(target float64) string {
	switch {
	case o.Met:
		return fmt.Sprintf("%d per scenario: stopped because every headline metric's 95%% half-width is below %g of its mean (largest: %s)", o.Replicates, target, o.Widest)
	case o.Stopped:
		return fmt.Sprintf("%d per scenario: stopped early", o.Replicates)
	}
	return fmt.Sprintf("%d per scenario: stopped by -max-replicates before the precision was reached (still widest: %s)", o.Replicates, o.Widest)
}
