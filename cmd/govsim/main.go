// Command govsim simulates governance reform in a district that urbanises:
// villagers, migrants, village committees and collective cooperatives under
// 村改居, 政经分离 and 政社分离, and compares what each reform does.
//
// Each command is a file of flags and calls into the packages that do the
// work (scenarios, sim/experiment, sim/table, sim/outdir, output/report).
// Run `govsim help` for the commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/govsim/govsim/cmd/internal/proc"
	"github.com/govsim/govsim/sim/badinput"
	"github.com/govsim/govsim/sim/version"
)

// usagef is bad input on the command line: exit status 2.
func usagef(format string, a ...any) error { return badinput.Errorf(format, a...) }

// env is what a command needs from the process, so tests can run commands
// in-process with their own streams.
type env struct {
	stdout, stderr io.Writer
	args           []string     // "govsim" and the arguments, for manifests and messages
	terminal       bool         // stderr is a terminal: show progress
	build          version.Info // this binary, for manifests and reports
}

// grace is how long a command may take to stop cleanly after SIGINT or
// SIGTERM (keeping finished runs) before govsim exits anyway: a phase
// that does not watch for the signal (an analysis, say) must not keep it
// alive (proc.Signals). The supervising parent stops the child at
// stopLimit whatever it does, so the exit comes within the 5 s the README
// promises, with a margin for a machine under load.
const (
	grace     = 3 * time.Second
	stopLimit = 4 * time.Second
)

func main() {
	// The command runs in a supervised child, so that a fatal error of the
	// Go runtime (its exit status is 2) is reported as a failure, never as
	// bad input.
	if code, ok := proc.Supervise(os.Stderr, stopLimit); ok {
		os.Exit(code)
	}
	ctx := proc.Signals(grace, os.Stderr)
	// The command is recorded as "govsim …" whatever the binary's path (under
	// go run it is a temporary file), so that a manifest's command can be
	// pasted.
	e := env{stdout: os.Stdout, stderr: os.Stderr, args: append([]string{"govsim"}, os.Args[1:]...),
		terminal: isTerminal(os.Stderr), build: version.Read()}
	os.Exit(proc.ExitCode(run(ctx, e, os.Args[1:])))
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
		"explore":   cmdExplore,
		"calibrate": cmdCalibrate,
		"optimise":  cmdOptimise,
		"merge":     cmdMerge,
		"rerun":     cmdRerun,
		"scenarios": cmdScenarios,
		"show":      cmdShow,
		"params":    cmdParams,
		"validate":  cmdValidate,
		"serve":     cmdServe,
		"version":   cmdVersion,
		"help":      cmdHelp,
	}
}

// run dispatches a command line and maps its error to an exit status.
func run(ctx context.Context, e env, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, helpText("govsim"))
		return proc.BadInput
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
		return proc.BadInput
	}
	err := proc.Call(func() error { return f(ctx, e, args[1:]) })
	if errors.Is(err, errHelp) {
		return proc.OK
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "govsim %s: %v\n", name, err)
	}
	return proc.Status(err)
}

func cmdVersion(_ context.Context, e env, args []string) error {
	if len(args) > 0 {
		return usagef("version takes no arguments")
	}
	fmt.Fprint(e.stdout, e.build.Long())
	return nil
}
