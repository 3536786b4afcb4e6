package chart

import (
	"bytes"
	"errors"
	"math"
	"testing"

	"gonum.org/v1/plot"
)

// TestOptimisationCharts: the front and the progress charts render, to the
// same bytes twice, with and without a colour scale, and refuse what they
// cannot draw.
func TestOptimisationCharts(t *testing.T) {
	var pts []FrontPoint
	for i := range 40 {
		x := float64(i) / 39
		pts = append(pts, FrontPoint{X: 150 + 100*x, Y: 0.5 + 0.2*math.Sqrt(x) - 0.03*float64(i%3), C: 0.1 * float64(i%5), Front: i%3 == 0, Adaptive: i%6 == 0, Label: "p"})
	}
	pts = append(pts, FrontPoint{X: math.NaN(), Y: 1, Front: true}) // skipped
	build := map[string]func() (*plot.Plot, error){
		"front coloured": func() (*plot.Plot, error) {
			return Front("The front", "fiscal_spending (M yuan/year)", "composite_index", Colour{Label: "petitions", Lo: 0, Hi: 0.4}, pts)
		},
		"front plain": func() (*plot.Plot, error) { return Front("The front", "a", "b", Colour{}, pts) },
		"progress": func() (*plot.Plot, error) {
			return Progress("Hypervolume", "hypervolume", []float64{0.9, 1.0, 1.05, math.NaN(), 1.1})
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
				if err := Save(p, *writeDir, "optimise-"+name, testW, testH); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
	for name, f := range map[string]func() error{
		"front without a front": func() error { _, err := Front("t", "x", "y", Colour{}, []FrontPoint{{X: 1, Y: 1}}); return err },
		"progress empty":        func() error { _, err := Progress("t", "y", []float64{math.NaN()}); return err },
	} {
		if err := f(); !errors.Is(err, ErrNoData) {
			t.Errorf("%s: %v does not wrap ErrNoData", name, err)
		}
	}
	if _, err := Front("t", "x", "y", Colour{Label: "c", Lo: 1, Hi: 0}, pts); err == nil {
		t.Error("an inverted colour scale was drawn")
	}
}
