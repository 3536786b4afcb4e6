package table

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"time"

	"github.com/govsim/govsim/sim/shard"
	"github.com/govsim/govsim/sim/version"
)

// ManifestKindSweep marks the manifest of govsim sweep and govsim merge;
// manifests of govsim run and compare have no kind.
const ManifestKindSweep = "sweep"

// SweepManifest records how a sweep directory was made: the version, the
// command line, the whole resolved sweep (design, factors, points, seeds,
// scenario TOML), the shard, and what this session did. With it alone,
// govsim rerun reproduces the runs.
type SweepManifest struct {
	Kind            string      `json:"kind"`
	Govsim          string      `json:"govsim_version"`
	Go              string      `json:"go_version"`
	Command         []string    `json:"command"`
	SweepID         string      `json:"sweep_id"`
	Shard           shard.Shard `json:"shard"`
	MergedFrom      []string    `json:"merged_from,omitempty"`
	Format          string      `json:"format"`
	Workers         int         `json:"workers"`
	Start           time.Time   `json:"start"`
	End             time.Time   `json:"end"`
	WallSeconds     float64     `json:"wall_seconds"`
	RunsTotal       int         `json:"runs_total"`        // the whole sweep
	RunsShard       int         `json:"runs_shard"`        // this shard's
	RunsDone        int         `json:"runs_done"`         // this shard's runs finished, in any session
	RunsThisSession int         `json:"runs_this_session"` // finished by this command
	RunsPerSecond   float64     `json:"runs_per_second"`   // this session's throughput
	Complete        bool        `json:"complete"`          // every run present and the tables assembled
	Files           []string    `json:"files,omitempty"`
	// Rows are the rows of each table, so that a reader tells a truncated
	// table from a whole one.
	Rows     map[string]int64 `json:"rows,omitempty"`
	RunSeeds string           `json:"run_seeds"` // how a run's seed follows from the master seed
	Sweep    SweepSpec        `json:"sweep"`

	// Build is the binary that wrote the manifest: module version, commit
	// and uncommitted changes, for citing and tracing results.
	Build version.Info `json:"build"`
	// Set lists the -set KEY=VALUE overrides of the command line; the
	// scenarios in Sweep already hold them.
	Set []string `json:"set,omitempty"`
	// Checksum is a SHA-256 of every other field (Sum): an edited
	// manifest is refused. Manifests written before it are checked field
	// by field (their sweep against its id, the format, the counts).
	Checksum string `json:"checksum,omitempty"`
}

// Sum is the manifest's checksum: a SHA-256 of the JSON of every field but
// the checksum.
func (m *SweepManifest) Sum() string {
	c := *m
	c.Checksum = ""
	b, err := json.Marshal(&c)
	if err != nil {
		panic("table: sweep manifest does not marshal: " + err.Error()) // plain data; cannot happen
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// ManifestName is the manifest file of a shard: manifest.json for a whole
// sweep, manifest-shard-I-of-N.json for a shard, so that shards sharing a
// directory do not overwrite each other's.
func ManifestName(s shard.Shard) string {
	if s.Count <= 1 {
		return "manifest.json"
	}
	return fmt.Sprintf("manifest-shard-%d-of-%d.json", s.Index, s.Count)
}

// WriteSweepManifest writes m into dir under its shard's name.
func WriteSweepManifest(dir string, m *SweepManifest, name string) error {
	m.Kind = ManifestKindSweep
	m.Checksum = m.Sum()
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	return WriteFileAtomic(filepath.Join(dir, name), append(b, '\n'))
}

// ManifestKind reads the kind of the manifest at path: ManifestKindSweep,
// or "" for govsim run and compare.
func ManifestKind(path string) (string, error) {
	b, err := ReadInput(path, MaxManifestBytes)
	if err != nil {
		return "", err
	}
	var k struct {
		Kind   string `json:"kind"`
		Govsim string `json:"govsim_version"`
	}
	if err := json.Unmarshal(b, &k); err != nil {
		return "", &TableError{fmt.Sprintf("%s: not a govsim manifest: %v", path, err)}
	}
	if k.Govsim == "" {
		return "", &TableError{fmt.Sprintf("%s: no govsim_version: not a govsim manifest", path)}
	}
	return k.Kind, nil
}

// ReadSweepManifest reads a sweep manifest file and checks it: its sweep
// id against the sweep it holds, and its counts against the sweep's.
func ReadSweepManifest(path string) (SweepManifest, error) {
	var m SweepManifest
	b, err := ReadInput(path, MaxManifestBytes)
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, &TableError{fmt.Sprintf("%s: %v", path, err)}
	}
	if err := m.check(); err != nil {
		return m, &TableError{fmt.Sprintf("%s: %v", path, err)}
	}
	return m, nil
}

func (m *SweepManifest) check() error {
	if m.Kind != ManifestKindSweep {
		return fmt.Errorf("not a sweep manifest")
	}
	if err := m.Sweep.check(); err != nil {
		return err
	}
	if id := m.Sweep.ID(); id != m.SweepID {
		return fmt.Errorf("sweep_id %s does not match the sweep it holds (%s): the file was edited or damaged", short(m.SweepID), short(id))
	}
	if sum := m.Sum(); m.Checksum != "" && m.Checksum != sum {
		return fmt.Errorf("checksum %s does not match its content (%s): the file was edited or damaged", short(m.Checksum), short(sum))
	}
	if m.Format != "" && m.Format != FormatCSV && m.Format != FormatParquet {
		return fmt.Errorf("format %q: allowed %s or %s", clip(m.Format), FormatCSV, FormatParquet)
	}
	for name := range m.Rows {
		if !slices.Contains(m.Files, name) || filepath.Base(name) != name {
			return fmt.Errorf("rows of %q, which is not one of the files listed", clip(name))
		}
	}
	s, n := m.Shard, m.Sweep.Runs()
	switch {
	case s.Count < 1 || s.Count > shard.MaxCount || s.Index < 0 || s.Index >= s.Count:
		return fmt.Errorf("shard %d/%d: allowed I/N with 0 <= I < N <= %d", s.Index, s.Count, shard.MaxCount)
	case m.RunsTotal != n || m.RunsShard != s.Runs(n):
		return fmt.Errorf("runs_total %d and runs_shard %d do not match the sweep's %d runs (shard %d/%d: %d): the file was edited or damaged",
			m.RunsTotal, m.RunsShard, n, s.Index, s.Count, s.Runs(n))
	}
	return nil
}

// Assemble ends a session of runs in a sweep directory: it makes the
// renames of parts durable and, if the session ran to its end (finished),
// checks whether every run of the sweep is present — other shards' too
// when they share the directory — and if so (complete) assembles the
// tables in format.
func (d *SweepDir) Assemble(format string, finished bool) (tables Tables, complete bool, err error) {
	if err := d.SyncParts(); err != nil {
		return nil, false, err
	}
	if !finished {
		return nil, false, nil
	}
	all, _, err := d.Scan(func(int) bool { return false })
	if err != nil {
		return nil, false, err
	}
	if countTrue(all) != d.File.Runs {
		return nil, false, nil
	}
	tables, err = AssembleSweep(d.Dir, d.File, format, d.PartPath)
	if err != nil {
		return nil, false, err
	}
	return tables, true, nil
}

// WriteManifests writes the manifest of a session that Assemble ended
// under its shard's name, and the whole sweep's manifest.json too when
// this shard completed a shared directory. The caller fills in man's times
// and counts; WriteManifests sets Complete, Files, Rows and End.
func (d *SweepDir) WriteManifests(man *SweepManifest, tables Tables, complete bool) error {
	if complete {
		man.Rows = tables.Rows()
	}
	end := time.Now()
	man.End, man.WallSeconds = end.UTC(), end.Sub(man.Start).Seconds()
	man.Complete, man.Files = complete, tables.Names()
	name := ManifestName(man.Shard)
	if err := WriteSweepManifest(d.Dir, man, name); err != nil {
		return err
	}
	if complete && name != "manifest.json" {
		whole := *man
		whole.Shard = shard.Shard{Index: 0, Count: 1}
		whole.RunsShard, whole.RunsDone = d.File.Runs, d.File.Runs
		if err := WriteSweepManifest(d.Dir, &whole, "manifest.json"); err != nil {
			return err
		}
	}
	return nil
}
