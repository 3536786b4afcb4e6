package main

import (
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/govsim/govsim/sim"
)

const module = "github.com/govsim/govsim/"

// projectImports maps every package of the module (by its path below the
// module, e.g. "sim/table") to the module's packages its non-test files
// import.
func projectImports(t *testing.T) map[string][]string {
	t.Helper()
	root := filepath.Join("..", "..")
	out := map[string][]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != root || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		pkg := filepath.ToSlash(rel)
		if _, ok := out[pkg]; !ok {
			out[pkg] = nil
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if dep, ok := strings.CutPrefix(p, module); ok && !slices.Contains(out[pkg], dep) {
				out[pkg] = append(out[pkg], dep)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestLayers checks that imports run in layers, the reverse of the data
// flow (docs/architecture.md): scenario → simulation → rows → analysis →
// charts and report, with only cmd joining everything.
func TestLayers(t *testing.T) {
	imports := projectImports(t)
	allowed := map[string][]string{
		"sim":                  {},
		"sim/experiment":       {"sim", "sim/badinput"},
		"sim/table":            {"sim", "sim/version", "sim/shard"},
		"sim/version":          {},
		"sim/badinput":         {},
		"sim/shard":            {"sim/badinput"},
		"sim/outdir":           {"sim/table", "sim/shard"},
		"scenarios/design":     {},
		"analysis":             {"sim", "sim/table"},
		"analysis/abc":         {},
		"analysis/pareto":      {},
		"analysis/prim":        {},
		"analysis/explore":     {"analysis", "analysis/prim", "sim/table"},
		"output/chart":         {},
		"cmd/internal/proc":    {},
		"cmd/internal/intflag": {},
		"docs":                 {},
		// The drivers run experiments into directories; they read no
		// results and draw nothing.
		"cmd/internal/drive": {"scenarios", "sim", "sim/badinput", "sim/experiment", "sim/outdir", "sim/shard", "sim/table", "sim/version"},
		// A search's batches are sweeps; what proposes them is the caller's.
		"cmd/internal/search": {"cmd/internal/drive", "scenarios", "sim", "sim/experiment", "sim/outdir", "sim/shard", "sim/table"},
	}
	for pkg, deps := range imports {
		if ok, listed := allowed[pkg]; listed {
			for _, d := range deps {
				if !slices.Contains(ok, d) {
					t.Errorf("%s imports %s; it may import only %v", pkg, d, ok)
				}
			}
		}
		switch {
		case strings.HasPrefix(pkg, "output/"):
			for _, d := range deps {
				if d == "scenarios" || strings.HasPrefix(d, "scenarios/") || d == "sim/experiment" || strings.HasPrefix(d, "cmd") {
					t.Errorf("%s imports %s: output reads what runs wrote and runs nothing", pkg, d)
				}
			}
		case pkg == "scenarios":
			for _, d := range deps {
				if d == "analysis" || strings.HasPrefix(d, "output") || strings.HasPrefix(d, "cmd") {
					t.Errorf("scenarios imports %s", d)
				}
			}
		case !strings.HasPrefix(pkg, "cmd/"):
			for _, d := range deps {
				if strings.HasPrefix(d, "cmd") {
					t.Errorf("%s imports the command package %s", pkg, d)
				}
			}
		}
	}
	for _, pkg := range []string{"sim", "sim/experiment", "sim/table", "analysis", "scenarios", "output/report", "output/chart", "sim/version", "sim/badinput", "sim/shard", "sim/outdir"} {
		if _, ok := imports[pkg]; !ok {
			t.Errorf("package %s not found: the test reads the wrong tree", pkg)
		}
	}
}

// TestMetricNamesOnce: a metric's name is written once in the code, in
// sim's metric table (a reform kind's coverage metrics in the kinds'
// table, which declares the kind whole); everything else names it through
// the table, so a metric cannot be misspelt in one view or renamed in one
// place only.
// (Names that are plain words — grievance, zhengjing, x — are left out:
// the same word is a label or a reform kind elsewhere.)
func TestMetricNamesOnce(t *testing.T) {
	root := filepath.Join("..", "..")
	uses := map[string][]string{}
	for _, m := range sim.Metrics() {
		if strings.Contains(m.Name, "_") {
			uses[m.Name] = nil
		}
	}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != root || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if generated(b) {
			return nil // measured results, written by the tests
		}
		for name := range uses {
			if n := strings.Count(string(b), `"`+name+`"`); n > 0 {
				uses[name] = append(uses[name], fmt.Sprintf("%s (%d)", filepath.ToSlash(path), n))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, where := range uses {
		if len(where) != 1 || !strings.HasSuffix(where[0], "sim/metrictable.go (1)") && !strings.HasSuffix(where[0], "sim/reformkind.go (1)") {
			t.Errorf("metric %s is written in %v; want only sim/metrictable.go (or sim/reformkind.go), once", name, where)
		}
	}
}

// TestThinMain: the command stays a layer of flags and calls; logic that
// grows belongs in the packages (docs/architecture.md).
func TestThinMain(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	lines := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines += strings.Count(string(b), "\n")
	}
	if lines >= 1200 {
		t.Errorf("cmd/govsim has %d lines of non-test code; keep it under 1,200 by moving logic into the packages", lines)
	}
}

// generated reports whether a Go file says it is generated (Go's
// convention: a line "// Code generated ... DO NOT EDIT.").
func generated(src []byte) bool {
	for _, line := range strings.Split(string(src), "\n") {
		if strings.HasPrefix(line, "// Code generated ") && strings.HasSuffix(line, " DO NOT EDIT.") {
			return true
		}
		if strings.HasPrefix(line, "package ") {
			return false
		}
	}
	return false
}
