package chart

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The charts of an optimisation report: the Pareto front of packages in
// two objectives, coloured by a third (Front), and the front's hypervolume
// generation by generation (Progress).

// FrontPoint is one evaluated package in two objectives, with a third
// for its colour (NaN: none).
type FrontPoint struct {
	X, Y, C float64
	// Front marks a package on the front; Adaptive one that starts a
	// reform by a trigger. Label is written beside front packages.
	Front, Adaptive bool
	Label           string
}

// Colour says what a Front chart's colour shows, for its legend.
type Colour struct {
	Label  string  // the third objective, with its unit
	Lo, Hi float64 // the values at the two ends of the scale
}

// Front draws every package evaluated as a small grey dot and the front's
// packages as large marks — circles when fixed, triangles when adaptive —
// filled by their third objective on a viridis scale from c.Lo (dark) to
// c.Hi (yellow), or blue without one (c.Label empty), each labelled.
// Points with a non-finite coordinate are skipped.
func Front(title, xlabel, ylabel string, c Colour, pts []FrontPoint, opts ...Option) (*plot.Plot, error) {
	var front, rest plotter.XYs
	for _, q := range pts {
		if !finite(q.X, q.Y) {
			continue
		}
		if q.Front {
			front = append(front, plotter.XY{X: q.X, Y: q.Y})
		} else {
			rest = append(rest, plotter.XY{X: q.X, Y: q.Y})
		}
	}
	if len(front) == 0 {
		return nil, errorf("Front: %w", ErrNoData)
	}
	coloured := c.Label != ""
	if coloured && (!finite(c.Lo, c.Hi) || c.Lo > c.Hi) {
		return nil, errorf("Front: colour scale [%g, %g]", c.Lo, c.Hi)
	}
	p := newPlot(title, xlabel, ylabel, opts)
	p.Add(grid(true, true))
	grey := color.Gray{Y: 0xb8}
	dot := draw.GlyphStyle{Color: grey, Radius: vg.Points(1.8), Shape: draw.CircleGlyph{}}
	if len(rest) > 0 {
		sc, err := plotter.NewScatter(rest)
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = dot
		p.Add(sc)
	}
	ink := paletteColor(colBlue)
	fill := func(v float64) color.Color {
		if !coloured {
			return ink
		}
		if c.Hi == c.Lo || !finite(v) {
			return viridis(0.5)
		}
		return viridis((v - c.Lo) / (c.Hi - c.Lo))
	}
	labels := &notes{sty: textStyle(p, tickSize), dx: vg.Points(6)}
	labels.sty.Color = color.Gray{Y: 0x40}
	for _, q := range pts {
		if !q.Front || !finite(q.X, q.Y) {
			continue
		}
		sc, err := plotter.NewScatter(plotter.XYs{{X: q.X, Y: q.Y}})
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: fill(q.C), Radius: vg.Points(4.5), Shape: edged{adaptive: q.Adaptive}}
		p.Add(sc)
		if q.Label != "" {
			labels.add(q.X, q.Y, q.Label)
		}
	}
	p.Add(labels)
	leg := newLegend(p, opts)
	mid := fill(math.NaN()) // the scale's middle, or the one colour
	leg.add("fixed package on the front", glyphThumb(draw.GlyphStyle{Color: mid, Radius: vg.Points(4.5), Shape: edged{}}))
	leg.add("adaptive package (a trigger)", glyphThumb(draw.GlyphStyle{Color: mid, Radius: vg.Points(4.5), Shape: edged{adaptive: true}}))
	if len(rest) > 0 {
		leg.add("other packages evaluated", glyphThumb(dot))
	}
	if coloured {
		leg.add(fmt.Sprintf("%s %s", c.Label, short(c.Lo)), glyphThumb(draw.GlyphStyle{Color: viridis(0), Radius: vg.Points(4.5), Shape: edged{}}))
		leg.add(fmt.Sprintf("%s %s", c.Label, short(c.Hi)), glyphThumb(draw.GlyphStyle{Color: viridis(1), Radius: vg.Points(4.5), Shape: edged{}}))
	}
	leg.layout(nominalLegendWidth())
	p.Add(leg)
	return p, nil
}

// short writes a scale's end: four significant digits, no exponent.
func short(x float64) string {
	if math.Abs(x) >= 1e4 {
		return strconv.FormatFloat(x, 'f', 0, 64)
	}
	return strconv.FormatFloat(x, 'g', 4, 64)
}

// edged is a filled circle, or a triangle for an adaptive package, with a
// dark edge that keeps a light fill visible on white.
type edged struct{ adaptive bool }

func (g edged) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	r := sty.Radius
	var p vg.Path
	if g.adaptive {
		r *= 1.25
		p.Move(vg.Point{X: pt.X, Y: pt.Y + r})
		p.Line(vg.Point{X: pt.X + r*0.866, Y: pt.Y - r*0.5})
		p.Line(vg.Point{X: pt.X - r*0.866, Y: pt.Y - r*0.5})
		p.Close()
	} else {
		p.Move(vg.Point{X: pt.X + r, Y: pt.Y})
		p.Arc(pt, r, 0, 2*math.Pi)
		p.Close()
	}
	c.SetColor(sty.Color)
	c.Fill(p)
	c.SetLineStyle(draw.LineStyle{Color: color.Gray{Y: 0x30}, Width: vg.Points(0.7)})
	c.Stroke(p)
}

// Progress draws a value by generation (the front's hypervolume), as a
// line with a dot at each generation, from 0 up.
func Progress(title, ylabel string, values []float64, opts ...Option) (*plot.Plot, error) {
	var xy plotter.XYs
	for g, v := range values {
		if finite(v) {
			xy = append(xy, plotter.XY{X: float64(g), Y: v})
		}
	}
	if len(xy) == 0 {
		return nil, errorf("Progress: %w", ErrNoData)
	}
	p := newPlot(title, "generation", ylabel, opts)
	p.Add(grid(true, true))
	ink := paletteColor(colBlue)
	l, err := plotter.NewLine(xy)
	if err != nil {
		return nil, err
	}
	l.LineStyle = draw.LineStyle{Color: ink, Width: vg.Points(1.8)}
	sc, err := plotter.NewScatter(xy)
	if err != nil {
		return nil, err
	}
	sc.GlyphStyle = draw.GlyphStyle{Color: ink, Radius: vg.Points(2.8), Shape: draw.CircleGlyph{}}
	p.Add(l, sc)
	p.Y.Min = 0
	p.X.Min, p.X.Max = -0.3, math.Max(1, float64(len(values)-1))+0.3
	return p, nil
}
