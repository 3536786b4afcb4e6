package scenarios

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/govsim/govsim/sim"
)

type villageColumn struct {
	name    string
	allowed string
	ok      func(float64) bool
	set     func(*sim.VillageData, float64)
}

// villageColumns are the columns of a village CSV, with what each allows.
func villageColumns() []villageColumn {
	return []villageColumn{
		{"id", "a non-negative integer, unique", nil, nil},
		{"distance", "[0, 1] (0 = the urban core, 1 = the district's edge)", func(x float64) bool { return x >= 0 && x <= 1 },
			func(v *sim.VillageData, x float64) { v.Distance = x }},
		{"farmland", ">= 0 (mu)", func(x float64) bool { return x >= 0 && !math.IsInf(x, 0) },
			func(v *sim.VillageData, x float64) { v.Farmland = x }},
		{"population", "> 0 (registered residents)", func(x float64) bool { return x > 0 && !math.IsInf(x, 0) },
			func(v *sim.VillageData, x float64) { v.Population = x }},
		{"migrants", ">= 0 (people)", func(x float64) bool { return x >= 0 && !math.IsInf(x, 0) },
			func(v *sim.VillageData, x float64) { v.Migrants = x }},
		{"assets", ">= 0 (yuan)", func(x float64) bool { return x >= 0 && !math.IsInf(x, 0) },
			func(v *sim.VillageData, x float64) { v.Assets = x }},
	}
}

func villageColumnNames() []string {
	var out []string
	for _, c := range villageColumns() {
		out = append(out, c.name)
	}
	return out
}

// ReadVillages reads a village CSV: a header naming the columns id,
// distance, farmland, population, migrants and assets in any order, then one
// row per village. name stands for the file in errors. Lines starting with
// # are comments.
func ReadVillages(name string, r io.Reader) ([]sim.VillageData, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.TrimLeadingSpace = true
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err == io.EOF {
		return nil, &InputError{File: name, Msg: "empty file; allowed a header " + strings.Join(villageColumnNames(), ",") + " and a row per village"}
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	line, _ := cr.FieldPos(0)
	col := map[string]int{} // column name -> index in a record
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))) // spreadsheets add a BOM
		known := false
		for _, c := range villageColumns() {
			known = known || c.name == h
		}
		if !known {
			msg := fmt.Sprintf("unknown column %q (column %d)", h, i+1)
			if s := closest(h, villageColumnNames()); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			return nil, &InputError{File: name, Line: line, Key: h, Msg: msg + "; allowed " + strings.Join(villageColumnNames(), ", ")}
		}
		if _, dup := col[h]; dup {
			return nil, &InputError{File: name, Line: line, Key: h, Msg: fmt.Sprintf("column given twice (column %d); allowed once each: %s", i+1, strings.Join(villageColumnNames(), ", "))}
		}
		col[h] = i
	}
	for _, c := range villageColumns() {
		if _, ok := col[c.name]; !ok {
			return nil, &InputError{File: name, Line: line, Key: c.name, Msg: "missing column; the header must name " + strings.Join(villageColumnNames(), ", ") + " (any order)"}
		}
	}

	var out []sim.VillageData
	ids := map[int]int{} // id -> line of first use
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		var v sim.VillageData
		for _, c := range villageColumns() {
			i := col[c.name]
			line, _ := cr.FieldPos(i)
			cell := strings.TrimSpace(rec[i])
			fail := func(what string) error {
				return &InputError{File: name, Line: line, Key: c.name, Msg: fmt.Sprintf("%s (column %d); allowed %s", what, i+1, c.allowed)}
			}
			if c.name == "id" {
				id, err := strconv.ParseInt(cell, 10, 0)
				if err != nil || id < 0 {
					return nil, fail(fmt.Sprintf("%q is not a non-negative integer", cell))
				}
				if first, dup := ids[int(id)]; dup {
					return nil, fail(fmt.Sprintf("id %d is used already on line %d", id, first))
				}
				ids[int(id)] = line
				v.ID = int(id)
				continue
			}
			x, err := strconv.ParseFloat(cell, 64)
			if err != nil && !errors.Is(err, strconv.ErrRange) {
				return nil, fail(fmt.Sprintf("%q is not a number", cell))
			}
			if err != nil || math.IsNaN(x) || !c.ok(x) {
				return nil, fail(fmt.Sprintf("%s is out of range", cell))
			}
			c.set(&v, x)
		}
		out = append(out, v)
	}
	if len(out) < 2 {
		return nil, &InputError{File: name, Msg: fmt.Sprintf("%d villages; allowed at least 2 rows after the header", len(out))}
	}
	return out, nil
}

// csvError turns a CSV syntax error into an InputError with its line.
func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			msg += "; allowed as many fields as the header has on every row"
		}
		return &InputError{File: name, Line: pe.Line, Msg: "CSV: " + msg}
	}
	return &InputError{File: name, Msg: "CSV: " + err.Error()}
}
