package calibrate

import (
	"errors"
	"fmt"
	"github.com/govsim/govsim/scenarios"
	"io/fs"

	"github.com/govsim/govsim/analysis/abc"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/badinput"
	"github.com/govsim/govsim/sim/experiment"
	"github.com/govsim/govsim/sim/table"
)

// Posterior is a finished calibration's final population: weighted
// parameter points whose distribution estimates the posterior.
type Posterior struct {
	Dir  string
	ID   string // the calibration's identity (calibration.json)
	Name string
	// Params are the calibrated parameters, in the order of a point.
	Params []sim.Param
	Pop    abc.Population
}

// Keys are the parameters' keys, in the order of a point.
func (p *Posterior) Keys() []string {
	out := make([]string, len(p.Params))
	for i, q := range p.Params {
		out[i] = q.Key
	}
	return out
}

// LoadPosterior reads the posterior of the calibration in dir: the last
// generation of its posterior.csv, checked against its calibration.json.
// A directory that is not a finished calibration is bad input.
func LoadPosterior(dir string) (*Posterior, error) {
	f, err := table.ReadCalibration(dir)
	if err != nil {
		return nil, badinput.Wrap(fmt.Errorf("-posterior %s: %w", dir, err))
	}
	spec := &f.Spec
	post := &Posterior{Dir: dir, ID: f.ID, Name: spec.Name}
	for _, pr := range spec.Priors {
		p, ok := sim.Lookup(pr.Key)
		if !ok || p.Kind != "float" {
			return nil, badinput.Errorf("-posterior %s: parameter %q of its calibration.json is not a continuous parameter of this govsim", dir, pr.Key)
		}
		post.Params = append(post.Params, p)
	}
	prior := Prior(spec.Priors)
	byGen := map[int][]abc.Particle{}
	last := -1
	err = table.ReadCalibrationTable(dir, table.PosteriorCSV, table.PosteriorColumns(spec.Keys()), func(row []table.Cell) error {
		g := int(row[0].I)
		theta := make([]float64, len(prior))
		for k := range theta {
			theta[k] = row[4+k].F
		}
		if g < 0 || !prior.InSupport(theta) || !(row[2].F >= 0) {
			return fmt.Errorf("generation %d, particle %d: a weight or parameter outside its prior", g, row[1].I)
		}
		byGen[g] = append(byGen[g], abc.Particle{Index: int(row[1].I), Weight: row[2].F, Distance: row[3].F, Theta: theta})
		last = max(last, g)
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil, badinput.Errorf("-posterior %s: no %s: the calibration has not finished a generation yet", dir, table.PosteriorCSV)
	}
	if err != nil {
		return nil, badinput.Wrap(fmt.Errorf("-posterior %s: %w", dir, err))
	}
	if last < 0 {
		return nil, badinput.Errorf("-posterior %s: %s holds no particles", dir, table.PosteriorCSV)
	}
	post.Pop = abc.Population{Generation: last, Particles: byGen[last]}
	total := 0.0
	for _, q := range post.Pop.Particles {
		total += q.Weight
	}
	if !(total > 0) {
		return nil, badinput.Errorf("-posterior %s: the weights of generation %d sum to %v", dir, last, total)
	}
	return post, nil
}

// Point is posterior draw i: the parameter values of a particle drawn by
// weight, a function of (seed, i) alone, so that asking for more draws
// keeps the first ones. particle is the drawn particle's candidate index.
func (p *Posterior) Point(seed uint64, i int) (values []float64, particle int, err error) {
	j, err := abc.Pick(p.Pop, seed, i)
	if err != nil {
		return nil, 0, err
	}
	q := p.Pop.Particles[j]
	return append([]float64(nil), q.Theta...), q.Index, nil
}

// Points are draws 0 … n−1.
func (p *Posterior) Points(seed uint64, n int) ([][]float64, error) {
	out := make([][]float64, n)
	for i := range out {
		v, _, err := p.Point(seed, i)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// Set sets the parameters in cfg to point values.
func (p *Posterior) Set(cfg *sim.Config, values []float64) error {
	for i, q := range p.Params {
		if err := q.Set(cfg, values[i]); err != nil {
			return err
		}
	}
	return cfg.Validate()
}

// Ensemble runs the specs of an ensemble each at its replicate's draw:
// replicate r of every scenario at Point(seed, r), so that the scenarios
// of a replicate are compared at the same parameter values as well as on
// the same random numbers, and a comparison's replicates carry the
// posterior's uncertainty besides the model's noise.
func (p *Posterior) Ensemble(specs experiment.Specs, seed uint64) (experiment.Specs, error) {
	out := make([]experiment.Spec, specs.Len())
	for i := range out {
		s, err := specs.At(i)
		if err != nil {
			return experiment.Specs{}, err
		}
		v, _, err := p.Point(seed, s.Replicate)
		if err == nil {
			err = p.Set(&s.Config, v)
		}
		if err != nil {
			return experiment.Specs{}, fmt.Errorf("-posterior %s: draw %d in scenario %s: %w", p.Dir, s.Replicate, s.Scenario, err)
		}
		out[i] = s
	}
	return experiment.List(out...), nil
}

// Record is what a manifest keeps of the draws of replicates 0 … n−1, so
// that govsim rerun runs them again without the calibration.
func (p *Posterior) Record(seed uint64, n int) (*table.PosteriorDraws, error) {
	pts, err := p.Points(seed, n)
	if err != nil {
		return nil, err
	}
	return &table.PosteriorDraws{Dir: p.Dir, ID: p.ID, Seed: seed, Keys: p.Keys(), Points: pts}, nil
}

// ExploreDraws loads a calibration's posterior and draws n points from it
// by weight (draw i from (seed, i) alone), for govsim explore -posterior.
func ExploreDraws(dir string, seed uint64, n int) (*scenarios.ExploreDraws, error) {
	p, err := LoadPosterior(dir)
	if err != nil {
		return nil, err
	}
	pts, err := p.Points(seed, n)
	if err != nil {
		return nil, err
	}
	return &scenarios.ExploreDraws{Source: fmt.Sprintf("calibration %s (%s)", p.Name, dir), Keys: p.Keys(), Values: pts}, nil
}
