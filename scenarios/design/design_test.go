package design

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
)

// allDesigns wraps every design function with small sizes. The "csv" entry
// reads a file holding only the header row, so valid factors still fail with
// "no points"; it is used to check factor validation.
func allDesigns() map[string]func([]Factor) (Design, error) {
	return map[string]func([]Factor) (Design, error){
		"grid":     func(f []Factor) (Design, error) { return Grid(f) },
		"lhs":      func(f []Factor) (Design, error) { return LHS(f, 5, 1) },
		"morris":   func(f []Factor) (Design, error) { return Morris(f, 3, 0, 1) },
		"saltelli": func(f []Factor) (Design, error) { return Saltelli(f, 4, 1) },
		"csv": func(f []Factor) (Design, error) {
			keys := make([]string, len(f))
			for i, g := range f {
				keys[i] = g.Key
			}
			return FromCSV(strings.NewReader(strings.Join(keys, ",")+"\n"), "t.csv", f)
		},
	}
}

func TestValidationErrors(t *testing.T) {
	ok := Factor{Key: "ok.factor", Min: 0, Max: 1}
	nan, inf := math.NaN(), math.Inf(1)
	cases := []struct {
		name    string
		f       Factor
		designs []string // designs that must reject it; nil = all
		want    []string // substrings of the error besides the key
	}{
		{"min>max", Factor{Key: "bad.key", Min: 2, Max: 1}, nil, []string{"Min (2) must be less than Max (1)"}},
		{"min==max", Factor{Key: "bad.key", Min: 1, Max: 1}, nil, []string{"empty range"}},
		{"unknown dist", Factor{Key: "bad.key", Dist: "gamma", Min: 0, Max: 1}, nil, []string{`"gamma"`, "uniform", "loguniform", "normal", "int"}},
		{"levels 1", Factor{Key: "bad.key", Min: 0, Max: 1, Levels: 1}, nil, []string{"at least 2"}},
		{"levels negative", Factor{Key: "bad.key", Min: 0, Max: 1, Levels: -3}, nil, []string{"at least 2"}},
		{"nan min", Factor{Key: "bad.key", Min: nan, Max: 1}, nil, []string{"finite"}},
		{"inf max", Factor{Key: "bad.key", Min: 0, Max: inf}, nil, []string{"finite"}},
		{"too wide", Factor{Key: "bad.key", Min: -math.MaxFloat64, Max: math.MaxFloat64}, nil, []string{"too wide"}},
		{"loguniform zero", Factor{Key: "bad.key", Dist: "loguniform", Min: 0, Max: 1}, nil, []string{"0 < Min"}},
		{"loguniform negative", Factor{Key: "bad.key", Dist: "loguniform", Min: -1, Max: 1}, nil, []string{"0 < Min"}},
		{"normal sd 0", Factor{Key: "bad.key", Dist: "normal", Min: 0, Max: 1, Mean: 0.5}, nil, []string{"SD > 0"}},
		{"normal sd nan", Factor{Key: "bad.key", Dist: "normal", Min: 0, Max: 1, SD: nan}, nil, []string{"SD > 0"}},
		{"normal no mass", Factor{Key: "bad.key", Dist: "normal", Min: 100, Max: 101, Mean: 0, SD: 1e-3}, nil, []string{"no probability mass"}},
		{"int one integer", Factor{Key: "bad.key", Dist: "int", Min: 0.5, Max: 1.5}, nil, []string{"two integers"}},
		{"int huge", Factor{Key: "bad.key", Dist: "int", Min: 0, Max: 1e17}, nil, []string{"2^53"}},
		{"list with dist", Factor{Key: "bad.key", Dist: "uniform", Values: []float64{1, 2}}, []string{"grid", "csv"}, []string{"Values"}},
		{"list with nan", Factor{Key: "bad.key", Values: []float64{1, nan}}, []string{"grid", "csv"}, []string{"finite"}},
		{"list duplicate", Factor{Key: "bad.key", Values: []float64{1, 2, 1}}, []string{"grid", "csv"}, []string{"appears twice"}},
		{"list in lhs", Factor{Key: "bad.key", Values: []float64{1, 2}}, []string{"lhs", "morris", "saltelli"}, []string{"not allowed", "Min and Max"}},
		{"grid int levels", Factor{Key: "bad.key", Dist: "int", Min: 0, Max: 3, Levels: 5}, []string{"grid"}, []string{"only 4 integers"}},
		{"morris odd levels", Factor{Key: "bad.key", Min: 0, Max: 1, Levels: 5}, []string{"morris"}, []string{"even", "Δ = p/(2(p−1))", "balanced"}},
	}
	designs := allDesigns()
	for _, c := range cases {
		names := c.designs
		if names == nil {
			names = []string{"grid", "lhs", "morris", "saltelli", "csv"}
		}
		for _, dn := range names {
			t.Run(c.name+"/"+dn, func(t *testing.T) {
				_, err := designs[dn]([]Factor{ok, c.f})
				if err == nil {
					t.Fatalf("no error for %+v", c.f)
				}
				msg := err.Error()
				for _, w := range append([]string{`"bad.key"`}, c.want...) {
					if !strings.Contains(msg, w) {
						t.Errorf("error %q does not mention %q", msg, w)
					}
				}
				// The error says which factor, for a caller to point at it.
				var fe *FactorError
				if !errors.As(err, &fe) || fe.Index != 1 || fe.Key != "bad.key" || string(fe.Design) != dn {
					t.Errorf("error %q: FactorError %+v, want design %s, factor 1, bad.key", msg, fe, dn)
				}
			})
		}
	}
}

func TestValidationErrorsWholeList(t *testing.T) {
	a := Factor{Key: "a", Min: 0, Max: 1}
	cases := []struct {
		name string
		f    []Factor
		want string
	}{
		{"no factors", nil, "no factors"},
		{"duplicate key", []Factor{a, {Key: "b", Min: 0, Max: 1}, a}, `"a": duplicate key`},
		{"empty key", []Factor{a, {Key: " ", Min: 0, Max: 1}}, "factor 1 has an empty Key"},
	}
	for _, c := range cases {
		for dn, fn := range allDesigns() {
			t.Run(c.name+"/"+dn, func(t *testing.T) {
				_, err := fn(c.f)
				if err == nil || !strings.Contains(err.Error(), c.want) {
					t.Fatalf("got error %v, want one containing %q", err, c.want)
				}
			})
		}
	}
}

func TestSizeArgumentErrors(t *testing.T) {
	f := []Factor{{Key: "a", Min: 0, Max: 1}, {Key: "b", Min: 0, Max: 1}}
	cases := []struct {
		name string
		run  func() (Design, error)
		want []string
	}{
		{"lhs n=0", func() (Design, error) { return LHS(f, 0, 1) }, []string{"n=0", "at least 1"}},
		{"lhs n<0", func() (Design, error) { return LHS(f, -4, 1) }, []string{"n=-4"}},
		{"lhs too many", func() (Design, error) { return LHS(f, MaxRuns+1, 1) }, []string{"more than"}},
		{"saltelli n=0", func() (Design, error) { return Saltelli(f, 0, 1) }, []string{"n=0", "at least 1"}},
		{"saltelli too many", func() (Design, error) { return Saltelli(f, MaxRuns/2, 1) }, []string{"more than"}},
		{"saltelli too many factors", func() (Design, error) { return Saltelli(manyFactors(501), 1, 1) }, []string{"at most 500"}},
		{"morris r=0", func() (Design, error) { return Morris(f, 0, 4, 1) }, []string{"r=0", "at least 1"}},
		{"morris odd", func() (Design, error) { return Morris(f, 2, 3, 1) }, []string{"levels=3", "even", "Δ = p/(2(p−1))"}},
		{"morris levels<0", func() (Design, error) { return Morris(f, 2, -2, 1) }, []string{"levels=-2"}},
		{"morris too many", func() (Design, error) { return Morris(f, MaxRuns, 4, 1) }, []string{"more than"}},
		{"morris conflicting levels", func() (Design, error) {
			return Morris([]Factor{{Key: "a", Min: 0, Max: 1, Levels: 4}, {Key: "b", Min: 0, Max: 1, Levels: 6}}, 2, 0, 1)
		}, []string{`"b"`, `"a"`, "one p"}},
		{"grid too many", func() (Design, error) {
			g := manyFactors(30) // 5^30 points
			return Grid(g)
		}, []string{"more than"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := c.run()
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

func manyFactors(k int) []Factor {
	f := make([]Factor, k)
	for i := range f {
		f[i] = Factor{Key: "f" + strings.Repeat("x", i), Min: 0, Max: 1}
	}
	return f
}

// testFactors covers every distribution.
func testFactors() []Factor {
	return []Factor{
		{Key: "u", Min: -2, Max: 3},
		{Key: "log", Dist: "loguniform", Min: 1e-3, Max: 10},
		{Key: "norm", Dist: "normal", Min: 0, Max: 1, Mean: 0.5, SD: 0.2},
		{Key: "tail", Dist: "normal", Min: 9, Max: 12, Mean: 0, SD: 1}, // far upper tail
		{Key: "n", Dist: "int", Min: 1, Max: 10},
	}
}

func TestQuantileCDF(t *testing.T) {
	fs, err := validateFactors("test", testFactors(), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		t.Run(f.Key, func(t *testing.T) {
			if got := quantile(f, 0); f.Dist != DistInt && got != f.Min {
				t.Errorf("quantile(0) = %v, want Min %v", got, f.Min)
			}
			if got := quantile(f, 1); f.Dist != DistInt && got != f.Max {
				t.Errorf("quantile(1) = %v, want Max %v", got, f.Max)
			}
			prev := math.Inf(-1)
			for i := 0; i <= 1000; i++ {
				u := float64(i) / 1000
				v := quantile(f, u)
				if v < f.Min || v > f.Max || v < prev {
					t.Fatalf("quantile(%v) = %v: outside [%v,%v] or below previous %v", u, v, f.Min, f.Max, prev)
				}
				prev = v
				if f.Dist == DistInt {
					if v != math.Trunc(v) {
						t.Fatalf("quantile(%v) = %v, not an integer", u, v)
					}
					if back := quantile(f, cdf(f, v)); back != v {
						t.Fatalf("quantile(cdf(%v)) = %v", v, back)
					}
					continue
				}
				if back := cdf(f, v); math.Abs(back-u) > 1e-9 {
					t.Fatalf("cdf(quantile(%v)) = %v", u, back)
				}
			}
		})
	}
}

func TestIntQuantileEqualProbability(t *testing.T) {
	f := Factor{Key: "n", Dist: "int", Min: 0, Max: 6}
	counts := map[float64]int{}
	const m = 7000
	for i := 0; i < m; i++ {
		counts[quantile(f, (float64(i)+0.5)/m)]++
	}
	for v := 0.0; v <= 6; v++ {
		if counts[v] != 1000 {
			t.Errorf("value %v taken by %d of %d evenly spaced u, want 1000", v, counts[v], m)
		}
	}
}

func TestFactorsCopied(t *testing.T) {
	vals := []float64{1, 2}
	f := []Factor{{Key: "a", Values: vals}, {Key: "b", Min: 0, Max: 1}}
	d, err := Grid(f)
	if err != nil {
		t.Fatal(err)
	}
	vals[0] = 99
	if d.Factors[0].Values[0] != 1 || d.Points[0].Values[0] != 1 {
		t.Error("design shares the caller's Values slice")
	}
	if f[1].Dist != "" || f[1].Levels != 0 {
		t.Error("caller's factors were modified")
	}
	if d.Factors[1].Dist != DistUniform || d.Factors[1].Levels != 5 {
		t.Errorf("defaults not filled in: %+v", d.Factors[1])
	}
}

// TestSampled: the sampled kinds are exactly those whose points follow
// from a seed and which refuse lists of values; a grid and a CSV design
// are fixed by their input.
func TestSampled(t *testing.T) {
	ranges := []Factor{{Key: "a", Min: 0, Max: 1}, {Key: "b", Min: 0, Max: 1}}
	withList := []Factor{{Key: "a", Values: []float64{1, 2}}, {Key: "b", Min: 0, Max: 1}}
	build := map[Kind]func(fs []Factor, seed uint64) (Design, error){
		KindGrid:     func(fs []Factor, _ uint64) (Design, error) { return Grid(fs) },
		KindLHS:      func(fs []Factor, seed uint64) (Design, error) { return LHS(fs, 4, seed) },
		KindMorris:   func(fs []Factor, seed uint64) (Design, error) { return Morris(fs, 2, 0, seed) },
		KindSaltelli: func(fs []Factor, seed uint64) (Design, error) { return Saltelli(fs, 4, seed) },
	}
	for kind, b := range build {
		d1, err1 := b(ranges, 1)
		d2, err2 := b(ranges, 2)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v %v", kind, err1, err2)
		}
		if d1.Kind != kind {
			t.Errorf("%s: Design.Kind = %q", kind, d1.Kind)
		}
		seeded := !reflect.DeepEqual(d1.Points, d2.Points)
		_, errList := b(withList, 1)
		if kind.Sampled() != seeded || kind.Sampled() != (errList != nil) {
			t.Errorf("%s: Sampled() = %v, but its points depend on the seed: %v, and it refuses lists: %v", kind, kind.Sampled(), seeded, errList != nil)
		}
	}
	if KindCSV.Sampled() || Kind("").Sampled() || Kind("LHS").Sampled() {
		t.Error("csv, the empty kind or a misspelt one is sampled")
	}
}
