package scenarios

import (
	"fmt"
	"io"
	"strings"

	"github.com/govsim/govsim/scenarios/design"
	"github.com/govsim/govsim/sim/shard"
	"github.com/govsim/govsim/sim/table"
)

// WritePlan describes what the sweep f would run into out, and the shard's
// part (govsim sweep -dry-run).
func WritePlan(w io.Writer, f *table.SweepFile, sh shard.Shard, out string) {
	spec := &f.Spec
	var names []string
	for _, sc := range spec.Scenarios {
		names = append(names, sc.Name)
	}
	fmt.Fprintf(w, "sweep %s: design %s, %d factors, %d points\n", spec.Name, spec.Design, len(spec.Factors), len(spec.Points))
	for _, fa := range spec.Factors {
		levels := ""
		if fa.Levels > 0 {
			levels = fmt.Sprintf(", %d levels", fa.Levels)
		}
		switch {
		case len(fa.Values) > 0:
			fmt.Fprintf(w, "  %-32s values %v\n", fa.Key, fa.Values)
		case fa.Dist == design.DistNormal:
			fmt.Fprintf(w, "  %-32s normal(%g, %g) in [%g, %g]%s\n", fa.Key, fa.Mean, fa.SD, fa.Min, fa.Max, levels)
		default:
			fmt.Fprintf(w, "  %-32s %s in [%g, %g]%s\n", fa.Key, fa.Dist, fa.Min, fa.Max, levels)
		}
	}
	switch design.Kind(spec.Design) {
	case design.KindMorris:
		fmt.Fprintf(w, "morris: %d trajectories of %d points, %d levels\n", spec.Groups, len(spec.Factors)+1, spec.Levels)
	case design.KindSaltelli:
		fmt.Fprintf(w, "saltelli: %d base rows of %d points (A, B, and A with each factor from B)\n", spec.Groups, len(spec.Factors)+2)
	}
	fmt.Fprintf(w, "scenarios: %s\n", strings.Join(names, ", "))
	fmt.Fprintf(w, "runs: %d points × %d scenarios × %d replicates = %d\n", len(spec.Points), len(spec.Scenarios), spec.Replicates, spec.Runs())
	seeds := fmt.Sprintf("seeds: master %d (%s)", spec.Seed, spec.Seeds)
	if design.Kind(spec.Design).Sampled() {
		seeds += fmt.Sprintf(", design seed %d", spec.DesignSeed)
	}
	fmt.Fprintf(w, "%s; results over the final %d months\n", seeds, spec.Window)
	if sh.Count > 1 {
		fmt.Fprintf(w, "shard %d/%d (from %s): %d runs\n", sh.Index, sh.Count, sh.From, sh.Runs(spec.Runs()))
	}
	fmt.Fprintf(w, "output: %s (sweep %s)\n", out, f.ID[:12])
}
