package report

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/govsim/govsim/analysis"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/table"
)

func TestDistrictText(t *testing.T) {
	teaching := table.ManifestScenario{Name: "baseline", Config: "[district]\nvillages = 60\nscale = 20.0\n"}
	full := table.ManifestScenario{Name: "nanhai-full", Config: "[district]\nvillages = 282\nscale = 1.0\n"}
	for _, tc := range []struct {
		scs  []table.ManifestScenario
		want string
	}{
		{[]table.ManifestScenario{teaching, {Name: "zhengjing", Config: teaching.Config}},
			"60 units at 1 agent = 20 people, 21% of the 282 units of the reference district (Nanhai) the calibration describes: district totals, money included, are for these 60 units, not for Nanhai"},
		{[]table.ManifestScenario{full}, "282 units at 1 agent = 1 people, the whole reference district (282 units, Nanhai)"},
		{[]table.ManifestScenario{teaching, full}, "baseline: 60 units at 1 agent = 20 people, 21% of"},
	} {
		got, err := districtText(tc.scs)
		if err != nil || !strings.HasPrefix(got, tc.want) {
			t.Errorf("districtText = %q, %v; want %q…", got, err, tc.want)
		}
	}
	if _, err := districtText([]table.ManifestScenario{{Name: "bad", Config: "[district\n"}}); err == nil || !strings.Contains(err.Error(), "scenario bad") {
		t.Errorf("a broken configuration: %v", err)
	}
}

func TestResidentsAndSeeds(t *testing.T) {
	d := analysis.NewRuns()
	for rep := range 2 {
		for m := range 24 {
			v := 500000 + 1000*float64(m) + 10*float64(rep)
			d.Add(table.MonthlyRow{Scenario: "baseline", Replicate: rep, Month: m, Metric: sim.ResidentPeople.Name(), Value: v})
		}
	}
	if got := residentsText(d, "baseline"); got != "0.50 million at month 0, 0.52 million at month 23 (baseline, mean over its replicates)" {
		t.Errorf("residentsText = %q", got)
	}
	if got := residentsText(analysis.NewRuns(), "baseline"); got != "" {
		t.Errorf("residentsText without the metric = %q", got)
	}
	man := table.Manifest{Seed: 7, Runs: []table.ManifestRun{{Scenario: "baseline", Replicate: 0, Seed: 7}, {Scenario: "baseline", Replicate: 1, Seed: 7}, {Scenario: "zhengjing", Replicate: 0, Seed: 7}, {Scenario: "zhengjing", Replicate: 1, Seed: 7}}}
	if got := seedsText(man, "baseline"); got != "seed 7, replicates 0–1: a run's random streams come from the seed and its replicate number, the same in every scenario (common random numbers); every run is listed in manifest.json" {
		t.Errorf("seedsText = %q", got)
	}
	man.Runs = []table.ManifestRun{{Scenario: "baseline", Replicate: 0, Seed: 11}, {Scenario: "baseline", Replicate: 1, Seed: 12}, {Scenario: "zhengjing", Replicate: 0, Seed: 11}, {Scenario: "zhengjing", Replicate: 1, Seed: 99}}
	if got := seedsText(man, "baseline"); got != "master seed 7; run seeds 11, 12; every run is listed in manifest.json" {
		t.Errorf("seedsText of seeds that differ = %q", got)
	}
	for x, want := range map[float64]string{123: "123", 99999: "99999", 534000: "0.53 million", 2.5e6: "2.50 million"} {
		if got := people(x); got != want {
			t.Errorf("people(%v) = %q, want %q", x, got, want)
		}
	}
}

func TestPrecisionTexts(t *testing.T) {
	st := analysis.PrecisionStatus{Target: 0.05, Replicates: 10, Needed: 61, Metrics: []analysis.MetricPrecision{
		{Metric: "composite_index", Scenario: "nanhai", Rel: 0.004, Met: true},
		{Metric: "petitions_per_1000", Scenario: "zhengshe", Rel: 0.123, Met: false},
	}}
	got := PrecisionProgress(st, 20, 100, 5, 50, 100*time.Second)
	for _, want := range []string{"precision ±5% not reached at 10 replicates: 1 of 2 headline metrics wider (widest: petitions_per_1000 in zhengshe, ±12.3%)",
		"the spread so far suggests about 61 replicates", "running up to 20: 50 more runs, about 1m40s at 0.50 runs/s (to 61 replicates: about 9 min)"} {
		if !strings.Contains(got, want) {
			t.Errorf("PrecisionProgress lacks %q:\n%s", want, got)
		}
	}
	if got := PrecisionProgress(st, 20, 40, 5, 0, 0); !strings.Contains(got, "more than -max-replicates 40 allows; running up to 20: 50 more runs") || strings.Contains(got, "about 1") {
		t.Errorf("PrecisionProgress without a pace: %s", got)
	}
	rec := PrecisionRecord(st, 100)
	if rec.Met || rec.Target != 0.05 || len(rec.Metrics) != 2 || rec.Widest != "petitions_per_1000 in zhengshe, ±12.3%" {
		t.Errorf("PrecisionRecord = %+v", rec)
	}
	if got := PrecisionNote(*rec); got != "precision ±5% NOT met: stopped by -max-replicates at 10 replicates per scenario; 1 of 2 headline metrics are wider: petitions_per_1000 (±12.3% in zhengshe); raise -max-replicates or accept wider intervals" {
		t.Errorf("PrecisionNote = %q", got)
	}
	st.Metrics[1].Rel, st.Metrics[1].Met = math.Inf(1), false
	if got := PrecisionNote(*PrecisionRecord(st, 100)); !strings.Contains(got, "petitions_per_1000 (no interval in zhengshe)") {
		t.Errorf("PrecisionNote of an undefined interval = %q", got)
	}
	st.Metrics[1].Rel, st.Metrics[1].Met = 0.01, true
	if got := PrecisionNote(*PrecisionRecord(st, 100)); !strings.HasPrefix(got, "precision ±5% met at 10 replicates per scenario: all 2 headline metrics") {
		t.Errorf("PrecisionNote met = %q", got)
	}
	for d, want := range map[time.Duration]string{300 * time.Millisecond: "under a second", 95 * time.Second: "1m35s", 15 * time.Minute: "15 min", 150 * time.Minute: "2h30m0s"} {
		if got := roundDuration(d); got != want {
			t.Errorf("roundDuration(%s) = %q, want %q", d, got, want)
		}
	}
	if pct(0.05) != "5%" || pct(0.0001) != "0.01%" || pct(0.125) != "12.5%" {
		t.Errorf("pct: %s %s %s", pct(0.05), pct(0.0001), pct(0.125))
	}
}

func TestSummaryUnits(t *testing.T) {
	rows := []analysis.Row{
		{Scenario: "baseline", Metric: sim.FiscalSpending.Name(), N: 3, Mean: 10e6, SD: 1e6, CILow: 9e6, CIHigh: 11e6, Diff: math.NaN(), DiffLow: math.NaN(), DiffHigh: math.NaN(), P: math.NaN(), PHolm: math.NaN(), D: math.NaN()},
		{Scenario: "baseline", Metric: sim.GiniIncome.Name(), N: 3, Mean: 0.3, SD: 0.01, CILow: 0.29, CIHigh: 0.31, Diff: math.NaN(), DiffLow: math.NaN(), DiffHigh: math.NaN(), P: math.NaN(), PHolm: math.NaN(), D: math.NaN()},
	}
	got := string(Summary(rows, sim.Metrics()))
	for _, want := range []string{"scenario,metric,unit,better,n,mean,", "\nbaseline,fiscal_spending,M yuan/year,lower,3,120,12,108,132,,,,,,\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("summary.csv lacks %q:\n%s", want, got)
		}
	}
	if !strings.Contains(got, "\nbaseline,gini_income,0–1,") {
		t.Errorf("summary.csv:\n%s", got)
	}
}

func TestSensitivityWords(t *testing.T) {
	if plural(1, "replicate") != "1 replicate" || plural(4, "replicate") != "4 replicates" {
		t.Error("plural")
	}
	if got := metricTitle(sim.Petitions.Name()); got != "Petitions (per 1,000/month)" {
		t.Errorf("metricTitle = %q", got)
	}
	if got := metricTitle("nothing"); got != "nothing" {
		t.Errorf("metricTitle of an unknown metric = %q", got)
	}
}
