package report

import (
	"github.com/govsim/govsim/output/chart"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/table"
)

// looks are a manifest's scenarios as the charts and tables show them:
// their labels and colours as their files declare them. A scenario the
// manifest does not describe is shown by its name.
type looks map[string]chart.Scenario

func looksOf(mss []table.ManifestScenario) looks {
	out := looks{}
	for _, ms := range mss {
		out[ms.Name] = chart.Scenario{Name: ms.Name, Label: ms.Label, LabelZH: ms.LabelZH, Color: ms.Color}
	}
	return out
}

func (l looks) of(name string) chart.Scenario {
	if s, ok := l[name]; ok {
		return s
	}
	return chart.Scenario{Name: name}
}

// chartOptions draws in f, with the reforms' Chinese names in pinyin
// where f has no Chinese glyphs.
func chartOptions(f chart.Font) []chart.Option {
	var latin []string
	for _, k := range sim.Kinds() {
		latin = append(latin, k.LabelZH, k.Key)
	}
	return []chart.Option{chart.WithFont(f), chart.WithLatin(latin...)}
}
