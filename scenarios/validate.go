package scenarios

import (
	"fmt"
	"io"
)

// Validate checks scenario files and names as govsim validate does: "ok"
// and each scenario's warnings for the good ones, every problem of the bad
// ones (up to MaxProblems a file, in line order) on stderr, and an error
// counting them.
func Validate(stdout, stderr io.Writer, args []string) error {
	// Every file is checked, and every problem of a file listed (up to
	// MaxProblems), so that one pass finds them all.
	checked, err := Check(args)
	if err != nil {
		return err
	}
	bad, total := 0, 0
	for _, c := range checked {
		if c.Problems == nil {
			sc := c.Scenario
			fmt.Fprintf(stdout, "ok  %s (%s, %d villages, %d months, %d reforms)\n", c.Arg, sc.Name, sc.Config.District.Villages, sc.Config.Months, len(sc.Config.Reforms))
			for _, w := range sc.Warnings() {
				fmt.Fprintf(stderr, "govsim validate: warning: %s\n", w)
			}
			continue
		}
		if len(args) == 1 && len(c.Problems) == 1 {
			return c.Problems[0] // one problem reads as any command says it
		}
		bad, total = bad+1, total+len(c.Problems)+c.Omitted
		for _, p := range c.Problems {
			fmt.Fprintln(stderr, p)
		}
		if c.Omitted > 0 {
			fmt.Fprintf(stderr, "%s: and %d more problems not listed\n", c.Arg, c.Omitted)
		}
	}
	switch {
	case bad > 0 && len(args) == 1:
		return &InputError{Msg: fmt.Sprintf("%s in %s", plural(total, "problem"), args[0])}
	case bad > 0:
		return &InputError{Msg: fmt.Sprintf("%s in %d of the %s", plural(total, "problem"), bad, plural(len(args), "file"))}
	}
	return nil
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
