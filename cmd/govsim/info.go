package main

import (
	"context"

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
	return scenarios.Validate(e.stdout, e.stderr, pos)
}
