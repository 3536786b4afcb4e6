package experiment

import "github.com/govsim/govsim/sim"

// Scenario is one resolved scenario an experiment runs: a name, every
// parameter, and the villages of a village CSV if it has one.
type Scenario struct {
	Name     string
	Config   sim.Config
	Villages []sim.VillageData
}

// Spec is one run: which scenario, with which configuration (a sweep's
// design point already applied), which replicate and seed. A run's results
// depend on its Spec alone.
type Spec struct {
	ID        int    // the run's position in its experiment; stable across workers, shards and resumes
	Scenario  string // scenario name
	Index     int    // the scenario's position in the experiment
	Replicate int
	Seed      uint64 // passed to sim.New with the replicate
	Point     int    // design point of a sweep; −1 outside sweeps
	Config    sim.Config
	Villages  []sim.VillageData
}

// Model builds the run's initial state.
func (s *Spec) Model() (*sim.Model, error) {
	return sim.New(s.Config, s.Seed, s.Replicate, s.Villages)
}
