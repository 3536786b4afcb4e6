package classroom

import (
	"fmt"
	"slices"

	"github.com/govsim/govsim/output/live"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/experiment"
)

// Backend implements live.Backend with the embedded scenarios.
type Backend struct{}

// Options are the classroom's options with the panes a new page shows
// (scenarios.ClassroomPanes) and every other bound at its default.
func Options() live.Options { return live.Options{Panes: scenarios.ClassroomPanes()} }

// Scenarios offers the teaching set first, then the other embedded
// scenarios; the classroom itself refuses those above teaching scale.
func (Backend) Scenarios() []string {
	names := scenarios.Teaching()
	for _, n := range scenarios.Embedded() {
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return names
}

// Scenario loads an embedded scenario.
func (Backend) Scenario(name string) (sim.Config, error) {
	if !slices.Contains(scenarios.Embedded(), name) {
		return sim.Config{}, fmt.Errorf("no embedded scenario %q", name)
	}
	sc, err := scenarios.Load(name)
	if err != nil {
		return sim.Config{}, err
	}
	return sc.Config, nil
}

// Start runs replicate 0 with the seed, one goroutine per pane: a class of
// forty shares the machine.
func (Backend) Start(cfg sim.Config, seed uint64) (live.Run, error) {
	return experiment.NewLive(experiment.Spec{Scenario: cfg.Name, Seed: seed, Point: -1, Config: cfg}, 1)
}

// Format writes cfg as a scenario file.
func (Backend) Format(cfg sim.Config) []byte { return scenarios.Format(cfg) }
