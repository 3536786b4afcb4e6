package table

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// The runs of a manifest are most of it — a million runs are some 140 MB
// of JSON — so they are read by a scanner of their own rather than by
// encoding/json's reflection, which takes four times as long: a list of
// objects whose keys are ManifestRun's and whose values are strings and
// whole numbers, as govsim writes them. Anything else is refused, as
// encoding/json with DisallowUnknownFields would refuse it.

// runScanner reads the runs array from a buffered stream.
type runScanner struct {
	r     *bufio.Reader
	names map[string]string // one copy of each scenario name
	tok   []byte
}

// errRuns is a runs array that is not what govsim writes.
var errRuns = errors.New("runs: not a list of runs as govsim writes them")

// scanRuns reads a runs array, from its '[' to its ']', into a slice of
// capacity hint; more than MaxManifestRuns runs stop it at the next.
func scanRuns(r *bufio.Reader, hint int) ([]ManifestRun, error) {
	s := &runScanner{r: r, names: map[string]string{}}
	c, err := s.next()
	if err != nil {
		return nil, err
	}
	if c == 'n' { // null
		if err := s.literal("ull"); err != nil {
			return nil, err
		}
		return nil, nil
	}
	if c != '[' {
		return nil, fmt.Errorf("runs is not a list")
	}
	runs := make([]ManifestRun, 0, min(max(hint, 0), MaxManifestRuns))
	c, err = s.next()
	if err != nil {
		return nil, err
	}
	if c == ']' {
		return runs, nil
	}
	for {
		if c != '{' {
			return nil, fmt.Errorf("run %d: %w", len(runs), errRuns)
		}
		if len(runs) == MaxManifestRuns {
			return nil, fmt.Errorf("more than %d runs listed; allowed at most %d", MaxManifestRuns, MaxManifestRuns)
		}
		var run ManifestRun
		if err := s.object(&run); err != nil {
			return nil, fmt.Errorf("run %d: %w", len(runs), err)
		}
		runs = append(runs, run)
		if c, err = s.next(); err != nil {
			return nil, err
		}
		switch c {
		case ']':
			return runs, nil
		case ',':
			if c, err = s.next(); err != nil {
				return nil, err
			}
		default:
			return nil, fmt.Errorf("run %d: %w", len(runs), errRuns)
		}
	}
}

// next is the next byte that is not white space.
func (s *runScanner) next() (byte, error) {
	for {
		c, err := s.r.ReadByte()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return 0, err
		}
		if c != ' ' && c != '\n' && c != '\t' && c != '\r' {
			return c, nil
		}
	}
}

func (s *runScanner) literal(rest string) error {
	for i := range len(rest) {
		if c, err := s.r.ReadByte(); err != nil || c != rest[i] {
			return errRuns
		}
	}
	return nil
}

// object reads one run's fields after its '{'.
func (s *runScanner) object(run *ManifestRun) error {
	c, err := s.next()
	if err != nil {
		return err
	}
	if c == '}' {
		return nil
	}
	for {
		if c != '"' {
			return errRuns
		}
		key, err := s.str()
		if err != nil {
			return err
		}
		k := string(key) // the compiler does not allocate for the switch
		if c, err = s.next(); err != nil || c != ':' {
			return errRuns
		}
		if c, err = s.next(); err != nil {
			return err
		}
		switch k {
		case "scenario":
			if c != '"' {
				return errRuns
			}
			v, err := s.str()
			if err != nil {
				return err
			}
			name, ok := s.names[string(v)]
			if !ok {
				name = string(v)
				if len(s.names) < 10000 {
					s.names[name] = name
				}
			}
			run.Scenario = name
		case "replicate":
			n, err := s.integer(c, strconv.IntSize)
			if err != nil {
				return err
			}
			run.Replicate = int(n)
		case "seed":
			u, err := s.unsigned(c)
			if err != nil {
				return err
			}
			run.Seed = u
		case "monthly_rows":
			if run.MonthlyRows, err = s.integer(c, 64); err != nil {
				return err
			}
		case "village_rows":
			if run.VillageRows, err = s.integer(c, 64); err != nil {
				return err
			}
		default:
			return fmt.Errorf("unknown field %q", clip(string(key)))
		}
		if c, err = s.next(); err != nil {
			return err
		}
		switch c {
		case '}':
			return nil
		case ',':
			if c, err = s.next(); err != nil {
				return err
			}
		default:
			return errRuns
		}
	}
}

// str reads a string after its opening quote; one with escapes is decoded
// by encoding/json.
func (s *runScanner) str() ([]byte, error) {
	s.tok = s.tok[:0]
	escaped := false
	for {
		c, err := s.r.ReadByte()
		if err != nil {
			return nil, errRuns
		}
		switch {
		case c == '"' && !escaped:
			if !bytesHave(s.tok, '\\') {
				return s.tok, nil
			}
			var v string
			if err := json.Unmarshal(append(append([]byte{'"'}, s.tok...), '"'), &v); err != nil {
				return nil, errRuns
			}
			return []byte(v), nil
		case c < 0x20:
			return nil, errRuns
		}
		escaped = c == '\\' && !escaped
		if len(s.tok) > 1<<10 {
			return nil, errRuns
		}
		s.tok = append(s.tok, c)
	}
}

func bytesHave(b []byte, c byte) bool {
	for _, x := range b {
		if x == c {
			return true
		}
	}
	return false
}

// number reads the digits (and a leading minus) of a whole number whose
// first byte is c; the byte after it is left unread.
func (s *runScanner) number(c byte) ([]byte, error) {
	s.tok = append(s.tok[:0], c)
	for {
		b, err := s.r.ReadByte()
		if err != nil {
			return nil, errRuns
		}
		if b < '0' || b > '9' {
			if b == '.' || b == 'e' || b == 'E' {
				return nil, fmt.Errorf("%w (a number that is not whole)", errRuns)
			}
			s.r.UnreadByte()
			return s.tok, nil
		}
		if len(s.tok) > 24 {
			return nil, errRuns
		}
		s.tok = append(s.tok, b)
	}
}

func (s *runScanner) integer(c byte, bits int) (int64, error) {
	t, err := s.number(c)
	if err != nil {
		return 0, err
	}
	n, err := strconv.ParseInt(string(t), 10, bits)
	if err != nil {
		return 0, errRuns
	}
	return n, nil
}

func (s *runScanner) unsigned(c byte) (uint64, error) {
	t, err := s.number(c)
	if err != nil {
		return 0, err
	}
	n, err := strconv.ParseUint(string(t), 10, 64)
	if err != nil {
		return 0, errRuns
	}
	return n, nil
}
