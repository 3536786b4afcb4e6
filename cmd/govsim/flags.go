package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/govsim/govsim/cmd/internal/intflag"
	"github.com/govsim/govsim/sim/table"
)

// errHelp means -h was asked for and the help was printed.
var errHelp = errors.New("help shown")

const commandList = "compare, run, report, sweep, explore, calibrate, optimise, merge, rerun, analyze, serve, scenarios, show, params, validate, version, help"

// newFlags makes a command's flag set: its errors come back as one-line
// usage errors instead of the flag package's usage dump.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parse parses flags and positional arguments in any order, so
// `govsim run baseline -replicates 3` works like the reverse; -h prints the
// command's help.
func parse(fs *flag.FlagSet, e env, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(e.stdout, helpText(fs.Name()))
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

// shared are the flags several commands take, registered in one place.
// Each command says which it takes and with what defaults; set records the
// flags given on the command line, since some only override a file.
type shared struct {
	replicates, workers, months int
	window                      int
	hasWindow                   bool     // -window is the shared one (sweep has its own)
	overrides                   []string // -set KEY=VALUE, in order
	seed                        uint64
	out, format, font           string
	progress, force             bool
	set                         map[string]bool
}

// register adds the named shared flags to fs, with the defaults in def.
func (s *shared) register(fs *flag.FlagSet, def shared, names ...string) {
	*s = def
	for _, n := range names {
		switch n {
		case "replicates":
			intflag.Var(fs, &s.replicates, n, def.replicates, "replicates per scenario")
		case "workers":
			intflag.Var(fs, &s.workers, n, def.workers, "goroutines (0: all cores)")
		case "months":
			intflag.Var(fs, &s.months, n, def.months, "months to simulate (0: the scenario's)")
		case "seed":
			intflag.Uint64Var(fs, &s.seed, n, def.seed, "master seed")
		case "out":
			fs.StringVar(&s.out, n, def.out, "output directory")
		case "window":
			intflag.Var(fs, &s.window, n, def.window, "months at the end summarised")
			s.hasWindow = true
		case "format":
			s.format = cmp.Or(def.format, table.FormatCSV)
			fs.StringVar(&s.format, n, s.format, "csv or parquet")
		case "font":
			fs.StringVar(&s.font, n, "", "font file for the charts (default: a Chinese font found by fontconfig; none: pinyin and English)")
		case "set":
			fs.Func(n, "KEY=VALUE: a parameter's value in every scenario (repeatable)", func(v string) error {
				s.overrides = append(s.overrides, v)
				return nil
			})
		case "progress":
			fs.BoolVar(&s.progress, n, def.progress, "show progress even when stderr is not a terminal")
		case "force":
			fs.BoolVar(&s.force, n, false, "replace the whole output directory if govsim made it")
		default:
			panic("govsim: no shared flag " + n)
		}
	}
}

// check validates the shared flags after parsing, and notes which were set.
func (s *shared) check(fs *flag.FlagSet) error {
	s.set = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { s.set[f.Name] = true })
	// -months 0 means each scenario's own length; -replicates 0 (sweep's
	// default, not given) means the sweep file's.
	for _, c := range []struct {
		name      string
		on        bool
		v, lo, hi int
	}{
		{"replicates", fs.Lookup("replicates") != nil && (s.replicates != 0 || s.set["replicates"]), s.replicates, 1, 100000},
		{"workers", fs.Lookup("workers") != nil, s.workers, 0, 4096},
		{"months", fs.Lookup("months") != nil && s.months != 0, s.months, 1, 1200},
		{"window", s.hasWindow, s.window, 1, 1200},
	} {
		if err := intRange(c.name, c.v, c.lo, c.hi); c.on && err != nil {
			return err
		}
	}
	if fs.Lookup("format") != nil {
		if err := checkFormat(s.format); err != nil {
			return err
		}
	}
	if fs.Lookup("out") != nil && strings.TrimSpace(s.out) == "" {
		return usagef("-out must name a directory")
	}
	return nil
}

func checkFormat(format string) error {
	if !slices.Contains(table.Formats(), format) {
		return usagef("-format %q is not allowed: allowed %s", format, strings.Join(table.Formats(), " | "))
	}
	return nil
}

// intRange checks a numeric flag.
func intRange(name string, v, lo, hi int) error {
	if v < lo || v > hi {
		return usagef("-%s = %d is out of range: allowed %d to %d", name, v, lo, hi)
	}
	return nil
}
