package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/govsim/govsim/analysis"
	"github.com/govsim/govsim/output"
	"github.com/govsim/govsim/output/chart"
	"github.com/govsim/govsim/output/report"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim"
)

func cmdReport(_ context.Context, e env, args []string) error {
	fs := newFlags("report", reportHelp, e)
	ref := fs.String("ref", "baseline", "reference scenario")
	window := fs.Int("window", 60, "months at the end summarised")
	maps := fs.String("maps", "", "months of the village maps, comma-separated year ends (default: first and last year)")
	mapBy := fs.String("map-by", "satisfaction", "colour of the village maps: satisfaction, trust or status")
	pos, err := parse(fs, reportHelp, e, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("report takes one output directory (see govsim report -h)")
	}
	if err := intRange("window", *window, 1, 1200); err != nil {
		return err
	}
	mo, err := parseMapFlags(*maps, *mapBy)
	if err != nil {
		return err
	}
	return writeReport(e, pos[0], *ref, *window, mo, "")
}

// headline is a column of the ranked tables.
type headline struct {
	metric, label, unit, format string
	higherBetter                bool
	terminal                    bool // shown in the terminal table too
	scale                       float64
}

func headlines() []headline {
	return []headline{
		{"composite_index", "composite", "0–1", "%.3f", true, true, 1},
		{"disputes_opened_per_1000", "disputes", "per 1,000/month", "%.3f", false, true, 1},
		{"petitions_per_1000", "petitions", "per 1,000/month", "%.3f", false, false, 1},
		{"vote_buying_rate", "vote buying", "share of voters", "%.3f", false, true, 1},
		{"satisfaction_local", "sat. locals", "0–1", "%.3f", true, true, 1},
		{"satisfaction_migrant", "sat. migrants", "0–1", "%.3f", true, false, 1},
		{"trust_committee", "trust", "0–1", "%.3f", true, false, 1},
		{"integration", "integration", "0–1", "%.3f", true, true, 1},
		{"urban_rural_service_gap", "service gap", "quality", "%.3f", false, false, 1},
		{"dividend_per_share", "div./share", "yuan/year", "%.0f", true, true, 1},
		{"fiscal_spending", "fiscal", "M yuan/year", "%.1f", false, true, 12e-6},
	}
}

// writeReport analyses an output directory and writes summary.csv, charts/ and
// report.html beside the data; it prints the ranked table.
func writeReport(e env, dir, ref string, window int, mo mapOptions, replicatesNote string) error {
	man, err := output.ReadManifest(dir)
	if err != nil {
		return badInput{err}
	}
	if man.Govsim != version {
		return badInput{fmt.Errorf("%s was written by govsim %s; this is govsim %s: rerun to compare like with like", dir, man.Govsim, version)}
	}
	f, err := os.Open(filepath.Join(dir, "monthly.csv"))
	if err != nil {
		return badInput{fmt.Errorf("%s is not govsim output: %w", dir, err)}
	}
	d, err := analysis.ReadMonthly(f, filepath.Join(dir, "monthly.csv"))
	f.Close()
	if err != nil {
		return badInput{err}
	}
	if len(d.Replicates(ref)) == 0 {
		return badInput{fmt.Errorf("reference scenario %q was not run in %s (scenarios: %s); set -ref", ref, dir, strings.Join(d.Scenarios, ", "))}
	}
	if window > d.Months {
		return badInput{fmt.Errorf("-window = %d is longer than the %d months in %s", window, d.Months, dir)}
	}
	for _, m := range mo.months {
		if m >= d.Months {
			return badInput{fmt.Errorf("-maps: month %d is past the %d months in %s", m, d.Months, dir)}
		}
	}
	from, to := d.Months-window, d.Months
	var metrics []string
	for _, m := range d.Metrics {
		metrics = append(metrics, m)
	}
	rows, err := analysis.Compare(d, ref, metrics, from, to, 0.95)
	if err != nil {
		return badInput{err}
	}
	var vy map[int][]analysis.VillageYear
	if len(d.Replicates("baseline")) > 0 {
		if g, err := os.Open(filepath.Join(dir, "villages.csv")); err == nil {
			vy, err = analysis.ReadVillageYears(g, filepath.Join(dir, "villages.csv"), "baseline")
			g.Close()
			if err != nil {
				return badInput{err}
			}
		}
	}
	checks := analysis.Patterns(d, vy, from, to, 0.95)

	if err := output.WriteFileAtomic(filepath.Join(dir, "summary.csv"), output.Summary(rows)); err != nil {
		return err
	}
	sections, err := charts(dir, d, rows, ref, from, to, mo)
	if err != nil {
		return err
	}
	if replicatesNote == "" {
		replicatesNote = fmt.Sprintf("%d per scenario", len(d.Replicates(ref)))
	}
	data := reportData(man, d, rows, checks, sections, ref, from, to, replicatesNote)
	if err := report.WriteFile(filepath.Join(dir, "report.html"), data); err != nil {
		return err
	}
	printRanked(e.stdout, d, rows, ref, from, to)
	held := 0
	checked := 0
	for _, c := range checks {
		if c.Skipped == "" {
			checked++
			if c.Held {
				held++
			}
		}
	}
	fmt.Fprintf(e.stdout, "patterns held: %d of %d checked; report: %s\n", held, checked, filepath.Join(dir, "report.html"))
	return nil
}

// printRanked prints scenarios ranked by composite_index with headline
// metrics as mean ± 95% half-width, within 100 columns.
func printRanked(w io.Writer, d *analysis.Runs, rows []analysis.Row, ref string, from, to int) {
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "#\tscenario\t")
	for _, h := range headlines() {
		if h.terminal {
			fmt.Fprintf(tw, "%s\t", h.label)
		}
	}
	fmt.Fprintln(tw)
	for i, s := range analysis.Rank(rows, "composite_index") {
		fmt.Fprintf(tw, "%d\t%s\t", i+1, s)
		for _, h := range headlines() {
			if !h.terminal {
				continue
			}
			r, _ := analysis.Find(rows, s, h.metric)
			fmt.Fprintf(tw, "%s\t", meanHalf(r, h))
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	fmt.Fprintf(w, "mean ± 95%% half-width over replicates, months %d–%d; fiscal: M yuan/year; ref: %s\n", from, to-1, ref)
}

func meanHalf(r analysis.Row, h headline) string {
	if math.IsNaN(r.Mean) {
		return "—"
	}
	half := (r.CIHigh - r.CILow) / 2
	mean := r.Mean * h.scale
	half *= h.scale
	if math.IsNaN(half) {
		return fmt.Sprintf(h.format, mean)
	}
	return fmt.Sprintf(h.format+"±"+h.format, mean, half)
}

func reportData(man output.Manifest, d *analysis.Runs, rows []analysis.Row, checks []analysis.Check, sections []report.Section, ref string, from, to int, repNote string) report.Data {
	mj, _ := json.MarshalIndent(man, "", "  ")
	data := report.Data{
		Title: "Reform packages compared",
		Question: "Which reform package does best on disputes, elections, services, integration and money — by how much, " +
			"how sure are we, and at what fiscal cost? Each scenario was simulated over replicates from the same seeds; " +
			"differences are against the reference scenario with 95% Welch intervals, Holm-adjusted across metrics.",
		Generated:  time.Now().UTC().Format("2006-01-02 15:04 UTC"),
		Version:    version,
		Command:    strings.Join(man.Command, " "),
		Manifest:   string(mj),
		Reference:  ref,
		Window:     fmt.Sprintf("final %d years (months %d–%d)", (to-from)/12, from, to-1),
		Replicates: repNote,
		Sections:   sections,
	}
	if (to-from)%12 != 0 {
		data.Window = fmt.Sprintf("final %d months (months %d–%d)", to-from, from, to-1)
	}
	def := sim.Default()
	for _, ms := range man.Scenarios {
		sc := report.Scenario{Name: ms.Name, Label: chart.ScenarioLabel(ms.Name)}
		if parsed, err := scenarios.Parse(ms.Name, []byte(ms.Config), ""); err == nil {
			sc.Description = parsed.Config.Description
			for _, p := range sim.Params() {
				if p.Key == "name" || p.Key == "description" {
					continue
				}
				if v := p.Format(&parsed.Config); v != p.Format(&def) {
					sc.Settings = append(sc.Settings, report.Setting{Key: p.Key, Value: v})
				}
			}
			for _, r := range parsed.Config.Reforms {
				v := fmt.Sprintf("from month %d, %s", r.Start, r.Coverage)
				if r.Coverage == "pilot" {
					v += fmt.Sprintf(" (%.0f%%)", 100*r.Fraction)
				}
				sc.Settings = append(sc.Settings, report.Setting{Key: "reform " + r.Kind, Value: v})
			}
		}
		data.Scenarios = append(data.Scenarios, sc)
	}
	for _, h := range headlines() {
		data.Columns = append(data.Columns, report.Column{Metric: h.metric, Label: h.label, Unit: h.unit, HigherIsBetter: h.higherBetter, Format: h.format})
	}
	refFiscal, _ := analysis.Find(rows, ref, "fiscal_spending")
	refComp, _ := analysis.Find(rows, ref, "composite_index")
	for i, s := range analysis.Rank(rows, "composite_index") {
		rr := report.RankedRow{Rank: i + 1, Scenario: s, Label: chart.ScenarioLabel(s), CostEffectiveness: "—"}
		for _, h := range headlines() {
			r, _ := analysis.Find(rows, s, h.metric)
			c := report.Cell{Mean: r.Mean * h.scale, Half: (r.CIHigh - r.CILow) / 2 * h.scale,
				Diff: r.Diff * h.scale, DiffLow: r.DiffLow * h.scale, DiffHigh: r.DiffHigh * h.scale, PHolm: r.PHolm,
				Significant: r.PHolm < 0.05}
			rr.Cells = append(rr.Cells, c)
		}
		if s != ref {
			fr, _ := analysis.Find(rows, s, "fiscal_spending")
			cr, _ := analysis.Find(rows, s, "composite_index")
			ce := analysis.CostEffectiveness(cr.Mean-refComp.Mean, 12*(fr.Mean-refFiscal.Mean))
			if !math.IsNaN(ce) && !math.IsInf(ce, 0) {
				rr.CostEffectiveness = fmt.Sprintf("%+.4f per 100 M yuan/year", ce)
			}
		}
		data.Ranked = append(data.Ranked, rr)
	}
	for _, c := range checks {
		data.Patterns = append(data.Patterns, report.Pattern{ID: c.ID, Claim: c.Claim, Held: c.Held, Evidence: c.Evidence, Skipped: c.Skipped})
	}
	data.Notes = []string{
		"Intervals are 95% Student t intervals over replicates; differences use Welch's t; markers are grey when the Holm-adjusted p-value is 0.05 or more.",
		"Cost-effectiveness is the change in composite_index per 100 million yuan a year of extra district spending against the reference.",
		"summary.csv beside this file has every metric: scenario, metric, n, mean, sd, ci_low, ci_high, diff, diff_low, diff_high, p, p_holm, d.",
	}
	return data
}

// parseMapFlags checks -maps and -map-by.
func parseMapFlags(maps, by string) (mapOptions, error) {
	mo := mapOptions{by: by}
	switch by {
	case "satisfaction", "trust", "status":
	default:
		return mo, usagef("-map-by = %q is not allowed: allowed satisfaction | trust | status", by)
	}
	if maps == "" {
		return mo, nil
	}
	for _, f := range strings.Split(maps, ",") {
		m, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || m < 0 || m > 1200 || m%12 != 11 {
			return mo, usagef("-maps: %q is not a year-end month: allowed 11, 23, 35, … (villages.csv has yearly rows)", f)
		}
		mo.months = append(mo.months, m)
	}
	return mo, nil
}
