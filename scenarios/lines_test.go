package scenarios

import (
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestFindLines(t *testing.T) {
	src := `# a comment with key = 1 in it
name = "x # not a comment" # but this is
"quoted key" = 1
description = """
fake = 1
[fake]
"""
months = 12

[economy]
lambda0 = 0.4  # trailing
  tau0=0.1
'literal' = 2
sub.key = 3

[district.extra]
a = [
  1, # comment inside
  2,
]
t = { x = 1, y = { z = 2 } }

[[reforms]]
kind = "cungaiju"
start = 12

[[reforms]] # second
kind = "zhengjing"
[reforms.nested]
deep = 1

[[reforms]]
coverage = 'all'
inline = [
  { kind = "a" },
  { kind = "b" },
]
date = 1979-05-27 07:32:00
after = 1
`
	tests := []struct {
		path string
		line int
	}{
		{"name", 2},
		{"quoted key", 3},
		{"description", 4},
		{"fake", 0}, // inside a multi-line string
		{"months", 8},
		{"economy", 10},
		{"economy.lambda0", 11},
		{"economy.tau0", 12},
		{"economy.literal", 13},
		{"economy.sub", 14},
		{"economy.sub.key", 14},
		{"district", 16}, // implied by [district.extra]
		{"district.extra", 16},
		{"district.extra.a", 17},
		{"district.extra.a[1]", 19},
		{"district.extra.t.y.z", 21},
		{"district.extra.t.nothing", 21}, // falls back to the parent
		{"reforms", 23},
		{"reforms[0]", 23},
		{"reforms[0].start", 25},
		{"reforms[0].coverage", 23}, // not in the file: the entry's header
		{"reforms[1]", 27},
		{"reforms[1].kind", 28},
		{"reforms[1].nested", 29},
		{"reforms[1].nested.deep", 30},
		{"reforms[2].coverage", 33},
		{"reforms[2].inline[1].kind", 36},
		{"reforms[2].date", 38},
		{"reforms[2].after", 39},
		{"nowhere", 0},
		{"", 0},
	}
	k := findLines([]byte(src))
	for _, tt := range tests {
		if got := k.line(tt.path); got != tt.line {
			t.Errorf("line(%q) = %d, want %d", tt.path, got, tt.line)
		}
	}
}

// TestFindLinesWindows: CRLF line ends count the same.
func TestFindLinesWindows(t *testing.T) {
	k := findLines([]byte("name = \"x\"\r\n\r\n[economy]\r\nlambda0 = 0.4\r\n"))
	if got := k.line("economy.lambda0"); got != 4 {
		t.Errorf("line = %d, want 4", got)
	}
}

// TestFindLinesAgreesWithDecoder: every key the decoder sees in the
// embedded files and the golden file is found on a line that holds it.
func TestFindLinesAgreesWithDecoder(t *testing.T) {
	files := map[string][]byte{}
	for _, name := range Embedded() {
		data, err := embedded.ReadFile("embed/" + name + ".toml")
		if err != nil {
			t.Fatal(err)
		}
		files[name] = data
	}
	files["formatted nanhai"] = Format(mustLoad(t, "nanhai").Config)
	for name, data := range files {
		var raw map[string]any
		if _, err := toml.Decode(string(data), &raw); err != nil {
			t.Fatal(err)
		}
		k := findLines(data)
		lines := strings.Split(string(data), "\n")
		n := 0
		walk("", raw, func(path, last string) {
			n++
			l := k.line(path)
			if l < 1 || l > len(lines) || !strings.Contains(lines[l-1], last) {
				t.Errorf("%s: line(%q) = %d, which does not hold %q", name, path, l, last)
			}
		})
		if n < 2 {
			t.Errorf("%s: only %d keys seen", name, n)
		}
	}
}

// walk calls f for every key under m with its path and last segment.
func walk(prefix string, m map[string]any, f func(path, last string)) {
	for k, v := range m {
		path := join(prefix, k)
		f(path, k)
		switch t := v.(type) {
		case map[string]any:
			walk(path, t, f)
		case []map[string]any:
			for i, e := range t {
				walk(path+"["+strconv.Itoa(i)+"]", e, f)
			}
		}
	}
}

func mustLoad(t *testing.T, name string) Scenario {
	t.Helper()
	sc, err := Load(name)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}
