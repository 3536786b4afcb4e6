package live

import (
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"
)

// Data flows one way: output packages know rows and summaries, not runs or
// scenario files. The classroom reaches them only through Backend.
func TestLayering(t *testing.T) {
	ents, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), ".go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), e.Name(), nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			for _, banned := range []string{"github.com/govsim/govsim/scenarios", "github.com/govsim/govsim/sim/experiment", "github.com/govsim/govsim/cmd"} {
				if p == banned || strings.HasPrefix(p, banned+"/") {
					t.Errorf("%s imports %s: output/live must reach it through Backend", e.Name(), p)
				}
			}
		}
	}
}
