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

// MorrisPoint is one parameter's Morris screening result, with μ*'s
// interval (drawn when both ends are finite).
type MorrisPoint struct {
	Name                  string
	MuStar, Sigma         float64
	MuStarLow, MuStarHigh float64
}

// MorrisScatter plots μ* (x) against σ (y) for each parameter, with μ*'s
// interval as a horizontal bar where it is given, labels the points
// (placing each label where it overlaps neither other labels nor points,
// most influential parameters first), and draws the line σ = μ* dashed.
// Points with a non-finite coordinate are skipped.
func MorrisScatter(title string, pts []MorrisPoint, opts ...Option) (*plot.Plot, error) {
	if len(pts) == 0 {
		return nil, errorf("MorrisScatter: %w", ErrNoData)
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
	p := newPlot(title, "μ* (mean absolute elementary effect)", "σ (s.d. of elementary effects)", opts)
	p.Add(grid(true, true))
	diag := draw.LineStyle{Color: color.Gray{Y: 0x60}, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}
	p.Add(&diagonal{line: diag})

	xy := make(plotter.XYs, len(keep))
	var pos, lo, hi []float64
	for i, q := range keep {
		xy[i] = plotter.XY{X: q.MuStar, Y: q.Sigma}
		if finite(q.MuStarLow, q.MuStarHigh) && q.MuStarHigh > q.MuStarLow {
			pos, lo, hi = append(pos, q.Sigma), append(lo, q.MuStarLow), append(hi, q.MuStarHigh)
		}
	}
	if len(pos) > 0 {
		ink := draw.LineStyle{Color: withAlpha(paletteColor(colBlue), 0.6), Width: vg.Points(1.2)}
		p.Add(&whiskers{pos: pos, lo: lo, hi: hi, horiz: true, line: ink, capW: vg.Points(4)})
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

	leg := newLegend(p, opts)
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
	// Obstacles: the points, then each label as it is placed.
	var dots, labels []vg.Rectangle
	for i, q := range l.pts {
		at[i] = vg.Point{X: trX(q.MuStar), Y: trY(q.Sigma)}
		r := l.radius + vg.Points(2.5) // clearance around dots
		dots = append(dots, vg.Rectangle{
			Min: vg.Point{X: at[i].X - r, Y: at[i].Y - r},
			Max: vg.Point{X: at[i].X + r, Y: at[i].Y + r},
		})
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		return l.pts[order[a]].MuStar > l.pts[order[b]].MuStar
	})

	// Candidate directions, nearest ring first; farther rings get a leader line.
	type dir struct {
		ux, uy float64
		xa     draw.XAlignment
		ya     draw.YAlignment
	}
	dirs := []dir{
		{1, 0, draw.XLeft, draw.YCenter},
		{-1, 0, draw.XRight, draw.YCenter},
		{0, 1, draw.XCenter, draw.YBottom},
		{0, -1, draw.XCenter, draw.YTop},
		{0.7, 0.7, draw.XLeft, draw.YBottom},
		{0.7, -0.7, draw.XLeft, draw.YTop},
		{-0.7, 0.7, draw.XRight, draw.YBottom},
		{-0.7, -0.7, draw.XRight, draw.YTop},
	}
	base := l.radius + vg.Points(2)
	rings := []vg.Length{base, base + vg.Points(10), base + vg.Points(22), base + vg.Points(36), base + vg.Points(54)}
	// Farther rings also try the directions between the eight above.
	for k := 0; k < 12; k++ {
		if k%3 == 0 {
			continue // 0°, 90°, … are already there
		}
		s, co := math.Sincos(float64(k) * math.Pi / 6)
		d := dir{ux: co, uy: s, xa: draw.XCenter, ya: draw.YCenter}
		if co > 0.3 {
			d.xa = draw.XLeft
		} else if co < -0.3 {
			d.xa = draw.XRight
		}
		if s > 0.3 {
			d.ya = draw.YBottom
		} else if s < -0.3 {
			d.ya = draw.YTop
		}
		dirs = append(dirs, d)
	}
	leader := draw.LineStyle{Color: color.Gray{Y: 0x60}, Width: vg.Points(0.7)}

	for _, i := range order {
		name := l.pts[i].Name
		if name == "" {
			continue
		}
		type choice struct {
			sty  text.Style
			pt   vg.Point
			rect vg.Rectangle
			ring int
		}
		var best choice
		bestCost := vg.Length(math.Inf(1))
	search:
		for ri, d := range rings {
			for di, dr := range dirs {
				if ri == 0 && di >= 8 {
					break
				}
				sty := l.sty
				sty.XAlign, sty.YAlign = dr.xa, dr.ya
				pt := vg.Point{X: at[i].X + d*vg.Length(dr.ux), Y: at[i].Y + d*vg.Length(dr.uy)}
				rect := sty.Rectangle(name).Add(pt)
				var cost vg.Length
				for j, t := range dots {
					if j != i {
						cost += 3 * overlap(rect, t)
					}
				}
				for _, t := range labels {
					cost += 3 * overlap(rect, t)
				}
				cost += 4 * outside(rect, c.Rectangle)
				if cost == 0 {
					best = choice{sty, pt, rect, ri}
					break search
				}
				// Among imperfect places prefer near ones.
				cost += vg.Length(ri) * 20
				if cost < bestCost {
					best, bestCost = choice{sty, pt, rect, ri}, cost
				}
			}
		}
		if best.ring > 0 {
			// Leader from the dot's edge towards the nearest point of the label.
			q := vg.Point{
				X: min(max(at[i].X, best.rect.Min.X), best.rect.Max.X),
				Y: min(max(at[i].Y, best.rect.Min.Y), best.rect.Max.Y),
			}
			dx, dy := float64(q.X-at[i].X), float64(q.Y-at[i].Y)
			if dist := math.Hypot(dx, dy); dist > float64(l.radius)+2 {
				s := vg.Length(float64(l.radius) / dist)
				from := vg.Point{X: at[i].X + vg.Length(dx)*s, Y: at[i].Y + vg.Length(dy)*s}
				c.StrokeLine2(leader, from.X, from.Y, q.X, q.Y)
			}
		}
		c.FillText(best.sty, best.pt, name)
		pad := vg.Points(2) // clearance between labels
		labels = append(labels, vg.Rectangle{
			Min: vg.Point{X: best.rect.Min.X - pad, Y: best.rect.Min.Y - pad},
			Max: vg.Point{X: best.rect.Max.X + pad, Y: best.rect.Max.Y + pad},
		})
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
