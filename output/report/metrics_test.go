package report

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/table"
)

// TestNewMetricIsOneEntry shows what adding a metric to the reports takes:
// one entry in the metric table (here a test-only copy of sim's with
// "queue_length" added as a headline, terminal metric) and its values in
// the tables (in the model: one line in the mechanism that observes it).
// The ranked table of report.html, the terminal table and summary.csv all
// show it, with its label and unit, without touching the report code.
func TestNewMetricIsOneEntry(t *testing.T) {
	dir := t.TempDir()
	metrics := append(sim.Metrics(), sim.Metric{Name: "queue_length", Unit: "people", Label: "queue", Title: "Queue at the service centre",
		LabelZH: "排队人数", Better: sim.LowerIsBetter, Headline: 12, Terminal: true, Display: sim.Display{Unit: "people", Scale: 1, Format: "%.1f"}})

	// Two scenarios, three replicates, two months of the new metric and
	// the composite index (the ranking).
	var b bytes.Buffer
	b.WriteString(table.Header(table.MonthlyColumns()))
	for _, sc := range []string{"baseline", "reform"} {
		for rep := 0; rep < 3; rep++ {
			for month := 0; month < 2; month++ {
				q, c := 10.0+float64(rep), 0.5+0.01*float64(rep)
				if sc == "reform" {
					q, c = q-4, c+0.1
				}
				fmt.Fprintf(&b, "%s,%d,1,%d,queue_length,%g\n%s,%d,1,%d,composite_index,%g\n", sc, rep, month, q, sc, rep, month, c)
			}
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "monthly.csv"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// The manifest lists the runs and their scenarios' months and villages:
	// the report checks the tables against it.
	cfg := "months = 2\n[district]\nvillages = 2\n"
	man := table.Manifest{Govsim: "test", Scenarios: []table.ManifestScenario{{Name: "baseline", Config: cfg}, {Name: "reform", Config: cfg}}}
	for _, sc := range []string{"baseline", "reform"} {
		for rep := 0; rep < 3; rep++ {
			man.Runs = append(man.Runs, table.ManifestRun{Scenario: sc, Replicate: rep, Seed: 1, MonthlyRows: 4})
		}
	}
	rd, err := table.CreateRunDir(filepath.Join(dir, "scratch"), man, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := rd.Commit(false); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, "scratch", "manifest.json"), filepath.Join(dir, "manifest.json")); err != nil {
		t.Fatal(err)
	}

	var out bytes.Buffer
	if err := Compare(&out, Comparison{Dir: dir, Ref: "baseline", Window: 2, Maps: Maps{By: "status"}, Version: "test", Metrics: metrics}); err != nil {
		t.Fatal(err)
	}
	html, _ := os.ReadFile(filepath.Join(dir, "report.html"))
	summary, _ := os.ReadFile(filepath.Join(dir, "summary.csv"))
	for what, text := range map[string]string{"report.html": string(html), "terminal table": out.String()} {
		if !strings.Contains(text, "queue") {
			t.Errorf("%s lacks the new metric's column:\n%s", what, text)
		}
	}
	if !strings.Contains(string(html), "people") || !strings.Contains(out.String(), "7.0±") {
		t.Errorf("the new column lacks its unit or its display format:\n%s", out.String())
	}
	if !strings.Contains(string(summary), "\nreform,queue_length,people,lower,3,7,") {
		t.Errorf("summary.csv lacks the new metric:\n%s", summary)
	}
}
