package chart

import "image/color"

// ScenarioColors returns the colour each scenario gets in the report's
// charts, in input order: its own, or a free palette colour by sorted
// name. Views drawn elsewhere (the classroom page) use it so that a
// scenario looks the same on screen as in report.html.
func ScenarioColors(scs []Scenario) []color.NRGBA {
	names, colors := make([]string, len(scs)), make([]string, len(scs))
	for i, s := range scs {
		names[i], colors[i] = s.Text(), s.Color
	}
	st := scenarioStyles(names, colors)
	out := make([]color.NRGBA, len(st))
	for i, s := range st {
		out[i] = s.color
	}
	return out
}

// MapScale returns the stops of the village map's colour scale, evenly
// spaced from the low end to the high end.
func MapScale() []color.NRGBA { return append([]color.NRGBA(nil), viridisStops[:]...) }
