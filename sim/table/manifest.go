package table

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/version"
)

// Manifest records how an output directory was made: enough to reproduce it
// and to refuse mixing it with outputs of another version.
type Manifest struct {
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
}

// ManifestRun identifies one run.
type ManifestRun struct {
	Scenario  string `json:"scenario"`
	Replicate int    `json:"replicate"`
	Seed      uint64 `json:"seed"`
}

// ReadManifest reads dir/manifest.json.
func ReadManifest(dir string) (Manifest, error) {
	var m Manifest
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return m, fmt.Errorf("%s is not govsim output: %w", dir, err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("%s: %w", filepath.Join(dir, "manifest.json"), err)
	}
	if m.Govsim == "" {
		return m, fmt.Errorf("%s: no govsim_version: not govsim output", filepath.Join(dir, "manifest.json"))
	}
	return m, nil
}
