package abc

import (
	"math"
	"testing"
)

// TestPick: draws follow the weights (a particle of weight 0 is never
// drawn; frequencies within 4 binomial SDs of the weights), draw i does
// not depend on how many draws are asked for, and the seed and the
// generation change the draws.
func TestPick(t *testing.T) {
	w := []float64{0.5, 0.25, 0.125, 0.0625, 0.0625, 0}
	pop := Population{Generation: 2}
	for i, x := range w {
		pop.Particles = append(pop.Particles, Particle{Index: 10 + i, Theta: []float64{float64(i)}, Weight: x})
	}
	const n = 20000
	count := make([]int, len(w))
	first := make([]int, 50)
	for i := range n {
		j, err := Pick(pop, 7, i)
		if err != nil {
			t.Fatal(err)
		}
		count[j]++
		if i < len(first) {
			first[i] = j
		}
	}
	for j, c := range count {
		sd := math.Sqrt(n * w[j] * (1 - w[j]))
		if math.Abs(float64(c)-n*w[j]) > 4*sd || (w[j] == 0 && c > 0) {
			t.Errorf("particle %d (weight %v) drawn %d times of %d", j, w[j], c, n)
		}
	}
	for i, want := range first { // asked again, alone: the same draw
		if j, _ := Pick(pop, 7, i); j != want {
			t.Fatalf("draw %d is %d alone and %d in a sequence", i, j, want)
		}
	}
	other := pop
	other.Generation = 3
	sameSeed, sameGen := 0, 0
	for i := range first {
		a, _ := Pick(pop, 8, i)
		b, _ := Pick(other, 7, i)
		if a == first[i] {
			sameSeed++
		}
		if b == first[i] {
			sameGen++
		}
	}
	if sameSeed == len(first) || sameGen == len(first) {
		t.Errorf("another seed or generation gives the same 50 draws (%d, %d)", sameSeed, sameGen)
	}
	for _, c := range []struct {
		pop Population
		i   int
	}{{pop, -1}, {Population{}, 0}, {Population{Particles: []Particle{{Weight: 0}}}, 0}} {
		if _, err := Pick(c.pop, 1, c.i); err == nil {
			t.Errorf("Pick(%d particles, draw %d): no error", len(c.pop.Particles), c.i)
		}
	}
}
