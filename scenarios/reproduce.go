package scenarios

import (
	"fmt"

	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/experiment"
	"github.com/govsim/govsim/sim/table"
)

// FromManifest resolves the scenarios a manifest records (path names it in
// errors). A scenario this version resolves to other text than the
// manifest's is returned with a warning: its results may differ.
func FromManifest(path string, mss []table.ManifestScenario) (scs []Scenario, warnings []string, err error) {
	for _, ms := range mss {
		sc, err := Parse(path+": scenario "+ms.Name, []byte(ms.Config), "")
		if err != nil {
			return nil, nil, err
		}
		if sc.Name != ms.Name {
			return nil, nil, &InputError{File: path, Msg: fmt.Sprintf("scenario %q resolves to the name %q", ms.Name, sc.Name)}
		}
		if sc.Resolved() != ms.Config {
			warnings = append(warnings, fmt.Sprintf("this govsim resolves scenario %s differently from the manifest's; results may differ", ms.Name))
		}
		scs = append(scs, sc)
	}
	return scs, warnings, nil
}

// RunSpecs lists the runs a manifest of govsim run or compare records, in
// its order, as an experiment runs them again.
func RunSpecs(path string, m table.Manifest) (experiment.Specs, []string, error) {
	if len(m.Runs) == 0 {
		return experiment.Specs{}, nil, &InputError{File: path, Msg: "the manifest records no runs: nothing to reproduce"}
	}
	scs, warnings, err := FromManifest(path, m.Scenarios)
	if err != nil {
		return experiment.Specs{}, nil, err
	}
	byName := map[string]*Scenario{}
	for i := range scs {
		byName[scs[i].Name] = &scs[i]
	}
	specs := make([]experiment.Spec, 0, len(m.Runs))
	for _, run := range m.Runs {
		sc := byName[run.Scenario]
		if sc == nil {
			return experiment.Specs{}, nil, &InputError{File: path, Msg: fmt.Sprintf("a run of scenario %q, which the manifest does not resolve", run.Scenario)}
		}
		specs = append(specs, experiment.Spec{Scenario: sc.Name, Replicate: run.Replicate, Seed: run.Seed, Point: -1,
			Config: sc.Config, Villages: sc.Villages})
	}
	return experiment.List(specs...), warnings, nil
}

// SweepInputs resolves what a sweep's manifest needs to run again: its
// scenarios and the parameter of each factor.
func SweepInputs(path string, spec *table.SweepSpec) ([]experiment.Scenario, []sim.Param, []string, error) {
	scs, warnings, err := FromManifest(path, spec.Scenarios)
	if err != nil {
		return nil, nil, nil, err
	}
	var params []sim.Param
	for _, f := range spec.Factors {
		p, ok := sim.Lookup(f.Key)
		if !ok || p.Kind == "string" {
			return nil, nil, nil, &InputError{File: path, Msg: fmt.Sprintf("factor %q is not a numeric parameter of this govsim", f.Key)}
		}
		params = append(params, p)
	}
	return Experiment(scs), params, warnings, nil
}
