package experiment

import (
	"strings"
	"testing"

	"github.com/govsim/govsim/sim"
)

// TestMemoryEstimateCalibrated: the estimate of each calibration run
// (memory.go) is at least its measured peak resident memory, and not more
// than twice it, so a refusal is never far from the truth.
func TestMemoryEstimateCalibrated(t *testing.T) {
	yearly, detail := Rows{DistrictText: true, VillagePerYear: 1}, Rows{DistrictText: true, VillagePerYear: 12}
	base := func(scale float64, months, villages int) sim.Config {
		c := sim.Default()
		c.District.Scale, c.Months = scale, months
		if villages > 0 {
			c.District.Villages = villages
			c.District.ReferenceUnits = villages
		}
		return c
	}
	for _, tc := range []struct {
		name     string
		cfg      sim.Config
		rows     Rows
		parallel int
		measured float64 // maximum resident set size, kbytes, /usr/bin/time -v
	}{
		{"baseline scale 20", base(20, 240, 0), yearly, 1, 29532},
		{"baseline scale 5", base(5, 240, 0), yearly, 1, 37836},
		{"baseline scale 2", base(2, 240, 0), yearly, 1, 55508},
		{"baseline scale 1", base(1, 240, 0), yearly, 1, 85588},
		{"baseline scale 5, 1200 months", base(5, 1200, 0), yearly, 1, 63700},
		{"nanhai-full", base(1, 240, 282), yearly, 1, 384500},
		// Out of the fit: many villages, and village rows every month.
		{"1000 villages, scale 10, 120 months", base(10, 120, 1000), yearly, 1, 161548},
		{"200 villages, scale 20, -village-detail, 2 runs at once", base(20, 240, 200), detail, 2, 305852},
		// Migrant growth beyond the calibration's (issue 23: a run
		// estimated at 41 MiB reached 1.5 GiB).
		{"scale 20, migration growth 0.2 for 20 years", grown(base(20, 240, 0), 0.2, 20), yearly, 1, 68856},
		{"scale 20, migration growth 0.3 for 20 years", grown(base(20, 240, 0), 0.3, 20), yearly, 1, 242304},
		{"scale 20, 600 months, migration growth 0.1 for 100 years", grown(base(20, 600, 0), 0.1, 100), yearly, 1, 156060},
	} {
		est := baseBytes + float64(tc.parallel)*RunBytes(&tc.cfg, nil, tc.rows)
		measured := tc.measured * 1024
		if est < measured || est > 2*measured {
			t.Errorf("%s: estimate %s, measured %s", tc.name, human(est), human(measured))
		}
		t.Logf("%s: %.0f agents, estimate %s, measured %s", tc.name, Agents(&tc.cfg, nil), human(est), human(measured))
	}
}

// grown is c with the migrant target growing by growth a year for years.
func grown(c sim.Config, growth float64, years int) sim.Config {
	c.Migration.Growth, c.Migration.GrowthYears = growth, years
	return c
}

func TestMemoryLimit(t *testing.T) {
	env := func(v string) func(string) string { return func(string) string { return v } }
	if n, from, err := MemoryLimit(env("8GiB")); n != 8<<30 || from != "GOVSIM_MEMORY" || err != nil {
		t.Errorf("8GiB: %d %q %v", n, from, err)
	}
	if n, _, err := MemoryLimit(env("off")); n != 0 || err != nil {
		t.Errorf("off: %d %v", n, err)
	}
	if _, _, err := MemoryLimit(env("-3G")); err == nil || !strings.Contains(err.Error(), "GOVSIM_MEMORY") {
		t.Errorf("-3G: %v", err)
	}
	for s, want := range map[string]int64{"512MB": 512e6, "2g": 2 << 30, "1.5KiB": 1536, "1000": 1000} {
		if n, ok := ParseBytes(s); !ok || n != want {
			t.Errorf("ParseBytes(%q) = %d, %v", s, n, ok)
		}
	}
	if n, _, err := MemoryLimit(env("")); err != nil || n < 0 {
		t.Errorf("the machine's: %d %v", n, err)
	}
	c := sim.Default()
	c.District.Villages, c.District.RegisteredPerUnit, c.District.Scale = 2000, 1e6, 1
	err := CheckMemory(RunBytes(&c, nil, Rows{}), 2, 0, "scenario big", env("16GiB"))
	if err == nil || !strings.Contains(err.Error(), "scenario big needs about") || !strings.Contains(err.Error(), "× 2 at once") || !strings.Contains(err.Error(), "16.0 GiB") {
		t.Errorf("a district beyond memory: %v", err)
	}
	if err := CheckMemory(1e6, 4, 0, "small", env("16GiB")); err != nil {
		t.Errorf("a small run: %v", err)
	}
}
