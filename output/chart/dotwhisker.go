package chart

import (
	"image/color"
	"math"
	"strings"
	"unicode/utf8"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Dot is one row of a dot-and-whisker chart: an estimate and its interval.
type Dot struct {
	Label            string
	Value, Low, High float64
}

// DotWhisker draws one row per label (first label at the top): a dot at
// Value and a whisker from Low to High, with a vertical dashed line at zero.
// The x axis is the difference from the reference, labelled xlabel. Rows
// whose Value is NaN keep their label but show no dot; a NaN bound drops the
// whisker. Dots whose interval excludes zero are filled, others hollow.
func DotWhisker(title, xlabel string, dots []Dot, opts ...Option) (*plot.Plot, error) {
	if len(dots) == 0 {
		return nil, errorf("DotWhisker: %w", ErrNoData)
	}
	for i, d := range dots {
		if finite(d.Low, d.High) && d.Low > d.High {
			return nil, errorf("DotWhisker: row %d (%q): Low %g > High %g", i, d.Label, d.Low, d.High)
		}
	}
	n := len(dots)
	p := newPlot(title, xlabel, "", opts)
	p.Add(grid(true, false))
	p.Add(&vline{x: 0, line: draw.LineStyle{
		Color: color.Gray{Y: 0x55}, Width: vg.Points(1),
		Dashes: []vg.Length{vg.Points(4), vg.Points(3)},
	}})

	ink := paletteColor(colBlue)
	pos := make([]float64, n)
	lo := make([]float64, n)
	hi := make([]float64, n)
	ticks := make(plot.ConstantTicks, n)
	var solid, hollow plotter.XYs
	missing := &notes{sty: textStyle(p, tickSize), dx: vg.Points(5)}
	missing.sty.Color = color.Gray{Y: 0x70}
	for i, d := range dots {
		y := float64(n - 1 - i)
		pos[i], lo[i], hi[i] = y, d.Low, d.High
		ticks[i] = plot.Tick{Value: y, Label: wrapLabel(d.Label, 26)}
		if !finite(d.Value) {
			missing.add(0, y, "no estimate")
			continue
		}
		if finite(d.Low, d.High) && (d.Low > 0 || d.High < 0) {
			solid = append(solid, plotter.XY{X: d.Value, Y: y})
		} else {
			hollow = append(hollow, plotter.XY{X: d.Value, Y: y})
		}
	}
	p.Add(&whiskers{pos: pos, lo: lo, hi: hi, horiz: true,
		line: draw.LineStyle{Color: ink, Width: vg.Points(1.6)}, capW: vg.Points(5)})

	p.Add(missing)
	leg := newLegend(p, opts)
	if len(solid) > 0 {
		sc, err := plotter.NewScatter(solid)
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: ink, Radius: vg.Points(3.8), Shape: draw.CircleGlyph{}}
		p.Add(sc)
	}
	hollowSty := draw.GlyphStyle{Color: ink, Radius: vg.Points(3.8), Shape: ringDot{}}
	if len(hollow) > 0 {
		sc, err := plotter.NewScatter(hollow)
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = hollowSty
		p.Add(sc)
	}
	whisk := lineThumb(draw.LineStyle{Color: ink, Width: vg.Points(1.6)})
	leg.add("interval excludes 0", whisk, glyphThumb(draw.GlyphStyle{Color: ink, Radius: vg.Points(3.8), Shape: draw.CircleGlyph{}}))
	leg.add("interval includes 0", whisk, glyphThumb(hollowSty))
	leg.layout(nominalLegendWidth())
	p.Add(leg)

	p.Y.Tick.Marker = ticks
	p.Y.Tick.Length = 0
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	// Keep zero in view and leave a margin around the data.
	if math.IsInf(p.X.Min, 0) || math.IsInf(p.X.Max, 0) {
		p.X.Min, p.X.Max = -1, 1
	}
	p.X.Min, p.X.Max = math.Min(p.X.Min, 0), math.Max(p.X.Max, 0)
	if p.X.Min == p.X.Max {
		p.X.Min, p.X.Max = -1, 1
	}
	pad := 0.05 * (p.X.Max - p.X.Min)
	p.X.Min -= pad
	p.X.Max += pad
	return p, nil
}

// ringDot is a hollow circle with a white centre and a thick outline.
type ringDot struct{}

func (ringDot) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	var p vg.Path
	p.Move(vg.Point{X: pt.X + sty.Radius, Y: pt.Y})
	p.Arc(pt, sty.Radius, 0, 2*math.Pi)
	p.Close()
	c.SetColor(color.White)
	c.Fill(p)
	c.SetLineStyle(draw.LineStyle{Color: sty.Color, Width: vg.Points(1.5)})
	c.Stroke(p)
}

// wrapLabel splits a label longer than n characters onto two lines: before a
// parenthesis if there is one (as in scenario labels), else at the space
// that balances the lines best. Labels without spaces are kept whole.
func wrapLabel(s string, n int) string {
	if utf8.RuneCountInString(s) <= n || strings.Contains(s, "\n") {
		return s
	}
	if i := strings.Index(s, " ("); i > 0 {
		return s[:i] + "\n" + s[i+1:]
	}
	best, bestD := -1, len(s)
	for i, r := range s {
		if r != ' ' {
			continue
		}
		d := utf8.RuneCountInString(s[:i]) - utf8.RuneCountInString(s[i+1:])
		if d < 0 {
			d = -d
		}
		if d < bestD {
			best, bestD = i, d
		}
	}
	if best < 0 {
		return s
	}
	return s[:best] + "\n" + s[best+1:]
}
