package analysis

import (
	"math"
	"testing"

	"golang.org/x/exp/rand"
)

// prccDesign is n uniform points in [0, 1]^k and outputs that depend on
// them: y0 monotone in x0 and x1 (not linearly), y1 falling in x2 with
// noise, y2 constant.
func prccDesign(seed uint64, n, k int) ([][]float64, [][]float64) {
	rng := rand.New(rand.NewSource(seed))
	x := make([][]float64, n)
	ys := [][]float64{make([]float64, n), make([]float64, n), make([]float64, n)}
	for j := range x {
		x[j] = make([]float64, k)
		for i := range x[j] {
			x[j][i] = rng.Float64()
		}
		ys[0][j] = math.Exp(3*x[j][0]) + 4*x[j][1]*x[j][1] + 0.3*rng.NormFloat64()
		ys[1][j] = -x[j][2] + 0.2*rng.NormFloat64()
		ys[2][j] = 1
	}
	return x, ys
}

// PRCCs gives Regression's partial rank correlations, output by output,
// to rounding.
func TestPRCCsMatchRegression(t *testing.T) {
	for _, c := range []struct{ n, k int }{{12, 3}, {40, 5}, {60, 20}} {
		x, ys := prccDesign(uint64(c.n), c.n, c.k)
		got, err := PRCCs(x, ys, 0, 0.95, 1)
		if err != nil {
			t.Fatal(err)
		}
		for o := range 2 {
			want, _, err := Regression(x, ys[o], 0, 0.95, 1)
			if err != nil {
				t.Fatal(err)
			}
			for i := range want {
				if d := math.Abs(got[o][i].PRCC - want[i].PRCC); !(d < 1e-9) {
					t.Errorf("n=%d k=%d output %d parameter %d: PRCC %v, Regression %v", c.n, c.k, o, i, got[o][i].PRCC, want[i].PRCC)
				}
			}
		}
		for i, r := range got[2] {
			if !math.IsNaN(r.PRCC) {
				t.Errorf("a constant output has PRCC %v with parameter %d", r.PRCC, i)
			}
		}
	}
}

// The bootstrap intervals hold the estimate, exclude 0 for the drivers
// and are reproducible from the seed.
func TestPRCCsBootstrap(t *testing.T) {
	x, ys := prccDesign(3, 200, 6)
	a, err := PRCCs(x, ys, 300, 0.95, 42)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := PRCCs(x, ys, 300, 0.95, 42)
	for o := range a {
		for i := range a[o] {
			if a[o][i] != b[o][i] && !math.IsNaN(a[o][i].PRCC) {
				t.Fatalf("not reproducible: %+v and %+v", a[o][i], b[o][i])
			}
		}
	}
	for _, c := range []struct{ o, i, sign int }{{0, 0, 1}, {0, 1, 1}, {1, 2, -1}} {
		r := a[c.o][c.i]
		if !(r.Low <= r.PRCC && r.PRCC <= r.High) {
			t.Errorf("output %d parameter %d: %v outside [%v, %v]", c.o, c.i, r.PRCC, r.Low, r.High)
		}
		if c.sign > 0 && !(r.Low > 0.5) || c.sign < 0 && !(r.High < -0.5) {
			t.Errorf("output %d driver %d: [%v, %v] does not exclude 0 clearly", c.o, c.i, r.Low, r.High)
		}
	}
	clear := 0
	for i := 3; i < 6; i++ {
		if r := a[1][i]; r.Low > 0 || r.High < 0 {
			clear++
		}
	}
	if clear > 1 {
		t.Errorf("%d of 3 noise parameters have intervals clear of 0", clear)
	}
}

// A design barely larger than the parameters has an estimate but no
// interval: most resamples hold fewer distinct points than k + 1.
func TestPRCCsSmallDesign(t *testing.T) {
	x, ys := prccDesign(5, 24, 20)
	r, err := PRCCs(x, ys[:1], 200, 0.95, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range r[0] {
		if math.IsNaN(p.PRCC) || !math.IsNaN(p.Low) || !math.IsNaN(p.High) {
			t.Fatalf("parameter %d: %+v, want an estimate without bounds", p.Param, p)
		}
	}
	if _, err := PRCCs(x[:21], [][]float64{ys[0][:21]}, 0, 0.95, 1); err == nil {
		t.Error("21 points for 20 parameters: no error")
	}
}

func TestPRCCsErrors(t *testing.T) {
	x, ys := prccDesign(1, 10, 3)
	same := make([][]float64, 10)
	for j := range same {
		same[j] = []float64{x[j][0], x[j][0], x[j][1]}
	}
	flat := make([][]float64, 10)
	for j := range flat {
		flat[j] = []float64{x[j][0], 1, x[j][1]}
	}
	nanY := append([]float64(nil), ys[0]...)
	nanY[3] = math.NaN()
	for name, c := range map[string]struct {
		x  [][]float64
		ys [][]float64
		b  int
	}{
		"no points":       {nil, nil, 0},
		"collinear ranks": {same, ys, 0},
		"flat parameter":  {flat, ys, 0},
		"NaN output":      {x, [][]float64{nanY}, 0},
		"short output":    {x, [][]float64{ys[0][:5]}, 0},
		"bad bootstrap":   {x, ys, -1},
	} {
		if _, err := PRCCs(c.x, c.ys, c.b, 0.95, 1); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// BenchmarkPRCCs is the drivers of a large exploratory design: 1,150
// points (ten per parameter) over 115 parameters, 44 outputs (four
// packages × eleven headline metrics), 100 resamples.
func BenchmarkPRCCs(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	n, k := 1150, 115
	x := make([][]float64, n)
	for j := range x {
		x[j] = make([]float64, k)
		for i := range x[j] {
			x[j][i] = rng.Float64()
		}
	}
	ys := make([][]float64, 44)
	for o := range ys {
		ys[o] = make([]float64, n)
		for j := range ys[o] {
			ys[o][j] = x[j][o%k] + rng.NormFloat64()
		}
	}
	b.ResetTimer()
	for range b.N {
		if _, err := PRCCs(x, ys, 100, 0.95, 1); err != nil {
			b.Fatal(err)
		}
	}
}

// The ranks of a resample, from the points' order, are those ranks gives
// the picked values directly: ties (equal values, points picked twice)
// share their mean rank.
func TestPRCCResampleRanks(t *testing.T) {
	rng := rand.New(rand.NewSource(9))
	for trial := range 50 {
		n := 2 + rng.Intn(30)
		x := make([][]float64, n)
		for j := range x {
			x[j] = []float64{float64(rng.Intn(5))} // many ties
		}
		w := newPRCCWork(x, nil)
		pick := make([]int, n)
		for j := range pick {
			pick[j] = rng.Intn(n)
		}
		clear(w.cnt)
		for _, r := range pick {
			w.cnt[r]++
		}
		got := make([]float64, n)
		okGot := w.ranksOf(got, w.xOrder[0], func(j int) float64 { return x[j][0] }, pick)
		want := make([]float64, n)
		for j, r := range pick {
			want[j] = x[r][0]
		}
		ranks(want)
		okWant := standardise(want)
		if okGot != okWant {
			t.Fatalf("trial %d: varies %v, want %v", trial, okGot, okWant)
		}
		for j := range got {
			if okWant && math.Abs(got[j]-want[j]) > 1e-12 {
				t.Fatalf("trial %d: ranks %v, want %v", trial, got, want)
			}
		}
	}
}
