package analysis

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Long-form CSV headers of govsim's outputs.
const (
	monthlyHeader  = "scenario,replicate,seed,month,metric,value"
	villagesHeader = "scenario,replicate,seed,month,village,metric,value"
	resultsHeader  = "run_id,point,scenario,replicate,seed,metric,value"
)

// eachRow reads a long-form CSV written by govsim: it checks the header,
// then calls fn with the line number and fields of every row whose text
// starts with prefix ("" for all). govsim writes no quoted fields in these
// files, so a row is split on commas; a row with the wrong number of fields
// is an error naming the line.
func eachRow(r io.Reader, name, header, prefix string, fn func(line int, f []string) error) error {
	br := bufio.NewReaderSize(r, 1<<20)
	first, err := br.ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: %w", name, err)
	}
	if strings.TrimRight(first, "\r\n") != header {
		return fmt.Errorf("%s:1: not a govsim file with columns %s (header %q)", name, header, strings.TrimSpace(first))
	}
	n := strings.Count(header, ",") + 1
	line := 1
	for {
		s, err := br.ReadString('\n')
		if s == "" && err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("%s: %w", name, err)
		}
		line++
		if !strings.HasPrefix(s, prefix) {
			continue
		}
		f := strings.Split(strings.TrimRight(s, "\r\n"), ",")
		if len(f) != n {
			return fmt.Errorf("%s:%d: want %d fields, got %d", name, line, n, len(f))
		}
		if err := fn(line, f); err != nil {
			return err
		}
	}
}
