package table

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"time"

	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/version"
)

// Manifest records how an output directory was made: enough to reproduce it
// and to refuse mixing it with outputs of another version.
type Manifest struct {
	Kind          string             `json:"kind,omitempty"` // "" here; ManifestKindSweep in a sweep's
	Govsim        string             `json:"govsim_version"`
	Go            string             `json:"go_version"`
	Build         version.Info       `json:"build"`   // the binary: module version, commit, uncommitted changes
	Command       []string           `json:"command"` // "govsim" and its arguments
	Seed          uint64             `json:"seed"`
	Replicates    int                `json:"replicates"`
	Workers       int                `json:"workers"`
	VillageDetail bool               `json:"village_detail"`
	Scenarios     []ManifestScenario `json:"scenarios"`
	Start         time.Time          `json:"start"`
	End           time.Time          `json:"end"`
	WallSeconds   float64            `json:"wall_seconds"`
	Complete      bool               `json:"complete"`
	RunsDone      int                `json:"runs_done"`
	Runs          []ManifestRun      `json:"runs"`
	// Checksum is a SHA-256 of what decides the runs (Sum): an edited
	// or damaged manifest is refused rather than rerun or reported on.
	Checksum string `json:"checksum,omitempty"`

	// Format is the data tables' format: csv, or parquet (monthly.parquet
	// and villages.parquet). Manifests written before it was recorded
	// hold CSV.
	Format string `json:"format,omitempty"`
	// Set lists the -set key=value overrides of the command line, in
	// order; every scenario's config_toml already holds them.
	Set []string `json:"set,omitempty"`
	// Precision records how adaptive replication (compare -precision)
	// ended; nil without it.
	Precision *Precision `json:"precision,omitempty"`
	// Posterior records the posterior draws the replicates ran at
	// (compare -posterior); nil without it.
	Posterior *PosteriorDraws `json:"posterior,omitempty"`
}

// PosteriorDraws are the parameter values each replicate ran at: replicate
// r of every scenario at Points[r], a draw from the final population of
// the calibration in Dir (identity ID), in the order of Keys.
type PosteriorDraws struct {
	Dir    string      `json:"dir"`
	ID     string      `json:"calibration_id"`
	Seed   uint64      `json:"seed"`
	Keys   []string    `json:"keys"`
	Points [][]float64 `json:"points"`
}

// Precision is the outcome of adaptive replication: the relative
// half-width asked for, whether every headline interval reached it, at how
// many replicates per scenario, and the widest interval at the end.
type Precision struct {
	Target     float64 `json:"target"`
	Met        bool    `json:"met"`
	Replicates int     `json:"replicates"`
	Max        int     `json:"max_replicates"`
	Widest     string  `json:"widest"`
	// Metrics is each headline metric at the end: its widest relative
	// half-width over the scenarios, where, and whether it reached Target.
	Metrics []PrecisionMetric `json:"metrics,omitempty"`
}

// PrecisionMetric is one headline metric at the end of adaptive
// replication.
type PrecisionMetric struct {
	Metric   string    `json:"metric"`
	Scenario string    `json:"widest_in"`
	Rel      NullFloat `json:"relative_half_width"` // null: no interval (too few values)
	Met      bool      `json:"met"`
}

// ManifestScenario is one scenario's fully resolved configuration.
type ManifestScenario struct {
	Name   string `json:"name"`
	Source string `json:"source"`
	Config string `json:"config_toml"`
	// Description and Settings (what differs from the defaults) let a
	// report say what the scenario is; sweeps leave them out of their
	// identity.
	Description string        `json:"description,omitempty"`
	Settings    []sim.Setting `json:"settings,omitempty"`
	// How the scenario is shown, as its file declares it (label,
	// label_zh, color): a report draws it as the classroom does, from the
	// manifest alone. Empty for a scenario that declares none.
	Label   string `json:"label,omitempty"`
	LabelZH string `json:"label_zh,omitempty"`
	Color   string `json:"color,omitempty"`
}

// ManifestRun identifies one run.
type ManifestRun struct {
	Scenario  string `json:"scenario"`
	Replicate int    `json:"replicate"`
	Seed      uint64 `json:"seed"`
}

// Sum is the manifest's checksum: a SHA-256 of the seed, the village
// detail, the resolved scenarios, the runs and their count.
func (m *Manifest) Sum() string {
	type sc struct{ Name, Config string }
	c := struct {
		Seed          uint64
		VillageDetail bool
		Scenarios     []sc
		Runs          []ManifestRun
		RunsDone      int
		Posterior     *PosteriorDraws `json:",omitempty"` // absent from manifests without one, whose sums stay as they were
	}{m.Seed, m.VillageDetail, nil, m.Runs, m.RunsDone, m.Posterior}
	for _, s := range m.Scenarios {
		c.Scenarios = append(c.Scenarios, sc{s.Name, s.Config})
	}
	b, err := json.Marshal(c)
	if err != nil {
		panic("table: manifest does not marshal: " + err.Error()) // plain data; cannot happen
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// MaxManifestRuns bounds the runs a manifest of govsim run or compare may
// list (replicates are at most 100,000 per scenario).
const MaxManifestRuns = 10_000_000

// ReadManifest reads dir/manifest.json and checks it: its checksum, and
// counts that fit what govsim writes, so that nothing sized by it can
// exhaust memory or index out of range.
func ReadManifest(dir string) (Manifest, error) {
	m, err := ReadManifestFile(filepath.Join(dir, "manifest.json"))
	if errors.Is(err, fs.ErrNotExist) {
		return m, fmt.Errorf("%s is not govsim output: %w", dir, err)
	}
	return m, err
}

// ReadManifestFile reads and checks a manifest of govsim run or compare
// at path (see ReadManifest).
func ReadManifestFile(path string) (Manifest, error) {
	var m Manifest
	b, err := ReadInput(path, MaxManifestBytes)
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, &TableError{fmt.Sprintf("%s: not a govsim manifest: %v", path, err)}
	}
	if err := m.check(); err != nil {
		return m, &TableError{fmt.Sprintf("%s: %v", path, err)}
	}
	return m, nil
}

func (m *Manifest) check() error {
	if m.Govsim == "" {
		return fmt.Errorf("no govsim_version: not govsim output")
	}
	if m.Kind != "" {
		return fmt.Errorf("the manifest of a %s, not of govsim run or compare", m.Kind)
	}
	if m.Checksum != "" && m.Checksum != m.Sum() {
		return fmt.Errorf("checksum %s does not match its content (%s): the file was edited or damaged", short(m.Checksum), short(m.Sum()))
	}
	if len(m.Runs) > MaxManifestRuns || m.RunsDone != len(m.Runs) || m.Replicates < 0 || m.Replicates > 100000 {
		return fmt.Errorf("runs_done %d, %d runs listed and replicates %d do not fit: allowed runs_done = the runs listed, at most %d, and replicates from 0 to 100000",
			m.RunsDone, len(m.Runs), m.Replicates, MaxManifestRuns)
	}
	if p := m.Posterior; p != nil {
		for i, pt := range p.Points {
			if len(pt) != len(p.Keys) {
				return fmt.Errorf("posterior draw %d has %d values for %d keys", i, len(pt), len(p.Keys))
			}
		}
		for _, r := range m.Runs {
			if r.Replicate >= len(p.Points) {
				return fmt.Errorf("replicate %d has no posterior draw (%d recorded)", r.Replicate, len(p.Points))
			}
		}
	}
	names := map[string]bool{}
	for _, s := range m.Scenarios {
		names[s.Name] = true
	}
	for i, r := range m.Runs {
		if !names[r.Scenario] || r.Replicate < 0 || r.Replicate >= 100000 {
			return fmt.Errorf("run %d (scenario %q, replicate %d) is not a run of the manifest's scenarios with a replicate from 0 to 99999", i, r.Scenario, r.Replicate)
		}
	}
	return nil
}
