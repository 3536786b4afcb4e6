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
	for _, a := range pos {
		sc, err := scenarios.Load(a)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "ok  %s (%s, %d villages, %d months, %d reforms)\n", a, sc.Name, sc.Config.District.Villages, sc.Config.Months, len(sc.Config.Reforms))
		for _, w := range sc.Warnings() {
			fmt.Fprintf(e.stderr, "govsim validate: warning: %s\n", w)
		}
	}
	return nil
}
