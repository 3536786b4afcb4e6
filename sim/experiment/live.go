package experiment

import "github.com/govsim/govsim/sim"

// Live is one run stepped a month at a time by a caller that paces it (the
// classroom page): the same months, in the same order, with the same
// numbers as Run gives for the same Spec.
type Live struct {
	Spec Spec
	m    *sim.Model
	r    *sim.Runner
}

// NewLive builds a run for stepping. Village values are reported every
// month (as with -village-detail), since a live map shows every month.
func NewLive(s Spec, workers int) (*Live, error) {
	m, err := s.Model()
	if err != nil {
		return nil, err
	}
	return &Live{Spec: s, m: m, r: m.Start(sim.Options{Workers: workers, VillageDetail: true})}, nil
}

// Month is the number of months simulated so far.
func (l *Live) Month() int { return l.m.Month }

// Done reports whether the run has reached its last month.
func (l *Live) Done() bool { return l.r.Done() }

// Step simulates the next month and reports it to obs; it does nothing once
// the run is done.
func (l *Live) Step(obs sim.Observer) error {
	if l.r.Done() {
		return nil
	}
	return l.r.Step(obs)
}

// Model exposes the run's state for views that draw it (positions,
// statuses); callers must not change it.
func (l *Live) Model() *sim.Model { return l.m }

// Close releases the run's workers.
func (l *Live) Close() { l.r.Close() }
