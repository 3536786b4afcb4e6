package pareto

import (
	"reflect"
	"slices"
	"testing"

	"golang.org/x/exp/rand"
)

// evx is an evaluation with one decision value x.
func evx(x, v float64, f ...float64) Evaluated {
	return Evaluated{X: []float64{x}, F: f, Violation: v}
}

func xs(pop []Evaluated) []float64 {
	out := make([]float64, len(pop))
	for i, e := range pop {
		out[i] = e.X[0]
	}
	return out
}

func TestSelect(t *testing.T) {
	// Front 0: x = 1..5 (the five points of TestCrowding, distances inf,
	// 1.125, 0.75, 0.875, inf); front 1: x = 6, 7; infeasible: x = 8, 9.
	pop := []Evaluated{
		evx(9, 2, 0, 0), evx(3, 0, 2, 1.5), evx(6, 0, 1, 3), evx(1, 0, 0, 4),
		evx(8, 1, 0, 0), evx(5, 0, 4, 0), evx(2, 0, 1, 2), evx(7, 0, 3, 2), evx(4, 0, 3, 1),
	}
	for _, tc := range []struct {
		n    int
		want []float64
	}{
		{9, []float64{1, 2, 3, 4, 5, 6, 7, 8, 9}},
		{7, []float64{1, 2, 3, 4, 5, 6, 7}},
		{5, []float64{1, 2, 3, 4, 5}},
		{4, []float64{1, 2, 4, 5}}, // drops x = 3, the most crowded
		{3, []float64{1, 2, 5}},
		{2, []float64{1, 5}},
		{1, []float64{1}}, // two infinite distances tie: canonical order
		{6, []float64{1, 2, 3, 4, 5, 6}},
		{8, []float64{1, 2, 3, 4, 5, 6, 7, 8}}, // violation 1 beats 2
	} {
		got, err := Select(pop, tc.n)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(xs(got), tc.want) {
			t.Errorf("Select(pop, %d) keeps x = %v; want %v", tc.n, xs(got), tc.want)
		}
	}
	for _, n := range []int{0, -1, 10} {
		if _, err := Select(pop, n); err == nil {
			t.Errorf("Select(pop of 9, %d): no error", n)
		}
	}
}

// TestSelectDuplicates: a candidate evaluated twice holds one place while
// distinct candidates remain, even worse ones.
func TestSelectDuplicates(t *testing.T) {
	a, b, c := evx(1, 0, 0, 0), evx(2, 0, 1, 1), evx(3, 0, 2, 2)
	pop := []Evaluated{a, a, a, b, c, b}
	for _, tc := range []struct {
		n    int
		want []float64
	}{
		{1, []float64{1}},
		{2, []float64{1, 2}},
		{3, []float64{1, 2, 3}},
		{4, []float64{1, 2, 3, 1}},
		{5, []float64{1, 2, 3, 1, 1}}, // copies of the better rank first
		{6, []float64{1, 2, 3, 1, 1, 2}},
	} {
		got, err := Select(pop, tc.n)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(xs(got), tc.want) {
			t.Errorf("Select(%d) keeps x = %v; want %v", tc.n, xs(got), tc.want)
		}
	}
}

// TestSelectOrder: Select returns the same survivors in the same order for
// any order of its input, including ties in crowding and copies.
func TestSelectOrder(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	for trial := range 200 {
		n := 1 + rng.Intn(50)
		pop := randomPop(rng, n, 1+rng.Intn(3))
		keep := 1 + rng.Intn(n)
		want, err := Select(pop, keep)
		if err != nil {
			t.Fatal(err)
		}
		if len(want) != keep {
			t.Fatalf("trial %d: kept %d; want %d", trial, len(want), keep)
		}
		for range 3 {
			rng.Shuffle(n, func(i, j int) { pop[i], pop[j] = pop[j], pop[i] })
			got, err := Select(pop, keep)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("trial %d: survivors change with input order", trial)
			}
		}
	}
}

// TestFront: Front is the first front of Sort over distinct evaluations, in
// canonical order, for any order of its input.
func TestFront(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for trial := range 300 {
		pop := randomPop(rng, 1+rng.Intn(80), 1+rng.Intn(4))
		got, err := Front(pop)
		if err != nil {
			t.Fatal(err)
		}
		c := canonical(pop)
		uniq, _ := distinct(c)
		var want []Evaluated
		for _, i := range fronts(c, uniq)[0] {
			want = append(want, c[i])
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("trial %d: Front %v; want %v", trial, got, want)
		}
		rng.Shuffle(len(pop), func(i, j int) { pop[i], pop[j] = pop[j], pop[i] })
		again, _ := Front(pop)
		if !reflect.DeepEqual(again, got) {
			t.Fatalf("trial %d: Front changes with input order", trial)
		}
	}
}

func TestFrontCases(t *testing.T) {
	for _, tc := range []struct {
		name string
		all  []Evaluated
		want []float64
	}{
		{"feasible only, whatever the infeasible objectives",
			[]Evaluated{evx(1, 0.5, 0, 0), evx(2, 0, 3, 3), evx(3, 0, 1, 5), evx(4, 0, 4, 4)}, []float64{2, 3}},
		{"none feasible: least violation",
			[]Evaluated{evx(1, 0.5, 0, 0), evx(2, 0.2, 3, 3), evx(3, 0.2, 9, 9), evx(4, 1, 0, 0)}, []float64{2, 3}},
		{"repeats once",
			[]Evaluated{evx(1, 0, 1, 1), evx(1, 0, 1, 1), evx(2, 0, 0, 2)}, []float64{1, 2}},
		{"equal objectives, different packages: both",
			[]Evaluated{evx(2, 0, 1, 1), evx(1, 0, 1, 1)}, []float64{1, 2}},
	} {
		got, err := Front(tc.all)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(xs(got), tc.want) {
			t.Errorf("%s: front x = %v; want %v", tc.name, xs(got), tc.want)
		}
	}
}
