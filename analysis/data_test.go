package analysis

import (
	"math"
	"strings"
	"testing"

	"github.com/govsim/govsim/sim/table"
)

// readMonthly builds runs from monthly.csv text, as a command does from a file.
func readMonthly(text, name string) (*Runs, error) {
	d := NewRuns()
	if err := table.ReadMonthly(strings.NewReader(text), name, d.Add); err != nil {
		return nil, err
	}
	return d, nil
}

const monthly = `scenario,replicate,seed,month,metric,value
a,0,1,0,x,1
a,0,1,1,x,3
a,0,1,0,e,10
a,1,1,0,x,2
a,1,1,1,x,5
b,0,1,0,x,0
b,0,1,1,x,1
b,1,1,0,x,0
b,1,1,1,x,2
`

func TestReadMonthlyWindowBand(t *testing.T) {
	d, err := readMonthly(monthly, "m.csv")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(d.Scenarios, ",") != "a,b" || d.Months != 2 || len(d.Replicates("a")) != 2 {
		t.Fatalf("parsed %+v", d)
	}
	if got := d.Window("a", "x", 1, 2); got[0] != 3 || got[1] != 5 {
		t.Fatalf("window means %v", got)
	}
	// A metric undefined in the window takes its last value.
	if got := d.Window("a", "e", 1, 2); len(got) != 1 || got[0] != 10 {
		t.Fatalf("fallback %v", got)
	}
	b := d.Band("a", "x", 0.95)
	if len(b.Months) != 2 || b.Mean[1] != 4 || !(b.Low[1] < 4 && b.High[1] > 4) {
		t.Fatalf("band %+v", b)
	}
	rows, err := Compare(d, "b", []string{"x"}, 0, 2, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := Find(rows, "a", "x")
	// Window means: a = {2, 3.5}, b = {0.5, 1}.
	if math.Abs(r.Diff-2) > 1e-12 || r.PHolm < r.P || !(r.P > 0 && r.P < 1) {
		t.Fatalf("row %+v", r)
	}
	if ref, _ := Find(rows, "b", "x"); !math.IsNaN(ref.Diff) {
		t.Fatal("the reference has a difference")
	}
	if got := Rank(rows, "x"); got[0] != "a" {
		t.Fatalf("rank %v", got)
	}
	if _, err := Compare(d, "nosuch", []string{"x"}, 0, 2, 0.95); err == nil || !strings.Contains(err.Error(), "nosuch") {
		t.Fatalf("missing reference: %v", err)
	}
	if _, err := Compare(d, "a", []string{"nosuch"}, 0, 2, 0.95); err == nil {
		t.Fatal("unknown metric accepted")
	}
}

func TestReadersRejectBadFiles(t *testing.T) {
	for _, tc := range []struct{ name, text string }{
		{"header", "a,b,c\n1,2,3\n"},
		{"fields", "scenario,replicate,seed,month,metric,value\na,0,1,0,x\n"},
		{"number", "scenario,replicate,seed,month,metric,value\na,zero,1,0,x,1\n"},
	} {
		if _, err := readMonthly(tc.text, "bad.csv"); err == nil || !strings.Contains(err.Error(), "bad.csv") {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	if err := table.ReadVillages(strings.NewReader(monthly), "v.csv", "a", -1, NewVillageYears("a").Add); err == nil {
		t.Error("villages reader accepted a monthly file")
	}
	if err := table.ReadResults(strings.NewReader("run_id,point,scenario,replicate,seed,metric,value\n0,5,a,0,1,x,1\n"), "r.csv", NewResults(2).Add); err == nil || !strings.Contains(err.Error(), "point 5") {
		t.Errorf("point out of range: %v", err)
	}
}

func TestReadResultsMeans(t *testing.T) {
	text := "run_id,point,scenario,replicate,seed,metric,value\n0,0,a,0,1,x,1\n1,0,a,1,1,x,3\n2,1,a,0,1,x,5\n"
	res := NewResults(3)
	if err := table.ReadResults(strings.NewReader(text), "r.csv", res.Add); err != nil {
		t.Fatal(err)
	}
	y := res.Means()["a"]["x"]
	if y[0] != 2 || y[1] != 5 || !math.IsNaN(y[2]) {
		t.Fatalf("point means %v", y)
	}
}

func TestVillageReaders(t *testing.T) {
	text := `scenario,replicate,seed,month,village,metric,value
base,0,1,11,0,migrant_voter_share,0.2
base,0,1,11,0,migrant_share,0.5
base,0,1,11,0,integration,0.4
base,0,1,11,0,dividend_per_share,3000
base,0,1,11,0,disputes_local_migrant_per_1000,0.03
base,0,1,11,1,migrant_share,0.5
base,0,1,11,0,x,0.1
base,0,1,11,0,y,-0.2
base,0,1,11,0,satisfaction_local,0.6
base,0,1,11,0,community,1
`
	set := NewVillageYears("base")
	if err := table.ReadVillages(strings.NewReader(text), "v.csv", "base", -1, set.Add); err != nil {
		t.Fatal(err)
	}
	vy := set.ByReplicate()
	if len(vy[0]) != 1 || vy[0][0].Dividend != 3000 {
		t.Fatalf("village years %+v (the incomplete village 1 must be left out)", vy)
	}
	var rows []table.VillageRow
	if err := table.ReadVillages(strings.NewReader(text), "v.csv", "base", 0, func(r table.VillageRow) error { rows = append(rows, r); return nil }); err != nil {
		t.Fatal(err)
	}
	mp := VillageMap(rows, 11)
	if len(mp) != 2 || mp[0].X != 0.1 || mp[0].Y != -0.2 || !mp[0].Community || mp[0].Satisfaction != 0.6 {
		t.Fatalf("map %+v", mp)
	}
}

func TestThreatSlope(t *testing.T) {
	// y = 0.01 + 0.02·threat + 0.05·migrant share − 0.03·integration exactly.
	var vy []VillageYear
	for i := 0; i < 40; i++ {
		v := VillageYear{VoterShare: float64(i%7) / 10, Dividend: 1000 + 500*float64(i%5), MigrantShare: float64(i%3) / 4, Integration: float64(i%4) / 5}
		v.LocalMigrant = 0.01 + 0.02*v.VoterShare*v.Dividend/1000 + 0.05*v.MigrantShare - 0.03*v.Integration
		vy = append(vy, v)
	}
	b, ok := ThreatSlope(vy)
	if !ok || math.Abs(b-0.02) > 1e-9 {
		t.Fatalf("slope %v, %v; want 0.02", b, ok)
	}
	if _, ok := ThreatSlope(vy[:5]); ok {
		t.Fatal("slope from 5 points")
	}
}
