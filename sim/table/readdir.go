package table

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// A run directory's tables are CSV or Parquet, as its manifest's format
// says; a sweep's results table is whichever the directory holds. These
// read either, so that report and analyze need not know which.

// ReadMonthlyIn reads the monthly table of a run directory written in
// format ("" is CSV).
func ReadMonthlyIn(dir, format string, fn func(MonthlyRow) error) error {
	if format == FormatParquet {
		return ReadMonthlyParquet(filepath.Join(dir, "monthly.parquet"), fn)
	}
	path := filepath.Join(dir, "monthly.csv")
	return readCSV(path, func(r io.Reader) error { return ReadMonthly(r, path, fn) })
}

// ReadVillagesIn reads the villages table of a run directory written in
// format ("" is CSV): the rows of one scenario ("" for all) and replicate
// (−1 for all). A directory without one gives an error that is
// fs.ErrNotExist.
func ReadVillagesIn(dir, format, scenario string, replicate int, fn func(VillageRow) error) error {
	if format == FormatParquet {
		return ReadVillagesParquet(filepath.Join(dir, "villages.parquet"), scenario, replicate, fn)
	}
	path := filepath.Join(dir, "villages.csv")
	return readCSV(path, func(r io.Reader) error { return ReadVillages(r, path, scenario, replicate, fn) })
}

// ReadResultsIn reads a finished sweep's results table, results.csv or, if
// there is none, results.parquet.
func ReadResultsIn(dir string, fn func(ResultRow) error) error {
	path := filepath.Join(dir, "results.csv")
	err := readCSV(path, func(r io.Reader) error { return ReadResults(r, path, fn) })
	if errors.Is(err, fs.ErrNotExist) {
		return ReadResultsParquet(filepath.Join(dir, "results.parquet"), fn)
	}
	return err
}

func readCSV(path string, read func(io.Reader) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return read(f)
}
