package pareto

import (
	"reflect"
	"slices"
	"testing"
)

// popFromBytes reads a population from fuzz input: four bytes a member
// (X, two objectives, violation), small values so that ties abound.
func popFromBytes(data []byte) []Evaluated {
	var pop []Evaluated
	for len(data) >= 4 && len(pop) < 40 {
		b := data[:4]
		data = data[4:]
		pop = append(pop, Evaluated{
			X:         []float64{float64(b[0] % 16)},
			F:         []float64{float64(b[1] % 8), float64(b[2] % 8)},
			Violation: float64(b[3]%4) / 2 * float64(b[3]/4%2),
		})
	}
	return pop
}

// FuzzSelect holds Select and Front to their invariants on arbitrary
// populations: survivors are members of pop, as many as asked, the same
// for the reversed population; the front is mutually non-dominated, and
// every member outside it is dominated by, or identical to, a front member.
func FuzzSelect(f *testing.F) {
	f.Add([]byte{1, 2, 3, 0, 2, 3, 2, 0, 3, 1, 1, 5, 1, 2, 3, 0}, uint8(2))
	f.Add([]byte{0, 0, 0, 1, 0, 0, 0, 1, 5, 7, 7, 0}, uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, k uint8) {
		pop := popFromBytes(data)
		if len(pop) == 0 {
			return
		}
		n := 1 + int(k)%len(pop)
		got, err := Select(pop, n)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != n {
			t.Fatalf("kept %d; want %d", len(got), n)
		}
		for _, e := range got {
			if !slices.ContainsFunc(pop, func(p Evaluated) bool { return reflect.DeepEqual(p, e) }) {
				t.Fatalf("survivor %v is not in pop", e)
			}
		}
		rev := slices.Clone(pop)
		slices.Reverse(rev)
		if again, _ := Select(rev, n); !reflect.DeepEqual(again, got) {
			t.Fatal("survivors change with input order")
		}
		front, err := Front(pop)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range front {
			for _, b := range front {
				if Dominates(a, b) {
					t.Fatalf("%v dominates %v on the front", a, b)
				}
			}
		}
		for _, p := range pop {
			covered := false
			for _, q := range front {
				covered = covered || Dominates(q, p) || reflect.DeepEqual(q, p)
			}
			if !covered {
				t.Fatalf("%v is off the front but neither dominated nor a copy", p)
			}
		}
	})
}
