// Package batch runs many simulations on a pool of workers: replicates and
// scenarios in parallel, results handed back in run order whatever order
// they finish in, progress on a writer, and a clean stop on cancellation.
// It knows nothing of files or of the model's insides.
package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"
)

// Options controls a batch.
type Options struct {
	Workers  int       // total goroutines; ≤ 0 means all cores
	Progress io.Writer // where progress lines go; nil for none
	// After is how long a batch runs before progress is shown.
	After time.Duration
}

// Split decides how a batch of n runs uses the workers: how many runs go at
// once, and how many goroutines each run steps its villages with. Runs in
// parallel use cores best; villages in parallel help when runs are few.
func Split(workers, n int) (parallel, perRun int) {
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	if n <= 0 {
		return 1, workers
	}
	parallel = workers
	if parallel > n {
		parallel = n
	}
	perRun = workers / parallel
	if perRun < 1 {
		perRun = 1
	}
	return parallel, perRun
}

// Run calls run(ctx, i, perRun) for i in [0, n) on the pool, and done(i)
// for each finished run strictly in index order, from a single goroutine.
// When ctx is cancelled, runs in flight are abandoned, every run finished
// before them in order is still handed to done, and Run returns ctx's
// error together with the count of runs handed over.
func Run(ctx context.Context, n int, opt Options, run func(ctx context.Context, i, perRun int) error, done func(i int) error) (int, error) {
	parallel, perRun := Split(opt.Workers, n)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type result struct {
		i   int
		err error
	}
	jobs := make(chan int)
	results := make(chan result, parallel)
	var wg sync.WaitGroup
	for w := 0; w < parallel; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				err := run(ctx, i, perRun)
				results <- result{i, err}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := 0; i < n; i++ {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()

	prog := newProgress(opt.Progress, n, opt.After)
	finished := make(map[int]bool)
	next := 0
	var firstErr error
	for r := range results {
		if r.err != nil {
			if firstErr == nil && !errors.Is(r.err, context.Canceled) {
				firstErr = fmt.Errorf("run %d: %w", r.i, r.err)
			}
			cancel()
			continue
		}
		finished[r.i] = true
		for finished[next] && firstErr == nil {
			delete(finished, next)
			if err := done(next); err != nil {
				firstErr = err
				cancel()
				break
			}
			next++
			prog.tick(next)
		}
	}
	prog.end(next)
	if firstErr != nil {
		return next, firstErr
	}
	if next < n {
		if err := ctx.Err(); err != nil {
			return next, err
		}
		return next, context.Canceled
	}
	return next, nil
}

// progress prints "runs done of total, rate, time left" at most twice a
// second, and only once the batch has run longer than the delay.
type progress struct {
	w     io.Writer
	total int
	start time.Time
	after time.Duration
	last  time.Time
	shown bool
}

func newProgress(w io.Writer, total int, after time.Duration) *progress {
	return &progress{w: w, total: total, start: time.Now(), after: after}
}

func (p *progress) tick(done int) {
	if p.w == nil {
		return
	}
	now := time.Now()
	el := now.Sub(p.start)
	if el < p.after || now.Sub(p.last) < 500*time.Millisecond {
		return
	}
	p.last = now
	p.shown = true
	rate := float64(done) / el.Seconds()
	left := time.Duration(float64(p.total-done)/rate) * time.Second
	fmt.Fprintf(p.w, "\rruns %d/%d  %.1f runs/s  %s left   ", done, p.total, rate, left.Round(time.Second))
}

func (p *progress) end(done int) {
	if p.w == nil || !p.shown {
		return
	}
	el := time.Since(p.start)
	fmt.Fprintf(p.w, "\rruns %d/%d  %.1f runs/s  %s elapsed   \n", done, p.total, float64(done)/el.Seconds(), el.Round(100*time.Millisecond))
}
