package live

import (
	"math"

	"github.com/govsim/govsim/sim"
)

// pane is one district of a session: its settings, its run, and what has
// been observed of it. The session's loop goroutine is the only writer;
// streams read under the session's lock. rows only grows and a row never
// changes once appended; layers are replaced, never changed in place; so a
// stream may encode what it read after letting the lock go.
type pane struct {
	settings PaneSettings
	cfg      sim.Config
	run      Run
	gen      int  // changes when the pane is rebuilt: streams then send it whole
	modified bool // its configuration differs from its scenario's

	x, y   []float64
	rows   [][]float64 // district values, by month
	layers [][]float64 // map values by layer, one per village: the latest month
	events []Event

	rec    recorder
	status []int // villages' status bits after the last month
}

// recorder keeps one month's observations; sim reuses its slices, so they
// are copied.
type recorder struct {
	district []float64
	village  [][]float64
}

func (r *recorder) District(_ int, v []float64) error {
	r.district = append(r.district[:0], v...)
	return nil
}

func (r *recorder) Village(_ int, i int, v []float64) error {
	for len(r.village) <= i {
		r.village = append(r.village, make([]float64, len(v)))
	}
	copy(r.village[i], v)
	return nil
}

// newPane builds a pane at month 0: positions and statuses from the
// initial state, no values yet.
func newPane(ps PaneSettings, cfg sim.Config, run Run, gen int) *pane {
	m := run.Model()
	n := len(m.Villages)
	p := &pane{settings: ps, cfg: cfg, run: run, gen: gen,
		x: append([]float64(nil), m.X...), y: append([]float64(nil), m.Y...), status: make([]int, n)}
	ls := layers()
	p.layers = make([][]float64, len(ls))
	for k, l := range ls {
		vals := make([]float64, n)
		for i, v := range m.Villages {
			switch {
			case l.Key == statusLayer:
				if v.Mech.Community {
					p.status[i] = stCommunity
				}
				vals[i] = float64(p.status[i])
			case l.Metric == sim.VResidents:
				vals[i] = float64(v.Residents.Len()) * cfg.District.Scale
			default:
				vals[i] = math.NaN()
			}
		}
		p.layers[k] = vals
	}
	return p
}

// monthResult is what one month adds to a pane.
type monthResult struct {
	row    []float64
	layers [][]float64
	events []Event
	status []int
}

// step simulates the pane's next month and returns what it adds; the
// caller publishes it (under the session's lock) with apply.
func (p *pane) step() (monthResult, error) {
	month := p.run.Month()
	if err := p.run.Step(&p.rec); err != nil {
		return monthResult{}, err
	}
	res := monthResult{row: append([]float64(nil), p.rec.district...)}
	vs := p.rec.village
	res.status = make([]int, len(vs))
	for i, v := range vs {
		res.status[i] = statusOf(v)
	}
	ls := layers()
	res.layers = make([][]float64, len(ls))
	for k, l := range ls {
		vals := make([]float64, len(vs))
		for i, v := range vs {
			switch {
			case l.Key == statusLayer:
				vals[i] = float64(res.status[i])
			case l.Carry && math.IsNaN(v[l.Metric]) && i < len(p.layers[k]):
				vals[i] = p.layers[k][i] // the last election's value
			default:
				vals[i] = v[l.Metric]
			}
		}
		res.layers[k] = vals
	}
	res.events = monthEvents(month, p.status, res.status, vs, res.row)
	return res, nil
}

// apply adds a month's results to what streams see.
func (p *pane) apply(r monthResult) {
	p.rows = append(p.rows, r.row)
	p.layers = r.layers
	p.events = append(p.events, r.events...)
	p.status = r.status
}
