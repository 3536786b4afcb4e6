package table

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// MonthlyRow is one row of monthly.csv.
type MonthlyRow struct {
	Scenario  string
	Replicate int
	Seed      uint64
	Month     int
	Metric    string
	Value     float64
}

// VillageRow is one row of villages.csv.
type VillageRow struct {
	Scenario  string
	Replicate int
	Seed      uint64
	Month     int
	Village   int
	Metric    string
	Value     float64
}

// ResultRow is one row of a sweep's results table.
type ResultRow struct {
	RunID, Point int
	Scenario     string
	Replicate    int
	Seed         uint64
	Metric       string
	Value        float64
}

// maxMonth bounds the months a table may hold (scenarios run at most 1200).
const maxMonth = 100000

// ReadMonthly reads monthly.csv and calls fn with every row. Errors name
// the file (name) and line.
func ReadMonthly(r io.Reader, name string, fn func(MonthlyRow) error) error {
	return readMonthly(r, name, func(_ int, row MonthlyRow) error { return fn(row) })
}

func readMonthly(r io.Reader, name string, fn func(int, MonthlyRow) error) error {
	return eachRow(r, name, MonthlyColumns(), "", func(line int, f []string) error {
		rep, e1 := strconv.Atoi(f[1])
		seed, e2 := strconv.ParseUint(f[2], 10, 64)
		month, e3 := strconv.Atoi(f[3])
		val, e4 := strconv.ParseFloat(f[5], 64)
		if errors.Join(e1, e2, e3, e4) != nil || rep < 0 || month < 0 || month > maxMonth {
			return badRow("%s:%d: bad replicate, seed, month or value", name, line)
		}
		return fn(line, MonthlyRow{Scenario: f[0], Replicate: rep, Seed: seed, Month: month, Metric: f[4], Value: val})
	})
}

// ReadVillages reads villages.csv and calls fn with the rows of one
// scenario ("" for all) and replicate (−1 for all); other rows are skipped
// without being parsed, so one run's rows come quickly out of a large file.
func ReadVillages(r io.Reader, name, scenario string, replicate int, fn func(VillageRow) error) error {
	return readVillages(r, name, scenario, replicate, func(_ int, row VillageRow) error { return fn(row) })
}

func readVillages(r io.Reader, name, scenario string, replicate int, fn func(int, VillageRow) error) error {
	prefix := ""
	if scenario != "" {
		prefix = string(appendField(nil, scenario)) + ","
		if replicate >= 0 {
			prefix += strconv.Itoa(replicate) + ","
		}
	}
	return eachRow(r, name, VillagesColumns(), prefix, func(line int, f []string) error {
		rep, e1 := strconv.Atoi(f[1])
		seed, e2 := strconv.ParseUint(f[2], 10, 64)
		month, e3 := strconv.Atoi(f[3])
		vil, e4 := strconv.Atoi(f[4])
		val, e5 := strconv.ParseFloat(f[6], 64)
		if errors.Join(e1, e2, e3, e4, e5) != nil || rep < 0 || month < 0 || month > maxMonth || vil < 0 || vil > 1e6 {
			return badRow("%s:%d: bad number", name, line)
		}
		if replicate >= 0 && rep != replicate {
			return nil
		}
		return fn(line, VillageRow{Scenario: f[0], Replicate: rep, Seed: seed, Month: month, Village: vil, Metric: f[5], Value: val})
	})
}

// ReadResults reads a sweep's results.csv and calls fn with every row.
func ReadResults(r io.Reader, name string, fn func(ResultRow) error) error {
	return readResults(r, name, func(_ int, row ResultRow) error { return fn(row) })
}

func readResults(r io.Reader, name string, fn func(int, ResultRow) error) error {
	return eachRow(r, name, ResultsColumns(), "", func(line int, f []string) error {
		id, e1 := strconv.Atoi(f[0])
		p, e2 := strconv.Atoi(f[1])
		rep, e3 := strconv.Atoi(f[3])
		seed, e4 := strconv.ParseUint(f[4], 10, 64)
		v, e5 := strconv.ParseFloat(f[6], 64)
		if errors.Join(e1, e2, e3, e4, e5) != nil || id < 0 || p < 0 || rep < 0 {
			return badRow("%s:%d: bad run id, point, replicate, seed or value", name, line)
		}
		return fn(line, ResultRow{RunID: id, Point: p, Scenario: f[2], Replicate: rep, Seed: seed, Metric: f[5], Value: v})
	})
}

// eachRow reads a long-form CSV written by govsim: it checks the header,
// then calls fn with the line number and fields of every row whose text
// starts with prefix ("" for all). govsim writes no quoted fields in these
// files, so a row is split on commas; a row with the wrong number of fields
// is an error naming the line. Lines are bounded (MaxLineBytes), and a last
// line without its newline is a truncated file, not a short value.
func eachRow(r io.Reader, name string, cols []Column, prefix string, fn func(line int, f []string) error) error {
	header := strings.TrimSuffix(Header(cols), "\n")
	br := bufio.NewReaderSize(r, 64<<10)
	n := len(cols)
	var long []byte // a line longer than br's buffer
	for line := 1; ; line++ {
		b, err := br.ReadSlice('\n')
		for long = long[:0]; errors.Is(err, bufio.ErrBufferFull); b, err = br.ReadSlice('\n') {
			if long = append(long, b...); len(long) > MaxLineBytes {
				return badRow("%s:%d: line longer than %s: not a govsim table", name, line, Bytes(MaxLineBytes))
			}
		}
		if len(long) > 0 {
			b = append(long, b...)
		}
		switch {
		case errors.Is(err, io.EOF) && len(b) == 0 && line > 1:
			return nil
		case errors.Is(err, io.EOF) && len(b) == 0:
			return badRow("%s: empty: not a govsim file with columns %s", name, header)
		case errors.Is(err, io.EOF):
			return badRow("%s:%d: the file ends without a newline: truncated", name, line)
		case err != nil:
			return fmt.Errorf("%s: %w", name, err)
		}
		s := string(bytes.TrimRight(b, "\r\n"))
		if line == 1 {
			if s != header {
				return badRow("%s:1: not a govsim file with columns %s (header %q)", name, header, truncate(s, 200))
			}
			continue
		}
		if !strings.HasPrefix(s, prefix) {
			continue
		}
		f := strings.Split(s, ",")
		if len(f) != n {
			return badRow("%s:%d: want %d fields, got %d", name, line, n, len(f))
		}
		if err := fn(line, f); err != nil {
			return err
		}
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

func badRow(format string, a ...any) error { return &TableError{fmt.Sprintf(format, a...)} }

// ReadCSV reads any table govsim writes in CSV, given its layout (see
// columns.go): the header must name cols, every row must have their
// number of fields, and every field must parse as its column's type
// (quoted text included; an empty OptFloat is NaN). fn gets the line and
// the row's cells. It is how govsim checks that what it writes it can read
// (tests); commands read the long tables through the bounded eachRow.
func ReadCSV(r io.Reader, name string, cols []Column, fn func(line int, row []Cell) error) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(cols)
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return badRow("%s:1: %v", name, err)
	}
	for i, c := range cols {
		if head[i] != c.Name {
			return badRow("%s:1: column %d is %q, want %q", name, i+1, head[i], c.Name)
		}
	}
	row := make([]Cell, len(cols))
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return badRow("%s: %v", name, err) // a csv.ParseError names the line
		}
		line, _ := cr.FieldPos(0)
		for i, c := range cols {
			var e error
			row[i] = Cell{}
			switch s := rec[i]; c.Type {
			case Int:
				row[i].I, e = strconv.ParseInt(s, 10, 64)
			case Uint:
				row[i].U, e = strconv.ParseUint(s, 10, 64)
			case Float:
				row[i].F, e = strconv.ParseFloat(s, 64)
			case OptFloat:
				row[i].F = math.NaN()
				if s != "" {
					row[i].F, e = strconv.ParseFloat(s, 64)
				}
			case String:
				row[i].S = s
			}
			if e != nil {
				return badRow("%s:%d: column %s: %q is not a value of its type", name, line, c.Name, rec[i])
			}
		}
		if err := fn(line, row); err != nil {
			return err
		}
	}
}
