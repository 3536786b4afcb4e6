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
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	if workers > len(m.Villages) {
		workers = len(m.Villages)
	}
	p := newPool(workers, m)
	defer p.close()
	nv := int(NumVillageMetrics)
	vals := make([]float64, nv)
	yearSum := make([][]float64, len(m.Villages))
	yearN := make([][]float64, len(m.Villages))
	for i := range yearSum {
		yearSum[i] = make([]float64, nv)
		yearN[i] = make([]float64, nv)
	}
	for m.Month < m.Cfg.Months {
		if err := ctx.Err(); err != nil {
			return err
		}
		month := m.Month
		p.step(month)
		m.migrationIn()
		if err := obs.District(month, m.districtValues(month)); err != nil {
			return err
		}
		yearEnd := month%12 == 11 || month == m.Cfg.Months-1
		for i, v := range m.Villages {
			m.villageValues(v, vals)
			if opt.VillageDetail {
				if err := obs.Village(month, i, vals); err != nil {
					return err
				}
				continue
			}
			for j, x := range vals {
				if !math.IsNaN(x) {
					yearSum[i][j] += x
					yearN[i][j]++
				}
			}
			if yearEnd {
				for j := range vals {
					vals[j] = nanDiv(yearSum[i][j], yearN[i][j])
					yearSum[i][j], yearN[i][j] = 0, 0
				}
				if err := obs.Village(month, i, vals); err != nil {
					return err
				}
			}
		}
		m.Month++
	}
	return nil
}

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
