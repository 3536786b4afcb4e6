package chart

import (
	"image/color"
	"strconv"
	"strings"

	"gonum.org/v1/plot/font"
)

// Scenario is how a scenario is shown: its name, its labels and its
// colour, as its scenario file declares them (label, label_zh, color) and
// its manifest records them. The package keeps no list of scenarios of
// its own: whoever draws passes what the scenarios say.
type Scenario struct {
	Name    string
	Label   string // English, with Chinese terms in pinyin; "" means Name
	LabelZH string // Chinese; "" means none
	Color   string // #rrggbb; "" takes one of the palette's free colours
}

// Text is the scenario's English label: Label, or the name.
func (s Scenario) Text() string {
	if s.Label != "" {
		return s.Label
	}
	return s.Name
}

// TextIn is the scenario's label in a chart drawn in f: where the font has
// Chinese glyphs and the scenario a Chinese label, the Chinese with the
// English gloss in brackets (the part of Label in brackets, or all of it);
// otherwise Text.
func (s Scenario) TextIn(f Font) string {
	if s.LabelZH == "" || !f.CJK() {
		return s.Text()
	}
	gloss := s.Text()
	if i := strings.LastIndex(gloss, " ("); i >= 0 && strings.HasSuffix(gloss, ")") {
		gloss = gloss[i+2 : len(gloss)-1]
	}
	return s.LabelZH + " (" + gloss + ")"
}

// parseColor reads #rrggbb ("" or anything else: ok false).
func parseColor(s string) (color.NRGBA, bool) {
	if len(s) != 7 || s[0] != '#' {
		return color.NRGBA{}, false
	}
	x, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return color.NRGBA{}, false
	}
	return color.NRGBA{uint8(x >> 16), uint8(x >> 8), uint8(x), 0xff}, true
}

// WithLatin gives the Latin spelling of Chinese terms (pairs: Chinese,
// Latin, ...) for charts whose font has no Chinese glyphs, where they
// would show as empty boxes: the reforms' names in pinyin, for example.
func WithLatin(pairs ...string) Option {
	return func(o *options) { o.latin = strings.NewReplacer(pairs...) }
}

// latinOnly keeps text in the Latin script when the typeface is
// Liberation, which has no Chinese glyphs.
func latinOnly(o *options, tf font.Typeface, s string) string {
	if tf != "Liberation" || o.latin == nil {
		return s
	}
	return o.latin.Replace(s)
}
