package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/govsim/govsim/scenarios"
)

// errHelp means -h was asked for and the help was printed.
var errHelp = errors.New("help shown")

// newFlags makes a flag set whose errors come back as one-line usage errors
// instead of the flag package's usage dump.
func newFlags(name, help string, e env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	_ = help
	return fs
}

// parse parses flags and positional arguments in any order, so
// `govsim run baseline -replicates 3` works like the reverse.
func parse(fs *flag.FlagSet, help string, e env, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(e.stdout, help)
				return nil, errHelp
			}
			return nil, usagef("%v (see govsim %s -h)", err, fs.Name())
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// isInputError reports bad input from a scenario or data file.
func isInputError(err error) bool {
	var ie *scenarios.InputError
	return errors.As(err, &ie)
}

// intRange checks a numeric flag.
func intRange(name string, v, lo, hi int) error {
	if v < lo || v > hi {
		return usagef("-%s = %d is out of range: allowed %d to %d", name, v, lo, hi)
	}
	return nil
}

const commandList = "compare, run, report, sweep, merge, rerun, analyze, serve, scenarios, show, params, validate, version, help"

func indent(s, pre string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i := range lines {
		lines[i] = pre + lines[i]
	}
	return strings.Join(lines, "\n") + "\n"
}
