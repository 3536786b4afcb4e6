package design

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// FromCSV reads explicit points from CSV text. The first row names the
// factor keys: it must hold each key of f exactly once, in any order, and
// nothing else. Every further row is one point; its values are stored in the
// order of f. Blank lines and lines starting with '#' are skipped, and spaces
// around fields are ignored.
//
// A value must be a finite number inside [Min, Max] of its factor (an
// integer for "int" factors), or one of the Values of a list factor. Unit
// coordinates are the factor's CDF at the value (NaN for list factors).
//
// Errors start with name and the line, then name the column by its position
// (from 1) and its key, e.g.
//
//	runs.csv:3: column 2 (economy.lambda0): "abc" is not a number
//
// CSV syntax errors give name:line:column with the column counted in bytes,
// as encoding/csv does.
func FromCSV(r io.Reader, name string, f []Factor) (Design, error) {
	fs, err := validateFactors(KindCSV, f, true)
	if err != nil {
		return Design{}, fmt.Errorf("%s: %w", name, err)
	}
	cr := csv.NewReader(skipBOM(r))
	cr.Comment = '#'
	cr.ReuseRecord = true

	header, err := cr.Read()
	if err == io.EOF {
		return Design{}, fmt.Errorf("%s: empty file; the first row must name the factors (%s)", name, keyList(fs))
	}
	if err != nil {
		return Design{}, csvError(name, err)
	}
	byKey := make(map[string]int, len(fs))
	for i, g := range fs {
		byKey[g.Key] = i
	}
	col := make([]int, len(header)) // CSV column → factor index
	seen := make([]bool, len(fs))
	for c, h := range header {
		h = strings.TrimSpace(h)
		line, _ := cr.FieldPos(c)
		i, ok := byKey[h]
		if !ok {
			return Design{}, fmt.Errorf("%s:%d: column %d: unknown column %q; the columns must be the factors %s", name, line, c+1, h, keyList(fs))
		}
		if seen[i] {
			return Design{}, fmt.Errorf("%s:%d: column %d: column %q appears twice", name, line, c+1, h)
		}
		seen[i] = true
		col[c] = i
	}
	for i, ok := range seen {
		if !ok {
			line, _ := cr.FieldPos(0)
			return Design{}, fmt.Errorf("%s:%d: missing column %q; the columns must be the factors %s", name, line, fs[i].Key, keyList(fs))
		}
	}

	d := Design{Kind: KindCSV, Factors: fs}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return Design{}, csvError(name, err)
		}
		if len(d.Points) >= MaxRuns {
			line, _ := cr.FieldPos(0)
			return Design{}, fmt.Errorf("%s:%d: more than %d points", name, line, MaxRuns)
		}
		unit := make([]float64, len(fs))
		vals := make([]float64, len(fs))
		for c, field := range rec {
			i := col[c]
			g := fs[i]
			line, _ := cr.FieldPos(c)
			at := fmt.Sprintf("%s:%d: column %d (%s)", name, line, c+1, g.Key)
			s := strings.TrimSpace(field)
			v, err := strconv.ParseFloat(s, 64)
			if s == "" || (err != nil && !errors.Is(err, strconv.ErrRange)) {
				return Design{}, fmt.Errorf("%s: %q is not a number", at, s)
			}
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return Design{}, fmt.Errorf("%s: %q is not a finite number", at, s)
			}
			if err := checkValue(g, v); err != nil {
				return Design{}, fmt.Errorf("%s: %w", at, err)
			}
			vals[i] = v
			unit[i] = cdf(g, v)
		}
		d.Points = append(d.Points, Point{Index: len(d.Points), Unit: unit, Values: vals})
	}
	if len(d.Points) == 0 {
		return Design{}, fmt.Errorf("%s: no points; after the header row each row must give one point", name)
	}
	return d, nil
}

// checkValue reports whether v is an allowed value of factor g.
func checkValue(g Factor, v float64) error {
	if g.isList() {
		for _, w := range g.Values {
			if v == w {
				return nil
			}
		}
		return fmt.Errorf("%s is not one of the allowed values %s", num(v), numList(g.Values))
	}
	if v < g.Min || v > g.Max {
		return fmt.Errorf("%s is outside the allowed range [%s, %s]", num(v), num(g.Min), num(g.Max))
	}
	if g.Dist == DistInt && v != math.Trunc(v) {
		return fmt.Errorf("%s is not an integer; allowed: integers in [%s, %s]", num(v), num(g.Min), num(g.Max))
	}
	return nil
}

// csvError prefixes a parse error from encoding/csv with the file name.
func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			return fmt.Errorf("%s:%d: wrong number of fields; every row needs one value per header column", name, pe.Line)
		}
		return fmt.Errorf("%s:%d:%d: %w", name, pe.Line, pe.Column, pe.Err)
	}
	return fmt.Errorf("%s: %w", name, err)
}

func keyList(fs []Factor) string {
	keys := make([]string, len(fs))
	for i, g := range fs {
		keys[i] = g.Key
	}
	return strings.Join(keys, ", ")
}

func numList(xs []float64) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = num(x)
	}
	return "{" + strings.Join(s, ", ") + "}"
}

// skipBOM drops a UTF-8 byte-order mark at the start of r: spreadsheets
// write one before the header, and a village CSV with one is read too.
func skipBOM(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && string(b) == "\ufeff" {
		br.Discard(3)
	}
	return br
}
