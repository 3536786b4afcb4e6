package main

import (
	"context"
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
	mustExit(t, context.Background(), 0, nil, append([]string{"compare", "-months", "24", "-window", "12", "-replicates", "2", "-out", "c"}, scs...)...)
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
