package chart

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The charts of a calibration report: a parameter's posterior against its
// prior (Marginal), two parameters' particles (Pair), how much the data
// narrowed each parameter (Constraint), and each target's predictive
// intervals against what was observed (Predictive).

// Marginal is one parameter's weighted posterior sample and its prior.
type Marginal struct {
	Values, Weights []float64 // the particles; weights need not sum to 1
	Low, High       float64   // the prior's support: the x range
	// Prior is the prior's density at points across [Low, High], drawn as
	// a line; nil draws none.
	Prior []plotter.XY
	// Mark is a value to show as a vertical line (a true value the data
	// were made with); NaN for none.
	Mark float64
}

// marginalBins is the number of histogram bins across the prior's range.
const marginalBins = 24

// MarginalChart draws a weighted histogram of the posterior over the
// prior's range, scaled as a density so the prior's density line compares
// with it, and Mark as a dashed line.
func MarginalChart(title, xlabel string, m Marginal, opts ...Option) (*plot.Plot, error) {
	if len(m.Values) == 0 || len(m.Values) != len(m.Weights) {
		return nil, errorf("MarginalChart: %w", ErrNoData)
	}
	if !(m.Low < m.High) || !finite(m.Low, m.High) {
		return nil, errorf("MarginalChart: range [%g, %g]", m.Low, m.High)
	}
	p := newPlot(title, xlabel, "density", opts)
	p.Add(grid(false, true))
	w := (m.High - m.Low) / marginalBins
	h := make([]float64, marginalBins)
	total := 0.0
	for i, x := range m.Values {
		if !finite(x, m.Weights[i]) {
			continue
		}
		b := min(max(int((x-m.Low)/w), 0), marginalBins-1)
		h[b] += m.Weights[i]
		total += m.Weights[i]
	}
	if !(total > 0) {
		return nil, errorf("MarginalChart: weights sum to %g", total)
	}
	ink := paletteColor(colBlue)
	bars := &rects{fill: withAlpha(ink, 0.55), line: draw.LineStyle{Color: ink, Width: vg.Points(0.6)}}
	for b, v := range h {
		if v > 0 {
			bars.add(m.Low+float64(b)*w, m.Low+float64(b+1)*w, 0, v/total/w)
		}
	}
	p.Add(bars)
	leg := newLegend(p, opts)
	leg.add("posterior (weighted particles)", rectThumb(withAlpha(ink, 0.55), 0.8, draw.LineStyle{Color: ink, Width: vg.Points(0.6)}))
	if len(m.Prior) > 1 {
		l, err := plotter.NewLine(plotter.XYs(m.Prior))
		if err != nil {
			return nil, err
		}
		l.LineStyle = draw.LineStyle{Color: color.Gray{Y: 0x30}, Width: vg.Points(1.6)}
		p.Add(l)
		leg.add("prior", lineThumb(l.LineStyle))
	}
	if finite(m.Mark) {
		mark := draw.LineStyle{Color: paletteColor(colOrange), Width: vg.Points(1.6), Dashes: []vg.Length{vg.Points(4), vg.Points(3)}}
		p.Add(&vline{x: m.Mark, line: mark})
		leg.add("true value", lineThumb(mark))
	}
	leg.layout(nominalLegendWidth())
	p.Add(leg)
	pad := 0.02 * (m.High - m.Low) // room for the last tick's label
	p.X.Min, p.X.Max = m.Low-pad, m.High+pad
	p.Y.Min = 0
	return p, nil
}

// PairPoint is one weighted particle of a pair plot.
type PairPoint struct{ X, Y, Weight float64 }

// Pair draws the particles of two parameters over their prior ranges,
// each dot's area in proportion to its weight.
func Pair(title, xlabel, ylabel string, pts []PairPoint, xr, yr [2]float64, opts ...Option) (*plot.Plot, error) {
	if len(pts) == 0 {
		return nil, errorf("Pair: %w", ErrNoData)
	}
	top := 0.0
	for _, q := range pts {
		if finite(q.Weight) {
			top = math.Max(top, q.Weight)
		}
	}
	if !(top > 0) {
		return nil, errorf("Pair: no positive weight")
	}
	p := newPlot(title, xlabel, ylabel, opts)
	p.Add(grid(true, true))
	ink := paletteColor(colBlue)
	for _, q := range pts {
		if !finite(q.X, q.Y, q.Weight) || q.Weight <= 0 {
			continue
		}
		sc, err := plotter.NewScatter(plotter.XYs{{X: q.X, Y: q.Y}})
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: withAlpha(ink, 0.5), Radius: vg.Points(1 + 4*math.Sqrt(q.Weight/top)), Shape: draw.CircleGlyph{}}
		p.Add(sc)
	}
	px, py := 0.02*(xr[1]-xr[0]), 0.02*(yr[1]-yr[0])
	p.X.Min, p.X.Max = xr[0]-px, xr[1]+px
	p.Y.Min, p.Y.Max = yr[0]-py, yr[1]+py
	return p, nil
}

// Ratio is one parameter's posterior SD over its prior SD.
type Ratio struct {
	Name  string
	Value float64
}

// Constraint draws one bar per parameter (first at the top): posterior SD
// over prior SD, with a dashed line at 1 (not constrained) and a dotted
// one at the threshold under which the report calls a parameter
// constrained.
func Constraint(title string, ratios []Ratio, threshold float64, opts ...Option) (*plot.Plot, error) {
	if len(ratios) == 0 {
		return nil, errorf("Constraint: %w", ErrNoData)
	}
	n := len(ratios)
	p := newPlot(title, "posterior SD / prior SD (1: the data do not narrow it)", "", opts)
	p.Add(grid(true, false))
	ink := paletteColor(colBlue)
	grey := color.Gray{Y: 0xa0}
	on, off := &rects{fill: withAlpha(ink, 0.8)}, &rects{fill: grey}
	ticks := make(plot.ConstantTicks, n)
	top := 1.0
	for i, r := range ratios {
		y := float64(n - 1 - i)
		ticks[i] = plot.Tick{Value: y, Label: wrapLabel(r.Name, 30)}
		if !finite(r.Value) {
			continue
		}
		if r.Value < threshold {
			on.add(0, r.Value, y-0.35, y+0.35)
		} else {
			off.add(0, r.Value, y-0.35, y+0.35)
		}
		top = math.Max(top, r.Value)
	}
	p.Add(on, off)
	p.Add(&vline{x: 1, line: draw.LineStyle{Color: color.Gray{Y: 0x55}, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(4), vg.Points(3)}}})
	p.Add(&vline{x: threshold, line: draw.LineStyle{Color: ink, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(1), vg.Points(2)}}})
	leg := newLegend(p, opts)
	leg.add("constrained", rectThumb(withAlpha(ink, 0.8), 0.8, draw.LineStyle{}))
	leg.add("not constrained", rectThumb(grey, 0.8, draw.LineStyle{}))
	leg.layout(nominalLegendWidth())
	p.Add(leg)
	p.Y.Tick.Marker = ticks
	p.Y.Tick.Length = 0
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	p.X.Min, p.X.Max = 0, top*1.05
	return p, nil
}

// PredictiveRow is one target's predictive intervals, in units of its
// tolerance from the observed value (0: the observed value).
type PredictiveRow struct {
	Label                 string
	PriorLow, PriorHigh   float64 // the prior predictive 90% interval
	Low, Median, High     float64 // the posterior predictive 90% interval and median
	Inside                bool    // the observed value lies in [Low, High]
	PriorKnown, PostKnown bool    // whether each interval could be estimated
}

// Predictive draws, per target (first at the top), the prior predictive
// 90% interval (grey), the posterior predictive 90% interval with its
// median (blue; a hollow dot when the observed value lies outside it), a
// band of ±1 tolerance around the observed value at 0, on an axis in
// tolerances.
func Predictive(title string, rows []PredictiveRow, opts ...Option) (*plot.Plot, error) {
	if len(rows) == 0 {
		return nil, errorf("Predictive: %w", ErrNoData)
	}
	n := len(rows)
	p := newPlot(title, "distance from the observed value, in tolerances", "", opts)
	p.Add(grid(true, false))
	p.Add(&band{x: []float64{-1, 1}, lo: []float64{-0.6, -0.6}, hi: []float64{float64(n) - 0.4, float64(n) - 0.4}, fill: color.NRGBA{0xe6, 0x9f, 0x00, 0x30}})
	p.Add(&vline{x: 0, line: draw.LineStyle{Color: paletteColor(colOrange), Width: vg.Points(1.4)}})
	ink := paletteColor(colBlue)
	grey := color.Gray{Y: 0x9a}
	var ppos, plo, phi, qpos, qlo, qhi []float64
	var in, out plotter.XYs
	ticks := make(plot.ConstantTicks, n)
	for i, r := range rows {
		y := float64(n - 1 - i)
		ticks[i] = plot.Tick{Value: y, Label: wrapLabel(r.Label, 28)}
		if r.PriorKnown {
			ppos, plo, phi = append(ppos, y+0.18), append(plo, r.PriorLow), append(phi, r.PriorHigh)
		}
		if r.PostKnown {
			qpos, qlo, qhi = append(qpos, y-0.12), append(qlo, r.Low), append(qhi, r.High)
			if r.Inside {
				in = append(in, plotter.XY{X: r.Median, Y: y - 0.12})
			} else {
				out = append(out, plotter.XY{X: r.Median, Y: y - 0.12})
			}
		}
	}
	priorLine := draw.LineStyle{Color: grey, Width: vg.Points(3)}
	postLine := draw.LineStyle{Color: ink, Width: vg.Points(1.8)}
	p.Add(&whiskers{pos: ppos, lo: plo, hi: phi, horiz: true, line: priorLine})
	p.Add(&whiskers{pos: qpos, lo: qlo, hi: qhi, horiz: true, line: postLine, capW: vg.Points(5)})
	solid := draw.GlyphStyle{Color: ink, Radius: vg.Points(3.6), Shape: draw.CircleGlyph{}}
	hollow := draw.GlyphStyle{Color: ink, Radius: vg.Points(3.6), Shape: ringDot{}}
	for _, s := range []struct {
		pts plotter.XYs
		sty draw.GlyphStyle
	}{{in, solid}, {out, hollow}} {
		if len(s.pts) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(s.pts)
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = s.sty
		p.Add(sc)
	}
	leg := newLegend(p, opts)
	leg.add("prior predictive 90%", lineThumb(priorLine))
	leg.add("posterior predictive 90%, median", lineThumb(postLine), glyphThumb(solid))
	leg.add("observed outside the posterior interval", lineThumb(postLine), glyphThumb(hollow))
	leg.add("observed ± 1 tolerance", rectThumb(color.NRGBA{0xe6, 0x9f, 0x00, 0x60}, 0.8, draw.LineStyle{}))
	leg.layout(nominalLegendWidth())
	p.Add(leg)
	p.Y.Tick.Marker = ticks
	p.Y.Tick.Length = 0
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	lo, hi := -1.5, 1.5
	for _, xs := range [][]float64{plo, phi, qlo, qhi} {
		for _, x := range xs {
			if finite(x) {
				lo, hi = math.Min(lo, x), math.Max(hi, x)
			}
		}
	}
	// Far misses would squeeze the rest: the axis stops at ±12 tolerances,
	// and a row beyond it says where its median lies.
	lo, hi = math.Max(lo, -12), math.Min(hi, 12)
	pad := 0.04 * (hi - lo)
	p.X.Min, p.X.Max = lo-pad, hi+pad
	off := &notes{sty: textStyle(p, tickSize), dx: vg.Points(4)}
	off.sty.Color = color.Gray{Y: 0x50}
	for i, r := range rows {
		y := float64(n-1-i) - 0.12
		switch {
		case !r.PostKnown:
			off.add(lo, y, "no posterior run defined it")
		case r.Median < lo:
			off.add(lo, y, fmt.Sprintf("median at %.3g tolerances, off the axis", r.Median))
		case r.Median > hi:
			off.add(0, y, fmt.Sprintf("median at +%.3g tolerances, off the axis", r.Median))
		}
	}
	p.Add(off)
	return p, nil
}
