package design

import (
	"fmt"
	"math"
)

// Grid returns the full factorial design over the factors. A list factor
// takes its Values in order; a range factor takes Levels (default 5) evenly
// spaced unit coordinates 0, 1/(L−1), …, 1, mapped through its Dist, so the
// end levels are exactly Min and Max. An "int" factor with fewer integers
// than the default 5 levels uses every integer; asking for more Levels than
// it has integers is an error. Points are in row-major order: the last factor
// varies fastest.
func Grid(f []Factor) (Design, error) {
	fs, err := validateFactors(KindGrid, f, true)
	if err != nil {
		return Design{}, err
	}
	counts := make([]int, len(fs))
	for i := range fs {
		g := &fs[i]
		if g.isList() {
			counts[i] = len(g.Values)
			continue
		}
		if g.Dist == DistInt {
			_, _, n := intBounds(*g)
			switch {
			case g.Levels == 0:
				g.Levels = int(math.Min(defaultGridLevels, n))
			case float64(g.Levels) > n:
				return Design{}, &FactorError{KindGrid, i, g.Key, fmt.Sprintf("Levels=%d but int range [%s, %s] has only %s integers",
					g.Levels, num(g.Min), num(g.Max), num(n))}
			}
		} else if g.Levels == 0 {
			g.Levels = defaultGridLevels
		}
		counts[i] = g.Levels
	}
	n, err := checkRuns(KindGrid, counts...)
	if err != nil {
		return Design{}, err
	}
	d := Design{Kind: KindGrid, Factors: fs, Points: make([]Point, n)}
	idx := make([]int, len(fs)) // odometer, last digit fastest
	for p := 0; p < n; p++ {
		unit := make([]float64, len(fs))
		vals := make([]float64, len(fs))
		for i, g := range fs {
			if g.isList() {
				unit[i] = math.NaN()
				vals[i] = g.Values[idx[i]]
				continue
			}
			unit[i] = float64(idx[i]) / float64(counts[i]-1)
			vals[i] = quantile(g, unit[i])
		}
		d.Points[p] = Point{Index: p, Unit: unit, Values: vals}
		for i := len(idx) - 1; i >= 0; i-- {
			idx[i]++
			if idx[i] < counts[i] {
				break
			}
			idx[i] = 0
		}
	}
	return d, nil
}
