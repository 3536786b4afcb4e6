package pareto

import (
	"errors"
	"fmt"
	"math"
)

// Kind is the type of a decision variable, which decides how it is sampled,
// crossed and mutated.
type Kind int

const (
	// KindReal is a bounded real number in [Lo, Hi].
	KindReal Kind = iota
	// KindInt is an integer in [Lo, Hi], both ends included.
	KindInt
	// KindChoice is one of Choices unordered options, coded 0, 1, ...,
	// Choices−1. A boolean is a choice of two (see [Bool]).
	KindChoice
)

// String names the kind as errors and documentation do.
func (k Kind) String() string {
	switch k {
	case KindReal:
		return "real"
	case KindInt:
		return "int"
	case KindChoice:
		return "choice"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Var declares one decision variable. Every candidate is a []float64 with
// one entry per Var, in the order of the slice of Vars: a real value, an
// integer-valued float, or a choice index (0 for false and 1 for true when
// the Var was made by [Bool]).
type Var struct {
	Name    string
	Kind    Kind
	Lo, Hi  float64 // bounds of KindReal and KindInt, both included
	Choices int     // number of options of KindChoice
}

// Real declares a real variable in [lo, hi].
func Real(name string, lo, hi float64) Var { return Var{Name: name, Kind: KindReal, Lo: lo, Hi: hi} }

// Int declares an integer variable in [lo, hi].
func Int(name string, lo, hi int) Var {
	return Var{Name: name, Kind: KindInt, Lo: float64(lo), Hi: float64(hi)}
}

// Choice declares a categorical variable with n unordered options, coded
// 0 to n−1.
func Choice(name string, n int) Var { return Var{Name: name, Kind: KindChoice, Choices: n} }

// Bool declares an on/off variable: a choice of two, 0 for off and 1 for on.
func Bool(name string) Var { return Choice(name, 2) }

// span returns the range the variable's value lies in: its bounds, or
// [0, Choices−1] for a choice.
func (v Var) span() (lo, hi float64) {
	if v.Kind == KindChoice {
		return 0, float64(v.Choices - 1)
	}
	return v.Lo, v.Hi
}

// check reports why a Var cannot be searched, if it cannot.
func (v Var) check() error {
	switch v.Kind {
	case KindReal:
		if math.IsNaN(v.Lo) || math.IsInf(v.Lo, 0) || math.IsNaN(v.Hi) || math.IsInf(v.Hi, 0) || v.Lo > v.Hi {
			return fmt.Errorf("real bounds [%g, %g] must be finite with lo <= hi", v.Lo, v.Hi)
		}
	case KindInt:
		if v.Lo != math.Trunc(v.Lo) || v.Hi != math.Trunc(v.Hi) || v.Lo > v.Hi || math.Abs(v.Lo) > 1<<52 || math.Abs(v.Hi) > 1<<52 {
			return fmt.Errorf("int bounds [%g, %g] must be integers with lo <= hi and |bound| <= 2^52", v.Lo, v.Hi)
		}
	case KindChoice:
		if v.Choices < 1 {
			return fmt.Errorf("choice of %d options; need at least 1", v.Choices)
		}
	default:
		return fmt.Errorf("unknown kind %v", v.Kind)
	}
	return nil
}

// checkVars checks every variable; there must be at least one.
func checkVars(vars []Var) error {
	if len(vars) == 0 {
		return errors.New("no decision variables")
	}
	for i, v := range vars {
		if err := v.check(); err != nil {
			return fmt.Errorf("variable %d (%s): %w", i, v.Name, err)
		}
	}
	return nil
}

// checkX reports why x is not a candidate of vars, if it is not: a wrong
// length, a value out of bounds, or a non-integer integer or choice.
func checkX(vars []Var, x []float64) error {
	if len(x) != len(vars) {
		return fmt.Errorf("%d values for %d variables", len(x), len(vars))
	}
	for i, v := range vars {
		lo, hi := v.span()
		if !(x[i] >= lo && x[i] <= hi) { // also catches NaN
			return fmt.Errorf("variable %d (%s) = %g outside [%g, %g]", i, v.Name, x[i], lo, hi)
		}
		if v.Kind != KindReal && x[i] != math.Trunc(x[i]) {
			return fmt.Errorf("variable %d (%s) = %g is not a whole number", i, v.Name, x[i])
		}
	}
	return nil
}
