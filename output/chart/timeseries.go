package chart

import (
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Series is one scenario's trajectory: the mean at each X and, optionally,
// the bounds of a confidence interval (Low and High both nil for none).
// NaN entries are skipped.
type Series struct {
	Name      string // the legend's label, which identifies the series
	Color     string // #rrggbb, as the scenario declares it; "" for a free palette colour
	X, Mean   []float64
	Low, High []float64
}

// TimeSeries draws each scenario's mean line and a translucent confidence
// ribbon. With points=true (metrics measured only at elections) it draws
// markers with error bars joined by a thin line instead, dodged slightly
// along x so the scenarios' bars do not sit on top of each other.
//
// Lines and ribbons break at NaN values; in points mode NaN points are
// skipped and the thin line joins the remaining ones. Colours and markers
// follow each series' Color, or its name (scenarioStyles).
func TimeSeries(title, xlabel, ylabel string, series []Series, points bool, opts ...Option) (*plot.Plot, error) {
	if len(series) == 0 {
		return nil, errorf("TimeSeries: %w", ErrNoData)
	}
	names, colors := make([]string, len(series)), make([]string, len(series))
	seen := map[string]bool{}
	anyFinite := false
	for k, s := range series {
		if s.Name == "" {
			return nil, errorf("TimeSeries: series %d has no name", k)
		}
		if seen[s.Name] {
			return nil, errorf("TimeSeries: duplicate series %q", s.Name)
		}
		seen[s.Name] = true
		names[k], colors[k] = s.Name, s.Color
		n := len(s.X)
		if n == 0 {
			return nil, errorf("TimeSeries: series %q: %w", s.Name, ErrNoData)
		}
		if len(s.Mean) != n {
			return nil, errorf("TimeSeries: series %q: %d means for %d x values", s.Name, len(s.Mean), n)
		}
		if (s.Low == nil) != (s.High == nil) {
			return nil, errorf("TimeSeries: series %q: Low and High must both be set or both be nil", s.Name)
		}
		if s.Low != nil && (len(s.Low) != n || len(s.High) != n) {
			return nil, errorf("TimeSeries: series %q: %d/%d bounds for %d x values", s.Name, len(s.Low), len(s.High), n)
		}
		for i := range s.X {
			if finite(s.X[i], s.Mean[i]) {
				anyFinite = true
				break
			}
		}
	}
	if !anyFinite {
		return nil, errorf("TimeSeries: no finite points")
	}

	styles := scenarioStyles(names, colors)
	p := newPlot(title, xlabel, ylabel, opts)
	p.Add(grid(true, true))
	leg := newLegend(p, opts)

	dodge := make([]float64, len(series))
	gap := minGap(series)
	if points && len(series) > 1 && gap > 0 {
		step := 0.4 * gap / float64(len(series)-1)
		for k := range series {
			dodge[k] = (float64(k) - float64(len(series)-1)/2) * step
		}
	}

	// Ribbons first, so every mean line is drawn above every ribbon.
	hasRibbon := make([]bool, len(series))
	if !points {
		for k, s := range series {
			if s.Low == nil {
				continue
			}
			for _, r := range runs(len(s.X), func(i int) bool { return finite(s.X[i], s.Low[i], s.High[i]) }) {
				if r[1]-r[0] < 2 {
					continue
				}
				p.Add(&band{
					x: s.X[r[0]:r[1]], lo: s.Low[r[0]:r[1]], hi: s.High[r[0]:r[1]],
					fill: ribbonColor(styles[k].color),
				})
				hasRibbon[k] = true
			}
		}
	}

	for k, s := range series {
		st := styles[k]
		var thumbs []plot.Thumbnailer
		if !points {
			line := draw.LineStyle{Color: st.color, Width: vg.Points(1.8), Dashes: st.dashes}
			dot := draw.GlyphStyle{Color: st.color, Radius: vg.Points(2), Shape: draw.CircleGlyph{}}
			for _, r := range runs(len(s.X), func(i int) bool { return finite(s.X[i], s.Mean[i]) }) {
				xy := xys(s.X[r[0]:r[1]], s.Mean[r[0]:r[1]], 0)
				if len(xy) == 1 {
					sc, err := plotter.NewScatter(xy)
					if err != nil {
						return nil, err
					}
					sc.GlyphStyle = dot
					p.Add(sc)
					continue
				}
				l, err := plotter.NewLine(xy)
				if err != nil {
					return nil, err
				}
				l.LineStyle = line
				p.Add(l)
			}
			if hasRibbon[k] {
				thumbs = append(thumbs, rectThumb(ribbonColor(st.color), 0.8, draw.LineStyle{}))
			}
			thumbs = append(thumbs, lineThumb(line))
		} else {
			var xs, ms []float64
			for i := range s.X {
				if finite(s.X[i], s.Mean[i]) {
					xs = append(xs, s.X[i])
					ms = append(ms, s.Mean[i])
				}
			}
			thin := draw.LineStyle{Color: st.color, Width: vg.Points(0.9), Dashes: st.dashes}
			if len(xs) >= 2 {
				l, err := plotter.NewLine(xys(xs, ms, dodge[k]))
				if err != nil {
					return nil, err
				}
				l.LineStyle = thin
				p.Add(l)
			}
			if s.Low != nil {
				pos := make([]float64, len(s.X))
				for i, x := range s.X {
					pos[i] = x + dodge[k]
					if !finite(s.Mean[i]) {
						pos[i] = math.NaN() // no marker, no error bar
					}
				}
				p.Add(&whiskers{
					pos: pos, lo: s.Low, hi: s.High,
					line: draw.LineStyle{Color: st.color, Width: vg.Points(1.1)},
					capW: vg.Points(4),
				})
			}
			glyph := draw.GlyphStyle{Color: st.color, Radius: vg.Points(3), Shape: st.glyph}
			if len(xs) > 0 {
				sc, err := plotter.NewScatter(xys(xs, ms, dodge[k]))
				if err != nil {
					return nil, err
				}
				sc.GlyphStyle = glyph
				p.Add(sc)
			}
			thumbs = append(thumbs, lineThumb(thin), glyphThumb(glyph))
		}
		leg.add(s.Name, thumbs...)
	}
	leg.layout(nominalLegendWidth())
	p.Add(leg)
	if points && gap > 0 {
		// Keep the outermost error bars off the axes.
		p.X.Min -= 0.35 * gap
		p.X.Max += 0.35 * gap
	}
	return p, nil
}

// xys pairs x (shifted by dx) and y.
func xys(x, y []float64, dx float64) plotter.XYs {
	out := make(plotter.XYs, len(x))
	for i := range x {
		out[i] = plotter.XY{X: x[i] + dx, Y: y[i]}
	}
	return out
}

// minGap is the smallest positive distance between finite x values of the
// series, or 0 if there is none.
func minGap(series []Series) float64 {
	var xs []float64
	for _, s := range series {
		for _, x := range s.X {
			if finite(x) {
				xs = append(xs, x)
			}
		}
	}
	sort.Float64s(xs)
	gap := math.Inf(1)
	for i := 1; i < len(xs); i++ {
		if d := xs[i] - xs[i-1]; d > 0 && d < gap {
			gap = d
		}
	}
	if math.IsInf(gap, 1) {
		return 0
	}
	return gap
}

// ribbonColor is the translucent fill of a confidence ribbon: light enough
// that several overlapping ribbons stay readable (black more so).
func ribbonColor(c color.NRGBA) color.NRGBA {
	if c == paletteColor(0) {
		return withAlpha(c, 0.10)
	}
	return withAlpha(c, 0.15)
}
