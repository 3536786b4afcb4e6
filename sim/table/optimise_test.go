package table

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func testOptimisation() OptimisationSpec {
	m := Measure{Name: "composite_index", Metrics: []string{"composite_index"}, From: 48, To: 60, Scale: 1, Unit: "0–1"}
	c := Measure{Name: "budget", Metrics: []string{"fiscal_spending"}, From: 48, To: 60, Scale: 12e-6, Unit: "M yuan/year"}
	return OptimisationSpec{Govsim: "test", Name: "t", Base: ManifestScenario{Name: "baseline"}, Template: ManifestScenario{Name: "baseline"},
		Decisions:  []Decision{{Name: "entry[0].switch", Kind: DecisionChoice, Choices: []string{"off", "on"}}, {Name: "entry[0].start", Kind: DecisionInt, Min: 0, Max: 36}},
		Factors:    []SweepFactor{{Key: "reforms[0].start", Kind: "int", Min: 0, Max: 1200}, {Key: "reforms[0].intensity", Kind: "float", Min: 0, Max: 1}},
		Objectives: []Objective{{Measure: m, Goal: Maximise}}, Constraints: []Constraint{{Measure: c, Bound: Maximise, Limit: 350}},
		Population: 40, Replicates: 2, Seed: 1, Metrics: []string{"composite_index", "fiscal_spending"}}
}

// TestOptimisationFile: optimise.json reads back as written, with its
// record of outputs; an edited identity, a record naming a file outside
// the directory, and a spec no govsim writes are refused as damaged.
func TestOptimisationFile(t *testing.T) {
	f := NewOptimisationFile(testOptimisation())
	f.Result = &OptimisationResult{Generations: 3, Files: map[string]string{"pareto.csv": "ab", "packages/base.toml": "cd"}}
	back, err := parseOptimisationFile("optimise.json", f.Marshal())
	if err != nil || !bytes.Equal(back.Marshal(), f.Marshal()) {
		t.Fatalf("read back: %v", err)
	}
	if got, want := len(back.Spec.Measures()), 2; got != want {
		t.Errorf("%d measures", got)
	}
	for name, edit := range map[string]func(*OptimisationFile){
		"edited":       func(g *OptimisationFile) { g.Spec.Seed = 2 },
		"outside":      func(g *OptimisationFile) { g.Result.Files = map[string]string{"../x": "ab"} },
		"population":   func(g *OptimisationFile) { g.Spec.Population = 10; g.ID = g.Spec.ID() },
		"goal":         func(g *OptimisationFile) { g.Spec.Objectives[0].Goal = "most"; g.ID = g.Spec.ID() },
		"metric":       func(g *OptimisationFile) { g.Spec.Constraints[0].Metrics = []string{"nothing"}; g.ID = g.Spec.ID() },
		"empty factor": func(g *OptimisationFile) { g.Spec.Factors[1].Max = 0; g.ID = g.Spec.ID() },
	} {
		g := NewOptimisationFile(testOptimisation())
		g.Result = &OptimisationResult{Generations: 1, Files: map[string]string{}}
		edit(&g)
		_, err := parseOptimisationFile("optimise.json", g.Marshal())
		var te *TableError
		if !errors.As(err, &te) {
			t.Errorf("%s: %v, want a *TableError", name, err)
		}
	}
	a, b := testOptimisation(), testOptimisation()
	b.Name, b.Description, b.Base.Source = "other", "words", "elsewhere.toml"
	if a.ID() != b.ID() {
		t.Error("the name, description or a scenario's source changed the identity")
	}
}

func FuzzReadOptimisation(f *testing.F) {
	g := NewOptimisationFile(testOptimisation())
	f.Add(g.Marshal())
	g.Result = &OptimisationResult{Generations: 2, Files: map[string]string{"pareto.csv": "00"}}
	f.Add(g.Marshal())
	f.Add([]byte(`{"id":"","optimisation":{}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := parseOptimisationFile("optimise.json", data)
		if err != nil {
			var te *TableError
			if !errors.As(err, &te) {
				t.Fatalf("error %v is not a *TableError", err)
			}
			return
		}
		s := &o.Spec
		if o.ID != s.ID() || len(s.Decisions) < 1 || len(s.Objectives) < 1 || s.Population%4 != 0 {
			t.Fatalf("accepted %+v", o)
		}
		for _, m := range s.Measures() {
			if m.To <= m.From || !(m.Scale > 0) {
				t.Fatalf("accepted measure %+v", m)
			}
		}
		if o.Result != nil {
			for name := range o.Result.Files {
				if strings.HasPrefix(name, "..") || strings.HasPrefix(name, "/") {
					t.Fatalf("accepted file %q", name)
				}
			}
		}
	})
}
