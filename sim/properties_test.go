package sim_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/govsim/govsim/sim"
)

// Property tests of the model through its public API: for configurations
// drawn at random (parameters anywhere in their allowed ranges, random
// reform schedules with pilots), checked after every month:
//   - money is conserved: each cooperative's income equals its costs,
//     leakage, dividends, retained earnings and undistributed pool, and so
//     does the district's sum over all of them;
//   - every resident is in exactly one village: none is lost in transit
//     between villages, none appears in two, and every field of a
//     village's residents has one entry per resident;
//   - no count or amount is negative (assets, pools, members, farmland,
//     residents, disputes and the district metrics that count or pay);
//   - committees keep within the law's bounds: 3 to 9 seats, no more
//     members than seats, a board of at most 9.
// (TestInvariants checks one fixed configuration from inside the package.)

// varied are the parameters drawn anywhere in their allowed ranges.
var varied = []string{
	"economy.lambda0", "economy.tau0", "economy.retained", "economy.asset_growth", "economy.discretion", "economy.pot_to_assets",
	"economy.req_hazard", "economy.wage_growth", "migration.growth", "migration.departure", "migration.move_rate",
	"district.seats_min", "district.seats_max", "district.groups_min", "district.groups_max", "district.urban_at_start",
}

// draw makes a random small configuration that validates.
func draw(r *rand.Rand) sim.Config {
	for {
		c := sim.Default()
		c.District.Villages = 3 + r.IntN(8)
		c.District.Scale = 60 + 200*r.Float64()
		c.Months = 24 + r.IntN(48)
		for _, key := range varied {
			p, ok := sim.Lookup(key)
			if !ok {
				panic("no parameter " + key)
			}
			var v any = p.Min + (p.Max-p.Min)*r.Float64()
			if p.Kind == "int" {
				v = int64(p.Min) + r.Int64N(int64(p.Max-p.Min)+1)
			}
			if err := p.Set(&c, v); err != nil {
				panic(err)
			}
		}
		kinds := sim.KindKeys()
		for _, k := range r.Perm(3)[:r.IntN(4)] {
			s := sim.ReformSpec{Kind: kinds[k], Start: r.IntN(c.Months), Coverage: []string{"all", "eligible", "pilot"}[r.IntN(3)]}
			if s.Coverage == "pilot" {
				s.Fraction = r.Float64()
			}
			c.Reforms = append(c.Reforms, s)
		}
		if c.Validate() == nil {
			return c
		}
	}
}

// lastMonth keeps the district values of the last month.
type lastMonth struct{ district []float64 }

func (o *lastMonth) District(_ int, v []float64) error {
	o.district = append(o.district[:0], v...)
	return nil
}
func (o *lastMonth) Village(int, int, []float64) error { return nil }

// nonNegative are the district metrics that count people or events, or pay
// money, and so are never negative; differences such as gaps and
// positions may be.
func nonNegative() map[string]bool {
	out := map[string]bool{}
	for _, m := range sim.Metrics() {
		switch m.Name {
		case "satisfaction_gap", "urban_rural_service_gap", "local_migrant_threat", "urban_front":
			continue
		}
		if m.District {
			out[m.Name] = true
		}
	}
	return out
}

func TestModelProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 2026))
	names := sim.DistrictMetrics()
	nonNeg := nonNegative()
	months, found := 0, 0
	for run := 0; run < 40; run++ {
		c := draw(r)
		m, err := sim.New(c, r.Uint64(), r.IntN(5), nil)
		if err != nil {
			t.Fatal(err)
		}
		runner := m.Start(sim.Options{Workers: 2})
		obs := &lastMonth{}
		for !runner.Done() {
			month := m.Month
			// Tag every resident, in the wage multiplier (a float32 that
			// holds integers exactly up to 2^24), so that after the month
			// each survivor is found in exactly one village; newcomers'
			// multipliers are near 1, far below the tags.
			tagged := 0
			for _, v := range m.Villages {
				for i := range v.Residents.Skill {
					v.Residents.Skill[i] = float32(1e6 + tagged)
					tagged++
				}
			}
			if err := runner.Step(obs); err != nil {
				t.Fatal(err)
			}
			fail := func(format string, a ...any) {
				t.Helper()
				runner.Close()
				t.Fatalf("config %d (%+v), month %d: "+format, append([]any{run, c.Reforms, month}, a...)...)
			}
			seen := make([]bool, tagged)
			var in, out float64
			for _, v := range m.Villages {
				n := v.Residents.Len()
				for _, l := range []int{len(v.Residents.Group), len(v.Residents.U), len(v.Residents.Bin), len(v.Residents.Resid), len(v.Residents.Party), len(v.Residents.Skill), len(v.Residents.Div),
					len(v.Residents.S), len(v.Residents.T), len(v.Residents.G), len(v.Residents.Iota), len(v.Residents.Access)} {
					if l != n {
						fail("village %d: %d flags but a field of %d entries", v.ID, n, l)
					}
				}
				if len(v.Outbox) != 0 {
					fail("village %d: %d movers still between villages", v.ID, len(v.Outbox))
				}
				for _, s := range v.Residents.Skill {
					if s >= 1e6 {
						id := int(s - 1e6)
						if id >= tagged || seen[id] {
							fail("resident %d is in two villages", id)
						}
						seen[id] = true
						found++
					}
				}
				if v.Seats < 3 || v.Seats > 9 || len(v.Committee) > v.Seats || len(v.Board) > 9 {
					fail("village %d: %d seats, %d on the committee, %d on the board", v.ID, v.Seats, len(v.Committee), len(v.Board))
				}
				if v.Farmland < 0 || math.IsNaN(v.Farmland) {
					fail("village %d: farmland %v", v.ID, v.Farmland)
				}
				for _, d := range v.Disputes {
					if int(d.Party) >= n {
						fail("village %d: a dispute's party %d of %d residents", v.ID, d.Party, n)
					}
				}
				for _, co := range append([]sim.Coop{v.Union}, v.Groups...) {
					cin, cout := co.CumIncome, co.CumCost+co.CumLeak+co.CumPaid+co.CumRetained+co.Pool
					if math.Abs(cin-cout) > 1e-9*math.Max(1, cin) {
						fail("village %d: a cooperative's income %.6g, its pools %.6g", v.ID, cin, cout)
					}
					for _, x := range []float64{co.Assets, co.Pool, co.Members, co.CumIncome, co.CumCost, co.CumLeak, co.CumPaid, co.CumRetained} {
						if x < 0 || math.IsNaN(x) {
							fail("village %d: a cooperative with a negative amount: %+v", v.ID, co)
						}
					}
					in += cin
					out += cout
				}
			}
			if math.Abs(in-out) > 1e-9*math.Max(1, in) {
				fail("district income %.6g, pools %.6g", in, out)
			}
			months++
			if got := m.Agents(); got < 0 {
				fail("%d agents", got)
			}
			for i, x := range obs.district {
				if nonNeg[names[i]] && x < 0 {
					fail("%s = %v", names[i], x)
				}
			}
		}
		runner.Close()
	}
	// The checks ran: months stepped, residents followed through them.
	if months < 40*24 || found < months {
		t.Fatalf("checked %d months and found %d tagged residents", months, found)
	}
}
