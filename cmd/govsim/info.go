package main

import (
	"context"
	"fmt"

	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim"
)

func cmdScenarios(_ context.Context, e env, args []string) error {
	fs := newFlags("scenarios")
	pos, err := parse(fs, e, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("scenarios takes no arguments")
	}
	return scenarios.WriteList(e.stdout)
}

func cmdShow(_ context.Context, e env, args []string) error {
	fs := newFlags("show")
	pos, err := parse(fs, e, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("show takes one scenario name or file (see govsim show -h)")
	}
	sc, err := scenarios.Load(pos[0])
	if err != nil {
		return err
	}
	_, err = e.stdout.Write(scenarios.Format(sc.Config))
	return err
}

func cmdParams(_ context.Context, e env, args []string) error {
	fs := newFlags("params")
	md := fs.Bool("markdown", false, "print a Markdown table (as in docs/ODD.md)")
	pos, err := parse(fs, e, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("params takes no arguments")
	}
	if *md {
		_, err := e.stdout.Write([]byte(sim.ParamTable()))
		return err
	}
	_, err = e.stdout.Write([]byte(sim.ParamText()))
	return err
}

func cmdValidate(_ context.Context, e env, args []string) error {
	fs := newFlags("validate")
	pos, err := parse(fs, e, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("validate needs at least one scenario file or name (see govsim validate -h)")
	}
	// Every file is checked, and every problem of a file listed (up to
	// scenarios.MaxProblems), so that one pass finds them all.
	checked, err := scenarios.Check(pos)
	if err != nil {
		return err
	}
	bad, total := 0, 0
	for _, c := range checked {
		if c.Problems == nil {
			sc := c.Scenario
			fmt.Fprintf(e.stdout, "ok  %s (%s, %d villages, %d months, %d reforms)\n", c.Arg, sc.Name, sc.Config.District.Villages, sc.Config.Months, len(sc.Config.Reforms))
			for _, w := range sc.Warnings() {
				fmt.Fprintf(e.stderr, "govsim validate: warning: %s\n", w)
			}
			continue
		}
		if len(pos) == 1 && len(c.Problems) == 1 {
			return c.Problems[0] // one problem reads as any command says it
		}
		bad, total = bad+1, total+len(c.Problems)+c.Omitted
		for _, p := range c.Problems {
			fmt.Fprintln(e.stderr, p)
		}
		if c.Omitted > 0 {
			fmt.Fprintf(e.stderr, "%s: and %d more problems not listed\n", c.Arg, c.Omitted)
		}
	}
	switch {
	case bad > 0 && len(pos) == 1:
		return usagef("%s in %s", plural(total, "problem"), pos[0])
	case bad > 0:
		return usagef("%s in %d of the %s", plural(total, "problem"), bad, plural(len(pos), "file"))
	}
	return nil
}
