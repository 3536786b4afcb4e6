package report

import (
	"fmt"
	"math"

	"github.com/govsim/govsim/analysis"
	"github.com/govsim/govsim/output/chart"
)

// The three analyses of a sweep, one per design: each computes its indices
// for one scenario and metric, writes them to sensitivity.csv and the
// terminal, checks the design is large enough, and draws a chart.

// morris screens the parameters with elementary effects. μ*, μ and σ are
// shown in the metric's display unit (M yuan/year for money).
func (a *sensitivity) morris(sc, m, title string, y []float64) (Chart, error) {
	units := make([][]float64, len(a.spec.Units))
	for i, u := range a.spec.Units {
		units[i] = make([]float64, len(u))
		for j, x := range u {
			units[i][j] = float64(x)
		}
	}
	k := len(a.names)
	idx, err := analysis.Morris(units, y, k, a.s.Bootstrap, a.spec.Seed)
	if err != nil {
		return Chart{}, badInput(fmt.Errorf("morris, %s %s: %w", sc, m, err))
	}
	d, nan := display(m), math.NaN()
	unit := ""
	if d.Unit != "" && d.Unit != "0–1" && d.Unit != "-" {
		unit = " (" + d.Unit + ")"
	}
	fmt.Fprintf(a.tw, "%s\t%s%s\tparameter\tμ*\t95%% interval\tμ\tσ\n", sc, m, unit)
	pts := make([]chart.MorrisPoint, len(idx))
	for _, x := range idx {
		p := a.names[x.Param]
		a.row(sc, m, p, "morris", "mu_star", x.MuStar, x.MuStarLow, x.MuStarHigh)
		a.row(sc, m, p, "morris", "mu", x.Mu, nan, nan)
		a.row(sc, m, p, "morris", "sigma", x.Sigma, nan, nan)
		fmt.Fprintf(a.tw, "\t\t%s\t%s\t[%s, %s]\t%s\t%s\n", p, d.Text(x.MuStar), d.Text(x.MuStarLow), d.Text(x.MuStarHigh), d.Text(x.Mu), d.Text(x.Sigma))
		pts[x.Param] = chart.MorrisPoint{Name: p, MuStar: x.MuStar * d.Scale, Sigma: x.Sigma * d.Scale,
			MuStarLow: x.MuStarLow * d.Scale, MuStarHigh: x.MuStarHigh * d.Scale}
	}
	a.warn(analysis.MorrisWarning(idx, len(y)/(k+1)), sc, m)
	plt, err := chart.MorrisScatter("Morris: "+title, pts, chartOptions(a.font)...)
	if err != nil {
		return Chart{}, err
	}
	return saveChart(plt, a.cdir, "morris-"+sc+"-"+m, "Morris: "+title,
		"Far right: the output is sensitive to the parameter; high: through interactions or non-linearity. The horizontal bars are μ*'s bootstrap 95% intervals.", 16, 10.5)
}

// sobol estimates first-order and total Sobol indices.
func (a *sensitivity) sobol(sc, m, title string, y []float64) (Chart, error) {
	k := len(a.names)
	yA, yB, yAB, err := analysis.SplitSaltelli(y, k)
	if err != nil {
		return Chart{}, badInput(fmt.Errorf("saltelli, %s %s: %w", sc, m, err))
	}
	idx, err := analysis.Sobol(yA, yB, yAB, a.s.Bootstrap, 0.95, a.spec.Seed)
	if err != nil {
		return Chart{}, badInput(fmt.Errorf("sobol, %s %s: %w", sc, m, err))
	}
	fmt.Fprintf(a.tw, "%s\t%s\tparameter\tS1\t95%% interval\tST\t95%% interval\n", sc, m)
	bars := make([]chart.SobolBar, len(idx))
	for _, x := range idx {
		p := a.names[x.Param]
		a.row(sc, m, p, "sobol", "S1", x.S1, x.S1Low, x.S1High)
		a.row(sc, m, p, "sobol", "ST", x.ST, x.STLow, x.STHigh)
		fmt.Fprintf(a.tw, "\t\t%s\t%.3f\t[%.3f, %.3f]\t%.3f\t[%.3f, %.3f]\n", p, x.S1, x.S1Low, x.S1High, x.ST, x.STLow, x.STHigh)
		bars[x.Param] = chart.SobolBar{Name: p, S1: x.S1, S1Low: x.S1Low, S1High: x.S1High, ST: x.ST, STLow: x.STLow, STHigh: x.STHigh}
	}
	if a.s.Bootstrap > 0 {
		a.warn(analysis.SobolWarning(idx, len(yA)), sc, m)
	}
	plt, err := chart.SobolBars("Sobol: "+title, bars, chartOptions(a.font)...)
	if err != nil {
		return Chart{}, err
	}
	return saveChart(plt, a.cdir, "sobol-"+sc+"-"+m, "Sobol: "+title,
		"First-order index: the share of the output's variance due to the parameter alone; total: including its interactions. Bars: bootstrap 95% intervals.", 16, 10.5)
}

// regression fits the outcome at the design points on the parameters' values:
// SRC and PRCC with their intervals, and R².
func (a *sensitivity) regression(sc, m, title string, y []float64) (Chart, error) {
	var xs [][]float64
	var ys []float64
	for i, v := range y {
		if finiteAll(v) { // points without a result (undefined metric) are left out
			xs, ys = append(xs, a.spec.Points[i]), append(ys, v)
		}
	}
	idx, r2, err := analysis.Regression(xs, ys, a.s.Bootstrap, 0.95, a.spec.Seed)
	if err != nil {
		return Chart{}, badInput(fmt.Errorf("regression, %s %s: %w", sc, m, err))
	}
	nan := math.NaN()
	fmt.Fprintf(a.tw, "%s\t%s\tparameter\tSRC\t95%% interval\tPRCC\t95%% interval\n", sc, m)
	bars := make([]chart.RegressionBar, len(idx))
	for _, x := range idx {
		p := a.names[x.Param]
		a.row(sc, m, p, "regression", "SRC", x.SRC, x.SRCLow, x.SRCHigh)
		a.row(sc, m, p, "regression", "PRCC", x.PRCC, x.PRCCLow, x.PRCCHigh)
		fmt.Fprintf(a.tw, "\t\t%s\t%+.3f\t[%+.3f, %+.3f]\t%+.3f\t[%+.3f, %+.3f]\n", p, x.SRC, x.SRCLow, x.SRCHigh, x.PRCC, x.PRCCLow, x.PRCCHigh)
		bars[x.Param] = chart.RegressionBar{Name: p, SRC: x.SRC, SRCLow: x.SRCLow, SRCHigh: x.SRCHigh, PRCC: x.PRCC, PRCCLow: x.PRCCLow, PRCCHigh: x.PRCCHigh}
	}
	a.row(sc, m, "", "regression", "R2", r2, nan, nan)
	fmt.Fprintf(a.tw, "\t\tR² of the linear fit\t%.3f\t\t\t\n", r2)
	for _, wn := range analysis.RegressionWarnings(len(ys), len(idx), r2) {
		a.warn(wn, sc, m)
	}
	plt, err := chart.RegressionBars(fmt.Sprintf("Regression: %s (R² = %.2f)", title, r2), bars, chartOptions(a.font)...)
	if err != nil {
		return Chart{}, err
	}
	return saveChart(plt, a.cdir, "regression-"+sc+"-"+m, "Regression: "+title,
		fmt.Sprintf("SRC: the output's change in SDs per SD of the parameter, others fixed (a linear fit with R² = %.2f); PRCC: the partial rank correlation, for any monotone relation. Right of zero: the parameter raises the output. Bars: bootstrap 95%% intervals.", r2), 16, 10.5)
}
