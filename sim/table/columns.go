package table

import (
	"math"
	"strconv"
	"strings"
)

// This file holds the layout of every table govsim writes: the names and
// types of their columns. Writers and readers take their headers from here
// and nowhere else.

// Type is a column's type: it decides how a value is written in CSV and
// which Parquet type the column gets.
type Type int

const (
	Int      Type = iota // int64
	Uint                 // uint64 (seeds)
	Float                // float64
	String               // text, dictionary-encoded in Parquet
	OptFloat             // float64 or missing (NaN): an empty CSV field, a Parquet null
)

// Column is one column of a table.
type Column struct {
	Name string
	Type Type
}

// Cell holds one value; the column's type says which field is used.
type Cell struct {
	I int64
	U uint64
	F float64
	S string
}

// runKey are the columns that identify a run of govsim run or compare.
func runKey() []Column {
	return []Column{{"scenario", String}, {"replicate", Int}, {"seed", Uint}}
}

// sweepKey are the columns that identify a run of a sweep.
func sweepKey() []Column {
	return []Column{{"run_id", Int}, {"point", Int}, {"scenario", String}, {"replicate", Int}, {"seed", Uint}}
}

// MonthlyColumns is the layout of monthly.csv: district metrics by month.
func MonthlyColumns() []Column {
	return concat(runKey(), []Column{{"month", Int}, {"metric", String}, {"value", Float}})
}

// VillagesColumns is the layout of villages.csv: village metrics by month
// (yearly means by default).
func VillagesColumns() []Column {
	return concat(runKey(), []Column{{"month", Int}, {"village", Int}, {"metric", String}, {"value", Float}})
}

// ResultsColumns is the layout of a sweep's results table: each district
// metric's mean over the final window of each run.
func ResultsColumns() []Column {
	return concat(sweepKey(), []Column{{"metric", String}, {"value", Float}})
}

// SweepMonthlyColumns is the layout of a sweep's monthly table.
func SweepMonthlyColumns() []Column {
	return concat(sweepKey(), []Column{{"month", Int}, {"metric", String}, {"value", Float}})
}

// RunsColumns is the layout of a sweep's runs table: each run with its
// factors' values.
func RunsColumns(factors []Column) []Column { return concat(sweepKey(), factors) }

// PointsColumns is the layout of a sweep's points table: each design point
// with its factors' values and their unit coordinates.
func PointsColumns(factors []Column) []Column {
	units := make([]Column, len(factors))
	for i, f := range factors {
		units[i] = Column{"unit." + f.Name, OptFloat}
	}
	return concat([]Column{{"point", Int}}, factors, units)
}

// SummaryColumns is the layout of summary.csv: each scenario's metrics over
// replicates and their difference from the reference, in the unit the
// report shows (unit), with which way is better (higher, lower, or empty).
func SummaryColumns() []Column {
	cols := []Column{{"scenario", String}, {"metric", String}, {"unit", String}, {"better", String}, {"n", Int}}
	for _, n := range []string{"mean", "sd", "ci_low", "ci_high", "diff", "diff_low", "diff_high", "p", "p_holm", "d"} {
		cols = append(cols, Column{n, OptFloat})
	}
	return cols
}

// SensitivityColumns is the layout of sensitivity.csv.
func SensitivityColumns() []Column {
	return []Column{{"scenario", String}, {"metric", String}, {"parameter", String}, {"method", String},
		{"index", String}, {"value", OptFloat}, {"low", OptFloat}, {"high", OptFloat}}
}

// RobustnessColumns is the layout of an exploratory design's
// robustness.csv: each package against the reference on each metric.
func RobustnessColumns() []Column {
	cols := []Column{{"scenario", String}, {"metric", String}}
	for _, n := range []string{"p_better", "p_better_low", "p_better_high", "mean_diff", "diff_low", "diff_high", "regret_max", "regret_p90"} {
		cols = append(cols, Column{n, OptFloat})
	}
	return cols
}

// DiscoveryColumns is the layout of discovery.csv: the boxes of scenario
// discovery, one row per box and restricted parameter.
func DiscoveryColumns() []Column {
	return []Column{{"scenario", String}, {"metric", String}, {"box", String}, {"coverage", OptFloat}, {"density", OptFloat},
		{"mass", OptFloat}, {"parameter", String}, {"low", OptFloat}, {"high", OptFloat}}
}

// DriversColumns is the layout of drivers.csv: each parameter's bearing on
// each package's paired difference from the reference.
func DriversColumns() []Column {
	return []Column{{"scenario", String}, {"metric", String}, {"parameter", String}, {"prcc", OptFloat}, {"prcc_low", OptFloat},
		{"prcc_high", OptFloat}, {"ks", OptFloat}, {"ks_p", OptFloat}}
}

// Header is a layout's CSV header line, with its newline.
func Header(cols []Column) string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = string(appendField(nil, c.Name))
	}
	return strings.Join(names, ",") + "\n"
}

func concat(cols ...[]Column) []Column {
	var out []Column
	for _, c := range cols {
		out = append(out, c...)
	}
	return out
}

// CSV builds a small table in memory (summaries, sensitivity indices); the
// large ones stream through Create.
type CSV struct {
	cols []Column
	b    []byte
}

// NewCSV starts a table with its header.
func NewCSV(cols []Column) *CSV { return &CSV{cols: cols, b: []byte(Header(cols))} }

// Add appends one row; cells follow the columns.
func (c *CSV) Add(row ...Cell) { c.b = appendRow(c.b, c.cols, row) }

// Bytes is the table so far.
func (c *CSV) Bytes() []byte { return c.b }

// appendRow writes one CSV row: shortest exact floats, missing values as
// empty fields, text quoted only where it must be.
func appendRow(b []byte, cols []Column, row []Cell) []byte {
	for i, col := range cols {
		if i > 0 {
			b = append(b, ',')
		}
		v := row[i]
		switch col.Type {
		case Int:
			b = strconv.AppendInt(b, v.I, 10)
		case Uint:
			b = strconv.AppendUint(b, v.U, 10)
		case Float:
			b = AppendValue(b, v.F)
		case OptFloat:
			if !math.IsNaN(v.F) && !math.IsInf(v.F, 0) {
				b = AppendValue(b, v.F)
			}
		case String:
			b = appendField(b, v.S)
		}
	}
	return append(b, '\n')
}
