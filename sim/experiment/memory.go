package experiment

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unsafe"

	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/badinput"
)

// Before anything runs, the memory the runs need is estimated and compared
// with the machine's, so that a scenario within every documented range but
// too large for the machine (2,000 villages of a million people at scale 1,
// say) is refused with numbers instead of dying out of memory part way.

// Calibration, measured with /usr/bin/time -v (maximum resident set size)
// on `govsim run -replicates 1 -workers 1` of the baseline at scale 20, 5, 2
// and 1 (27 thousand to 532 thousand agents at the start, 240 months), of
// the baseline at scale 5 over 1200 months, and of nanhai-full (2.5
// million agents, 282 units, -workers 2): 28.8, 36.9, 54.2, 83.6, 62.2 and
// 375.5 MiB. The population grows as migrants come: about 2.5% of the
// starting agents a year (2.5 to 3.7 million over 20 years in nanhai-full,
// 3.2 times over 100 years at scale 5). Per agent at the peak, resident
// memory is 72 to 100 bytes: sim.BytesPerAgent (36) in the residents'
// slices, doubled by slice growth and by the collector's headroom. Two
// runs outside the fit check it: 1000 villages at scale 10 (157.8 MiB)
// and 200 villages at scale 20 with -village-detail, 2 runs at once (298.7
// MiB). TestMemoryEstimateCalibrated holds the estimate between each
// measured peak and twice it, so it errs on the safe side.
const (
	// baseBytes is the process without runs: code, runtime, buffers.
	baseBytes = 30 << 20
	// peakBytesPerAgent is resident memory per agent at the peak.
	peakBytesPerAgent = 100
	// growthPerYear is the population's growth as a share of its start.
	growthPerYear = 0.025
	// calibratedGrowth and calibratedGrowthYears are the migrant growth
	// of the calibration's runs (migration.growth and growth_years at
	// their defaults), which growthPerYear includes; PeakAgents adds what
	// a faster or longer growth adds to it.
	calibratedGrowth      = 0.065
	calibratedGrowthYears = 10
	// villageBytes is a village's own state: committee, groups, buffers.
	villageBytes = 4 << 10
	// rowBytes is one row of a table held as text until its run is kept:
	// about 55 bytes of text, in a slice grown by doubling (up to twice
	// that), under the collector's headroom. Measured: 200 villages at
	// scale 20 with -village-detail, 2 runs at once, peak 298 MiB.
	rowBytes = 150
)

// Agents is the number of resident agents a run of cfg starts with: each
// village's registered residents and migrants over the scale (at least one
// local per village).
func Agents(cfg *sim.Config, villages []sim.VillageData) float64 {
	d := &cfg.District
	if villages != nil {
		var n float64
		for _, v := range villages {
			n += math.Max(1, math.Round(v.Population/d.Scale)) + math.Round(v.Migrants/d.Scale)
		}
		return n
	}
	return float64(d.Villages) * (math.Max(1, d.RegisteredPerUnit/d.Scale) + d.RegisteredPerUnit*d.MigrantRatio/d.Scale)
}

// Rows says which rows a run holds in memory until it is kept: villageRows
// per village and year (0: none, 1: yearly means, 12: every month), and
// whether the district's are kept as text (govsim run) or as numbers for
// every month (a sweep with -monthly) or not at all.
type Rows struct {
	VillagePerYear int
	DistrictText   bool
	DistrictValues bool
}

// PeakAgents estimates the most resident agents a run of cfg holds: its
// start grown as the calibration measured (growthPerYear, which the
// default migrant growth gives), and its migrants' share grown further by
// as much as a faster or longer migrant growth than the default adds
// (sim.Config.MigrantGrowth): a run with growth 0.5 for 20 years holds
// thousands of times its starting migrants.
func PeakAgents(cfg *sim.Config, villages []sim.VillageData) float64 {
	years := float64(cfg.Months) / 12
	peak := Agents(cfg, villages) * (1 + growthPerYear*years)
	cal := sim.Config{Months: cfg.Months, Migration: sim.Migration{Growth: calibratedGrowth, GrowthYears: calibratedGrowthYears}}
	if extra := cfg.MigrantGrowth() - cal.MigrantGrowth(); extra > 0 {
		peak += Migrants(cfg, villages) * extra
	}
	return peak
}

// Migrants is the number of migrant agents a run of cfg starts with.
func Migrants(cfg *sim.Config, villages []sim.VillageData) float64 {
	d := &cfg.District
	if villages != nil {
		var n float64
		for _, v := range villages {
			n += math.Round(v.Migrants / d.Scale)
		}
		return n
	}
	return float64(d.Villages) * d.RegisteredPerUnit * d.MigrantRatio / d.Scale
}

// RunBytes estimates the peak memory of one run of cfg.
func RunBytes(cfg *sim.Config, villages []sim.VillageData, rows Rows) float64 {
	years := float64(cfg.Months) / 12
	peak := PeakAgents(cfg, villages)
	b := peak*peakBytesPerAgent + float64(cfg.District.Villages)*villageBytes
	months, nd, nv := float64(cfg.Months), float64(sim.NumDistrictMetrics), float64(sim.NumVillageMetrics)
	if rows.DistrictText {
		b += months * nd * rowBytes
	}
	if rows.DistrictValues {
		b += months * nd * 8
	}
	b += float64(cfg.District.Villages) * (years + 1) * float64(rows.VillagePerYear) * nv * rowBytes
	return b
}

// ListBytes is the memory of a list of n specs (experiment.List).
func ListBytes(n int) float64 { return float64(n) * float64(unsafe.Sizeof(Spec{})) }

// MemoryError is a set of runs that would not fit in memory: bad input
// (exit status 2), refused before anything runs.
type MemoryError struct{ Msg string }

func (e *MemoryError) Error() string { return e.Msg }

// BadInput marks the error as bad input for the command line.
func (e *MemoryError) BadInput() bool { return true }

// CheckMemory refuses runs whose estimate — base, runBytes for each of
// parallel runs at once, and fixed bytes besides (specs held, say) — is
// above the memory limit (MemoryLimit). what names the largest run for
// the message.
func CheckMemory(runBytes float64, parallel int, fixed float64, what string, getenv func(string) string) error {
	limit, from, err := MemoryLimit(getenv)
	if err != nil || limit <= 0 {
		return err
	}
	need := baseBytes + float64(parallel)*runBytes + fixed
	if need <= float64(limit) {
		return nil
	}
	at := ""
	if parallel > 1 {
		at = fmt.Sprintf(" × %d at once", parallel)
	}
	return &MemoryError{fmt.Sprintf("%s needs about %s of memory (%s per run%s: its agents as the population grows, and its tables), more than the %s available (%s); "+
		"lower district.villages or registered_per_unit, raise district.scale, or use fewer -workers — or set GOVSIM_MEMORY (8GiB, off) if the estimate is wrong",
		what, human(need), human(runBytes), at, human(float64(limit)), from)}
}

// MemoryLimit is the memory govsim may use: GOVSIM_MEMORY if set ("off"
// for no limit, 0), else the least of the machine's memory (MemTotal in
// /proc/meminfo) and the limit of the process's cgroup (v2 memory.max or
// v1 memory.limit_in_bytes, as Slurm and containers set them); 0 where
// none of them can be read. from says which it is.
func MemoryLimit(getenv func(string) string) (limit int64, from string, err error) {
	if s := strings.TrimSpace(getenv("GOVSIM_MEMORY")); s != "" {
		if strings.EqualFold(s, "off") {
			return 0, "GOVSIM_MEMORY", nil
		}
		n, ok := ParseBytes(s)
		if !ok {
			return 0, "", badinput.Errorf("GOVSIM_MEMORY = %q: want a size such as 8GiB, 512MB or 2000000000, or off", s)
		}
		return n, "GOVSIM_MEMORY", nil
	}
	if n, ok := meminfoTotal("/proc/meminfo"); ok {
		limit, from = n, "the machine's memory, /proc/meminfo"
	}
	for _, c := range cgroupLimitFiles("/proc/self/cgroup") {
		if n, ok := readLimit(c); ok && (limit == 0 || n < limit) {
			limit, from = n, "the cgroup limit, "+c
		}
	}
	return limit, from, nil
}

// meminfoTotal reads MemTotal (kB) from a meminfo file.
func meminfoTotal(path string) (int64, bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(io.LimitReader(f, 1<<20))
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "MemTotal:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10, err == nil && kb > 0
		}
	}
	return 0, false
}

// cgroupLimitFiles lists the files that may hold the process's cgroup
// memory limit: its own cgroup's and the mount root's (inside a container
// the root is the container's).
func cgroupLimitFiles(self string) []string {
	out := []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"}
	f, err := os.Open(self)
	if err != nil {
		return out
	}
	defer f.Close()
	sc := bufio.NewScanner(io.LimitReader(f, 1<<20))
	for sc.Scan() {
		parts := strings.SplitN(sc.Text(), ":", 3)
		if len(parts) != 3 || strings.Contains(parts[2], "..") {
			continue
		}
		switch {
		case parts[0] == "0" && parts[1] == "":
			out = append(out, filepath.Join("/sys/fs/cgroup", parts[2], "memory.max"))
		case strings.Contains(","+parts[1]+",", ",memory,"):
			out = append(out, filepath.Join("/sys/fs/cgroup/memory", parts[2], "memory.limit_in_bytes"))
		}
	}
	return out
}

// readLimit reads a cgroup limit file: bytes, or "max" (none). Values near
// the largest int64 mean no limit too (cgroup v1 writes those).
func readLimit(path string) (int64, bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	b, _ := io.ReadAll(io.LimitReader(f, 64))
	n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	return n, err == nil && n > 0 && n < 1<<60
}

// ParseBytes reads a size: a number of bytes with an optional unit (K, M,
// G, T with B or iB, powers of 1000 or 1024).
func ParseBytes(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	num, unit := s, ""
	if i >= 0 {
		num, unit = s[:i], strings.ToUpper(strings.TrimSpace(s[i:]))
	}
	x, err := strconv.ParseFloat(num, 64)
	if err != nil || x <= 0 || math.IsInf(x, 0) {
		return 0, false
	}
	mult := map[string]float64{"": 1, "B": 1,
		"K": 1 << 10, "KIB": 1 << 10, "KB": 1e3, "M": 1 << 20, "MIB": 1 << 20, "MB": 1e6,
		"G": 1 << 30, "GIB": 1 << 30, "GB": 1e9, "T": 1 << 40, "TIB": 1 << 40, "TB": 1e12}[unit]
	if mult == 0 || x*mult >= math.MaxInt64 {
		return 0, false
	}
	return int64(x * mult), true
}

// human renders bytes for messages.
func human(b float64) string {
	for _, u := range []string{"B", "KiB", "MiB", "GiB", "TiB", "PiB"} {
		if b < 1024 || u == "PiB" {
			if u == "B" {
				return fmt.Sprintf("%.0f B", b)
			}
			return fmt.Sprintf("%.1f %s", b, u)
		}
		b /= 1024
	}
	return ""
}
