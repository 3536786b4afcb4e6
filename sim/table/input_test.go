package table

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInputFiles: only regular files are read as input, without blocking
// on a named pipe, and within the limit even when the size fstat reports
// is 0.
func TestInputFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	var fe *FileError
	done := make(chan error, 1)
	go func() { _, err := ReadInput(fifo, 10); done <- err }()
	select {
	case err := <-done:
		if !errors.As(err, &fe) || !fe.BadInput() || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("fifo: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("reading a named pipe blocked")
	}
	for path, want := range map[string]string{dir: "a directory", "/dev/zero": "a device", "/dev/null": "a device"} {
		if _, err := ReadInput(path, 10); !errors.As(err, &fe) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v", path, err)
		}
	}
	big := filepath.Join(dir, "big")
	if err := os.WriteFile(big, []byte(strings.Repeat("x", 2048)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadInput(big, 1024); !errors.As(err, &fe) || !strings.Contains(err.Error(), "too large (2 KiB); allowed at most 1 KiB") {
		t.Errorf("big: %v", err)
	}
	if b, err := ReadInput(big, 2048); err != nil || len(b) != 2048 {
		t.Errorf("at the limit: %d bytes, %v", len(b), err)
	}
	if _, err := os.Stat("/proc/self/maps"); err == nil {
		if _, err := ReadInput("/proc/self/maps", 16); !errors.As(err, &fe) || !strings.Contains(err.Error(), "larger than 16 B") {
			t.Errorf("a file whose size reads 0: %v", err)
		}
	}
}
