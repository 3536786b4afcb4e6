package output

import (
	"math"
	"strconv"

	"github.com/govsim/govsim/analysis"
)

// SummaryHeader is the column contract of summary.csv.
const SummaryHeader = "scenario,metric,n,mean,sd,ci_low,ci_high,diff,diff_low,diff_high,p,p_holm,d\n"

// Summary renders comparison rows as summary.csv; undefined values (the
// reference's differences, say) are empty fields, which R and pandas read
// as missing.
func Summary(rows []analysis.Row) []byte {
	b := []byte(SummaryHeader)
	num := func(x float64) {
		b = append(b, ',')
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			b = AppendValue(b, x)
		}
	}
	for _, r := range rows {
		b = appendField(b, r.Scenario)
		b = append(b, ',')
		b = appendField(b, r.Metric)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(r.N), 10)
		for _, x := range []float64{r.Mean, r.SD, r.CILow, r.CIHigh, r.Diff, r.DiffLow, r.DiffHigh, r.P, r.PHolm, r.D} {
			num(x)
		}
		b = append(b, '\n')
	}
	return b
}
