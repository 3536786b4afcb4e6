package design

import (
	"fmt"
	"math"

	"golang.org/x/exp/rand"
)

// Saltelli returns the N(k+2) points needed to estimate first-order and
// total Sobol' indices with the Saltelli (2010) / Jansen estimators; Groups
// is N. For each base row j = 0…N−1 the points are, in order,
//
//	A_j, B_j, AB_j^0, …, AB_j^{k−1}
//
// where AB^i is A with column i taken from B. Rows of A and B are the first
// and last k coordinates of point j of a 2k-dimensional randomized Halton
// sequence (Owen 2017, "A randomized Halton algorithm": every digit position
// of every dimension gets its own random permutation of the digits, drawn
// from seed). It is a low-discrepancy sequence, so estimates converge faster
// than with independent random points, and any N may be used (no power of 2
// needed). List factors are not allowed, and k may be at most 500.
func Saltelli(f []Factor, n int, seed uint64) (Design, error) {
	fs, err := validateFactors(KindSaltelli, f, false)
	if err != nil {
		return Design{}, err
	}
	if n < 1 {
		return Design{}, fmt.Errorf("%s: n=%d; the number of base rows N must be at least 1", KindSaltelli, n)
	}
	k := len(fs)
	if k > maxSaltelliFactors {
		return Design{}, fmt.Errorf("%s: %d factors; at most %d are supported", KindSaltelli, k, maxSaltelliFactors)
	}
	total, err := checkRuns(KindSaltelli, n, k+2)
	if err != nil {
		return Design{}, err
	}
	ab := randomizedHalton(n, 2*k, rand.New(rand.NewSource(seed)))
	d := Design{Kind: KindSaltelli, Factors: fs, Points: make([]Point, 0, total), Groups: n}
	add := func(unit []float64) {
		d.Points = append(d.Points, newPoint(len(d.Points), fs, unit))
	}
	for j := 0; j < n; j++ {
		a, b := ab[j][:k], ab[j][k:]
		add(append([]float64(nil), a...))
		add(append([]float64(nil), b...))
		for i := 0; i < k; i++ {
			u := append([]float64(nil), a...)
			u[i] = b[i]
			add(u)
		}
	}
	return d, nil
}

// randomizedHalton returns points 0…n−1 of a dim-dimensional Halton sequence
// with Owen's randomized van der Corput digits: in dimension j (base = the
// j-th prime) the m-th digit d of the index is replaced by π_{j,m}(d), for
// random permutations π, down to a weight of about 2^−53. This follows
// gonum's samplemv.Halton. All coordinates are in [0,1).
func randomizedHalton(n, dim int, rng *rand.Rand) [][]float64 {
	pts := make([][]float64, n)
	for i := range pts {
		pts[i] = make([]float64, dim)
	}
	for j, b := range firstPrimes(dim) {
		div := int64(1)
		w := 1 / float64(b)
		for 1-w < 1 {
			perm := rng.Perm(b)
			for i := 0; i < n; i++ {
				dig := (int64(i) / div) % int64(b)
				pts[i][j] += float64(perm[dig]) * w
			}
			// div stops growing once it exceeds every index; the digits
			// above are then 0 and only their permutation adds randomness.
			if div <= int64(n) {
				div *= int64(b)
			}
			w /= float64(b)
		}
		for i := 0; i < n; i++ {
			if pts[i][j] >= 1 {
				pts[i][j] = math.Nextafter(1, 0)
			}
		}
	}
	return pts
}

// firstPrimes returns the first n primes.
func firstPrimes(n int) []int {
	ps := make([]int, 0, n)
	for c := 2; len(ps) < n; c++ {
		prime := true
		for _, p := range ps {
			if p*p > c {
				break
			}
			if c%p == 0 {
				prime = false
				break
			}
		}
		if prime {
			ps = append(ps, c)
		}
	}
	return ps
}
