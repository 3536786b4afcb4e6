package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/govsim/govsim/scenarios/design"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/experiment"
	"github.com/govsim/govsim/sim/table"
)

// Plan is a sweep made concrete: its design points. Runs are numbered
// point-major: run id = (point × scenarios + scenario) × replicates +
// replicate, so a run's id, and with it its seed, depends only on the sweep,
// never on the order runs finish in, the workers or the shards.
type Plan struct {
	Sweep      *Sweep
	Design     design.Design
	DesignSeed uint64
}

// Runs is the number of runs of the whole sweep.
func (p *Plan) Runs() int {
	return len(p.Design.Points) * len(p.Sweep.Scenarios) * p.Sweep.Replicates
}

// designSalt separates the design's random stream from the runs' streams
// that the same master seed feeds.
const designSalt = 0xd1b54a32d192ed03

// DesignSeed is the seed of the design's own sampling when the sweep file
// gives none: derived from the master seed, so -seed gives a new design and
// new runs together.
func DesignSeed(master uint64) uint64 { return sim.Mix(master ^ designSalt) }

// samplesMeaning says what samples counts for each design.
func samplesMeaning(kind design.Kind, k int) string {
	switch kind {
	case design.KindLHS:
		return "the number of points"
	case design.KindMorris:
		return fmt.Sprintf("the number of trajectories r; the design has r(k+1) = r×%d points", k+1)
	case design.KindSaltelli:
		return fmt.Sprintf("the number of base rows N; the design has N(k+2) = N×%d points", k+2)
	}
	return ""
}

// Build makes the design points (after any flag overrides of Samples,
// Seed, Months, Window) and checks every point in every scenario, so that a
// bad point is reported before any run starts.
func (s *Sweep) Build() (*Plan, error) {
	fail := func(path, format string, a ...any) error {
		return &InputError{File: s.File, Line: s.lines.line(path), Key: path, Msg: fmt.Sprintf(format, a...)}
	}
	k := len(s.Factors)
	switch {
	case s.Design.Sampled():
		if s.Samples == 0 {
			return nil, fail("samples", "missing; design = %q needs samples = N: %s", s.Design, samplesMeaning(s.Design, k))
		}
		if s.Design == design.KindSaltelli && s.Samples < 2 {
			return nil, fail("samples", "%d: Saltelli needs N >= 2 base rows to estimate variances (%s)", s.Samples, samplesMeaning(s.Design, k))
		}
	case s.Samples != 0:
		return nil, fail("samples", "design = %q takes no samples", s.Design)
	}
	for i := range s.Scenarios {
		if s.Months > 0 {
			s.Scenarios[i].Config.Months = s.Months
		}
	}
	if err := s.checkWindow(); err != nil {
		return nil, err
	}
	seed := s.DesignSeed
	if !s.HasDesignSeed {
		seed = DesignSeed(s.Seed)
	}
	d, err := s.design(seed)
	if err != nil {
		var ie *InputError
		if errors.As(err, &ie) {
			return nil, ie
		}
		path := "design"
		var fe *design.FactorError
		if errors.As(err, &fe) && fe.Index < len(s.factorAt) {
			path = s.factorAt[fe.Index] // the design was given s.Factors
		}
		return nil, fail(path, "%v", err)
	}
	p := &Plan{Sweep: s, Design: d, DesignSeed: seed}
	if n := float64(len(d.Points)) * float64(len(s.Scenarios)) * float64(s.Replicates); n > MaxSweepRuns {
		return nil, fail("replicates", "%d points × %d scenarios × %d replicates = %.0f runs, more than %d; allowed fewer samples or replicates",
			len(d.Points), len(s.Scenarios), s.Replicates, n, MaxSweepRuns)
	}
	if err := s.checkPoints(d); err != nil {
		return nil, err
	}
	return p, nil
}

func (s *Sweep) design(seed uint64) (design.Design, error) {
	switch s.Design {
	default:
		return design.Generate(s.Design, s.Factors, s.Samples, s.Levels, seed)
	case design.KindCSV:
		data, err := s.readFile(s.Points, table.MaxCSVInputBytes)
		if err != nil {
			return design.Design{}, &InputError{File: s.File, Line: s.lines.line("points"), Key: "points",
				Msg: fmt.Sprintf("cannot read %q: %s; allowed a path to a CSV file, relative to the sweep file", s.Points, reason(err))}
		}
		d, err := design.FromCSV(bytes.NewReader(data), s.Points, s.Factors)
		if err != nil {
			// FromCSV names the points file, its line and column already.
			return design.Design{}, &InputError{Msg: err.Error()}
		}
		if len(d.Points) == 0 {
			return design.Design{}, &InputError{File: s.Points, Msg: "no points: the file has a header but no rows"}
		}
		return d, nil
	}
}

// checkWindow checks that every run is at least window months long.
func (s *Sweep) checkWindow() error {
	shortest, name := 0, ""
	for _, sc := range s.Scenarios {
		if shortest == 0 || sc.Config.Months < shortest {
			shortest, name = sc.Config.Months, sc.Name
		}
	}
	for i, f := range s.Factors {
		if f.Key != "months" {
			continue
		}
		lo := f.Min
		for j, v := range f.Values {
			if j == 0 || v < lo {
				lo = v
			}
		}
		if int(lo) < shortest {
			shortest, name = int(lo), s.factorAt[i]+" (months)"
		}
	}
	if s.Window > shortest {
		// A window longer than the runs shrinks to fit them, with a note,
		// as in govsim compare: a short trial sweep (-months 12) should not
		// fail on the 60-month window of a file written for full runs.
		s.Notes = append(s.Notes, fmt.Sprintf("note: the %d-month window is longer than the %d months of %s; the sweep summarises whole runs (window = %d)", s.Window, shortest, name, shortest))
		s.Window = shortest
	}
	return nil
}

// checkPoints applies every point to every scenario, as the runs will.
func (s *Sweep) checkPoints(d design.Design) error {
	for i, sc := range s.Scenarios {
		if len(sc.Villages) > 0 {
			for j, f := range s.Factors {
				if f.Key == "district.villages" {
					return &InputError{File: s.File, Line: s.lines.line(s.factorAt[j] + ".key"), Key: s.factorAt[j] + ".key",
						Msg: fmt.Sprintf("scenario %s reads its villages from %s, so district.villages cannot be varied", sc.Name, sc.Config.District.VillageCSV)}
				}
			}
		}
		for _, pt := range d.Points {
			cfg := s.Scenarios[i].Config
			if err := experiment.SetPoint(&cfg, s.Params, pt.Values); err != nil {
				path := "factor"
				msg := err.Error()
				key, _, _ := strings.Cut(msg, " ")
				key = strings.TrimSuffix(key, ":")
				for j, f := range s.Factors {
					if f.Key == key || (path == "factor" && strings.Contains(msg, f.Key)) {
						path = s.factorAt[j]
					}
				}
				return &InputError{File: s.File, Line: s.lines.line(path), Key: path,
					Msg: fmt.Sprintf("design point %d (%s) does not fit scenario %s: %s", pt.Index, describePoint(s.Factors, pt.Values), sc.Name, msg)}
			}
			if b := experiment.RunBytes(&cfg, sc.Villages, experiment.Rows{}); b > s.largest.bytes {
				s.largest = largestRun{b, fmt.Sprintf("design point %d of scenario %s", pt.Index, sc.Name), cfg.Months}
			}
		}
	}
	return nil
}

// largestRun is the run of a sweep that needs the most memory.
type largestRun struct {
	bytes  float64
	what   string
	months int
}

// CheckMemory refuses, before anything runs, a sweep whose largest run,
// on workers at once, would not fit in memory; monthly says every month's
// values are kept (-monthly).
func (p *Plan) CheckMemory(workers int, monthly bool) error {
	parallel, _ := experiment.Split(workers, p.Runs())
	return p.checkMemory(parallel, monthly)
}

func (p *Plan) checkMemory(parallel int, monthly bool) error {
	l := p.Sweep.largest
	if monthly {
		l.bytes += float64(l.months) * float64(sim.NumDistrictMetrics) * 8 // every month's values, as floats
	}
	return experiment.CheckMemory(l.bytes, parallel, 0, "sweep "+p.Sweep.Name+": "+l.what, os.Getenv)
}

// CheckPointsMemory is Plan.CheckMemory for a sweep read back from its
// manifest (govsim rerun): every point applied to every scenario.
func CheckPointsMemory(name string, scs []Scenario, params []sim.Param, points [][]float64, runs, workers int, monthly bool) error {
	sw := &Sweep{Name: name, Scenarios: scs}
	for i, sc := range scs {
		for j, pt := range points {
			cfg := scs[i].Config
			if err := experiment.SetPoint(&cfg, params, pt); err != nil {
				return &InputError{Msg: fmt.Sprintf("%s: design point %d does not fit scenario %s: %v", name, j, sc.Name, err)}
			}
			if b := experiment.RunBytes(&cfg, sc.Villages, experiment.Rows{}); b > sw.largest.bytes {
				sw.largest = largestRun{b, fmt.Sprintf("design point %d of scenario %s", j, sc.Name), cfg.Months}
			}
		}
	}
	parallel, _ := experiment.Split(workers, runs)
	return (&Plan{Sweep: sw}).checkMemory(parallel, monthly)
}

// CheckMemory refuses, before anything runs, more runs than a run
// directory may hold, and n runs of the scenarios on workers that would
// not fit in memory, with their rows held as rows says
// and fixed bytes besides.
func CheckMemory(scs []Scenario, n, workers int, rows experiment.Rows, fixed float64) error {
	if n > table.MaxManifestRuns {
		return &InputError{Key: "-replicates", Msg: fmt.Sprintf("%d runs (scenarios × replicates) are more than the %d a run directory may hold; use fewer, or a sweep", n, table.MaxManifestRuns)}
	}
	worst, name := 0.0, ""
	for i := range scs {
		if b := experiment.RunBytes(&scs[i].Config, scs[i].Villages, rows); b > worst {
			worst, name = b, scs[i].Name
		}
	}
	parallel, _ := experiment.Split(workers, n)
	return experiment.CheckMemory(worst, parallel, fixed, "scenario "+name, os.Getenv)
}

func describePoint(fs []design.Factor, values []float64) string {
	var parts []string
	for i, f := range fs {
		parts = append(parts, f.Key+" = "+fmtF(values[i]))
	}
	return strings.Join(parts, ", ")
}

// Spec is the sweep's identity as its output directory records it
// (sweep.json): everything that determines its results, the resolved
// scenarios included. version is the govsim that runs it; monthly says
// whether every month's metrics are kept.
func (p *Plan) Spec(version string, monthly bool) table.SweepSpec {
	sw, d := p.Sweep, p.Design
	spec := table.SweepSpec{
		Govsim: version, Name: sw.Name, Description: sw.Description, Design: string(sw.Design),
		Groups: d.Groups, Replicates: sw.Replicates, Seed: sw.Seed, DesignSeed: p.DesignSeed,
		Seeds: sw.Seeds, Window: sw.Window, Monthly: monthly, Metrics: sim.DistrictMetrics(),
	}
	if sw.Design.Sampled() {
		spec.Samples = sw.Samples
	}
	for i, fa := range d.Factors {
		spec.Factors = append(spec.Factors, table.SweepFactor{Key: fa.Key, Kind: sw.Params[i].Kind, Dist: fa.Dist,
			Min: fa.Min, Max: fa.Max, Mean: fa.Mean, SD: fa.SD, Values: fa.Values, Levels: fa.Levels})
		if sw.Design == design.KindMorris {
			spec.Levels = fa.Levels
		}
	}
	for i := range sw.Scenarios {
		sc := &sw.Scenarios[i]
		spec.Scenarios = append(spec.Scenarios, table.ManifestScenario{Name: sc.Name, Source: sc.Source, Config: sc.Resolved(),
			Label: sc.Config.Label, LabelZH: sc.Config.LabelZH, Color: sc.Config.Color, VillagesSHA256: sc.VillagesSHA256})
	}
	for _, pt := range d.Points {
		spec.Points = append(spec.Points, pt.Values)
		u := make([]table.NullFloat, len(pt.Unit))
		for j, x := range pt.Unit {
			u[j] = table.NullFloat(x)
		}
		spec.Units = append(spec.Units, u)
	}
	return spec
}

// ManifestScenario is how a run's manifest records the scenario: its
// resolved file, and what it sets differently from the defaults.
func (s *Scenario) ManifestScenario() table.ManifestScenario {
	return table.ManifestScenario{Name: s.Name, Source: s.Source, Config: s.Resolved(),
		Description: s.Config.Description, Settings: s.Config.Changes(),
		Label: s.Config.Label, LabelZH: s.Config.LabelZH, Color: s.Config.Color, VillagesSHA256: s.VillagesSHA256}
}

// Manifest lists the scenarios as a run's manifest records them.
func Manifest(scs []Scenario) []table.ManifestScenario {
	out := make([]table.ManifestScenario, len(scs))
	for i := range scs {
		out[i] = scs[i].ManifestScenario()
	}
	return out
}

// Experiment lists the scenarios as an experiment runs them.
func Experiment(scs []Scenario) []experiment.Scenario {
	out := make([]experiment.Scenario, len(scs))
	for i := range scs {
		out[i] = scs[i].Scenario
	}
	return out
}
