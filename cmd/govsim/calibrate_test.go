package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim/table"
)

// tinyCalibration fits two parameters to two targets of a 4-village
// baseline over 24 months: 20 particles, 3 generations, a few hundred runs
// of a few milliseconds.
const tinyCalibration = `name = "tiny"
scenario = "small.toml"
particles = 20
generations = 3
seed = 5

[[target]]
name = "mix"
metric = "disputes_membership_per_1000 + disputes_dividend_per_1000"
per = "disputes_opened_per_1000"
from = 0
to = 12
observed = 0.7
tolerance = 0.05

[[target]]
metric = "dividend_per_share"
from = 12
to = 24
observed = 3000.0
tolerance = 300.0

[[prior]]
key = "economy.lambda0"

[[prior]]
key = "disputes.compensation_rate"
`

// tinyFiles writes the tiny calibration and its scenario into dir and
// returns the calibration file.
func tinyFiles(t *testing.T, dir, text string) string {
	t.Helper()
	writeFile(t, filepath.Join(dir, "small.toml"), "extends = \"baseline\"\nname = \"small\"\n[district]\nvillages = 4\n")
	return writeFile(t, filepath.Join(dir, "cal.toml"), text)
}

// calibrationFiles reads what identifies a calibration's results: its
// identity, tables, and every batch's sweep.json, tables and parts, by
// name relative to dir.
func calibrationFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		base := filepath.Base(p)
		switch {
		case strings.HasPrefix(base, "."), strings.HasPrefix(base, "manifest"), strings.HasSuffix(base, ".html"), strings.HasPrefix(rel, "charts"):
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

// TestCalibrateEndToEnd runs a calibration with 1 and 2 workers: every
// table, batch and part is the same bytes; the populations have their
// sizes; the report and the terminal table are written.
func TestCalibrateEndToEnd(t *testing.T) {
	skipUnderRace(t, "TestCalibrateShards runs calibrate's batches under the race detector")
	noShardEnv(t)
	dir := t.TempDir()
	cal := tinyFiles(t, dir, tinyCalibration)
	one, two := filepath.Join(dir, "one"), filepath.Join(dir, "two")
	code, out, errs := govsim(t, context.Background(), "calibrate", cal, "-workers", "1", "-out", one)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"economy.lambda0", "disputes.compensation_rate", "mix", "dividend_per_share", "observation 90% interval", "wrote calibration.html"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	for _, want := range []string{"generation 0: tolerance +Inf", "generation 2: tolerance", "posterior predictive check: 20 runs"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	sweepOK(t, "calibrate", cal, "-workers", "2", "-out", two)
	a, b := calibrationFiles(t, one), calibrationFiles(t, two)
	sameFiles(t, a, b, "2 workers against 1")
	if n := strings.Count(string(a["posterior.csv"]), "\n"); n != 1+3*20 {
		t.Errorf("posterior.csv has %d lines, want a header and 3 generations of 20", n)
	}
	if n := strings.Count(string(a["generations.csv"]), "\n"); n != 4 {
		t.Errorf("generations.csv has %d lines", n)
	}
	html, err := os.ReadFile(filepath.Join(one, "calibration.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Findings", "posterior predictive", "economy.lambda0", "<svg"} {
		if !bytes.Contains(html, []byte(want)) {
			t.Errorf("calibration.html lacks %q", want)
		}
	}
	// Run again: everything is read back, nothing runs, the same bytes.
	errs = sweepOK(t, "calibrate", cal, "-out", one)
	if strings.Contains(errs, "runs now") {
		t.Errorf("a finished calibration ran again: %s", errs)
	}
	sameFiles(t, a, calibrationFiles(t, one), "read back")
}

// TestCalibrateContinue: a calibration of 2 generations continued to 3
// gives the populations of one run for 3.
func TestCalibrateContinue(t *testing.T) {
	skipUnderRace(t, "TestCalibrateShards runs calibrate's batches under the race detector")
	noShardEnv(t)
	dir := t.TempDir()
	cal := tinyFiles(t, dir, tinyCalibration)
	whole, cont := filepath.Join(dir, "whole"), filepath.Join(dir, "cont")
	sweepOK(t, "calibrate", cal, "-out", whole)
	sweepOK(t, "calibrate", cal, "-generations", "2", "-out", cont)
	sweepOK(t, "calibrate", cal, "-out", cont)
	a, b := calibrationFiles(t, whole), calibrationFiles(t, cont)
	for _, f := range []string{"posterior.csv", "generations.csv", "candidates.csv", "predictive.csv"} {
		if !bytes.Equal(a[f], b[f]) {
			t.Errorf("%s of a continued calibration differs", f)
		}
	}
	if _, ok := b[filepath.Join("predictive-gen-1", "sweep.json")]; !ok {
		t.Error("the first session's predictive check is not there")
	}
}

// TestCalibrateInterrupted: a cancelled calibration keeps its finished
// runs, exits 130 saying how to resume, and resumed equals uninterrupted.
func TestCalibrateInterrupted(t *testing.T) {
	skipUnderRace(t, "TestCalibrateShards runs calibrate's batches under the race detector")
	noShardEnv(t)
	dir := t.TempDir()
	cal := tinyFiles(t, dir, strings.Replace(tinyCalibration, "to = 24", "to = 120", 1))
	whole, out := filepath.Join(dir, "whole"), filepath.Join(dir, "out")
	sweepOK(t, "calibrate", cal, "-out", whole)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for { // in generation 1, once a few runs are in
			if n, _ := filepath.Glob(filepath.Join(out, "gen-1", "batch-0", "parts", "*.part")); len(n) >= 3 {
				cancel()
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	code, _, errs := govsim(t, ctx, "calibrate", cal, "-workers", "1", "-out", out)
	cancel()
	if code != 130 || !strings.Contains(errs, "run the same command again to resume: govsim calibrate") {
		t.Fatalf("exit %d: %s", code, errs)
	}
	errs = sweepOK(t, "calibrate", cal, "-workers", "2", "-out", out)
	if strings.Contains(errs, "wrote 20 runs to "+filepath.Join(out, "gen-0")) {
		t.Errorf("generation 0 ran again: %s", errs)
	}
	sameFiles(t, calibrationFiles(t, whole), calibrationFiles(t, out), "resumed calibration")
}

// TestCalibrateShards: two shards sharing the directory, each submitted
// again until the calibration is done, give the unsharded result.
func TestCalibrateShards(t *testing.T) {
	noShardEnv(t)
	dir := t.TempDir()
	cal := tinyFiles(t, dir, tinyCalibration)
	whole, out := filepath.Join(dir, "whole"), filepath.Join(dir, "out")
	sweepOK(t, "calibrate", cal, "-out", whole)
	rounds := 0
	for ; rounds < 20; rounds++ {
		if _, err := os.Stat(filepath.Join(out, "calibration.html")); err == nil {
			break
		}
		for _, sh := range []string{"0/2", "1/2"} {
			errs := sweepOK(t, "calibrate", cal, "-shard", sh, "-out", out)
			if !strings.Contains(errs, "shard "+sh) && !strings.Contains(errs, "predictive") {
				t.Errorf("shard %s says nothing of its stop: %s", sh, errs)
			}
		}
	}
	if rounds < 4 {
		t.Errorf("done in %d rounds: the shards did not stop at each batch", rounds)
	}
	sameFiles(t, calibrationFiles(t, whole), calibrationFiles(t, out), "sharded calibration")
}

// TestCalibrateKill9 kills a calibration process at several moments and
// resumes it; the result equals an uninterrupted calibration byte for
// byte.
func TestCalibrateKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs several processes")
	}
	noShardEnv(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "govsim")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cal := tinyFiles(t, dir, strings.Replace(tinyCalibration, "to = 24", "to = 120", 1))
	run := func(out string) *exec.Cmd {
		c := exec.Command(bin, "calibrate", cal, "-workers", "2", "-out", out)
		c.Env = append(os.Environ(), "SLURM_ARRAY_TASK_ID=", "JOB_COMPLETION_INDEX=")
		return c
	}
	whole, out := filepath.Join(dir, "whole"), filepath.Join(dir, "out")
	if b, err := run(whole).CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted: %v\n%s", err, b)
	}
	kills := 0
	for delay := 50 * time.Millisecond; kills < 10; delay += 150 * time.Millisecond {
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
		t.Fatalf("only %d kills landed before the calibration finished", kills)
	}
	if b, err := run(out).CombinedOutput(); err != nil {
		t.Fatalf("resume: %v\n%s", err, b)
	}
	sameFiles(t, calibrationFiles(t, whole), calibrationFiles(t, out), fmt.Sprintf("calibration resumed after %d kills", kills))
}

// TestCalibrateBadInput: bad input is exit 2 with file:line: key and what
// is allowed, and nothing is written.
func TestCalibrateBadInput(t *testing.T) {
	noShardEnv(t)
	dir := t.TempDir()
	good := tinyCalibration
	for _, c := range []struct {
		name, file string
		args       []string
		want       string
	}{
		{"unknown metric", strings.Replace(good, `metric = "dividend_per_share"`, `metric = "dividend_per_shares"`, 1), nil, `cal.toml:17: target[1].metric: unknown metric "dividend_per_shares" (did you mean "dividend_per_share"?)`},
		{"unknown parameter", strings.Replace(good, "economy.lambda0", "economy.lambda", 1), nil, `cal.toml:24: prior[0].key: unknown parameter "economy.lambda"`},
		{"inverted range", good + "min = 0.3\nmax = 0.1\n", nil, "prior[1].max: empty range: min = 0.3 is not below max = 0.1"},
		{"zero tolerance", strings.Replace(good, "tolerance = 300.0", "tolerance = 0.0", 1), nil, "target[1].tolerance: 0 is not above 0"},
		{"window outside the run", good, []string{"-months", "12"}, "target[1].to: target dividend_per_share reads months 12–23, outside the 12-month run"},
		{"too few particles", good, []string{"-particles", "19"}, "-particles: 19 is out of range: allowed 20 to 1000000"},
		{"zero generations", good, []string{"-generations", "0"}, "-generations: 0 is out of range"},
		{"bad shard", good, []string{"-shard", "2/2"}, "-shard"},
	} {
		t.Run(c.name, func(t *testing.T) {
			sub := t.TempDir()
			cal := tinyFiles(t, sub, c.file)
			out := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-"))
			code, _, errs := govsim(t, context.Background(), append([]string{"calibrate", cal, "-out", out}, c.args...)...)
			if code != 2 || !strings.Contains(errs, c.want) {
				t.Errorf("exit %d: %s\nwant %q", code, errs, c.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s was written on bad input", out)
			}
		})
	}
	code, _, errs := govsim(t, context.Background(), "calibrate")
	if code != 2 || !strings.Contains(errs, "calibrate takes one calibration file") {
		t.Errorf("no file: exit %d: %s", code, errs)
	}
	// Another calibration in -out is refused, naming what differs.
	cal := tinyFiles(t, dir, tinyCalibration)
	out := filepath.Join(dir, "other")
	sweepOK(t, "calibrate", cal, "-generations", "1", "-out", out)
	code, _, errs = govsim(t, context.Background(), "calibrate", cal, "-seed", "6", "-out", out)
	if code != 2 || !strings.Contains(errs, "seed 6 here, 5 there") {
		t.Errorf("another calibration: exit %d: %s", code, errs)
	}
}

// TestCalibrateExample: -example prints the embedded file, which names the
// P0 figures with their sources.
func TestCalibrateExample(t *testing.T) {
	code, out, errs := govsim(t, context.Background(), "calibrate", "-example")
	if code != 0 || out != string(scenarios.CalibrationExample()) {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"Caijing", "向德平", "baike 249215", "南方都市报", "census"} {
		if !strings.Contains(out, want) {
			t.Errorf("the example does not cite %s", want)
		}
	}
	if code, _, _ := govsim(t, context.Background(), "calibrate", "-example", "x.toml"); code != 2 {
		t.Errorf("-example with a file: exit %d", code)
	}
}

// TestComparePosterior: compare -posterior runs replicate r of every
// scenario at draw r of a calibration's posterior, records the draws in
// its manifest (rerun reproduces them byte for byte), says so in the
// report, and refuses a directory that is not a calibration.
func TestComparePosterior(t *testing.T) {
	skipUnderRace(t, "TestCalibrateShards runs calibrate's batches under the race detector")
	noShardEnv(t)
	dir := t.TempDir()
	cal := tinyFiles(t, dir, tinyCalibration)
	calDir := filepath.Join(dir, "cal")
	sweepOK(t, "calibrate", cal, "-out", calDir)
	small := filepath.Join(dir, "small.toml")
	cmp := filepath.Join(dir, "cmp")
	sweepOK(t, "compare", "-posterior", calDir, "-replicates", "3", "-months", "24", "-window", "12", "-ref", "small", "-out", cmp, small)
	m, err := table.ReadManifest(cmp)
	if err != nil {
		t.Fatal(err)
	}
	p := m.Posterior
	if p == nil || len(p.Points) != 3 || strings.Join(p.Keys, ",") != "economy.lambda0,disputes.compensation_rate" || p.Dir != calDir {
		t.Fatalf("manifest posterior %+v", p)
	}
	if slices.Equal(p.Points[0], p.Points[1]) && slices.Equal(p.Points[1], p.Points[2]) {
		t.Error("three replicates at one draw")
	}
	html, _ := os.ReadFile(filepath.Join(cmp, "report.html"))
	if !bytes.Contains(html, []byte("draw from the posterior of the calibration")) {
		t.Error("the report does not say the replicates ran at posterior draws")
	}
	code, out, errs := govsim(t, context.Background(), "rerun", cmp, "-out", filepath.Join(dir, "rerun"))
	if code != 0 || strings.Contains(out, "differ") {
		t.Errorf("rerun: exit %d: %s%s", code, out, errs)
	}
	plain := filepath.Join(dir, "plain")
	sweepOK(t, "compare", "-replicates", "3", "-months", "24", "-window", "12", "-ref", "small", "-out", plain, small)
	a, _ := os.ReadFile(filepath.Join(cmp, "monthly.parquet"))
	b, _ := os.ReadFile(filepath.Join(plain, "monthly.parquet"))
	if bytes.Equal(a, b) {
		t.Error("the posterior draws changed nothing")
	}
	code, _, errs = govsim(t, context.Background(), "compare", "-posterior", dir, "-ref", "small", "-out", filepath.Join(dir, "bad"), small)
	if code != 2 || !strings.Contains(errs, "not the output of govsim calibrate") {
		t.Errorf("-posterior of a directory that is no calibration: exit %d: %s", code, errs)
	}
}

// TestExplorePosterior: govsim explore -posterior samples the parameters a
// calibration constrained from its posterior — every point's values of
// them are those of a particle of the final population — and the other
// uncertain parameters over their ranges; a posterior whose parameters the
// explore does not vary is refused.
func TestExplorePosterior(t *testing.T) {
	skipUnderRace(t, "TestCalibrateShards runs calibrate's batches under the race detector")
	noShardEnv(t)
	dir := t.TempDir()
	cal := tinyFiles(t, dir, tinyCalibration)
	calDir := filepath.Join(dir, "cal")
	sweepOK(t, "calibrate", cal, "-out", calDir)
	small := filepath.Join(dir, "small.toml")
	ex := filepath.Join(dir, "ex")
	sweepOK(t, "explore", "-posterior", calDir, "-samples", "8", "-replicates", "1", "-months", "24", "-window", "12", "-ref", "small", "-out", ex, small, "zhengjing")
	post, err := os.ReadFile(filepath.Join(calDir, "posterior.csv"))
	if err != nil {
		t.Fatal(err)
	}
	sd, err := table.OpenSweepDir(ex)
	if err != nil {
		t.Fatal(err)
	}
	spec := &sd.File.Spec
	col := slices.IndexFunc(spec.Factors, func(x table.SweepFactor) bool { return x.Key == "economy.lambda0" })
	if col < 0 || len(spec.Factors) < 3 {
		t.Fatalf("factors %v", spec.Factors)
	}
	distinct := map[float64]bool{}
	for i, pt := range spec.Points {
		distinct[pt[col]] = true
		if !bytes.Contains(post, []byte(fmt.Sprint(pt[col]))) {
			t.Errorf("point %d: economy.lambda0 = %v is no particle of the posterior", i, pt[col])
		}
	}
	if len(distinct) < 2 {
		t.Error("every point took one draw")
	}
	ranges := writeFile(t, filepath.Join(dir, "ranges.toml"), "[[factor]]\nkey = \"economy.lambda0\"\nmin = 0.3\nmax = 0.6\n")
	code, _, errs := govsim(t, context.Background(), "explore", "-posterior", calDir, "-ranges", ranges, "-samples", "8", "-months", "24", "-ref", "small", "-out", filepath.Join(dir, "bad"), small, "zhengjing")
	if code != 2 || !strings.Contains(errs, "disputes.compensation_rate, which this explore does not vary") {
		t.Errorf("a posterior beyond the ranges: exit %d: %s", code, errs)
	}
}
