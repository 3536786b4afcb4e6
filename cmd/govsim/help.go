package main

import (
	"context"
	"embed"
	"fmt"

	"github.com/govsim/govsim/sim"
)

// The help texts are files under help/, one per command (govsim.txt is the
// top page). Every example in them is run by TestHelpExamples, so they
// cannot rot.
//
//go:embed help/*.txt
var helpFiles embed.FS

// helpText is the help of a command ("govsim" for the top page).
func helpText(name string) string {
	b, err := helpFiles.ReadFile("help/" + name + ".txt")
	if err != nil {
		panic("govsim: no help for " + name) // every command has a file; tests check it
	}
	return string(b)
}

// helps maps every command, and "help", to its help text.
func helps() map[string]string {
	out := map[string]string{}
	for name := range commands() {
		if name == "help" {
			out[name] = helpText("govsim")
			continue
		}
		out[name] = helpText(name)
	}
	return out
}

func cmdHelp(_ context.Context, e env, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(e.stdout, helpText("govsim"))
		return nil
	}
	if len(args) > 1 {
		return usagef("help takes one command name")
	}
	if args[0] == "metrics" {
		fmt.Fprint(e.stdout, sim.MetricText())
		return nil
	}
	h, ok := helps()[args[0]]
	if !ok {
		return usagef("no help for %q; commands: %s; or metrics", args[0], commandList)
	}
	fmt.Fprint(e.stdout, h)
	return nil
}
