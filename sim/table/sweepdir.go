package table

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/govsim/govsim/sim/shard"
)

// DirError is a directory that cannot be read or written as asked: not
// govsim's output, or holding another sweep or other files. It is bad
// input (exit status 2).
type DirError struct{ Msg string }

func (e *DirError) Error() string { return e.Msg }

// BadInput marks the error as bad input for the command line.
func (e *DirError) BadInput() bool { return true }

const (
	sweepJSONName = "sweep.json"
	partsDirName  = "parts"
	partExt       = ".part"
)

// SweepDir is a sweep's output directory.
type SweepDir struct {
	Dir  string
	File SweepFile
}

// CreateSweepDir makes dir the directory of sweep f: a new or empty
// directory gets sweep.json and parts/; one that holds them already must
// hold f. It takes no claim of the directory: commands write through
// sim/outdir's ClaimSweepDir, which does.
func CreateSweepDir(dir string, f SweepFile) (*SweepDir, error) {
	d := &SweepDir{Dir: dir, File: f}
	path := filepath.Join(dir, sweepJSONName)
	b, err := ReadInput(path, MaxManifestBytes)
	switch {
	case err == nil:
		old, err := parseSweepFile(path, b)
		if err != nil {
			return nil, &DirError{fmt.Sprintf("%v; use another -out, or -force to replace the whole directory", err)}
		}
		if old.ID != f.ID {
			return nil, &DirError{fmt.Sprintf("%s holds a different sweep (%s): refusing to mix them; use another -out, or -force to replace the whole directory",
				dir, strings.Join(f.Spec.Differences(&old.Spec), "; "))}
		}
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("output directory: %w", err)
		}
		if err := WriteFileAtomic(path, f.marshal()); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("output directory: %w", err)
	}
	if err := MkdirOutput(filepath.Join(dir, partsDirName)); err != nil {
		return nil, fmt.Errorf("output directory: %w", err)
	}
	return d, nil
}

// OpenSweepDir opens a directory that holds a sweep, to read it.
func OpenSweepDir(dir string) (*SweepDir, error) {
	path := filepath.Join(dir, sweepJSONName)
	b, err := ReadInput(path, MaxManifestBytes)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &DirError{fmt.Sprintf("%s holds no sweep.json: not the output of govsim sweep", dir)}
		}
		return nil, err
	}
	f, err := parseSweepFile(path, b)
	if err != nil {
		return nil, &DirError{err.Error()}
	}
	// Parts are read, and damaged ones removed, only in the sweep's own
	// parts/: never through a link to somewhere else.
	if parts := filepath.Join(dir, partsDirName); IsLink(parts) {
		return nil, &LinkError{parts, "a symbolic link"}
	}
	return &SweepDir{Dir: dir, File: f}, nil
}

// IsTemp reports whether name is one of the temporary files this package
// writes beside a file before renaming it into place (.NAME.tmp-*): what a
// killed writer may leave behind.
func IsTemp(name string) bool { return strings.HasPrefix(name, ".") && strings.Contains(name, ".tmp-") }

// PartPath is where run id's part is.
func (d *SweepDir) PartPath(id int) string {
	return filepath.Join(d.Dir, partsDirName, strconv.Itoa(id)+partExt)
}

// WritePart writes a finished run's part: to a temporary file, synced, then
// renamed, so that a part that exists is whole even after kill -9 or a
// crash, and a run killed half-way leaves at most a temporary file.
func (d *SweepDir) WritePart(p *Part) error {
	b := AppendPart(make([]byte, 0, partSize(len(p.Tail), p.Months)), d.File.ID, p)
	final := d.PartPath(p.Run)
	f, err := os.CreateTemp(filepath.Dir(final), "."+filepath.Base(final)+".tmp-*")
	if err != nil {
		return fmt.Errorf("part: %w", err)
	}
	tmp := f.Name()
	_, werr := f.Write(b)
	if err := errors.Join(werr, f.Chmod(0o644), f.Sync(), f.Close()); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("part %s: %w", final, err)
	}
	if err := os.Rename(tmp, final); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("part: %w", err)
	}
	return nil
}

// SyncParts makes the renames of parts durable (one fsync of the
// directory instead of one per part).
func (d *SweepDir) SyncParts() error {
	f, err := os.Open(filepath.Join(d.Dir, partsDirName))
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return fmt.Errorf("parts: %w", err)
	}
	return nil
}

// Scan reports which runs have a part. The parts of runs mine claims are
// read and checked, and damaged ones removed so they are run again, along
// with their temporary files left by a killed writer; the damaged parts'
// names come back for a warning. The caller must be the only writer of
// the runs mine claims (sim/outdir's ClaimSweepDir locks them).
func (d *SweepDir) Scan(mine func(id int) bool) (done []bool, removed []string, err error) {
	n := d.File.Runs
	done = make([]bool, n)
	partsDir := filepath.Join(d.Dir, partsDirName)
	var p Part
	var buf []byte
	err = eachName(partsDir, func(name string) error {
		if IsTemp(name) {
			base, _, _ := strings.Cut(strings.TrimPrefix(name, "."), ".tmp-")
			if id, ok := partID(base, n); ok && mine(id) {
				os.Remove(filepath.Join(partsDir, name))
			}
			return nil
		}
		id, ok := partID(name, n)
		if !ok {
			return nil
		}
		if mine(id) {
			path := filepath.Join(partsDir, name)
			var err error
			buf, err = d.readPart(buf, path)
			if err == nil {
				err = DecodePart(buf, d.File.ID, len(d.File.Spec.Metrics), &p)
			}
			if err == nil && p.Run != id {
				err = fmt.Errorf("%w: it holds run %d", errBadPart, p.Run)
			}
			if err != nil {
				if !errors.Is(err, errBadPart) {
					return fmt.Errorf("part %s: %w", path, err)
				}
				if rerr := os.Remove(path); rerr != nil {
					return fmt.Errorf("part %s: %w", path, rerr)
				}
				removed = append(removed, fmt.Sprintf("%s (%v)", path, err))
				return nil
			}
		}
		done[id] = true
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return done, removed, nil
}

// eachName calls fn with the name of every entry of dir, reading the
// directory in batches: a sweep's parts directory may hold millions of
// entries, and os.ReadDir would hold them all, sorted, at once.
func eachName(dir string, fn func(name string) error) error {
	f, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("parts: %w", err)
	}
	defer f.Close()
	for {
		names, err := f.Readdirnames(1024)
		for _, n := range names {
			if err := fn(n); err != nil {
				return err
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("parts: %w", err)
		}
	}
}

// partID reads the run id of a part's file name.
func partID(name string, runs int) (int, bool) {
	s, ok := strings.CutSuffix(name, partExt)
	if !ok {
		return 0, false
	}
	id, err := strconv.Atoi(s)
	if err != nil || id < 0 || id >= runs || strconv.Itoa(id) != s {
		return 0, false
	}
	return id, true
}

// readPart reads a part into buf, reusing its memory. A file that is not
// regular, or larger than any part of the sweep can be, is a damaged part.
func (d *SweepDir) readPart(buf []byte, path string) ([]byte, error) {
	return readPartFile(buf, path, partSize(len(d.File.Spec.Metrics), maxPartMonths))
}

// maxPartMonths bounds the months a part holds (scenarios run at most
// 1200).
const maxPartMonths = 1200

func readPartFile(buf []byte, path string, limit int) ([]byte, error) {
	f, st, err := OpenInput(path)
	var fe *FileError
	if errors.As(err, &fe) {
		return buf, fmt.Errorf("%w: %s", errBadPart, fe.Msg)
	}
	if err != nil {
		return buf, err
	}
	defer f.Close()
	n := int(st.Size())
	if st.Size() > int64(limit) {
		return buf, fmt.Errorf("%w: %s, larger than a part of this sweep can be (%s)", errBadPart, Bytes(st.Size()), Bytes(int64(limit)))
	}
	if cap(buf) < n {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	if _, err := io.ReadFull(f, buf); err != nil {
		return buf, err
	}
	return buf, nil
}

// CopyPart puts a part from another directory into this one, as a hard
// link where the file system allows, else as a copy written by rename.
func (d *SweepDir) CopyPart(src string, id int) error {
	final := d.PartPath(id)
	if err := os.Link(src, final); err == nil || errors.Is(err, fs.ErrExist) {
		return nil
	}
	b, err := readPartFile(nil, src, partSize(len(d.File.Spec.Metrics), maxPartMonths))
	if err != nil {
		return fmt.Errorf("part %s: %w", src, err)
	}
	return WriteFileAtomic(final, b)
}

// FormatIDs renders run ids compactly for messages: "3, 7-9, 12", at most
// limit ranges.
func FormatIDs(ids []int, limit int) string {
	sort.Ints(ids)
	var parts []string
	for i := 0; i < len(ids); {
		j := i
		for j+1 < len(ids) && ids[j+1] == ids[j]+1 {
			j++
		}
		if len(parts) == limit {
			parts = append(parts, "…")
			break
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d-%d", ids[i], ids[j]))
		} else {
			parts = append(parts, strconv.Itoa(ids[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// PartNames are the names, relative to the directory, of a shard's parts.
func (d *SweepDir) PartNames(s shard.Shard) []string {
	var out []string
	for id := 0; id < d.File.Runs; id++ {
		if s.Mine(id) {
			out = append(out, filepath.Join(partsDirName, strconv.Itoa(id)+partExt))
		}
	}
	return out
}

// AssembleLike assembles the tables in the other format too when orig holds
// them, so that a rerun can be compared with every table of the original.
func (d *SweepDir) AssembleLike(orig, format string) ([]string, error) {
	other := FormatCSV
	if format == FormatCSV {
		other = FormatParquet
	}
	if _, err := os.Stat(filepath.Join(orig, "results."+other)); err != nil {
		return nil, nil
	}
	tables, err := AssembleSweep(d.Dir, d.File, other, d.PartPath)
	return tables.Names(), err
}

// Resume reads which runs of a shard the directory already holds (a
// damaged part is removed, to run again, and named in removed): the runs
// done, how many runs the shard has, and how many of them were done
// before.
func (d *SweepDir) Resume(s shard.Shard) (done []bool, removed []string, shardRuns, before int, err error) {
	done, removed, err = d.Scan(s.Mine)
	if err != nil {
		return nil, nil, 0, 0, err
	}
	for id := range done {
		if s.Mine(id) {
			shardRuns++
			if done[id] {
				before++
			}
		}
	}
	return done, removed, shardRuns, before, nil
}
