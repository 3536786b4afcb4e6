package scenarios

import (
	"errors"
	"fmt"
)

// A scenario file with several problems fails on the first, in line order
// (fixing top to bottom works), and carries the others, so that govsim
// validate can list them all at once.

// MaxProblems is the most problems of one file that All returns.
const MaxProblems = 20

// Problems is a file's problems, in line order; it reads as the first (an
// *InputError, which errors.As finds) and says how many more there are.
type Problems struct {
	List []*InputError // at least two
}

func (p *Problems) Error() string {
	n := len(p.List) - 1
	them := "them"
	if n == 1 {
		them = "it"
	}
	return fmt.Sprintf("%v (and %d more in the file: govsim validate lists %s)", p.List[0], n, them)
}

// Unwrap gives the first problem.
func (p *Problems) Unwrap() error { return p.List[0] }

// problems returns the one problem, or all of them.
func problems(errs []*InputError) error {
	if len(errs) == 1 {
		return errs[0]
	}
	return &Problems{List: errs}
}

// All returns the problems err reports, in line order, at most
// MaxProblems, and how many were left out: every problem of a file for
// *Problems, the one for an *InputError, nil for other errors.
func All(err error) (list []*InputError, omitted int) {
	var ps *Problems
	var ie *InputError
	switch {
	case errors.As(err, &ps):
		list = ps.List
	case errors.As(err, &ie):
		list = []*InputError{ie}
	}
	if len(list) > MaxProblems {
		return list[:MaxProblems], len(list) - MaxProblems
	}
	return list, 0
}

// Checked is the outcome of checking one scenario name or file.
type Checked struct {
	Arg      string
	Scenario Scenario      // when it loaded
	Problems []*InputError // when it did not: every problem, in line order
	Omitted  int           // problems beyond MaxProblems, not listed
}

// Check loads each scenario as Load does, keeping every problem of every
// file rather than stopping at the first; the error is for failures that
// are not bad input.
func Check(args []string) ([]Checked, error) {
	var out []Checked
	for _, a := range args {
		sc, err := Load(a)
		c := Checked{Arg: a, Scenario: sc}
		if err != nil {
			if c.Problems, c.Omitted = All(err); c.Problems == nil {
				return out, err
			}
		}
		out = append(out, c)
	}
	return out, nil
}
