package scenarios

import (
	"fmt"

	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/experiment"
	"github.com/govsim/govsim/sim/table"
)

// FromManifest parses the resolved scenarios a manifest at path holds.
// changed names those this govsim resolves to other text than the
// manifest's (results may differ).
func FromManifest(path string, mss []table.ManifestScenario) (scs []Scenario, changed []string, err error) {
	for _, ms := range mss {
		sc, err := Parse(path+": scenario "+ms.Name, []byte(ms.Config), "")
		if err != nil {
			return nil, nil, err
		}
		if sc.Name != ms.Name {
			return nil, nil, &InputError{File: path, Msg: fmt.Sprintf("scenario %q resolves to the name %q", ms.Name, sc.Name)}
		}
		if ms.VillagesSHA256 != "" && sc.VillagesSHA256 != ms.VillagesSHA256 {
			return nil, nil, &InputError{File: path, Key: "district.village_csv", Msg: fmt.Sprintf("scenario %s reads its villages from %s, which changed since the manifest was written (SHA-256 %.12s now, %.12s recorded): the runs need the file as it was",
				ms.Name, sc.Config.District.VillageCSV, sc.VillagesSHA256, ms.VillagesSHA256)}
		}
		if string(Format(sc.Config)) != ms.Config {
			changed = append(changed, ms.Name)
		}
		scs = append(scs, sc)
	}
	return scs, changed, nil
}

// RunSpecs lists the runs of a manifest as specs, in its order; every
// run's scenario is among scs (table.ReadManifestFile checks it).
func RunSpecs(scs []Scenario, runs []table.ManifestRun) []experiment.Spec {
	by := map[string]*Scenario{}
	for i := range scs {
		by[scs[i].Name] = &scs[i]
	}
	specs := make([]experiment.Spec, len(runs))
	for i, r := range runs {
		sc := by[r.Scenario]
		specs[i] = experiment.Spec{ID: i, Scenario: sc.Name, Replicate: r.Replicate, Seed: r.Seed, Point: -1, Config: sc.Config, Villages: sc.Villages}
	}
	return specs
}

// FactorParams finds the parameter of each factor of a sweep read back.
func FactorParams(path string, factors []table.SweepFactor) ([]sim.Param, error) {
	var params []sim.Param
	for _, f := range factors {
		p, ok := sim.Lookup(f.Key)
		if !ok || p.Kind == "string" {
			return nil, &InputError{File: path, Msg: fmt.Sprintf("factor %q is not a numeric parameter of this govsim", f.Key)}
		}
		params = append(params, p)
	}
	return params, nil
}

// RunSeedsNote says in a sweep's manifest how the runs' seeds follow.
func RunSeedsNote(s *table.SweepSpec) string {
	if s.Seeds == experiment.SeedsPerPoint {
		return fmt.Sprintf("per-point: run seed = experiment.RunSeed(\"per-point\", %d, point), passed to sim.New with the replicate; every run's seed is in runs.csv", s.Seed)
	}
	return fmt.Sprintf("common: every run passes seed %d and its replicate to sim.New (govsim run -seed %d), so replicate r of every point and scenario shares random streams", s.Seed, s.Seed)
}

// Reproduction is what govsim rerun needs of a manifest of govsim run or
// compare: its scenarios and the specs of its runs, in order, and the
// warnings to give (another version wrote it; a scenario resolves
// differently).
func Reproduction(path string, m *table.Manifest, version string) (scs []Scenario, specs []experiment.Spec, warnings []string, err error) {
	if len(m.Runs) == 0 {
		return nil, nil, nil, &InputError{File: path, Msg: "the manifest records no runs: nothing to reproduce"}
	}
	if m.Govsim != version {
		warnings = append(warnings, fmt.Sprintf("%s was written by govsim %s, this is %s; results may differ", path, m.Govsim, version))
	}
	scs, changed, err := FromManifest(path, m.Scenarios)
	if err != nil {
		return nil, nil, nil, err
	}
	for _, name := range changed {
		warnings = append(warnings, fmt.Sprintf("this govsim resolves scenario %s differently from the manifest's; results may differ", name))
	}
	specs = RunSpecs(scs, m.Runs)
	if m.Posterior != nil {
		if err := applyDraws(path, specs, m.Posterior); err != nil {
			return nil, nil, nil, err
		}
	}
	return scs, specs, warnings, nil
}

// applyDraws sets each run to the posterior draw of its replicate, as
// compare -posterior ran it.
func applyDraws(path string, specs []experiment.Spec, p *table.PosteriorDraws) error {
	params := make([]sim.Param, len(p.Keys))
	for i, k := range p.Keys {
		q, ok := sim.Lookup(k)
		if !ok || q.Kind != "float" {
			return &InputError{File: path, Msg: fmt.Sprintf("posterior parameter %q is not a continuous parameter of this govsim", k)}
		}
		params[i] = q
	}
	for i := range specs {
		s := &specs[i]
		if err := experiment.SetPoint(&s.Config, params, p.Points[s.Replicate]); err != nil {
			return &InputError{File: path, Msg: fmt.Sprintf("the posterior draw of replicate %d does not fit scenario %s: %v", s.Replicate, s.Scenario, err)}
		}
	}
	return nil
}

// SweepReproduction is what govsim rerun needs of a sweep's manifest: the
// sweep as this version identifies it, its scenarios, the parameter of
// each factor, and the warnings to give.
func SweepReproduction(path string, sm *table.SweepManifest, version string) (spec table.SweepSpec, scs []Scenario, params []sim.Param, warnings []string, err error) {
	if sm.Govsim != version {
		warnings = append(warnings, fmt.Sprintf("%s was written by govsim %s, this is %s; results may differ", path, sm.Govsim, version))
	}
	spec = sm.Sweep
	spec.Govsim = version
	scs, changed, err := FromManifest(path, spec.Scenarios)
	if err != nil {
		return spec, nil, nil, nil, err
	}
	for _, name := range changed {
		warnings = append(warnings, fmt.Sprintf("this govsim resolves scenario %s differently from the manifest's; results may differ", name))
	}
	params, err = FactorParams(path, spec.Factors)
	return spec, scs, params, warnings, err
}
