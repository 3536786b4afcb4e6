package report

import (
	"fmt"
	"testing"

	"github.com/govsim/govsim/sim"
)

// TestPackageText: a package's entries and parameters in words — timing
// by month or by trigger, coverage, separations (all, some, none, the
// kind's default left unsaid where it is one), intensity and ramp.
func TestPackageText(t *testing.T) {
	trig := sim.Reform(sim.KindZhengjing, 6, "all")
	trig.Trigger, trig.Threshold, trig.Intensity, trig.Separations = "vote_buying_total_rate >", 0.0834, 0.8, sim.SeparationNames()
	pilot := sim.Reform(sim.KindZhengjing, 0, "pilot")
	pilot.Fraction, pilot.Separations, pilot.Ramp = 0.25, []string{"personnel", "assets"}, 12
	none := sim.Reform(sim.KindZhengjing, 3, "all")
	none.Separations = []string{}
	conv := sim.Reform(sim.KindCungaiju, 12, "eligible")
	conv.Separations = []string{"personnel"}
	for _, c := range []struct {
		name    string
		entries []sim.ReformSpec
		params  []ParamValue
		want    string
	}{
		{"nothing", nil, nil, "no reform: the base alone"},
		{"fixed", []sim.ReformSpec{conv, sim.Reform(sim.KindZhengshe, 30, "all")}, nil, "村改居 in month 12 for eligible villages; 政社分离 in month 30 everywhere"},
		{"adaptive", []sim.ReformSpec{trig}, []ParamValue{{"reform.org_grant", 254349.8}}, "政经分离 where vote buying passes 0.0834, from month 6 everywhere, all five separations at intensity 0.8; reform.org_grant = 254350"},
		{"pilot", []sim.ReformSpec{pilot}, nil, "政经分离 in month 0 in a pilot of 25% of units, the personnel and assets separations, in full after 12 months"},
		{"no separation", []sim.ReformSpec{none}, nil, "政经分离 in month 3 everywhere, no separation"},
	} {
		if got := PackageText(c.entries, c.params); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}

func ExamplePackageText() {
	r := sim.Reform(sim.KindZhengjing, 0, "all")
	r.Trigger, r.Threshold, r.Separations = "vote_buying_total_rate >", 0.08, []string{"personnel", "assets", "finance"}
	fmt.Println(PackageText([]sim.ReformSpec{sim.Reform(sim.KindCungaiju, 12, "eligible"), r}, nil))
	// Output:
	// 村改居 in month 12 for eligible villages; 政经分离 where vote buying passes 0.08 everywhere, the personnel, assets and finance separations
}
