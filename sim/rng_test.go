package sim

import (
	"testing"

	"golang.org/x/exp/rand"
)

// The stream steps the PCG source itself for speed; every draw must still
// be the one rand.Rand gives on the same seed, or results would change.
func TestStreamMatchesRand(t *testing.T) {
	bounds := []int{1, 2, 3, 7, 64, 1000, 9001, 1 << 20, 1<<31 - 1, 1<<62 + 1}
	for seed := uint64(0); seed < 50; seed++ {
		h := mix(seed)
		s, ref := seeded(h), rand.New(rand.NewSource(h))
		for i := 0; i < 2000; i++ {
			switch i % 5 {
			case 0:
				if a, b := s.Float64(), ref.Float64(); a != b {
					t.Fatalf("seed %d draw %d: Float64 %v, rand %v", seed, i, a, b)
				}
			case 1, 2:
				n := bounds[(i/5+int(seed))%len(bounds)]
				if a, b := s.Intn(n), ref.Intn(n); a != b {
					t.Fatalf("seed %d draw %d: Intn(%d) %d, rand %d", seed, i, n, a, b)
				}
			case 3:
				if a, b := s.Norm(), ref.NormFloat64(); a != b {
					t.Fatalf("seed %d draw %d: Norm %v, rand %v", seed, i, a, b)
				}
			case 4:
				if a, b := s.Float32(), ref.Float32(); a != b {
					t.Fatalf("seed %d draw %d: Float32 %v, rand %v", seed, i, a, b)
				}
			}
		}
	}
}
