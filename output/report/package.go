package report

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/govsim/govsim/sim"
)

// PackageText says a reform package in words, as an advisor would read
// it: each entry — its kind's Chinese name, when it starts (in a month, or
// in each unit where a signal crosses a threshold), where, what it brings
// and how strongly — then the policy parameters it sets, as KEY = VALUE:
//
//	村改居 in month 12 for eligible villages; 政经分离 where vote buying
//	passes 0.08, all five separations at intensity 0.8
func PackageText(entries []sim.ReformSpec, params []ParamValue) string {
	var parts []string
	for i := range entries {
		parts = append(parts, entryText(&entries[i]))
	}
	for _, p := range params {
		parts = append(parts, p.Key+" = "+decisionNum(p.Value))
	}
	if len(parts) == 0 {
		return "no reform: the base alone"
	}
	return strings.Join(parts, "; ")
}

// ParamValue is a parameter a package sets.
type ParamValue struct {
	Key   string
	Value float64
}

// triggerWords are a trigger's comparisons in words.
var triggerWords = map[string]string{">": "passes", ">=": "reaches", "<": "falls below", "<=": "falls to"}

func entryText(r *sim.ReformSpec) string {
	k, _ := sim.KindOf(r.Kind)
	kind := k.Kind()
	var b strings.Builder
	b.WriteString(kind.LabelZH)
	if metric, op, ok := strings.Cut(r.Trigger, " "); ok {
		what := metric
		if m, found := sim.MetricByName(metric); found {
			what = m.Label
		}
		fmt.Fprintf(&b, " where %s %s %s", what, triggerWords[op], decisionNum(r.Threshold))
		if r.TriggerWindow > 1 {
			fmt.Fprintf(&b, " (mean of %d months)", r.TriggerWindow)
		}
		if from := max(r.Start, r.TriggerAfter); from > 0 {
			fmt.Fprintf(&b, ", from month %d", from)
		}
	} else {
		fmt.Fprintf(&b, " in month %d", r.Start)
	}
	switch r.Coverage {
	case "all":
		b.WriteString(" everywhere")
	case "eligible":
		if kind.RuralOnly {
			b.WriteString(" for eligible villages")
		} else {
			b.WriteString(" in urban units (communities and eligible villages)")
		}
	case "pilot":
		fmt.Fprintf(&b, " in a pilot of %s of units", percentOf(r.Fraction))
	}
	seps := r.Separations
	if seps == nil {
		seps = kind.Separations // the kind's default
	}
	// The separations are said where they are what the kind brings, or
	// differ from its default.
	if kind.AllowsSeparations && (len(kind.Separations) == len(sim.SeparationNames()) || !slices.Equal(seps, kind.Separations)) {
		switch len(seps) {
		case 0:
			b.WriteString(", no separation")
		case len(sim.SeparationNames()):
			b.WriteString(", all five separations")
		case 1:
			fmt.Fprintf(&b, ", the %s separation", seps[0])
		default:
			fmt.Fprintf(&b, ", the %s separations", joinWords(seps))
		}
	}
	if r.Intensity < 1 {
		fmt.Fprintf(&b, " at intensity %s", decisionNum(r.Intensity))
	}
	if r.Ramp > 0 {
		fmt.Fprintf(&b, ", in full after %d months", r.Ramp)
	}
	return b.String()
}

// decisionNum writes a decision's value as a reader takes it in: three
// significant digits, whole numbers from 1,000 up, never an exponent.
func decisionNum(x float64) string {
	if math.Abs(x) >= 1000 {
		return strconv.FormatFloat(math.Round(x), 'f', 0, 64)
	}
	return strconv.FormatFloat(x, 'g', 3, 64)
}

func percentOf(x float64) string { return strconv.FormatFloat(100*x, 'f', 0, 64) + "%" }
