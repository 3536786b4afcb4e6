package table

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// Every file govsim reads as input goes through OpenInput or ReadInput:
// scenarios and what they extend, sweep files, point and village CSVs,
// manifests, sweep.json, tables and parts. A named pipe, a device or a
// directory is refused instead of read (a FIFO would block for ever,
// /dev/zero would fill memory), and a whole-file read stops at a limit
// stated in the error, so no input can make govsim hang or run out of
// memory before it has said what is wrong.

// Limits of whole-file reads.
const (
	// MaxTOMLBytes bounds a scenario or sweep file: the largest shipped
	// is a few KB, and TOML decoding costs many times its input.
	MaxTOMLBytes = 1 << 20
	// MaxCSVInputBytes bounds a village or points CSV (a million design
	// points of a dozen factors fit).
	MaxCSVInputBytes = 256 << 20
	// MaxManifestBytes bounds manifest.json and sweep.json, which list
	// every run or design point.
	MaxManifestBytes = 1 << 30
	// MaxLineBytes bounds one line of a table govsim reads back.
	MaxLineBytes = 1 << 20
)

// FileError is an input that is not a readable regular file within its
// limit: bad input (exit status 2). Msg says what the file is and what is
// allowed; the path is given separately so that messages that name the file
// already need not repeat it.
type FileError struct {
	Path string
	Msg  string
}

func (e *FileError) Error() string { return e.Path + ": " + e.Msg }

// BadInput marks the error as bad input for the command line.
func (e *FileError) BadInput() bool { return true }

// OpenInput opens a file to read as input. It must be a regular file: the
// open does not block (O_NONBLOCK, so a FIFO without a writer returns at
// once) and the file is checked with fstat on the descriptor, so what is
// checked is what is read.
func OpenInput(path string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		if errors.Is(err, syscall.ENXIO) {
			// A FIFO can refuse a non-blocking open; a socket always does.
			return nil, nil, &FileError{path, "not a regular file (a named pipe or socket); allowed a regular file"}
		}
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, nil, &FileError{path, "not a regular file (" + kindOf(st.Mode()) + "); allowed a regular file"}
	}
	return f, st, nil
}

// kindOf names what a non-regular file is.
func kindOf(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "mode " + m.String()
}

// ReadInput reads a whole input file of at most limit bytes. The limit is
// checked against the size fstat reports and again while reading, since
// some files (in /proc, say) report a size of 0.
func ReadInput(path string, limit int64) ([]byte, error) {
	f, st, err := OpenInput(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st.Size() > limit {
		return nil, tooLarge(path, st.Size(), limit)
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if int64(len(b)) > limit {
		return nil, tooLarge(path, -1, limit)
	}
	return b, nil
}

func tooLarge(path string, size, limit int64) error {
	what := "larger than " + Bytes(limit)
	if size >= 0 {
		what = Bytes(size)
	}
	return &FileError{path, fmt.Sprintf("too large (%s); allowed at most %s for this kind of file", what, Bytes(limit))}
}

// Bytes renders a byte count for messages: "1 MiB", "3.2 GiB", "512 B".
func Bytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	x, i := float64(n), -1
	for x >= unit && i < 5 {
		x /= unit
		i++
	}
	s := fmt.Sprintf("%.1f", x)
	if x == float64(int64(x)) {
		s = fmt.Sprintf("%d", int64(x))
	}
	return s + " " + string("KMGTPE"[i]) + "iB"
}
