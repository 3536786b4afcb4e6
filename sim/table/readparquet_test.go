package table

import (
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go/format"
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

// A read of one scenario and replicate skips the row groups whose
// statistics exclude them and gives the same rows as a full read,
// filtered: here runs of 60,000 rows in row groups of 262,144.
func TestVillagesParquetSkipsRowGroups(t *testing.T) {
	dir := t.TempDir()
	fs, err := CreateFormat(dir, FormatParquet, "test")
	if err != nil {
		t.Fatal(err)
	}
	scenarios := []string{"zeta", "alpha", "mid", "beta"} // not in order: groups span ranges
	for _, s := range scenarios {
		for rep := 0; rep < 2; rep++ {
			r := NewRunRows(s, rep, uint64(rep), nil, []string{"v0"}, 0)
			r.typed = &typedRows{}
			for i := 0; i < 60000; i++ {
				r.Village(i/100, i%100, []float64{float64(i)})
			}
			if err := fs.Append(r); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := fs.Commit(map[string]string{"govsim_version": "test"}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "villages.parquet")
	var all []VillageRow
	if err := ReadVillagesParquet(path, "", -1, func(v VillageRow) error { all = append(all, v); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(all) != len(scenarios)*2*60000 {
		t.Fatalf("%d rows in all", len(all))
	}
	for _, s := range append(scenarios, "absent", "") {
		for rep := -1; rep < 3; rep++ {
			var want, got []VillageRow
			for _, v := range all {
				if (s == "" || v.Scenario == s) && (rep < 0 || v.Replicate == rep) {
					want = append(want, v)
				}
			}
			if err := ReadVillagesParquet(path, s, rep, func(v VillageRow) error { got = append(got, v); return nil }); err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%q/%d: %d rows, want %d", s, rep, len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("%q/%d: row %d is %+v, want %+v", s, rep, i, got[i], want[i])
				}
			}
		}
	}
}

func TestMayHold(t *testing.T) {
	st := format.Statistics{MinValue: []byte("baseline"), MaxValue: []byte("cungaiju")}
	for v, want := range map[string]bool{"baseline": true, "c": true, "cungaiju": true, "a": false, "cungaijuz": false, "nanhai": false} {
		if mayHoldBytes(st, []byte(v)) != want {
			t.Errorf("%q in [baseline, cungaiju]: %v", v, !want)
		}
	}
	if !mayHoldBytes(format.Statistics{}, []byte("x")) {
		t.Error("no statistics excluded a value")
	}
	le := func(v int64) []byte { return binary.LittleEndian.AppendUint64(nil, uint64(v)) }
	st = format.Statistics{MinValue: le(2), MaxValue: le(5)}
	for v, want := range map[int64]bool{1: false, 2: true, 5: true, 6: false, -1: false} {
		if mayHoldInt64(st, v) != want {
			t.Errorf("%d in [2, 5]: %v", v, !want)
		}
	}
	if !mayHoldInt64(format.Statistics{MinValue: []byte{1}}, 9) {
		t.Error("malformed statistics excluded a value")
	}
}
