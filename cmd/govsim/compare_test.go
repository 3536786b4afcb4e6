package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/govsim/govsim/sim/testkit"
)

// TestCompareEndToEnd runs compare on two scenarios and checks every file
// it promises, then rebuilds the report from the saved output.
func TestCompareEndToEnd(t *testing.T) {
	out := filepath.Join(t.TempDir(), "cmp")
	code, stdout, errs := govsim(t, context.Background(), "compare", "-replicates", "3", "-months", "72", "-window", "24", "-out", out, "baseline", "zhengjing", "nanhai")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"#", "scenario", "composite", "nanhai", "zhengjing", "baseline", "patterns held"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("terminal table lacks %q:\n%s", want, stdout)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		if n := len([]rune(line)); n > 100 {
			t.Errorf("line of %d columns (want ≤ 100): %s", n, line)
		}
	}
	summary, err := os.ReadFile(filepath.Join(out, "summary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(summary), "scenario,metric,unit,better,n,mean,sd,ci_low,ci_high,diff,diff_low,diff_high,p,p_holm,d\n") {
		t.Fatalf("summary.csv header: %q", strings.SplitN(string(summary), "\n", 2)[0])
	}
	if !strings.Contains(string(summary), "\nzhengjing,vote_buying_rate,share of voters,lower,3,") {
		t.Error("summary.csv lacks zhengjing's vote buying row, with its unit and direction")
	}
	// Money in the report's unit: the fiscal row's mean is the report's
	// M yuan/year, not yuan a month.
	if !strings.Contains(string(summary), "\nbaseline,fiscal_spending,M yuan/year,lower,3,") {
		t.Error("summary.csv lacks the fiscal row in M yuan/year")
	}
	for _, line := range strings.Split(string(summary), "\n") {
		if f := strings.Split(line, ","); strings.HasPrefix(line, "baseline,fiscal_spending,") {
			if v, err := strconv.ParseFloat(f[5], 64); err != nil || v < 1 || v > 1e4 {
				t.Errorf("baseline's fiscal spending in summary.csv: %q, not M yuan/year", f[5])
			}
		}
	}
	html, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	// The Reproduce section holds the command as the user typed it, ready
	// to paste; the footer names the build; the composite's definition is
	// under the ranked tables.
	cmdLine := "govsim compare -replicates 3 -months 72 -window 24 -out " + out + " baseline zhengjing nanhai\n"
	for _, want := range []string{"Reform packages compared", "<svg", "P0", "P7", "nanhai", cmdLine, testBuild.String(),
		"How the composite index is made", "Trust in the committee (trust_committee)", "25.0%"} {
		if !bytes.Contains(html, []byte(want)) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	for _, bad := range []string{`src="http`, `href="http`, "<link", "@import"} {
		if bytes.Contains(html, []byte(bad)) {
			t.Errorf("report.html is not self-contained: %q", bad)
		}
	}
	pngs, _ := filepath.Glob(filepath.Join(out, "charts", "*.png"))
	svgs, _ := filepath.Glob(filepath.Join(out, "charts", "*.svg"))
	if len(pngs) < 10 || len(pngs) != len(svgs) {
		t.Errorf("charts: %d PNG, %d SVG", len(pngs), len(svgs))
	}

	// report rebuilds the same summary from saved output.
	code, _, errs = govsim(t, context.Background(), "report", "-window", "24", out)
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, errs)
	}
	again, _ := os.ReadFile(filepath.Join(out, "summary.csv"))
	if !bytes.Equal(again, summary) {
		t.Error("govsim report wrote a different summary.csv from the same output")
	}
	html, _ = os.ReadFile(filepath.Join(out, "report.html"))
	if !bytes.Contains(html, []byte(cmdLine+"govsim report -window 24 "+out+"\n")) {
		t.Error("the rebuilt report does not give both commands, data then report")
	}
	// Another reference.
	code, stdout, errs = govsim(t, context.Background(), "report", "-ref", "zhengjing", "-window", "24", out)
	if code != 0 || !strings.Contains(stdout, "ref: zhengjing") {
		t.Fatalf("report -ref zhengjing: exit %d: %s %s", code, stdout, errs)
	}
}

func TestCompareAdaptive(t *testing.T) {
	out := filepath.Join(t.TempDir(), "ad")
	// A precision no replicate count reaches: stops at -max-replicates and says so.
	code, stdout, errs := govsim(t, context.Background(), "compare", "-precision", "0.0001", "-replicates", "2", "-max-replicates", "4",
		"-months", "36", "-window", "12", "-out", out, "baseline", "zhengjing")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") } // the terminal wraps at 100 columns
	if !strings.Contains(flat(stdout), "precision ±0.01% NOT met: stopped by -max-replicates at 4 replicates per scenario; 11 of 11 headline metrics are wider: composite_index (±") {
		t.Errorf("terminal output does not say the precision was not met, and for which metrics:\n%s", stdout)
	}
	// Before it starts it says what it will run; before each added batch,
	// how far it is, what the spread suggests, and what the batch costs.
	for _, want := range []string{
		"precision: adding replicates until every headline metric's 95% half-width is within ±0.01% of its mean",
		"first 2 replicates × 2 scenarios = 4 runs, doubling up to -max-replicates 4 (8 runs at most)",
		"precision ±0.01% not reached at 2 replicates: 11 of 11 headline metrics wider (widest: ",
		"more than -max-replicates 4 allows; running up to 4: 4 more runs, about ",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	m := readManifest(t, out)
	if m.Replicates != 4 || len(m.Runs) != 8 {
		t.Fatalf("manifest: %d replicates, %d runs; want 4 and 8", m.Replicates, len(m.Runs))
	}
	if p := m.Precision; p == nil || p.Met || p.Replicates != 4 || p.Target != 0.0001 || p.Widest == "" || len(p.Metrics) != 11 || p.Metrics[0].Met {
		t.Fatalf("manifest precision: %+v", m.Precision)
	}
	html, _ := os.ReadFile(filepath.Join(out, "report.html"))
	if !bytes.Contains(html, []byte("max-replicates")) {
		t.Error("report does not say that -max-replicates stopped replication")
	}
	// A loose precision stops at once and says which metric was widest.
	out2 := filepath.Join(t.TempDir(), "ad2")
	code, stdout, errs = govsim(t, context.Background(), "compare", "-precision", "0.9", "-replicates", "3",
		"-months", "36", "-window", "12", "-out", out2, "baseline")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(flat(stdout), "precision ±90% met at 3 replicates per scenario: all 11 headline metrics' 95% half-widths are within it") {
		t.Errorf("terminal output does not say the precision was met:\n%s", stdout)
	}
	html, _ = os.ReadFile(filepath.Join(out2, "report.html"))
	if !bytes.Contains(html, []byte("precision ±90% met at 3 replicates")) {
		t.Error("report does not give the precision stop reason")
	}
}

// TestCompareShortRun: a run shorter than the default 60-month window is
// summarised whole, and every view says so, instead of failing.
func TestCompareShortRun(t *testing.T) {
	out := filepath.Join(t.TempDir(), "short")
	code, stdout, errs := govsim(t, context.Background(), "compare", "-months", "12", "-replicates", "2", "-out", out, "baseline", "zhengjing")
	if code != 0 {
		t.Fatalf("compare -months 12: exit %d: %s", code, errs)
	}
	for _, want := range []string{"months 0–11 (the whole run)", "note: the 60-month window is longer than the runs' 12 months"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("terminal output lacks %q:\n%s", want, stdout)
		}
	}
	html, _ := os.ReadFile(filepath.Join(out, "report.html"))
	if !bytes.Contains(html, []byte("shortened from the 60 months asked for")) {
		t.Error("report does not say the window was shortened")
	}
	// run says the same.
	code, stdout, errs = govsim(t, context.Background(), "run", "-months", "12", "-replicates", "1", "-out", out+"-run", "baseline")
	if code != 0 || !strings.Contains(stdout, "months 0–11 (the whole run)") || !strings.Contains(stdout, "note: the 60-month window") {
		t.Errorf("run -months 12: exit %d: %s %s", code, stdout, errs)
	}
}

func TestReportBadInput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "r")
	if code, _, errs := govsim(t, context.Background(), "run", "-replicates", "2", "-months", "24", "-out", out, "zhengjing"); code != 0 {
		t.Fatal(errs)
	}
	// Not govsim output.
	if code, _, errs := govsim(t, context.Background(), "report", dir); code != 2 || !strings.Contains(errs, "not govsim output") {
		t.Errorf("non-output dir: exit %d: %s", code, errs)
	}
	// Reference not run.
	if code, _, errs := govsim(t, context.Background(), "report", "-window", "12", out); code != 2 || !strings.Contains(errs, "baseline") {
		t.Errorf("missing reference: exit %d: %s", code, errs)
	}
	// Another version's output (its checksum made anew: the version is
	// what is refused).
	mpath := filepath.Join(out, "manifest.json")
	m := readManifest(t, out)
	m.Govsim = "0.0.1"
	m.Checksum = m.Sum()
	b, _ := json.Marshal(m)
	if err := os.WriteFile(mpath, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := govsim(t, context.Background(), "report", "-ref", "zhengjing", "-window", "12", out); code != 2 || !strings.Contains(errs, "0.0.1") {
		t.Errorf("other version: exit %d: %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(out, "report.html")); err == nil {
		t.Error("report.html written despite bad input")
	}
	// compare: bad flags write nothing.
	for _, args := range [][]string{
		{"compare", "-ref", "nosuch", "-out", filepath.Join(dir, "c1"), "baseline"},
		{"compare", "-precision", "2", "-out", filepath.Join(dir, "c2")},
		{"compare", "-window", "5000", "-months", "100", "-out", filepath.Join(dir, "c3")},
	} {
		code, _, errs := govsim(t, context.Background(), args...)
		if code != 2 {
			t.Errorf("%v: exit %d: %s", args, code, errs)
		}
		for i, a := range args {
			if a == "-out" {
				if _, err := os.Stat(args[i+1]); err == nil {
					t.Errorf("%v wrote its output directory", args)
				}
			}
		}
	}
}

// TestParquetRunDir: run and compare write monthly.parquet and
// villages.parquet holding exactly the rows of their CSV twins; report and
// rerun read them back.
func TestParquetRunDir(t *testing.T) {
	dir := t.TempDir()
	csvDir, pqDir := filepath.Join(dir, "csv"), filepath.Join(dir, "pq")
	for _, c := range []struct{ out, format string }{{csvDir, "csv"}, {pqDir, "parquet"}} {
		code, _, errs := govsim(t, context.Background(), "compare", "-format", c.format, "-replicates", "2", "-months", "36", "-window", "12",
			"-workers", "2", "-out", c.out, "baseline", "zhengjing")
		if code != 0 {
			t.Fatalf("-format %s: exit %d: %s", c.format, code, errs)
		}
	}
	for _, name := range []string{"monthly", "villages"} {
		testkit.SameParquetCSV(t, filepath.Join(pqDir, name+".parquet"), filepath.Join(csvDir, name+".csv"))
		if _, err := os.Stat(filepath.Join(pqDir, name+".csv")); err == nil {
			t.Errorf("-format parquet also wrote %s.csv", name)
		}
	}
	if m := readManifest(t, pqDir); m.Format != "parquet" {
		t.Errorf("manifest format %q", m.Format)
	}
	// The report made from Parquet has the same numbers.
	a, _ := os.ReadFile(filepath.Join(csvDir, "summary.csv"))
	b, _ := os.ReadFile(filepath.Join(pqDir, "summary.csv"))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Error("summary.csv from Parquet differs from the one from CSV")
	}
	html, _ := os.ReadFile(filepath.Join(pqDir, "report.html"))
	if !bytes.Contains(html, []byte("map-satisfaction-baseline-11.png")) {
		t.Error("the report from Parquet has no village map")
	}
	// rerun reproduces the Parquet files byte for byte.
	code, stdout, errs := govsim(t, context.Background(), "rerun", "-out", filepath.Join(dir, "again"), pqDir)
	if code != 0 || !strings.Contains(stdout, "monthly.parquet  identical") || !strings.Contains(stdout, "villages.parquet identical") {
		t.Errorf("rerun: exit %d: %s %s", code, stdout, errs)
	}
	// A bad format is refused before anything runs.
	if code, _, errs := govsim(t, context.Background(), "run", "-format", "xlsx", "-out", filepath.Join(dir, "x")); code != 2 || !strings.Contains(errs, "allowed csv | parquet") {
		t.Errorf("-format xlsx: exit %d: %s", code, errs)
	}
}

// TestCompareFonts: -font none labels the charts in pinyin and English and
// the report says so; a font file that does not load is bad input, found
// before anything runs.
func TestCompareFonts(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "latin")
	code, _, errs := govsim(t, context.Background(), "compare", "-font", "none", "-replicates", "2", "-months", "24", "-window", "12", "-out", out, "baseline", "zhengjing")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	html, _ := os.ReadFile(filepath.Join(out, "report.html"))
	svg, _ := os.ReadFile(filepath.Join(out, "charts", "ts-composite_index.svg"))
	if !bytes.Contains(html, []byte("Charts are labelled in pinyin and English (-font none).")) || !bytes.Contains(svg, []byte("zhengjing (politics/economy separated)")) {
		t.Error("-font none: the report does not say so, or the legend is not in pinyin")
	}
	bad := filepath.Join(dir, "bad")
	code, _, errs = govsim(t, context.Background(), "compare", "-font", filepath.Join(dir, "nosuch.ttc"), "-out", bad)
	if code != 2 || !strings.Contains(errs, "-font") || strings.Count(errs, "\n") != 1 {
		t.Errorf("bad -font: exit %d: %q", code, errs)
	}
	if _, err := os.Stat(bad); err == nil {
		t.Error("bad -font wrote its output directory")
	}
}
