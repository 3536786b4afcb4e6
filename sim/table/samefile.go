package table

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
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

// CompareDirs compares the files a rerun made in out with the originals in
// orig, byte for byte, and prints one line each to w (parts summarised); any
// difference is an error.
func CompareDirs(w io.Writer, orig, out string, names, parts []string) error {
	fmt.Fprintf(w, "%s reproduced in %s:\n", orig, out)
	var differ []string
	for _, n := range names {
		res, same, err := SameFile(filepath.Join(orig, n), filepath.Join(out, n))
		if err != nil {
			return err
		}
		if strings.HasPrefix(res, "not compared") {
			// The original's own tables must be there: a rerun that
			// compares nothing reproduces nothing.
			res, same = "MISSING from the original: nothing to compare it with", false
		}
		fmt.Fprintf(w, "  %-16s %s\n", n, res)
		if !same {
			differ = append(differ, n)
		}
	}
	if len(parts) > 0 {
		identical, absent := 0, 0
		var bad []string
		for _, n := range parts {
			res, same, err := SameFile(filepath.Join(orig, n), filepath.Join(out, n))
			switch {
			case err != nil:
				return err
			case strings.HasPrefix(res, "not compared"):
				absent++
			case same:
				identical++
			default:
				bad = append(bad, n)
			}
		}
		line := fmt.Sprintf("%d of %d identical", identical, len(parts))
		if absent > 0 {
			line += fmt.Sprintf(", %d not in the original", absent)
		}
		if len(bad) > 0 {
			line += fmt.Sprintf(", %d DIFFER (%s)", len(bad), strings.Join(bad[:min(len(bad), 5)], ", "))
			differ = append(differ, fmt.Sprintf("%d parts", len(bad)))
		}
		fmt.Fprintf(w, "  %-16s %s\n", "parts/", line)
	}
	if len(differ) > 0 {
		return fmt.Errorf("the rerun differs from %s in %s", orig, strings.Join(differ, ", "))
	}
	return nil
}

func absPath(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	return a
}

// FindManifest finds the manifest an argument names: a file, or a
// directory's manifest.json (or its only shard manifest).
func FindManifest(arg string) (string, error) {
	st, err := os.Stat(arg)
	if err != nil {
		return "", &DirError{fmt.Sprintf("%s: %v", arg, errors.Unwrap(err))}
	}
	if !st.IsDir() {
		return arg, nil
	}
	p := filepath.Join(arg, "manifest.json")
	if _, err := os.Stat(p); err == nil {
		return p, nil
	}
	shards, _ := filepath.Glob(filepath.Join(arg, "manifest-shard-*-of-*.json"))
	switch len(shards) {
	case 0:
		return "", &DirError{fmt.Sprintf("%s holds no manifest.json: not govsim output", arg)}
	case 1:
		return shards[0], nil
	}
	return "", &DirError{fmt.Sprintf("%s holds the manifests of %d shards; name one: %s", arg, len(shards), strings.Join(shards, " "))}
}

// SameDir reports whether two paths name the same directory, through
// symbolic links too.
func SameDir(a, b string) bool {
	if absPath(a) == absPath(b) {
		return true
	}
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}
