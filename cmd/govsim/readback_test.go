//go:build !race

// Reading back what govsim writes makes reports and analyses, which the
// race detector slows tenfold; these tests check files, not concurrency,
// so they stay out of the race pass (as the documentation examples do).

package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/table"
)

// TestEveryCSVReadsBack: every CSV file govsim writes — a comparison's
// tables and summary, a sweep's tables with monthly rows, a sensitivity
// analysis — is read back by govsim's reader of its layout, with scenario
// names of Chinese characters, dots and dashes; and the long tables by
// their checked readers too.
func TestEveryCSVReadsBack(t *testing.T) {
	noShardEnv(t)
	t.Chdir(t.TempDir())
	var scs []string
	for _, name := range []string{"baseline", "南海-试点_2.0"} {
		scs = append(scs, writeFile(t, name+".toml", "extends = \"baseline\"\nname = \""+name+"\"\n[district]\nvillages = 6\n"))
	}
	mustExit(t, context.Background(), 0, nil, append([]string{"compare", "-format", "csv", "-months", "24", "-window", "12", "-replicates", "2", "-out", "c"}, scs...)...)
	fastSweep(t, "m.toml", strings.Replace(smallSweep, `design = "lhs"`, `design = "morris"`, 1))
	sweepOK(t, "sweep", "m.toml", "-samples", "2", "-monthly", "-out", "m")
	mustExit(t, context.Background(), 0, nil, "analyze", "-bootstrap", "10", "m")

	layouts := map[string][]table.Column{
		"c/monthly.csv": table.MonthlyColumns(), "c/villages.csv": table.VillagesColumns(),
		"c/summary.csv": table.SummaryColumns(), "m/sensitivity.csv": table.SensitivityColumns(),
	}
	sw, err := table.OpenSweepDir("m")
	if err != nil {
		t.Fatal(err)
	}
	for name, cols := range sw.File.Spec.Layouts() {
		layouts["m/"+name+".csv"] = cols
	}
	written, _ := filepath.Glob("*/*.csv")
	if len(written) != len(layouts) {
		t.Errorf("govsim wrote %v; the test knows the layouts of %d", written, len(layouts))
	}
	for path, cols := range layouts {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		rows := 0
		err = table.ReadCSV(f, path, cols, func(int, []table.Cell) error { rows++; return nil })
		f.Close()
		if err != nil || rows == 0 {
			t.Errorf("%s does not read back: %d rows, %v", path, rows, err)
		}
	}
	man, err := table.ReadManifest("c")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	if err := table.ReadRunMonthly("c", &man, sim.DistrictMetrics(), func(table.MonthlyRow) error { n++; return nil }); err != nil || n == 0 {
		t.Errorf("monthly.csv against its manifest: %d rows, %v", n, err)
	}
	if err := table.ReadSweepResults("m", &sw.File, func(table.ResultRow) error { return nil }); err != nil {
		t.Errorf("results.csv against sweep.json: %v", err)
	}
}

// copyDir copies the regular files of src (and its subdirectories) to dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// corrupt applies edit to the lines of a table (header first, no final
// newline dropped unless edit drops it).
func corrupt(t *testing.T, path string, edit func(lines []string) string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, edit(strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")))
}

func joinLines(l []string) string { return strings.Join(l, "\n") + "\n" }

// TestAnalysisInputsChecked: report and analyze check the tables against
// their manifests and stop at the first row that does not match —
// truncated, duplicated, reordered, foreign, out of range or not finite —
// naming its file and line, without writing a report.
func TestAnalysisInputsChecked(t *testing.T) {
	noShardEnv(t)
	t.Chdir(t.TempDir())
	scs := smallScenarios(t)
	mustExit(t, context.Background(), 0, nil, append([]string{"run", "-months", "24", "-replicates", "2", "-out", "r"}, scs...)...)
	mustExit(t, context.Background(), 0, nil, "report", "-window", "12", "r")
	for i, tc := range []struct {
		file string
		edit func([]string) string
		want string
	}{
		{"monthly.csv", func(l []string) string { return joinLines(l[:len(l)*2/3]) }, "truncated"},
		{"monthly.csv", func(l []string) string { s := joinLines(l); return s[:len(s)-3] }, "without a newline"},
		{"monthly.csv", func(l []string) string { return joinLines(append(l, l[len(l)-1])) }, "twice"},
		{"monthly.csv", func(l []string) string { return joinLines(append(l, l[5])) }, "monthly.csv:"},
		{"monthly.csv", func(l []string) string {
			f := strings.Split(l[7], ",")
			f[3] = "9999"
			l[7] = strings.Join(f, ",")
			return joinLines(l)
		}, "monthly.csv:8: month 9999 is past the 24 months"},
		{"monthly.csv", func(l []string) string {
			f := strings.Split(l[9], ",")
			f[5] = "+Inf"
			l[9] = strings.Join(f, ",")
			return joinLines(l)
		}, "monthly.csv:10: value +Inf is not finite"},
		{"monthly.csv", func(l []string) string {
			for i := range l {
				l[i] = strings.Replace(l[i], "zhengjing,1,", "zhengjing,7,", 1)
			}
			return joinLines(l)
		}, "not the next run"},
		{"monthly.csv", func(l []string) string { l[3] = strings.Replace(l[3], ",1,0,", ",1,0,", 1) + "x"; return joinLines(l) }, "monthly.csv:4"},
		{"villages.csv", func(l []string) string {
			f := strings.Split(l[2], ",")
			f[4] = "6"
			l[2] = strings.Join(f, ",")
			return joinLines(l)
		}, "village 6 is past the 6 villages"},
	} {
		dir := fmt.Sprintf("bad%d", i)
		copyDir(t, "r", dir)
		os.Remove(filepath.Join(dir, "report.html"))
		corrupt(t, filepath.Join(dir, tc.file), tc.edit)
		code, _, errs := govsim(t, context.Background(), "report", "-window", "12", dir)
		if code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("case %d (%s): exit %d, want 2 and %q: %s", i, tc.file, code, tc.want, errs)
		}
		if _, err := os.Stat(filepath.Join(dir, "report.html")); err == nil {
			t.Errorf("case %d: a report was written from a damaged table", i)
		}
	}

	// A Morris sweep's results.
	fastSweep(t, "m.toml", strings.Replace(smallSweep, `design = "lhs"`, `design = "morris"`, 1))
	sweepOK(t, "sweep", "m.toml", "-samples", "2", "-out", "m")
	for i, tc := range []struct {
		edit func([]string) string
		want string
	}{
		{func(l []string) string { return joinLines(l[:len(l)-40]) }, "truncated"},
		{func(l []string) string { return joinLines(append(l[:3], append([]string{l[2]}, l[3:]...)...)) }, "results.csv:4: metric"},
		{func(l []string) string {
			f := strings.Split(l[1], ",")
			f[6] = "Inf"
			l[1] = strings.Join(f, ",")
			return joinLines(l)
		}, "results.csv:2: value +Inf is not finite"},
		{func(l []string) string {
			l[1] = strings.Replace(l[1], "0,0,baseline,0,", "0,1,baseline,0,", 1)
			return joinLines(l)
		}, "results.csv:2: run 0 is point 0"},
	} {
		dir := fmt.Sprintf("badm%d", i)
		copyDir(t, "m", dir)
		corrupt(t, filepath.Join(dir, "results.csv"), tc.edit)
		code, _, errs := govsim(t, context.Background(), "analyze", "-bootstrap", "10", dir)
		if code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("analyze case %d: exit %d, want 2 and %q: %s", i, code, tc.want, errs)
		}
	}
}
