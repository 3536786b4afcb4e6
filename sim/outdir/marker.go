package outdir

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
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

// inspect reads what dir holds: its marker (or, for a directory an earlier
// govsim made, the marker its files imply) and the names of its other
// entries, leaving out locks, the marker and temporary files.
func inspect(dir string) (*Marker, []string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("output directory: %w", err)
	}
	var other []string
	for _, e := range ents {
		if n := e.Name(); !isLockName(n) && n != markerName && !table.IsTemp(n) {
			other = append(other, n)
		}
	}
	m, err := readMarker(dir)
	if err != nil || m != nil {
		return m, other, err
	}
	return legacyMarker(dir, other), other, nil
}

func readMarker(dir string) (*Marker, error) {
	b, err := table.ReadInput(filepath.Join(dir, markerName), 1<<20)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var m Marker
	if err := json.Unmarshal(b, &m); err != nil || m.Kind == "" {
		// Made by govsim, but what it holds is unknown: only -force
		// replaces it.
		return &Marker{Kind: "unknown"}, nil
	}
	return &m, nil
}

// legacyMarker recognises a directory written before markers: a sweep by
// its sweep.json, a run or comparison by its manifest.
func legacyMarker(dir string, names []string) *Marker {
	if slices.Contains(names, "sweep.json") {
		if d, err := table.OpenSweepDir(dir); err == nil {
			return &Marker{Kind: KindSweep, Settings: d.File.ID}
		}
		return &Marker{Kind: "unknown"}
	}
	if slices.Contains(names, "manifest.json") {
		m, err := table.ReadManifest(dir)
		if err != nil {
			return nil
		}
		kind := KindRun
		if slices.Contains(names, "report.html") {
			kind = KindCompare
		}
		return &Marker{Kind: kind, Complete: m.Complete, Command: m.Command}
	}
	return nil
}

func writeMarker(dir string, m Marker) error {
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
