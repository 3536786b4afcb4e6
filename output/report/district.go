package report

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/govsim/govsim/analysis"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/table"
)

// What a report simulated, said at its top: a reader must not take the
// money of a 60-unit teaching district for Nanhai's. The district comes
// from each scenario's configuration (its units, the people an agent
// stands for, and the reference district the calibration totals
// describe), the residents from the residents metric.

// districtOf reads the district of a scenario's configuration.
func districtOf(sc table.ManifestScenario) (sim.District, error) {
	c := sim.Default()
	if _, err := toml.Decode(sc.Config, &c); err != nil {
		return sim.District{}, fmt.Errorf("scenario %s: its configuration: %w", sc.Name, err)
	}
	return c.District, nil
}

// districtText says what district the scenarios simulated, once when
// they share it, else scenario by scenario.
func districtText(scs []table.ManifestScenario) (string, error) {
	var texts, names []string
	for _, sc := range scs {
		d, err := districtOf(sc)
		if err != nil {
			return "", err
		}
		t := oneDistrict(d)
		found := false
		for i := range texts {
			if texts[i] == t {
				names[i] += ", " + sc.Name
				found = true
			}
		}
		if !found {
			texts, names = append(texts, t), append(names, sc.Name)
		}
	}
	if len(texts) == 1 {
		return texts[0], nil
	}
	for i := range texts {
		texts[i] = names[i] + ": " + texts[i]
	}
	return strings.Join(texts, "; "), nil
}

// oneDistrict is one district in words: "60 units at 1 agent = 20
// people, 21% of the 282 units the calibration describes (Nanhai);
// district totals, money included, are for these 60 units".
func oneDistrict(d sim.District) string {
	s := fmt.Sprintf("%d units at 1 agent = %s people", d.Villages, trimFloat(d.Scale))
	if d.Villages == d.ReferenceUnits {
		return s + fmt.Sprintf(", the whole reference district (%d units, Nanhai)", d.ReferenceUnits)
	}
	return s + fmt.Sprintf(", %.0f%% of the %d units of the reference district (Nanhai) the calibration describes: district totals, money included, are for these %d units, not for Nanhai",
		100*float64(d.Villages)/float64(d.ReferenceUnits), d.ReferenceUnits, d.Villages)
}

// residentsText says how many people lived in the district at the first
// and the last month, as the mean over the reference scenario's replicates.
func residentsText(d *analysis.Runs, ref string) string {
	name := sim.ResidentPeople.Name()
	if !d.HasMetric(name) {
		return ""
	}
	b := d.Band(ref, name, 0.95)
	if len(b.Mean) == 0 || math.IsNaN(b.Mean[0]) || math.IsNaN(b.Mean[len(b.Mean)-1]) {
		return ""
	}
	last := len(b.Mean) - 1
	return fmt.Sprintf("%s at month 0, %s at month %.0f (%s, mean over its replicates)", people(b.Mean[0]), people(b.Mean[last]), b.Months[last], ref)
}

// people writes a head count: "0.53 million", or whole people below a
// hundred thousand.
func people(x float64) string {
	if x >= 1e5 {
		return fmt.Sprintf("%.2f million", x/1e6)
	}
	return fmt.Sprintf("%.0f", x)
}

// seedsText says which seeds a comparison ran. A run's random streams
// come from its seed and its replicate number, so replicate r of every
// scenario meets the same chance events (common random numbers) when the
// seeds agree.
func seedsText(man table.Manifest, ref string) string {
	var seeds []uint64
	reps := 0
	for _, r := range man.Runs {
		if r.Scenario == ref {
			reps++
			if !slices.Contains(seeds, r.Seed) {
				seeds = append(seeds, r.Seed)
			}
		}
	}
	var s string
	switch {
	case len(seeds) == 1 && seeds[0] == man.Seed:
		s = fmt.Sprintf("seed %d, replicates 0–%d: a run's random streams come from the seed and its replicate number", man.Seed, reps-1)
	case len(seeds) <= 3:
		s = fmt.Sprintf("master seed %d; run seeds %s", man.Seed, joinSeeds(seeds))
	default:
		s = fmt.Sprintf("master seed %d; run seeds %s, … %d (%d of them)", man.Seed, joinSeeds(seeds[:2]), seeds[len(seeds)-1], len(seeds))
	}
	if len(man.Runs) > 0 && sharedSeeds(man) {
		s += ", the same in every scenario (common random numbers)"
	}
	return s + "; every run is listed in manifest.json"
}

func joinSeeds(seeds []uint64) string {
	s := make([]string, len(seeds))
	for i, x := range seeds {
		s[i] = fmt.Sprint(x)
	}
	return strings.Join(s, ", ")
}

// sharedSeeds reports whether replicate r has the same seed in every
// scenario.
func sharedSeeds(man table.Manifest) bool {
	seed := map[int]uint64{}
	for _, r := range man.Runs {
		if s, ok := seed[r.Replicate]; ok && s != r.Seed {
			return false
		}
		seed[r.Replicate] = r.Seed
	}
	return true
}

func trimFloat(x float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.3f", x), "0"), ".")
}
