package report

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/table"
)

// CompositePart is one row of the composite index's definition under the
// ranked table: the component, its transform to [0, 1], its weight and the
// weight's share of the total.
type CompositePart struct {
	Component, Transform, Weight, Share string
}

// compositeKey finds the [composite] parameters a transform names.
var compositeKey = regexp.MustCompile(`composite\.[a-z_]+`)

// compositeDefinition states composite_index as the scenarios ran it: the
// components and transforms from sim's composite parts, the weights and
// reference scales from each scenario's settings (the defaults unless it
// sets them). A note warns when scenarios weigh differently, since their
// indices are then not on one scale.
func compositeDefinition(scs []table.ManifestScenario) ([]CompositePart, string) {
	// value gives a [composite] parameter's value in every scenario, or one
	// value if they agree.
	value := func(key string) (string, bool) {
		def := ""
		if p, ok := sim.Lookup(key); ok {
			def = p.Default
		}
		vals := map[string]bool{}
		var first string
		for i, sc := range scs {
			v := def
			for _, s := range sc.Settings {
				if s.Key == key {
					v = s.Value
				}
			}
			v = trimNumber(v)
			if i == 0 {
				first = v
			}
			vals[v] = true
		}
		if len(scs) == 0 {
			return trimNumber(def), true
		}
		return first, len(vals) == 1
	}
	parts := sim.CompositeParts()
	out := make([]CompositePart, len(parts))
	var differ []string
	total := 0.0
	weights := make([]float64, len(parts))
	for i, p := range parts {
		w, same := value(p.Weight)
		if !same {
			differ = append(differ, p.Weight)
		}
		weights[i], _ = strconv.ParseFloat(w, 64)
		total += weights[i]
		tr := compositeKey.ReplaceAllStringFunc(p.Transform, func(k string) string {
			v, same := value(k)
			if !same {
				differ = append(differ, k)
				return k
			}
			return v
		})
		what := p.What
		if m, ok := sim.MetricByName(p.Metric); ok {
			// Name the metric as the charts do, with its name in the tables.
			what = strings.Replace(what, "`"+m.Name+"`", m.Title+" ("+m.Name+")", 1)
		}
		out[i] = CompositePart{Component: strings.ReplaceAll(what, "`", ""), Transform: tr, Weight: w}
	}
	for i := range out {
		if total > 0 && len(differ) == 0 {
			out[i].Share = fmt.Sprintf("%.1f%%", 100*weights[i]/total)
		} else {
			out[i].Share = dash
		}
	}
	note := "Each component is mapped to [0, 1] by a fixed transform that never depends on which scenarios are compared; x is the component's value in the month, and the index is the weighted mean of the components that have a value."
	if len(differ) > 0 {
		note += fmt.Sprintf(" Scenarios set %s differently (see their settings above), so their composite indices are not on one scale; the weights shown are the first scenario's.", strings.Join(dedupe(differ), ", "))
	}
	return out, note
}

// trimNumber writes 2.0 as 2, as a reader would.
func trimNumber(s string) string {
	if x, err := strconv.ParseFloat(s, 64); err == nil {
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	return s
}

func dedupe(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
