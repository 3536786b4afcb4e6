package chart

import (
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// MorrisPoint is one parameter's Morris screening result.
type MorrisPoint struct {
	Name          string
	MuStar, Sigma float64
}

// MorrisScatter plots μ* (x) against σ (y) for each parameter, labels the
// points (placing each label where it overlaps neither other labels nor
// points, most influential parameters first), and draws the line σ = μ*
// dashed. Points with a non-finite coordinate are skipped.
func MorrisScatter(title string, pts []MorrisPoint) (*plot.Plot, error) {
	if len(pts) == 0 {
		return nil, errorf("MorrisScatter: %w", errEmpty)
	}
	var keep []MorrisPoint
	for _, q := range pts {
		if finite(q.MuStar, q.Sigma) {
			keep = append(keep, q)
		}
	}
	if len(keep) == 0 {
		return nil, errorf("MorrisScatter: no finite points")
	}
	p := newPlot(title, "μ* (mean absolute elementary effect)", "σ (s.d. of elementary effects)")
	p.Add(grid(true, true))
	diag := draw.LineStyle{Color: color.Gray{Y: 0x60}, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}
	p.Add(&diagonal{line: diag})

	xy := make(plotter.XYs, len(keep))
	for i, q := range keep {
		xy[i] = plotter.XY{X: q.MuStar, Y: q.Sigma}
	}
	sc, err := plotter.NewScatter(xy)
	if err != nil {
		return nil, err
	}
	dot := draw.GlyphStyle{Color: paletteColor(colBlue), Radius: vg.Points(3.5), Shape: draw.CircleGlyph{}}
	sc.GlyphStyle = dot
	p.Add(sc)
	lab := &pointLabels{pts: keep, sty: textStyle(p, tickSize), radius: dot.Radius}
	p.Add(lab)

	leg := newLegend(p)
	leg.add("parameter", glyphThumb(dot))
	leg.add("σ = μ*", lineThumb(diag))
	leg.layout(nominalLegendWidth())
	p.Add(leg)

	// Both axes start at zero: μ* and σ are non-negative.
	p.X.Min = math.Min(p.X.Min, 0)
	p.Y.Min = math.Min(p.Y.Min, 0)
	p.X.Max *= 1.05
	p.Y.Max *= 1.08
	return p, nil
}

// pointLabels writes each point's name next to it, choosing among eight
// positions the first that overlaps no point, no earlier label and stays in
// the data area; if none is free, the one with the least overlap.
type pointLabels struct {
	pts    []MorrisPoint
	sty    text.Style
	radius vg.Length
}

func (l *pointLabels) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	// Reserve room for labels placed to the right of (and above) points.
	bs := make([]plot.GlyphBox, 0, len(l.pts))
	for _, q := range l.pts {
		w := l.sty.Width(q.Name)
		h := l.sty.Height(q.Name)
		bs = append(bs, plot.GlyphBox{
			X: p.X.Norm(q.MuStar), Y: p.Y.Norm(q.Sigma),
			Rectangle: vg.Rectangle{
				Min: vg.Point{X: -l.radius, Y: -h / 2},
				Max: vg.Point{X: l.radius + vg.Points(2) + w, Y: l.radius + h},
			},
		})
	}
	return bs
}

func (l *pointLabels) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	n := len(l.pts)
	at := make([]vg.Point, n)
	var taken []vg.Rectangle
	for i, q := range l.pts {
		at[i] = vg.Point{X: trX(q.MuStar), Y: trY(q.Sigma)}
		r := l.radius
		taken = append(taken, vg.Rectangle{
			Min: vg.Point{X: at[i].X - r, Y: at[i].Y - r},
			Max: vg.Point{X: at[i].X + r, Y: at[i].Y + r},
		})
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		qa, qb := l.pts[order[a]], l.pts[order[b]]
		return qa.MuStar > qb.MuStar
	})
	gap := l.radius + vg.Points(2)
	type cand struct {
		dx, dy vg.Length
		xa     draw.XAlignment
		ya     draw.YAlignment
	}
	cands := []cand{
		{gap, 0, draw.XLeft, draw.YCenter},
		{-gap, 0, draw.XRight, draw.YCenter},
		{0, gap, draw.XCenter, draw.YBottom},
		{0, -gap, draw.XCenter, draw.YTop},
		{gap * 0.75, gap * 0.75, draw.XLeft, draw.YBottom},
		{gap * 0.75, -gap * 0.75, draw.XLeft, draw.YTop},
		{-gap * 0.75, gap * 0.75, draw.XRight, draw.YBottom},
		{-gap * 0.75, -gap * 0.75, draw.XRight, draw.YTop},
	}
	for _, i := range order {
		name := l.pts[i].Name
		if name == "" {
			continue
		}
		best, bestCost := -1, vg.Length(math.Inf(1))
		var bestRect vg.Rectangle
		for k, cd := range cands {
			sty := l.sty
			sty.XAlign, sty.YAlign = cd.xa, cd.ya
			pt := vg.Point{X: at[i].X + cd.dx, Y: at[i].Y + cd.dy}
			rect := sty.Rectangle(name).Add(pt)
			var cost vg.Length
			for j, t := range taken {
				if j == i {
					continue
				}
				cost += overlap(rect, t)
			}
			cost += outside(rect, c.Rectangle) * 4
			if cost < bestCost {
				best, bestCost, bestRect = k, cost, rect
			}
			if cost == 0 {
				break
			}
		}
		cd := cands[best]
		sty := l.sty
		sty.XAlign, sty.YAlign = cd.xa, cd.ya
		c.FillText(sty, vg.Point{X: at[i].X + cd.dx, Y: at[i].Y + cd.dy}, name)
		taken = append(taken, bestRect)
	}
}

// overlap is the area of the intersection of a and b.
func overlap(a, b vg.Rectangle) vg.Length {
	w := min(a.Max.X, b.Max.X) - max(a.Min.X, b.Min.X)
	h := min(a.Max.Y, b.Max.Y) - max(a.Min.Y, b.Min.Y)
	if w <= 0 || h <= 0 {
		return 0
	}
	return w * h
}

// outside is the area of a lying outside b.
func outside(a, b vg.Rectangle) vg.Length {
	return a.Size().X*a.Size().Y - overlap(a, b)
}
