package main

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/govsim/govsim/output/report"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim/table"
)

// smallTeaching writes the five teaching scenarios cut to 6 villages, under
// their own names, into dir, and returns their paths.
func smallTeaching(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	for _, name := range scenarios.Teaching() {
		out = append(out, writeFile(t, filepath.Join(dir, "small-"+name+".toml"), fmt.Sprintf("extends = %q\nname = %q\n[district]\nvillages = 6\n", name, name)))
	}
	return out
}

const exploreRanges = `# three of the uncertain parameters
[[factor]]
key = "reform.audit_rate"
min = 0.0
max = 1.5

[[factor]]
key = "economy.land_price"
dist = "loguniform"
min = 300000.0
max = 900000.0

[[factor]]
key = "economy.demolition_price"
min = 2000000.0
max = 4500000.0
`

// exploreFiles reads what an exploratory design's analysis writes.
func exploreFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, name := range []string{"robustness.csv", "discovery.csv", "drivers.csv", "results.csv", "sweep.json"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		out[name] = b
	}
	return out
}

// TestExploreEndToEnd: the files, their headers, the page and the record;
// the same command again only analyses, and the comparison report links
// the page and states the patterns' shares from it.
func TestExploreEndToEnd(t *testing.T) {
	noShardEnv(t)
	dir := t.TempDir()
	scs := smallTeaching(t, dir)
	ranges := writeFile(t, filepath.Join(dir, "ranges.toml"), exploreRanges)
	out := filepath.Join(dir, "ex")
	args := append([]string{"explore", "-samples", "12", "-months", "36", "-window", "12", "-ranges", ranges, "-bootstrap", "50",
		"-discover", "satisfaction_migrant<0.6", "-font", "none", "-out", out}, scs...)
	code, stdout, stderr := govsim(t, context.Background(), args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"beats baseline on composite_index", "wrote robustness.csv"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stdout, "rule: n ≥ 10·k") {
		t.Errorf("12 points for 3 parameters: no warning naming the rule:\n%s", stdout)
	}
	files := exploreFiles(t, out)
	for name, cols := range map[string][]table.Column{"robustness.csv": table.RobustnessColumns(), "discovery.csv": table.DiscoveryColumns(), "drivers.csv": table.DriversColumns()} {
		if !bytes.HasPrefix(files[name], []byte(table.Header(cols))) {
			t.Errorf("%s starts %q", name, strings.SplitN(string(files[name]), "\n", 2)[0])
		}
	}
	if got := string(files["robustness.csv"][:bytes.IndexByte(files["robustness.csv"], '\n')]); got != "scenario,metric,p_better,p_better_low,p_better_high,mean_diff,diff_low,diff_high,regret_max,regret_p90" {
		t.Errorf("robustness.csv header %q is not the issue's", got)
	}
	if rows := bytes.Count(files["robustness.csv"], []byte("\n")) - 1; rows != 4*len(report.ExploreMetrics()) {
		t.Errorf("robustness.csv has %d rows, want 4 packages × %d metrics", rows, len(report.ExploreMetrics()))
	}
	if rows := bytes.Count(files["drivers.csv"], []byte("\n")) - 1; rows != (4*len(report.ExploreMetrics())+5)*3 {
		t.Errorf("drivers.csv has %d rows, want (4 packages × %d metrics + 5 scenarios' condition) × 3 parameters", rows, len(report.ExploreMetrics()))
	}
	if !bytes.Contains(files["discovery.csv"], []byte(",satisfaction_migrant<0.6,0,")) {
		t.Error("discovery.csv has no trajectory of the condition asked for")
	}
	page, err := os.ReadFile(filepath.Join(out, "explore.html"))
	if err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(page))
	dec.Strict, dec.Entity = true, xml.HTMLEntity
	for {
		if _, err := dec.Token(); err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("explore.html is not well-formed: %v", err)
			}
			break
		}
	}
	for _, want := range []string{"Where does each reform hold?", "Ranked by how often", "Peeling trajectory", "P7", "satisfaction_migrant&lt;0.6", "Regret"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("explore.html lacks %q", want)
		}
	}
	if bytes.Contains(page, []byte("<script")) || bytes.Contains(page, []byte("http://")) && !bytes.Contains(page, []byte("xmlns")) {
		t.Error("explore.html loads something from outside")
	}
	rec, err := report.ReadExploreRecord(out)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Reference != "baseline" || rec.Points != 12 || rec.Parameters != 3 || len(rec.Ranked) != 4 || len(rec.Patterns) != 7 {
		t.Errorf("explore.json: %+v", rec)
	}
	// The same command again runs nothing and writes the same analysis.
	code, _, stderr = govsim(t, context.Background(), args...)
	if code != 0 || !strings.Contains(stderr, "are done; analysing them") {
		t.Fatalf("again: exit %d: %s", code, stderr)
	}
	sameFiles(t, files, exploreFiles(t, out), "the same command again")
	// The comparison report states the patterns' shares from it and links
	// its page.
	cmp := filepath.Join(dir, "cmp")
	sweepOK(t, append([]string{"compare", "-months", "36", "-window", "12", "-replicates", "2", "-font", "none", "-format", "csv", "-explore", out, "-out", cmp}, scs...)...)
	html, err := os.ReadFile(filepath.Join(cmp, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`href="../ex/explore.html"`, "of the plausible space (", "points) and held clearly at", "not explored: needs village records"} {
		if !bytes.Contains(html, []byte(want)) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	// A directory that holds no finished exploration is refused before
	// anything runs.
	bad := filepath.Join(dir, "cmp-bad")
	code, _, stderr = govsim(t, context.Background(), append([]string{"compare", "-months", "12", "-replicates", "2", "-explore", cmp, "-out", bad}, scs...)...)
	if _, err := os.Stat(bad); code != 2 || err == nil || !strings.Contains(stderr, "-explore "+cmp+": not the finished analysis of govsim explore") {
		t.Errorf("-explore of a comparison: exit %d, %s", code, stderr)
	}
	// A changed file is no longer the analysis explore.json records.
	writeFile(t, filepath.Join(out, "drivers.csv"), "changed\n")
	if _, err := report.ReadExploreRecord(out); err == nil {
		t.Error("a changed drivers.csv was read as the analysis recorded")
	}
}

// Results are the same bytes for any number of workers, and for shards
// merged and then analysed by the same command.
func TestExploreDeterministic(t *testing.T) {
	noShardEnv(t)
	dir := t.TempDir()
	scs := smallTeaching(t, dir)[:3]
	ranges := writeFile(t, filepath.Join(dir, "ranges.toml"), exploreRanges)
	base := append([]string{"explore", "-samples", "8", "-months", "24", "-window", "12", "-ranges", ranges, "-bootstrap", "20", "-font", "none"}, scs...)
	run := func(extra ...string) {
		t.Helper()
		sweepOK(t, append(append([]string{}, base...), extra...)...)
	}
	one := filepath.Join(dir, "one")
	run("-workers", "1", "-out", one)
	want := exploreFiles(t, one)
	two := filepath.Join(dir, "two")
	run("-workers", "2", "-out", two)
	sameFiles(t, want, exploreFiles(t, two), "-workers 2")

	s0, s1, merged := filepath.Join(dir, "s0"), filepath.Join(dir, "s1"), filepath.Join(dir, "merged")
	run("-shard", "0/2", "-out", s0)
	if _, err := os.Stat(filepath.Join(s0, "robustness.csv")); err == nil {
		t.Fatal("a shard wrote an analysis")
	}
	run("-shard", "1/2", "-out", s1)
	sweepOK(t, "merge", "-out", merged, s0, s1)
	run("-out", merged)
	sameFiles(t, want, exploreFiles(t, merged), "two shards merged")

	// govsim rerun reproduces the runs from the manifest alone and the
	// analysis from explore.json, and compares both.
	code, stdout, stderr := govsim(t, context.Background(), "rerun", "-out", filepath.Join(dir, "rerun"), one)
	if code != 0 {
		t.Fatalf("rerun: exit %d: %s", code, stderr)
	}
	for _, name := range []string{"results.csv", "robustness.csv", "discovery.csv", "drivers.csv"} {
		if !regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(name) + ` +identical`).MatchString(stdout) {
			t.Errorf("rerun does not find %s identical:\n%s", name, stdout)
		}
	}
}

// Bad input is refused with exit status 2, naming the file, line and key
// or the flag and what is allowed, and nothing is written.
func TestExploreBadInput(t *testing.T) {
	noShardEnv(t)
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, "unknown.toml", "[[factor]]\nkey = \"reform.audit_rat\"\nmin = 0.0\nmax = 1.0\n")
	writeFile(t, "certain.toml", "[[factor]]\nkey = \"district.urban_at_start\"\nmin = 0.1\nmax = 0.3\n")
	writeFile(t, "wide.toml", "[[factor]]\nkey = \"reform.audit_rate\"\nmin = 0.0\nmax = 20.0\n")
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"unknown parameter", []string{"-ranges", "unknown.toml"}, `unknown.toml:2: factor[0].key: unknown parameter "reform.audit_rat" (did you mean "reform.audit_rate"?)`},
		{"not uncertain", []string{"-ranges", "certain.toml"}, "certain.toml:2: factor[0].key: district.urban_at_start is not an uncertain parameter"},
		{"outside the allowed range", []string{"-ranges", "wide.toml"}, "wide.toml:4: factor[0].max: reform.audit_rate = 20 is out of range: allowed [0, 12]"},
		{"too few samples", []string{"-samples", "7"}, "-samples: 7 points are too few to explore: allowed 8 or more"},
		{"unknown metric", []string{"-discover", "composite_indx<0.5"}, `-discover: unknown metric "composite_indx" (did you mean "composite_index"?); allowed METRIC<THRESHOLD or METRIC>THRESHOLD with METRIC one of`},
		{"malformed condition", []string{"-discover", "composite_index=0.5"}, "-discover: \"composite_index=0.5\" is not METRIC<THRESHOLD or METRIC>THRESHOLD"},
		{"reference not explored", []string{"-ref", "nanhai", "baseline", "zhengjing"}, `-ref: "nanhai" is not among the scenarios explored: allowed baseline, zhengjing`},
		{"bad coverage", []string{"-coverage", "1.5"}, "-coverage = 1.5 is out of range"},
		{"bad scale", []string{"-scale", "half"}, `-scale: "half" is not allowed; allowed scenario | full`},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(dir, "out-"+strings.ReplaceAll(c.name, " ", "-"))
			code, _, stderr := govsim(t, context.Background(), append([]string{"explore", "-months", "12", "-out", out}, c.args...)...)
			if code != 2 {
				t.Fatalf("exit %d, want 2: %s", code, stderr)
			}
			if !strings.Contains(stderr, c.want) {
				t.Errorf("stderr %q lacks %q", stderr, c.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s was written", out)
			}
		})
	}
}

// An explore stopped by Ctrl-C keeps its finished runs and writes no
// analysis; the same command again runs only the rest, and the analysis
// is the uninterrupted one's.
func TestExploreInterrupted(t *testing.T) {
	noShardEnv(t)
	dir := t.TempDir()
	scs := smallTeaching(t, dir)[:2]
	ranges := writeFile(t, filepath.Join(dir, "ranges.toml"), exploreRanges)
	args := append([]string{"explore", "-samples", "8", "-months", "36", "-window", "12", "-ranges", ranges, "-bootstrap", "20", "-font", "none", "-workers", "1"}, scs...)
	whole := filepath.Join(dir, "whole")
	sweepOK(t, append(args, "-out", whole)...)
	out := filepath.Join(dir, "out")
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for {
			if n, _ := filepath.Glob(filepath.Join(out, "parts", "*.part")); len(n) >= 2 {
				cancel()
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	code, _, stderr := govsim(t, ctx, append(args, "-out", out)...)
	cancel()
	if code != 130 || !strings.Contains(stderr, "run the same command again to resume: govsim explore") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "robustness.csv")); err == nil {
		t.Error("an interrupted explore wrote an analysis")
	}
	sweepOK(t, append(args, "-out", out)...)
	sameFiles(t, exploreFiles(t, whole), exploreFiles(t, out), "an explore resumed")
}
