package live

import (
	"fmt"
	"math"

	"github.com/govsim/govsim/sim"
)

// Class is a classroom session driven from Go instead of a page: the same
// settings, checks, runs and stepping as a page's session, with the clock
// moved by calls rather than a timer, so what it shows is what the page
// shows for the same presses. The lesson plans of docs/teaching.md are
// followed on it to write the numbers they quote, and tests ask it what
// the page must show.
//
// A Class is used from one goroutine.
type Class struct {
	srv *Server
	s   *session
}

// NewClass starts a session on b with the settings Setup would send (no
// panes: the default pair).
func NewClass(b Backend, opt Options, st Settings) (*Class, error) {
	srv, err := New(b, opt)
	if err != nil {
		return nil, err
	}
	c := &Class{srv: srv, s: newSession("class", b)}
	if err := c.Setup(st); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// Close releases the runs.
func (c *Class) Close() {
	c.s.closeRuns()
	c.srv.Close()
}

// Setup starts both panes again at month 0, as the Setup button does.
func (c *Class) Setup(st Settings) error {
	cmd, err := c.srv.setupCmd(st)
	if err != nil {
		return err
	}
	return c.s.setup(&cmd)
}

// Clock is the month the page's clock shows: the last month simulated,
// or −1 before the first.
func (c *Class) Clock() int { return c.s.month - 1 }

// Months is the length of the panes' runs.
func (c *Class) Months() int {
	return max(c.s.panes[0].cfg.Months, c.s.panes[1].cfg.Months)
}

// GoTo runs both panes until the clock shows month, as Go with "pause at
// month" does (or to the end of the runs, if sooner).
func (c *Class) GoTo(month int) error {
	if month <= c.Clock() {
		return fmt.Errorf("the clock already shows month %d; cannot go to month %d", c.Clock(), month)
	}
	until := month
	if err := c.s.do(command{control: &Control{Action: "go", Until: &until}}); err != nil {
		return err
	}
	for c.s.running {
		c.s.stepAll()
		if c.s.errMsg != "" {
			return fmt.Errorf("month %d: %s", c.Clock(), c.s.errMsg)
		}
	}
	return nil
}

// Pane returns pane i's settings as the page would send them again.
func (c *Class) Pane(i int) PaneSettings {
	ps := c.s.panes[i].settings
	if !ps.HasReforms {
		ps.Reforms, ps.HasReforms = c.s.panes[i].cfg.Reforms, true
	}
	params := map[string]float64{}
	for k, v := range ps.Params {
		params[k] = v
	}
	ps.Params = params
	return ps
}

// SetPane changes pane i's settings; the pane reruns from month 0 to the
// clock, as on the page.
func (c *Class) SetPane(i int, ps PaneSettings) error {
	cfg, err := c.srv.resolve(ps)
	if err != nil {
		return err
	}
	return c.s.replace(&paneCmd{i: i, ps: ps, cfg: cfg})
}

// SwitchOn ticks a reform kind in pane i: the page's rule, an entry of the
// kind from the next month in every village (coverage all).
func (c *Class) SwitchOn(i int, kind string) error {
	// As the page sends it, and read by the same reader.
	r, problems := sim.DecodeReform(map[string]any{"kind": kind, "start": float64(c.s.month), "coverage": "all", "fraction": 0.0})
	if len(problems) > 0 {
		return problems[0]
	}
	ps := c.Pane(i)
	ps.Reforms = append(append([]sim.ReformSpec(nil), ps.Reforms...), r)
	return c.SetPane(i, ps)
}

// SetParam sets a class parameter in the panes given, as a slider does
// (with "parameters in both panes" ticked, both).
func (c *Class) SetParam(key string, value float64, panes ...int) error {
	for _, i := range panes {
		ps := c.Pane(i)
		ps.Params[key] = value
		if err := c.SetPane(i, ps); err != nil {
			return err
		}
	}
	return nil
}

// Value is a district metric of pane i at a month the clock has passed:
// NaN when it is not defined that month (an election metric between
// elections) or not yet simulated.
func (c *Class) Value(i int, metric string, month int) float64 {
	m, ok := sim.MetricByName(metric)
	rows := c.s.panes[i].rows
	if !ok || !m.District || month < 0 || month >= len(rows) {
		return math.NaN()
	}
	return rows[month][m.ID] // district metrics come first, in ID order
}

// Events are pane i's ticker lines so far, oldest first.
func (c *Class) Events(i int) []Event {
	return append([]Event(nil), c.s.panes[i].events...)
}

// Villages counts the villages of pane i that a reform kind has reached,
// at the clock.
func (c *Class) Villages(i int, kind string) int {
	k, ok := sim.KindOf(kind)
	if !ok {
		return -1
	}
	n := 0
	for _, s := range c.s.panes[i].status {
		if s&kindBit(k) != 0 {
			n++
		}
	}
	return n
}

// Units is the number of villages (units) of pane i's district.
func (c *Class) Units(i int) int { return len(c.s.panes[i].status) }

// Choose picks another scenario for pane i, as the pane's scenario menu
// does: the pane keeps the parameters set on the page, takes the new
// scenario's reforms, and reruns to the clock.
func (c *Class) Choose(i int, scenario string) error {
	ps := c.Pane(i)
	ps.Scenario, ps.Reforms, ps.HasReforms = scenario, nil, false
	return c.SetPane(i, ps)
}

// SetStart types a month into the start box of pane i's reform of a kind.
func (c *Class) SetStart(i int, kind string, month int) error {
	ps := c.Pane(i)
	rs := append([]sim.ReformSpec(nil), ps.Reforms...)
	found := false
	for k := range rs {
		if rs[k].Kind == kind {
			rs[k].Start, found = month, true
		}
	}
	if !found {
		return fmt.Errorf("pane %d has no %s reform to start at month %d", i, kind, month)
	}
	ps.Reforms = rs
	return c.SetPane(i, ps)
}

// ParamLabel is a class parameter's label on the page, in English and
// Chinese; ok is false for a parameter the page has no slider for.
func ParamLabel(key string) (en, zh string, ok bool) {
	for _, p := range classParams() {
		if p.Key == key {
			return p.EN, p.ZH, true
		}
	}
	return "", "", false
}

// Param is the value of a class parameter in pane i's configuration
// (NaN for a key the page has no slider for).
func (c *Class) Param(i int, key string) float64 {
	if _, _, ok := ParamLabel(key); !ok {
		return math.NaN()
	}
	p, ok := sim.Lookup(key)
	if !ok {
		return math.NaN()
	}
	switch x := p.Get(&c.s.panes[i].cfg).(type) {
	case float64:
		return x
	case int:
		return float64(x)
	}
	return math.NaN()
}
