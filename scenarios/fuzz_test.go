package scenarios

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// FuzzParse: no input makes the loader panic, and whatever it accepts is a
// valid configuration that survives a Format/Parse round trip. Files are
// kept out of reach (noFiles), so a fuzzed extends or village_csv cannot
// read the disk; embedded scenarios can still be extended.
func FuzzParse(f *testing.F) {
	// The embedded files without their comment lines: the fuzzer minimizes
	// every new input it finds, which for kilobytes of comments takes most
	// of a short run.
	for _, name := range Embedded() {
		f.Add(stripComments(f, name))
	}
	f.Add([]byte("reforms = [{kind = \"zhengshe\", start = 0, coverage = \"pilot\", fraction = 0.25}]\nname = \"\\u0001\"\n"))
	f.Add([]byte("[economy]\nlamda0 = 0.4\n"))
	f.Add([]byte("[[reforms]]\nkind = \"zhengjing\"\nstart = 3\nend = 30\nramp = 6\nintensity = 0.5\ncoverage = \"all\"\nseparations = [\"assets\", \"finance\"]\n"))
	f.Add([]byte("reforms = [{kind = \"cungaiju\", start = 1, coverage = \"eligible\", separations = []}]\n"))
	f.Add([]byte("extends = \"nanhai\"\nreforms = []\n[district]\nseats_min = 9\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		findLines(data) // must not panic on anything, parsed or not
		sc, err := noFiles().parse(fileSource("fuzz.toml", ""), data)
		if err != nil {
			if list, _ := All(err); len(list) == 0 {
				t.Fatalf("error %v is a %T, not an *InputError or *Problems", err, err)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error spans lines: %q", err)
			}
			return
		}
		if err := sc.Config.Validate(); err != nil {
			t.Fatalf("accepted an invalid config: %v", err)
		}
		out := Format(sc.Config)
		back, err := noFiles().parse(fileSource("fuzz.resolved.toml", ""), out)
		if err != nil {
			t.Fatalf("Parse(Format) failed: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(back.Config, sc.Config) {
			t.Fatalf("round trip changed the config:\n got %+v\nwant %+v", back.Config, sc.Config)
		}
	})
}

// FuzzReadVillages: no input panics, every error is an *InputError, and
// accepted villages are within the documented ranges.
func FuzzReadVillages(f *testing.F) {
	f.Add([]byte(goodCSV))
	f.Add([]byte("assets,id,population,migrants,farmland,distance\r\n# c\r\n0,0,1,0,0,0\r\n5,7,2.5,0,0,1\r\n"))
	f.Add([]byte("id,distance,farmland,population,migrants,assets\n1,0.5,\"1\",1,1,1\n1,0.5,1,1,1,1\n"))
	// Scenario files: not CSV, so a good test of the errors.
	for _, name := range []string{"baseline", "nanhai-full"} {
		f.Add(stripComments(f, name))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		vs, err := ReadVillages("fuzz.csv", bytes.NewReader(data))
		if err != nil {
			if _, ok := err.(*InputError); !ok {
				t.Fatalf("error %v is a %T, not an *InputError", err, err)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error spans lines: %q", err)
			}
			return
		}
		if len(vs) < 2 {
			t.Fatalf("accepted %d villages", len(vs))
		}
		ids := map[int]bool{}
		for _, v := range vs {
			if ids[v.ID] || v.ID < 0 || !(v.Distance >= 0 && v.Distance <= 1) || !(v.Population > 0) ||
				!(v.Farmland >= 0) || !(v.Migrants >= 0) || !(v.Assets >= 0) {
				t.Fatalf("accepted a bad village %+v", v)
			}
			ids[v.ID] = true
		}
	})
}

// stripComments returns an embedded file without comment and blank lines.
func stripComments(f *testing.F, name string) []byte {
	data, err := embedded.ReadFile("embed/" + name + ".toml")
	if err != nil {
		f.Fatal(err)
	}
	var out []byte
	for _, l := range bytes.SplitAfter(data, []byte("\n")) {
		if t := bytes.TrimSpace(l); len(t) > 0 && t[0] != '#' {
			out = append(out, l...)
		}
	}
	return out
}

// FuzzParseRanges: a ranges file of govsim explore is either refused as
// bad input naming its file, or names uncertain parameters with ranges
// inside their allowed ones; nothing panics.
func FuzzParseRanges(f *testing.F) {
	f.Add([]byte("[[factor]]\nkey = \"economy.lambda0\"\nmin = 0.3\nmax = 0.6\n"))
	f.Add([]byte("[[factor]]\nkey = \"reform.sigma_shift\"\n"))
	f.Add([]byte("[[factor]]\nkey = \"months\"\nmin = 1\nmax = 2\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseRanges("ranges.toml", data)
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || ie.File != "ranges.toml" {
				t.Fatalf("not bad input naming the file: %v", err)
			}
			return
		}
		for i, fa := range r.Factors {
			p := r.Params[i]
			if !p.Uncertain() || fa.Min < p.Min || fa.Max > p.Max || !(fa.Min < fa.Max) {
				t.Fatalf("factor %+v of %s (allowed %s)", fa, p.Key, p.Range())
			}
		}
	})
}
