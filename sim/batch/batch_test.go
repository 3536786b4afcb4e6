package batch

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

func TestSplit(t *testing.T) {
	for _, tc := range []struct{ workers, n, par, per int }{
		{2, 50, 2, 1}, {2, 1, 1, 2}, {7, 3, 3, 2}, {1, 10, 1, 1}, {8, 0, 1, 8},
	} {
		p, q := Split(tc.workers, tc.n)
		if p != tc.par || q != tc.per {
			t.Errorf("Split(%d, %d) = %d, %d; want %d, %d", tc.workers, tc.n, p, q, tc.par, tc.per)
		}
	}
}

// TestInOrder checks that done sees every index once, in order, whatever
// order the runs finish in.
func TestInOrder(t *testing.T) {
	const n = 40
	var got []int
	run := func(ctx context.Context, i, per int) error {
		time.Sleep(time.Duration((n-i)%7) * time.Millisecond) // finish out of order
		return nil
	}
	done := func(i int) error { got = append(got, i); return nil }
	k, err := Run(context.Background(), n, Options{Workers: 4}, run, done)
	if err != nil || k != n {
		t.Fatalf("Run = %d, %v", k, err)
	}
	for i, x := range got {
		if x != i {
			t.Fatalf("done order %v", got)
		}
	}
}

// TestCancelKeepsPrefix cancels mid-way: done has seen a prefix 0..k-1 and
// Run reports the cancellation.
func TestCancelKeepsPrefix(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var started atomic.Int64
	run := func(ctx context.Context, i, per int) error {
		if started.Add(1) == 10 {
			cancel()
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Millisecond):
			return nil
		}
	}
	var got []int
	k, err := Run(ctx, 100, Options{Workers: 2}, run, func(i int) error { got = append(got, i); return nil })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if k != len(got) || k >= 100 {
		t.Fatalf("kept %d runs, done saw %d", k, len(got))
	}
	for i, x := range got {
		if x != i {
			t.Fatalf("kept runs are not a prefix: %v", got)
		}
	}
}

func TestErrorStops(t *testing.T) {
	boom := errors.New("boom")
	run := func(ctx context.Context, i, per int) error {
		if i == 3 {
			return boom
		}
		return nil
	}
	k, err := Run(context.Background(), 20, Options{Workers: 1}, run, func(int) error { return nil })
	if !errors.Is(err, boom) || k != 3 {
		t.Fatalf("Run = %d, %v; want 3 runs and boom", k, err)
	}
}
