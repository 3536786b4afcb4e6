package chart

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// PNGDPI is the resolution of PNG output.
const PNGDPI = 150

// margin is the blank border around every figure.
const margin = vg.Length(6)

func checkSize(p *plot.Plot, widthCM, heightCM float64) error {
	if p == nil {
		return errors.New("chart: nil plot")
	}
	if !finite(widthCM, heightCM) || widthCM <= 0 || heightCM <= 0 {
		return fmt.Errorf("chart: invalid size %g × %g cm", widthCM, heightCM)
	}
	if widthCM > 200 || heightCM > 200 {
		return fmt.Errorf("chart: size %g × %g cm too large", widthCM, heightCM)
	}
	return nil
}

// drawPlot draws p on c inside the margin, turning a panic inside
// gonum/plot into an error. A title too wide for the figure is drawn
// smaller or on two lines; p itself is not modified.
func drawPlot(p *plot.Plot, c draw.Canvas) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("chart: drawing failed: %v", r)
		}
	}()
	if p.BackgroundColor != nil {
		c.SetColor(p.BackgroundColor) // the margin too
		c.Fill(c.Rectangle.Path())
	}
	c = draw.Crop(c, margin, -margin, margin, -margin)
	q := *p // shallow copy: the plotters are shared, read only
	q.Title.Text, q.Title.TextStyle = fitTitle(p.Title.Text, p.Title.TextStyle, c.Max.X-c.Min.X)
	// Rough axis lengths: the figure less room for the title, legend and
	// the other axis.
	yLen := (c.Max.Y - c.Min.Y) * 0.6
	if q.Y.Label.TextStyle.Width(q.Y.Label.Text) > yLen {
		q.Y.Label.Text = wrapLabel(q.Y.Label.Text, 0)
	}
	fitTicks(&q.Y, yLen, false)
	xLen := c.Max.X - c.Min.X - yAxisWidth(&q.Y) - vg.Points(10)
	if q.X.Label.TextStyle.Width(q.X.Label.Text) > xLen {
		// gonum centres the axis label under the axis and narrows the
		// axis to make it fit: better two lines.
		q.X.Label.Text = wrapLabel(q.X.Label.Text, 0)
	}
	fitTicks(&q.X, xLen, true)
	q.Draw(c)
	return nil
}

// fitTicks lowers the number of major ticks of an axis using niceTicks
// until the labels fit in length with room between them. ax belongs to a
// copy of the caller's plot.
func fitTicks(ax *plot.Axis, length vg.Length, horizontal bool) {
	nt, ok := ax.Tick.Marker.(niceTicks)
	if !ok || !finite(ax.Min, ax.Max) || ax.Min >= ax.Max {
		return
	}
	for target := nt.target; target >= 1; target-- {
		var labelled []float64
		var size vg.Length
		for _, t := range (niceTicks{target: target}).Ticks(ax.Min, ax.Max) {
			if t.Label == "" {
				continue
			}
			labelled = append(labelled, t.Value)
			if horizontal {
				size = max(size, ax.Tick.Label.Width(t.Label))
			} else {
				size = max(size, ax.Tick.Label.Height(t.Label))
			}
		}
		gap := vg.Points(10)
		if !horizontal {
			gap = size
		}
		// Distance between neighbouring labels' centres.
		spacing := length
		if len(labelled) > 1 {
			spacing = length * vg.Length(math.Abs(labelled[1]-labelled[0])/(ax.Max-ax.Min))
		}
		if spacing >= size+gap || target == 1 {
			ax.Tick.Marker = niceTicks{target: target}
			return
		}
	}
}

// yAxisWidth estimates the width of the vertical axis: tick labels, tick
// marks, axis label and paddings.
func yAxisWidth(ax *plot.Axis) vg.Length {
	w := ax.Padding + ax.Tick.Length + ax.Width/2
	if ax.Label.Text != "" {
		w += ax.Label.TextStyle.Height(ax.Label.Text) + ax.Label.Padding + ax.Label.TextStyle.FontExtents().Descent
	}
	if ax.Tick.Marker != nil && finite(ax.Min, ax.Max) && ax.Min < ax.Max {
		var lw vg.Length
		for _, t := range ax.Tick.Marker.Ticks(ax.Min, ax.Max) {
			lw = max(lw, ax.Tick.Label.Width(t.Label))
		}
		if lw > 0 {
			w += lw + ax.Label.TextStyle.Width(" ")
		}
	}
	return w
}

// fitTitle returns the title text and style to draw it within width: the
// font shrinks by up to a fifth, then the title is split into two lines at
// the space that balances them best, then the font shrinks further.
func fitTitle(title string, sty text.Style, width vg.Length) (string, text.Style) {
	if title == "" || sty.Handler == nil || width <= 0 {
		return title, sty
	}
	shrink := func(s string, floor float64) text.Style {
		out := sty
		if w := sty.Width(s); w > width {
			out.Font.Size = sty.Font.Size * vg.Length(max(float64(width/w), floor))
		}
		return out
	}
	if out := shrink(title, 0.8); out.Width(title) <= width {
		return title, out
	}
	if !strings.Contains(title, "\n") {
		best, bestW := "", vg.Length(math.Inf(1))
		for i, r := range title {
			if r != ' ' {
				continue
			}
			s := title[:i] + "\n" + title[i+1:]
			if w := sty.Width(s); w < bestW {
				best, bestW = s, w
			}
		}
		if best != "" {
			title = best
		}
	}
	return title, shrink(title, 0.5)
}

// svgFontFallback names fonts to use after the chart's own, for viewers
// without it: Arial (metric-compatible with Liberation Sans), or the
// common Simplified Chinese fonts after a Chinese one, then a generic
// family.
func svgFontFallback(svg []byte) []byte {
	svg = bytes.ReplaceAll(svg,
		[]byte("font-family:Liberation Sans;"),
		[]byte("font-family:Liberation Sans,Arial,Helvetica,sans-serif;"))
	return svgFamily.ReplaceAllFunc(svg, func(m []byte) []byte {
		fam := bytes.TrimSuffix(bytes.TrimPrefix(m, []byte("font-family:")), []byte(";"))
		if bytes.Contains(fam, []byte(",")) {
			return m // Liberation, done above
		}
		return []byte("font-family:" + string(fam) + ",Noto Sans CJK SC,Source Han Sans SC,PingFang SC,Microsoft YaHei,sans-serif;")
	})
}

// svgFamily finds the font-family declarations vgsvg writes.
var svgFamily = regexp.MustCompile(`font-family:[^;"]+;`)

// SVG renders p as an SVG document of the given size. The output depends
// only on the plot: rendering the same plot twice gives identical bytes.
func SVG(p *plot.Plot, widthCM, heightCM float64) ([]byte, error) {
	if err := checkSize(p, widthCM, heightCM); err != nil {
		return nil, err
	}
	c := vgsvg.New(vg.Length(widthCM)*vg.Centimeter, vg.Length(heightCM)*vg.Centimeter)
	if err := drawPlot(p, draw.New(c)); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart: writing SVG: %w", err)
	}
	return svgFontFallback(buf.Bytes()), nil
}

// PNG renders p as a PNG image of the given size at PNGDPI (150 dpi); the
// image is round(widthCM/2.54*150) × round(heightCM/2.54*150) pixels.
func PNG(p *plot.Plot, widthCM, heightCM float64) ([]byte, error) {
	if err := checkSize(p, widthCM, heightCM); err != nil {
		return nil, err
	}
	c := vgimg.NewWith(
		vgimg.UseWH(vg.Length(widthCM)*vg.Centimeter, vg.Length(heightCM)*vg.Centimeter),
		vgimg.UseDPI(PNGDPI),
	)
	if err := drawPlot(p, draw.New(c)); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart: writing PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// PNGSize returns the pixel size of PNG output for a figure size.
func PNGSize(widthCM, heightCM float64) (w, h int) {
	px := func(cm float64) int { return int(cm/2.54*PNGDPI + 0.5) }
	return px(widthCM), px(heightCM)
}

// Save writes dir/name.svg and dir/name.png (creating dir if needed). Both
// are rendered before anything is written, and each file is written to a
// temporary file in dir and renamed into place, so readers never see a
// partial file.
func Save(p *plot.Plot, dir, name string, widthCM, heightCM float64) error {
	_, err := SaveSVG(p, dir, name, widthCM, heightCM)
	return err
}

// SaveSVG is Save, and returns the SVG it wrote, for a page that shows the
// chart inline.
func SaveSVG(p *plot.Plot, dir, name string, widthCM, heightCM float64) ([]byte, error) {
	if err := checkName(name); err != nil {
		return nil, err
	}
	svg, err := SVG(p, widthCM, heightCM)
	if err != nil {
		return nil, err
	}
	png, err := PNG(p, widthCM, heightCM)
	if err != nil {
		return nil, err
	}
	return svg, Write(dir, name, svg, png)
}

// Write writes a chart rendered by SVG and PNG as dir/name.svg and
// dir/name.png, as Save does.
func Write(dir, name string, svg, png []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	if err := writeAtomic(filepath.Join(dir, name+".svg"), svg); err != nil {
		return err
	}
	return writeAtomic(filepath.Join(dir, name+".png"), png)
}

func checkName(name string) error {
	if name == "" || name != filepath.Base(name) || strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
		return fmt.Errorf("chart: invalid file name %q", name)
	}
	return nil
}

func writeAtomic(path string, data []byte) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
			err = fmt.Errorf("chart: writing %s: %w", path, err)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
