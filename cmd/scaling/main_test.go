package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// The test binary stands in for the command when it is started as a child.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == "-child" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// End to end on two small districts: every point is measured in its own
// process and the table, the CSV and both charts are written.
func TestScaling(t *testing.T) {
	dir := t.TempDir()
	if err := run([]size{{2, 250}, {4, 100}}, 3, dir); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"scaling.md", "scaling.csv", "scaling-time.png", "scaling-memory.png"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Fatalf("%s: %v", f, err)
		}
	}
	fh, err := os.Open(filepath.Join(dir, "scaling.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	rows, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 3 {
		t.Fatalf("%d rows", len(rows))
	}
	for _, r := range rows[1:] {
		agents, _ := strconv.Atoi(r[4])
		peak, _ := strconv.ParseFloat(r[7], 64)
		if agents <= 0 || peak <= 0 {
			t.Errorf("row %v: agents and peak memory must be measured", r)
		}
	}
}
