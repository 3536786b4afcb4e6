package live

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/govsim/govsim/sim"
)

// How the page shows a metric's values, decided here once and sent in
// /api/meta: the page's readouts, hover boxes, legends and axes, and the
// lesson plans' quotes, follow it.

// percent reports whether a metric is shown in per cent: a share of
// voters, votes or residents (bounded in [0, 1]) reads better to a class
// as 5.3% than as 0.053.
func percent(m sim.Metric) bool {
	return m.Bounded && strings.HasPrefix(m.Display.Unit, "share")
}

// Format writes a value of a metric as the page shows it: shares in per
// cent with one decimal, other values as the metric's Display writes them
// (scaled, with its format: money in M yuan/year with one decimal), with
// the unit's name when it is not the stored one. NaN is "—".
func Format(m sim.Metric, v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	if percent(m) {
		return strconv.FormatFloat(100*v, 'f', 1, 64) + "%"
	}
	s := m.Display.Text(v)
	if m.Display.Scale != 1 {
		s += " " + m.Display.Unit
	}
	return s
}

// digits says how the page writes a metric's values, for /api/meta: with
// fixed decimals (a %.Nf format), or else with sig significant digits (a
// %.Ng format; Display.Text writes no exponent and neither does the page).
func digits(m sim.Metric) (fixed, sig int) {
	var n int
	var verb byte
	if _, err := fmt.Sscanf(m.Display.Format, "%%.%d%c", &n, &verb); err == nil && verb == 'f' {
		return n, 0
	} else if err == nil && verb == 'g' {
		return -1, n
	}
	return -1, 4
}
