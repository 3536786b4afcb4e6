package main

// Help texts. Every example in them is run by TestHelpExamples, so they
// cannot rot.

const topHelp = `govsim simulates governance reform in an urbanising district: villagers,
migrants, village committees and collective cooperatives under 村改居
(village-to-community conversion), 政经分离 (committee separated from the
collective economy) and 政社分离 (administration separated from services).

Usage:
  govsim <command> [flags] [arguments]

Commands:
  run        simulate scenarios over replicates and write tidy CSV
  scenarios  list the embedded scenarios
  show       print the fully resolved TOML of a scenario, ready to edit
  params     print the parameter table (key, default, unit, allowed range)
  validate   check scenario files without running them
  version    print the version
  help       explain a command: govsim help run

Examples:
  govsim run                              # the five teaching scenarios, 10 replicates each
  govsim run -replicates 3 baseline zhengjing
  govsim show nanhai > my.toml            # then edit my.toml and
  govsim run my.toml

Exit status: 0 done, 1 failure, 2 bad input (nothing written), 130 interrupted
(finished runs kept).
`

const runHelp = `Usage: govsim run [flags] [SCENARIO|FILE ...]

Simulates each scenario (embedded name or TOML file; default: baseline,
cungaiju, zhengjing, zhengshe, nanhai) over replicates, villages stepped in
parallel, and writes to the output directory:
  monthly.csv   scenario,replicate,seed,month,metric,value   (district level)
  villages.csv  scenario,replicate,seed,month,village,metric,value
                (yearly means per village; monthly with -village-detail)
  manifest.json version, command, seed, resolved scenarios, times, runs
Files are written under temporary names and renamed when complete. The same
seed gives byte-identical CSV for any -workers. Prints the final-year means.

Flags:
  -replicates N     replicates per scenario (default 10)
  -seed N           master seed (default 1)
  -workers N        goroutines; 0 uses all cores (default 0)
  -months N         months to simulate instead of the scenario's (1-1200)
  -out DIR          output directory (default govsim-out)
  -village-detail   monthly per-village rows instead of yearly means
  -progress         show progress even when stderr is not a terminal

Examples:
  govsim run
  govsim run -replicates 2 -months 60 -out out-small baseline zhengjing
  govsim run -replicates 1 nanhai-full
`

const scenariosHelp = `Usage: govsim scenarios

Lists the embedded scenarios with one line each; those marked * run by
default.

Example:
  govsim scenarios
`

const showHelp = `Usage: govsim show NAME|FILE

Prints the fully resolved TOML of a scenario — every parameter with its
unit, allowed range and meaning — ready to copy, edit and run.

Examples:
  govsim show baseline
  govsim show nanhai > my.toml
`

const paramsHelp = `Usage: govsim params [-markdown]

Prints every parameter: TOML key, default, unit, allowed range and meaning.
With -markdown, prints the table that docs/ODD.md carries.

Examples:
  govsim params
  govsim params -markdown
`

const validateHelp = `Usage: govsim validate FILE|NAME ...

Checks scenario files without running them: unknown keys, wrong types,
values out of range, unknown scenario names and cycles in extends are
reported with file, line and key, and exit status 2.

Example:
  govsim validate my.toml
`

func helps() map[string]string {
	return map[string]string{
		"run":       runHelp,
		"scenarios": scenariosHelp,
		"show":      showHelp,
		"params":    paramsHelp,
		"validate":  validateHelp,
		"version":   "Usage: govsim version\n\nPrints the version.\n",
		"help":      topHelp,
	}
}
