package experiment

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"github.com/govsim/govsim/sim"
)

// Options controls how an experiment runs; none of it changes a run's
// results.
type Options struct {
	Workers       int  // goroutines in all; ≤ 0 means all cores
	VillageDetail bool // village values every month instead of yearly means
	// Ordered hands finished runs to the Recorder in spec order, from one
	// goroutine (for files written in run order); otherwise each run is
	// handed over as soon as it finishes, from the goroutine that ran it
	// (for crash-safe parts: nothing finished waits in memory).
	Ordered bool
	// Skip leaves runs out: those already kept (resume) or another shard's.
	Skip func(id int) bool
	// Progress is told of every finished run; nil for none.
	Progress *Progress
}

// Recorder records runs: New makes the observer of a run before it starts,
// Done receives it once the run has finished. With Options.Ordered Done is
// called in spec order from one goroutine; otherwise concurrently.
type Recorder struct {
	New  func(s *Spec) sim.Observer
	Done func(s *Spec, o sim.Observer) error
}

// Stats says what Run did.
type Stats struct {
	Runs    int           // runs handed to the Recorder
	Skipped int           // runs left out by Options.Skip
	Elapsed time.Duration // wall time
}

// Rate is runs per second.
func (s Stats) Rate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Runs) / s.Elapsed.Seconds()
}

// RunError is a run that failed, by its spec.
type RunError struct {
	Spec Spec
	Err  error
}

func (e *RunError) Error() string {
	s := &e.Spec
	if s.Point >= 0 {
		return fmt.Sprintf("run %d (point %d, scenario %s, replicate %d): %v", s.ID, s.Point, s.Scenario, s.Replicate, e.Err)
	}
	return fmt.Sprintf("run %d (scenario %s, replicate %d): %v", s.ID, s.Scenario, s.Replicate, e.Err)
}

func (e *RunError) Unwrap() error { return e.Err }

// Run runs every spec not skipped on a pool of workers and hands each
// finished run to rec. Results never depend on the workers: each run draws
// only from its own streams. When ctx is cancelled, runs in flight are
// abandoned (never handed over), runs finished before are kept — with
// Ordered, every run before the first unfinished one in spec order — and
// Run returns ctx's error. The first run that fails stops the rest.
func Run(ctx context.Context, specs Specs, opt Options, rec Recorder) (Stats, error) {
	start := time.Now()
	var pending []int
	for i := 0; i < specs.Len(); i++ {
		if opt.Skip == nil || !opt.Skip(i) {
			pending = append(pending, i)
		}
	}
	st := Stats{Skipped: specs.Len() - len(pending)}
	n, err := pool(ctx, len(pending), opt, func(ctx context.Context, j, perRun int) (_ *Spec, _ sim.Observer, err error) {
		// A panic in a run is a failure of that run (exit status 1), not
		// a crash of the process with the runtime's status 2.
		defer func() {
			if r := recover(); r != nil {
				err = &RunError{Spec: Spec{ID: pending[j], Point: -1}, Err: fmt.Errorf("panic: %v\n%s", r, debug.Stack())}
			}
		}()
		s, err := specs.At(pending[j])
		if err != nil {
			return nil, nil, &RunError{Spec: s, Err: err}
		}
		m, err := s.Model()
		if err != nil {
			return nil, nil, &RunError{Spec: s, Err: err}
		}
		obs := rec.New(&s)
		if err := m.Run(ctx, sim.Options{Workers: perRun, VillageDetail: opt.VillageDetail}, obs); err != nil {
			if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				return nil, nil, err
			}
			return nil, nil, &RunError{Spec: s, Err: err}
		}
		return &s, obs, nil
	}, func(s *Spec, o sim.Observer) error {
		if err := rec.Done(s, o); err != nil {
			return err
		}
		opt.Progress.Add(1)
		return nil
	})
	st.Runs, st.Elapsed = n, time.Since(start)
	return st, err
}

// Split decides how n runs use the workers: how many runs go at once, and
// how many goroutines each run steps its villages with. Runs in parallel
// use cores best; villages in parallel help when runs are few.
func Split(workers, n int) (parallel, perRun int) {
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	if n <= 0 {
		return 1, workers
	}
	parallel = min(workers, n)
	perRun = max(1, workers/parallel)
	return parallel, perRun
}

type result struct {
	i   int
	s   *Spec
	o   sim.Observer
	err error
}

// pool runs n jobs on the workers and hands each result to done, in index
// order when opt.Ordered; it returns how many were handed over.
func pool(ctx context.Context, n int, opt Options, run func(ctx context.Context, i, perRun int) (*Spec, sim.Observer, error), done func(*Spec, sim.Observer) error) (int, error) {
	if n == 0 {
		return 0, ctx.Err()
	}
	parallel, perRun := Split(opt.Workers, n)
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan int)
	results := make(chan result, parallel)
	var wg sync.WaitGroup
	var mu sync.Mutex // guards handed and firstErr for unordered runs
	handed := 0
	var firstErr error
	fail := func(err error) {
		if firstErr == nil && !errors.Is(err, context.Canceled) {
			firstErr = err
		}
		cancel()
	}
	for w := 0; w < parallel; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				s, o, err := run(ctx, i, perRun)
				if opt.Ordered || err != nil {
					results <- result{i, s, o, err}
					continue
				}
				// Unordered: keep the finished run at once, from this goroutine.
				if err := done(s, o); err != nil {
					mu.Lock()
					fail(err)
					mu.Unlock()
					continue
				}
				mu.Lock()
				handed++
				mu.Unlock()
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

	finished := map[int]result{}
	next := 0
	for r := range results {
		if r.err != nil {
			mu.Lock()
			fail(r.err)
			mu.Unlock()
			continue
		}
		finished[r.i] = r
		for {
			f, ok := finished[next]
			mu.Lock()
			stop := !ok || firstErr != nil
			mu.Unlock()
			if stop {
				break
			}
			delete(finished, next)
			if err := done(f.s, f.o); err != nil {
				mu.Lock()
				fail(err)
				mu.Unlock()
				break
			}
			next++
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if opt.Ordered {
		handed = next
	}
	switch {
	case firstErr != nil:
		return handed, firstErr
	case handed < n && parent.Err() != nil:
		return handed, parent.Err()
	case handed < n:
		return handed, context.Canceled
	}
	return handed, nil
}
