package sim

import (
	"context"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
)

// Observer receives a run's observations as they are made. Values are
// indexed like DistrictMetrics and VillageMetrics; NaN means "not defined
// this month". The slices are reused: copy what you keep.
type Observer interface {
	District(month int, values []float64) error
	Village(month, village int, values []float64) error
}

// Options controls how a run executes; none of it changes the results.
type Options struct {
	Workers       int  // goroutines stepping villages; ≤ 0 means all cores
	VillageDetail bool // per-village rows every month instead of yearly means
}

// Run steps the model for Cfg.Months months, villages in parallel, with a
// barrier before each district phase. Results are identical for any number
// of workers. It stops early, with ctx's error, when ctx is cancelled.
func (m *Model) Run(ctx context.Context, opt Options, obs Observer) error {
	r := m.Start(opt)
	defer r.Close()
	for !r.Done() {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := r.Step(obs); err != nil {
			return err
		}
	}
	return nil
}

// Runner steps a model one month at a time, for callers that pace the
// months themselves (a live view): Run is Start, Step until Done, Close.
type Runner struct {
	m              *Model
	opt            Options
	p              *pool
	vals           []float64
	yearSum, yearN [][]float64
}

// Start prepares the model's worker pool; Close releases it.
func (m *Model) Start(opt Options) *Runner {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	if workers > len(m.Villages) {
		workers = len(m.Villages)
	}
	nv := int(NumVillageMetrics)
	r := &Runner{m: m, opt: opt, p: newPool(workers, m), vals: make([]float64, nv)}
	if !opt.VillageDetail {
		r.yearSum = make([][]float64, len(m.Villages))
		r.yearN = make([][]float64, len(m.Villages))
		for i := range r.yearSum {
			r.yearSum[i] = make([]float64, nv)
			r.yearN[i] = make([]float64, nv)
		}
	}
	return r
}

// Done reports whether every month of the scenario has been simulated.
func (r *Runner) Done() bool { return r.m.Month >= r.m.Cfg.Months }

// Step simulates the next month and reports it to obs: the district values
// every month, and the village values every month with VillageDetail,
// otherwise their means at each year's end (and at the last month).
func (r *Runner) Step(obs Observer) error {
	m := r.m
	month := m.Month
	r.p.step(month)
	m.migrationIn()
	if err := obs.District(month, m.districtValues(month)); err != nil {
		return err
	}
	yearEnd := month%12 == 11 || month == m.Cfg.Months-1
	vals := r.vals
	for i, v := range m.Villages {
		m.villageValues(v, vals)
		if r.opt.VillageDetail {
			if err := obs.Village(month, i, vals); err != nil {
				return err
			}
			continue
		}
		sum, n := r.yearSum[i], r.yearN[i]
		for j, x := range vals {
			if !math.IsNaN(x) {
				sum[j] += x
				n[j]++
			}
		}
		if yearEnd {
			for j := range vals {
				vals[j] = nanDiv(sum[j], n[j])
				sum[j], n[j] = 0, 0
			}
			if err := obs.Village(month, i, vals); err != nil {
				return err
			}
		}
	}
	m.Month++
	return nil
}

// Close stops the worker pool.
func (r *Runner) Close() { r.p.close() }

// Discard is an Observer that keeps nothing: for timing runs.
type Discard struct{}

func (Discard) District(int, []float64) error     { return nil }
func (Discard) Village(int, int, []float64) error { return nil }

// Step advances the model by one month without observers (benchmarks).
func (m *Model) Step(workers int) {
	if workers <= 0 {
		workers = 1
	}
	p := newPool(workers, m)
	p.step(m.Month)
	p.close()
	m.migrationIn()
	m.districtValues(m.Month)
	m.Month++
}

// pool steps villages in parallel: each month every worker takes villages
// by an atomic counter until none are left; the WaitGroup is the barrier.
type pool struct {
	m       *Model
	workers int
	start   []chan int
	wg      sync.WaitGroup
	next    atomic.Int64
	cn      []counts // per-worker scratch
}

func newPool(workers int, m *Model) *pool {
	p := &pool{m: m, workers: workers, cn: make([]counts, workers)}
	if workers > 1 {
		p.start = make([]chan int, workers)
		for w := range p.start {
			p.start[w] = make(chan int)
			go p.worker(w)
		}
	}
	return p
}

func (p *pool) worker(w int) {
	for month := range p.start[w] {
		p.drain(w, month)
		p.wg.Done()
	}
}

func (p *pool) drain(w, month int) {
	vs := p.m.Villages
	for {
		i := int(p.next.Add(1)) - 1
		if i >= len(vs) {
			return
		}
		p.m.stepVillage(vs[i], month, &p.cn[w])
	}
}

func (p *pool) step(month int) {
	p.next.Store(0)
	if p.workers <= 1 {
		p.drain(0, month)
		return
	}
	p.wg.Add(p.workers)
	for _, ch := range p.start {
		ch <- month
	}
	p.wg.Wait()
}

func (p *pool) close() {
	for _, ch := range p.start {
		close(ch)
	}
}
