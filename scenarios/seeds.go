package scenarios

import (
	"fmt"

	"github.com/govsim/govsim/sim/experiment"
	"github.com/govsim/govsim/sim/table"
)

// RunSeedsNote says, for a sweep's manifest, how its runs' seeds follow
// from the master seed.
func RunSeedsNote(s *table.SweepSpec) string {
	if s.Seeds == experiment.SeedsPerPoint {
		return fmt.Sprintf("per-point: run seed = experiment.RunSeed(\"per-point\", %d, point), passed to sim.New with the replicate; every run's seed is in runs.csv", s.Seed)
	}
	return fmt.Sprintf("common: every run passes seed %d and its replicate to sim.New (govsim run -seed %d), so replicate r of every point and scenario shares random streams", s.Seed, s.Seed)
}
