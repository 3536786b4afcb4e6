package design

import (
	"math"
	"reflect"
	"testing"
)

func TestSaltelliLayout(t *testing.T) {
	f := testFactors()
	k := len(f)
	for _, n := range []int{1, 3, 64} {
		d, err := Saltelli(f, n, 5)
		if err != nil {
			t.Fatal(err)
		}
		if d.Runs() != n*(k+2) || d.Groups != n || d.Kind != KindSaltelli {
			t.Fatalf("N=%d: Runs()=%d Groups=%d Kind=%q, want %d %d saltelli", n, d.Runs(), d.Groups, d.Kind, n*(k+2), n)
		}
		for j := 0; j < n; j++ {
			row := d.Points[j*(k+2) : (j+1)*(k+2)]
			a, b := row[0], row[1]
			for i := 0; i < k; i++ {
				if a.Unit[i] == b.Unit[i] {
					t.Fatalf("row %d: A and B share column %d", j, i)
				}
				ab := row[2+i]
				for c := 0; c < k; c++ {
					src := a
					if c == i {
						src = b
					}
					if ab.Unit[c] != src.Unit[c] || ab.Values[c] != src.Values[c] {
						t.Fatalf("row %d AB^%d column %d = %v (%v), want %v (%v)", j, i, c, ab.Unit[c], ab.Values[c], src.Unit[c], src.Values[c])
					}
				}
			}
		}
		for i, p := range d.Points {
			if p.Index != i {
				t.Fatalf("point %d has Index %d", i, p.Index)
			}
			for c, g := range d.Factors {
				if u := p.Unit[c]; !(u >= 0 && u < 1) {
					t.Fatalf("unit %v outside [0,1)", u)
				}
				if v := p.Values[c]; v < g.Min || v > g.Max || v != quantile(g, p.Unit[c]) {
					t.Fatalf("%s: value %v for unit %v", g.Key, v, p.Unit[c])
				}
			}
		}
	}
}

// The base sample is a Halton sequence: with N = b^m points, dimension j
// (base b = j-th prime) has exactly one point in each interval of width b^−m.
func TestSaltelliLowDiscrepancy(t *testing.T) {
	f := []Factor{{Key: "a", Min: 0, Max: 1}, {Key: "b", Min: 0, Max: 1}}
	// Sample dimensions: A_a (base 2), A_b (base 3), B_a (base 5), B_b (base 7).
	cases := []struct {
		n, col int
		fromB  bool
	}{{64, 0, false}, {81, 1, false}, {25, 0, true}, {49, 1, true}}
	for _, c := range cases {
		d, err := Saltelli(f, c.n, 42)
		if err != nil {
			t.Fatal(err)
		}
		hits := make([]int, c.n)
		for j := 0; j < c.n; j++ {
			p := d.Points[j*4]
			if c.fromB {
				p = d.Points[j*4+1]
			}
			hits[stratum(p.Unit[c.col], c.n)]++
		}
		for s, h := range hits {
			if h != 1 {
				t.Fatalf("N=%d column %d (B=%v): stratum %d hit %d times", c.n, c.col, c.fromB, s, h)
			}
		}
	}
}

func TestSaltelliSeeds(t *testing.T) {
	f := testFactors()
	a, _ := Saltelli(f, 8, 1)
	b, _ := Saltelli(f, 8, 1)
	c, _ := Saltelli(f, 8, 2)
	if !reflect.DeepEqual(a, b) {
		t.Error("same seed gave different designs")
	}
	if reflect.DeepEqual(a.Points, c.Points) {
		t.Error("different seeds gave the same points")
	}
}

func TestSaltelliMean(t *testing.T) {
	f := manyFactors(6)
	const n = 500
	d, err := Saltelli(f, n, 9)
	if err != nil {
		t.Fatal(err)
	}
	k := len(f)
	for c := 0; c < 2*k; c++ {
		sum := 0.0
		for j := 0; j < n; j++ {
			p := d.Points[j*(k+2)+c/k]
			sum += p.Unit[c%k]
		}
		if m := sum / n; math.Abs(m-0.5) > 0.01 {
			t.Errorf("sample dimension %d: mean %v, want about 0.5", c, m)
		}
	}
}

func TestFirstPrimes(t *testing.T) {
	ps := firstPrimes(1000)
	if !reflect.DeepEqual(ps[:10], []int{2, 3, 5, 7, 11, 13, 17, 19, 23, 29}) || ps[999] != 7919 {
		t.Errorf("firstPrimes: %v … %v", ps[:10], ps[999])
	}
}
