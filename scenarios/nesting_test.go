package scenarios

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestNestingBounded: deeply nested TOML of every shape — arrays, inline
// tables, dotted keys, table headers — 200 KB of it, is refused at once
// with the line and the limit, in time and memory linear in the input
// (the decoder and the line scanner were quadratic: 15 GB for 200 KB).
func TestNestingBounded(t *testing.T) {
	const n = 100000
	for name, src := range map[string]string{
		"arrays":           "a = " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n",
		"inline":           "a = " + strings.Repeat("{b=", n/2) + "1" + strings.Repeat("}", n/2) + "\n",
		"dotted":           "x = 1\n" + strings.Repeat("a.", n) + "a = 1\n",
		"headers":          "[" + strings.Repeat("a.", n) + "a]\n",
		"arrays of tables": "[[" + strings.Repeat("a.", n) + "a]]\n",
		"in a sweep":       "design = \"lhs\"\nfactor = [" + strings.Repeat("[", n) + "]\n",
	} {
		t.Run(name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, err := noFiles().parse(fileSource("deep.toml", ""), []byte(src))
			if name == "in a sweep" {
				_, err = noFiles().parseSweep("deep.toml", []byte(src), "")
			}
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			ie, ok := err.(*InputError)
			if !ok || !strings.Contains(ie.Msg, fmt.Sprintf("deeper than %d levels", maxNesting)) || ie.Line < 1 {
				t.Fatalf("got %v", err)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; took > 2*time.Second || alloc > 64<<20 {
				t.Errorf("took %s and %d MB for %d KB", took, alloc>>20, len(src)>>10)
			}
		})
	}
}

// TestNestingAllowed: brackets, braces and dots inside strings and
// comments do not count, and files as deep as the limit load.
func TestNestingAllowed(t *testing.T) {
	deep := strings.Repeat("[", maxNesting) + strings.Repeat("]", maxNesting)
	for _, src := range []string{
		"name = \"" + strings.Repeat("[{.", 100) + "\"\n",
		"description = '''\n" + strings.Repeat("[[[{{{...", 100) + "\n'''\n",
		"description = \"\"\"\n" + strings.Repeat("\\\"[[[", 100) + "\n\"\"\"\"\n",
		"# " + strings.Repeat("[", 100) + "\n",
		"\"a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s\" = 1\n",
		"x = " + deep + "\n",
		"[" + strings.Repeat("a.", maxNesting-1) + "a]\n",
		"x = 1.5\ny = [1.5, 2.5, {a.b = 1.25}]\n",
	} {
		if err := checkNesting("ok.toml", []byte(src)); err != nil {
			t.Errorf("%.60q: %v", src, err)
		}
	}
	if err := checkNesting("big.toml", make([]byte, 2<<20)); err == nil || !strings.Contains(err.Error(), "allowed at most 1 MiB") {
		t.Errorf("a 2 MiB file: %v", err)
	}
}
