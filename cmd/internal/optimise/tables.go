package optimise

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/govsim/govsim/analysis/pareto"
	"github.com/govsim/govsim/output/report"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim/table"
)

// names are the decisions' and measures' names, the tables' columns.
func (s *optimisation) names() (decisions, measures []string) {
	for _, d := range s.spec.Decisions {
		decisions = append(decisions, d.Name)
	}
	for _, m := range s.spec.Measures() {
		measures = append(measures, m.Name)
	}
	return decisions, measures
}

func cellI(n int) table.Cell     { return table.Cell{I: int64(n)} }
func cellF(x float64) table.Cell { return table.Cell{F: x} }
func cellS(s string) table.Cell  { return table.Cell{S: s} }

// flag is 1 for true, 0 for false, as the tables write yes and no.
func flag(b bool) table.Cell {
	if b {
		return cellI(1)
	}
	return cellI(0)
}

// writeTables writes evaluations.csv and generations.csv from the
// generations so far. Each is a function of the batches alone, so
// sessions and shards that write them write the same bytes.
func (s *optimisation) writeTables(all []pareto.Evaluated) error {
	dn, mn := s.names()
	var onFront []int
	if len(all) > 0 {
		var err error
		if onFront, err = s.front(all); err != nil {
			return err
		}
	}
	ev := table.NewCSV(table.EvaluationsColumns(dn, mn))
	for _, c := range s.cands {
		p := &s.pkgs[c.pkg]
		row := []table.Cell{cellI(c.gen), cellI(c.index), cellI(c.pkg + 1)}
		for _, t := range s.opt.DecisionText(c.x) {
			row = append(row, cellS(t))
		}
		for _, o := range p.outcomes {
			row = append(row, cellF(o.Mean), cellF(o.HalfWidth))
		}
		row = append(row, cellF(p.violation), flag(p.violation == 0), flag(slices.Contains(onFront, c.pkg)))
		ev.Add(row...)
	}
	gens := table.NewCSV(table.OptimisationGenerationsColumns())
	for _, g := range s.gens {
		gens.Add(cellI(g.number), cellI(g.candidates), cellI(g.packages), cellI(g.packages*s.spec.Replicates), cellI(g.feasible), cellI(g.front), cellF(g.hv))
	}
	if err := table.WriteFileAtomic(filepath.Join(s.root, table.EvaluationsCSV), ev.Bytes()); err != nil {
		return err
	}
	return table.WriteFileAtomic(filepath.Join(s.root, table.GenerationsCSV), gens.Bytes())
}

// finish writes what the last generation completes: pareto.csv, the
// packages as scenario files, the report, and optimise.json's record of
// them.
func (s *optimisation) finish(all []pareto.Evaluated) error {
	front, err := s.front(all)
	if err != nil {
		return err
	}
	// Best first on the first objective (as minimised), then in the order
	// first proposed.
	slices.SortStableFunc(front, func(a, b int) int { return cmp.Compare(s.pkgs[a].f[0], s.pkgs[b].f[0]) })
	dn, mn := s.names()
	pt := table.NewCSV(table.ParetoColumns(dn, mn))
	pdir := filepath.Join(s.root, table.PackagesDir)
	if err := os.MkdirAll(pdir, 0o755); err != nil {
		return err
	}
	if err := removeStale(pdir, front); err != nil {
		return err
	}
	base := s.opt.Base
	if err := table.WriteFileAtomic(filepath.Join(pdir, table.BaseTOML), scenarios.Format(base.Config)); err != nil {
		return err
	}
	for _, pi := range front {
		p := &s.pkgs[pi]
		kind := "fixed"
		if s.opt.Adaptive(p.x) {
			kind = "adaptive"
		}
		words := s.words(p.x)
		row := []table.Cell{cellI(pi + 1), cellI(p.gen), cellS(kind)}
		act := s.opt.Active(p.x)
		for i, t := range s.opt.DecisionText(p.x) {
			if !act[i] {
				t = ""
			}
			row = append(row, cellS(t))
		}
		for _, o := range p.outcomes {
			row = append(row, cellF(o.Mean), cellF(o.Low), cellF(o.High))
		}
		pt.Add(append(row, cellF(p.violation), flag(p.violation == 0), cellS(words))...)
		sc, err := s.opt.Package(p.x, PackageName(pi+1))
		if err != nil {
			return fmt.Errorf("optimise: package %d: %w", pi+1, err)
		}
		sc.Config.Description = words
		if err := table.WriteFileAtomic(filepath.Join(pdir, PackageName(pi+1)+".toml"), scenarios.Format(sc.Config)); err != nil {
			return err
		}
	}
	if err := table.WriteFileAtomic(filepath.Join(s.root, table.ParetoCSV), pt.Bytes()); err != nil {
		return err
	}
	err = report.Optimisation(s.o.E.Stdout, report.OptimisationReport{Dir: s.root, Name: s.o.Out, Version: s.o.E.Build.String(),
		Command: s.o.E.Args, Reference: Reference, Font: s.o.Font})
	if err != nil {
		return err
	}
	return s.record(len(front))
}

// removeStale removes the package files of an earlier front (a session
// with fewer generations) that this front leaves out. Files are removed
// one by one and written by rename, never the directory, so that shards
// finishing the same optimisation at once write the same files without
// removing each other's.
func removeStale(pdir string, front []int) error {
	ents, err := os.ReadDir(pdir)
	if err != nil {
		return err
	}
	keep := map[string]bool{table.BaseTOML: true}
	for _, pi := range front {
		keep[PackageName(pi+1)+".toml"] = true
	}
	for _, e := range ents {
		if n := e.Name(); strings.HasPrefix(n, "package-") && strings.HasSuffix(n, ".toml") && !keep[n] {
			if err := os.Remove(filepath.Join(pdir, n)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
	}
	return nil
}

// PackageName names front package n as a scenario (and its file).
func PackageName(n int) string { return fmt.Sprintf("package-%d", n) }

// words says candidate x's package in words.
func (s *optimisation) words(x []float64) string {
	var params []report.ParamValue
	for i, v := range s.opt.ParamValues(x) {
		params = append(params, report.ParamValue{Key: s.opt.Params[i].Param.Key, Value: v})
	}
	return report.PackageText(s.opt.PackageEntries(x), params)
}

// outputs are the files an optimisation's record names: its tables, the
// report, and what packages/ and charts/ hold.
func outputs(root string) ([]string, error) {
	names := []string{table.EvaluationsCSV, table.GenerationsCSV, table.ParetoCSV, table.OptimiseHTML}
	for _, sub := range []string{table.PackagesDir, "charts"} {
		err := filepath.WalkDir(filepath.Join(root, sub), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || table.IsTemp(d.Name()) {
				return err
			}
			rel, err := filepath.Rel(root, p)
			names = append(names, filepath.ToSlash(rel))
			return err
		})
		if err != nil && !os.IsNotExist(err) {
			return nil, err
		}
	}
	return names, nil
}

// record writes optimise.json again, last, with the outputs and their
// SHA-256: a reader that finds them all matching knows it reads one
// session's whole result.
func (s *optimisation) record(front int) error {
	names, err := outputs(s.root)
	if err != nil {
		return err
	}
	files := map[string]string{}
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(s.root, filepath.FromSlash(n)))
		if err != nil {
			return err
		}
		h := sha256.Sum256(b)
		files[n] = hex.EncodeToString(h[:])
	}
	f := s.file
	f.Result = &table.OptimisationResult{Generations: len(s.gens), Files: files}
	if err := table.WriteFileAtomic(filepath.Join(s.root, table.OptimisationJSON), f.Marshal()); err != nil {
		return err
	}
	s.say("wrote %s, %s, %s, %s, %s/ (the base and %d front packages as scenarios) and %s in %s",
		table.ParetoCSV, table.EvaluationsCSV, table.GenerationsCSV, table.OptimiseHTML, table.PackagesDir, front, table.OptimisationJSON, s.o.Out)
	return nil
}

// Front is what govsim explore -packages takes of a finished
// optimisation.
type Front struct {
	// Files are the base's scenario file, then each front package's, in
	// pareto.csv's order, each checked against the SHA-256 optimise.json
	// records for it.
	Files []string
	// Base is the base scenario's name: the reference to explore the
	// packages against.
	Base string
	// Decided are the policy parameters the packages set, which an
	// exploration must not vary.
	Decided []string
}

// Packages reads a finished optimisation's front for govsim explore
// -packages; path is the optimisation's directory or its pareto.csv.
func Packages(path string) (*Front, error) {
	dir := path
	if filepath.Base(path) == table.ParetoCSV {
		dir = filepath.Dir(path)
	}
	f, err := table.ReadOptimisation(dir)
	if err != nil {
		return nil, err
	}
	if f.Result == nil {
		return nil, &table.DirError{Msg: fmt.Sprintf("%s holds an optimisation that has not finished: run govsim optimise on it until it writes %s", dir, table.ParetoCSV)}
	}
	check := func(name string, limit int64) error {
		want, ok := f.Result.Files[name]
		b, err := table.ReadInput(filepath.Join(dir, filepath.FromSlash(name)), limit)
		if err != nil {
			return err
		}
		h := sha256.Sum256(b)
		if !ok || hex.EncodeToString(h[:]) != want {
			return &table.DirError{Msg: fmt.Sprintf("%s is not the file govsim optimise recorded in %s (changed since, or left by a session that did not finish): run the optimisation again to rewrite it", filepath.Join(dir, name), table.OptimisationJSON)}
		}
		return nil
	}
	if err := check(table.ParetoCSV, table.MaxCSVInputBytes); err != nil {
		return nil, err
	}
	names := []string{table.PackagesDir + "/" + table.BaseTOML}
	var dn, mn []string
	for _, d := range f.Spec.Decisions {
		dn = append(dn, d.Name)
	}
	for _, m := range f.Spec.Measures() {
		mn = append(mn, m.Name)
	}
	err = table.ReadOptimisationTable(dir, table.ParetoCSV, table.ParetoColumns(dn, mn), func(row []table.Cell) error {
		names = append(names, table.PackagesDir+"/"+PackageName(int(row[0].I))+".toml")
		return nil
	})
	if err != nil {
		return nil, err
	}
	fr := &Front{Base: f.Spec.Base.Name}
	for _, n := range names {
		if err := check(n, table.MaxTOMLBytes); err != nil {
			return nil, err
		}
		fr.Files = append(fr.Files, filepath.Join(dir, filepath.FromSlash(n)))
	}
	if len(names) < 2 {
		return nil, &table.DirError{Msg: fmt.Sprintf("%s has no package on its front", dir)}
	}
	for _, d := range f.Spec.Decisions {
		if !strings.HasPrefix(d.Name, "entry[") {
			fr.Decided = append(fr.Decided, d.Name)
		}
	}
	return fr, nil
}
