package table

import (
	"bufio"
	"errors"
	"fmt"
	"io"
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
	return eachRow(r, name, MonthlyColumns(), "", func(line int, f []string) error {
		rep, e1 := strconv.Atoi(f[1])
		seed, e2 := strconv.ParseUint(f[2], 10, 64)
		month, e3 := strconv.Atoi(f[3])
		val, e4 := strconv.ParseFloat(f[5], 64)
		if errors.Join(e1, e2, e3, e4) != nil || rep < 0 || month < 0 || month > maxMonth {
			return fmt.Errorf("%s:%d: bad replicate, seed, month or value", name, line)
		}
		return fn(MonthlyRow{Scenario: f[0], Replicate: rep, Seed: seed, Month: month, Metric: f[4], Value: val})
	})
}

// ReadVillages reads villages.csv and calls fn with the rows of one
// scenario ("" for all) and replicate (−1 for all); other rows are skipped
// without being parsed, so one run's rows come quickly out of a large file.
func ReadVillages(r io.Reader, name, scenario string, replicate int, fn func(VillageRow) error) error {
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
			return fmt.Errorf("%s:%d: bad number", name, line)
		}
		if replicate >= 0 && rep != replicate {
			return nil
		}
		return fn(VillageRow{Scenario: f[0], Replicate: rep, Seed: seed, Month: month, Village: vil, Metric: f[5], Value: val})
	})
}

// ReadResults reads a sweep's results.csv and calls fn with every row.
func ReadResults(r io.Reader, name string, fn func(ResultRow) error) error {
	return eachRow(r, name, ResultsColumns(), "", func(line int, f []string) error {
		id, e1 := strconv.Atoi(f[0])
		p, e2 := strconv.Atoi(f[1])
		rep, e3 := strconv.Atoi(f[3])
		seed, e4 := strconv.ParseUint(f[4], 10, 64)
		v, e5 := strconv.ParseFloat(f[6], 64)
		if errors.Join(e1, e2, e3, e4, e5) != nil || id < 0 || p < 0 || rep < 0 {
			return fmt.Errorf("%s:%d: bad run id, point, replicate, seed or value", name, line)
		}
		return fn(ResultRow{RunID: id, Point: p, Scenario: f[2], Replicate: rep, Seed: seed, Metric: f[5], Value: v})
	})
}

// eachRow reads a long-form CSV written by govsim: it checks the header,
// then calls fn with the line number and fields of every row whose text
// starts with prefix ("" for all). govsim writes no quoted fields in these
// files, so a row is split on commas; a row with the wrong number of fields
// is an error naming the line.
func eachRow(r io.Reader, name string, cols []Column, prefix string, fn func(line int, f []string) error) error {
	header := strings.TrimSuffix(Header(cols), "\n")
	br := bufio.NewReaderSize(r, 1<<20)
	first, err := br.ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: %w", name, err)
	}
	if strings.TrimRight(first, "\r\n") != header {
		return fmt.Errorf("%s:1: not a govsim file with columns %s (header %q)", name, header, strings.TrimSpace(first))
	}
	n := len(cols)
	line := 1
	for {
		s, err := br.ReadString('\n')
		if s == "" && err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("%s: %w", name, err)
		}
		line++
		if !strings.HasPrefix(s, prefix) {
			continue
		}
		f := strings.Split(strings.TrimRight(s, "\r\n"), ",")
		if len(f) != n {
			return fmt.Errorf("%s:%d: want %d fields, got %d", name, line, n, len(f))
		}
		if err := fn(line, f); err != nil {
			return err
		}
	}
}
