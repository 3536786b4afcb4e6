package table

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
)

// Readers of the Parquet tables govsim writes: the same rows, in the same
// order, as the CSV readers give, so that report and analyze read either.

// eachParquetRow opens a Parquet table written by govsim, checks that its
// columns are cols (names and order), and calls fn with every row, one row
// group at a time, of the row groups mayHold (nil: all) says, from their
// columns' statistics, may hold rows fn wants. Errors name the file.
func eachParquetRow(path string, cols []Column, mayHold func([]format.ColumnChunk) bool, fn func(row parquet.Row) error) (err error) {
	// Bounded like every input: a regular file, opened without blocking.
	f, st, err := OpenInput(path)
	if err != nil {
		return err
	}
	defer f.Close()
	// parquet-go panics on some malformed files; a damaged table is bad
	// input, not a crash.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: not a readable Parquet file: %v", path, r)
		}
	}()
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		return fmt.Errorf("%s: not a Parquet file: %w", path, err)
	}
	fields := pf.Schema().Fields()
	ok := len(fields) == len(cols)
	for i := 0; ok && i < len(cols); i++ {
		ok = fields[i].Name() == cols[i].Name
	}
	if !ok {
		var names []string
		for _, fl := range fields {
			names = append(names, fl.Name())
		}
		return fmt.Errorf("%s: not a govsim table with columns %s (columns %v)", path, Header(cols)[:len(Header(cols))-1], names)
	}
	buf := make([]parquet.Row, 256)
	groups := pf.Metadata().RowGroups
	for i, rg := range pf.RowGroups() {
		if mayHold != nil && i < len(groups) && !mayHold(groups[i].Columns) {
			continue
		}
		rows := rg.Rows()
		for {
			n, rerr := rows.ReadRows(buf)
			for _, row := range buf[:n] {
				if len(row) != len(cols) {
					rows.Close()
					return fmt.Errorf("%s: a row of %d values for %d columns", path, len(row), len(cols))
				}
				if err := fn(row); err != nil {
					rows.Close()
					return err
				}
			}
			if errors.Is(rerr, io.EOF) {
				break
			}
			if rerr != nil {
				rows.Close()
				return fmt.Errorf("%s: %w", path, rerr)
			}
		}
		rows.Close()
	}
	return nil
}

// ReadMonthlyParquet reads monthly.parquet and calls fn with every row.
func ReadMonthlyParquet(path string, fn func(MonthlyRow) error) error {
	return eachParquetRow(path, MonthlyColumns(), nil, func(r parquet.Row) error {
		m := MonthlyRow{Scenario: string(r[0].ByteArray()), Replicate: int(r[1].Int64()), Seed: r[2].Uint64(),
			Month: int(r[3].Int64()), Metric: string(r[4].ByteArray()), Value: r[5].Double()}
		if m.Replicate < 0 || m.Month < 0 || m.Month > maxMonth {
			return fmt.Errorf("%s: bad replicate or month in a row of %s", path, m.Scenario)
		}
		return fn(m)
	})
}

// ReadVillagesParquet reads villages.parquet and calls fn with the rows of
// one scenario ("" for all) and replicate (−1 for all).
//
// Row groups whose statistics exclude the scenario or the replicate are
// not decoded: a report reads the baseline's rows and a map's run out of a
// table of every run. A statistic that is wrong can only leave rows out,
// which the checks of ReadRunVillages then report as a truncated table.
func ReadVillagesParquet(path, scenario string, replicate int, fn func(VillageRow) error) error {
	mayHold := func(cols []format.ColumnChunk) bool {
		return (scenario == "" || mayHoldBytes(cols[0].MetaData.Statistics, []byte(scenario))) &&
			(replicate < 0 || mayHoldInt64(cols[1].MetaData.Statistics, int64(replicate)))
	}
	return eachParquetRow(path, VillagesColumns(), mayHold, func(r parquet.Row) error {
		if scenario != "" && string(r[0].ByteArray()) != scenario || replicate >= 0 && int(r[1].Int64()) != replicate {
			return nil
		}
		v := VillageRow{Scenario: string(r[0].ByteArray()), Replicate: int(r[1].Int64()), Seed: r[2].Uint64(),
			Month: int(r[3].Int64()), Village: int(r[4].Int64()), Metric: string(r[5].ByteArray()), Value: r[6].Double()}
		if v.Replicate < 0 || v.Month < 0 || v.Month > maxMonth || v.Village < 0 || v.Village > 1e6 {
			return fmt.Errorf("%s: bad replicate, month or village in a row of %s", path, v.Scenario)
		}
		return fn(v)
	})
}

// ReadResultsParquet reads a sweep's results.parquet and calls fn with
// every row.
func ReadResultsParquet(path string, fn func(ResultRow) error) error {
	return eachParquetRow(path, ResultsColumns(), nil, func(r parquet.Row) error {
		x := ResultRow{RunID: int(r[0].Int64()), Point: int(r[1].Int64()), Scenario: string(r[2].ByteArray()),
			Replicate: int(r[3].Int64()), Seed: r[4].Uint64(), Metric: string(r[5].ByteArray()), Value: r[6].Double()}
		if x.RunID < 0 || x.Point < 0 || x.Replicate < 0 {
			return fmt.Errorf("%s: bad run id, point or replicate in run %d", path, x.RunID)
		}
		return fn(x)
	})
}

// mayHoldBytes: a column chunk whose statistics are st may hold v (a
// string column; unsigned bytewise order, as Parquet compares strings).
// Without statistics, it may.
func mayHoldBytes(st format.Statistics, v []byte) bool {
	if st.MinValue == nil || st.MaxValue == nil {
		return true
	}
	return bytes.Compare(v, st.MinValue) >= 0 && bytes.Compare(v, st.MaxValue) <= 0
}

// mayHoldInt64 is mayHoldBytes for a signed 64-bit column, whose
// statistics are stored little-endian.
func mayHoldInt64(st format.Statistics, v int64) bool {
	if len(st.MinValue) != 8 || len(st.MaxValue) != 8 {
		return true
	}
	lo, hi := int64(binary.LittleEndian.Uint64(st.MinValue)), int64(binary.LittleEndian.Uint64(st.MaxValue))
	return v >= lo && v <= hi
}
