package abc

import (
	"fmt"
	"math"
)

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

// Pick returns draw i of an endless sequence of independent draws from pop
// in proportion to the weights: the index into pop.Particles of the
// particle draw i takes. Each draw comes from its own stream, seeded from
// (seed, i), so draw i is the same however many draws are asked for: a
// caller that adds draws later (more replicates, a larger sample) keeps
// the first ones. Unlike [Resample] the draws are not stratified; a
// particle of weight w is drawn in a share w of them in the long run.
func Pick(pop Population, seed uint64, i int) (int, error) {
	if i < 0 {
		return 0, fmt.Errorf("abc: pick draw %d; draws count from 0", i)
	}
	if len(pop.Particles) == 0 {
		return 0, fmt.Errorf("abc: pick from an empty population")
	}
	total := 0.0
	for _, p := range pop.Particles {
		total += p.Weight
	}
	if !(total > 0) || math.IsInf(total, 1) {
		return 0, fmt.Errorf("abc: pick: weights sum to %v", total)
	}
	u := newRand(candidateSeed(saltPick, seed, pop.Generation, i)).Float64() * total
	c := 0.0
	for j, p := range pop.Particles {
		c += p.Weight
		if u < c {
			return j, nil
		}
	}
	// u within rounding of the total: the last particle of positive weight.
	for j := len(pop.Particles) - 1; j > 0; j-- {
		if pop.Particles[j].Weight > 0 {
			return j, nil
		}
	}
	return 0, nil
}
