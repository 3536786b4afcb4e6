package analysis

import (
	"fmt"
	"math"

	"golang.org/x/exp/rand"
)

// SobolIndex holds the variance-based sensitivity indices of one parameter.
//
// S1 is the first-order index: the share of output variance explained by the
// parameter alone. ST is the total index: the share that would remain
// unexplained if every other parameter were fixed, so it includes all
// interactions; ST − S1 measures how much the parameter acts through
// interactions, and ST ≈ 0 means the parameter can be fixed anywhere in its
// range. The bounds are percentile bootstrap intervals over base rows.
//
// Estimates are Monte Carlo, so S1 can come out slightly negative or above
// ST for parameters whose true values are near zero or near each other;
// those are noise, and the intervals show how much.
type SobolIndex struct {
	Param                                int
	S1, S1Low, S1High, ST, STLow, STHigh float64
}

// SaltelliLayout returns the number of model runs per base row in a
// Saltelli design with k parameters: one for A, one for B and one for each
// AB_i. Total runs are N·SaltelliLayout(k) for N base rows.
func SaltelliLayout(k int) int { return k + 2 }

// SplitSaltelli unpacks the outputs of a Saltelli design run in row order.
//
// Runs are expected base row by base row, and within base row j in the
// order
//
//	A[j], B[j], AB_0[j], AB_1[j], …, AB_{k−1}[j]
//
// where A and B are two independent N×k sample matrices and AB_i is A with
// column i taken from B. So y[j*(k+2)] is yA[j], y[j*(k+2)+1] is yB[j] and
// y[j*(k+2)+2+i] is yAB[i][j]. Row order (rather than matrix by matrix)
// keeps each base row's runs together, so a partially finished experiment
// can still be analysed on its completed rows.
//
// It returns an error if k < 1 or len(y) is not a positive multiple of
// k+2. The returned slices are fresh copies.
func SplitSaltelli(y []float64, k int) (yA, yB []float64, yAB [][]float64, err error) {
	if k < 1 {
		return nil, nil, nil, fmt.Errorf("analysis: SplitSaltelli: need k ≥ 1 parameters, got %d", k)
	}
	w := SaltelliLayout(k)
	if len(y) == 0 || len(y)%w != 0 {
		return nil, nil, nil, fmt.Errorf("analysis: SplitSaltelli: %d outputs is not a positive multiple of k+2 = %d", len(y), w)
	}
	n := len(y) / w
	yA = make([]float64, n)
	yB = make([]float64, n)
	yAB = make([][]float64, k)
	for i := range yAB {
		yAB[i] = make([]float64, n)
	}
	for j := range n {
		row := y[j*w : (j+1)*w]
		yA[j], yB[j] = row[0], row[1]
		for i := range k {
			yAB[i][j] = row[2+i]
		}
	}
	return yA, yB, yAB, nil
}

// Sobol estimates first-order and total Sobol indices from a Saltelli
// design: yA and yB are the outputs at the N rows of A and B, and yAB[i] the
// outputs at AB_i (A with column i from B), for i = 0..k−1.
//
// With V the variance of yA and yB pooled, the estimators are
//
//	S1_i = mean(yB·(yAB_i − yA)) / V      (Saltelli et al. 2010)
//	ST_i = mean((yA − yAB_i)²) / (2V)     (Jansen 1999)
//
// which Saltelli et al. 2010 found the most efficient of the simple
// estimators. In S1, yB is centred on the pooled mean of yA and yB before
// the product. That changes nothing in expectation (yAB_i − yA has mean
// zero) but removes the mean's contribution to the estimator's variance, so
// the indices do not depend on where the output's zero is; without it, an
// output such as a composite index averaging 100 with SD 1 would need vastly
// more runs.
//
// bootstrap resamples the N base rows with replacement (each row's A, B and
// AB values together) that many times and reports central level-intervals
// (e.g. level 0.95) by the percentile method; 0 skips the bootstrap and
// leaves the bounds NaN. The resampling uses its own generator seeded with
// seed.
//
// The result has one entry per parameter, ordered by Param. An error is
// returned if N < 2, k < 1, lengths differ, any output is non-finite, the
// outputs have zero variance (the indices are 0/0), bootstrap is negative,
// or bootstrap > 0 with level outside (0, 1).
func Sobol(yA, yB []float64, yAB [][]float64, bootstrap int, level float64, seed uint64) ([]SobolIndex, error) {
	if err := checkSobolInput(yA, yB, yAB, bootstrap, level); err != nil {
		return nil, err
	}
	k := len(yAB)
	s1 := make([]float64, k)
	st := make([]float64, k)
	if !sobolEstimate(yA, yB, yAB, nil, s1, st) {
		return nil, fmt.Errorf("analysis: Sobol: outputs have zero variance; indices are undefined")
	}

	out := make([]SobolIndex, k)
	nan := math.NaN()
	for i := range out {
		out[i] = SobolIndex{Param: i, S1: s1[i], ST: st[i], S1Low: nan, S1High: nan, STLow: nan, STHigh: nan}
	}
	if bootstrap == 0 {
		return out, nil
	}

	rng := rand.New(rand.NewSource(seed))
	n := len(yA)
	pick := make([]int, n)
	s1Reps := make([][]float64, k)
	stReps := make([][]float64, k)
	for i := range k {
		s1Reps[i] = make([]float64, bootstrap)
		stReps[i] = make([]float64, bootstrap)
	}
	for b := range bootstrap {
		for j := range pick {
			pick[j] = rng.Intn(n)
		}
		if !sobolEstimate(yA, yB, yAB, pick, s1, st) {
			// A resample of identical rows: undefined here, dropped by
			// percentileInterval.
			for i := range k {
				s1[i], st[i] = nan, nan
			}
		}
		for i := range k {
			s1Reps[i][b], stReps[i][b] = s1[i], st[i]
		}
	}
	for i := range out {
		out[i].S1Low, out[i].S1High = percentileInterval(s1Reps[i], level)
		out[i].STLow, out[i].STHigh = percentileInterval(stReps[i], level)
	}
	return out, nil
}

func checkSobolInput(yA, yB []float64, yAB [][]float64, bootstrap int, level float64) error {
	n := len(yA)
	if n < 2 {
		return fmt.Errorf("analysis: Sobol: need at least 2 base rows, got %d", n)
	}
	if len(yB) != n {
		return fmt.Errorf("analysis: Sobol: len(yB) = %d, want len(yA) = %d", len(yB), n)
	}
	if len(yAB) < 1 {
		return fmt.Errorf("analysis: Sobol: need k ≥ 1 parameters (yAB is empty)")
	}
	for i, v := range yAB {
		if len(v) != n {
			return fmt.Errorf("analysis: Sobol: len(yAB[%d]) = %d, want %d", i, len(v), n)
		}
	}
	if bootstrap < 0 {
		return fmt.Errorf("analysis: Sobol: negative bootstrap count %d", bootstrap)
	}
	if bootstrap > 0 && !validLevel(level) {
		return fmt.Errorf("analysis: Sobol: confidence level %v is outside (0, 1)", level)
	}
	check := func(name string, v []float64) error {
		for j, x := range v {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return fmt.Errorf("analysis: Sobol: %s[%d] is %v", name, j, x)
			}
		}
		return nil
	}
	if err := check("yA", yA); err != nil {
		return err
	}
	if err := check("yB", yB); err != nil {
		return err
	}
	for i, v := range yAB {
		if err := check(fmt.Sprintf("yAB[%d]", i), v); err != nil {
			return err
		}
	}
	return nil
}

// sobolEstimate writes S1 and ST into s1 and st, computed over the base rows
// listed in rows (all rows, in order, when rows is nil), and reports false if
// the pooled variance is zero. It allocates nothing, because the bootstrap
// calls it once per resample.
func sobolEstimate(yA, yB []float64, yAB [][]float64, rows []int, s1, st []float64) bool {
	n := len(yA)
	if rows != nil {
		n = len(rows)
	}
	row := func(j int) int {
		if rows == nil {
			return j
		}
		return rows[j]
	}

	// Two passes for the pooled variance: outputs may have a large mean
	// relative to their spread, where the one-pass formula loses digits.
	var sum float64
	for j := range n {
		r := row(j)
		sum += yA[r] + yB[r]
	}
	mean := sum / float64(2*n)
	var ss float64
	for j := range n {
		r := row(j)
		da, db := yA[r]-mean, yB[r]-mean
		ss += da*da + db*db
	}
	v := ss / float64(2*n-1)
	if v == 0 {
		return false
	}

	for i, ab := range yAB {
		var first, total float64
		for j := range n {
			r := row(j)
			d := ab[r] - yA[r]
			first += (yB[r] - mean) * d
			total += d * d
		}
		s1[i] = first / float64(n) / v
		st[i] = total / float64(n) / (2 * v)
	}
	return true
}
