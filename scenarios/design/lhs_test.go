package design

import (
	"reflect"
	"testing"
)

// stratum returns s with s/n <= u < (s+1)/n in floating point.
func stratum(u float64, n int) int {
	nf := float64(n)
	s := int(u * nf)
	if s > 0 && u < float64(s)/nf {
		s--
	}
	if s < n-1 && u >= float64(s+1)/nf {
		s++
	}
	return s
}

func TestLHSStrata(t *testing.T) {
	f := testFactors()
	for _, n := range []int{1, 2, 7, 50, 333} {
		for seed := uint64(0); seed < 12; seed++ {
			d, err := LHS(f, n, seed)
			if err != nil {
				t.Fatal(err)
			}
			if d.Runs() != n || d.Kind != KindLHS {
				t.Fatalf("n=%d: Runs()=%d Kind=%q", n, d.Runs(), d.Kind)
			}
			for i, g := range d.Factors {
				hits := make([]int, n)
				for _, p := range d.Points {
					u := p.Unit[i]
					if !(u >= 0 && u < 1) {
						t.Fatalf("n=%d seed=%d %s: unit %v outside [0,1)", n, seed, g.Key, u)
					}
					hits[stratum(u, n)]++
					if v := p.Values[i]; v < g.Min || v > g.Max {
						t.Fatalf("n=%d seed=%d %s: value %v outside [%v,%v]", n, seed, g.Key, v, g.Min, g.Max)
					}
					if v, w := p.Values[i], quantile(g, u); v != w {
						t.Fatalf("value %v is not quantile(unit) %v", v, w)
					}
				}
				for s, h := range hits {
					if h != 1 {
						t.Fatalf("n=%d seed=%d %s: stratum %d hit %d times", n, seed, g.Key, s, h)
					}
				}
			}
		}
	}
}

// With one point per stratum, exactly half of an even sample lies below each
// factor's median, whatever the distribution.
func TestLHSMedians(t *testing.T) {
	const n = 40
	d, err := LHS(testFactors(), n, 99)
	if err != nil {
		t.Fatal(err)
	}
	for i, g := range d.Factors {
		if g.Dist == DistInt {
			continue
		}
		med := quantile(g, 0.5)
		below := 0
		for _, p := range d.Points {
			if p.Values[i] < med {
				below++
			}
		}
		if below != n/2 {
			t.Errorf("%s: %d of %d values below the median %v", g.Key, below, n, med)
		}
	}
}

func TestLHSSeeds(t *testing.T) {
	f := testFactors()
	a, _ := LHS(f, 20, 7)
	b, _ := LHS(f, 20, 7)
	c, _ := LHS(f, 20, 8)
	if !reflect.DeepEqual(a, b) {
		t.Error("same seed gave different designs")
	}
	if reflect.DeepEqual(a.Points, c.Points) {
		t.Error("different seeds gave the same points")
	}
}
