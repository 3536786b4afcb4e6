package report

import (
	"github.com/govsim/govsim/analysis"
	"github.com/govsim/govsim/sim/table"
)

// Summary renders comparison rows as summary.csv; undefined values (the
// reference's differences, say) are empty fields, which R and pandas read
// as missing.
func Summary(rows []analysis.Row) []byte {
	t := table.NewCSV(table.SummaryColumns())
	for _, r := range rows {
		t.Add(table.Cell{S: r.Scenario}, table.Cell{S: r.Metric}, table.Cell{I: int64(r.N)},
			table.Cell{F: r.Mean}, table.Cell{F: r.SD}, table.Cell{F: r.CILow}, table.Cell{F: r.CIHigh},
			table.Cell{F: r.Diff}, table.Cell{F: r.DiffLow}, table.Cell{F: r.DiffHigh},
			table.Cell{F: r.P}, table.Cell{F: r.PHolm}, table.Cell{F: r.D})
	}
	return t.Bytes()
}
