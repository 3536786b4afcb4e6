package testkit

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// Golden compares got with the golden file at path or, with update, writes
// it. A difference names the first line that differs.
func Golden(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run the test with -update to accept): %s", path, FirstDiff(string(want), string(got)))
	}
}

// FirstDiff describes the first line in which got differs from want.
func FirstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b || i >= len(w) || i >= len(g) {
			return "line " + strconv.Itoa(i+1) + ":\n  want " + strconv.Quote(a) + "\n  got  " + strconv.Quote(b)
		}
	}
	return "no difference in lines"
}

// SameParquetCSV checks that a Parquet table holds exactly the rows of
// the CSV table: the same column names, and every value reading back to the
// same text (floats bit for bit through the shortest formatting).
func SameParquetCSV(t testing.TB, pqPath, csvPath string) {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(read(t, csvPath))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	pb := read(t, pqPath)
	f, err := parquet.OpenFile(bytes.NewReader(pb), int64(len(pb)))
	if err != nil {
		t.Fatal(err)
	}
	fields := f.Schema().Fields()
	var names []string
	for _, c := range fields {
		names = append(names, c.Name())
	}
	if strings.Join(names, ",") != strings.Join(recs[0], ",") {
		t.Fatalf("%s columns %v, CSV %v", pqPath, names, recs[0])
	}
	r := parquet.NewReader(bytes.NewReader(pb))
	defer r.Close()
	rows := make([]parquet.Row, 100)
	line := 1
	for {
		n, err := r.ReadRows(rows)
		for _, row := range rows[:n] {
			if line >= len(recs) {
				t.Fatalf("%s has more rows than the CSV (%d)", pqPath, len(recs)-1)
			}
			for j, v := range row {
				got := ""
				switch {
				case v.IsNull():
				case v.Kind() == parquet.Double:
					got = strconv.FormatFloat(v.Double(), 'g', -1, 64)
				case v.Kind() == parquet.Int64 && fields[j].Type().String() == "INT(64,false)":
					got = strconv.FormatUint(v.Uint64(), 10)
				case v.Kind() == parquet.Int64:
					got = strconv.FormatInt(v.Int64(), 10)
				default:
					got = v.String()
				}
				if got != recs[line][j] {
					t.Fatalf("%s row %d column %s: parquet %q, CSV %q", pqPath, line, names[j], got, recs[line][j])
				}
			}
			line++
		}
		if err != nil {
			break
		}
	}
	if line != len(recs) {
		t.Fatalf("%s has %d rows, the CSV %d", pqPath, line-1, len(recs)-1)
	}
}

func read(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
