package main

import (
	"context"
	"fmt"
	"text/tabwriter"

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
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	teaching := map[string]bool{}
	for _, n := range scenarios.Teaching() {
		teaching[n] = true
	}
	for _, n := range scenarios.Embedded() {
		d, err := scenarios.Describe(n)
		if err != nil {
			return err
		}
		mark := " "
		if teaching[n] {
			mark = "*"
		}
		fmt.Fprintf(tw, "%s %s\t%s\n", mark, n, d)
	}
	tw.Flush()
	fmt.Fprintln(e.stdout, "(* run by default; govsim show NAME prints one in full)")
	return nil
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
	bad, total := 0, 0
	for _, a := range pos {
		sc, err := scenarios.Load(a)
		list, omitted := scenarios.All(err)
		switch {
		case err == nil:
			fmt.Fprintf(e.stdout, "ok  %s (%s, %d villages, %d months, %d reforms)\n", a, sc.Name, sc.Config.District.Villages, sc.Config.Months, len(sc.Config.Reforms))
			continue
		case list == nil:
			return err
		}
		bad++
		total += len(list) + omitted
		if len(pos) == 1 && len(list) == 1 {
			return err // one problem reads as any command says it
		}
		for _, p := range list {
			fmt.Fprintln(e.stderr, p)
		}
		if omitted > 0 {
			fmt.Fprintf(e.stderr, "%s: and %d more problems not listed\n", a, omitted)
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
