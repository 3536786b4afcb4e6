package report

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/govsim/govsim/sim"
)

func newTable(w io.Writer, pad int) *tabwriter.Writer {
	return tabwriter.NewWriter(w, 0, 0, pad, ' ', tabwriter.AlignRight)
}

// Final prints each scenario's terminal metrics over the final window
// months of its runs, averaged over replicates: tails[scenario][replicate]
// holds each district metric's mean over those months (by sim.MetricID).
// months is the runs' length (0 if they differ); note, if any, says the
// window was shortened to fit.
func Final(w io.Writer, scenarios []string, tails map[string][][]float64, window, months int, note string) {
	ms := sim.Terminal()
	tw := newTable(w, 2)
	fmt.Fprint(tw, "scenario\treps\t")
	for _, m := range ms {
		fmt.Fprintf(tw, "%s\t", m.Label)
	}
	fmt.Fprintln(tw)
	for _, name := range scenarios {
		runs := tails[name]
		if len(runs) == 0 {
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t", name, len(runs))
		for _, m := range ms {
			var s, n float64
			for _, t := range runs {
				if x := t[m.ID]; !math.IsNaN(x) {
					s += x
					n++
				}
			}
			fmt.Fprintf(tw, "%s\t", meanHalf(s/n, math.NaN(), m.Display))
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	span := fmt.Sprintf("the final %d months of each run", window)
	if months > 0 {
		span = WindowText(months-window, months)
	}
	fmt.Fprintf(w, "means over replicates, %s; %s\n", span, units(ms))
	if note != "" {
		fmt.Fprintln(w, wrap(note, 100))
	}
}

// wrap breaks text into lines of at most width columns at spaces, indenting
// the continuation lines, for notes under terminal tables.
func wrap(s string, width int) string {
	var b strings.Builder
	col := 0
	for i, word := range strings.Fields(s) {
		n := utf8.RuneCountInString(word)
		switch {
		case i == 0:
		case col+1+n > width:
			b.WriteString("\n  ")
			col = 2
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(word)
		col += n
	}
	return b.String()
}
