package prim

import (
	"fmt"
	"math"
	"slices"
)

// Range is the plausible range of one parameter: the initial box's limits
// on that dimension.
type Range struct{ Low, High float64 }

// Options tune [Find]. A field left 0 takes the default named beside it;
// the alphas' and MinMass's are the EMA Workbench's.
type Options struct {
	// PeelAlpha is the share of the box's points one peel removes
	// (default 0.05), rounded to whole points and at least one; points
	// tied with the last removed go with it. Smaller is more patient and
	// slower.
	PeelAlpha float64
	// PasteAlpha is the share of the box's points one paste adds
	// (default 0.05), rounded in the same way.
	PasteAlpha float64
	// MinMass is the smallest share of all points a box on the trajectory
	// may hold (default 0.05).
	MinMass float64
	// Threshold is the coverage the chosen box must reach (default 0.5).
	// Any positive value below the share one case makes of all cases
	// means "any coverage".
	Threshold float64
	// MaxQuasiP is the largest quasi-p-value a limit of the chosen box
	// may have to be kept (default 0.05); 1 keeps every limit.
	MaxQuasiP float64
}

// withDefaults fills zero fields and checks the rest: every option is a
// share, above 0, and the alphas and MinMass below their upper bound.
func (o Options) withDefaults() (Options, error) {
	for _, f := range []struct {
		name       string
		v          *float64
		def, upper float64
		upperOK    bool
	}{
		{"PeelAlpha", &o.PeelAlpha, 0.05, 0.5, false},
		{"PasteAlpha", &o.PasteAlpha, 0.05, 0.5, false},
		{"MinMass", &o.MinMass, 0.05, 1, false},
		{"Threshold", &o.Threshold, 0.5, 1, true},
		{"MaxQuasiP", &o.MaxQuasiP, 0.05, 1, true},
	} {
		switch v := *f.v; {
		case v == 0:
			*f.v = f.def
		case !(v > 0 && (v < f.upper || f.upperOK && v == f.upper)):
			bound := fmt.Sprintf("(0, %v)", f.upper)
			if f.upperOK {
				bound = fmt.Sprintf("(0, %v]", f.upper)
			}
			return o, fmt.Errorf("prim: option %s = %v: want 0 (the default, %v) or a value in %s", f.name, v, f.def, bound)
		}
	}
	return o, nil
}

// Restriction says which limits of one dimension a box has moved in from
// the initial box, for describing the box in words.
type Restriction uint8

const (
	Unrestricted Restriction = iota // both limits are the initial box's
	AtLeast                         // only the lower limit moved: x ≥ Low
	AtMost                          // only the upper limit moved: x ≤ High
	Between                         // both moved: Low ≤ x ≤ High
)

func (r Restriction) String() string {
	switch r {
	case Unrestricted:
		return "unrestricted"
	case AtLeast:
		return "at least"
	case AtMost:
		return "at most"
	case Between:
		return "between"
	}
	return fmt.Sprintf("Restriction(%d)", uint8(r))
}

// Box is one box and its measures (see the package documentation).
type Box struct {
	Low, High []float64 // limits, one per dimension; a point is in the box when Low ≤ x ≤ High on every dimension
	Points    int       // points in the box
	Cases     int       // cases of interest in the box
	Coverage  float64   // Cases / all cases
	Density   float64   // Cases / Points
	Mass      float64   // Points / all points

	// Restricted says, per dimension, which limits differ from the initial
	// box's; a dimension is restricted when it is not Unrestricted.
	Restricted []Restriction
	// QuasiP is, per dimension, the quasi-p-value of its restriction
	// removed whole; NaN where the dimension is unrestricted.
	QuasiP []float64
	// LimitQuasiP is, per dimension, the quasi-p-values of its lower and
	// upper limit, each relaxed alone to the initial box's; NaN for a limit
	// that has not moved.
	LimitQuasiP [][2]float64
}

// Dims lists the restricted dimensions, in order.
func (b Box) Dims() []int {
	var d []int
	for j, r := range b.Restricted {
		if r != Unrestricted {
			d = append(d, j)
		}
	}
	return d
}

// Result is what [Find] found.
type Result struct {
	// Cases is the number of cases of interest among all points.
	Cases int
	// Trajectory holds the boxes peeling visited, the initial box first.
	Trajectory []Box
	// Chosen is the index in Trajectory of the densest box whose coverage
	// reaches the threshold (the first of equally dense ones), or −1 when
	// there are no cases at all.
	Chosen int
	// Box is Trajectory[Chosen] after pruning and pasting: the box to
	// report. It is the zero Box when Chosen is −1.
	Box Box
}

// Find runs PRIM on points x (x[i][j] is point i's value of parameter j),
// the outcome y (y[i] true where point i is a case of interest) and the
// initial box (one Range per parameter, every point inside it).
//
// It returns an error for no points, no parameters, lengths that do not
// match, a value that is NaN or infinite, a range with Low > High or not
// finite, a point outside the initial box, or an option out of range. When
// no point is a case, the result holds only the initial box, with Coverage
// NaN, and Chosen is −1.
func Find(x [][]float64, y []bool, initial []Range, opts Options) (Result, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return Result{}, err
	}
	if err := validate(x, y, initial); err != nil {
		return Result{}, err
	}
	s := newState(x, y, initial, o)
	res := Result{Cases: s.cases, Chosen: -1}
	res.Trajectory = s.peel()
	if s.cases == 0 {
		return res, nil
	}
	res.Chosen = choose(res.Trajectory, o.Threshold)
	c := res.Trajectory[res.Chosen]
	res.Box = s.refine(slices.Clone(c.Low), slices.Clone(c.High))
	return res, nil
}

func validate(x [][]float64, y []bool, initial []Range) error {
	if len(x) == 0 {
		return fmt.Errorf("prim: no points")
	}
	if len(y) != len(x) {
		return fmt.Errorf("prim: %d points but %d outcomes", len(x), len(y))
	}
	k := len(initial)
	if k == 0 {
		return fmt.Errorf("prim: no parameters: the initial box has no ranges")
	}
	for j, r := range initial {
		if !finite(r.Low) || !finite(r.High) || r.Low > r.High {
			return fmt.Errorf("prim: initial range of parameter %d is [%v, %v]", j, r.Low, r.High)
		}
	}
	for i, p := range x {
		if len(p) != k {
			return fmt.Errorf("prim: point %d has %d values for %d parameters", i, len(p), k)
		}
		for j, v := range p {
			if !finite(v) {
				return fmt.Errorf("prim: point %d, parameter %d is %v", i, j, v)
			}
			if v < initial[j].Low || v > initial[j].High {
				return fmt.Errorf("prim: point %d, parameter %d = %v lies outside the initial range [%v, %v]", i, j, v, initial[j].Low, initial[j].High)
			}
		}
	}
	return nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// choose returns the index of the densest box with coverage ≥ threshold,
// the first of equally dense ones. The initial box has coverage 1, so
// there is always one.
func choose(traj []Box, threshold float64) int {
	best := 0
	for i, b := range traj {
		if b.Coverage >= threshold && denser(b.Cases, b.Points, traj[best].Cases, traj[best].Points) {
			best = i
		}
	}
	return best
}

// denser reports whether c1/n1 > c2/n2, exactly, for positive n1, n2.
func denser(c1, n1, c2, n2 int) bool { return c1*n2 > c2*n1 }
