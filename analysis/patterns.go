package analysis

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
)

// Check is one pattern (P0–P7 of docs/ODD.md §1) checked on a set of runs.
type Check struct {
	ID, Claim string
	Held      bool
	Evidence  string
	Skipped   string // why it could not be checked
	Parts     []Part // each comparison the pattern makes, and whether it held
	// Robustness says how widely the pattern holds away from the defaults:
	// at how many points of the model's robustness design (a Latin
	// hypercube over the behavioural and reform-effect parameters) it held,
	// as measured by the model's tests (robustness_gen.go).
	Robustness string
}

// VillageYear is one village's yearly record, as P6 needs it.
type VillageYear struct {
	VoterShare, MigrantShare, Integration, Dividend, LocalMigrant float64
}

// ReadVillageYears reads the rows of villages.csv that P6 needs for one
// scenario, grouped by replicate: the years with an election, when the
// migrant share of voters is defined.
func ReadVillageYears(r io.Reader, name, scenario string) (map[int][]VillageYear, error) {
	type key struct{ rep, month, village int }
	recs := map[key]*VillageYear{}
	var order []key
	want := map[string]int{"migrant_voter_share": 0, "migrant_share": 1, "integration": 2, "dividend_per_share": 3, "disputes_local_migrant_per_1000": 4}
	err := eachRow(r, name, villagesHeader, scenario+",", func(line int, f []string) error {
		idx, ok := want[f[5]]
		if !ok {
			return nil
		}
		rep, e1 := strconv.Atoi(f[1])
		month, e2 := strconv.Atoi(f[3])
		vil, e3 := strconv.Atoi(f[4])
		val, e4 := strconv.ParseFloat(f[6], 64)
		if err := errors.Join(e1, e2, e3, e4); err != nil {
			return fmt.Errorf("%s:%d: bad number", name, line)
		}
		k := key{rep, month, vil}
		vy := recs[k]
		if vy == nil {
			vy = &VillageYear{VoterShare: math.NaN(), MigrantShare: math.NaN(), Integration: math.NaN(), Dividend: math.NaN(), LocalMigrant: math.NaN()}
			recs[k] = vy
			order = append(order, k)
		}
		switch idx {
		case 0:
			vy.VoterShare = val
		case 1:
			vy.MigrantShare = val
		case 2:
			vy.Integration = val
		case 3:
			vy.Dividend = val
		case 4:
			vy.LocalMigrant = val
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := map[int][]VillageYear{}
	for _, k := range order {
		vy := recs[k]
		if math.IsNaN(vy.VoterShare) || math.IsNaN(vy.LocalMigrant) || math.IsNaN(vy.Dividend) || math.IsNaN(vy.MigrantShare) || math.IsNaN(vy.Integration) {
			continue
		}
		out[k.rep] = append(out[k.rep], *vy)
	}
	return out, nil
}

// ThreatSlope regresses local–migrant disputes on the redistribution threat
// migrant voters pose (migrant voter share × dividend per share, in
// thousands of yuan), controlling for the migrant share of residents and
// integration, and returns the threat coefficient.
func ThreatSlope(vy []VillageYear) (float64, bool) {
	const k = 4
	if len(vy) < 4*k {
		return 0, false
	}
	var s [k][k]float64
	var r [k]float64
	for _, p := range vy {
		x := [k]float64{1, p.VoterShare * p.Dividend / 1000, p.MigrantShare, p.Integration}
		for i := 0; i < k; i++ {
			for j := 0; j < k; j++ {
				s[i][j] += x[i] * x[j]
			}
			r[i] += x[i] * p.LocalMigrant
		}
	}
	for c := 0; c < k; c++ {
		piv := c
		for i := c + 1; i < k; i++ {
			if math.Abs(s[i][c]) > math.Abs(s[piv][c]) {
				piv = i
			}
		}
		s[c], s[piv] = s[piv], s[c]
		r[c], r[piv] = r[piv], r[c]
		if math.Abs(s[c][c]) < 1e-12 {
			return 0, false
		}
		for i := 0; i < k; i++ {
			if i == c {
				continue
			}
			f := s[i][c] / s[c][c]
			for j := c; j < k; j++ {
				s[i][j] -= f * s[c][j]
			}
			r[i] -= f * r[c]
		}
	}
	return r[1] / s[1][1], true
}

// Patterns checks P0–P7 on runs of the embedded scenarios (by name) over
// the window [from, to); villageYears are baseline's records for P6 (nil
// to skip it). A pattern whose scenarios were not run is skipped. The
// checks are CheckPatterns's, the same the model's tests make; each check
// carries how widely it held in the model's robustness design.
func Patterns(d *Runs, villageYears map[int][]VillageYear, from, to int, level float64) []Check {
	out := CheckPatterns(d, villageYears, from, to, level)
	for i := range out {
		out[i].Robustness = RobustnessOf(out[i].ID)
	}
	return out
}

// MapVillage is one village's position and state in one yearly row.
type MapVillage struct {
	X, Y, Satisfaction, Trust float64
	Community                 bool
}

// ReadVillageMap reads, from villages.csv, every village of one run at one
// month: positions, satisfaction of locals, trust and status.
func ReadVillageMap(r io.Reader, name, scenario string, replicate, month int) ([]MapVillage, error) {
	monthField := strconv.Itoa(month)
	byID := map[int]*MapVillage{}
	maxID := -1
	err := eachRow(r, name, villagesHeader, scenario+","+strconv.Itoa(replicate)+",", func(line int, f []string) error {
		if f[3] != monthField {
			return nil
		}
		id, e1 := strconv.Atoi(f[4])
		val, e2 := strconv.ParseFloat(f[6], 64)
		if e1 != nil || e2 != nil || id < 0 || id > 1e6 {
			return fmt.Errorf("%s:%d: bad number", name, line)
		}
		v := byID[id]
		if v == nil {
			v = &MapVillage{Satisfaction: math.NaN(), Trust: math.NaN()}
			byID[id] = v
			if id > maxID {
				maxID = id
			}
		}
		switch f[5] {
		case "x":
			v.X = val
		case "y":
			v.Y = val
		case "satisfaction_local":
			v.Satisfaction = val
		case "trust_committee":
			v.Trust = val
		case "community":
			v.Community = val > 0.5
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []MapVillage
	for id := 0; id <= maxID; id++ {
		if v := byID[id]; v != nil {
			out = append(out, *v)
		}
	}
	return out, nil
}
