package abc

import "golang.org/x/exp/rand"

// Salts keep the streams of one (seed, generation, candidate) apart: the
// proposal's draws and the simulation's seed never share a stream.
const (
	saltPropose  = 0x6a09e667f3bcc909
	saltSimulate = 0xbb67ae8584caa73b
	saltResample = 0x3c6ef372fe94f82b
	saltPick     = 0xa54ff53a5f1d36f1
)

// candidateSeed hashes (seed, generation, candidate index) with the
// SplitMix64 finaliser (Steele, Lea & Flood 2014) applied once per input,
// so that nearby seeds and indices give unrelated streams, and candidate i
// of generation g is the same draw whoever computes it and whenever.
func candidateSeed(salt, seed uint64, gen, index int) uint64 {
	h := mix(seed ^ salt)
	h = mix(h ^ uint64(gen+1)*0xbf58476d1ce4e5b9)
	return mix(h ^ uint64(index+1)*0x94d049bb133111eb)
}

// newRand is a PCG generator (golang.org/x/exp/rand) seeded with h.
func newRand(h uint64) *rand.Rand {
	src := &rand.PCGSource{}
	src.Seed(h)
	return rand.New(src)
}

func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
