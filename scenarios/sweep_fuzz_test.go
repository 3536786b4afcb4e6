package scenarios

import (
	"strings"
	"testing"

	"github.com/govsim/govsim/sim/experiment"
)

// FuzzParseSweep: no sweep file makes the parser or Build panic; every
// error is one line of *InputError; whatever Build accepts has points whose
// values every scenario takes. Files are out of reach (noFiles), so a
// fuzzed scenario path or points file cannot read the disk.
func FuzzParseSweep(f *testing.F) {
	for _, kind := range SweepExamples() {
		b, err := SweepExample(kind)
		if err != nil {
			f.Fatal(err)
		}
		var lines []string
		for _, l := range strings.Split(string(b), "\n") {
			if t := strings.TrimSpace(l); t != "" && t[0] != '#' {
				lines = append(lines, l)
			}
		}
		f.Add([]byte(strings.Join(lines, "\n")))
	}
	f.Add([]byte(goodSweep))
	f.Add([]byte("design = \"grid\"\nmonths = 3\nwindow = 1\nfactor = [{key = \"opinion.meetings\", values = [1, 2]}]\n"))
	f.Add([]byte("design = \"morris\"\nsamples = 1\nlevels = 2\nmonths = 2\nwindow = 2\n[[factor]]\nkey = \"months\"\nmin = 1\nmax = 3\n"))
	f.Add([]byte("scenarios = [\"nanhai\"]\ndesign = \"lhs\"\nsamples = 3\nmonths = 24\nwindow = 12\n[[factor]]\nkey = \"reforms[1].intensity\"\nmin = 0\nmax = 1\n[[factor]]\nkey = \"reforms[0].ramp\"\nmin = 0\nmax = 12\n"))
	f.Add([]byte("scenarios = [\"zhengjing\"]\ndesign = \"grid\"\nmonths = 24\nwindow = 12\n[[factor]]\nkey = \"reforms[0].end\"\nvalues = [0, 13, 24]\n"))
	f.Add([]byte("design = \"csv\"\npoints = \"x.csv\"\n[[factor]]\nkey = \"economy.lambda0\"\nvalues = [0.5]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sw, err := noFiles().parseSweep("fuzz.toml", data, "")
		if err == nil {
			// Keep the fuzzer fast: Build checks every point.
			sw.Samples = min(sw.Samples, 50)
			for i := range sw.Factors {
				sw.Factors[i].Levels = min(sw.Factors[i].Levels, 6)
			}
			var p *Plan
			if p, err = sw.Build(); err == nil {
				if p.Runs() < 1 || len(p.Design.Points) == 0 {
					t.Fatalf("accepted a sweep without runs")
				}
				for _, sc := range sw.Scenarios {
					for _, pt := range p.Design.Points {
						cfg := sc.Config
						if err := experiment.SetPoint(&cfg, sw.Params, pt.Values); err != nil {
							t.Fatalf("accepted point %v that scenario %s refuses: %v", pt.Values, sc.Name, err)
						}
					}
				}
				return
			}
		}
		if _, ok := err.(*InputError); !ok {
			t.Fatalf("error %v is a %T, not an *InputError", err, err)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Fatalf("error spans lines: %q", err)
		}
	})
}
