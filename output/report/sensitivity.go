package report

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/govsim/govsim/analysis"
	"github.com/govsim/govsim/output/chart"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/table"
	"github.com/govsim/govsim/version"
)

// Sensitivity says what a sensitivity analysis is made of.
type Sensitivity struct {
	Dir       string   // a finished sweep, design morris or saltelli
	Metrics   []string // nil: the terminal metrics
	Bootstrap int      // resamples for the intervals
	Version   string   // this govsim; a sweep written by another is refused
	// Build is this binary, named in the report.
	Build version.Info
}

// DefaultSensitivityMetrics are the metrics analysed when none are named.
func DefaultSensitivityMetrics() []string {
	var out []string
	for _, m := range sim.Terminal() {
		out = append(out, m.Name)
	}
	return out
}

// Analyze computes Morris or Sobol indices of a sweep, writes
// sensitivity.csv, charts/ and sensitivity.html beside it, and prints the
// indices to w.
func Analyze(w io.Writer, s Sensitivity) error {
	d, err := table.OpenSweepDir(s.Dir)
	if err != nil {
		return badInput(fmt.Errorf("%s is not the output of govsim sweep: %w", s.Dir, err))
	}
	spec := d.File.Spec
	if spec.Govsim != s.Version {
		return badInput(fmt.Errorf("%s was written by govsim %s; this is govsim %s: rerun the sweep", s.Dir, spec.Govsim, s.Version))
	}
	if spec.Design != "morris" && spec.Design != "saltelli" {
		return badInput(fmt.Errorf("%s holds a %s sweep: sensitivity indices need design morris or saltelli", s.Dir, spec.Design))
	}
	if s.Build.Version != "" {
		s.Version = s.Build.String()
	}
	metrics := s.Metrics
	if len(metrics) == 0 {
		metrics = DefaultSensitivityMetrics()
	}
	known := map[string]bool{}
	for _, m := range spec.Metrics {
		known[m] = true
	}
	for _, m := range metrics {
		if !known[m] {
			return badInput(fmt.Errorf("-metrics: unknown metric %q", m))
		}
	}
	path := filepath.Join(s.Dir, "results.csv")
	res := analysis.NewResults(len(spec.Points))
	if err := readFile(path, func(f io.Reader) error { return table.ReadResults(f, path, res.Add) }); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return badInput(fmt.Errorf("%s has no results.csv (a finished sweep in CSV format is needed; merge shards first): %w", s.Dir, err))
		}
		return badInput(err)
	}
	pm := res.Means()
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

	out := table.NewCSV(table.SensitivityColumns())
	row := func(sc, m, p, method, index string, v, lo, hi float64) {
		out.Add(table.Cell{S: sc}, table.Cell{S: m}, table.Cell{S: p}, table.Cell{S: method}, table.Cell{S: index},
			table.Cell{F: v}, table.Cell{F: lo}, table.Cell{F: hi})
	}
	cdir := filepath.Join(s.Dir, "charts")
	if err := os.MkdirAll(cdir, 0o755); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	section := Section{Title: "Sensitivity"}
	nan := math.NaN()
	for _, sc := range spec.Scenarios {
		for _, m := range metrics {
			y := pm[sc.Name][m]
			if y == nil {
				return badInput(fmt.Errorf("results.csv has no %s rows for scenario %s", m, sc.Name))
			}
			title := fmt.Sprintf("%s: %s", chart.ScenarioLabel(sc.Name), m)
			var ch Chart
			switch spec.Design {
			case "morris":
				idx, err := analysis.Morris(units, y, k, s.Bootstrap, spec.Seed)
				if err != nil {
					return badInput(fmt.Errorf("morris, %s %s: %w", sc.Name, m, err))
				}
				fmt.Fprintf(tw, "%s\t%s\tparameter\tμ*\t95%% interval\tμ\tσ\n", sc.Name, m)
				pts := make([]chart.MorrisPoint, len(idx))
				for _, x := range idx {
					row(sc.Name, m, names[x.Param], "morris", "mu_star", x.MuStar, x.MuStarLow, x.MuStarHigh)
					row(sc.Name, m, names[x.Param], "morris", "mu", x.Mu, nan, nan)
					row(sc.Name, m, names[x.Param], "morris", "sigma", x.Sigma, nan, nan)
					fmt.Fprintf(tw, "\t\t%s\t%.4g\t[%.4g, %.4g]\t%.4g\t%.4g\n", names[x.Param], x.MuStar, x.MuStarLow, x.MuStarHigh, x.Mu, x.Sigma)
					pts[x.Param] = chart.MorrisPoint{Name: names[x.Param], MuStar: x.MuStar, Sigma: x.Sigma}
				}
				plt, err := chart.MorrisScatter("Morris: "+title, pts)
				if err != nil {
					return err
				}
				ch, err = saveChart(plt, cdir, "morris-"+sc.Name+"-"+m, "Morris: "+title,
					"Far right: the output is sensitive to the parameter; high: through interactions or non-linearity.", 16, 10.5)
				if err != nil {
					return err
				}
			case "saltelli":
				yA, yB, yAB, err := analysis.SplitSaltelli(y, k)
				if err != nil {
					return badInput(fmt.Errorf("saltelli, %s %s: %w", sc.Name, m, err))
				}
				idx, err := analysis.Sobol(yA, yB, yAB, s.Bootstrap, 0.95, spec.Seed)
				if err != nil {
					return badInput(fmt.Errorf("sobol, %s %s: %w", sc.Name, m, err))
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
					"First-order index: the share of the output's variance due to the parameter alone; total: including its interactions.", 16, 10.5)
				if err != nil {
					return err
				}
			}
			section.Charts = append(section.Charts, ch)
		}
	}
	tw.Flush()
	csvPath := filepath.Join(s.Dir, "sensitivity.csv")
	if err := table.WriteFileAtomic(csvPath, out.Bytes()); err != nil {
		return err
	}
	sweepJSON, err := os.ReadFile(filepath.Join(s.Dir, "sweep.json"))
	if err != nil {
		return err
	}
	data := Data{
		Title: "Sensitivity of outcomes to parameters",
		Question: fmt.Sprintf("Which parameters move the outcomes most? %s design over %d parameters (%s), %d design points, %d replicates each; "+
			"each point's outcome is the mean over the final %d months.", spec.Design, k, strings.Join(names, ", "), len(spec.Points), spec.Replicates, spec.Window),
		Generated: time.Now().UTC().Format("2006-01-02 15:04 UTC"),
		Version:   s.Version,
		Commands:  []string{table.CommandLine([]string{"govsim", "analyze", s.Dir})},
		Manifest:  string(sweepJSON),
		Window:    fmt.Sprintf("final %d months", spec.Window),
		Sections:  []Section{section},
		Notes: []string{
			"sensitivity.csv beside this file holds every index with its bootstrap 95% interval.",
			"Morris (1991) elementary effects with μ* (Campolongo et al. 2007); Sobol indices by the Saltelli (2010) first-order and Jansen total estimators.",
		},
	}
	for _, sc := range spec.Scenarios {
		data.Scenarios = append(data.Scenarios, Scenario{Name: sc.Name, Label: chart.ScenarioLabel(sc.Name)})
	}
	if err := WriteFile(filepath.Join(s.Dir, "sensitivity.html"), data); err != nil {
		return err
	}
	fmt.Fprintf(w, "wrote %s, %s and charts/\n", csvPath, filepath.Join(s.Dir, "sensitivity.html"))
	return nil
}
