package chart

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// MapPoint is one village on the plane (district core at 0,0, villages
// within the unit disc). Community marks villages converted to communities.
type MapPoint struct {
	X, Y, Value float64
	Community   bool
}

// viridisStops samples the viridis colour map at 0, 1/8, …, 1. Read only.
var viridisStops = [...]color.NRGBA{
	{0x44, 0x01, 0x54, 0xff},
	{0x47, 0x2d, 0x7b, 0xff},
	{0x3b, 0x52, 0x8b, 0xff},
	{0x2c, 0x72, 0x8e, 0xff},
	{0x21, 0x91, 0x8c, 0xff},
	{0x28, 0xae, 0x80, 0xff},
	{0x5e, 0xc9, 0x62, 0xff},
	{0xad, 0xdc, 0x30, 0xff},
	{0xfd, 0xe7, 0x25, 0xff},
}

// viridis maps t in [0,1] (clamped) to a colour.
func viridis(t float64) color.NRGBA {
	if !(t > 0) { // also NaN
		t = 0
	}
	t = math.Min(t, 1) * float64(len(viridisStops)-1)
	i := int(t)
	if i >= len(viridisStops)-1 {
		return viridisStops[len(viridisStops)-1]
	}
	f := t - float64(i)
	a, b := viridisStops[i], viridisStops[i+1]
	mix := func(u, v uint8) uint8 { return uint8(math.Round(float64(u) + f*(float64(v)-float64(u)))) }
	return color.NRGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 0xff}
}

// VillageMap draws villages as filled circles coloured by Value on a
// viridis-like scale from lo to hi (values outside are clamped), communities
// with a dark ring, the unit disc, the district core, a dashed circle of
// radius front (the urban front; skipped if front <= 0), and a colour bar
// labelled colourLabel. Points with a non-finite coordinate or value are
// skipped. The map keeps a 1:1 aspect ratio at any figure size.
func VillageMap(title, colourLabel string, pts []MapPoint, lo, hi, front float64, opts ...Option) (*plot.Plot, error) {
	if len(pts) == 0 {
		return nil, errorf("VillageMap: %w", ErrNoData)
	}
	if !finite(lo, hi) || lo > hi {
		return nil, errorf("VillageMap: invalid colour scale [%g, %g]", lo, hi)
	}
	if math.IsNaN(front) || math.IsInf(front, 0) {
		return nil, errorf("VillageMap: invalid front radius %g", front)
	}
	p := newPlot(title, "", "", opts)
	p.HideAxes()
	p.X.Padding, p.Y.Padding = 0, 0
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = -1, 1, -1, 1

	extent := 1.0
	var keep []MapPoint
	for _, q := range pts {
		if !finite(q.X, q.Y, q.Value) {
			continue
		}
		keep = append(keep, q)
		extent = math.Max(extent, math.Hypot(q.X, q.Y))
	}
	if front > 0 {
		extent = math.Max(extent, front)
	}
	m := &villageMap{
		pts: keep, lo: lo, hi: hi, front: front, extent: extent * 1.04,
		label:    colourLabel,
		tickSty:  textStyle(p, tickSize),
		labelSty: textStyle(p, labelSize),
	}
	p.Add(m)

	leg := newLegend(p, opts)
	mid := viridis(0.5)
	leg.add("village", glyphThumb(draw.GlyphStyle{Color: mid, Radius: vg.Points(4), Shape: villageGlyph{}}))
	leg.add("community (dark ring)", glyphThumb(draw.GlyphStyle{Color: mid, Radius: vg.Points(4), Shape: villageGlyph{community: true}}))
	leg.add("district core", glyphThumb(draw.GlyphStyle{Color: color.Black, Radius: vg.Points(4), Shape: coreGlyph{}}))
	if front > 0 {
		leg.add(fmt.Sprintf("urban front (r = %.2g)", front), lineThumb(frontLine()))
	}
	leg.layout(nominalLegendWidth())
	p.Add(leg)
	return p, nil
}

func frontLine() draw.LineStyle {
	return draw.LineStyle{Color: color.Gray{Y: 0x30}, Width: vg.Points(1.2), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}
}

// villageGlyph is a filled circle with a thin white edge, or a dark ring
// for communities.
type villageGlyph struct{ community bool }

func (g villageGlyph) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	var p vg.Path
	p.Move(vg.Point{X: pt.X + sty.Radius, Y: pt.Y})
	p.Arc(pt, sty.Radius, 0, 2*math.Pi)
	p.Close()
	c.SetColor(sty.Color)
	c.Fill(p)
	if g.community {
		c.SetLineStyle(draw.LineStyle{Color: color.Gray{Y: 0x10}, Width: vg.Points(1.4)})
	} else {
		c.SetLineStyle(draw.LineStyle{Color: color.White, Width: vg.Points(0.5)})
	}
	c.Stroke(p)
}

// coreGlyph marks the district core: a black plus on a white disc.
type coreGlyph struct{}

func (coreGlyph) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	r := sty.Radius
	var p vg.Path
	p.Move(vg.Point{X: pt.X + r*0.8, Y: pt.Y})
	p.Arc(pt, r*0.8, 0, 2*math.Pi)
	p.Close()
	c.SetColor(color.White)
	c.Fill(p)
	ls := draw.LineStyle{Color: sty.Color, Width: vg.Points(1.6)}
	c.StrokeLine2(ls, pt.X-r, pt.Y, pt.X+r, pt.Y)
	c.StrokeLine2(ls, pt.X, pt.Y-r, pt.X, pt.Y+r)
}

// villageMap draws the map square and its colour bar. It reserves the colour
// bar's width on the right through GlyphBoxes.
type villageMap struct {
	pts               []MapPoint
	lo, hi            float64
	front, extent     float64
	label             string
	tickSty, labelSty text.Style
}

const (
	cbGap  = 14 // map to bar, points
	cbBar  = 12 // bar width
	cbTick = 3  // tick length
	cbPad  = 3  // tick to tick label
	cbLGap = 8  // tick labels to bar label
)

func (m *villageMap) ticks() []plot.Tick {
	lo, hi := m.lo, m.hi
	if lo == hi {
		return []plot.Tick{{Value: lo, Label: fmt.Sprintf("%g", lo)}}
	}
	var out []plot.Tick
	for _, t := range (niceTicks{target: 5}).Ticks(lo, hi) {
		if t.Label == "" || t.Value < lo-1e-9*(hi-lo) || t.Value > hi+1e-9*(hi-lo) {
			continue
		}
		out = append(out, t)
	}
	return out
}

func (m *villageMap) labelStyle() text.Style {
	s := m.labelSty
	s.Rotation = math.Pi / 2
	s.XAlign = draw.XCenter
	s.YAlign = draw.YBottom
	return s
}

// barWidth is the horizontal space the colour bar needs right of the map.
func (m *villageMap) barWidth() vg.Length {
	var tw vg.Length
	for _, t := range m.ticks() {
		tw = max(tw, m.tickSty.Width(t.Label))
	}
	w := vg.Points(cbGap+cbBar+cbTick+cbPad) + tw
	if m.label != "" {
		r := m.labelStyle().Rectangle(m.label)
		w += vg.Points(cbLGap) + r.Size().X
	}
	return w + vg.Points(4)
}

func (m *villageMap) GlyphBoxes(*plot.Plot) []plot.GlyphBox {
	return []plot.GlyphBox{{
		X: 1, Y: 0.5,
		Rectangle: vg.Rectangle{Max: vg.Point{X: m.barWidth()}},
	}}
}

func (m *villageMap) Plot(c draw.Canvas, _ *plot.Plot) {
	bw := m.barWidth()
	regionW := c.Max.X + bw - c.Min.X
	h := c.Max.Y - c.Min.Y
	side := min(h, regionW-bw)
	if side <= 0 {
		return
	}
	x0 := c.Min.X + (regionW-side-bw)/2
	y0 := c.Min.Y + (h-side)/2
	cx, cy := x0+side/2, y0+side/2
	scale := side / 2 / vg.Length(m.extent)
	at := func(x, y float64) vg.Point {
		return vg.Point{X: cx + vg.Length(x)*scale, Y: cy + vg.Length(y)*scale}
	}
	circle := func(r float64) vg.Path {
		var p vg.Path
		p.Move(at(r, 0))
		p.Arc(vg.Point{X: cx, Y: cy}, vg.Length(r)*scale, 0, 2*math.Pi)
		p.Close()
		return p
	}

	// Unit disc: a faint fill and outline.
	disc := circle(1)
	c.SetColor(color.Gray{Y: 0xf4})
	c.Fill(disc)
	c.SetLineStyle(draw.LineStyle{Color: color.Gray{Y: 0xa0}, Width: vg.Points(0.8)})
	c.Stroke(disc)

	if m.front > 0 {
		c.SetLineStyle(frontLine())
		c.Stroke(circle(m.front))
	}

	n := len(m.pts)
	r := vg.Length(0.28) * side / vg.Length(math.Sqrt(float64(max(n, 1))))
	r = min(max(r, vg.Points(2)), vg.Points(6))
	span := m.hi - m.lo
	colourOf := func(v float64) color.NRGBA {
		if span == 0 {
			return viridis(0.5)
		}
		return viridis((v - m.lo) / span)
	}
	// Villages first, communities on top so their rings stay visible.
	for pass := 0; pass < 2; pass++ {
		for _, q := range m.pts {
			if q.Community != (pass == 1) {
				continue
			}
			sty := draw.GlyphStyle{Color: colourOf(q.Value), Radius: r}
			villageGlyph{community: q.Community}.DrawGlyph(&c, sty, at(q.X, q.Y))
		}
	}
	coreGlyph{}.DrawGlyph(&c, draw.GlyphStyle{Color: color.Black, Radius: vg.Points(5)}, at(0, 0))

	// Colour bar.
	bx := x0 + side + vg.Points(cbGap)
	bh := side * 0.8
	by := y0 + (side-bh)/2
	const strips = 64
	for i := 0; i < strips; i++ {
		ya := by + bh*vg.Length(i)/strips
		yb := by + bh*vg.Length(i+1)/strips + vg.Points(0.3) // overlap: no seams
		yb = min(yb, by+bh)
		c.FillPolygon(viridis((float64(i)+0.5)/strips), []vg.Point{
			{X: bx, Y: ya}, {X: bx + vg.Points(cbBar), Y: ya},
			{X: bx + vg.Points(cbBar), Y: yb}, {X: bx, Y: yb},
		})
	}
	edge := draw.LineStyle{Color: color.Gray{Y: 0x40}, Width: vg.Points(0.5)}
	c.StrokeLines(edge, []vg.Point{
		{X: bx, Y: by}, {X: bx + vg.Points(cbBar), Y: by},
		{X: bx + vg.Points(cbBar), Y: by + bh}, {X: bx, Y: by + bh}, {X: bx, Y: by},
	})
	ts := m.tickSty
	ts.XAlign, ts.YAlign = draw.XLeft, draw.YCenter
	var tw vg.Length
	for _, t := range m.ticks() {
		y := by + bh/2
		if span > 0 {
			y = by + bh*vg.Length((t.Value-m.lo)/span)
		}
		xr := bx + vg.Points(cbBar)
		c.StrokeLine2(edge, xr, y, xr+vg.Points(cbTick), y)
		c.FillText(ts, vg.Point{X: xr + vg.Points(cbTick+cbPad), Y: y}, t.Label)
		tw = max(tw, ts.Width(t.Label))
	}
	if m.label != "" {
		ls := m.labelStyle()
		rect := ls.Rectangle(m.label)
		left := bx + vg.Points(cbBar+cbTick+cbPad+cbLGap) + tw
		c.FillText(ls, vg.Point{X: left - rect.Min.X, Y: by + bh/2}, m.label)
	}
}
