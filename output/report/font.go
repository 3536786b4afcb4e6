package report

import (
	"fmt"

	"github.com/govsim/govsim/output/chart"
	"github.com/govsim/govsim/sim"
)

// ChartFont is the charts' font and what the report says of it.
type ChartFont struct {
	Font chart.Font
	Note string
}

// ChooseFont picks the charts' font from the -font flag: "" looks for a
// Chinese font through fontconfig, "none" keeps Liberation Sans (pinyin and
// English), anything else is a font file, which must load (bad input
// otherwise, found before anything runs). The note says which, for the
// report.
func ChooseFont(flag string) (ChartFont, error) {
	switch flag {
	case "none":
		return ChartFont{Note: "Charts are labelled in pinyin and English (-font none)."}, nil
	case "":
		f, err := chart.FindCJKFont(chart.ExecRunner)
		if err != nil {
			return ChartFont{Note: fmt.Sprintf("Charts are labelled in pinyin and English: %v. Install a Chinese font (Debian and Ubuntu: fonts-noto-cjk) or pass -font FILE for Chinese labels.", err)}, nil
		}
		return ChartFont{f, fmt.Sprintf("Charts are labelled in Chinese and English, in %s, found through fontconfig.", f)}, nil
	}
	f, err := chart.LoadFont(flag)
	if err != nil {
		return ChartFont{}, badInput(fmt.Errorf("-font: %w", err))
	}
	if !f.CJK() {
		return ChartFont{f, fmt.Sprintf("Charts are labelled in pinyin and English: the font given, %s, has no Chinese glyphs.", f)}, nil
	}
	return ChartFont{f, fmt.Sprintf("Charts are labelled in Chinese and English, in %s (-font).", f)}, nil
}

// orDefault is f, or the default choice when f was never chosen.
func (f ChartFont) orDefault() (ChartFont, error) {
	if f.Note != "" {
		return f, nil
	}
	return ChooseFont("")
}

// chartTitle is a metric's chart title: its Chinese label before the
// English where the font can draw it.
func chartTitle(m sim.Metric, f chart.Font) string {
	if f.CJK() && m.LabelZH != "" {
		return m.LabelZH + " " + m.Title
	}
	return m.Title
}
