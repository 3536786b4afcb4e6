package live

import (
	"encoding/json"
	"fmt"
	"image/color"
	"math"
	"strconv"

	"github.com/govsim/govsim/output/chart"
)

// sentPane is what a stream has sent of a pane so far.
type sentPane struct{ gen, rows, events int }

// update is one message of the stream: the session's state and, for each
// pane, what the stream has not sent yet (all of it when the pane was
// rebuilt).
type update struct {
	month, months int
	running, over bool
	speed         int
	seed          uint64
	err           string
	panes         [2]paneUpdate
}

type paneUpdate struct {
	p      *pane
	full   bool
	from   int
	rows   [][]float64
	layers [][]float64 // nil: unchanged
	events []Event
	en, zh string
	color  string
	dashed bool
}

// snapshot takes, under the lock, what the stream has not sent; the slices
// it keeps are never changed afterwards (see pane), so encoding needs no
// lock. It returns the channel that closes at the next change, and whether
// there is anything new.
func (s *session) snapshot(sent *[2]sentPane) (update, <-chan struct{}, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := update{month: s.month, running: s.running, over: s.over, speed: s.speed, seed: s.seed, err: s.errMsg}
	if s.panes[0] == nil {
		return u, s.changed, false
	}
	var looks [2]chart.Scenario
	for i, p := range s.panes {
		looks[i] = lookOf(p.cfg)
		if p.modified {
			// Not the scenario any more: not its colour either.
			looks[i] = chart.Scenario{Name: p.settings.Scenario + " (changed)"}
		}
		u.months = max(u.months, p.cfg.Months)
	}
	cols := chart.ScenarioColors(looks[:])
	for i, p := range s.panes {
		look := lookOf(p.cfg)
		pu := paneUpdate{p: p, color: hexColor(cols[i]), dashed: i == 1 && cols[0] == cols[1],
			en: look.Text(), zh: textZH(look)}
		if p.modified {
			pu.en += " + changes"
			pu.zh += "（已修改）"
		}
		sp := &sent[i]
		if sp.gen != p.gen {
			*sp = sentPane{gen: p.gen}
			pu.full = true
		}
		pu.from = sp.rows
		pu.rows = p.rows[sp.rows:len(p.rows):len(p.rows)]
		pu.events = p.events[sp.events:len(p.events):len(p.events)]
		if pu.full || len(pu.rows) > 0 {
			pu.layers = p.layers
		}
		sp.rows, sp.events = len(p.rows), len(p.events)
		u.panes[i] = pu
	}
	return u, s.changed, true
}

func hexColor(c color.NRGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// encode writes the message as JSON. District values are written exactly
// (the shortest decimal that reads back to the same float64), so that the
// page holds bit for bit what govsim run writes; NaN ("not defined this
// month") is null. Map values only colour dots and are rounded.
func (u *update) encode(b []byte) []byte {
	b = append(b, `{"month":`...)
	b = strconv.AppendInt(b, int64(u.month), 10)
	b = append(b, `,"months":`...)
	b = strconv.AppendInt(b, int64(u.months), 10)
	b = append(b, `,"running":`...)
	b = strconv.AppendBool(b, u.running)
	b = append(b, `,"over":`...)
	b = strconv.AppendBool(b, u.over)
	b = append(b, `,"speed":`...)
	b = strconv.AppendInt(b, int64(u.speed), 10)
	b = append(b, `,"seed":`...)
	b = strconv.AppendUint(b, u.seed, 10)
	b = append(b, `,"error":`...)
	b = appendString(b, u.err)
	if u.panes[0].p == nil {
		return append(b, `,"panes":[]}`...)
	}
	b = append(b, `,"panes":[`...)
	for i := range u.panes {
		if i > 0 {
			b = append(b, ',')
		}
		b = u.panes[i].encode(b)
	}
	return append(b, "]}"...)
}

func (pu *paneUpdate) encode(b []byte) []byte {
	p := pu.p
	b = append(b, `{"gen":`...)
	b = strconv.AppendInt(b, int64(p.gen), 10)
	b = append(b, `,"full":`...)
	b = strconv.AppendBool(b, pu.full)
	b = append(b, `,"from":`...)
	b = strconv.AppendInt(b, int64(pu.from), 10)
	b = append(b, `,"label":{"en":`...)
	b = appendString(b, pu.en)
	b = append(b, `,"zh":`...)
	b = appendString(b, pu.zh)
	b = append(b, `},"color":`...)
	b = appendString(b, pu.color)
	b = append(b, `,"dashed":`...)
	b = strconv.AppendBool(b, pu.dashed)
	if pu.full {
		b = append(b, `,"months":`...)
		b = strconv.AppendInt(b, int64(p.cfg.Months), 10)
		b = append(b, `,"settings":`...)
		b = appendJSON(b, wireOf(p.settings))
		var rs []map[string]any
		for _, r := range p.cfg.Reforms {
			rs = append(rs, encodeReform(r))
		}
		if rs == nil {
			rs = []map[string]any{}
		}
		b = append(b, `,"reforms":`...)
		b = appendJSON(b, rs)
		b = append(b, `,"x":`...)
		b = appendFloats(b, p.x, 6)
		b = append(b, `,"y":`...)
		b = appendFloats(b, p.y, 6)
	}
	b = append(b, `,"rows":[`...)
	for i, r := range pu.rows {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendFloats(b, r, -1)
	}
	b = append(b, ']')
	if pu.layers != nil {
		b = append(b, `,"layers":[`...)
		for i, l := range pu.layers {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendFloats(b, l, 4)
		}
		b = append(b, ']')
	}
	b = append(b, `,"events":[`...)
	for i, e := range pu.events {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(e.Month), 10)
		b = append(b, ',')
		b = appendString(b, e.EN)
		b = append(b, ',')
		b = appendString(b, e.ZH)
		b = append(b, ']')
	}
	return append(b, "]}"...)
}

// appendFloats writes xs as a JSON array with digits significant digits
// (−1: exact); NaN and ±Inf are null.
func appendFloats(b []byte, xs []float64, digits int) []byte {
	b = append(b, '[')
	for i, x := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		if math.IsNaN(x) || math.IsInf(x, 0) {
			b = append(b, "null"...)
			continue
		}
		b = strconv.AppendFloat(b, x, 'g', digits, 64)
	}
	return append(b, ']')
}

func appendString(b []byte, s string) []byte { return appendJSON(b, s) }

// appendJSON writes small structured values; encoding/json cannot fail on
// the strings, maps and numbers given here.
func appendJSON(b []byte, v any) []byte {
	j, err := json.Marshal(v)
	if err != nil {
		panic("live: encoding " + err.Error()) // a programming error, caught by tests
	}
	return append(b, j...)
}
