package table

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunParquetRoundTrip: rows written to a Parquet run directory read
// back as the CSV readers give them, and damaged or foreign files are
// errors, not panics.
func TestRunParquetRoundTrip(t *testing.T) {
	dir := t.TempDir()
	fs, err := CreateFormat(dir, FormatParquet, "test")
	if err != nil {
		t.Fatal(err)
	}
	r := NewRunRows("a,b", 3, 99, []string{"m0", "m1"}, []string{"v0"}, 0)
	r.typed = &typedRows{}
	r.District(0, []float64{1.5, 2.5})
	r.District(1, []float64{0.1, math.NaN()})
	r.Village(11, 7, []float64{42})
	if err := fs.Append(r); err != nil {
		t.Fatal(err)
	}
	if err := fs.Commit(map[string]string{"govsim_version": "test"}); err != nil {
		t.Fatal(err)
	}
	var got []MonthlyRow
	if err := ReadMonthlyParquet(filepath.Join(dir, "monthly.parquet"), func(m MonthlyRow) error { got = append(got, m); return nil }); err != nil {
		t.Fatal(err)
	}
	want := []MonthlyRow{{"a,b", 3, 99, 0, "m0", 1.5}, {"a,b", 3, 99, 0, "m1", 2.5}, {"a,b", 3, 99, 1, "m0", 0.1}}
	if len(got) != len(want) {
		t.Fatalf("%d rows: %+v", len(got), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	var vs []VillageRow
	if err := ReadVillagesParquet(filepath.Join(dir, "villages.parquet"), "a,b", 3, func(v VillageRow) error { vs = append(vs, v); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(vs) != 1 || vs[0] != (VillageRow{"a,b", 3, 99, 11, 7, "v0", 42}) {
		t.Errorf("villages: %+v", vs)
	}
	if err := ReadVillagesParquet(filepath.Join(dir, "villages.parquet"), "other", -1, func(VillageRow) error { t.Error("row of another scenario"); return nil }); err != nil {
		t.Fatal(err)
	}

	// A villages table is not a monthly one.
	os.Rename(filepath.Join(dir, "villages.parquet"), filepath.Join(dir, "monthly.parquet"))
	err = ReadMonthlyParquet(filepath.Join(dir, "monthly.parquet"), func(MonthlyRow) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "not a govsim table with columns scenario,replicate,seed,month,metric,value") {
		t.Errorf("villages read as monthly: %v", err)
	}
	// Garbage and truncated files.
	good, _ := os.ReadFile(filepath.Join(dir, "monthly.parquet"))
	for _, b := range [][]byte{[]byte("not parquet at all"), good[:len(good)/2], append([]byte("PAR1"), make([]byte, 100)...)} {
		os.WriteFile(filepath.Join(dir, "monthly.parquet"), b, 0o644)
		if err := ReadMonthlyParquet(filepath.Join(dir, "monthly.parquet"), func(MonthlyRow) error { return nil }); err == nil {
			t.Errorf("%d damaged bytes read without error", len(b))
		}
	}
}
