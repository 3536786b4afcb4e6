package table

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	"github.com/parquet-go/parquet-go/encoding"
)

// Sweep tables are written row by row to a temporary file, as CSV or as
// Parquet, and renamed into place only when every table is complete: memory
// stays bounded by one Parquet row group whatever the number of rows.

// Output formats of sweep tables.
const (
	FormatCSV     = "csv"
	FormatParquet = "parquet"
)

// Formats lists the output formats.
func Formats() []string { return []string{FormatCSV, FormatParquet} }

// tableWriter writes the rows of one table.
type tableWriter interface {
	write(row []Cell) error
	// finish completes the file under its temporary name.
	finish() error
	// commit renames the finished file into place.
	commit() error
	abort()
}

// tempFile is a file written under a temporary name beside its target.
type tempFile struct {
	final, tmp string
	f          *os.File
}

func createTemp(final string) (*tempFile, error) {
	f, err := os.CreateTemp(filepath.Dir(final), "."+filepath.Base(final)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	return &tempFile{final: final, tmp: f.Name(), f: f}, nil
}

// close syncs and closes the file; CreateTemp makes files private and
// outputs are for sharing.
func (t *tempFile) close() error {
	if err := t.f.Chmod(0o644); err != nil {
		return fmt.Errorf("%s: %w", t.final, err)
	}
	if err := t.f.Sync(); err != nil {
		return fmt.Errorf("%s: %w", t.final, err)
	}
	err := t.f.Close()
	t.f = nil
	if err != nil {
		return fmt.Errorf("%s: %w", t.final, err)
	}
	return nil
}

func (t *tempFile) commit() error {
	if err := os.Rename(t.tmp, t.final); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

func (t *tempFile) abort() {
	if t.f != nil {
		t.f.Close()
		t.f = nil
	}
	os.Remove(t.tmp)
}

// newTable opens the writer of path (without extension) in a format;
// version names the govsim that wrote a Parquet file.
func newTable(path, format, version string, cols []Column) (tableWriter, error) {
	switch format {
	case FormatCSV:
		return newCSVTable(path+".csv", cols)
	case FormatParquet:
		return newParquetTable(path+".parquet", version, cols)
	}
	return nil, fmt.Errorf("output: unknown format %q", format)
}

type csvTable struct {
	*tempFile
	cols []Column
	w    *bufio.Writer
	buf  []byte
	rows int64
}

func newCSVTable(final string, cols []Column) (*csvTable, error) {
	t, err := createTemp(final)
	if err != nil {
		return nil, err
	}
	c := &csvTable{tempFile: t, cols: cols, w: bufio.NewWriterSize(t.f, 256<<10)}
	c.buf = append(c.buf, Header(cols)...)
	if _, err := c.w.Write(c.buf); err != nil {
		t.abort()
		return nil, fmt.Errorf("%s: %w", final, err)
	}
	return c, nil
}

func (c *csvTable) write(row []Cell) error {
	c.rows++
	c.buf = appendRow(c.buf[:0], c.cols, row)
	if _, err := c.w.Write(c.buf); err != nil {
		return fmt.Errorf("%s: %w", c.final, err)
	}
	return nil
}

func (c *csvTable) finish() error {
	if err := c.w.Flush(); err != nil {
		return fmt.Errorf("%s: %w", c.final, err)
	}
	return c.close()
}

// parquetRowGroup bounds the rows buffered in memory before a row group is
// written: about 20 MB for the widest table, and large enough for readers
// to scan quickly.
const parquetRowGroup = 256 * 1024

// parquetBatch is how many rows go to the writer at once.
const parquetBatch = 1024

type parquetTable struct {
	*tempFile
	cols  []Column
	w     *parquet.Writer
	batch []parquet.Row
	n     int
	rows  int64
}

func newParquetTable(final, version string, cols []Column) (*parquetTable, error) {
	t, err := createTemp(final)
	if err != nil {
		return nil, err
	}
	fields := make([]orderedField, len(cols))
	for i, c := range cols {
		var n parquet.Node
		switch c.Type {
		case Int:
			n = parquet.Int(64)
		case Uint:
			n = parquet.Uint(64)
		case Float:
			n = parquet.Leaf(parquet.DoubleType)
		case OptFloat:
			n = parquet.Optional(parquet.Leaf(parquet.DoubleType))
		case String:
			n = parquet.Encoded(parquet.String(), &parquet.RLEDictionary)
		}
		fields[i] = orderedField{Node: n, name: c.Name}
	}
	schema := parquet.NewSchema("govsim", orderedGroup(fields))
	w := parquet.NewWriter(t.f, schema,
		// A fixed creator keeps files byte-identical across builds.
		parquet.CreatedBy("govsim", version, ""),
		parquet.Compression(&parquet.Snappy),
		parquet.MaxRowsPerRowGroup(parquetRowGroup),
	)
	p := &parquetTable{tempFile: t, cols: cols, w: w, batch: make([]parquet.Row, parquetBatch)}
	for i := range p.batch {
		p.batch[i] = make(parquet.Row, len(cols))
	}
	return p, nil
}

func (p *parquetTable) write(row []Cell) error {
	p.rows++
	r := p.batch[p.n]
	for j, col := range p.cols {
		v := row[j]
		switch col.Type {
		case Int:
			r[j] = parquet.Int64Value(v.I).Level(0, 0, j)
		case Uint:
			r[j] = parquet.Int64Value(int64(v.U)).Level(0, 0, j)
		case Float:
			r[j] = parquet.DoubleValue(v.F).Level(0, 0, j)
		case OptFloat:
			if math.IsNaN(v.F) {
				r[j] = parquet.NullValue().Level(0, 0, j)
			} else {
				r[j] = parquet.DoubleValue(v.F).Level(0, 1, j)
			}
		case String:
			r[j] = parquet.ByteArrayValue([]byte(v.S)).Level(0, 0, j)
		}
	}
	p.n++
	if p.n == len(p.batch) {
		return p.flush()
	}
	return nil
}

func (p *parquetTable) flush() error {
	if p.n == 0 {
		return nil
	}
	_, err := p.w.WriteRows(p.batch[:p.n])
	p.n = 0
	if err != nil {
		return fmt.Errorf("%s: %w", p.final, err)
	}
	return nil
}

func (p *parquetTable) finish() error {
	if err := p.flush(); err != nil {
		return err
	}
	if err := p.w.Close(); err != nil {
		return fmt.Errorf("%s: %w", p.final, err)
	}
	return p.close()
}

// orderedGroup is a Parquet group whose columns keep the order given:
// parquet.Group is a map and would sort them by name, putting run_id after
// the factor columns.
type orderedGroup []orderedField

type orderedField struct {
	parquet.Node
	name string
}

func (f orderedField) Name() string { return f.name }

func (f orderedField) Value(base reflect.Value) reflect.Value {
	return base.FieldByName(f.name) // rows are written as parquet.Row, never reflected
}

func (g orderedGroup) ID() int                     { return 0 }
func (g orderedGroup) String() string              { return parquet.Group{}.String() }
func (g orderedGroup) Type() parquet.Type          { return parquet.Group{}.Type() }
func (g orderedGroup) Optional() bool              { return false }
func (g orderedGroup) Repeated() bool              { return false }
func (g orderedGroup) Required() bool              { return true }
func (g orderedGroup) Leaf() bool                  { return false }
func (g orderedGroup) Encoding() encoding.Encoding { return nil }
func (g orderedGroup) Compression() compress.Codec { return nil }
func (g orderedGroup) GoType() reflect.Type        { return reflect.TypeOf(parquet.Row{}) }
func (g orderedGroup) Fields() []parquet.Field {
	out := make([]parquet.Field, len(g))
	for i := range g {
		out[i] = g[i]
	}
	return out
}
