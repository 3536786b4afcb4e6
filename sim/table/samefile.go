package table

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// SameFile compares two files byte for byte without reading either
// whole, and describes the first difference by line.
func SameFile(orig, rerun string) (string, bool, error) {
	a, err := os.Open(orig)
	if errors.Is(err, fs.ErrNotExist) {
		return "not compared: the original has no such file", true, nil
	}
	if err != nil {
		return "", false, err
	}
	defer a.Close()
	b, err := os.Open(rerun)
	if err != nil {
		return "", false, err
	}
	defer b.Close()
	ra, rb := bufio.NewReaderSize(a, 1<<20), bufio.NewReaderSize(b, 1<<20)
	bufA, bufB := make([]byte, 64<<10), make([]byte, 64<<10)
	var off int64
	line := 1
	for {
		na, errA := io.ReadFull(ra, bufA)
		nb, errB := io.ReadFull(rb, bufB)
		n := min(na, nb)
		if i := firstDiff(bufA[:n], bufB[:n]); i >= 0 || na != nb {
			if i < 0 {
				i = n
			}
			line += bytes.Count(bufA[:i], []byte("\n"))
			return fmt.Sprintf("DIFFERS from the original at byte %d (line %d)", off+int64(i), line), false, nil
		}
		line += bytes.Count(bufA[:n], []byte("\n"))
		off += int64(n)
		endA := errA == io.EOF || errA == io.ErrUnexpectedEOF
		endB := errB == io.EOF || errB == io.ErrUnexpectedEOF
		if errA != nil && !endA {
			return "", false, errA
		}
		if errB != nil && !endB {
			return "", false, errB
		}
		if endA || endB {
			return fmt.Sprintf("identical (%d bytes)", off), true, nil
		}
	}
}

func firstDiff(a, b []byte) int {
	for i := range a {
		if a[i] != b[i] {
			return i
		}
	}
	return -1
}
