package main

import (
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"gonum.org/v1/plot"

	"github.com/govsim/govsim/analysis"
	"github.com/govsim/govsim/output"
	"github.com/govsim/govsim/output/chart"
	"github.com/govsim/govsim/output/report"
)

const analyzeHelp = `Usage: govsim analyze [-metrics M,M] [-bootstrap N] DIR

Computes sensitivity indices from a finished sweep in DIR (govsim sweep with
design morris or saltelli, CSV format):
  morris    μ* (with a bootstrap 95% interval), μ and σ of the elementary
            effects, per scenario, metric and parameter
  saltelli  first-order and total Sobol indices (Saltelli 2010 and Jansen
            estimators) with bootstrap 95% intervals
Each run's result is the metric's mean over the sweep's final window; each
design point's is the mean over its replicates. Writes sensitivity.csv
(scenario,metric,parameter,method,index,value,low,high), charts/ (Morris
μ*–σ scatter, Sobol bars) and sensitivity.html beside the sweep, and prints
the indices.

Flags:
  -metrics M,M     metrics to analyse (default: composite_index,
                   satisfaction_migrant, disputes_opened_per_1000,
                   vote_buying_rate, leakage_share, fiscal_spending)
  -bootstrap N     bootstrap resamples for the intervals (default 1000)

Examples:
  govsim sweep -example morris > morris.toml
  govsim sweep -samples 4 -out sw-morris morris.toml
  govsim analyze sw-morris
`

const defaultSensitivityMetrics = "composite_index,satisfaction_migrant,disputes_opened_per_1000,vote_buying_rate,leakage_share,fiscal_spending"

func cmdAnalyze(_ context.Context, e env, args []string) error {
	fs := newFlags("analyze", analyzeHelp, e)
	metricsFlag := fs.String("metrics", defaultSensitivityMetrics, "metrics to analyse")
	boot := fs.Int("bootstrap", 1000, "bootstrap resamples")
	pos, err := parse(fs, analyzeHelp, e, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("analyze takes one sweep output directory (see govsim analyze -h)")
	}
	if err := intRange("bootstrap", *boot, 0, 100000); err != nil {
		return err
	}
	dir := pos[0]
	b, err := os.ReadFile(filepath.Join(dir, "sweep.json"))
	if err != nil {
		return badInput{fmt.Errorf("%s is not the output of govsim sweep: %w", dir, err)}
	}
	var sf output.SweepFile
	if err := json.Unmarshal(b, &sf); err != nil {
		return badInput{fmt.Errorf("%s: %w", filepath.Join(dir, "sweep.json"), err)}
	}
	spec := sf.Spec
	if spec.Govsim != version {
		return badInput{fmt.Errorf("%s was written by govsim %s; this is govsim %s: rerun the sweep", dir, spec.Govsim, version)}
	}
	if spec.Design != "morris" && spec.Design != "saltelli" {
		return badInput{fmt.Errorf("%s holds a %s sweep: sensitivity indices need design morris or saltelli", dir, spec.Design)}
	}
	metrics := strings.Split(*metricsFlag, ",")
	known := map[string]bool{}
	for _, m := range spec.Metrics {
		known[m] = true
	}
	for _, m := range metrics {
		if !known[m] {
			return badInput{fmt.Errorf("-metrics: unknown metric %q", m)}
		}
	}
	rf, err := os.Open(filepath.Join(dir, "results.csv"))
	if err != nil {
		return badInput{fmt.Errorf("%s has no results.csv (a finished sweep in CSV format is needed; merge shards first): %w", dir, err)}
	}
	pm, err := analysis.ReadResults(rf, filepath.Join(dir, "results.csv"), len(spec.Points))
	rf.Close()
	if err != nil {
		return badInput{err}
	}
	k := len(spec.Factors)
	names := make([]string, k)
	for i, f := range spec.Factors {
		names[i] = f.Key
	}
	units := make([][]float64, len(spec.Units))
	for i, u := range spec.Units {
		units[i] = make([]float64, len(u))
		for j, x := range u {
			units[i][j] = float64(x)
		}
	}

	var csv strings.Builder
	csv.WriteString("scenario,metric,parameter,method,index,value,low,high\n")
	row := func(sc, m, p, method, index string, v, lo, hi float64) {
		fmt.Fprintf(&csv, "%s,%s,%s,%s,%s,%s,%s,%s\n", sc, m, p, method, index, num(v), num(lo), num(hi))
	}
	cdir := filepath.Join(dir, "charts")
	if err := os.MkdirAll(cdir, 0o755); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	var section report.Section
	section.Title = "Sensitivity"
	for _, sc := range spec.Scenarios {
		for _, m := range metrics {
			y := pm[sc.Name][m]
			if y == nil {
				return badInput{fmt.Errorf("results.csv has no %s rows for scenario %s", m, sc.Name)}
			}
			title := fmt.Sprintf("%s: %s", chart.ScenarioLabel(sc.Name), m)
			var ch report.Chart
			switch spec.Design {
			case "morris":
				idx, err := analysis.Morris(units, y, k, *boot, spec.Seed)
				if err != nil {
					return badInput{fmt.Errorf("morris, %s %s: %w", sc.Name, m, err)}
				}
				fmt.Fprintf(tw, "%s\t%s\tparameter\tμ*\t95%% interval\tμ\tσ\n", sc.Name, m)
				pts := make([]chart.MorrisPoint, len(idx))
				for _, x := range idx {
					row(sc.Name, m, names[x.Param], "morris", "mu_star", x.MuStar, x.MuStarLow, x.MuStarHigh)
					row(sc.Name, m, names[x.Param], "morris", "mu", x.Mu, math.NaN(), math.NaN())
					row(sc.Name, m, names[x.Param], "morris", "sigma", x.Sigma, math.NaN(), math.NaN())
					fmt.Fprintf(tw, "\t\t%s\t%.4g\t[%.4g, %.4g]\t%.4g\t%.4g\n", names[x.Param], x.MuStar, x.MuStarLow, x.MuStarHigh, x.Mu, x.Sigma)
					pts[x.Param] = chart.MorrisPoint{Name: names[x.Param], MuStar: x.MuStar, Sigma: x.Sigma}
				}
				plt, err := chart.MorrisScatter("Morris: "+title, pts)
				if err != nil {
					return err
				}
				ch, err = saveChart(plt, cdir, "morris-"+sc.Name+"-"+m, "Morris: "+title,
					"Far right: the output is sensitive to the parameter; high: through interactions or non-linearity.")
				if err != nil {
					return err
				}
			case "saltelli":
				yA, yB, yAB, err := analysis.SplitSaltelli(y, k)
				if err != nil {
					return badInput{fmt.Errorf("saltelli, %s %s: %w", sc.Name, m, err)}
				}
				idx, err := analysis.Sobol(yA, yB, yAB, *boot, 0.95, spec.Seed)
				if err != nil {
					return badInput{fmt.Errorf("sobol, %s %s: %w", sc.Name, m, err)}
				}
				fmt.Fprintf(tw, "%s\t%s\tparameter\tS1\t95%% interval\tST\t95%% interval\n", sc.Name, m)
				bars := make([]chart.SobolBar, len(idx))
				for _, x := range idx {
					row(sc.Name, m, names[x.Param], "sobol", "S1", x.S1, x.S1Low, x.S1High)
					row(sc.Name, m, names[x.Param], "sobol", "ST", x.ST, x.STLow, x.STHigh)
					fmt.Fprintf(tw, "\t\t%s\t%.3f\t[%.3f, %.3f]\t%.3f\t[%.3f, %.3f]\n", names[x.Param], x.S1, x.S1Low, x.S1High, x.ST, x.STLow, x.STHigh)
					bars[x.Param] = chart.SobolBar{Name: names[x.Param], S1: x.S1, S1Low: x.S1Low, S1High: x.S1High, ST: x.ST, STLow: x.STLow, STHigh: x.STHigh}
				}
				plt, err := chart.SobolBars("Sobol: "+title, bars)
				if err != nil {
					return err
				}
				ch, err = saveChart(plt, cdir, "sobol-"+sc.Name+"-"+m, "Sobol: "+title,
					"First-order index: the share of the output's variance due to the parameter alone; total: including its interactions.")
				if err != nil {
					return err
				}
			}
			section.Charts = append(section.Charts, ch)
		}
	}
	tw.Flush()
	if err := output.WriteFileAtomic(filepath.Join(dir, "sensitivity.csv"), []byte(csv.String())); err != nil {
		return err
	}
	data := report.Data{
		Title: "Sensitivity of outcomes to parameters",
		Question: fmt.Sprintf("Which parameters move the outcomes most? %s design over %d parameters (%s), %d design points, %d replicates each; "+
			"each point's outcome is the mean over the final %d months.", spec.Design, k, strings.Join(names, ", "), len(spec.Points), spec.Replicates, spec.Window),
		Generated: time.Now().UTC().Format("2006-01-02 15:04 UTC"),
		Version:   version,
		Command:   "govsim analyze " + dir,
		Manifest:  string(b),
		Window:    fmt.Sprintf("final %d months", spec.Window),
		Sections:  []report.Section{section},
		Notes: []string{
			"sensitivity.csv beside this file holds every index with its bootstrap 95% interval.",
			"Morris (1991) elementary effects with μ* (Campolongo et al. 2007); Sobol indices by the Saltelli (2010) first-order and Jansen total estimators.",
		},
	}
	for _, sc := range spec.Scenarios {
		data.Scenarios = append(data.Scenarios, report.Scenario{Name: sc.Name, Label: chart.ScenarioLabel(sc.Name)})
	}
	if err := report.WriteFile(filepath.Join(dir, "sensitivity.html"), data); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s, %s and charts/\n", filepath.Join(dir, "sensitivity.csv"), filepath.Join(dir, "sensitivity.html"))
	return nil
}

// saveChart writes a chart as PNG and SVG and returns it for a report.
func saveChart(plt *plot.Plot, dir, name, title, caption string) (report.Chart, error) {
	const w, h = 16.0, 10.5
	if err := chart.Save(plt, dir, name, w, h); err != nil {
		return report.Chart{}, err
	}
	svg, err := chart.SVG(plt, w, h)
	if err != nil {
		return report.Chart{}, err
	}
	return report.Chart{Title: title, Caption: caption, SVG: template.HTML(svg), PNG: filepath.Join("charts", name+".png")}, nil
}

func num(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return ""
	}
	return string(output.AppendValue(nil, x))
}
