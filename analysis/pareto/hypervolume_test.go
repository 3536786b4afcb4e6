package pareto

import (
	"math"
	"testing"

	"golang.org/x/exp/rand"
)

func TestHypervolume(t *testing.T) {
	for _, tc := range []struct {
		name   string
		points [][]float64
		ref    []float64
		want   float64
	}{
		{"empty", nil, []float64{1, 1}, 0},
		{"one objective", [][]float64{{3}, {1}, {2}}, []float64{4}, 3},
		{"one box", [][]float64{{1, 2}}, []float64{3, 3}, 2 * 1},
		// Strips: (4−1)(4−3) + (4−2)(3−2) + (4−3)(2−1) = 3 + 2 + 1.
		{"staircase", [][]float64{{3, 1}, {1, 3}, {2, 2}}, []float64{4, 4}, 6},
		{"dominated points and repeats add nothing",
			[][]float64{{3, 1}, {1, 3}, {2, 2}, {2, 3}, {3, 3}, {2, 2}, {3.5, 1}}, []float64{4, 4}, 6},
		{"points not below the reference add nothing",
			[][]float64{{3, 1}, {1, 3}, {2, 2}, {0, 4}, {4, 0}, {5, -1}}, []float64{4, 4}, 6},
		// Three boxes of 3·2·1 = 6; pairwise overlaps, boxes from the
		// componentwise maxima (2,3,3), (3,2,3), (3,3,2), of 2 each; the
		// triple overlap from (3,3,3) of 1: 18 − 6 + 1 = 13.
		{"three objectives", [][]float64{{1, 2, 3}, {2, 3, 1}, {3, 1, 2}}, []float64{4, 4, 4}, 13},
		// (2,2,2) spans 2³ = 8; (3,3,3) lies inside it and adds nothing;
		// (0,0,3) spans 4·4·1 = 16, of which the box from (2,2,3), 2·2·1 = 4,
		// is counted already: 8 + 16 − 4.
		{"three objectives, nested", [][]float64{{2, 2, 2}, {3, 3, 3}, {0, 0, 3}}, []float64{4, 4, 4}, 8 + 16 - 4},
		{"four objectives, one box", [][]float64{{1, 2, 3, 0}}, []float64{2, 4, 4, 3}, 1 * 2 * 1 * 3},
	} {
		if got := Hypervolume(tc.points, tc.ref); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("%s: %g; want %g", tc.name, got, tc.want)
		}
	}
}

// inclusionExclusion is the hypervolume by the inclusion–exclusion
// principle over every subset of points: the slow definition, for small
// sets only.
func inclusionExclusion(points [][]float64, ref []float64) float64 {
	var in [][]float64
	for _, p := range points {
		if strictlyBelow(p, ref) {
			in = append(in, p)
		}
	}
	var vol float64
	for mask := 1; mask < 1<<len(in); mask++ {
		corner := make([]float64, len(ref))
		for i := range corner {
			corner[i] = math.Inf(-1)
		}
		bits := 0
		for k, p := range in {
			if mask&(1<<k) == 0 {
				continue
			}
			bits++
			for i := range corner {
				corner[i] = max(corner[i], p[i])
			}
		}
		box := 1.0
		for i := range corner {
			box *= ref[i] - corner[i]
		}
		if bits%2 == 1 {
			vol += box
		} else {
			vol -= box
		}
	}
	return vol
}

// TestHypervolumeProperty checks the exact algorithm against
// inclusion–exclusion on random sets of up to 9 points in 2 to 5
// objectives, with ties and points beyond the reference.
func TestHypervolumeProperty(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	for trial := range 500 {
		m := 2 + rng.Intn(4)
		pts := make([][]float64, rng.Intn(10))
		for i := range pts {
			pts[i] = make([]float64, m)
			for j := range pts[i] {
				if rng.Intn(3) == 0 {
					pts[i][j] = float64(rng.Intn(5)) / 4 // ties
				} else {
					pts[i][j] = rng.Float64() * 1.1
				}
			}
		}
		ref := make([]float64, m)
		for j := range ref {
			ref[j] = 1
		}
		got, want := Hypervolume(pts, ref), inclusionExclusion(pts, ref)
		if math.Abs(got-want) > 1e-12 {
			t.Fatalf("trial %d: %d points in %d objectives: %g; want %g", trial, len(pts), m, got, want)
		}
	}
}

func TestHypervolumePanics(t *testing.T) {
	for name, f := range map[string]func(){
		"length":    func() { Hypervolume([][]float64{{1, 2, 3}}, []float64{4, 4}) },
		"empty ref": func() { Hypervolume(nil, nil) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}
