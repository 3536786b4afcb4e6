package table

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
)

// SweepTables are the final tables of a sweep, without extension.
func SweepTables(monthly bool) []string {
	t := []string{"points", "runs", "results"}
	if monthly {
		t = append(t, "monthly")
	}
	return t
}

// TableFile is a table a sweep assembled: its file name and its rows (the
// manifest records them, so that a reader can tell a truncated table).
type TableFile struct {
	Name string
	Rows int64
}

// Tables are the tables of a sweep.
type Tables []TableFile

// Names lists the tables' file names.
func (ts Tables) Names() []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Name)
	}
	return out
}

// Rows maps each table's file name to its rows.
func (ts Tables) Rows() map[string]int64 {
	out := map[string]int64{}
	for _, t := range ts {
		out[t.Name] = t.Rows
	}
	return out
}

// AssembleSweep writes the final tables of sweep f into dir from its parts
// (partPath(id) is where run id's part is), in run-id order, one part at a
// time, and returns the files with their rows. The tables appear only when
// all are complete; a damaged or missing part stops the assembly with an
// error that names it.
func AssembleSweep(dir string, f SweepFile, format string, partPath func(id int) string) (Tables, error) {
	s := &f.Spec
	a := &assembly{spec: s}
	if err := a.open(dir, format); err != nil {
		return nil, err
	}
	err := a.points()
	if err == nil {
		err = a.runs(f.ID, partPath)
	}
	if err == nil {
		err = a.finish()
	}
	if err != nil {
		a.abort()
		return nil, err
	}
	var out Tables
	for _, t := range a.tables {
		if err := t.commit(); err != nil {
			a.abort()
			return nil, err
		}
		out = append(out, TableFile{Name: filepath.Base(finalName(t)), Rows: rowsOf(t)})
	}
	return out, nil
}

func rowsOf(t tableWriter) int64 {
	switch x := t.(type) {
	case *csvTable:
		return x.rows
	case *parquetTable:
		return x.rows
	}
	return -1
}

func finalName(t tableWriter) string {
	switch x := t.(type) {
	case *csvTable:
		return x.final
	case *parquetTable:
		return x.final
	}
	return ""
}

type assembly struct {
	spec                    *SweepSpec
	pts, runsT, res, monthT tableWriter
	tables                  []tableWriter
	row                     []Cell
	factorTypes             []Column
}

// factorColumns are the columns of the sweep's factors, typed.
func (s *SweepSpec) factorColumns() []Column {
	var out []Column
	for _, f := range s.Factors {
		typ := Float
		if f.Kind == "int" {
			typ = Int
		}
		out = append(out, Column{f.Key, typ})
	}
	return out
}

// Layouts are the columns of the sweep's tables, by name without
// extension (SweepTables).
func (s *SweepSpec) Layouts() map[string][]Column {
	f := s.factorColumns()
	out := map[string][]Column{"points": PointsColumns(f), "runs": RunsColumns(f), "results": ResultsColumns()}
	if s.Monthly {
		out["monthly"] = SweepMonthlyColumns()
	}
	return out
}

func (a *assembly) open(dir, format string) error {
	s := a.spec
	a.factorTypes = s.factorColumns()
	specs := []struct {
		name string
		cols []Column
		dst  *tableWriter
	}{
		{"points", PointsColumns(a.factorTypes), &a.pts},
		{"runs", RunsColumns(a.factorTypes), &a.runsT},
		{"results", ResultsColumns(), &a.res},
	}
	if s.Monthly {
		specs = append(specs, struct {
			name string
			cols []Column
			dst  *tableWriter
		}{"monthly", SweepMonthlyColumns(), &a.monthT})
	}
	for _, t := range specs {
		w, err := newTable(filepath.Join(dir, t.name), format, s.Govsim, t.cols)
		if err != nil {
			a.abort()
			return err
		}
		*t.dst = w
		a.tables = append(a.tables, w)
	}
	a.row = make([]Cell, 8+2*len(s.Factors))
	return nil
}

// setFactors puts a point's values into row from column at.
func (a *assembly) setFactors(row []Cell, at int, values []float64) {
	for j, v := range values {
		if a.factorTypes[j].Type == Int {
			row[at+j] = Cell{I: int64(v)}
		} else {
			row[at+j] = Cell{F: v}
		}
	}
}

func (a *assembly) points() error {
	row := a.row[:1+2*len(a.spec.Factors)]
	k := len(a.spec.Factors)
	for i, p := range a.spec.Points {
		row[0] = Cell{I: int64(i)}
		a.setFactors(row, 1, p)
		for j, u := range a.spec.Units[i] {
			row[1+k+j] = Cell{F: float64(u)}
		}
		if err := a.pts.write(row); err != nil {
			return err
		}
	}
	return nil
}

func (a *assembly) runs(sweepID string, partPath func(id int) string) error {
	s := a.spec
	var p Part
	var buf []byte
	var err error
	runRow := a.row[:len(sweepKey())+len(s.Factors)]
	resRow := make([]Cell, len(sweepKey())+2)
	monRow := make([]Cell, len(sweepKey())+3)
	for id := 0; id < s.Runs(); id++ {
		path := partPath(id)
		buf, err = readPartFile(buf, path, partSize(len(s.Metrics), maxPartMonths))
		if err == nil {
			err = DecodePart(buf, sweepID, len(s.Metrics), &p)
		}
		pt, sc, rep := s.RunKey(id)
		if err == nil && (p.Run != id || p.Point != pt || p.Scenario != sc || p.Replicate != rep) {
			err = fmt.Errorf("%w: it holds run %d (point %d, scenario %d, replicate %d), not run %d", errBadPart, p.Run, p.Point, p.Scenario, p.Replicate, id)
		}
		if err == nil && (p.Months > 0) != s.Monthly {
			err = fmt.Errorf("%w: %d months of monthly values in a sweep with monthly %v", errBadPart, p.Months, s.Monthly)
		}
		if err != nil {
			return &PartError{Run: id, Path: path, Err: err}
		}
		key := []Cell{{I: int64(id)}, {I: int64(pt)}, {S: s.Scenarios[sc].Name}, {I: int64(rep)}, {U: p.Seed}}
		copy(runRow, key)
		a.setFactors(runRow, len(sweepKey()), s.Points[pt])
		if err := a.runsT.write(runRow); err != nil {
			return err
		}
		copy(resRow, key)
		for m, x := range p.Tail {
			if math.IsNaN(x) {
				continue
			}
			resRow[5], resRow[6] = Cell{S: s.Metrics[m]}, Cell{F: x}
			if err := a.res.write(resRow); err != nil {
				return err
			}
		}
		if a.monthT == nil {
			continue
		}
		copy(monRow, key)
		nm := len(s.Metrics)
		for month := 0; month < p.Months; month++ {
			for m, x := range p.Monthly[month*nm : (month+1)*nm] {
				if math.IsNaN(x) {
					continue
				}
				monRow[5], monRow[6], monRow[7] = Cell{I: int64(month)}, Cell{S: s.Metrics[m]}, Cell{F: x}
				if err := a.monthT.write(monRow); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// PartError is a part that cannot be assembled: damaged, or not the run
// it should be (its own error says which); bad input for the command line
// when it is damaged.
type PartError struct {
	Run  int
	Path string
	Err  error
}

func (e *PartError) Error() string {
	if errors.Is(e.Err, errBadPart) {
		return fmt.Sprintf("part %s: %v; run the sweep again to redo the run (it removes damaged parts)", e.Path, e.Err)
	}
	return fmt.Sprintf("run %d: part %s: %v", e.Run, e.Path, e.Err)
}

func (e *PartError) Unwrap() error { return e.Err }

// BadInput marks a damaged part as bad input for the command line.
func (e *PartError) BadInput() bool { return errors.Is(e.Err, errBadPart) }

func (a *assembly) finish() error {
	for _, t := range a.tables {
		if err := t.finish(); err != nil {
			return err
		}
	}
	return nil
}

func (a *assembly) abort() {
	for _, t := range a.tables {
		t.abort()
	}
}
