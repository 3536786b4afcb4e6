package pareto

import (
	"math"
	"reflect"
	"slices"
	"testing"

	"golang.org/x/exp/rand"
)

// TestSBX: children stay in bounds; far from the bounds the spread is
// symmetric, so the children's mean is the parents' and each child is as
// likely on either side; a larger index keeps children nearer.
func TestSBX(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	const draws = 20000
	for _, tc := range []struct {
		y1, y2, lo, hi float64
	}{
		{0.4, 0.6, 0, 1},
		{0, 1, 0, 1},
		{0.99, 1, 0, 1},
		{-3, 7, -5, 10},
	} {
		for _, eta := range []float64{2, 15, 30} {
			for range draws {
				c1, c2 := sbx(rng, tc.y1, tc.y2, tc.lo, tc.hi, eta)
				if c1 < tc.lo || c1 > tc.hi || c2 < tc.lo || c2 > tc.hi || math.IsNaN(c1+c2) {
					t.Fatalf("sbx(%v, eta %g) = %g, %g outside bounds", tc, eta, c1, c2)
				}
			}
		}
	}
	spreadOf := func(eta float64) (mean, dev, below float64) {
		for range draws {
			c1, c2 := sbx(rng, 499, 501, 0, 1000, eta)
			if math.Abs(c1+c2-1000) > 1e-9 {
				t.Fatalf("far from bounds: children %g, %g; want their mean 500", c1, c2)
			}
			dev += math.Abs(c1-500) / draws
			if c1 < 500 {
				below += 1.0 / draws
			}
		}
		return 500, dev, below
	}
	_, dev15, below := spreadOf(15)
	_, dev2, _ := spreadOf(2)
	if math.Abs(below-0.5) > 0.02 {
		t.Errorf("first child below the mean in %.3f of draws; want 0.5", below)
	}
	if !(dev15 < dev2) {
		t.Errorf("mean spread %.3f at eta 15, %.3f at eta 2; want less at 15", dev15, dev2)
	}
	if c1, c2 := sbx(rng, 0.3, 0.3, 0, 1, 15); c1 != 0.3 || c2 != 0.3 {
		t.Errorf("equal parents: %g, %g; want copies", c1, c2)
	}
}

// TestPolynomial: mutants stay in bounds even from a bound, move both ways
// from the middle, and a larger index moves them less.
func TestPolynomial(t *testing.T) {
	rng := rand.New(rand.NewSource(6))
	for _, y := range []float64{0, 1e-9, 0.5, 1} {
		up, down := 0, 0
		for range 10000 {
			z := polynomial(rng, y, 0, 1, 20)
			if z < 0 || z > 1 || math.IsNaN(z) {
				t.Fatalf("polynomial(%g) = %g outside [0, 1]", y, z)
			}
			if z > y {
				up++
			} else if z < y {
				down++
			}
		}
		if y == 0.5 && math.Abs(float64(up-down)) > 400 {
			t.Errorf("from 0.5: %d up and %d down; want about equal", up, down)
		}
	}
	move := func(eta float64) (d float64) {
		for range 10000 {
			d += math.Abs(polynomial(rng, 0.5, 0, 1, eta)-0.5) / 10000
		}
		return d
	}
	if m20, m5 := move(20), move(5); !(m20 < m5) {
		t.Errorf("mean move %.4f at eta 20, %.4f at eta 5; want less at 20", m20, m5)
	}
	if z := polynomial(rng, 3, 3, 3, 20); z != 3 {
		t.Errorf("fixed variable moved to %g", z)
	}
}

// TestMutateChoice: a mutated choice always takes another option, each of
// the others about equally often; a choice of one cannot move.
func TestMutateChoice(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	v := Choice("c", 4)
	counts := make([]int, 4)
	for range 30000 {
		x := 2.0
		mutateOne(rng, v, &x, settings{})
		counts[int(x)]++
	}
	if counts[2] != 0 {
		t.Errorf("mutation kept the option %d times", counts[2])
	}
	for _, o := range []int{0, 1, 3} {
		if math.Abs(float64(counts[o])-10000) > 400 {
			t.Errorf("option %d taken %d times of 30,000; want about 10,000", o, counts[o])
		}
	}
	x := 0.0
	mutateOne(rng, Choice("one", 1), &x, settings{})
	if x != 0 {
		t.Errorf("a choice of one moved to %g", x)
	}
}

func TestMate(t *testing.T) {
	rng := rand.New(rand.NewSource(8))
	vars := []Var{Real("r", 0, 1), Int("k", -3, 3), Choice("c", 3), Bool("b")}
	a, b := []float64{0.2, -3, 0, 0}, []float64{0.9, 3, 2, 1}
	s := settings{crossover: 1, etaC: 15}
	changed := make([]bool, len(vars))
	for range 2000 {
		c1, c2 := mate(rng, vars, a, b, s)
		for _, c := range [][]float64{c1, c2} {
			if err := checkX(vars, c); err != nil {
				t.Fatalf("child %v: %v", c, err)
			}
		}
		for i := range vars {
			if c1[i] != a[i] && c1[i] != b[i] {
				changed[i] = true
				if vars[i].Kind == KindChoice {
					t.Fatalf("choice %s took %g, neither parent's", vars[i].Name, c1[i])
				}
			}
			if vars[i].Kind == KindChoice && c1[i]+c2[i] != a[i]+b[i] {
				t.Fatalf("choices %g, %g are not the parents' %g, %g", c1[i], c2[i], a[i], b[i])
			}
		}
	}
	if !changed[0] || !changed[1] {
		t.Errorf("SBX never produced a new real or integer value: %v", changed)
	}
	if c1, c2 := mate(rng, vars, a, b, settings{crossover: 0}); !slices.Equal(c1, a) || !slices.Equal(c2, b) {
		t.Errorf("without crossover: %v, %v; want copies", c1, c2)
	}
}

func TestInitial(t *testing.T) {
	vars := []Var{Real("r", -1, 3), Int("k", 0, 4), Choice("c", 3), Bool("b")}
	const n = 20
	xs, err := Initial(vars, n, 9)
	if err != nil {
		t.Fatal(err)
	}
	if len(xs) != n {
		t.Fatalf("%d candidates; want %d", len(xs), n)
	}
	strata := make([]int, n)
	counts := make([]map[float64]int, len(vars))
	for i := range counts {
		counts[i] = map[float64]int{}
	}
	for _, x := range xs {
		if err := checkX(vars, x); err != nil {
			t.Fatal(err)
		}
		strata[int((x[0]+1)/4*n)]++
		for i := range vars {
			counts[i][x[i]]++
		}
	}
	for s, c := range strata {
		if c != 1 {
			t.Errorf("stratum %d of the real variable holds %d candidates; want 1", s, c)
		}
	}
	for i, want := range []int{5, 3, 2} { // values of k, c, b
		m := float64(n) / float64(want)
		if len(counts[i+1]) != want {
			t.Errorf("%s takes %d values; want %d", vars[i+1].Name, len(counts[i+1]), want)
		}
		for val, c := range counts[i+1] {
			if math.Abs(float64(c)-m) > 1 {
				t.Errorf("%s = %g in %d candidates; want %g ± 1", vars[i+1].Name, val, c, m)
			}
		}
	}
	again, _ := Initial(vars, n, 9)
	other, _ := Initial(vars, n, 10)
	if !reflect.DeepEqual(xs, again) || reflect.DeepEqual(xs, other) {
		t.Error("Initial is not a function of its seed")
	}
	for _, bad := range []int{0, 2, 6, -4} {
		if _, err := Initial(vars, bad, 1); err == nil {
			t.Errorf("Initial(n = %d): no error", bad)
		}
	}
}

func TestVarErrors(t *testing.T) {
	for _, v := range []Var{
		Real("lo>hi", 2, 1), Real("nan", math.NaN(), 1), Real("inf", 0, math.Inf(1)),
		{Name: "frac", Kind: KindInt, Lo: 0.5, Hi: 2}, Int("lo>hi", 3, 1),
		Choice("none", 0), {Name: "kind", Kind: Kind(9)},
	} {
		if _, err := Initial([]Var{v}, 4, 1); err == nil {
			t.Errorf("%s (%v): no error", v.Name, v.Kind)
		}
	}
	if _, err := Initial(nil, 4, 1); err == nil {
		t.Error("no variables: no error")
	}
}

// parentsOf evaluates xs with f1 = Σx and f2 = Σ(1 − x) for tests of the
// generation step.
func parentsOf(xs [][]float64) []Evaluated {
	out := make([]Evaluated, len(xs))
	for i, x := range xs {
		var s, r float64
		for _, v := range x {
			s += v
			r += 1 - v
		}
		out[i] = Evaluated{X: x, F: []float64{s, r}}
	}
	return out
}

func TestOffspring(t *testing.T) {
	vars := []Var{Real("r", 0, 1), Int("k", 0, 9), Choice("c", 4), Bool("b")}
	xs, err := Initial(vars, 40, 1)
	if err != nil {
		t.Fatal(err)
	}
	parents := parentsOf(xs)
	kids, err := Offspring(vars, parents, 1, 1, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(kids) != len(parents) {
		t.Fatalf("%d children of %d parents", len(kids), len(parents))
	}
	seen := map[[4]float64]bool{}
	for _, x := range xs {
		seen[[4]float64(x)] = true
	}
	for _, k := range kids {
		if err := checkX(vars, k); err != nil {
			t.Fatalf("child %v: %v", k, err)
		}
		if seen[[4]float64(k)] {
			t.Errorf("child %v repeats a parent or a sibling", k)
		}
		seen[[4]float64(k)] = true
	}
	// The same call gives the same children, for any order of parents;
	// another generation gives others.
	rev := slices.Clone(parents)
	slices.Reverse(rev)
	again, _ := Offspring(vars, rev, 1, 1, Options{})
	next, _ := Offspring(vars, parents, 2, 1, Options{})
	if !reflect.DeepEqual(kids, again) {
		t.Error("children change with the order of parents")
	}
	if reflect.DeepEqual(kids, next) {
		t.Error("generations 1 and 2 give the same children")
	}
}

// TestOffspringTinySpace: when the variables allow fewer candidates than
// the population, children repeat, and Offspring still returns them all.
func TestOffspringTinySpace(t *testing.T) {
	vars := []Var{Bool("b")}
	parents := parentsOf([][]float64{{0}, {1}, {0}, {1}, {0}, {1}, {1}, {1}})
	kids, err := Offspring(vars, parents, 1, 3, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(kids) != 8 {
		t.Fatalf("%d children; want 8", len(kids))
	}
	for _, k := range kids {
		if k[0] != 0 && k[0] != 1 {
			t.Fatalf("child %v", k)
		}
	}
}

func TestOffspringErrors(t *testing.T) {
	vars := []Var{Real("r", 0, 1), Int("k", 0, 9)}
	good := parentsOf([][]float64{{0, 0}, {1, 9}, {0.5, 3}, {0.2, 4}})
	for _, tc := range []struct {
		name    string
		vars    []Var
		parents []Evaluated
		opts    Options
	}{
		{"three parents", vars, good[:3], Options{}},
		{"six parents", vars, append(slices.Clone(good), good[:2]...), Options{}},
		{"no parents", vars, nil, Options{}},
		{"out of bounds", vars, parentsOf([][]float64{{0, 0}, {1, 10}, {0.5, 3}, {0.2, 4}}), Options{}},
		{"fractional integer", vars, parentsOf([][]float64{{0, 0}, {1, 9}, {0.5, 3.5}, {0.2, 4}}), Options{}},
		{"wrong length", vars, parentsOf([][]float64{{0}, {1}, {0.5}, {0.2}}), Options{}},
		{"bad variable", []Var{Real("r", 1, 0), Int("k", 0, 9)}, good, Options{}},
		{"crossover probability above 1", vars, good, Options{CrossoverProb: 1.5}},
		{"negative index", vars, good, Options{EtaC: -1}},
		{"negative mutation probability", vars, good, Options{MutationProb: -0.1}},
		{"NaN index", vars, good, Options{EtaM: math.NaN()}},
	} {
		if _, err := Offspring(tc.vars, tc.parents, 1, 1, tc.opts); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}

func TestTournament(t *testing.T) {
	inf := math.Inf(1)
	rank := []int{0, 0, 1, 1, 0}
	crowd := []float64{0.5, 0.7, inf, 0.1, 0.5}
	for _, tc := range []struct{ a, b, want int }{
		{0, 2, 0}, // lower rank beats an infinite distance
		{2, 0, 0},
		{0, 1, 1}, // same rank: larger distance
		{1, 0, 1},
		{2, 3, 2},
		{0, 4, 0}, // full tie: the first drawn
		{4, 0, 4},
	} {
		if got := tournament(rank, crowd, tc.a, tc.b); got != tc.want {
			t.Errorf("tournament(%d, %d) = %d; want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
