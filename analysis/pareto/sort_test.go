package pareto

import (
	"math"
	"reflect"
	"slices"
	"testing"

	"golang.org/x/exp/rand"
)

func ev(v float64, f ...float64) Evaluated { return Evaluated{X: []float64{0}, F: f, Violation: v} }

func TestDominates(t *testing.T) {
	for _, tc := range []struct {
		name       string
		a, b       Evaluated
		aDom, bDom bool
	}{
		{"better in all", ev(0, 1, 1), ev(0, 2, 2), true, false},
		{"better in one, equal in other", ev(0, 1, 2), ev(0, 2, 2), true, false},
		{"equal", ev(0, 1, 2), ev(0, 1, 2), false, false},
		{"incomparable", ev(0, 1, 3), ev(0, 2, 2), false, false},
		{"feasible beats infeasible whatever the objectives", ev(0, 9, 9), ev(0.1, 0, 0), true, false},
		{"smaller violation wins", ev(0.5, 9, 9), ev(1, 0, 0), true, false},
		{"equal violations: neither", ev(1, 0, 0), ev(1, 9, 9), false, false},
		{"one objective", ev(0, 1), ev(0, 2), true, false},
	} {
		if got := Dominates(tc.a, tc.b); got != tc.aDom {
			t.Errorf("%s: Dominates(a, b) = %v; want %v", tc.name, got, tc.aDom)
		}
		if got := Dominates(tc.b, tc.a); got != tc.bDom {
			t.Errorf("%s: Dominates(b, a) = %v; want %v", tc.name, got, tc.bDom)
		}
	}
}

// randomPop makes a population with many ties: objectives and violations
// are small whole numbers, half the members are feasible, some are copies
// of another, and some share another's X with other results.
func randomPop(rng *rand.Rand, n, nObj int) []Evaluated {
	pop := make([]Evaluated, n)
	for i := range pop {
		if i > 0 && rng.Intn(8) == 0 {
			pop[i] = pop[rng.Intn(i)] // the same package, the same results
			continue
		}
		f := make([]float64, nObj)
		for m := range f {
			f[m] = float64(rng.Intn(6))
		}
		var v float64
		if rng.Intn(2) == 0 {
			v = float64(rng.Intn(3)) / 2
		}
		x := []float64{float64(rng.Intn(3 * n)), rng.Float64()}
		if i > 0 && rng.Intn(8) == 0 {
			x = pop[rng.Intn(i)].X // the same package, other results
		}
		pop[i] = Evaluated{X: x, F: f, Violation: v}
	}
	return pop
}

// TestSortProperties: for random populations, fronts partition the
// members, no member of a front dominates another of it, every member of
// front i+1 is dominated by some member of front i, and the fronts hold
// the same members whatever the order of the population.
func TestSortProperties(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for trial := range 300 {
		n, nObj := 1+rng.Intn(60), 1+rng.Intn(4)
		pop := randomPop(rng, n, nObj)
		fr, err := Sort(pop)
		if err != nil {
			t.Fatal(err)
		}
		seen := make([]int, n)
		for r, f := range fr {
			if len(f) == 0 || !slices.IsSorted(f) {
				t.Fatalf("trial %d: front %d = %v; want non-empty and increasing", trial, r, f)
			}
			for _, i := range f {
				seen[i]++
				for _, j := range f {
					if Dominates(pop[i], pop[j]) {
						t.Fatalf("trial %d: %d dominates %d within front %d", trial, i, j, r)
					}
				}
				if r == 0 {
					continue
				}
				dominated := false
				for _, j := range fr[r-1] {
					dominated = dominated || Dominates(pop[j], pop[i])
				}
				if !dominated {
					t.Fatalf("trial %d: %d in front %d is dominated by no member of front %d", trial, i, r, r-1)
				}
			}
		}
		for i, c := range seen {
			if c != 1 {
				t.Fatalf("trial %d: member %d in %d fronts", trial, i, c)
			}
		}
		perm := rng.Perm(n)
		shuffled := make([]Evaluated, n)
		for k, i := range perm {
			shuffled[k] = pop[i]
		}
		fs, err := Sort(shuffled)
		if err != nil {
			t.Fatal(err)
		}
		for r := range fs {
			for k, i := range fs[r] {
				fs[r][k] = perm[i]
			}
			slices.Sort(fs[r])
		}
		if !reflect.DeepEqual(fr, fs) {
			t.Fatalf("trial %d: fronts change with the order of the population", trial)
		}
	}
}

func TestSortFeasibleFirst(t *testing.T) {
	pop := []Evaluated{ev(2, 0, 0), ev(0, 5, 5), ev(1, 0, 0), ev(0, 6, 4), ev(0, 6, 6), ev(1, 9, 9)}
	fr, err := Sort(pop)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]int{{1, 3}, {4}, {2, 5}, {0}}
	if !reflect.DeepEqual(fr, want) {
		t.Errorf("fronts %v; want %v", fr, want)
	}
}

func TestSortErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		pop  []Evaluated
	}{
		{"empty", nil},
		{"no objectives", []Evaluated{{X: []float64{0}}}},
		{"objective counts differ", []Evaluated{ev(0, 1, 2), ev(0, 1)}},
		{"value counts differ", []Evaluated{ev(0, 1), {X: []float64{0, 1}, F: []float64{1}}}},
		{"NaN objective", []Evaluated{ev(0, math.NaN())}},
		{"infinite objective", []Evaluated{ev(0, math.Inf(-1))}},
		{"NaN value", []Evaluated{{X: []float64{math.NaN()}, F: []float64{1}}}},
		{"negative violation", []Evaluated{ev(-1, 1)}},
		{"NaN violation", []Evaluated{ev(math.NaN(), 1)}},
		{"infinite violation", []Evaluated{ev(math.Inf(1), 1)}},
	} {
		if _, err := Sort(tc.pop); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
		if _, err := Select(tc.pop, 1); err == nil {
			t.Errorf("%s: Select: no error", tc.name)
		}
		if _, err := Front(tc.pop); err == nil {
			t.Errorf("%s: Front: no error", tc.name)
		}
	}
}

func TestCrowding(t *testing.T) {
	inf := math.Inf(1)
	for _, tc := range []struct {
		name string
		pop  []Evaluated
		want []float64
	}{
		{
			// Ranges 4 and 4. (1,2): f1 gap (2−0)/4, f2 gap (4−1.5)/4;
			// (2,1.5): 2/4 + (2−1)/4; (3,1): 2/4 + (1.5−0)/4.
			"five points",
			[]Evaluated{ev(0, 0, 4), ev(0, 1, 2), ev(0, 2, 1.5), ev(0, 3, 1), ev(0, 4, 0)},
			[]float64{inf, 1.125, 0.75, 0.875, inf},
		},
		{
			// The copy of (1,2) gets 0 and does not change the others.
			"a copy",
			[]Evaluated{ev(0, 0, 4), ev(0, 1, 2), ev(0, 2, 1.5), ev(0, 1, 2), ev(0, 3, 1), ev(0, 4, 0)},
			[]float64{inf, 1.125, 0.75, 0, 0.875, inf},
		},
		{"two points", []Evaluated{ev(0, 0, 1), ev(0, 1, 0)}, []float64{inf, inf}},
		{"two distinct points and copies", []Evaluated{ev(0, 1, 0), ev(0, 0, 1), ev(0, 1, 0)}, []float64{inf, inf, 0}},
		{"one point", []Evaluated{ev(0, 3, 3)}, []float64{inf}},
		{
			// The second objective is constant and adds nothing, not even
			// infinite ends.
			"a constant objective",
			[]Evaluated{ev(0, 0, 7), ev(0, 1, 7), ev(0, 3, 7), ev(0, 4, 7)},
			[]float64{inf, 0.75, 0.75, inf},
		},
	} {
		front := make([]int, len(tc.pop))
		for i := range front {
			front[i] = i
		}
		got := Crowding(tc.pop, front)
		for i := range got {
			if math.Abs(got[i]-tc.want[i]) > 1e-12 && got[i] != tc.want[i] {
				t.Errorf("%s: distances %v; want %v", tc.name, got, tc.want)
				break
			}
		}
	}
}

// TestCrowdingTies: members that tie in an objective are ordered by their
// position in the front, so the end of the range that gets an infinite
// distance is decided by position, not by the sort's whims.
func TestCrowdingTies(t *testing.T) {
	pop := []Evaluated{ev(0, 0, 3), ev(0, 0, 5), ev(0, 2, 1), ev(0, 3, 0)}
	// f1 sorted (ties by position): 0, 1, 2, 3 → ends 0 and 3; 1 gets
	// (2−0)/3, 2 gets (3−0)/3. f2 sorted: 3, 2, 0, 1 → ends 3 and 1;
	// 2 gets (3−0)/5, 0 gets (5−1)/5.
	got := Crowding(pop, []int{0, 1, 2, 3})
	want := []float64{math.Inf(1), math.Inf(1), 1 + 0.6, math.Inf(1)}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-12 && got[i] != want[i] {
			t.Fatalf("distances %v; want %v", got, want)
		}
	}
}
