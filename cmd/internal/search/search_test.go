package search

import (
	"context"
	"io"
	"testing"

	"github.com/govsim/govsim/cmd/internal/drive"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/shard"
	"github.com/govsim/govsim/sim/table"
	"github.com/govsim/govsim/sim/version"
)

func tinyRuns(t *testing.T, sh shard.Shard) *Runs {
	t.Helper()
	sc, err := scenarios.Parse("small.toml", []byte("extends = \"baseline\"\nname = \"small\"\nmonths = 6\n[district]\nvillages = 3\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	p, _ := sim.Lookup("economy.lambda0")
	return &Runs{E: drive.Env{Stdout: io.Discard, Stderr: io.Discard, Args: []string{"govsim", "test"}, Build: version.Info{Version: "test"}},
		Scenarios: []scenarios.Scenario{sc}, Params: []sim.Param{p},
		Factors: []table.SweepFactor{{Key: p.Key, Kind: "float", Min: 0.3, Max: 0.6}}, Design: "test", Name: "t",
		Replicates: 2, Format: table.FormatCSV, Shard: sh}
}

// TestBatch: a batch runs (or its shards do), reads back in run-id order
// with each point's value applied, and is found again by Existing; a
// different batch under the same name is refused.
func TestBatch(t *testing.T) {
	root := t.TempDir()
	b := Batch{Name: "gen-0/batch-0", Points: [][]float64{{0.3}, {0.45}, {0.6}}, Seed: BatchSeed(1, 0, 0)}
	if pts, ok, err := Existing(root, b.Name); ok || err != nil || pts != nil {
		t.Fatalf("before the batch: %v %v %v", pts, ok, err)
	}
	d, err := tinyRuns(t, shard.Shard{Index: 0, Count: 2}).Run(context.Background(), root, b)
	if err != nil || d.Complete || d.Ran != 3 {
		t.Fatalf("shard 0/2: %+v %v", d, err)
	}
	d, err = tinyRuns(t, shard.Shard{Index: 1, Count: 2}).Run(context.Background(), root, b)
	if err != nil || !d.Complete || d.Ran != 3 {
		t.Fatalf("shard 1/2: %+v %v", d, err)
	}
	pts, ok, err := Existing(root, b.Name)
	if !ok || err != nil || !SamePoints(pts, b.Points) {
		t.Fatalf("Existing: %v %v %v", pts, ok, err)
	}
	var ids []int
	seeds := map[int]uint64{}
	missing, err := Read(d.Dir, func(p *table.Part) error {
		ids = append(ids, p.Run)
		if s, ok := seeds[p.Point]; ok && s != p.Seed {
			t.Errorf("point %d runs on two seeds", p.Point)
		}
		seeds[p.Point] = p.Seed
		if p.Months != 6 || len(p.Monthly) != 6*len(d.Dir.File.Spec.Metrics) {
			t.Errorf("run %d: %d months of monthly values", p.Run, p.Months)
		}
		return nil
	})
	if err != nil || missing != 0 || len(ids) != 6 || ids[5] != 5 {
		t.Fatalf("Read: %v, %d missing, ids %v", err, missing, ids)
	}
	if seeds[0] == seeds[1] || seeds[1] == seeds[2] {
		t.Error("points share a seed")
	}
	other := b
	other.Points = [][]float64{{0.31}, {0.45}, {0.6}}
	if _, err := tinyRuns(t, shard.Shard{}).Run(context.Background(), root, other); err == nil {
		t.Error("a batch of other points ran in the same directory")
	}
	if BatchSeed(1, 0, 0) == BatchSeed(1, 0, 1) || BatchSeed(1, 0, 0) == BatchSeed(1, 1, 0) || BatchSeed(1, 0, 0) == BatchSeed(2, 0, 0) {
		t.Error("batch seeds collide")
	}
}
