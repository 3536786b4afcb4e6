package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim/table"
)

// tinyOptimisation searches packages of 村改居 and 政经分离 (with an
// optional separation and an optional trigger) and a policy parameter on a
// 4-village district over 24 months: 8 candidates, 3 generations, a few
// dozen runs of a few milliseconds.
const tinyOptimisation = `name = "tiny"
scenario = "small.toml"
population = 8
generations = 3
replicates = 2
seed = 5

[[entry]]
kind = "cungaiju"
switch = true
start = [0, 12]
coverage = ["eligible", "all"]

[[entry]]
kind = "zhengjing"
switch = true
start = [0, 18]
coverage = "all"
separations = ["personnel"]
choose = ["assets"]
intensity = [0.5, 1.0]
trigger = "vote_buying_total_rate >"
threshold = [0.0, 0.1]
trigger_switch = true

[[param]]
key = "reform.audit_rate"
values = [0.5, 2]

[[objective]]
metric = "composite_index"
goal = "max"

[[objective]]
metric = "fiscal_spending"
goal = "min"

[[constraint]]
name = "budget"
metric = "fiscal_spending"
max = 40.0
`

// tinyOptFiles writes the tiny optimisation and its scenario into dir and
// returns the optimisation file.
func tinyOptFiles(t *testing.T, dir, text string) string {
	t.Helper()
	writeFile(t, filepath.Join(dir, "small.toml"), "extends = \"baseline\"\nname = \"small\"\nmonths = 24\n[district]\nvillages = 4\n")
	return writeFile(t, filepath.Join(dir, "opt.toml"), text)
}

// optimisationFiles reads what identifies an optimisation's results: its
// tables, packages and every batch's sweep.json, tables and parts, by name
// relative to dir (optimise.json's record holds the report's hash, which
// has a timestamp: its identity part is compared by the tables).
func optimisationFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		base := filepath.Base(p)
		switch {
		case strings.HasPrefix(base, "."), strings.HasPrefix(base, "manifest"), strings.HasSuffix(base, ".html"), strings.HasPrefix(rel, "charts"), base == table.OptimisationJSON:
			return nil // locks and markers, times, the report's timestamp
		}
		b, err := os.ReadFile(p)
		out[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestOptimiseEndToEnd runs an optimisation with 1 and 2 workers: every
// table, package, batch and part is the same bytes; pareto.csv holds the
// front in words, the report and the record are written; run again, it
// reads everything back and runs nothing.
func TestOptimiseEndToEnd(t *testing.T) {
	noShardEnv(t)
	dir := t.TempDir()
	opt := tinyOptFiles(t, dir, tinyOptimisation)
	one, two := filepath.Join(dir, "one"), filepath.Join(dir, "two")
	code, out, errs := govsim(t, context.Background(), "optimise", opt, "-workers", "1", "-out", one)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"front:", "composite_index", "package in words", "wrote optimise.html"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	for _, want := range []string{"generation 0: 8 candidates, 7 packages not run before: 14 runs", "generation 2:", "hypervolume", "wrote pareto.csv"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	sweepOK(t, "optimise", opt, "-workers", "2", "-out", two)
	a, b := optimisationFiles(t, one), optimisationFiles(t, two)
	sameFiles(t, a, b, "2 workers against 1")
	if n := strings.Count(string(a["evaluations.csv"]), "\n"); n != 1+3*8 {
		t.Errorf("evaluations.csv has %d lines, want a header and 3 generations of 8", n)
	}
	if n := strings.Count(string(a["generations.csv"]), "\n"); n != 4 {
		t.Errorf("generations.csv has %d lines", n)
	}
	pareto := string(a["pareto.csv"])
	if n := strings.Count(pareto, "\n"); n < 2 || !strings.Contains(pareto, "everywhere") {
		t.Errorf("pareto.csv:\n%s", pareto)
	}
	if _, ok := a[filepath.Join("packages", "base.toml")]; !ok {
		t.Error("no packages/base.toml")
	}
	html, err := os.ReadFile(filepath.Join(one, "optimise.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Findings", "The front", "Hypervolume by generation", "<svg", "fixed"} {
		if !bytes.Contains(html, []byte(want)) {
			t.Errorf("optimise.html lacks %q", want)
		}
	}
	rec, err := table.ReadOptimisation(one)
	if err != nil || rec.Result == nil || rec.Result.Generations != 3 || rec.Result.Files["pareto.csv"] == "" {
		t.Fatalf("optimise.json's record: %+v %v", rec.Result, err)
	}
	// Run again: everything is read back, nothing runs, the same bytes.
	errs = sweepOK(t, "optimise", opt, "-out", one)
	if strings.Contains(errs, "runs now") {
		t.Errorf("a finished optimisation ran again: %s", errs)
	}
	sameFiles(t, a, optimisationFiles(t, one), "read back")
}

// TestOptimiseContinue: an optimisation of 2 generations continued to 3
// gives the tables of one run for 3.
func TestOptimiseContinue(t *testing.T) {
	noShardEnv(t)
	dir := t.TempDir()
	opt := tinyOptFiles(t, dir, tinyOptimisation)
	whole, cont := filepath.Join(dir, "whole"), filepath.Join(dir, "cont")
	sweepOK(t, "optimise", opt, "-out", whole)
	sweepOK(t, "optimise", opt, "-generations", "2", "-out", cont)
	sweepOK(t, "optimise", opt, "-out", cont)
	sameFiles(t, optimisationFiles(t, whole), optimisationFiles(t, cont), "continued optimisation")
}

// TestOptimiseInterrupted: a cancelled optimisation keeps its finished
// runs, exits 130 saying how to resume, and resumed equals uninterrupted.
func TestOptimiseInterrupted(t *testing.T) {
	noShardEnv(t)
	dir := t.TempDir()
	opt := tinyOptFiles(t, dir, tinyOptimisation)
	whole, out := filepath.Join(dir, "whole"), filepath.Join(dir, "out")
	sweepOK(t, "optimise", opt, "-out", whole)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for { // in generation 1, once a few runs are in
			if n, _ := filepath.Glob(filepath.Join(out, "gen-1", "parts", "*.part")); len(n) >= 3 {
				cancel()
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	code, _, errs := govsim(t, ctx, "optimise", opt, "-workers", "1", "-out", out)
	cancel()
	if code != 130 || !strings.Contains(errs, "run the same command again to resume: govsim optimise") {
		t.Fatalf("exit %d: %s", code, errs)
	}
	errs = sweepOK(t, "optimise", opt, "-workers", "2", "-out", out)
	if strings.Contains(errs, "runs to "+filepath.Join(out, "gen-0")) {
		t.Errorf("generation 0 ran again: %s", errs)
	}
	sameFiles(t, optimisationFiles(t, whole), optimisationFiles(t, out), "resumed optimisation")
}

// TestOptimiseShards: two shards sharing the directory, each submitted
// again until the optimisation is done, give the unsharded result.
func TestOptimiseShards(t *testing.T) {
	noShardEnv(t)
	dir := t.TempDir()
	opt := tinyOptFiles(t, dir, tinyOptimisation)
	whole, out := filepath.Join(dir, "whole"), filepath.Join(dir, "out")
	sweepOK(t, "optimise", opt, "-out", whole)
	rounds := 0
	for ; rounds < 20; rounds++ {
		if _, err := os.Stat(filepath.Join(out, "optimise.html")); err == nil {
			break
		}
		for _, sh := range []string{"0/2", "1/2"} {
			errs := sweepOK(t, "optimise", opt, "-shard", sh, "-out", out)
			if !strings.Contains(errs, "shard "+sh) && !strings.Contains(errs, "wrote pareto.csv") {
				t.Errorf("shard %s says nothing of its stop: %s", sh, errs)
			}
		}
	}
	if rounds < 3 {
		t.Errorf("done in %d rounds: the shards did not stop at each generation", rounds)
	}
	sameFiles(t, optimisationFiles(t, whole), optimisationFiles(t, out), "sharded optimisation")
}

// TestOptimiseKill9 kills an optimisation process at several moments and
// resumes it; the result equals an uninterrupted optimisation byte for
// byte.
func TestOptimiseKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs several processes")
	}
	noShardEnv(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "govsim")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	// Longer runs, so that kills land inside generations.
	opt := tinyOptFiles(t, dir, strings.Replace(tinyOptimisation, "generations = 3", "generations = 4", 1))
	writeFile(t, filepath.Join(dir, "small.toml"), "extends = \"baseline\"\nname = \"small\"\nmonths = 96\n[district]\nvillages = 6\n")
	run := func(out string) *exec.Cmd {
		c := exec.Command(bin, "optimise", opt, "-workers", "2", "-out", out)
		c.Env = append(os.Environ(), "SLURM_ARRAY_TASK_ID=", "JOB_COMPLETION_INDEX=")
		return c
	}
	whole, out := filepath.Join(dir, "whole"), filepath.Join(dir, "out")
	if b, err := run(whole).CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted: %v\n%s", err, b)
	}
	kills := 0
	for delay := 50 * time.Millisecond; kills < 10; delay += 120 * time.Millisecond {
		c := run(out)
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		if err := c.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		var ee *exec.ExitError
		if !errors.As(c.Wait(), &ee) {
			break
		}
		kills++
	}
	if kills < 3 {
		t.Fatalf("only %d kills landed before the optimisation finished", kills)
	}
	if b, err := run(out).CombinedOutput(); err != nil {
		t.Fatalf("resume: %v\n%s", err, b)
	}
	sameFiles(t, optimisationFiles(t, whole), optimisationFiles(t, out), fmt.Sprintf("optimisation resumed after %d kills", kills))
}

// TestOptimiseBadInput: bad input is exit 2 with file:line: key and what
// is allowed, and nothing is written.
func TestOptimiseBadInput(t *testing.T) {
	noShardEnv(t)
	dir := t.TempDir()
	good := tinyOptimisation
	for _, c := range []struct {
		name, file string
		args       []string
		want       string
	}{
		{"unknown metric", strings.Replace(good, `metric = "composite_index"`, `metric = "composite_indx"`, 1), nil, `opt.toml:31: objective[0].metric: unknown metric "composite_indx" (did you mean "composite_index"?)`},
		{"unknown parameter", strings.Replace(good, "reform.audit_rate", "reform.audit_rat", 1), nil, `opt.toml:27: param[0].key: unknown parameter "reform.audit_rat"`},
		{"inverted range", strings.Replace(good, "start = [0, 18]", "start = [18, 0]", 1), nil, "opt.toml:17: entry[1].start: [18, 0] is inverted"},
		{"empty range", strings.Replace(good, "start = [0, 18]", "start = []", 1), nil, "entry[1].start: a list of 0 is not a range"},
		{"constraint on an unknown metric", strings.Replace(good, `metric = "fiscal_spending"
max`, `metric = "fiscal"
max`, 1), nil, `constraint[0].metric: unknown metric "fiscal"`},
		{"trigger on an unknown metric", strings.Replace(good, "vote_buying_total_rate >", "vote_buying_rat >", 1), nil, `opt.toml:22: entry[1].trigger: unknown village metric "vote_buying_rat"`},
		{"malformed comparison", strings.Replace(good, "vote_buying_total_rate >", "vote_buying_total_rate =", 1), nil, `entry[1].trigger: "=" is not a comparison: allowed >= <= > <`},
		{"population not a multiple of 4", good, []string{"-population", "10"}, "-population: 10 is not allowed: allowed a multiple of 4"},
		{"population in the file", strings.Replace(good, "population = 8", "population = 6", 1), nil, "opt.toml:3: population: 6 is not a multiple of 4"},
		{"zero generations", good, []string{"-generations", "0"}, "-generations: 0 is out of range"},
		{"window outside the run", good + "[[constraint]]\nmetric = \"petitions_per_1000\"\nfrom = 12\nto = 36\nmax = 1.0\n", nil, "constraint[1].to: petitions_per_1000 reads months 12–35, outside the 24-month run"},
		{"bad shard", good, []string{"-shard", "2/2"}, "-shard"},
	} {
		t.Run(c.name, func(t *testing.T) {
			sub := t.TempDir()
			opt := tinyOptFiles(t, sub, c.file)
			out := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-"))
			code, _, errs := govsim(t, context.Background(), append([]string{"optimise", opt, "-out", out}, c.args...)...)
			if code != 2 || !strings.Contains(errs, c.want) {
				t.Errorf("exit %d: %s\nwant %q", code, errs, c.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s was written on bad input", out)
			}
		})
	}
	code, _, errs := govsim(t, context.Background(), "optimise")
	if code != 2 || !strings.Contains(errs, "optimise takes one optimisation file") {
		t.Errorf("no file: exit %d: %s", code, errs)
	}
	// Another optimisation in -out is refused, naming what differs.
	opt := tinyOptFiles(t, dir, tinyOptimisation)
	out := filepath.Join(dir, "other")
	sweepOK(t, "optimise", opt, "-generations", "1", "-out", out)
	code, _, errs = govsim(t, context.Background(), "optimise", opt, "-seed", "6", "-out", out)
	if code != 2 || !strings.Contains(errs, "seed 6 here, 5 there") {
		t.Errorf("another optimisation: exit %d: %s", code, errs)
	}
}

// TestOptimiseExample: -example prints the embedded file.
func TestOptimiseExample(t *testing.T) {
	code, out, errs := govsim(t, context.Background(), "optimise", "-example")
	if code != 0 || out != string(scenarios.OptimisationExample()) {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if code, _, _ := govsim(t, context.Background(), "optimise", "-example", "x.toml"); code != 2 {
		t.Errorf("-example with a file: exit %d", code)
	}
}

// TestExplorePackages: govsim explore -packages runs the optimisation's
// base (the reference) and each package on its front, with the policy
// parameters the packages decide left out of the design; a package file
// changed since the optimisation wrote it is refused, as is an
// optimisation that has not finished.
func TestExplorePackages(t *testing.T) {
	noShardEnv(t)
	dir := t.TempDir()
	opt := tinyOptFiles(t, dir, tinyOptimisation)
	optDir := filepath.Join(dir, "opt")
	sweepOK(t, "optimise", opt, "-out", optDir)
	pareto, err := os.ReadFile(filepath.Join(optDir, "pareto.csv"))
	if err != nil {
		t.Fatal(err)
	}
	front := strings.Count(string(pareto), "\n") - 1
	ex := filepath.Join(dir, "ex")
	errs := sweepOK(t, "explore", "-packages", optDir, "-samples", "8", "-replicates", "1", "-window", "12", "-out", ex)
	if !strings.Contains(errs, "the scenarios decide reform.audit_rate") {
		t.Errorf("explore does not say it keeps the decided parameter: %s", errs)
	}
	sd, err := table.OpenSweepDir(ex)
	if err != nil {
		t.Fatal(err)
	}
	spec := &sd.File.Spec
	if len(spec.Scenarios) != 1+front || spec.Scenarios[0].Name != "small" || !strings.HasPrefix(spec.Scenarios[1].Name, "package-") {
		t.Errorf("explored %d scenarios (%v), want the base and %d packages", len(spec.Scenarios), spec.Scenarios[0].Name, front)
	}
	for _, f := range spec.Factors {
		if f.Key == "reform.audit_rate" {
			t.Error("explore varies a parameter the packages decide")
		}
	}
	if _, err := os.Stat(filepath.Join(ex, "robustness.csv")); err != nil {
		t.Error("no robustness.csv")
	}
	pkg := filepath.Join(optDir, "packages", "package-"+strings.SplitN(strings.Split(string(pareto), "\n")[1], ",", 2)[0]+".toml")
	b, err := os.ReadFile(pkg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pkg, append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := govsim(t, context.Background(), "explore", "-packages", filepath.Join(optDir, "pareto.csv"), "-samples", "8", "-out", filepath.Join(dir, "bad"))
	if code != 2 || !strings.Contains(errs, "is not the file govsim optimise recorded") {
		t.Errorf("a changed package: exit %d: %s", code, errs)
	}
	half := filepath.Join(dir, "half")
	sweepOK(t, "optimise", opt, "-shard", "0/2", "-out", half)
	code, _, errs = govsim(t, context.Background(), "explore", "-packages", half, "-samples", "8", "-out", filepath.Join(dir, "bad2"))
	if code != 2 || !strings.Contains(errs, "has not finished") {
		t.Errorf("an unfinished optimisation: exit %d: %s", code, errs)
	}
}
