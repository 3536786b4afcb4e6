package pareto

import (
	"math"
	"reflect"
	"slices"
	"testing"

	"golang.org/x/exp/rand"
)

// problem is a test problem: its variables and an evaluation.
type problem struct {
	vars []Var
	eval func(x []float64) Evaluated
}

// search runs NSGA-II as a caller would: an initial population of n, then
// generations steps of Offspring, evaluation and Select. With shuffle set,
// each batch of candidates is evaluated in a random order and every list
// handed back is shuffled, as a worker pool or a resumed sweep might
// deliver them. It returns the population after each step (index 0 the
// evaluated initial one, in canonical order) and every evaluation.
func search(t testing.TB, p problem, n, generations int, seed uint64, shuffle *rand.Rand) (pops [][]Evaluated, all []Evaluated) {
	t.Helper()
	evalAll := func(xs [][]float64) []Evaluated {
		out := make([]Evaluated, len(xs))
		order := make([]int, len(xs))
		for i := range order {
			order[i] = i
		}
		if shuffle != nil {
			shuffle.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		}
		for k, i := range order { // evaluated in this order, delivered as done
			out[k] = p.eval(xs[i])
		}
		all = append(all, out...)
		return out
	}
	xs, err := Initial(p.vars, n, seed)
	if err != nil {
		t.Fatal(err)
	}
	pop, err := Select(evalAll(xs), n)
	if err != nil {
		t.Fatal(err)
	}
	pops = append(pops, pop)
	for g := 1; g <= generations; g++ {
		parents := slices.Clone(pop)
		if shuffle != nil {
			shuffle.Shuffle(len(parents), func(i, j int) { parents[i], parents[j] = parents[j], parents[i] })
		}
		kids, err := Offspring(p.vars, parents, g, seed, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(kids) != n {
			t.Fatalf("generation %d: %d children from %d parents", g, len(kids), n)
		}
		merged := append(slices.Clone(parents), evalAll(kids)...)
		if shuffle != nil {
			shuffle.Shuffle(len(merged), func(i, j int) { merged[i], merged[j] = merged[j], merged[i] })
		}
		if pop, err = Select(merged, n); err != nil {
			t.Fatal(err)
		}
		pops = append(pops, pop)
	}
	return pops, all
}

// zdt is ZDT1 (convex front) or ZDT2 (non-convex) with k variables in
// [0, 1] (Zitzler, Deb & Thiele 2000): f1 = x1, g = 1 + 9·Σ_{i≥2} x_i/(k−1),
// f2 = g·h(f1/g) with h(r) = 1 − √r (ZDT1) or 1 − r² (ZDT2). The front is
// g = 1, x_2..x_k = 0, where f2 = h(f1) for f1 in [0, 1].
func zdt(k int, h func(r float64) float64) problem {
	vars := make([]Var, k)
	for i := range vars {
		vars[i] = Real("x", 0, 1)
	}
	return problem{vars, func(x []float64) Evaluated {
		var s float64
		for _, v := range x[1:] {
			s += v
		}
		g := 1 + 9*s/float64(k-1)
		return Evaluated{X: x, F: []float64{x[0], g * h(x[0]/g)}}
	}}
}

func objectives(pop []Evaluated) [][]float64 {
	out := make([][]float64, len(pop))
	for i, e := range pop {
		out[i] = e.F
	}
	return out
}

// TestZDT runs the budget of Deb et al. (2002), 25,000 evaluations (an
// initial population of 100 and 249 generations of 100 children), on ZDT1
// and ZDT2 with 30 variables, for three seeds, and measures hypervolume
// with reference point (1, 1).
//
// The true values: the front dominates, within the unit square, the region
// above f2 = h(f1), of area ∫₀¹ (1 − h(f1)) df1: for ZDT1
// ∫₀¹ √f1 df1 = 2/3, for ZDT2 ∫₀¹ f1² df1 = 1/3.
//
// The non-dominated set of all 25,000 evaluations, which is what a search
// reports (see [Front]), must come within 2% of these. The final
// population cannot: 100 points cover a continuous front only in part,
// and even 100 points on the true front, evenly spaced in f1, fall short
// (0.79% on ZDT1, 1.51% on ZDT2, computed below). So the final
// population's non-dominated set is held to within 1% of those 100 evenly
// spaced points instead.
func TestZDT(t *testing.T) {
	const n, generations = 100, 249
	ref := []float64{1, 1}
	for _, tc := range []struct {
		name string
		h    func(float64) float64
		true float64
	}{
		{"ZDT1", func(r float64) float64 { return 1 - math.Sqrt(r) }, 2.0 / 3},
		{"ZDT2", func(r float64) float64 { return 1 - r*r }, 1.0 / 3},
	} {
		even := make([][]float64, n)
		for i := range even {
			f1 := float64(i) / (n - 1)
			even[i] = []float64{f1, tc.h(f1)}
		}
		hvEven := Hypervolume(even, ref)
		t.Logf("%s: true hypervolume %.5f; 100 evenly spaced points on the front %.5f (%.2f%% short)", tc.name, tc.true, hvEven, 100*(1-hvEven/tc.true))
		for _, seed := range []uint64{1, 2, 3} {
			pops, all := search(t, zdt(30, tc.h), n, generations, seed, nil)
			if len(all) != 25000 {
				t.Fatalf("%d evaluations; want 25,000", len(all))
			}
			found, err := Front(all)
			if err != nil {
				t.Fatal(err)
			}
			final, err := Front(pops[len(pops)-1])
			if err != nil {
				t.Fatal(err)
			}
			hvAll, hvFinal := Hypervolume(objectives(found), ref), Hypervolume(objectives(final), ref)
			t.Logf("%s seed %d: all evaluations: %d points, hypervolume %.5f (%.2f%% short of true); final population: %d points, %.5f (%.2f%% short of evenly spaced)",
				tc.name, seed, len(found), hvAll, 100*(1-hvAll/tc.true), len(final), hvFinal, 100*(1-hvFinal/hvEven))
			if hvAll < 0.98*tc.true || hvAll > tc.true {
				t.Errorf("%s seed %d: hypervolume of all evaluations %.5f; want within 2%% below %.5f", tc.name, seed, hvAll, tc.true)
			}
			if hvFinal < 0.99*hvEven || hvFinal > tc.true {
				t.Errorf("%s seed %d: hypervolume of the final population %.5f; want within 1%% of %.5f", tc.name, seed, hvFinal, hvEven)
			}
		}
	}
}

// constr is Deb's CONSTR problem (Deb 2001, §14.1.1; Deb et al. 2002,
// Table V): minimise f1 = x1 and f2 = (1 + x2)/x1 for x1 in [0.1, 1],
// x2 in [0, 5], subject to x2 + 9x1 ≥ 6 and −x2 + 9x1 ≥ 1.
//
// Its front: for a given x1 = f1, f2 is least at the least feasible x2,
// x2* = max(0, 6 − 9x1), which meets the second constraint only when
// 9x1 − 1 ≥ x2*, i.e. x1 ≥ 7/18. So f2* = (7 − 9f1)/f1 on [7/18, 2/3]
// (the first constraint active) and 1/f1 on [2/3, 1].
func constr() problem {
	return problem{
		[]Var{Real("x1", 0.1, 1), Real("x2", 0, 5)},
		func(x []float64) Evaluated {
			v := math.Max(0, 6-x[1]-9*x[0]) + math.Max(0, 1+x[1]-9*x[0])
			return Evaluated{X: x, F: []float64{x[0], (1 + x[1]) / x[0]}, Violation: v}
		},
	}
}

func constrFront(f1 float64) float64 {
	if f1 < 2.0/3 {
		return (7 - 9*f1) / f1
	}
	return 1 / f1
}

// constrDistance is the distance from f to CONSTR's front, in objectives
// scaled by the front's ranges (f1 over [7/18, 1], f2 over [1, 9]), found
// over 100,001 points of the front evenly spaced in f1.
func constrDistance(f []float64) float64 {
	const lo, n = 7.0 / 18, 100000
	best := math.Inf(1)
	for i := range n + 1 {
		f1 := lo + (1-lo)*float64(i)/n
		best = min(best, math.Hypot((f[0]-f1)/(1-lo), (f[1]-constrFront(f1))/8))
	}
	return best
}

// TestConstrained: after 100 generations of 100 on CONSTR, every member of
// the final front is feasible, none lies below the known front, each is
// within 0.02 of it in objectives scaled by the front's ranges and their
// mean distance within 0.003, and the front's hypervolume with reference
// point (1.1, 10) is within 1% of the known front's:
//
//	∫_{7/18}^{2/3} (10 − (7/f1 − 9)) df1 + ∫_{2/3}^{1} (10 − 1/f1) df1 + 0.1·(10 − 1)
//	= 19·5/18 − 7 ln(12/7) + 10/3 − ln(3/2) + 0.9 ≈ 5.3327.
//
// (A bound on f2 at a member's own f1 would be unfair where the front is
// steep: at f1 = 0.4 its slope is −44, so a member a hair to the right of
// the front is 5% above it in f2.) Longer runs do not close the last gaps:
// once the whole population is non-dominated, a member slightly off the
// front survives as long as no child dominates it, and crowding, not
// distance to the front, decides; with 400 generations the farthest
// member was still about 0.01 away.
func TestConstrained(t *testing.T) {
	want := 19*5.0/18 - 7*math.Log(12.0/7) + 10.0/3 - math.Log(1.5) + 0.9
	for _, seed := range []uint64{1, 2, 3} {
		pops, _ := search(t, constr(), 100, 100, seed, nil)
		front, err := Front(pops[len(pops)-1])
		if err != nil {
			t.Fatal(err)
		}
		worst, mean := 0.0, 0.0
		for _, e := range front {
			if !e.Feasible() {
				t.Fatalf("seed %d: infeasible member %v (violation %g) on the front", seed, e.X, e.Violation)
			}
			if e.F[1] < constrFront(e.F[0])*(1-1e-12) {
				t.Errorf("seed %d: f = %v lies below the known front (f2* = %g)", seed, e.F, constrFront(e.F[0]))
			}
			d := constrDistance(e.F)
			worst = max(worst, d)
			mean += d / float64(len(front))
			if d > 0.02 {
				t.Errorf("seed %d: f = %v is %.3g from the front; want <= 0.02", seed, e.F, d)
			}
		}
		if mean > 0.003 {
			t.Errorf("seed %d: mean distance %.3g from the front; want <= 0.003", seed, mean)
		}
		got := Hypervolume(objectives(front), []float64{1.1, 10})
		t.Logf("seed %d: %d points, distance from the front (scaled) mean %.2g, farthest %.2g, hypervolume %.5f of %.5f", seed, len(front), mean, worst, got, want)
		if math.Abs(got/want-1) > 0.01 {
			t.Errorf("seed %d: hypervolume %.5f; want within 1%% of %.5f", seed, got, want)
		}
	}
}

// mixedCost of option c of the mixed problem; option 2 is free.
var mixedCost = [5]float64{0.7, 0.3, 0, 0.9, 0.4}

// mixed has a real x in [0, 1], an integer k in [0, 20], a choice c of 5
// options and a switch b; f1 = x + p and f2 = 1 − x + p with the penalty
// p = (k − 13)²/10 + cost(c) + 0.5·(1 − b). Its front is p = 0 (k = 13,
// c = 2, b on) for every x: any candidate with p > 0 is dominated by the
// one with p = 0 and the same x.
func mixed() problem {
	return problem{
		[]Var{Real("x", 0, 1), Int("k", 0, 20), Choice("c", 5), Bool("b")},
		func(x []float64) Evaluated {
			p := (x[1]-13)*(x[1]-13)/10 + mixedCost[int(x[2])] + 0.5*(1-x[3])
			return Evaluated{X: x, F: []float64{x[0] + p, 1 - x[0] + p}}
		},
	}
}

// TestMixed: 40 generations of 40 find the optimum of the integer, the
// choice and the switch for every member of the final front, and spread
// the front over x.
func TestMixed(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		pops, _ := search(t, mixed(), 40, 40, seed, nil)
		front, err := Front(pops[len(pops)-1])
		if err != nil {
			t.Fatal(err)
		}
		lo, hi := 1.0, 0.0
		for _, e := range front {
			if e.X[1] != 13 || e.X[2] != 2 || e.X[3] != 1 {
				t.Errorf("seed %d: front member %v; want k = 13, c = 2, b = 1", seed, e.X)
			}
			lo, hi = min(lo, e.X[0]), max(hi, e.X[0])
		}
		if len(front) < 30 || lo > 0.02 || hi < 0.98 {
			t.Errorf("seed %d: front of %d points spans x in [%.3f, %.3f]; want >= 30 points over [<=0.02, >=0.98]", seed, len(front), lo, hi)
		}
	}
}

// TestDeterminism: the same seed gives the same populations, generation by
// generation, whether candidates are evaluated and handed back in order or
// shuffled; another seed gives others.
func TestDeterminism(t *testing.T) {
	for name, p := range map[string]problem{"ZDT1": zdt(10, func(r float64) float64 { return 1 - math.Sqrt(r) }), "CONSTR": constr(), "mixed": mixed()} {
		inOrder, _ := search(t, p, 20, 30, 7, nil)
		for _, s := range []uint64{1, 2} {
			shuffled, _ := search(t, p, 20, 30, 7, rand.New(rand.NewSource(s)))
			for g := range inOrder {
				if !reflect.DeepEqual(inOrder[g], shuffled[g]) {
					t.Fatalf("%s: generation %d differs when evaluations are shuffled (shuffle seed %d)", name, g, s)
				}
			}
		}
		other, _ := search(t, p, 20, 30, 8, nil)
		if reflect.DeepEqual(inOrder[len(inOrder)-1], other[len(other)-1]) {
			t.Errorf("%s: seeds 7 and 8 end in the same population", name)
		}
	}
}
