package scenarios

import (
	"fmt"

	"github.com/govsim/govsim/sim/experiment"
	"github.com/govsim/govsim/sim/table"
)

// nameAllowed says what a scenario name may hold, for messages.
const nameAllowed = "letters (Chinese too), digits, - _ and ., 1 to 100 characters"

// badName says what is wrong with a scenario name, or "" if nothing is:
// the rule is sim/table's, which checks the names of a manifest read back
// by the same one.
func badName(name string) string { return table.NameProblem(name) }

// checkName refuses a resolved scenario's name that would not fit every
// format; file and line are where the name was set (line 0: it came from
// the file's name).
func checkName(name, file string, line int) error {
	what := badName(name)
	if what == "" {
		return nil
	}
	msg := fmt.Sprintf("scenario name %q: %s; allowed %s", name, what, nameAllowed)
	if line == 0 {
		msg = fmt.Sprintf("the file's name gives the scenario the name %q: %s; set name = \"...\" with %s", name, what, nameAllowed)
	}
	return &InputError{File: file, Line: line, Key: "name", Msg: msg}
}

// Warnings lists what in a loaded scenario is allowed but probably not
// meant or not possible here: a reform that starts after the run's last
// month never applies; a run beyond this machine's memory is refused.
func (s *Scenario) Warnings() []string {
	var out []string
	if err := CheckMemory([]Scenario{*s}, 1, 1, experiment.Rows{}, 0); err != nil {
		out = append(out, fmt.Sprintf("%s: %v", s.Source, err))
	}
	for i, r := range s.Config.Reforms {
		if r.Start >= s.Config.Months {
			out = append(out, fmt.Sprintf("%s: reforms[%d].start: %s starts at month %d, after the last month (%d) of the %d-month run: it never applies",
				s.Source, i, r.Kind, r.Start, s.Config.Months-1, s.Config.Months))
		}
	}
	return out
}
