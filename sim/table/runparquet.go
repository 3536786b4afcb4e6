package table

import (
	"fmt"
	"path/filepath"
)

// Run directories in Parquet: monthly.parquet and villages.parquet hold the
// rows monthly.csv and villages.csv would, in the same order, with the
// column types of columns.go, written through the sweep tables' Parquet
// writer (deterministic bytes; memory bounded by one row group).

// typedRows keeps one run's rows as values until the run is written, since
// runs finish in any order and are written in run order.
type typedRows struct {
	district, villages []typedRow
}

// typedRow is one row; metric indexes the run's metric names.
type typedRow struct {
	month, village int32
	metric         uint16
	value          float64
}

// runTables opens monthly.parquet and villages.parquet in dir under
// temporary names; version names the govsim that writes them.
func runTables(dir, version string) ([]tableWriter, error) {
	var out []tableWriter
	for _, t := range []struct {
		name string
		cols []Column
	}{{"monthly", MonthlyColumns()}, {"villages", VillagesColumns()}} {
		w, err := newTable(filepath.Join(dir, t.name), FormatParquet, version, t.cols)
		if err != nil {
			for _, o := range out {
				o.abort()
			}
			return nil, err
		}
		out = append(out, w)
	}
	return out, nil
}

// appendTyped writes one run's rows to the monthly and villages tables.
func appendTyped(tables []tableWriter, r *RunRows) error {
	key := []Cell{{S: r.Scenario}, {I: int64(r.Replicate)}, {U: r.Seed}}
	row := make([]Cell, 7)
	copy(row, key)
	for _, x := range r.typed.district {
		row[3], row[4], row[5] = Cell{I: int64(x.month)}, Cell{S: r.dNames[x.metric]}, Cell{F: x.value}
		if err := tables[0].write(row[:6]); err != nil {
			return fmt.Errorf("monthly.parquet: %w", err)
		}
	}
	for _, x := range r.typed.villages {
		row[3], row[4], row[5], row[6] = Cell{I: int64(x.month)}, Cell{I: int64(x.village)}, Cell{S: r.vNames[x.metric]}, Cell{F: x.value}
		if err := tables[1].write(row); err != nil {
			return fmt.Errorf("villages.parquet: %w", err)
		}
	}
	return nil
}
