package calibrate

import (
	"path/filepath"

	"github.com/govsim/govsim/analysis/abc"
	"github.com/govsim/govsim/sim/table"
)

// writeTables writes generations.csv, posterior.csv and candidates.csv
// from the generations so far: the complete ones (and an abandoned one's
// candidates). Each is a function of the batches alone, so sessions and
// shards that write them write the same bytes.
func (c *calibration) writeTables() error {
	names := make([]string, len(c.spec.Targets))
	for i, t := range c.spec.Targets {
		names[i] = t.Name
	}
	gens := table.NewCSV(table.GenerationsColumns())
	post := table.NewCSV(table.PosteriorColumns(c.spec.Keys()))
	cands := table.NewCSV(table.CandidatesColumns(names))
	I := func(n int) table.Cell { return table.Cell{I: int64(n)} }
	F := func(x float64) table.Cell { return table.Cell{F: x} }
	perCandidate := int64(c.spec.Replicates * len(c.spec.Scenarios))
	for _, g := range c.gens {
		kept := map[int]bool{}
		if g.status == abc.Complete {
			p := g.pop
			gens.Add(I(p.Generation), F(p.Epsilon), F(p.Acceptance()), F(p.ESS()), I(p.Candidates), I(p.Evaluated),
				table.Cell{I: int64(p.Evaluated) * perCandidate}, I(p.Redraws), I(g.batches))
			for _, q := range p.Particles {
				kept[q.Index] = true
				row := []table.Cell{I(p.Generation), I(q.Index), F(q.Weight), F(q.Distance)}
				for _, x := range q.Theta {
					row = append(row, F(x))
				}
				post.Add(row...)
			}
		}
		for _, cd := range g.cands {
			acc := 0
			if kept[cd.index] {
				acc = 1
			}
			row := []table.Cell{I(g.number), I(cd.index), F(cd.distance), I(acc)}
			for _, x := range cd.sums {
				row = append(row, F(x))
			}
			cands.Add(row...)
		}
	}
	for _, f := range []struct {
		name string
		csv  *table.CSV
	}{{table.GenerationsCSV, gens}, {table.PosteriorCSV, post}, {table.CandidatesCSV, cands}} {
		if err := table.WriteFileAtomic(filepath.Join(c.root, f.name), f.csv.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

// writePredictive writes predictive.csv.
func (c *calibration) writePredictive(draws []draw) error {
	names := make([]string, len(c.spec.Targets))
	for i, t := range c.spec.Targets {
		names[i] = t.Name
	}
	t := table.NewCSV(table.PredictiveColumns(names))
	for i, d := range draws {
		row := []table.Cell{{I: int64(i)}, {I: int64(d.particle)}}
		for _, x := range d.sums {
			row = append(row, table.Cell{F: x})
		}
		t.Add(row...)
	}
	return table.WriteFileAtomic(filepath.Join(c.root, table.PredictiveCSV), t.Bytes())
}
