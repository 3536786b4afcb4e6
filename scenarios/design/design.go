package design

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"
)

// MaxRuns is the largest number of points any design may have. Designs that
// would be larger are rejected with an error instead of exhausting memory.
const MaxRuns = 1_000_000

// Distribution names accepted in Factor.Dist.
const (
	DistUniform    = "uniform"
	DistLogUniform = "loguniform"
	DistNormal     = "normal"
	DistInt        = "int"
)

// Kind is a kind of design, as a sweep file names it (design = "lhs").
type Kind string

// Design kinds, as stored in Design.Kind.
const (
	KindGrid     Kind = "grid"
	KindLHS      Kind = "lhs"
	KindMorris   Kind = "morris"
	KindSaltelli Kind = "saltelli"
	KindCSV      Kind = "csv"
)

// kindInfo declares one kind of design: whether it samples factor ranges
// at random (it then takes a sample size and a seed of its own, and no
// lists of values), and how it is made from factors (nil for the CSV
// design, which is read from its file by FromCSV). A new design is an
// entry here, its file, and an example sweep file.
type kindInfo struct {
	kind     Kind
	sampled  bool
	generate func(fs []Factor, samples, levels int, seed uint64) (Design, error)
}

func kindTable() []kindInfo {
	return []kindInfo{
		{KindGrid, false, func(fs []Factor, _, _ int, _ uint64) (Design, error) { return Grid(fs) }},
		{KindLHS, true, func(fs []Factor, n, _ int, seed uint64) (Design, error) { return LHS(fs, n, seed) }},
		{KindMorris, true, func(fs []Factor, n, p int, seed uint64) (Design, error) { return Morris(fs, n, p, seed) }},
		{KindSaltelli, true, func(fs []Factor, n, _ int, seed uint64) (Design, error) { return Saltelli(fs, n, seed) }},
		{KindCSV, false, nil},
	}
}

// Kinds lists the kinds of design, in the order messages name them.
func Kinds() []Kind {
	var out []Kind
	for _, k := range kindTable() {
		out = append(out, k.kind)
	}
	return out
}

// Sampled reports whether the design samples factor ranges at random (LHS,
// Morris, Saltelli): it takes a sample size and a seed of its own, and no
// lists of values. A grid and a CSV design are fixed by their levels or
// their file.
func (k Kind) Sampled() bool {
	for _, x := range kindTable() {
		if x.kind == k {
			return x.sampled
		}
	}
	return false
}

// Generate makes a design of kind k from factors: samples and levels as
// the kind takes them (ignored otherwise). The CSV design is read with
// FromCSV instead.
func Generate(k Kind, fs []Factor, samples, levels int, seed uint64) (Design, error) {
	for _, x := range kindTable() {
		if x.kind == k && x.generate != nil {
			return x.generate(fs, samples, levels, seed)
		}
	}
	return Design{}, fmt.Errorf("design %q is not generated from factors", k)
}

const (
	defaultGridLevels   = 5
	defaultMorrisLevels = 4
	// maxIntBound keeps "int" bounds where every integer is a float64.
	maxIntBound = 1 << 53
	// maxSaltelliFactors: the scrambled Halton sequence has 1000 dimensions
	// and Saltelli uses two per factor.
	maxSaltelliFactors = 500
)

// Factor is one varied parameter.
type Factor struct {
	Key      string    // parameter key, e.g. "economy.lambda0"
	Dist     string    // "uniform" (default), "loguniform", "normal" (truncated to [Min,Max]), "int" (integers in [Min,Max]), or "" when Values is set
	Min, Max float64   // range, inclusive
	Mean, SD float64   // for "normal"
	Values   []float64 // a list instead of a range (grid and csv designs)
	Levels   int       // grid: number of levels for a range (default 5); morris: number of levels p (default 4)
}

// Point is one parameter point of a design.
type Point struct {
	Index  int       // position in Design.Points, from 0
	Unit   []float64 // coordinates in [0,1]^k, in factor order (NaN for list factors)
	Values []float64 // parameter values, in factor order
}

// Design is a list of points over a list of factors.
type Design struct {
	Kind    Kind     // KindGrid, KindLHS, KindMorris, KindSaltelli or KindCSV
	Factors []Factor // copies of the input factors, with defaults filled in (Dist, and Levels for grid and morris)
	Points  []Point
	Groups  int // morris: number of trajectories r; saltelli: number of base rows N; otherwise 0
}

// FactorError is a problem of one factor: which factor (its position in
// the factors given, and its key) and what is wrong, so that a caller can
// point at the place the factor was written.
type FactorError struct {
	Design Kind
	Index  int // position in the factors given
	Key    string
	Msg    string // what is wrong, and what is allowed
}

func (e *FactorError) Error() string { return fmt.Sprintf("%s: factor %q: %s", e.Design, e.Key, e.Msg) }

// Runs returns the number of points in the design.
func (d Design) Runs() int { return len(d.Points) }

// isList reports whether f is a list factor.
func (f Factor) isList() bool { return len(f.Values) > 0 }

func num(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// validateFactors checks the factors shared rules and returns deep copies
// with Dist resolved. allowLists says whether list factors are accepted;
// design names the design for messages.
func validateFactors(design Kind, fs []Factor, allowLists bool) ([]Factor, error) {
	if len(fs) == 0 {
		return nil, fmt.Errorf("%s: no factors given", design)
	}
	seen := make(map[string]bool, len(fs))
	out := make([]Factor, len(fs))
	for i, f := range fs {
		if strings.TrimSpace(f.Key) == "" {
			return nil, fmt.Errorf("%s: factor %d has an empty Key", design, i)
		}
		if seen[f.Key] {
			return nil, &FactorError{design, i, f.Key, "duplicate key (each key may appear once)"}
		}
		seen[f.Key] = true
		g, err := validateFactor(f, allowLists)
		if err != nil {
			return nil, &FactorError{design, i, f.Key, err.Error()}
		}
		out[i] = g
	}
	return out, nil
}

// validateFactor checks one factor; its error says what is wrong without
// naming the factor, which validateFactors does (a FactorError).
func validateFactor(f Factor, allowLists bool) (Factor, error) {
	if f.isList() {
		if !allowLists {
			return f, errors.New("a list of Values is not allowed here; this design samples ranges, so give Min and Max (and Dist) instead")
		}
		if f.Dist != "" {
			return f, fmt.Errorf("Dist %q cannot be combined with Values; leave Dist empty for a list", f.Dist)
		}
		vals := make([]float64, len(f.Values))
		seen := make(map[float64]bool, len(f.Values))
		for j, v := range f.Values {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return f, fmt.Errorf("Values[%d] is %v; values must be finite", j, v)
			}
			if seen[v] {
				return f, fmt.Errorf("value %s appears twice in Values", num(v))
			}
			seen[v] = true
			vals[j] = v
		}
		f.Values = vals
		return f, nil
	}
	f.Values = nil
	if f.Dist == "" {
		f.Dist = DistUniform
	}
	switch f.Dist {
	case DistUniform, DistLogUniform, DistNormal, DistInt:
	default:
		return f, fmt.Errorf("unknown Dist %q (allowed: %q, %q, %q, %q, or \"\" for uniform)", f.Dist, DistUniform, DistLogUniform, DistNormal, DistInt)
	}
	if math.IsNaN(f.Min) || math.IsInf(f.Min, 0) || math.IsNaN(f.Max) || math.IsInf(f.Max, 0) {
		return f, fmt.Errorf("bounds must be finite numbers, got Min=%v Max=%v", f.Min, f.Max)
	}
	if !(f.Min < f.Max) {
		return f, fmt.Errorf("empty range: Min (%s) must be less than Max (%s)", num(f.Min), num(f.Max))
	}
	if math.IsInf(f.Max-f.Min, 0) {
		return f, fmt.Errorf("range [%s, %s] is too wide to represent", num(f.Min), num(f.Max))
	}
	if f.Levels < 0 || f.Levels == 1 {
		return f, fmt.Errorf("Levels=%d; Levels must be at least 2 (or 0 for the default)", f.Levels)
	}
	switch f.Dist {
	case DistLogUniform:
		if f.Min <= 0 {
			return f, fmt.Errorf("loguniform needs 0 < Min < Max, got Min=%s", num(f.Min))
		}
	case DistNormal:
		if math.IsNaN(f.Mean) || math.IsInf(f.Mean, 0) || math.IsNaN(f.SD) || math.IsInf(f.SD, 0) || !(f.SD > 0) {
			return f, fmt.Errorf("normal needs a finite Mean and SD > 0, got Mean=%v SD=%v", f.Mean, f.SD)
		}
		a, b := (f.Min-f.Mean)/f.SD, (f.Max-f.Mean)/f.SD
		if math.IsInf(a, 0) || math.IsInf(b, 0) {
			return f, fmt.Errorf("range [%s, %s] is too many SDs (%s) from Mean (%s)", num(f.Min), num(f.Max), num(f.SD), num(f.Mean))
		}
		if _, _, mass := stdTruncMass(a, b); !(mass > 0) {
			return f, fmt.Errorf("normal(Mean=%s, SD=%s) has no probability mass in [%s, %s]", num(f.Mean), num(f.SD), num(f.Min), num(f.Max))
		}
	case DistInt:
		if math.Abs(f.Min) > maxIntBound || math.Abs(f.Max) > maxIntBound {
			return f, fmt.Errorf("int bounds must be within ±2^53, got [%s, %s]", num(f.Min), num(f.Max))
		}
		if math.Ceil(f.Min) >= math.Floor(f.Max) {
			return f, fmt.Errorf("int needs at least two integers in [%s, %s]", num(f.Min), num(f.Max))
		}
	}
	return f, nil
}

// checkRuns rejects designs with more than MaxRuns points. Arguments are
// multiplied with overflow checks.
func checkRuns(design Kind, factors ...int) (int, error) {
	n := 1
	for _, m := range factors {
		if m < 0 || (m > 0 && n > MaxRuns/m) {
			return 0, fmt.Errorf("%s: design would have more than %d points", design, MaxRuns)
		}
		n *= m
	}
	if n > MaxRuns {
		return 0, fmt.Errorf("%s: design would have %d points, more than %d", design, n, MaxRuns)
	}
	return n, nil
}

// newPoint builds point idx from unit coordinates.
func newPoint(idx int, fs []Factor, unit []float64) Point {
	vals := make([]float64, len(fs))
	for i, f := range fs {
		vals[i] = quantile(f, unit[i])
	}
	return Point{Index: idx, Unit: unit, Values: vals}
}

func clamp(x, lo, hi float64) float64 {
	if x < lo {
		return lo
	}
	if x > hi {
		return hi
	}
	return x
}

// lerp is exact at both ends: lerp(a,b,0)==a and lerp(a,b,1)==b.
func lerp(a, b, u float64) float64 { return (1-u)*a + u*b }

// intBounds returns the integers at the ends of an "int" range and their count.
func intBounds(f Factor) (lo, hi, n float64) {
	lo, hi = math.Ceil(f.Min), math.Floor(f.Max)
	return lo, hi, hi - lo + 1
}

// quantile maps a unit coordinate to a value of range factor f (the inverse
// CDF of its distribution). f must be validated; u is clamped to [0,1].
func quantile(f Factor, u float64) float64 {
	if f.isList() || math.IsNaN(u) {
		return math.NaN()
	}
	u = clamp(u, 0, 1)
	switch f.Dist {
	case DistInt:
		lo, hi, n := intBounds(f)
		// The small offset keeps grid points such as u = i/(L−1), whose
		// product with n should be an exact integer, from rounding down.
		return clamp(lo+math.Floor(u*n+1e-9), lo, hi)
	}
	if u == 0 {
		return f.Min
	}
	if u == 1 {
		return f.Max
	}
	var x float64
	switch f.Dist {
	case DistLogUniform:
		x = math.Exp(lerp(math.Log(f.Min), math.Log(f.Max), u))
	case DistNormal:
		a, b := (f.Min-f.Mean)/f.SD, (f.Max-f.Mean)/f.SD
		x = f.Mean + f.SD*stdTruncQuantile(a, b, u)
	default:
		x = lerp(f.Min, f.Max, u)
	}
	return clamp(x, f.Min, f.Max)
}

// cdf maps a value of range factor f inside [Min,Max] to its unit coordinate;
// it inverts quantile. For "int" factors it returns (v−lo)/(hi−lo), the grid
// coordinate, which quantile maps back to v.
func cdf(f Factor, v float64) float64 {
	if f.isList() {
		return math.NaN()
	}
	var u float64
	switch f.Dist {
	case DistInt:
		lo, hi, _ := intBounds(f)
		if hi == lo {
			return 0
		}
		u = (v - lo) / (hi - lo)
	case DistLogUniform:
		u = (math.Log(v) - math.Log(f.Min)) / (math.Log(f.Max) - math.Log(f.Min))
	case DistNormal:
		a, b := (f.Min-f.Mean)/f.SD, (f.Max-f.Mean)/f.SD
		u = stdTruncCDF(a, b, (v-f.Mean)/f.SD)
	default:
		u = (v - f.Min) / (f.Max - f.Min)
	}
	if math.IsNaN(u) {
		return 0
	}
	return clamp(u, 0, 1)
}

// stdTruncMass returns Φ(a), Φ(b) and Φ(b)−Φ(a) for the standard normal,
// after reflecting an interval in the upper tail (a > 0) to the lower tail
// where Φ keeps its relative precision.
func stdTruncMass(a, b float64) (pa, pb, mass float64) {
	if a > 0 {
		a, b = -b, -a
	}
	pa, pb = distuv.UnitNormal.CDF(a), distuv.UnitNormal.CDF(b)
	return pa, pb, pb - pa
}

// stdTruncQuantile is the quantile function of the standard normal truncated
// to [a,b].
func stdTruncQuantile(a, b, u float64) float64 {
	if a > 0 {
		return -stdTruncQuantile(-b, -a, 1-u)
	}
	pa, _, mass := stdTruncMass(a, b)
	p := pa + u*mass
	if p <= 0 {
		return a
	}
	if p >= 1 {
		return b
	}
	return clamp(distuv.UnitNormal.Quantile(p), a, b)
}

// stdTruncCDF is the CDF of the standard normal truncated to [a,b].
func stdTruncCDF(a, b, z float64) float64 {
	if a > 0 {
		return 1 - stdTruncCDF(-b, -a, -z)
	}
	pa, _, mass := stdTruncMass(a, b)
	return clamp((distuv.UnitNormal.CDF(z)-pa)/mass, 0, 1)
}
