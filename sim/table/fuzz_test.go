package table

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/govsim/govsim/sim/shard"
)

// The fuzzers of the readers: no input makes one panic, hang or size
// anything beyond its limits, and what one accepts keeps the invariants
// the code that uses it indexes by. `make fuzz` runs each for a few
// seconds; their seeds run with every `go test`.

// fuzzManifest is a manifest of two runs of a 3-month, 2-village scenario.
func fuzzManifest() Manifest {
	m := Manifest{Govsim: "test", Scenarios: []ManifestScenario{{Name: "a", Config: "months = 3\n[district]\nvillages = 2\n"}},
		Runs: []ManifestRun{{Scenario: "a", Replicate: 0, Seed: 1, MonthlyRows: 6, VillageRows: 3}, {Scenario: "a", Replicate: 1, Seed: 1, MonthlyRows: 6, VillageRows: 3}}}
	m.RunsDone = len(m.Runs)
	m.Checksum = m.Sum()
	return m
}

// FuzzReadTables: the long tables, through their plain and their checked
// readers, and every layout through ReadCSV.
func FuzzReadTables(f *testing.F) {
	var monthly, villages bytes.Buffer
	monthly.WriteString(Header(MonthlyColumns()))
	villages.WriteString(Header(VillagesColumns()))
	for rep := 0; rep < 2; rep++ {
		for month := 0; month < 3; month++ {
			r := NewRunRows("a", rep, 1, []string{"x", "y"}, []string{"v"}, 0)
			r.District(month, []float64{float64(month), 0.5})
			r.Village(month, 1, []float64{math.Pi})
			monthly.Write(r.DistrictRows)
			villages.Write(r.VillageRows)
		}
	}
	f.Add(monthly.Bytes())
	f.Add(villages.Bytes())
	f.Add([]byte(Header(ResultsColumns()) + "0,0,a,0,1,x,1.5\n1,0,a,1,1,x,+Inf\n"))
	f.Add([]byte(Header(MonthlyColumns()) + "a,0,1,0,x,1\na,0,1,0,x,1\n"))
	f.Add([]byte("scenario,replicate\n\"a,b\",1\n"))
	m := fuzzManifest()
	spec := testSpec(false)
	file := NewSweepFile(spec)
	f.Fuzz(func(t *testing.T, data []byte) {
		ok := func(err error) {
			var te *TableError
			if err != nil && !errors.As(err, &te) {
				t.Fatalf("error %v is a %T, not a *TableError", err, err)
			}
		}
		ok(ReadMonthly(bytes.NewReader(data), "m", func(MonthlyRow) error { return nil }))
		ok(ReadVillages(bytes.NewReader(data), "v", "a", 1, func(VillageRow) error { return nil }))
		ok(ReadResults(bytes.NewReader(data), "r", func(ResultRow) error { return nil }))
		c, err := newRunCheck("m", &m, []string{"x", "y"}, func(ManifestRun) bool { return true }, func(r *ManifestRun) int64 { return r.MonthlyRows })
		if err != nil {
			t.Fatal(err)
		}
		rows := 0
		err = readMonthly(bytes.NewReader(data), "m", func(line int, r MonthlyRow) error {
			rows++
			return c.row(line, r.Scenario, r.Replicate, r.Seed, r.Month, -1, r.Metric, r.Value)
		})
		if err == nil {
			err = c.end()
		}
		ok(err)
		if err == nil && rows > 2*3*2 {
			t.Fatalf("the checked reader accepted %d rows of 2 runs × 3 months × 2 metrics", rows)
		}
		rc := &resultsCheck{file: "r", spec: &file.Spec, metric: map[string]int{"m0": 0, "m1": 1, "m2": 2}, id: -1, seen: make([]bool, 3)}
		err = readResults(bytes.NewReader(data), "r", func(line int, r ResultRow) error { return rc.row(line, r) })
		if err == nil {
			err = rc.end()
		}
		ok(err)
		for _, cols := range [][]Column{MonthlyColumns(), VillagesColumns(), ResultsColumns(), SummaryColumns(), SensitivityColumns(), spec.Layouts()["points"]} {
			ok(ReadCSV(bytes.NewReader(data), "t", cols, func(_ int, row []Cell) error {
				if len(row) != len(cols) {
					t.Fatalf("a row of %d cells for %d columns", len(row), len(cols))
				}
				return nil
			}))
		}
	})
}

// FuzzManifests: manifest.json of a run, a sweep's manifest and sweep.json.
// What is accepted has counts within bounds and consistent with what it
// lists, so that nothing sized or indexed by them can fail.
func FuzzManifests(f *testing.F) {
	m := fuzzManifest()
	b, _ := json.Marshal(m)
	f.Add(b)
	spec := testSpec(true)
	file := NewSweepFile(spec)
	f.Add(file.marshal())
	sm := SweepManifest{Kind: ManifestKindSweep, Govsim: "test", SweepID: file.ID, Shard: shard.Shard{Index: 1, Count: 3},
		RunsTotal: spec.Runs(), RunsShard: shard.Shard{Index: 1, Count: 3}.Runs(spec.Runs()), Sweep: spec}
	b, _ = json.Marshal(sm)
	f.Add(b)
	f.Add([]byte(strings.Replace(string(file.marshal()), `"runs": 12`, `"runs": -1`, 1)))
	f.Fuzz(func(t *testing.T, data []byte) {
		if m, err := decodeManifest(bytes.NewReader(data)); err == nil {
			if legacy, err := m.check(); err == nil {
				if len(m.Runs) > MaxManifestRuns || m.RunsDone != len(m.Runs) {
					t.Fatalf("accepted a manifest of %d runs, runs_done %d", len(m.Runs), m.RunsDone)
				}
				if m.Checksum != m.Sum() && !legacy {
					t.Fatal("accepted a wrong checksum")
				}
				if m.Format != "" && m.Format != FormatCSV && m.Format != FormatParquet {
					t.Fatalf("accepted format %q", m.Format)
				}
			}
		}
		var sm SweepManifest
		if json.Unmarshal(data, &sm) == nil && sm.check() == nil {
			if n := sm.Sweep.Runs(); n > MaxSweepRuns || sm.RunsTotal != n || sm.Shard.Count < 1 || sm.Shard.Index >= sm.Shard.Count {
				t.Fatalf("accepted sweep manifest: %d runs, shard %+v", n, sm.Shard)
			}
		}
		f, err := parseSweepFile("sweep.json", data)
		if err != nil {
			return
		}
		s := &f.Spec
		if f.Runs != s.Runs() || f.Runs < 1 || f.Runs > MaxSweepRuns || f.ID != s.ID() {
			t.Fatalf("accepted sweep.json of %d runs (spec %d)", f.Runs, s.Runs())
		}
		pt, sc, rep := s.RunKey(f.Runs - 1)
		if pt >= len(s.Points) || sc >= len(s.Scenarios) || rep >= s.Replicates || len(s.Points[pt]) != len(s.Factors) {
			t.Fatalf("the last run's key (%d, %d, %d) is out of the spec", pt, sc, rep)
		}
	})
}

// FuzzDecodePart: a part file, as read back for resume, assembly and
// merge.
func FuzzDecodePart(f *testing.F) {
	spec := testSpec(true)
	id := spec.ID()
	f.Add(AppendPart(nil, id, testPart(&spec, 5, 3)))
	f.Add(AppendPart(nil, id, testPart(&spec, 0, 0)))
	f.Fuzz(func(t *testing.T, data []byte) {
		var p Part
		if err := DecodePart(data, id, 3, &p); err != nil {
			if !errors.Is(err, errBadPart) {
				t.Fatalf("error %v is not a damaged part", err)
			}
			return
		}
		if len(p.Tail) != 3 || len(p.Monthly) != 3*p.Months || p.Months > maxPartMonths {
			t.Fatalf("accepted a part of %d metrics and %d months", len(p.Tail), p.Months)
		}
		for _, x := range append(append([]float64(nil), p.Tail...), p.Monthly...) {
			if math.IsInf(x, 0) {
				t.Fatal("accepted an infinite value")
			}
		}
	})
}
