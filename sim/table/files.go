package table

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Files writes monthly.csv, villages.csv (or monthly.parquet,
// villages.parquet) and manifest.json into a directory.
// Everything goes to temporary files beside the targets and is renamed into
// place by Commit, so an existing output directory is never half
// overwritten and a crash leaves either the old files or the new ones.
type Files struct {
	dir    string
	parts  []*part       // CSV
	tables []tableWriter // Parquet
}

type part struct {
	final, tmp string
	f          *os.File
	w          *bufio.Writer
}

// Create makes dir if needed and opens the temporary CSV files.
func Create(dir string) (*Files, error) { return CreateFormat(dir, FormatCSV, "") }

// CreateFormat makes dir if needed and opens the temporary files of a
// format, csv or parquet; version names the govsim writing Parquet files.
func CreateFormat(dir, format, version string) (*Files, error) {
	if format != FormatCSV && format != FormatParquet {
		return nil, fmt.Errorf("output: unknown format %q", format)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("output directory: %w", err)
	}
	fs := &Files{dir: dir}
	if format == FormatParquet {
		t, err := runTables(dir, version)
		fs.tables = t
		return fs, err
	}
	for _, x := range []struct{ name, header string }{
		{"monthly.csv", Header(MonthlyColumns())},
		{"villages.csv", Header(VillagesColumns())},
	} {
		f, err := os.CreateTemp(dir, "."+x.name+".tmp-*")
		if err != nil {
			fs.Abort()
			return nil, fmt.Errorf("output: %w", err)
		}
		p := &part{final: filepath.Join(dir, x.name), tmp: f.Name(), f: f, w: bufio.NewWriterSize(f, 1<<20)}
		fs.parts = append(fs.parts, p)
		if _, err := p.w.WriteString(x.header); err != nil {
			fs.Abort()
			return nil, err
		}
	}
	return fs, nil
}

// Append writes one run's rows.
func (fs *Files) Append(r *RunRows) error {
	if fs.tables != nil {
		if r.typed == nil {
			return fmt.Errorf("output: run %s/%d was recorded as CSV text for a Parquet table", r.Scenario, r.Replicate)
		}
		return appendTyped(fs.tables, r)
	}
	if _, err := fs.parts[0].w.Write(r.DistrictRows); err != nil {
		return fmt.Errorf("monthly.csv: %w", err)
	}
	if _, err := fs.parts[1].w.Write(r.VillageRows); err != nil {
		return fmt.Errorf("villages.csv: %w", err)
	}
	return nil
}

// Commit flushes and syncs the data files, writes the manifest, and renames
// everything into place (the manifest last, so its presence means the data
// beside it is complete).
func (fs *Files) Commit(manifest any) error {
	for _, t := range fs.tables {
		if err := t.finish(); err != nil {
			fs.Abort()
			return err
		}
	}
	for _, p := range fs.parts {
		if err := p.w.Flush(); err != nil {
			fs.Abort()
			return fmt.Errorf("%s: %w", p.final, err)
		}
		if err := p.f.Sync(); err != nil {
			fs.Abort()
			return fmt.Errorf("%s: %w", p.final, err)
		}
		if err := p.f.Close(); err != nil {
			fs.Abort()
			return fmt.Errorf("%s: %w", p.final, err)
		}
		p.f = nil
		// CreateTemp makes files private; outputs are for sharing.
		if err := os.Chmod(p.tmp, 0o644); err != nil {
			fs.Abort()
			return err
		}
	}
	js, err := json.MarshalIndent(manifest, "", "  ")
	if err != nil {
		fs.Abort()
		return fmt.Errorf("manifest: %w", err)
	}
	for _, p := range fs.parts {
		if err := os.Rename(p.tmp, p.final); err != nil {
			fs.Abort()
			return fmt.Errorf("output: %w", err)
		}
	}
	for _, t := range fs.tables {
		if err := t.commit(); err != nil {
			fs.Abort()
			return err
		}
	}
	fs.parts, fs.tables = nil, nil
	return WriteFileAtomic(filepath.Join(fs.dir, "manifest.json"), append(js, '\n'))
}

// Abort removes the temporary files.
func (fs *Files) Abort() {
	for _, t := range fs.tables {
		t.abort()
	}
	fs.tables = nil
	for _, p := range fs.parts {
		if p.f != nil {
			p.f.Close()
		}
		os.Remove(p.tmp)
	}
	fs.parts = nil
}

// WriteFileAtomic writes data to path through a temporary file and a rename.
func WriteFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	if err := f.Chmod(0o644); err != nil {
		werr = errors.Join(werr, err)
	}
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
