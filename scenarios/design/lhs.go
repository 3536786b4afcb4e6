package design

import (
	"fmt"
	"math"

	"golang.org/x/exp/rand"
)

// LHS returns a Latin hypercube sample of n points: for every factor, each of
// the n strata [j/n, (j+1)/n) of the unit interval holds exactly one point's
// unit coordinate, placed uniformly at random within it, and the strata are
// paired across factors by independent random permutations. Unit coordinates
// are mapped to values through each factor's Dist, so the sample is also
// stratified in probability for "loguniform" and "normal" factors. List
// factors are not allowed. The same seed always gives the same points.
//
// This is the procedure of gonum's samplemv.LatinHypercube, written out here
// because samplemv pulls in a module this repository does not list.
func LHS(f []Factor, n int, seed uint64) (Design, error) {
	fs, err := validateFactors(KindLHS, f, false)
	if err != nil {
		return Design{}, err
	}
	if n < 1 {
		return Design{}, fmt.Errorf("%s: n=%d; the number of points must be at least 1", KindLHS, n)
	}
	if _, err := checkRuns(KindLHS, n); err != nil {
		return Design{}, err
	}
	k := len(fs)
	rng := rand.New(rand.NewSource(seed))
	units := make([][]float64, n)
	for p := range units {
		units[p] = make([]float64, k)
	}
	nf := float64(n)
	for i := 0; i < k; i++ {
		perm := rng.Perm(n) // perm[p] is the stratum of point p
		for p, s := range perm {
			lo, hi := float64(s)/nf, float64(s+1)/nf
			u := (float64(s) + rng.Float64()) / nf
			if u >= hi { // rounding at the top of the stratum
				u = math.Nextafter(hi, lo)
			}
			units[p][i] = math.Max(u, lo)
		}
	}
	d := Design{Kind: KindLHS, Factors: fs, Points: make([]Point, n)}
	for p, u := range units {
		d.Points[p] = newPoint(p, fs, u)
	}
	return d, nil
}
