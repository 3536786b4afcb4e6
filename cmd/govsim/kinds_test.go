package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/govsim/govsim/analysis"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim"
)

// TestReformKindIsOneEntry: a reform kind is one entry in sim's kinds'
// table (sim/reformkind.go) plus its mechanism code. Nothing else in the
// code branches on a kind: no switch has a case of a kind, no comparison
// tests for one, and a kind's key is written only in the table and in the
// defaults that name embedded scenarios (scenarios/scenarios.go: the
// scenario of one reform alone is named by its key). The classroom's page
// knows the kinds only from /api/meta. Its twin for metrics is
// TestMetricNamesOnce.
func TestReformKindIsOneEntry(t *testing.T) {
	root := filepath.Join("..", "..")
	keys := sim.KindKeys()
	var consts []string
	for k := range sim.NumKinds {
		consts = append(consts, "Kind"+strings.ToUpper(k.Key()[:1])+k.Key()[1:])
	}
	isKind := func(e ast.Expr) bool {
		switch x := e.(type) {
		case *ast.BasicLit:
			s, err := strconv.Unquote(x.Value)
			return x.Kind == token.STRING && err == nil && slices.Contains(keys, s)
		case *ast.Ident:
			return slices.Contains(consts, x.Name)
		case *ast.SelectorExpr:
			return slices.Contains(consts, x.Sel.Name)
		}
		return false
	}
	table := filepath.ToSlash(filepath.Join("sim", "reformkind.go"))
	defaults := filepath.ToSlash(filepath.Join("scenarios", "scenarios.go"))
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != root || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if strings.HasSuffix(path, ".js") {
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, k := range keys {
				for _, q := range []string{"'", `"`, "`"} {
					if strings.Contains(string(b), q+k+q) {
						t.Errorf("%s names the kind %q: the page must take the kinds from /api/meta", rel, k)
					}
				}
			}
			return nil
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || rel == table {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if generated(src) {
			return nil // measured results, written by the tests
		}
		f, err := parser.ParseFile(fset, path, src, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.CaseClause:
				for _, e := range x.List {
					if isKind(e) {
						t.Errorf("%s: a switch on a reform kind; loop over sim.Kinds() or declare it in %s", fset.Position(e.Pos()), table)
					}
				}
			case *ast.BinaryExpr:
				if (x.Op == token.EQL || x.Op == token.NEQ) && (isKind(x.X) || isKind(x.Y)) {
					t.Errorf("%s: a comparison with a reform kind; loop over sim.Kinds() or declare it in %s", fset.Position(x.Pos()), table)
				}
			case *ast.BasicLit:
				if isKind(x) && rel != defaults {
					t.Errorf("%s: the kind %s written out; name it through sim's kinds' table", fset.Position(x.Pos()), x.Value)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The reference scenario is one name, whoever asks.
	if scenarios.Reference != analysis.NoReform {
		t.Errorf("the reference scenario is %q for the commands and %q for the patterns", scenarios.Reference, analysis.NoReform)
	}
}
