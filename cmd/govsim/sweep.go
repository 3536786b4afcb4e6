package main

import "context"

// Placeholder until the sweep commands land (issue 3).

const sweepHelp = "Usage: govsim sweep SWEEP.toml [flags]\n\nNot built yet.\n"
const mergeHelp = "Usage: govsim merge DIR...\n\nNot built yet.\n"
const rerunHelp = "Usage: govsim rerun MANIFEST\n\nNot built yet.\n"

func cmdSweep(context.Context, env, []string) error { return usagef("sweep is not built yet") }
func cmdMerge(context.Context, env, []string) error { return usagef("merge is not built yet") }
func cmdRerun(context.Context, env, []string) error { return usagef("rerun is not built yet") }
