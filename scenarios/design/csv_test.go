package design

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func csvFactors() []Factor {
	return []Factor{
		{Key: "economy.lambda0", Min: 0, Max: 2},
		{Key: "pop.n", Dist: "int", Min: 10, Max: 1000},
		{Key: "policy.tax", Values: []float64{0.1, 0.2, 0.3}},
		{Key: "econ.rate", Dist: "loguniform", Min: 0.01, Max: 1},
	}
}

func TestFromCSVGood(t *testing.T) {
	in := `# points for the tax sweep
pop.n, economy.lambda0 ,policy.tax,econ.rate

10,0,0.1,0.01
1000, 2 ,0.3,1
# a comment between rows
"505",1,0.2,0.1
`
	d, err := FromCSV(strings.NewReader(in), "runs.csv", csvFactors())
	if err != nil {
		t.Fatal(err)
	}
	if d.Kind != KindCSV || d.Runs() != 3 || d.Groups != 0 {
		t.Fatalf("Kind=%q Runs()=%d Groups=%d", d.Kind, d.Runs(), d.Groups)
	}
	want := [][]float64{{0, 10, 0.1, 0.01}, {2, 1000, 0.3, 1}, {1, 505, 0.2, 0.1}}
	wantUnit := [][]float64{{0, 0, math.NaN(), 0}, {1, 1, math.NaN(), 1}, {0.5, 495.0 / 990, math.NaN(), 0.5}}
	for i, p := range d.Points {
		if p.Index != i {
			t.Errorf("point %d Index %d", i, p.Index)
		}
		for j := range want[i] {
			if p.Values[j] != want[i][j] {
				t.Errorf("point %d = %v, want %v (factor order)", i, p.Values, want[i])
			}
			wu := wantUnit[i][j]
			if math.IsNaN(wu) != math.IsNaN(p.Unit[j]) || math.Abs(p.Unit[j]-wu) > 1e-12 {
				t.Errorf("point %d unit = %v, want %v", i, p.Unit, wantUnit[i])
			}
		}
	}
}

func TestFromCSVErrors(t *testing.T) {
	const hdr = "economy.lambda0,pop.n,policy.tax,econ.rate\n"
	cases := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", []string{"runs.csv", "empty file", "economy.lambda0"}},
		{"header only", hdr, []string{"runs.csv", "no points"}},
		{"unknown column", "economy.lambda0,pop.n,policy.tax,econ.rate,extra\n1,10,0.1,0.1,5\n", []string{"runs.csv:1", "column 5", `unknown column "extra"`, "economy.lambda0, pop.n, policy.tax, econ.rate"}},
		{"missing column", "economy.lambda0,pop.n,econ.rate\n1,10,0.1\n", []string{"runs.csv:1", `missing column "policy.tax"`}},
		{"duplicate column", "economy.lambda0,pop.n,pop.n,econ.rate\n", []string{"runs.csv:1", "column 3", `"pop.n" appears twice`}},
		{"not a number", hdr + "1,10,0.1,0.1\n1,abc,0.1,0.1\n", []string{"runs.csv:3", "column 2", "pop.n", `"abc" is not a number`}},
		{"empty field", hdr + "1,10,,0.1\n", []string{"runs.csv:2", "column 3", "policy.tax", "not a number"}},
		{"nan", hdr + "NaN,10,0.1,0.1\n", []string{"runs.csv:2", "column 1", "not a finite number"}},
		{"overflow", hdr + "1e999,10,0.1,0.1\n", []string{"runs.csv:2", "column 1", "not a finite number"}},
		{"above range", hdr + "1,10,0.1,0.1\n2.5,10,0.1,0.1\n", []string{"runs.csv:3", "column 1", "economy.lambda0", "2.5 is outside the allowed range [0, 2]"}},
		{"below range", hdr + "1,9,0.1,0.1\n", []string{"runs.csv:2", "column 2", "pop.n", "[10, 1000]"}},
		{"not integer", hdr + "1,10.5,0.1,0.1\n", []string{"runs.csv:2", "column 2", "not an integer"}},
		{"not in list", hdr + "1,10,0.25,0.1\n", []string{"runs.csv:2", "column 3", "policy.tax", "0.25 is not one of the allowed values {0.1, 0.2, 0.3}"}},
		{"field count", hdr + "1,10,0.1\n", []string{"runs.csv:2", "wrong number of fields"}},
		{"bad quote", hdr + "1,1\"0,0.1,0.1\n", []string{"runs.csv:2:4", `bare "`}},
		{"multiline quoted", hdr + "1,\"1\n0\",0.1,0.1\n", []string{"runs.csv:2", "column 2", "not a number"}},
		{"line after multiline", hdr + "1,\"10\",\"0.1\n\",0.1\n1,x,0.1,0.1\n", []string{"runs.csv:4", "column 2", "pop.n"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := FromCSV(strings.NewReader(c.in), "runs.csv", csvFactors())
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

type failReader struct{}

func (failReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestFromCSVReadError(t *testing.T) {
	_, err := FromCSV(failReader{}, "runs.csv", csvFactors())
	if err == nil || !strings.Contains(err.Error(), "runs.csv") || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("got %v", err)
	}
}

func TestFromCSVBadFactors(t *testing.T) {
	_, err := FromCSV(strings.NewReader("a\n1\n"), "runs.csv", []Factor{{Key: "a", Min: 1, Max: 0}})
	if err == nil || !strings.Contains(err.Error(), "runs.csv") || !strings.Contains(err.Error(), `"a"`) {
		t.Fatalf("got %v", err)
	}
}

func FuzzFromCSV(f *testing.F) {
	f.Add("economy.lambda0,pop.n,policy.tax,econ.rate\n1,10,0.1,0.1\n")
	f.Add("pop.n,econ.rate,economy.lambda0,policy.tax\n1000,1,2,0.3\n500,0.5,0,0.2\n")
	f.Add("economy.lambda0,pop.n,policy.tax,econ.rate\n\"1\",1e1,0x1p-3,.5\n")
	f.Add("# comment\neconomy.lambda0,pop.n\n")
	f.Add("a,\"b\nc\",d\n1,2\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, in string) {
		fs := csvFactors()
		d, err := FromCSV(strings.NewReader(in), "fuzz.csv", fs)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.csv") {
				t.Fatalf("error without file name: %v", err)
			}
			return
		}
		if d.Runs() < 1 {
			t.Fatal("no error but no points")
		}
		for _, p := range d.Points {
			if len(p.Values) != len(fs) || len(p.Unit) != len(fs) {
				t.Fatalf("malformed point %+v", p)
			}
			for i, g := range d.Factors {
				if err := checkValue(g, p.Values[i]); err != nil {
					t.Fatalf("accepted bad value: %v", err)
				}
				if u := p.Unit[i]; !g.isList() && !(u >= 0 && u <= 1) {
					t.Fatalf("unit %v outside [0,1]", u)
				}
			}
		}
	})
}
