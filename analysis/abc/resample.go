package abc

import "fmt"

// Resample draws n particles from pop in proportion to their weights by
// systematic resampling (Kitagawa 1996; Carpenter, Clifford & Fearnhead
// 1999): one uniform u in [0, 1/n) from a stream seeded with seed, and the
// particle whose cumulative-weight interval holds each of u, u + 1/n, …,
// u + (n−1)/n. A particle of weight w is drawn ⌊nw⌋ or ⌈nw⌉ times, which
// is the least variance any unbiased resampling has, and the same seed
// gives the same draw. The result lists indices into pop.Particles in
// increasing order.
func Resample(pop Population, n int, seed uint64) ([]int, error) {
	if n < 1 {
		return nil, fmt.Errorf("abc: resample %d points; at least 1", n)
	}
	if len(pop.Particles) == 0 {
		return nil, fmt.Errorf("abc: resample from an empty population")
	}
	total := 0.0
	for _, p := range pop.Particles {
		total += p.Weight
	}
	if !(total > 0) {
		return nil, fmt.Errorf("abc: resample: weights sum to %v", total)
	}
	u := newRand(candidateSeed(saltResample, seed, pop.Generation, 0)).Float64() / float64(n)
	out := make([]int, n)
	j, c := 0, pop.Particles[0].Weight/total
	for i := range n {
		t := u + float64(i)/float64(n)
		for t >= c && j < len(pop.Particles)-1 {
			j++
			c += pop.Particles[j].Weight / total
		}
		out[i] = j
	}
	return out, nil
}
