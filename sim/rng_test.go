package sim

import (
	"math"
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

// The income-bin table must put every income where the logarithm does: at
// each edge and its neighbours, and at a million incomes spread over the
// whole range.
func TestIncomeBinTable(t *testing.T) {
	check := func(y float64) {
		if a, b := incomeBin(y), incomeBinLog(y); a != b {
			t.Fatalf("income %v (%x): table bin %d, log bin %d", y, math.Float64bits(y), a, b)
		}
	}
	for k := 1; k < numBins; k++ {
		e := math.Float64frombits(binTables.edge[k])
		if int(incomeBin(e)) != k {
			t.Fatalf("edge %d (%v) is in bin %d", k, e, incomeBin(e))
		}
		check(e)
		check(math.Nextafter(e, 0))
		check(math.Nextafter(e, math.Inf(1)))
	}
	for _, y := range []float64{0, -1, binLo, math.Nextafter(binLo, 2*binLo), binHi, 1e300, math.Inf(1), math.Inf(-1), math.NaN(), math.SmallestNonzeroFloat64} {
		check(y)
	}
	r := seeded(1)
	for i := 0; i < 1_000_000; i++ {
		check(math.Exp(r.Uniform(0, math.Log(1e8))))
	}
}

// The reciprocal remainder must equal the division's for every draw: edge
// draws and random ones, for small, large and awkward bounds.
func TestBoundMod(t *testing.T) {
	r := seeded(2)
	bounds := []uint64{3, 5, 6, 7, 9, 10, 1000, 9001, 65535, 65537, 1<<31 - 1, 1<<31 + 1, 1<<32 - 1, 1<<32 - 5, 1<<32 + 1, 1<<40 + 3, 1<<62 + 1, math.MaxInt64, math.MaxInt64 - 2}
	for i := 0; i < 200; i++ {
		bounds = append(bounds, 3+r.src.Uint64()%(1<<32-3), 3+r.src.Uint64()%100000)
	}
	for _, n := range bounds {
		if n&(n-1) == 0 {
			continue
		}
		b := NewBound(int(n))
		vs := []uint64{0, 1, n - 1, n, n + 1, 2*n - 1, 2 * n, math.MaxUint64, math.MaxUint64 - 1, math.MaxUint64 - n, math.MaxUint64 / n * n, math.MaxUint64/n*n - 1}
		for i := 0; i < 20000; i++ {
			vs = append(vs, r.src.Uint64())
		}
		for _, v := range vs {
			if got, want := b.mod(v), v%n; got != want {
				t.Fatalf("%d mod %d: %d, want %d", v, n, got, want)
			}
		}
	}
	// Draws through Below are Intn's draws.
	for _, n := range []int{1, 2, 3, 1000, 9001, 1 << 20, 1<<32 + 3} {
		s1, s2 := seeded(uint64(n)), seeded(uint64(n))
		b := NewBound(n)
		for i := 0; i < 1000; i++ {
			if a, c := s1.Below(b), s2.Intn(n); a != c {
				t.Fatalf("Below(%d) %d, Intn %d", n, a, c)
			}
		}
	}
}
