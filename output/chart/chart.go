package chart

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"sort"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Nominal figure size the layouts are tuned for.
const (
	DefaultWidthCM  = 16.0
	DefaultHeightCM = 10.5
)

// Font sizes in points.
const (
	titleSize  = 13
	labelSize  = 11
	tickSize   = 10
	legendSize = 10
)

// firstFreeSlot is the first palette slot a scenario without a colour of
// its own takes: the first five are the colours the embedded scenarios
// declare, so a user's scenario never takes the look of one of them.
const firstFreeSlot = 5

// okabeIto is the Okabe–Ito palette, ordered as scenario slots: black for
// the baseline, then the reform scenarios, then colours for user-defined
// scenarios (yellow last: it is weak on white). Read only.
var okabeIto = [...]color.NRGBA{
	{0x00, 0x00, 0x00, 0xff}, // black: baseline
	{0xe6, 0x9f, 0x00, 0xff}, // orange: cungaiju
	{0x56, 0xb4, 0xe9, 0xff}, // sky blue: zhengjing
	{0x00, 0x9e, 0x73, 0xff}, // bluish green: zhengshe
	{0xd5, 0x5e, 0x00, 0xff}, // vermillion: nanhai
	{0x00, 0x72, 0xb2, 0xff}, // blue
	{0xcc, 0x79, 0xa7, 0xff}, // reddish purple
	{0xf0, 0xe4, 0x42, 0xff}, // yellow
}

const (
	colBlue   = 5
	colOrange = 1
)

func paletteColor(i int) color.NRGBA { return okabeIto[i%len(okabeIto)] }

// paletteSlot returns the palette slot of a colour, or -1 when the colour
// is not the palette's.
func paletteSlot(c color.NRGBA) int {
	for i, p := range okabeIto {
		if p == c {
			return i
		}
	}
	return -1
}

// scenStyle is the visual identity of one scenario within a chart.
type scenStyle struct {
	color  color.NRGBA
	dashes []vg.Length
	glyph  draw.GlyphDrawer
}

// scenarioStyles assigns styles to the series, in input order: a series
// whose colour is one of the palette's takes that slot (its colour and
// marker); the others are sorted by name and given the remaining slots,
// then colours repeat with dashed lines. A colour not in the palette is
// drawn as given, with the marker of the slot it would have had. So a
// scenario looks the same in every chart, whatever else is drawn and in
// which order.
func scenarioStyles(names, colors []string) []scenStyle {
	fixed := make([]int, len(names))
	used := map[int]bool{}
	for i := range names {
		fixed[i] = -1
		if c, ok := parseColor(colors[i]); ok {
			fixed[i] = paletteSlot(c)
			used[fixed[i]] = true
		}
	}
	var unknown []string
	seen := map[string]bool{}
	for i, n := range names {
		if fixed[i] < 0 && !seen[n] {
			seen[n] = true
			unknown = append(unknown, n)
		}
	}
	sort.Strings(unknown)
	slotOf := map[string]int{}
	next := 0
	for _, n := range unknown {
		for next < len(okabeIto) && (used[next] || next < firstFreeSlot) {
			next++
		}
		slotOf[n] = next
		next++
	}
	out := make([]scenStyle, len(names))
	for i, n := range names {
		slot := fixed[i]
		if slot < 0 {
			slot = slotOf[n]
		}
		st := scenStyle{glyph: markerGlyph(slot)}
		if slot < len(okabeIto) {
			st.color = okabeIto[slot]
		} else {
			// Cycle over the coloured slots 1..7, distinguished by dashes.
			k := slot - len(okabeIto)
			st.color = okabeIto[1+k%(len(okabeIto)-1)]
			switch (k / (len(okabeIto) - 1)) % 2 {
			case 0:
				st.dashes = []vg.Length{vg.Points(5), vg.Points(2.5)}
			default:
				st.dashes = []vg.Length{vg.Points(1.5), vg.Points(2)}
			}
		}
		if c, ok := parseColor(colors[i]); ok && fixed[i] < 0 {
			st.color, st.dashes = c, nil
		}
		out[i] = st
	}
	return out
}

func markerGlyph(slot int) draw.GlyphDrawer {
	switch slot % 8 {
	case 0:
		return draw.CircleGlyph{}
	case 1:
		return draw.BoxGlyph{}
	case 2:
		return draw.PyramidGlyph{}
	case 3:
		return diamondGlyph{}
	case 4:
		return invTriangleGlyph{}
	case 5:
		return draw.CrossGlyph{}
	case 6:
		return draw.PlusGlyph{}
	default:
		return draw.RingGlyph{}
	}
}

// diamondGlyph is a filled diamond.
type diamondGlyph struct{}

func (diamondGlyph) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	r := sty.Radius * 1.25
	var p vg.Path
	p.Move(vg.Point{X: pt.X, Y: pt.Y + r})
	p.Line(vg.Point{X: pt.X + r, Y: pt.Y})
	p.Line(vg.Point{X: pt.X, Y: pt.Y - r})
	p.Line(vg.Point{X: pt.X - r, Y: pt.Y})
	p.Close()
	c.Fill(p)
}

// invTriangleGlyph is a filled triangle pointing down.
type invTriangleGlyph struct{}

func (invTriangleGlyph) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	r := sty.Radius * 1.2
	var p vg.Path
	p.Move(vg.Point{X: pt.X, Y: pt.Y - r})
	p.Line(vg.Point{X: pt.X + r*0.866, Y: pt.Y + r*0.5})
	p.Line(vg.Point{X: pt.X - r*0.866, Y: pt.Y + r*0.5})
	p.Close()
	c.Fill(p)
}

// withAlpha returns c with opacity a in [0,1].
func withAlpha(c color.NRGBA, a float64) color.NRGBA {
	c.A = uint8(math.Round(255 * a))
	return c
}

// ErrNoData is wrapped by the errors of chart functions given no data.
var ErrNoData = errors.New("chart: no data")

// Option changes how a chart is drawn.
type Option func(*options)

type options struct {
	font  Font
	latin *strings.Replacer
}

// WithFont draws a chart in f: with a font that has Chinese glyphs,
// Chinese labels show as Chinese; without (the default, Liberation Sans),
// the reforms' names in labels are written in pinyin.
func WithFont(f Font) Option { return func(o *options) { o.font = f } }

func optionsOf(opts []Option) options {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// newPlot returns a plot with the package's fonts, sizes and title.
func newPlot(title, xlabel, ylabel string, opts []Option) *plot.Plot {
	o := optionsOf(opts)
	p := plot.New()
	if o.font.cache != nil {
		// gonum/plot gives every text style the default handler, whose
		// cache holds only Liberation: each gets one that has the font.
		h := text.Plain{Fonts: o.font.cache}
		p.TextHandler, p.Title.TextStyle.Handler, p.Legend.TextStyle.Handler = h, h, h
		for _, ax := range []*plot.Axis{&p.X, &p.Y} {
			ax.Label.TextStyle.Handler, ax.Tick.Label.Handler = h, h
		}
	}
	tf := o.font.typeface()
	p.Title.Text = latinOnly(&o, tf, title)
	p.Title.TextStyle.Font = fontOf(tf, titleSize, true)
	p.Title.Padding = vg.Points(6)
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = fontOf(tf, labelSize, false)
		ax.Tick.Label.Font = fontOf(tf, tickSize, false)
		ax.Label.Padding = vg.Points(3)
		ax.Padding = vg.Points(4)
	}
	p.X.Tick.Marker = niceTicks{target: 7}
	p.Y.Tick.Marker = niceTicks{target: 6}
	p.X.Label.Text = latinOnly(&o, tf, xlabel)
	p.Y.Label.Text = latinOnly(&o, tf, ylabel)
	p.Legend.TextStyle.Font = fontOf(tf, legendSize, false)
	return p
}

func fontOf(tf font.Typeface, size vg.Length, bold bool) font.Font {
	f := font.Font{Typeface: tf, Variant: "Sans", Size: size}
	if bold {
		f.Weight = 3 // golang.org/x/image/font.WeightBold
	}
	return f
}

// textStyle is the plot's text at a size, in the plot's typeface.
func textStyle(p *plot.Plot, size vg.Length) text.Style {
	return text.Style{
		Color:   color.Black,
		Font:    fontOf(p.Title.TextStyle.Font.Typeface, size, false),
		Handler: p.TextHandler,
	}
}

// grid returns light grid lines; vertical and horizontal select which.
func grid(vertical, horizontal bool) *plotter.Grid {
	g := plotter.NewGrid()
	sty := draw.LineStyle{Color: color.Gray{Y: 0xe3}, Width: vg.Points(0.5)}
	g.Vertical, g.Horizontal = sty, sty
	if !vertical {
		g.Vertical.Color = nil
	}
	if !horizontal {
		g.Horizontal.Color = nil
	}
	return g
}

func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// runs returns the maximal [start, end) index ranges of 0..n-1 where ok holds.
func runs(n int, ok func(i int) bool) [][2]int {
	var out [][2]int
	start := -1
	for i := 0; i <= n; i++ {
		if i < n && ok(i) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, [2]int{start, i})
			start = -1
		}
	}
	return out
}

func errorf(format string, args ...any) error {
	return fmt.Errorf("chart: "+format, args...)
}

// niceTicks places about target major ticks at multiples of 1, 2 or 5 × 10^k,
// labelled with as many decimals as the step needs, and one minor tick
// between majors. Large values get an SI prefix (60 M, not 60000000 or
// 6e+07): a reader compares tick labels at a glance, and counting zeros is
// not a glance.
type niceTicks struct{ target int }

func (t niceTicks) Ticks(lo, hi float64) []plot.Tick {
	if !finite(lo, hi) || hi <= lo {
		return nil // plot sanitises ranges before asking for ticks
	}
	target := max(t.target, 1)
	raw := (hi - lo) / float64(target)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	// The 1-2-5 step whose number of major ticks is closest to target.
	count := func(step float64) float64 { return math.Floor(hi/step+1e-9) - math.Ceil(lo/step-1e-9) + 1 }
	step, best := mag, math.Inf(1)
	for _, m := range []float64{0.5, 1, 2, 5, 10} {
		if d := math.Abs(count(m*mag) - float64(target)); d < best {
			step, best = m*mag, d
		}
	}
	si := siPrefix(max(math.Abs(lo), math.Abs(hi)))
	decimals := 0
	if d := -math.Floor(math.Log10(step/si.scale) + 1e-9); d > 0 {
		decimals = int(d)
	}
	var ticks []plot.Tick
	first := math.Ceil(lo/step - 1e-9)
	for k := first; k*step <= hi+step*1e-9; k++ {
		v := k * step
		label := formatTick(v/si.scale, decimals)
		if si.suffix != "" && strings.Trim(label, "0.") != "" {
			label += si.suffix // zero needs no prefix
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: label})
		if mid := v + step/2; mid <= hi {
			ticks = append(ticks, plot.Tick{Value: mid})
		}
		if k == first {
			if mid := v - step/2; mid >= lo {
				ticks = append(ticks, plot.Tick{Value: mid})
			}
		}
		if len(ticks) > 200 {
			break
		}
	}
	return ticks
}

// prefix is an SI prefix: labels show value/scale followed by suffix.
type prefix struct {
	scale  float64
	suffix string
}

// siPrefix chooses the prefix for ticks up to size in magnitude: none below
// 10,000 (years, shares, a few thousand yuan read fine as they are), then
// k, M, G or T so that labels keep at most three integer digits.
func siPrefix(size float64) prefix {
	if !(size >= 1e4) || math.IsInf(size, 0) {
		return prefix{1, ""}
	}
	ps := []prefix{{1e3, " k"}, {1e6, " M"}, {1e9, " G"}, {1e12, " T"}}
	p := ps[0]
	for _, q := range ps {
		if size >= q.scale {
			p = q
		}
	}
	return p
}

func formatTick(v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if strings.Trim(s, "-0.") == "" {
		return strconv.FormatFloat(0, 'f', decimals, 64)
	}
	// The typographic minus (U+2212) is in Liberation Sans.
	return strings.Replace(s, "-", "−", 1)
}
