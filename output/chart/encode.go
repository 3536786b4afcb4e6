package chart

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
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

// drawPlot draws p on c, turning a panic inside gonum/plot into an error.
func drawPlot(p *plot.Plot, c draw.Canvas) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("chart: drawing failed: %v", r)
		}
	}()
	p.Draw(draw.Crop(c, margin, -margin, margin, -margin))
	return nil
}

// svgFontFallback names Arial (metric-compatible with Liberation Sans) and a
// generic family after the Liberation font, for viewers without it.
func svgFontFallback(svg []byte) []byte {
	return bytes.ReplaceAll(svg,
		[]byte("font-family:Liberation Sans;"),
		[]byte("font-family:Liberation Sans,Arial,Helvetica,sans-serif;"))
}

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
	if name == "" || name != filepath.Base(name) || strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
		return fmt.Errorf("chart: invalid file name %q", name)
	}
	svg, err := SVG(p, widthCM, heightCM)
	if err != nil {
		return err
	}
	png, err := PNG(p, widthCM, heightCM)
	if err != nil {
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
