package chart

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// legendBlock is a legend drawn in a band reserved above the data area, so it
// never covers data. Entries are laid out in columns (filled top to bottom)
// when they fit in the nominal width.
type legendBlock struct {
	items  []legendItem
	sty    text.Style
	thumbW vg.Length // thumbnail width
	txtGap vg.Length // thumbnail to text
	colGap vg.Length // between columns
	rowGap vg.Length // between rows
	gap    vg.Length // between the block and the data area
	cols   int
	opts   options
}

type legendItem struct {
	label  string
	thumbs []plot.Thumbnailer
}

func newLegend(p *plot.Plot, opts []Option) *legendBlock {
	return &legendBlock{
		opts:   optionsOf(opts),
		sty:    textStyle(p, legendSize),
		thumbW: vg.Points(20),
		txtGap: vg.Points(4),
		colGap: vg.Points(12),
		rowGap: vg.Points(1),
		gap:    vg.Points(8),
		cols:   1,
	}
}

func (l *legendBlock) add(label string, thumbs ...plot.Thumbnailer) {
	l.items = append(l.items, legendItem{label: latinOnly(&l.opts, l.sty.Font.Typeface, label), thumbs: thumbs})
}

// nominalLegendWidth is the width the legend may take: the figure width at
// the default size, less the margins.
func nominalLegendWidth() vg.Length {
	return vg.Length(DefaultWidthCM)*vg.Centimeter - 2*margin - vg.Points(2)
}

// layout picks the largest number of columns (at most 4) that fits width.
func (l *legendBlock) layout(width vg.Length) {
	l.cols = 1
	for cols := min(4, len(l.items)); cols > 1; cols-- {
		if l.totalWidth(cols, 1) <= width {
			l.cols = cols
			return
		}
	}
}

func (l *legendBlock) rows(cols int) int {
	if len(l.items) == 0 {
		return 0
	}
	return (len(l.items) + cols - 1) / cols
}

// scaled returns the text style and thumbnail width shrunk by factor s.
func (l *legendBlock) scaled(s float64) (text.Style, vg.Length) {
	sty := l.sty
	sty.Font.Size *= vg.Length(s)
	return sty, l.thumbW * vg.Length(s)
}

// colWidths returns the width of each column for the given column count,
// with everything scaled by s.
func (l *legendBlock) colWidths(cols int, s float64) []vg.Length {
	sty, thumbW := l.scaled(s)
	rows := l.rows(cols)
	ws := make([]vg.Length, cols)
	for k, it := range l.items {
		w := thumbW + l.txtGap*vg.Length(s) + sty.Width(it.label)
		if j := k / rows; w > ws[j] {
			ws[j] = w
		}
	}
	return ws
}

func (l *legendBlock) totalWidth(cols int, s float64) vg.Length {
	var t vg.Length
	for _, w := range l.colWidths(cols, s) {
		t += w
	}
	return t + l.colGap*vg.Length(s)*vg.Length(cols-1)
}

func (l *legendBlock) rowH() vg.Length {
	h := vg.Points(12)
	for _, it := range l.items {
		h = max(h, l.sty.Height(it.label))
	}
	return h
}

func (l *legendBlock) height() vg.Length {
	r := l.rows(l.cols)
	if r == 0 {
		return 0
	}
	return vg.Length(r)*l.rowH() + vg.Length(r-1)*l.rowGap
}

// GlyphBoxes reserves the band above the data area.
func (l *legendBlock) GlyphBoxes(*plot.Plot) []plot.GlyphBox {
	if len(l.items) == 0 {
		return nil
	}
	return []plot.GlyphBox{{
		X: 0, Y: 1,
		Rectangle: vg.Rectangle{
			Min: vg.Point{Y: l.gap},
			Max: vg.Point{Y: l.gap + l.height()},
		},
	}}
}

// Plot draws the legend above c, left-aligned with it if the figure is wide
// enough, otherwise shifted left, and as a last resort with a smaller font.
func (l *legendBlock) Plot(c draw.Canvas, _ *plot.Plot) {
	if len(l.items) == 0 {
		return
	}
	left, right := c.Min.X, c.Max.X
	if w, ok := figureWidth(c); ok {
		left, right = min(margin, c.Min.X), max(w-margin, c.Max.X)
	}
	scale := 1.0
	total := l.totalWidth(l.cols, 1)
	if avail := right - left; total > avail && total > 0 {
		scale = max(float64(avail/total), 0.6)
		total = l.totalWidth(l.cols, scale)
	}
	x := c.Min.X
	if x+total > right {
		x = max(left, right-total)
	}
	sty, thumbW := l.scaled(scale)
	sty.XAlign = draw.XLeft
	sty.YAlign = draw.YCenter
	rows := l.rows(l.cols)
	widths := l.colWidths(l.cols, scale)
	rowH := l.rowH()
	top := c.Max.Y + l.gap + l.height()
	for k, it := range l.items {
		col, row := k/rows, k%rows
		if row == 0 && col > 0 {
			x += widths[col-1] + l.colGap*vg.Length(scale)
		}
		yTop := top - vg.Length(row)*(rowH+l.rowGap)
		icon := draw.Canvas{
			Canvas: c.Canvas,
			Rectangle: vg.Rectangle{
				Min: vg.Point{X: x, Y: yTop - rowH},
				Max: vg.Point{X: x + thumbW, Y: yTop},
			},
		}
		for _, t := range it.thumbs {
			t.Thumbnail(&icon)
		}
		c.FillText(sty, vg.Point{X: x + thumbW + l.txtGap*vg.Length(scale), Y: yTop - rowH/2}, it.label)
	}
}

// figureWidth returns the width of the whole figure c is part of, if the
// underlying vg canvas reports its size.
func figureWidth(c draw.Canvas) (vg.Length, bool) {
	var vc vg.Canvas = c.Canvas
	for range 16 { // plot wraps canvases in draw.Canvas values
		switch x := vc.(type) {
		case draw.Canvas:
			vc = x.Canvas
			continue
		case *draw.Canvas:
			vc = x.Canvas
			continue
		case vg.CanvasSizer:
			w, _ := x.Size()
			return w, true
		}
		break
	}
	return 0, false
}

// thumbFunc adapts a function to plot.Thumbnailer.
type thumbFunc func(c *draw.Canvas)

func (f thumbFunc) Thumbnail(c *draw.Canvas) { f(c) }

// lineThumb draws a horizontal line across the thumbnail.
func lineThumb(sty draw.LineStyle) plot.Thumbnailer {
	return thumbFunc(func(c *draw.Canvas) {
		y := c.Center().Y
		c.StrokeLine2(sty, c.Min.X, y, c.Max.X, y)
	})
}

// glyphThumb draws one glyph in the middle of the thumbnail.
func glyphThumb(sty draw.GlyphStyle) plot.Thumbnailer {
	return thumbFunc(func(c *draw.Canvas) {
		c.DrawGlyphNoClip(sty, c.Center())
	})
}

// rectThumb fills the middle part of the thumbnail (frac of its height).
func rectThumb(fill color.Color, frac float64, outline draw.LineStyle) plot.Thumbnailer {
	return thumbFunc(func(c *draw.Canvas) {
		h := (c.Max.Y - c.Min.Y) * vg.Length(frac)
		mid := c.Center().Y
		pts := []vg.Point{
			{X: c.Min.X, Y: mid - h/2}, {X: c.Max.X, Y: mid - h/2},
			{X: c.Max.X, Y: mid + h/2}, {X: c.Min.X, Y: mid + h/2},
		}
		c.FillPolygon(fill, pts)
		if outline.Color != nil && outline.Width > 0 {
			c.StrokeLines(outline, append(pts, pts[0]))
		}
	})
}

// band fills the area between lo and hi over x (all finite, len >= 2).
type band struct {
	x, lo, hi []float64
	fill      color.Color
}

func (b *band) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	n := len(b.x)
	pts := make([]vg.Point, 0, 2*n)
	for i := 0; i < n; i++ {
		pts = append(pts, vg.Point{X: trX(b.x[i]), Y: trY(b.hi[i])})
	}
	for i := n - 1; i >= 0; i-- {
		pts = append(pts, vg.Point{X: trX(b.x[i]), Y: trY(b.lo[i])})
	}
	c.FillPolygon(b.fill, c.ClipPolygonXY(pts))
}

func (b *band) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for i := range b.x {
		xmin, xmax = math.Min(xmin, b.x[i]), math.Max(xmax, b.x[i])
		ymin = math.Min(ymin, math.Min(b.lo[i], b.hi[i]))
		ymax = math.Max(ymax, math.Max(b.lo[i], b.hi[i]))
	}
	return
}

// whiskers draws intervals lo–hi at positions pos: vertical intervals at
// x = pos, or horizontal ones at y = pos when horiz is set. Entries with a
// non-finite value are skipped.
type whiskers struct {
	pos, lo, hi []float64
	horiz       bool
	line        draw.LineStyle
	capW        vg.Length
}

func (w *whiskers) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for i := range w.pos {
		if !finite(w.pos[i], w.lo[i], w.hi[i]) {
			continue
		}
		var a, b vg.Point
		if w.horiz {
			y := trY(w.pos[i])
			a, b = vg.Point{X: trX(w.lo[i]), Y: y}, vg.Point{X: trX(w.hi[i]), Y: y}
		} else {
			x := trX(w.pos[i])
			a, b = vg.Point{X: x, Y: trY(w.lo[i])}, vg.Point{X: x, Y: trY(w.hi[i])}
		}
		c.StrokeLines(w.line, c.ClipLinesXY([]vg.Point{a, b})...)
		if w.capW <= 0 {
			continue
		}
		for _, e := range []vg.Point{a, b} {
			if !c.Contains(e) {
				continue
			}
			if w.horiz {
				c.StrokeLine2(w.line, e.X, e.Y-w.capW/2, e.X, e.Y+w.capW/2)
			} else {
				c.StrokeLine2(w.line, e.X-w.capW/2, e.Y, e.X+w.capW/2, e.Y)
			}
		}
	}
}

func (w *whiskers) DataRange() (xmin, xmax, ymin, ymax float64) {
	pmin, pmax := math.Inf(1), math.Inf(-1)
	vmin, vmax := math.Inf(1), math.Inf(-1)
	for i := range w.pos {
		if !finite(w.pos[i], w.lo[i], w.hi[i]) {
			continue
		}
		pmin, pmax = math.Min(pmin, w.pos[i]), math.Max(pmax, w.pos[i])
		vmin = math.Min(vmin, math.Min(w.lo[i], w.hi[i]))
		vmax = math.Max(vmax, math.Max(w.lo[i], w.hi[i]))
	}
	if w.horiz {
		return vmin, vmax, pmin, pmax
	}
	return pmin, pmax, vmin, vmax
}

// vline is a vertical line across the data area at x.
type vline struct {
	x    float64
	line draw.LineStyle
}

func (v *vline) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	x := trX(v.x)
	if !c.ContainsX(x) {
		return
	}
	c.StrokeLine2(v.line, x, c.Min.Y, x, c.Max.Y)
}

func (v *vline) DataRange() (xmin, xmax, ymin, ymax float64) {
	return v.x, v.x, math.Inf(1), math.Inf(-1)
}

// diagonal draws the line y = x clipped to the data area; it does not
// influence the axis ranges.
type diagonal struct {
	line draw.LineStyle
}

func (d *diagonal) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	lo := math.Min(p.X.Min, p.Y.Min)
	hi := math.Max(p.X.Max, p.Y.Max)
	pts := []vg.Point{{X: trX(lo), Y: trY(lo)}, {X: trX(hi), Y: trY(hi)}}
	c.StrokeLines(d.line, c.ClipLinesXY(pts)...)
}

// rects fills axis-aligned rectangles given in data coordinates.
type rects struct {
	r    []drect
	fill color.Color
	line draw.LineStyle
}

type drect struct{ x0, x1, y0, y1 float64 }

func (r *rects) add(x0, x1, y0, y1 float64) {
	r.r = append(r.r, drect{math.Min(x0, x1), math.Max(x0, x1), math.Min(y0, y1), math.Max(y0, y1)})
}

func (r *rects) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, q := range r.r {
		x0, x1 := trX(q.x0), trX(q.x1)
		y0, y1 := trY(q.y0), trY(q.y1)
		pts := []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
		c.FillPolygon(r.fill, c.ClipPolygonXY(pts))
		if r.line.Color != nil && r.line.Width > 0 {
			c.StrokeLines(r.line, c.ClipLinesXY(append(pts, pts[0]))...)
		}
	}
}

func (r *rects) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, q := range r.r {
		xmin, xmax = math.Min(xmin, q.x0), math.Max(xmax, q.x1)
		ymin, ymax = math.Min(ymin, q.y0), math.Max(ymax, q.y1)
	}
	return
}

// notes writes short texts at data points, shifted right by dx and
// vertically centred.
type notes struct {
	at  []plotter.XY
	txt []string
	sty text.Style
	dx  vg.Length
}

func (n *notes) add(x, y float64, s string) {
	n.at = append(n.at, plotter.XY{X: x, Y: y})
	n.txt = append(n.txt, s)
}

func (n *notes) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	sty := n.sty
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YCenter
	for i, q := range n.at {
		c.FillText(sty, vg.Point{X: trX(q.X) + n.dx, Y: trY(q.Y)}, n.txt[i])
	}
}
