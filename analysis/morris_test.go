package analysis

import (
	"math"
	"strings"
	"testing"

	"golang.org/x/exp/rand"
)

// morrisDesign builds r Morris (1991) trajectories for k parameters on a
// p-level grid (p even): each starts at a random grid point, then moves each
// coordinate once, in random order, by Δ = p/(2(p−1)) up or down (down when
// up would leave [0,1]). Grid positions are kept as integers so unchanged
// coordinates are bit-for-bit equal between consecutive points.
func morrisDesign(rng *rand.Rand, r, k, p int) [][]float64 {
	step := p / 2 // Δ in grid units
	points := make([][]float64, 0, r*(k+1))
	level := make([]int, k)
	toUnit := func() []float64 {
		x := make([]float64, k)
		for i, l := range level {
			x[i] = float64(l) / float64(p-1)
		}
		return x
	}
	for range r {
		for i := range level {
			level[i] = rng.Intn(p)
		}
		points = append(points, toUnit())
		for _, i := range rng.Perm(k) {
			if level[i]+step <= p-1 {
				level[i] += step
			} else {
				level[i] -= step
			}
			points = append(points, toUnit())
		}
	}
	return points
}

func TestMorrisKnownModel(t *testing.T) {
	// y = 10·x0 − 3·x1 + 0·x2 + x0·x3. Elementary effects are exactly
	// EE0 = 10 + x3, EE1 = −3, EE2 = 0, EE3 = x0, so:
	//   μ*: x0 (≈10.5) > x1 (3) > x3 (≈0.5) > x2 (0);
	//   μ*1 = |−3| with μ1 = −3, μ*2 = 0, and σ1 = σ2 = 0 (linear, additive);
	//   σ0, σ3 > 0 (they interact).
	f := func(x []float64) float64 { return 10*x[0] - 3*x[1] + 0*x[2] + x[0]*x[3] }
	const k, r = 4, 40
	points := morrisDesign(rand.New(rand.NewSource(1)), r, k, 4)
	y := make([]float64, len(points))
	for j, x := range points {
		y[j] = f(x)
	}

	got, err := Morris(points, y, k, 1000, 42)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range got {
		t.Logf("x%d: μ*=%.4f μ=%.4f σ=%.4f μ* CI [%.4f, %.4f]", m.Param, m.MuStar, m.Mu, m.Sigma, m.MuStarLow, m.MuStarHigh)
	}
	if len(got) != k {
		t.Fatalf("got %d indices, want %d", len(got), k)
	}
	for i, m := range got {
		if m.Param != i {
			t.Errorf("index %d has Param %d", i, m.Param)
		}
		if !(m.MuStarLow <= m.MuStar && m.MuStar <= m.MuStarHigh) {
			t.Errorf("x%d: μ* %v outside its bootstrap interval [%v, %v]", i, m.MuStar, m.MuStarLow, m.MuStarHigh)
		}
	}
	if !(got[0].MuStar > got[1].MuStar && got[1].MuStar > got[3].MuStar && got[3].MuStar > got[2].MuStar) {
		t.Errorf("μ* ordering wrong: want x0 > x1 > x3 > x2")
	}
	const tol = 1e-9
	if !near(got[1].MuStar, 3, tol) || !near(got[1].Mu, -3, tol) || !near(got[1].Sigma, 0, tol) {
		t.Errorf("x1 (linear, −3): μ*=%v μ=%v σ=%v, want 3, −3, 0", got[1].MuStar, got[1].Mu, got[1].Sigma)
	}
	if !near(got[2].MuStar, 0, tol) || !near(got[2].Sigma, 0, tol) {
		t.Errorf("x2 (inert): μ*=%v σ=%v, want 0, 0", got[2].MuStar, got[2].Sigma)
	}
	// With no spread in the effects, every resample gives the same μ*.
	if !near(got[1].MuStarLow, 3, tol) || !near(got[1].MuStarHigh, 3, tol) {
		t.Errorf("x1 bootstrap interval [%v, %v], want [3, 3]", got[1].MuStarLow, got[1].MuStarHigh)
	}
	for _, i := range []int{0, 3} {
		if !(got[i].Sigma > 0.1) {
			t.Errorf("x%d interacts but σ = %v", i, got[i].Sigma)
		}
		if !(got[i].MuStarHigh > got[i].MuStarLow) {
			t.Errorf("x%d: degenerate interval [%v, %v] despite spread", i, got[i].MuStarLow, got[i].MuStarHigh)
		}
	}
	// EE0 = 10 + x3 with x3 on {0, 1/3, 2/3, 1}: μ*0 lies in [10, 11].
	if got[0].MuStar < 10 || got[0].MuStar > 11 {
		t.Errorf("μ*0 = %v, want within [10, 11]", got[0].MuStar)
	}
}

func TestMorrisReproducible(t *testing.T) {
	f := func(x []float64) float64 { return math.Sin(6*x[0]) + x[1]*x[1] }
	points := morrisDesign(rand.New(rand.NewSource(3)), 15, 2, 6)
	y := make([]float64, len(points))
	for j, x := range points {
		y[j] = f(x)
	}
	a, err := Morris(points, y, 2, 200, 9)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Morris(points, y, 2, 200, 9)
	c, _ := Morris(points, y, 2, 200, 10)
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("same seed, different result: %+v vs %+v", a[i], b[i])
		}
	}
	if a[0].MuStarLow == c[0].MuStarLow && a[0].MuStarHigh == c[0].MuStarHigh {
		t.Errorf("different seeds gave identical intervals %+v", a[0])
	}

	none, err := Morris(points, y, 2, 0, 9)
	if err != nil {
		t.Fatal(err)
	}
	if none[0].MuStar != a[0].MuStar || !math.IsNaN(none[0].MuStarLow) || !math.IsNaN(none[0].MuStarHigh) {
		t.Errorf("bootstrap 0: got %+v, want same μ* and NaN bounds", none[0])
	}
}

func TestMorrisSingleTrajectory(t *testing.T) {
	points := [][]float64{{0, 0}, {0.5, 0}, {0.5, 1}}
	y := []float64{1, 2, 0} // EE0 = 1/0.5 = 2, EE1 = −2/1 = −2
	got, err := Morris(points, y, 2, 10, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].MuStar != 2 || got[1].MuStar != 2 || got[1].Mu != -2 {
		t.Errorf("got %+v", got)
	}
	if !math.IsNaN(got[0].Sigma) {
		t.Errorf("σ from one trajectory = %v, want NaN", got[0].Sigma)
	}
}

func TestMorrisErrors(t *testing.T) {
	ok := [][]float64{{0, 0}, {1, 0}, {1, 1}}
	tests := []struct {
		name      string
		points    [][]float64
		y         []float64
		k, boot   int
		wantInErr string
	}{
		{"no parameters", ok, []float64{1, 2, 3}, 0, 0, "k ≥ 1"},
		{"length mismatch", ok, []float64{1, 2}, 2, 0, "3 points but 2 outputs"},
		{"empty", nil, nil, 2, 0, "not a positive multiple"},
		{"partial trajectory", append(ok, []float64{0, 0}), []float64{1, 2, 3, 4}, 2, 0, "not a positive multiple"},
		{"wrong dimension", [][]float64{{0, 0}, {1, 0}, {1}}, []float64{1, 2, 3}, 2, 0, "point 2 has 1 coordinates"},
		{"outside unit cube", [][]float64{{0, 0}, {1.5, 0}, {1.5, 1}}, []float64{1, 2, 3}, 2, 0, "outside [0,1]"},
		{"NaN coordinate", [][]float64{{0, 0}, {math.NaN(), 0}, {1, 1}}, []float64{1, 2, 3}, 2, 0, "outside [0,1]"},
		{"NaN output", ok, []float64{1, math.NaN(), 3}, 2, 0, "output 1 is NaN"},
		{"step changes nothing", [][]float64{{0, 0}, {0, 0}, {1, 1}}, []float64{1, 2, 3}, 2, 0, "step 0 changes no coordinate"},
		{"step changes two", [][]float64{{0, 0}, {1, 1}, {1, 0}}, []float64{1, 2, 3}, 2, 0, "step 0 changes coordinates 0 and 1"},
		{"coordinate moved twice", [][]float64{{0, 0}, {1, 0}, {0, 0}}, []float64{1, 2, 3}, 2, 0, "changes coordinate 0 more than once"},
		{"error in second trajectory", append(ok, [][]float64{{0, 0}, {1, 1}, {1, 0}}...), []float64{1, 2, 3, 4, 5, 6}, 2, 0, "trajectory 1 step 0"},
		{"negative bootstrap", ok, []float64{1, 2, 3}, 2, -1, "negative bootstrap"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Morris(tt.points, tt.y, tt.k, tt.boot, 1)
			if err == nil || !strings.Contains(err.Error(), tt.wantInErr) {
				t.Errorf("err = %v, want one mentioning %q", err, tt.wantInErr)
			}
		})
	}
}
