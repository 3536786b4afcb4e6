package live

import "github.com/govsim/govsim/sim"

// Backend is what the classroom needs from the rest of govsim. The command
// implements it with the embedded scenarios and the experiment API; tests
// implement it with sim alone.
type Backend interface {
	// Scenarios names the scenarios the page may choose from, in the order
	// a class would discuss them. Only these names are accepted, and of
	// them only those at teaching scale (Options.MaxAgents).
	Scenarios() []string
	// Scenario returns the fully resolved configuration of one of them.
	Scenario(name string) (sim.Config, error)
	// Start builds a run of cfg with the seed (replicate 0), ready to be
	// stepped a month at a time. It must give, month by month, the numbers
	// `govsim run -seed seed` gives for the same configuration.
	Start(cfg sim.Config, seed uint64) (Run, error)
	// Format writes cfg as a scenario file that `govsim run` accepts.
	Format(cfg sim.Config) []byte
}

// Run is one district stepped by the classroom; experiment.Live is one.
type Run interface {
	// Step simulates the next month and reports it to obs: district values
	// and every village's values.
	Step(obs sim.Observer) error
	Month() int // months simulated so far
	Done() bool // the last month is simulated
	Close()     // releases the run's workers
	// Model exposes the initial state for the map drawn before the first
	// month (village positions); the classroom only reads it, between steps.
	Model() *sim.Model
}
