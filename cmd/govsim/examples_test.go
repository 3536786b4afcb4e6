//go:build !race

// The documentation examples run whole commands; they check the docs, not
// concurrency, so they stay out of the (slow) race pass.

package main

import (
	"bufio"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/govsim/govsim/output/report"
)

// examples extracts the example command lines of a text: lines that start
// with "govsim " after optional indentation or "$ ", or `go run ./cmd/govsim`.
func examples(text string) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		line = strings.TrimPrefix(line, "$ ")
		if i := strings.Index(line, " #"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		switch {
		case strings.HasPrefix(line, "go run ./cmd/govsim "):
			out = append(out, "govsim "+strings.TrimPrefix(line, "go run ./cmd/govsim "))
		case strings.HasPrefix(line, "govsim ") && !strings.HasPrefix(line, "govsim <"):
			out = append(out, line)
		}
	}
	return out
}

// runExample runs one documented command line in dir. Simulation commands
// get short horizons appended (later flags win), so the example's own flags
// and scenario names are checked without a full run.
func runExample(t *testing.T, line string) {
	t.Helper()
	redirect := ""
	if i := strings.Index(line, ">"); i >= 0 {
		redirect = strings.TrimSpace(line[i+1:])
		line = strings.TrimSpace(line[:i])
	}
	args := strings.Fields(line)[1:]
	if len(args) > 0 {
		switch args[0] {
		case "run":
			args = append(args, "-months", "24", "-replicates", "2")
		case "report":
			args = append(args[:1], append([]string{"-window", "12"}, args[1:]...)...)
		case "compare":
			args = append(args, "-months", "36", "-window", "24", "-replicates", "2", "-max-replicates", "4")
		}
	}
	code, out, errs := govsim(t, context.Background(), args...)
	if code != 0 {
		t.Fatalf("%q: exit %d: %s", line, code, errs)
	}
	if redirect != "" {
		if err := os.WriteFile(redirect, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestHelpExamples runs every example in the help texts, in order, in a
// scratch directory.
func TestHelpExamples(t *testing.T) {
	var all []string
	for _, name := range []string{"help", "compare", "run", "report", "analyze", "scenarios", "show", "params", "validate"} {
		h := helps()[name]
		i := strings.Index(h, "\nExample")
		if i < 0 {
			t.Fatalf("help for %s has no examples", name)
		}
		all = append(all, examples(h[i:])...)
	}
	if len(all) < 8 {
		t.Fatalf("found only %d examples", len(all))
	}
	t.Chdir(t.TempDir())
	for _, line := range all {
		if testing.Short() && strings.Contains(line, "nanhai-full") {
			continue
		}
		runExample(t, line)
	}
}

// TestREADMEExamples runs the commands of the README's shell blocks.
func TestREADMEExamples(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	inBlock := false
	for _, l := range strings.Split(string(readme), "\n") {
		switch {
		case strings.HasPrefix(l, "```sh"):
			inBlock = true
		case strings.HasPrefix(l, "```"):
			inBlock = false
		case inBlock:
			lines = append(lines, l)
		}
	}
	ex := examples(strings.Join(lines, "\n"))
	if len(ex) < 4 {
		t.Fatalf("README has only %d govsim examples", len(ex))
	}
	t.Chdir(t.TempDir())
	for _, line := range ex {
		if testing.Short() && strings.Contains(line, "nanhai-full") {
			continue
		}
		runExample(t, line)
	}
}

// TestAnalyzeHelpDefaults: the default metrics the help of analyze lists
// are the ones it uses.
func TestAnalyzeHelpDefaults(t *testing.T) {
	h := strings.Join(strings.Fields(helpText("analyze")), " ")
	want := "metrics, " + strings.Join(report.DefaultSensitivityMetrics(), ", ") + ")"
	if !strings.Contains(h, want) {
		t.Errorf("govsim help analyze does not list the default metrics %q", want)
	}
}
