// Command govsim simulates governance reform in a district that urbanises:
// villagers, migrants, village committees and collective cooperatives under
// 村改居, 政经分离 and 政社分离, and compares what each reform does.
//
// Each command is a file of flags and calls into the packages that do the
// work (scenarios, sim/experiment, sim/table, output/report). Run `govsim
// help` for the commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/version"
)

// Exit statuses.
const (
	exitOK          = 0
	exitFailure     = 1
	exitBadInput    = 2
	exitInterrupted = 130
)

// usageError is bad input on the command line: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

// badInput marks an error as bad input (exit status 2) without changing its
// message.
type badInput struct{ error }

func (badInput) BadInput() bool  { return true }
func (b badInput) Unwrap() error { return b.error }

// interrupted reports a clean stop after Ctrl-C, with what was kept.
type interrupted struct{ msg string }

func (e *interrupted) Error() string { return e.msg }

// env is what a command needs from the process, so tests can run commands
// in-process with their own streams.
type env struct {
	stdout, stderr io.Writer
	args           []string     // "govsim" and the arguments, for manifests and messages
	terminal       bool         // stderr is a terminal: show progress
	build          version.Info // this binary, for manifests and reports
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The command is recorded as "govsim …" whatever the binary's path (under
	// go run it is a temporary file), so that a manifest's command can be
	// pasted.
	e := env{stdout: os.Stdout, stderr: os.Stderr, args: append([]string{"govsim"}, os.Args[1:]...),
		terminal: isTerminal(os.Stderr), build: version.Read()}
	os.Exit(run(ctx, e, os.Args[1:]))
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// commands maps subcommand names to their functions.
func commands() map[string]func(context.Context, env, []string) error {
	return map[string]func(context.Context, env, []string) error{
		"run":       cmdRun,
		"compare":   cmdCompare,
		"report":    cmdReport,
		"analyze":   cmdAnalyze,
		"sweep":     cmdSweep,
		"merge":     cmdMerge,
		"rerun":     cmdRerun,
		"scenarios": cmdScenarios,
		"show":      cmdShow,
		"params":    cmdParams,
		"validate":  cmdValidate,
		"version":   cmdVersion,
		"help":      cmdHelp,
	}
}

// run dispatches a command line and maps its error to an exit status.
func run(ctx context.Context, e env, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, helpText("govsim"))
		return exitBadInput
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help":
		name = "help"
	case "-version", "--version":
		name = "version"
	}
	f, ok := commands()[name]
	if !ok {
		fmt.Fprintf(e.stderr, "govsim: unknown command %q; commands: %s (see govsim help)\n", args[0], commandList)
		return exitBadInput
	}
	err := f(ctx, e, args[1:])
	var ie *interrupted
	var bad interface{ BadInput() bool }
	var ue *usageError
	var se *scenarios.InputError
	switch {
	case err == nil, errors.Is(err, errHelp):
		return exitOK
	case errors.As(err, &ie):
		fmt.Fprintf(e.stderr, "govsim %s: %v\n", name, err)
		return exitInterrupted
	case errors.As(err, &ue), errors.As(err, &se), errors.As(err, &bad):
		fmt.Fprintf(e.stderr, "govsim %s: %v\n", name, err)
		return exitBadInput
	default:
		fmt.Fprintf(e.stderr, "govsim %s: %v\n", name, err)
		return exitFailure
	}
}

func cmdVersion(_ context.Context, e env, args []string) error {
	if len(args) > 0 {
		return usagef("version takes no arguments")
	}
	fmt.Fprint(e.stdout, e.build.Long())
	return nil
}
