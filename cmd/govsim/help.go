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
  compare    run scenarios and compare them: ranked table, report.html, summary.csv
  run        simulate scenarios over replicates and write tidy CSV
  report     rebuild report.html, summary.csv and charts from saved output
  sweep      run a designed experiment (grid, lhs, morris, saltelli, csv), resumable, shardable
  merge      join the outputs of sweep shards
  rerun      reproduce a run, compare or sweep from its manifest
  analyze    Morris and Sobol sensitivity indices from a sweep
  serve      the classroom: a live page with two districts side by side
  scenarios  list the embedded scenarios
  show       print the fully resolved TOML of a scenario, ready to edit
  params     print the parameter table (key, default, unit, allowed range)
  validate   check scenario files without running them
  version    print the version
  help       explain a command: govsim help run

Examples:
  govsim compare                          # the five teaching scenarios compared, with a report
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

const compareHelp = `Usage: govsim compare [flags] [SCENARIO|FILE ...]

Runs the scenarios (default: baseline, cungaiju, zhengjing, zhengshe,
nanhai) like govsim run, then compares each with the reference over the
final years and writes, beside monthly.csv and villages.csv:
  report.html   self-contained: the question, the scenarios and their
                settings, the ranked table, charts, pattern checks P0–P7,
                and the command and manifest to reproduce it
  summary.csv   scenario,metric,n,mean,sd,ci_low,ci_high,diff,diff_low,
                diff_high,p,p_holm,d
  charts/       every chart as PNG and SVG
and prints the scenarios ranked by composite_index with mean ± 95% half-width.

Statistics: Student t intervals over replicates; Welch's t against the
reference with Cohen's d; p-values Holm-adjusted across the metrics of each
scenario; cost-effectiveness as change in composite_index per 100 million
yuan a year of extra fiscal spending.

Flags:
  -ref NAME           reference scenario (default baseline)
  -window N           months at the end summarised (default 60)
  -precision P        add replicates (doubling) until every headline metric's
                      95% half-width is below P of its mean (shares are
                      judged against at least 0.05); 0 turns it off (default)
  -max-replicates N   stop adding replicates here (default 100)
  -maps M,M           months of the village maps: year ends such as 11,119,239
                      (default: the first and the last year)
  -map-by WHAT        colour villages by satisfaction, trust or status
  -replicates N       replicates per scenario, or the first batch (default 10)
  -seed, -workers, -months, -out, -progress   as for govsim run

Examples:
  govsim compare
  govsim compare -replicates 4 -months 120 -out out-cmp baseline zhengjing nanhai
  govsim compare -precision 0.05 -max-replicates 40 -out out-precise
`

const reportHelp = `Usage: govsim report [-ref NAME] [-window N] [-maps M,M] [-map-by WHAT] DIR

Rebuilds report.html, summary.csv and charts/ from the saved output of
govsim run or govsim compare in DIR, without rerunning anything. Refuses
directories that are not govsim output or were written by another version.

Examples:
  govsim run -replicates 3 -months 120 -out out-r baseline zhengshe
  govsim report out-r
  govsim report -ref zhengshe -window 24 out-r
  govsim report -ref zhengshe -maps 11,23 -map-by trust out-r
`

func helps() map[string]string {
	return map[string]string{
		"compare":   compareHelp,
		"sweep":     sweepHelp,
		"merge":     mergeHelp,
		"rerun":     rerunHelp,
		"report":    reportHelp,
		"analyze":   analyzeHelp,
		"run":       runHelp,
		"scenarios": scenariosHelp,
		"show":      showHelp,
		"params":    paramsHelp,
		"validate":  validateHelp,
		"serve":     serveHelp,
		"version":   "Usage: govsim version\n\nPrints the version.\n",
		"help":      topHelp,
	}
}

const serveHelp = `Usage: govsim serve [-addr HOST:PORT] [-open] [-public] [-max-sessions N] [-idle D]

Starts the classroom: a local web server with a page a teacher drives.
Two districts side by side with the same seed (default: baseline and
zhengjing); choose a scenario for each, switch reforms on and off with their
start month and coverage, move the parameters a class plays with (vote
price, land requisition, trading-centre threshold, service budget, migrant
growth, election interval, ...), then Setup, Go, Pause, Step and Speed. The
page shows a village map, time series, an event ticker in words, English
or Chinese labels, and "About this model" from docs/ODD.md and
docs/teaching.md. Each pane shows exactly what govsim run gives for its
settings and seed. The page needs no network: everything is in the binary.

Only the embedded scenarios at teaching scale can be chosen: districts
that start with at most 100,000 resident agents (not nanhai-full), and no
scenario file. Each browser tab is a session of its own.

Flags:
  -addr HOST:PORT     where to listen (default 127.0.0.1:8080; port 0 picks a free one)
  -open               open the page in the default browser
  -public             allow an address other machines can reach, such as
                      0.0.0.0:8080 on a classroom network (prints a warning)
  -max-sessions N     browser tabs served at once (default 40)
  -idle D             free a tab's session after D without the page (default 10m)

Examples:
  govsim serve -open
  govsim serve -public -addr 0.0.0.0:8080    # the whole class, on the room's network

Lesson plans: docs/teaching.md. Ctrl-C stops the server.
`
