package report

import (
	"github.com/govsim/govsim/analysis"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/table"
)

// Summary renders comparison rows as summary.csv, in the units the report
// and the terminal show (money in M yuan/year), each row naming its unit
// and which way is better; undefined values (the reference's differences,
// say) are empty fields, which R and pandas read as missing. p-values and
// Cohen's d have no unit and are as computed.
func Summary(rows []analysis.Row, metrics []sim.Metric) []byte {
	t := table.NewCSV(table.SummaryColumns())
	for _, r := range rows {
		unit, better, k := "", "", 1.0
		for _, m := range metrics {
			if m.Name == r.Metric {
				unit, k = m.Display.Unit, m.Display.Scale
				switch m.Better {
				case sim.HigherIsBetter:
					better = "higher"
				case sim.LowerIsBetter:
					better = "lower"
				}
			}
		}
		f := func(x float64) table.Cell { return table.Cell{F: x * k} } // NaN stays NaN: an empty field
		t.Add(table.Cell{S: r.Scenario}, table.Cell{S: r.Metric}, table.Cell{S: unit}, table.Cell{S: better}, table.Cell{I: int64(r.N)},
			f(r.Mean), f(r.SD), f(r.CILow), f(r.CIHigh),
			f(r.Diff), f(r.DiffLow), f(r.DiffHigh),
			table.Cell{F: r.P}, table.Cell{F: r.PHolm}, table.Cell{F: r.D})
	}
	return t.Bytes()
}
