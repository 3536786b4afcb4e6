package sim

import (
	"context"
	"fmt"
	"math"
	"os"
	"testing"
	"time"
)

type meanObs struct {
	from int
	sum  []float64
	n    []float64
}

func (o *meanObs) District(month int, v []float64) error {
	if month < o.from {
		return nil
	}
	for i, x := range v {
		if !math.IsNaN(x) {
			o.sum[i] += x
			o.n[i]++
		}
	}
	return nil
}
func (o *meanObs) Village(int, int, []float64) error { return nil }

func TestExplore(t *testing.T) {
	if os.Getenv("EXPLORE") == "" {
		t.Skip()
	}
	scen := map[string][]ReformSpec{
		"baseline":  nil,
		"cungaiju":  {{Kind: "cungaiju", Start: 12, Coverage: "eligible"}},
		"zhengjing": {{Kind: "zhengjing", Start: 12, Coverage: "all"}},
		"zhengshe":  {{Kind: "zhengshe", Start: 12, Coverage: "all"}},
		"nanhai":    {{Kind: "cungaiju", Start: 12, Coverage: "eligible"}, {Kind: "zhengjing", Start: 24, Coverage: "all"}, {Kind: "zhengshe", Start: 36, Coverage: "all"}},
	}
	names := []string{"baseline", "cungaiju", "zhengjing", "zhengshe", "nanhai"}
	show := []string{"disputes_opened_per_1000", "disputes_membership_per_1000", "disputes_dividend_per_1000", "disputes_compensation_per_1000", "disputes_local_migrant_per_1000", "disputes_service_per_1000", "petitions_per_1000", "disputes_open_per_1000", "disputes_blamed_committee_per_1000", "vote_buying_rate", "board_vote_buying_rate", "candidates_per_seat", "committee_integrity", "migrant_voter_share", "service_quality", "urban_rural_service_gap", "satisfaction_local", "satisfaction_migrant", "trust_committee", "grievance", "integration", "leakage_share", "dividend_per_share", "gini_income", "fiscal_spending", "villages_converted_share", "composite_index", "residents", "migrant_share"}
	res := map[string]*meanObs{}
	for _, nm := range names {
		c := Default()
		c.Reforms = scen[nm]
		mdl, err := New(c, 1, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		el := 0
		for _, v := range mdl.Villages {
			if !v.UrbanAtStart && mdl.Eligible(v, 12) {
				el++
			}
		}
		fmt.Println("eligible at 12:", el, "of", len(mdl.Villages))
		o := &meanObs{from: 180, sum: make([]float64, len(DistrictMetrics())), n: make([]float64, len(DistrictMetrics()))}
		t0 := time.Now()
		if err := mdl.Run(context.Background(), Options{Workers: 1}, o); err != nil {
			t.Fatal(err)
		}
		fmt.Println(nm, time.Since(t0), mdl.Agents())
		res[nm] = o
	}
	fmt.Printf("%-36s", "metric")
	for _, nm := range names {
		fmt.Printf("%12s", nm)
	}
	fmt.Println()
	for _, s := range show {
		i := metricIndex(s)
		fmt.Printf("%-36s", s)
		for _, nm := range names {
			o := res[nm]
			fmt.Printf("%12.4g", o.sum[i]/o.n[i])
		}
		fmt.Println()
	}
}
