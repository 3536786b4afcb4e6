package outdir

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/govsim/govsim/sim/table"
)

// A directory says what it holds in its marker, .govsim-dir: the kind of
// output, what decides its results (Settings), the command that made it
// and whether the result is complete.

// Kinds of output directory.
const (
	KindRun     = "run"     // govsim run
	KindCompare = "compare" // govsim compare
	KindSweep   = "sweep"   // govsim sweep, merge, or rerun of a sweep
	KindRerun   = "rerun"   // govsim rerun of a run or comparison
	// KindCalibration is govsim calibrate's directory: its generations'
	// sweeps inside, resumed like a sweep.
	KindCalibration = "calibration"
	// KindOptimisation is govsim optimise's directory: its generations'
	// sweeps inside, resumed like a sweep.
	KindOptimisation = "optimisation"
)

const markerName = ".govsim-dir"

// Marker is what an output directory holds and the command that made it.
type Marker struct {
	Kind     string    `json:"kind"`
	Settings string    `json:"settings"` // what decides its results: a hash, or a sweep's id
	Command  []string  `json:"command"`
	Govsim   string    `json:"govsim_version"`
	Created  time.Time `json:"created"`
	Complete bool      `json:"complete"` // a finished result
	// Analyses are the commands that wrote beside the data (govsim report,
	// govsim analyze).
	Analyses [][]string `json:"analyses,omitempty"`
}

// DescribeKind says what a kind of directory holds, for messages.
func DescribeKind(kind string) string {
	switch kind {
	case KindRun:
		return "the runs of govsim run"
	case KindCompare:
		return "a comparison (govsim compare)"
	case KindSweep:
		return "a sweep"
	case KindRerun:
		return "a rerun (govsim rerun)"
	case KindCalibration:
		return "a calibration (govsim calibrate)"
	case KindOptimisation:
		return "an optimisation (govsim optimise)"
	}
	return "output of govsim"
}

// Whether govsim made a directory is decided here, and only here: by its
// marker, a regular file (never a link) that reads as a marker; or, for a
// directory an earlier govsim made before markers, by a manifest or
// sweep.json that reads as govsim's and nothing beside it but names
// govsim writes there. Everything else is the user's: not replaced, not
// cleaned, not renamed, even with -force.

// maxMarkerBytes bounds the marker read: it lists the analyses written
// (at most maxAnalyses, each command clipped), so it stays a few KB; a
// larger one is an earlier govsim's, which let it grow.
const maxMarkerBytes = 64 << 20

// maxAnalyses is how many analyses (govsim report, analyze) a marker
// lists, the latest ones: the marker must not grow with every report.
const maxAnalyses = 20

// inspect reads what dir holds: its marker if govsim made it (see above)
// and the names of its other entries, leaving out locks, the marker and,
// in a directory govsim made, temporary files.
func inspect(dir string) (*Marker, []string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("output directory: %w", err)
	}
	var names []string
	for _, e := range ents {
		if n := e.Name(); !isLockName(n) && n != markerName {
			names = append(names, n)
		}
	}
	m, err := readMarker(dir)
	if err != nil {
		return nil, nil, err
	}
	if m == nil {
		m = legacyMarker(dir, names)
	}
	if m == nil {
		if _, err := os.Lstat(filepath.Join(dir, markerName)); err == nil {
			names = append(names, markerName) // not a marker govsim wrote
		}
	}
	other := names[:0:0]
	for _, n := range names {
		if !ownTemp(n) {
			other = append(other, n)
		}
	}
	return m, other, nil
}

// ownTemp reports whether name is a temporary file govsim writes beside
// one of its files (.NAME.tmp-*, table.IsTemp): a killed writer's, or a
// writer's at work. A file named alike beside a name govsim does not write
// is the user's.
func ownTemp(name string) bool {
	if !table.IsTemp(name) {
		return false
	}
	base, _, _ := strings.Cut(strings.TrimPrefix(name, "."), ".tmp-")
	if base == markerName || strings.HasPrefix(base, "manifest-shard-") && strings.HasSuffix(base, ".json") {
		return true
	}
	for _, k := range []string{KindRun, KindSweep} {
		if slices.Contains(ownNames(k), base) {
			return true
		}
	}
	return false
}

// readMarker reads dir's marker: nil if there is none, or if what is
// there is not a marker govsim wrote (a link, not a regular file, not one).
func readMarker(dir string) (*Marker, error) {
	path := filepath.Join(dir, markerName)
	f, err := table.OpenOutput(path, os.O_RDONLY, 0)
	var le *table.LinkError
	switch {
	case errors.Is(err, fs.ErrNotExist), errors.As(err, &le):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("output directory: %w", err)
	}
	defer f.Close()
	var m Marker
	if err := json.NewDecoder(io.LimitReader(f, maxMarkerBytes)).Decode(&m); err != nil || m.Kind == "" {
		return nil, nil
	}
	return &m, nil
}

// legacyMarker recognises a directory written before markers: a sweep by
// its sweep.json, a run or comparison by its manifest — each readable as
// govsim's and with nothing beside it but what govsim writes there.
func legacyMarker(dir string, names []string) *Marker {
	var m *Marker
	switch {
	case slices.Contains(names, "sweep.json"):
		d, err := table.OpenSweepDir(dir)
		if err != nil {
			return nil
		}
		m = &Marker{Kind: KindSweep, Settings: d.File.ID}
	case slices.Contains(names, "manifest.json"):
		man, err := table.ReadManifest(dir)
		var le *table.LegacyError
		if err != nil && !errors.As(err, &le) {
			return nil
		}
		kind := KindRun
		if slices.Contains(names, "report.html") {
			kind = KindCompare
		}
		m = &Marker{Kind: kind, Complete: man.Complete, Command: man.Command}
	default:
		return nil
	}
	if foreign := foreignNames(m.Kind, names); len(foreign) > 0 {
		return nil
	}
	return m
}

// ownNames are the names govsim writes into a directory of a kind; nil
// for a kind this govsim does not know (a newer one's).
func ownNames(kind string) []string {
	run := []string{"manifest.json", "monthly.csv", "villages.csv", "monthly.parquet", "villages.parquet", "summary.csv", "report.html", "charts"}
	sweep := []string{"sweep.json", "parts", "manifest.json", "sensitivity.html", "sensitivity.csv", "charts",
		// govsim explore's analysis (output/report's ExploreFiles)
		"robustness.csv", "discovery.csv", "drivers.csv", "explore.html", "explore.json"}
	for _, t := range table.SweepTables(true) {
		for _, f := range table.Formats() {
			sweep = append(sweep, t+"."+f)
		}
	}
	switch kind {
	case KindRun, KindCompare:
		return run
	case KindSweep:
		return sweep
	case KindRerun:
		return append(run, sweep...)
	}
	return nil
}

// foreignNames are the names among names that govsim does not write into
// a directory of kind (none for a kind it does not know).
func foreignNames(kind string, names []string) []string {
	own := ownNames(kind)
	if own == nil {
		return nil
	}
	var out []string
	for _, n := range names {
		shardManifest := strings.HasPrefix(n, "manifest-shard-") && strings.HasSuffix(n, ".json")
		if !slices.Contains(own, n) && !shardManifest && !ownTemp(n) {
			out = append(out, n)
		}
	}
	return out
}

// Ancestor is the nearest directory above path (which need not exist)
// that govsim made, or "" if none is: an output directory inside another
// would be lost when that one is replaced.
func ancestor(path string) (dir string, m *Marker) {
	p, err := filepath.Abs(path)
	if err != nil {
		return "", nil
	}
	for {
		parent := filepath.Dir(p)
		if parent == p {
			return "", nil
		}
		p = parent
		if st, err := os.Stat(p); err != nil || !st.IsDir() {
			continue
		}
		if m, err := readMarker(p); err == nil && m != nil {
			return p, m
		}
		for _, n := range []string{"manifest.json", "sweep.json"} {
			if _, err := os.Lstat(filepath.Join(p, n)); err == nil {
				if m, _, err := inspect(p); err == nil && m != nil {
					return p, m
				}
				break
			}
		}
	}
}

// clipCommand bounds a command recorded in a marker: a hundred-kilobyte
// argument must not make every later marker that size.
func clipCommand(c []string) []string {
	const maxArgs, maxArg = 64, 256
	out := make([]string, 0, min(len(c), maxArgs+1))
	for i, a := range c {
		if i == maxArgs {
			out = append(out, fmt.Sprintf("… (%d more)", len(c)-maxArgs))
			break
		}
		if len(a) > maxArg {
			a = strings.ToValidUTF8(a[:maxArg], "") + "…"
		}
		out = append(out, a)
	}
	return out
}

func writeMarker(dir string, m Marker) error {
	m.Command = clipCommand(m.Command)
	if len(m.Analyses) > maxAnalyses {
		m.Analyses = m.Analyses[len(m.Analyses)-maxAnalyses:]
	}
	for i, a := range m.Analyses {
		m.Analyses[i] = clipCommand(a)
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("marker: %w", err)
	}
	return table.WriteFileAtomic(filepath.Join(dir, markerName), append(b, '\n'))
}

// Settings is the settings hash of a result: a SHA-256 of the JSON of what
// decides it (the kind, the resolved scenarios, seeds, counts, options).
func Settings(v ...any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic("outdir: settings do not marshal: " + err.Error()) // plain data; cannot happen
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
