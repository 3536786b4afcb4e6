package main

import (
	"github.com/govsim/govsim/cmd/internal/drive"
	"github.com/govsim/govsim/sim/outdir"
	"github.com/govsim/govsim/sim/table"
)

// want is what run and compare write: the kind and everything that
// decides the result, so that the same command again replaces its own
// output and nothing else.
func (f *shared) want(e env, kind string, scs []table.ManifestScenario, settings ...any) outdir.Want {
	return outdir.Want{Kind: kind, Settings: outdir.Settings(kind, scs, f.seed, settings), Version: e.build.Version, Force: f.force}
}

// drive is the process as the drivers see it.
func (e env) drive() drive.Env {
	return drive.Env{Stdout: e.stdout, Stderr: e.stderr, Args: e.args, Terminal: e.terminal, Build: e.build}
}
