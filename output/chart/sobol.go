package chart

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// SobolBar is one parameter's first-order (S1) and total (ST) Sobol index
// with their confidence bounds.
type SobolBar struct {
	Name              string
	S1, S1Low, S1High float64
	ST, STLow, STHigh float64
}

// SobolBars draws, for each parameter (one row each, first at the top), a
// pair of horizontal bars S1 and ST with error bars. A NaN index drops its
// bar; a NaN bound drops its error bar.
func SobolBars(title string, bars []SobolBar, opts ...Option) (*plot.Plot, error) {
	if len(bars) == 0 {
		return nil, errorf("SobolBars: %w", ErrNoData)
	}
	return pairedBars(title, "Sobol index (share of output variance)", [2]string{"S1 (first order)", "ST (total order)"}, bars, opts), nil
}

// RegressionBar is one parameter's standardised regression coefficient
// (SRC) and partial rank correlation coefficient (PRCC) with their bounds.
type RegressionBar struct {
	Name                    string
	SRC, SRCLow, SRCHigh    float64
	PRCC, PRCCLow, PRCCHigh float64
}

// RegressionBars draws, for each parameter (one row each, first at the
// top), a pair of horizontal bars SRC and PRCC with error bars, from a
// line at zero: a bar to the right, a parameter that raises the output.
func RegressionBars(title string, bars []RegressionBar, opts ...Option) (*plot.Plot, error) {
	if len(bars) == 0 {
		return nil, errorf("RegressionBars: %w", ErrNoData)
	}
	pairs := make([]SobolBar, len(bars))
	for i, b := range bars {
		pairs[i] = SobolBar{Name: b.Name, S1: b.SRC, S1Low: b.SRCLow, S1High: b.SRCHigh, ST: b.PRCC, STLow: b.PRCCLow, STHigh: b.PRCCHigh}
	}
	p := pairedBars(title, "coefficient (−1 to 1)", [2]string{"SRC (linear)", "PRCC (monotone)"}, pairs, opts)
	p.X.Min = math.Min(p.X.Min*1.04, 0)
	return p, nil
}

// pairedBars draws two bars per row, the first above the second, labelled
// in the legend by names.
func pairedBars(title, xlabel string, names [2]string, bars []SobolBar, opts []Option) *plot.Plot {
	n := len(bars)
	p := newPlot(title, xlabel, "", opts)
	p.Add(grid(true, false))

	s1Col, stCol := paletteColor(colBlue), paletteColor(colOrange)
	s1 := &rects{fill: s1Col}
	st := &rects{fill: stCol}
	const half, bh = 0.19, 0.36 // bar centre offset from row centre, bar height
	var pos1, lo1, hi1, posT, loT, hiT []float64
	ticks := make(plot.ConstantTicks, n)
	for i, b := range bars {
		y := float64(n - 1 - i)
		ticks[i] = plot.Tick{Value: y, Label: b.Name}
		if finite(b.S1) {
			s1.add(0, b.S1, y+half-bh/2, y+half+bh/2)
		}
		if finite(b.ST) {
			st.add(0, b.ST, y-half-bh/2, y-half+bh/2)
		}
		pos1, lo1, hi1 = append(pos1, y+half), append(lo1, b.S1Low), append(hi1, b.S1High)
		posT, loT, hiT = append(posT, y-half), append(loT, b.STLow), append(hiT, b.STHigh)
	}
	p.Add(s1, st)
	ink := draw.LineStyle{Color: color.Gray{Y: 0x20}, Width: vg.Points(1)}
	p.Add(&whiskers{pos: pos1, lo: lo1, hi: hi1, horiz: true, line: ink, capW: vg.Points(4)})
	p.Add(&whiskers{pos: posT, lo: loT, hi: hiT, horiz: true, line: ink, capW: vg.Points(4)})
	p.Add(&vline{x: 0, line: draw.LineStyle{Color: color.Gray{Y: 0x30}, Width: vg.Points(0.8)}})

	leg := newLegend(p, opts)
	leg.add(names[0], rectThumb(s1Col, 0.75, draw.LineStyle{}))
	leg.add(names[1], rectThumb(stCol, 0.75, draw.LineStyle{}))
	leg.add("confidence interval", lineThumb(ink))
	leg.layout(nominalLegendWidth())
	p.Add(leg)

	p.Y.Tick.Marker = ticks
	p.Y.Tick.Length = 0
	p.Y.Min, p.Y.Max = -0.55, float64(n)-0.45
	if math.IsInf(p.X.Max, 0) || p.X.Max <= 0 {
		p.X.Max = 1
	}
	p.X.Min = math.Min(p.X.Min, 0)
	p.X.Max *= 1.04
	return p
}
