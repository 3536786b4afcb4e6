package report

import (
	"fmt"
	"io"
	"math"
	"text/tabwriter"

	"github.com/govsim/govsim/sim"
)

func newTable(w io.Writer, pad int) *tabwriter.Writer {
	return tabwriter.NewWriter(w, 0, 0, pad, ' ', tabwriter.AlignRight)
}

// Final prints each scenario's terminal metrics over the final months of
// its runs, averaged over replicates: tails[scenario][replicate] holds each
// district metric's mean over those months (by sim.MetricID).
func Final(w io.Writer, scenarios []string, tails map[string][][]float64, window int) {
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
	fmt.Fprintf(w, "(means of the final %d months over replicates; %s)\n", window, units(ms))
}
