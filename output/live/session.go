package live

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"sync/atomic"
	"time"

	"github.com/govsim/govsim/sim"
)

// session is one browser tab: two panes stepped together, a month at a
// time, by one loop goroutine that owns the runs. Handlers talk to the loop
// through commands; streams read what the loop publishes, under mu, and
// wait on changed, which is closed and replaced at every change.
type session struct {
	id      string
	backend Backend

	cmds   chan command
	cancel context.CancelFunc
	done   chan struct{} // closed when the loop has ended and the runs are closed

	lastSeen atomic.Int64 // unix nanoseconds of the last request or stream write
	streams  atomic.Int32 // streams connected now

	mu      sync.Mutex
	panes   [2]*pane
	seed    uint64
	month   int // months simulated in both panes
	running bool
	speed   int // months per second while running
	until   int // running pauses once this month is simulated; -1: runs on
	errMsg  string
	over    bool // both panes have run their last month (streams must not ask the runs)
	changed chan struct{}
	nextGen int
}

// command is a request for the loop; the handler has validated it.
type command struct {
	setup   *setupCmd
	pane    *paneCmd
	control *Control
	reply   chan error
}

type setupCmd struct {
	seed uint64
	ps   [2]PaneSettings
	cfg  [2]sim.Config
}

type paneCmd struct {
	i   int
	ps  PaneSettings
	cfg sim.Config
}

const defaultSpeed = 10 // months per second: a 20-year run in 24 s

func newSession(id string, b Backend) *session {
	s := &session{id: id, backend: b, cmds: make(chan command), done: make(chan struct{}),
		speed: defaultSpeed, until: -1, changed: make(chan struct{})}
	s.touch()
	return s
}

func (s *session) touch() { s.lastSeen.Store(time.Now().UnixNano()) }

func (s *session) idle(now time.Time, timeout time.Duration) bool {
	return s.streams.Load() == 0 && now.Sub(time.Unix(0, s.lastSeen.Load())) > timeout
}

// start runs the loop until ctx ends or stop is called.
func (s *session) start(ctx context.Context) {
	ctx, s.cancel = context.WithCancel(ctx)
	go s.loop(ctx)
}

// stop ends the loop and waits until the runs are released.
func (s *session) stop() {
	s.cancel()
	<-s.done
}

// send hands a command to the loop and waits for its answer.
func (s *session) send(ctx context.Context, c command) error {
	c.reply = make(chan error, 1)
	select {
	case s.cmds <- c:
	case <-s.done:
		return errGone
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-c.reply:
		return err
	case <-s.done:
		return errGone
	case <-ctx.Done():
		return ctx.Err()
	}
}

var errGone = fmt.Errorf("the session has ended")

func (s *session) loop(ctx context.Context) {
	defer close(s.done)
	defer s.closeRuns()
	var ticker *time.Ticker
	var tick <-chan time.Time
	retime := func() {
		if ticker != nil {
			ticker.Stop()
			ticker, tick = nil, nil
		}
		s.mu.Lock()
		running, speed := s.running, s.speed
		s.mu.Unlock()
		if running {
			ticker = time.NewTicker(time.Second / time.Duration(speed))
			tick = ticker.C
		}
	}
	defer func() {
		if ticker != nil {
			ticker.Stop()
		}
	}()
	for {
		select {
		case <-ctx.Done():
			return
		case c := <-s.cmds:
			c.reply <- s.do(c)
			retime()
		case <-tick:
			s.stepAll()
			s.mu.Lock()
			running := s.running
			s.mu.Unlock()
			if !running {
				retime()
			}
		}
	}
}

func (s *session) do(c command) error {
	switch {
	case c.setup != nil:
		return s.setup(c.setup)
	case c.pane != nil:
		return s.replace(c.pane)
	}
	s.mu.Lock()
	switch c.control.Action {
	case "go":
		s.running = !s.finished()
		s.until = -1
		// The clock shows the last month simulated, s.month-1: a month it
		// has passed is no place to pause, and Go runs on.
		if u := c.control.Until; u != nil && *u >= s.month {
			s.until = *u
		}
	case "pause":
		s.running, s.until = false, -1
	case "speed":
		s.speed = c.control.Speed
	case "step":
		s.running, s.until = false, -1
		s.mu.Unlock()
		s.stepAll()
		return nil
	}
	s.publish()
	s.mu.Unlock()
	return nil
}

// build starts a pane's run at month 0.
func (s *session) build(ps PaneSettings, cfg sim.Config, seed uint64) (*pane, error) {
	run, err := s.backend.Start(cfg, seed)
	if err != nil {
		return nil, fmt.Errorf("starting %s: %w", ps.Scenario, err)
	}
	s.nextGen++
	p := newPane(ps, cfg, run, s.nextGen)
	p.modified = modified(s.backend, p)
	return p, nil
}

// setup replaces both panes with new runs at month 0, paused.
func (s *session) setup(c *setupCmd) error {
	var built [2]*pane
	for i := range built {
		p, err := s.build(c.ps[i], c.cfg[i], c.seed)
		if err != nil {
			for _, q := range built[:i] {
				q.run.Close()
			}
			return err
		}
		built[i] = p
	}
	s.mu.Lock()
	old := s.panes
	s.panes, s.seed, s.month, s.running, s.until, s.errMsg = built, c.seed, 0, false, -1, ""
	s.publish()
	s.mu.Unlock()
	for _, p := range old {
		if p != nil {
			p.run.Close()
		}
	}
	return nil
}

// replace rebuilds one pane with new settings and runs it to the month
// the session has reached, so that it shows exactly the run of those
// settings from month 0, next to the other pane at the same month.
func (s *session) replace(c *paneCmd) error {
	s.mu.Lock()
	seed, month := s.seed, s.month
	s.mu.Unlock()
	p, err := s.build(c.ps, c.cfg, seed)
	if err != nil {
		return err
	}
	for p.run.Month() < month && !p.run.Done() {
		r, err := p.step()
		if err != nil {
			p.run.Close()
			return fmt.Errorf("rerunning %s to month %d: %w", c.ps.Scenario, month, err)
		}
		p.apply(r)
	}
	s.mu.Lock()
	old := s.panes[c.i]
	s.panes[c.i] = p
	s.publish()
	s.mu.Unlock()
	old.run.Close()
	return nil
}

// stepAll simulates the next month of both panes, each in its own
// goroutine, and publishes them together.
func (s *session) stepAll() {
	s.mu.Lock()
	panes := s.panes
	s.mu.Unlock()
	if panes[0] == nil {
		return
	}
	var res [2]monthResult
	var errs [2]error
	var stepped [2]bool
	var wg sync.WaitGroup
	for i, p := range panes {
		if p.run.Done() {
			continue
		}
		stepped[i] = true
		wg.Add(1)
		go func() {
			defer wg.Done()
			res[i], errs[i] = p.step()
		}()
	}
	wg.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, p := range panes {
		switch {
		case errs[i] != nil:
			s.errMsg = fmt.Sprintf("pane %d stopped: %v", i+1, errs[i])
			s.running = false
		case stepped[i]:
			p.apply(res[i])
		}
	}
	if stepped[0] || stepped[1] {
		s.month++
	}
	if s.finished() || s.until >= 0 && s.month > s.until {
		s.running, s.until = false, -1
	}
	s.publish()
}

// finished reports whether both panes have run their last month; mu held.
func (s *session) finished() bool {
	return s.panes[0] != nil && s.panes[0].run.Done() && s.panes[1].run.Done()
}

// publish wakes the streams; mu held, on the loop goroutine.
func (s *session) publish() {
	s.over = s.finished()
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *session) closeRuns() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.panes {
		if p != nil {
			p.run.Close()
		}
	}
	s.running = false
	s.publish()
}

// modified reports whether a pane's configuration differs from its
// scenario's (then it is labelled and coloured as a scenario of its own).
func modified(b Backend, p *pane) bool {
	base, err := b.Scenario(p.settings.Scenario)
	if err != nil {
		return true
	}
	a, c := p.cfg, base
	if len(a.Reforms) == 0 {
		a.Reforms = nil
	}
	if len(c.Reforms) == 0 {
		c.Reforms = nil
	}
	return !reflect.DeepEqual(a, c)
}
