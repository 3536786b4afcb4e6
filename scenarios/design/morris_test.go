package design

import (
	"math"
	"reflect"
	"testing"
)

func TestMorrisTrajectories(t *testing.T) {
	f := testFactors()
	k := len(f)
	for _, p := range []int{2, 4, 6, 10} {
		for seed := uint64(0); seed < 8; seed++ {
			const r = 25
			d, err := Morris(f, r, p, seed)
			if err != nil {
				t.Fatal(err)
			}
			if d.Runs() != r*(k+1) || d.Groups != r || d.Kind != KindMorris {
				t.Fatalf("p=%d: Runs()=%d Groups=%d Kind=%q, want %d %d morris", p, d.Runs(), d.Groups, d.Kind, r*(k+1), r)
			}
			delta := float64(p) / (2 * float64(p-1))
			level := func(u float64) int {
				l := int(math.Round(u * float64(p-1)))
				if l < 0 || l > p-1 || math.Abs(u-float64(l)/float64(p-1)) > 1e-15 {
					t.Fatalf("p=%d: unit %v is not on the %d-level grid", p, u, p)
				}
				return l
			}
			for tr := 0; tr < r; tr++ {
				pts := d.Points[tr*(k+1) : (tr+1)*(k+1)]
				moved := make([]int, k)
				for s := 1; s <= k; s++ {
					prev, cur := pts[s-1], pts[s]
					changed := 0
					for i := 0; i < k; i++ {
						lp, lc := level(prev.Unit[i]), level(cur.Unit[i])
						if lp == lc {
							if prev.Unit[i] != cur.Unit[i] || prev.Values[i] != cur.Values[i] {
								t.Fatalf("coordinate %d changed without changing level", i)
							}
							continue
						}
						changed++
						moved[i]++
						if d := lc - lp; d != p/2 && d != -p/2 {
							t.Fatalf("p=%d: level step %d, want ±%d", p, d, p/2)
						}
						if du := math.Abs(cur.Unit[i] - prev.Unit[i]); math.Abs(du-delta) > 1e-12 {
							t.Fatalf("p=%d: unit step %v, want Δ=%v", p, du, delta)
						}
						if prev.Values[i] == cur.Values[i] {
							t.Fatalf("factor %s: value did not change across a step", f[i].Key)
						}
					}
					if changed != 1 {
						t.Fatalf("p=%d seed=%d trajectory %d step %d: %d coordinates changed, want 1", p, seed, tr, s, changed)
					}
				}
				for i, m := range moved {
					if m != 1 {
						t.Fatalf("trajectory %d: factor %s moved %d times, want 1", tr, f[i].Key, m)
					}
				}
				for _, pt := range pts {
					for i, g := range d.Factors {
						if v := pt.Values[i]; v < g.Min || v > g.Max || v != quantile(g, pt.Unit[i]) {
							t.Fatalf("value %v for unit %v of %s", v, pt.Unit[i], g.Key)
						}
					}
				}
			}
			for i, pt := range d.Points {
				if pt.Index != i {
					t.Fatalf("point %d has Index %d", i, pt.Index)
				}
			}
		}
	}
}

// Over many trajectories every grid level is used and factors move both up
// and down.
func TestMorrisCoverage(t *testing.T) {
	const p, r = 6, 400
	f := []Factor{{Key: "a", Min: 0, Max: 1}, {Key: "b", Min: 0, Max: 1}, {Key: "c", Min: 0, Max: 1}}
	d, err := Morris(f, r, p, 3)
	if err != nil {
		t.Fatal(err)
	}
	k := len(f)
	levels := make([]int, p)
	up, down := 0, 0
	firstMoved := make([]int, k)
	for tr := 0; tr < r; tr++ {
		pts := d.Points[tr*(k+1) : (tr+1)*(k+1)]
		for i := 0; i < k; i++ {
			levels[int(math.Round(pts[0].Unit[i]*(p-1)))]++
			if pts[1].Unit[i] != pts[0].Unit[i] {
				firstMoved[i]++
			}
			if pts[k].Unit[i] > pts[0].Unit[i] {
				up++
			} else {
				down++
			}
		}
	}
	for l, c := range levels {
		if c == 0 {
			t.Errorf("level %d never used as a start", l)
		}
	}
	if up < r || down < r {
		t.Errorf("moves up %d, down %d: orientation not random", up, down)
	}
	for i, c := range firstMoved {
		if c < r/6 {
			t.Errorf("factor %d moved first in only %d of %d trajectories", i, c, r)
		}
	}
}

func TestMorrisLevelsResolution(t *testing.T) {
	cases := []struct {
		name   string
		levels int
		f      []Factor
		want   int
	}{
		{"default", 0, []Factor{{Key: "a", Min: 0, Max: 1}}, 4},
		{"argument", 8, []Factor{{Key: "a", Min: 0, Max: 1, Levels: 6}}, 8},
		{"from factors", 0, []Factor{{Key: "a", Min: 0, Max: 1, Levels: 6}, {Key: "b", Min: 0, Max: 1}}, 6},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := Morris(c.f, 2, c.levels, 1)
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range d.Factors {
				if g.Levels != c.want {
					t.Errorf("factor %s: Levels %d, want %d", g.Key, g.Levels, c.want)
				}
			}
			for _, pt := range d.Points {
				for _, u := range pt.Unit {
					l := u * float64(c.want-1)
					if math.Abs(l-math.Round(l)) > 1e-12 {
						t.Fatalf("unit %v not on the %d-level grid", u, c.want)
					}
				}
			}
		})
	}
}

func TestMorrisSeeds(t *testing.T) {
	f := testFactors()
	a, _ := Morris(f, 5, 4, 11)
	b, _ := Morris(f, 5, 4, 11)
	c, _ := Morris(f, 5, 4, 12)
	if !reflect.DeepEqual(a, b) {
		t.Error("same seed gave different designs")
	}
	if reflect.DeepEqual(a.Points, c.Points) {
		t.Error("different seeds gave the same points")
	}
}
