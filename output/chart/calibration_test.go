package chart

import (
	"bytes"
	"errors"
	"math"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// TestCalibrationCharts: each calibration chart renders, to the same bytes
// twice, and refuses what it cannot draw.
func TestCalibrationCharts(t *testing.T) {
	vals, ws := make([]float64, 200), make([]float64, 200)
	pts := make([]PairPoint, 200)
	for i := range vals {
		x := float64(i) / 199
		vals[i], ws[i] = 0.3+0.2*x*x, 1+math.Sin(float64(i))
		pts[i] = PairPoint{X: vals[i], Y: 1 - x, Weight: ws[i]}
	}
	var prior []plotter.XY
	for i := 0; i <= 10; i++ {
		prior = append(prior, plotter.XY{X: 0.3 + 0.03*float64(i), Y: 1 / 0.3})
	}
	build := map[string]func() (*plot.Plot, error){
		"marginal": func() (*plot.Plot, error) {
			return MarginalChart("economy.lambda0", "economy.lambda0", Marginal{Values: vals, Weights: ws, Low: 0.3, High: 0.6, Prior: prior, Mark: 0.45})
		},
		"pair": func() (*plot.Plot, error) {
			return Pair("a × b", "a", "b", pts, [2]float64{0.3, 0.6}, [2]float64{0, 1})
		},
		"constraint": func() (*plot.Plot, error) {
			return Constraint("posterior SD / prior SD", []Ratio{{"economy.lambda0", 0.4}, {"reform.sigma_shift", 1.02}, {"x", math.NaN()}}, 0.8)
		},
		"predictive": func() (*plot.Plot, error) {
			return Predictive("observed vs predicted", []PredictiveRow{
				{Label: "dispute_mix", PriorLow: -3, PriorHigh: 2, Low: -1, Median: 0.2, High: 1.1, Inside: true, PriorKnown: true, PostKnown: true},
				{Label: "far", PriorLow: -40, PriorHigh: -20, Low: -30, Median: -25, High: -21, PriorKnown: true, PostKnown: true},
				{Label: "undefined"},
			})
		},
	}
	for name, f := range build {
		t.Run(name, func(t *testing.T) {
			var svgs [2][]byte
			for i := range svgs {
				p, err := f()
				if err != nil {
					t.Fatal(err)
				}
				if svgs[i], err = SVG(p, testW, testH); err != nil {
					t.Fatal(err)
				}
			}
			if !bytes.Equal(svgs[0], svgs[1]) || !bytes.Contains(svgs[0], []byte("<svg")) {
				t.Error("the chart does not render to the same SVG twice")
			}
			if *writeDir != "" {
				p, _ := f()
				if err := Save(p, *writeDir, "calibration-"+name, testW, testH); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
	for name, f := range map[string]func() error{
		"marginal without data": func() error { _, err := MarginalChart("t", "x", Marginal{Low: 0, High: 1}); return err },
		"marginal empty range": func() error {
			_, err := MarginalChart("t", "x", Marginal{Values: vals, Weights: ws, Low: 1, High: 1})
			return err
		},
		"pair without weight": func() error {
			_, err := Pair("t", "x", "y", []PairPoint{{1, 1, 0}}, [2]float64{0, 1}, [2]float64{0, 1})
			return err
		},
		"constraint empty": func() error { _, err := Constraint("t", nil, 0.8); return err },
		"predictive empty": func() error { _, err := Predictive("t", nil); return err },
	} {
		if err := f(); err == nil {
			t.Errorf("%s: no error", name)
		} else if name != "marginal empty range" && name != "pair without weight" && !errors.Is(err, ErrNoData) {
			t.Errorf("%s: %v does not wrap ErrNoData", name, err)
		}
	}
}
