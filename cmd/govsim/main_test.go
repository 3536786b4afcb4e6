package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govsim/govsim/sim/table"
	"github.com/govsim/govsim/sim/testkit"
	"github.com/govsim/govsim/sim/version"
)

var update = flag.Bool("update", false, "rewrite golden files")

// testBuild stands for the binary in tests, so that golden files and
// manifests do not depend on the Git state or the toolchain.
var testBuild = version.Info{Version: version.Release, Module: "(devel)", Revision: "0123456789abcdef0123456789abcdef01234567", Go: "go1.26"}

// govsim runs a command line in-process and returns exit status, stdout
// and stderr.
func govsim(t *testing.T, ctx context.Context, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(ctx, env{stdout: &out, stderr: &errb, args: append([]string{"govsim"}, args...), build: testBuild}, args)
	return code, out.String(), errb.String()
}

// TestGolden pins the text users read: help pages, the scenario list, the
// parameter table and a resolved scenario.
func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"help", []string{"help"}},
		{"help-run", []string{"run", "-h"}},
		{"help-show", []string{"help", "show"}},
		{"help-params", []string{"params", "-h"}},
		{"help-validate", []string{"validate", "-h"}},
		{"help-scenarios", []string{"scenarios", "-h"}},
		{"scenarios", []string{"scenarios"}},
		{"params", []string{"params"}},
		{"show-zhengjing", []string{"show", "zhengjing"}},
		{"version", []string{"version"}},
		{"help-metrics", []string{"help", "metrics"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := govsim(t, context.Background(), tc.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			testkit.Golden(t, filepath.Join("testdata", tc.name+".golden"), []byte(out), *update)
		})
	}
}

func readManifest(t *testing.T, dir string) table.Manifest {
	t.Helper()
	m, err := table.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestRunEndToEnd runs two scenarios and checks the files, the manifest, the
// table, and byte-identical CSV for 1 and 2 workers.
func TestRunEndToEnd(t *testing.T) {
	dir := t.TempDir()
	var files [2][2][]byte
	for k, w := range []string{"1", "2"} {
		out := filepath.Join(dir, "out"+w)
		code, stdout, errs := govsim(t, context.Background(), "run", "-replicates", "2", "-months", "24", "-workers", w, "-out", out, "baseline", "zhengjing")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		for _, want := range []string{"scenario", "baseline", "zhengjing", "composite"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("table lacks %q:\n%s", want, stdout)
			}
		}
		for j, name := range []string{"monthly.csv", "villages.csv"} {
			b, err := os.ReadFile(filepath.Join(out, name))
			if err != nil {
				t.Fatal(err)
			}
			files[k][j] = b
		}
		m := readManifest(t, out)
		if !m.Complete || m.RunsDone != 4 || len(m.Runs) != 4 || len(m.Scenarios) != 2 || m.Seed != 1 || m.Govsim != version.Release || m.Build != testBuild || m.Command[0] != "govsim" {
			t.Errorf("manifest: %+v", m)
		}
		if !strings.Contains(m.Scenarios[1].Config, "[[reforms]]") {
			t.Errorf("manifest lacks the resolved configuration")
		}
		ents, _ := os.ReadDir(out)
		for _, e := range ents {
			if strings.Contains(e.Name(), ".tmp") {
				t.Errorf("temporary file left: %s", e.Name())
			}
		}
	}
	if !bytes.Equal(files[0][0], files[1][0]) || !bytes.Equal(files[0][1], files[1][1]) {
		t.Fatal("CSV differs between -workers 1 and -workers 2")
	}
	monthly := string(files[0][0])
	if !strings.HasPrefix(monthly, "scenario,replicate,seed,month,metric,value\n") {
		t.Fatalf("monthly.csv header: %q", monthly[:60])
	}
	if !strings.HasPrefix(string(files[0][1]), "scenario,replicate,seed,month,village,metric,value\n") {
		t.Fatal("villages.csv header")
	}
	for _, want := range []string{"\nbaseline,0,1,0,vote_buying_rate,", "\nzhengjing,1,1,23,composite_index,", ",dividend_per_share,"} {
		if !strings.Contains(monthly, want) {
			t.Errorf("monthly.csv lacks %q", want)
		}
	}
}

// TestBadInput checks that every kind of bad input gets one clear line on
// stderr and exit status 2, and that nothing in -out is touched.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	must := func(name, text string) {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	must("unknown.toml", "name = \"x\"\n[economy]\nlamda0 = 0.3\n")
	must("range.toml", "name = \"x\"\n\n[economy]\nlambda0 = 1.5\n")
	must("type.toml", "name = \"x\"\nmonths = \"long\"\n")
	must("ext.toml", "extends = \"nosuch\"\n")
	// An existing output directory with a file that must survive.
	if err := os.MkdirAll("out", 0o755); err != nil {
		t.Fatal(err)
	}
	must("out/monthly.csv", "precious\n")
	for _, tc := range []struct {
		args []string
		want []string // substrings of the one-line message
	}{
		{[]string{"run", "-replicates", "0", "-out", "out"}, []string{"-replicates", "1 to 100000"}},
		{[]string{"run", "-months", "5000", "-out", "out"}, []string{"-months", "1 to 1200"}},
		{[]string{"run", "-workers", "-1", "-out", "out"}, []string{"-workers"}},
		{[]string{"run", "-bogus", "-out", "out"}, []string{"bogus"}},
		{[]string{"run", "-seed", "abc", "-out", "out"}, []string{"seed"}},
		{[]string{"run", "-out", "out", "nosuch"}, []string{"nosuch", "baseline"}},
		{[]string{"run", "-out", "out", "unknown.toml"}, []string{"unknown.toml", "3", "lamda0", "lambda0"}},
		{[]string{"run", "-out", "out", "range.toml"}, []string{"range.toml", "4", "economy.lambda0", "[0, 1]"}},
		{[]string{"run", "-out", "out", "type.toml"}, []string{"type.toml", "2", "months"}},
		{[]string{"run", "-out", "out", "ext.toml"}, []string{"ext.toml", "nosuch"}},
		{[]string{"run", "-out", "out", "baseline", "baseline"}, []string{"twice"}},
		{[]string{"validate", "range.toml"}, []string{"range.toml", "economy.lambda0"}},
		{[]string{"run", "-set", "economy.lamda0=0.4", "-out", "out"}, []string{"-set", "economy.lamda0", `did you mean "economy.lambda0"`}},
		{[]string{"compare", "-set", "economy.lambda0=1.5", "-out", "out"}, []string{"-set", "economy.lambda0", "allowed [0, 1]"}},
		{[]string{"run", "-set", "months", "-out", "out"}, []string{"-set", "KEY=VALUE"}},
		{[]string{"show"}, []string{"one scenario"}},
		{[]string{"show", "nosuch"}, []string{"nosuch"}},
		{[]string{"frobnicate"}, []string{"unknown command"}},
		{[]string{"help", "frobnicate"}, []string{"frobnicate"}},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, _, errs := govsim(t, context.Background(), tc.args...)
			if code != 2 {
				t.Fatalf("exit %d, want 2; stderr: %s", code, errs)
			}
			if strings.Count(strings.TrimRight(errs, "\n"), "\n") != 0 {
				t.Errorf("want one line, got:\n%s", errs)
			}
			for _, w := range tc.want {
				if !strings.Contains(errs, w) {
					t.Errorf("message %q lacks %q", errs, w)
				}
			}
			b, err := os.ReadFile("out/monthly.csv")
			if err != nil || string(b) != "precious\n" {
				t.Fatalf("existing output touched: %q %v", b, err)
			}
			ents, _ := os.ReadDir("out")
			if len(ents) != 1 {
				t.Fatalf("bad input wrote into -out: %d entries", len(ents))
			}
		})
	}
}

// TestSetOverrides: -set changes a parameter in every scenario run, and the
// manifest records it both as given and in each resolved scenario, so that
// rerun reproduces it.
func TestSetOverrides(t *testing.T) {
	dir := t.TempDir()
	var monthly [2][]byte
	for i, set := range [][]string{nil, {"-set", "economy.lambda0=0.2", "-set", "composite.w_trust=3"}} {
		out := filepath.Join(dir, fmt.Sprint(i))
		args := append([]string{"run", "-months", "12", "-replicates", "1", "-out", out}, set...)
		args = append(args, "baseline", "zhengjing")
		if code, _, errs := govsim(t, context.Background(), args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		b, err := os.ReadFile(filepath.Join(out, "monthly.csv"))
		if err != nil {
			t.Fatal(err)
		}
		monthly[i] = b
		m := readManifest(t, out)
		if i == 0 {
			continue
		}
		if strings.Join(m.Set, " ") != "economy.lambda0=0.2 composite.w_trust=3" {
			t.Errorf("manifest set: %q", m.Set)
		}
		for _, sc := range m.Scenarios {
			if !strings.Contains(sc.Config, "lambda0 = 0.2") || !strings.Contains(sc.Config, "w_trust = 3.0") {
				t.Errorf("%s: resolved scenario lacks the overrides", sc.Name)
			}
		}
	}
	if bytes.Equal(monthly[0], monthly[1]) {
		t.Error("-set changed nothing in the results")
	}
}

// TestInterrupted checks that a cancelled run exits 130 and keeps only whole
// runs, with a manifest that says so.
func TestInterrupted(t *testing.T) {
	out := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	code, _, errs := govsim(t, ctx, "run", "-replicates", "3", "-months", "12", "-out", out, "baseline")
	if code != 130 {
		t.Fatalf("exit %d, want 130: %s", code, errs)
	}
	if !strings.Contains(errs, "interrupted") {
		t.Errorf("stderr: %s", errs)
	}
	m := readManifest(t, out)
	if m.Complete || m.RunsDone != len(m.Runs) {
		t.Fatalf("manifest after interrupt: complete=%v runs_done=%d runs=%d", m.Complete, m.RunsDone, len(m.Runs))
	}
	b, err := os.ReadFile(filepath.Join(out, "monthly.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// Only whole runs: every kept run has all its months.
	for _, r := range m.Runs {
		prefix := r.Scenario + "," + itoa(r.Replicate) + ",1,11,composite_index,"
		if !bytes.Contains(b, []byte(prefix)) {
			t.Errorf("run %+v kept without its last month", r)
		}
	}
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

// TestValidateListsEveryProblem: validate reports every problem of every
// file, one per line, and exit status 2; run stops at the first and says
// how many more there are.
func TestValidateListsEveryProblem(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.WriteFile("three.toml", []byte("name = \"x\"\n[economy]\nlamda0 = 0.4\nlambda0 = 1.5\n[district]\nvillages = \"many\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, errs := govsim(t, context.Background(), "validate", "three.toml", "baseline")
	if code != 2 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	want := []string{"three.toml:3: economy.lamda0", "three.toml:4: economy.lambda0", "three.toml:6: district.villages", "govsim validate: 3 problems in 1 of the 2 files"}
	if len(lines) != len(want) {
		t.Fatalf("stderr:\n%s", errs)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d: %q, want %q…", i+1, lines[i], w)
		}
	}
	if !strings.HasPrefix(stdout, "ok  baseline") {
		t.Errorf("the good file is not reported: %q", stdout)
	}
	code, _, errs = govsim(t, context.Background(), "run", "-out", "out", "three.toml")
	if code != 2 || !strings.Contains(errs, "(and 2 more in the file: govsim validate lists them)") || strings.Count(errs, "\n") != 1 {
		t.Errorf("run: exit %d: %q", code, errs)
	}
}
