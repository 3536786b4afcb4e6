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

// The charts of an exploratory design (govsim explore): how far each
// package falls short of the best (regret), PRIM's peeling trajectory,
// and the boxes where packages fail, drawn against the ranges sampled.

// RegretBar is one package's regret on a metric: its shortfall from the
// best package at a point, at the 90th percentile and at worst.
type RegretBar struct {
	Scenario Scenario
	P90, Max float64
}

// RegretBars draws one row per package (first at the top): a bar to the
// 90th percentile of its regret in its scenario's colour, and a tick at
// its largest. xlabel names the metric and unit.
func RegretBars(title, xlabel string, bars []RegretBar, opts ...Option) (*plot.Plot, error) {
	if len(bars) == 0 {
		return nil, errorf("RegretBars: %w", ErrNoData)
	}
	names, colors := make([]string, len(bars)), make([]string, len(bars))
	for i, b := range bars {
		names[i], colors[i] = b.Scenario.Name, b.Scenario.Color
	}
	styles := scenarioStyles(names, colors)
	o := optionsOf(opts)
	p := newPlot(title, xlabel, "", opts)
	p.Add(grid(true, false))
	n := len(bars)
	ticks := make(plot.ConstantTicks, n)
	ink := draw.LineStyle{Color: color.Gray{Y: 0x20}, Width: vg.Points(2)}
	var maxPts plotter.XYs
	for i, b := range bars {
		y := float64(n - 1 - i)
		ticks[i] = plot.Tick{Value: y, Label: wrapLabel(latinOnly(&o, o.font.typeface(), b.Scenario.TextIn(o.font)), 26)}
		if finite(b.P90) {
			p.Add(&rects{fill: withAlpha(styles[i].color, 0.85), r: []drect{{0, b.P90, y - 0.3, y + 0.3}}})
		}
		if finite(b.Max) {
			maxPts = append(maxPts, plotter.XY{X: b.Max, Y: y})
		}
	}
	mark := draw.GlyphStyle{Color: ink.Color, Radius: vg.Points(5), Shape: barGlyph{}}
	if len(maxPts) > 0 {
		sc, err := plotter.NewScatter(maxPts)
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = mark
		p.Add(sc)
	}
	leg := newLegend(p, opts)
	leg.add("90% of points within", rectThumb(color.Gray{Y: 0x90}, 0.75, draw.LineStyle{}))
	leg.add("largest", glyphThumb(mark))
	leg.layout(nominalLegendWidth())
	p.Add(leg)
	p.Y.Tick.Marker = ticks
	p.Y.Tick.Length = 0
	p.Y.Min, p.Y.Max = -0.55, float64(n)-0.45
	p.X.Min = 0
	if !(p.X.Max > 0) || math.IsInf(p.X.Max, 0) {
		p.X.Max = 1
	}
	p.X.Max *= 1.05
	return p, nil
}

// barGlyph is a short vertical bar: the largest regret.
type barGlyph struct{}

func (barGlyph) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	ln := draw.LineStyle{Color: sty.Color, Width: vg.Points(2.2)}
	c.StrokeLine2(ln, pt.X, pt.Y-sty.Radius*1.3, pt.X, pt.Y+sty.Radius*1.3)
}

// TrajectoryBox is one box of a PRIM peeling trajectory.
type TrajectoryBox struct {
	Coverage, Density float64
	Restricted        int // parameters the box restricts
}

// Trajectory draws a PRIM peeling trajectory: each box's coverage (x)
// against its density (y), joined in peeling order from the initial box
// (coverage 1), coloured by how many parameters it restricts; the box the
// trajectory chose is ringed, and the box reported (chosen, then pruned and
// pasted) drawn as a star. chosen is an index into boxes (−1: none).
func Trajectory(title string, boxes []TrajectoryBox, chosen int, reported TrajectoryBox, opts ...Option) (*plot.Plot, error) {
	var path plotter.XYs
	for _, b := range boxes {
		if finite(b.Coverage, b.Density) {
			path = append(path, plotter.XY{X: b.Coverage, Y: b.Density})
		}
	}
	if len(path) == 0 {
		return nil, errorf("Trajectory: %w", ErrNoData)
	}
	p := newPlot(title, "coverage: share of all cases inside the box", "density: share of the box's points that are cases", opts)
	p.Add(grid(true, true))
	line, err := plotter.NewLine(path)
	if err != nil {
		return nil, err
	}
	line.LineStyle = draw.LineStyle{Color: color.Gray{Y: 0xa0}, Width: vg.Points(1)}
	p.Add(line)
	// Colours by the number of restricted parameters: 0, 1, 2, 3, 4 and
	// more, in the palette's order after black.
	const groups = 5
	label := func(g int) string {
		switch g {
		case 0:
			return "no restriction"
		case 1:
			return "1 parameter"
		case groups - 1:
			return fmt.Sprintf("%d+ parameters", g)
		}
		return fmt.Sprintf("%d parameters", g)
	}
	leg := newLegend(p, opts)
	for g := range groups {
		var xy plotter.XYs
		for _, b := range boxes {
			if finite(b.Coverage, b.Density) && min(b.Restricted, groups-1) == g {
				xy = append(xy, plotter.XY{X: b.Coverage, Y: b.Density})
			}
		}
		if len(xy) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(xy)
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: trajectoryColor(g), Radius: vg.Points(3), Shape: draw.CircleGlyph{}}
		p.Add(sc)
		leg.add(label(g), glyphThumb(sc.GlyphStyle))
	}
	if chosen >= 0 && chosen < len(boxes) && finite(boxes[chosen].Coverage, boxes[chosen].Density) {
		ring := draw.GlyphStyle{Color: color.Black, Radius: vg.Points(7), Shape: draw.RingGlyph{}}
		sc, err := plotter.NewScatter(plotter.XYs{{X: boxes[chosen].Coverage, Y: boxes[chosen].Density}})
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = ring
		p.Add(sc)
		leg.add("chosen on the trajectory", glyphThumb(ring))
	}
	if finite(reported.Coverage, reported.Density) {
		star := draw.GlyphStyle{Color: paletteColor(4), Radius: vg.Points(5), Shape: draw.CrossGlyph{}}
		sc, err := plotter.NewScatter(plotter.XYs{{X: reported.Coverage, Y: reported.Density}})
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = star
		p.Add(sc)
		leg.add("reported (pruned, pasted)", glyphThumb(star))
	}
	leg.layout(nominalLegendWidth())
	p.Add(leg)
	p.X.Min, p.X.Max = 0, 1.02
	p.Y.Min, p.Y.Max = 0, 1.02
	return p, nil
}

// trajectoryColor is the colour of boxes restricting g parameters.
func trajectoryColor(g int) color.NRGBA {
	if g == 0 {
		return color.NRGBA{0x99, 0x99, 0x99, 0xff}
	}
	return []color.NRGBA{paletteColor(colBlue), paletteColor(3), paletteColor(1), paletteColor(6)}[(g-1)%4]
}

// BoxLimits is one package's box: for each parameter of the chart, its
// limits as shares of the sampled range (0 its low end, 1 its high end),
// NaN where the box does not restrict it.
type BoxLimits struct {
	Scenario  Scenario
	Low, High []float64
}

// Boxes draws boxes against the ranges sampled: one row per parameter
// (first at the top), the whole range as a light band, and each package's
// limits on it as a bar in its scenario's colour, packages stacked within
// the row. A parameter a box does not restrict gets no bar for it.
func Boxes(title string, params []string, boxes []BoxLimits, opts ...Option) (*plot.Plot, error) {
	if len(params) == 0 || len(boxes) == 0 {
		return nil, errorf("Boxes: %w", ErrNoData)
	}
	for _, b := range boxes {
		if len(b.Low) != len(params) || len(b.High) != len(params) {
			return nil, errorf("Boxes: %s has %d and %d limits for %d parameters", b.Scenario.Name, len(b.Low), len(b.High), len(params))
		}
	}
	names, colors := make([]string, len(boxes)), make([]string, len(boxes))
	for i, b := range boxes {
		names[i], colors[i] = b.Scenario.Name, b.Scenario.Color
	}
	styles := scenarioStyles(names, colors)
	o := optionsOf(opts)
	p := newPlot(title, "within the range sampled (0: its low end, 1: its high end)", "", opts)
	p.Add(grid(true, false))
	n := len(params)
	ticks := make(plot.ConstantTicks, n)
	p.Add(&rects{fill: color.Gray{Y: 0xee}, r: func() []drect {
		var r []drect
		for i := range params {
			y := float64(n - 1 - i)
			r = append(r, drect{0, 1, y - 0.42, y + 0.42})
		}
		return r
	}()})
	h := 0.8 / float64(len(boxes))
	for i, name := range params {
		y := float64(n - 1 - i)
		ticks[i] = plot.Tick{Value: y, Label: name}
		for bi, b := range boxes {
			lo, hi := b.Low[i], b.High[i]
			if !finite(lo, hi) {
				continue
			}
			top := y + 0.4 - float64(bi)*h
			p.Add(&rects{fill: styles[bi].color, r: []drect{{lo, math.Max(hi, lo+0.004), top - 0.85*h, top}}})
		}
	}
	leg := newLegend(p, opts)
	leg.add("range sampled", rectThumb(color.Gray{Y: 0xdd}, 0.75, draw.LineStyle{}))
	for bi, b := range boxes {
		leg.add(latinOnly(&o, o.font.typeface(), b.Scenario.TextIn(o.font)), rectThumb(styles[bi].color, 0.75, draw.LineStyle{}))
	}
	leg.layout(nominalLegendWidth())
	p.Add(leg)
	p.Y.Tick.Marker = ticks
	p.Y.Tick.Length = 0
	p.Y.Min, p.Y.Max = -0.55, float64(n)-0.45
	p.X.Min, p.X.Max = 0, 1
	return p, nil
}
