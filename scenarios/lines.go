package scenarios

import (
	"strconv"
	"strings"
)

// keyLines maps the path of every key a TOML source defines to the line that
// defines it. BurntSushi/toml keeps key positions private, so error messages
// would otherwise have no line; this small scanner recovers them.
//
// A path joins key segments with "." and marks array entries with an index:
// "economy.lambda0", "reforms[1].kind". The scanner only runs on sources the
// TOML decoder accepted, but it must not panic or loop on anything else.
type keyLines struct {
	at map[string]int
}

// line returns the line defining path or, failing that, its nearest parent
// (a key inside an inline table, or an entry inside its [[header]]); 0 if
// none is found.
func (k keyLines) line(path string) int {
	for path != "" {
		if n, ok := k.at[path]; ok {
			return n
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			return 0
		}
		path = path[:i]
	}
	return 0
}

// findLines scans src.
func findLines(src []byte) keyLines {
	s := &lineScanner{src: src, line: 1, at: map[string]int{}, count: map[string]int{}}
	s.run()
	return keyLines{at: s.at}
}

type lineScanner struct {
	src   []byte
	i     int
	line  int
	depth int // arrays and inline tables open; bounded by maxNesting
	at    map[string]int
	count map[string]int // entries seen so far of each array of tables
	table string         // path of the current [table] or [[array]] entry
}

func (s *lineScanner) peek(off int) byte {
	if s.i+off < len(s.src) {
		return s.src[s.i+off]
	}
	return 0
}

func (s *lineScanner) eof() bool { return s.i >= len(s.src) }

// next consumes one byte, counting lines.
func (s *lineScanner) next() {
	if s.src[s.i] == '\n' {
		s.line++
	}
	s.i++
}

func (s *lineScanner) skipBlanks() {
	for !s.eof() && (s.src[s.i] == ' ' || s.src[s.i] == '\t' || s.src[s.i] == '\r') {
		s.i++
	}
}

// skipLine consumes up to and including the end of the line.
func (s *lineScanner) skipLine() {
	for !s.eof() && s.src[s.i] != '\n' {
		s.i++
	}
	if !s.eof() {
		s.next()
	}
}

// skipSpace consumes blanks, newlines and comments (inside arrays and
// multi-line inline tables).
func (s *lineScanner) skipSpace() {
	for !s.eof() {
		switch s.src[s.i] {
		case ' ', '\t', '\r', '\n':
			s.next()
		case '#':
			for !s.eof() && s.src[s.i] != '\n' {
				s.i++
			}
		default:
			return
		}
	}
}

func (s *lineScanner) record(path string, line int) {
	if _, ok := s.at[path]; !ok {
		s.at[path] = line
	}
}

func join(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + "." + key
}

func (s *lineScanner) run() {
	for !s.eof() {
		start := s.i
		s.skipBlanks()
		switch {
		case s.eof():
		case s.src[s.i] == '\n' || s.src[s.i] == '#':
			s.skipLine()
		case s.src[s.i] == '[':
			s.header()
		default:
			line := s.line
			segs, ok := s.key()
			if !ok || s.peek(0) != '=' {
				s.skipLine()
				break
			}
			s.i++
			s.assign(s.table, segs, line)
			s.skipBlanks()
			if s.peek(0) == '#' || s.peek(0) == '\n' {
				s.skipLine()
			}
		}
		if s.i == start {
			s.next() // never stall on input the grammar above does not expect
		}
	}
}

// header reads [a.b] or [[a.b]] and makes it the current table.
func (s *lineScanner) header() {
	line := s.line
	s.i++
	array := s.peek(0) == '['
	if array {
		s.i++
	}
	s.skipBlanks()
	segs, ok := s.key()
	if !ok || s.peek(0) != ']' || (array && s.peek(1) != ']') {
		s.skipLine()
		return
	}
	// A [table] below an [[array]] belongs to the array's last entry, so
	// every prefix that names an array of tables takes its current index.
	// Parents that no header names ([a] implied by [a.b]) take its line.
	path := ""
	for j, seg := range segs {
		path = join(path, seg)
		if array && j == len(segs)-1 {
			s.record(path, line)
			n := s.count[path]
			s.count[path] = n + 1
			path += "[" + strconv.Itoa(n) + "]"
		} else if n, ok := s.count[path]; ok {
			path += "[" + strconv.Itoa(n-1) + "]"
		}
		s.record(path, line)
	}
	s.table = path
	s.skipLine()
}

// assign records a (possibly dotted) key and everything its value defines.
// The scanner stands just after the '='.
func (s *lineScanner) assign(table string, segs []string, line int) {
	path := table
	for _, seg := range segs {
		path = join(path, seg)
		s.record(path, line)
	}
	s.skipBlanks()
	s.value(path)
}

// key reads a dotted key of bare or quoted segments and the blanks after it.
func (s *lineScanner) key() ([]string, bool) {
	var segs []string
	for {
		s.skipBlanks()
		seg, ok := s.segment()
		if !ok {
			return nil, false
		}
		segs = append(segs, seg)
		s.skipBlanks()
		if s.peek(0) != '.' {
			return segs, true
		}
		if len(segs) >= maxNesting {
			return nil, false // deeper than any file govsim reads
		}
		s.i++
	}
}

func (s *lineScanner) segment() (string, bool) {
	switch s.peek(0) {
	case '"':
		if s.peek(1) == '"' {
			return "", false // multi-line strings are not keys
		}
		return s.basicString()
	case '\'':
		if s.peek(1) == '\'' {
			return "", false
		}
		return s.literalString()
	}
	j := s.i
	for j < len(s.src) && isBare(s.src[j]) {
		j++
	}
	if j == s.i {
		return "", false
	}
	seg := string(s.src[s.i:j])
	s.i = j
	return seg, true
}

// isBare accepts more than TOML's bare keys so that a newer grammar never
// stops the scanner.
func isBare(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '=', '.', '[', ']', '#', '"', '\'', ',', '{', '}':
		return false
	}
	return true
}

// basicString reads "..." on one line and decodes the common escapes (only
// needed to match quoted keys).
func (s *lineScanner) basicString() (string, bool) {
	s.i++
	var b strings.Builder
	for !s.eof() {
		c := s.src[s.i]
		switch c {
		case '"':
			s.i++
			return b.String(), true
		case '\n':
			return b.String(), false
		case '\\':
			s.i++
			if s.eof() {
				return b.String(), false
			}
			e := s.src[s.i]
			s.i++
			switch e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'e':
				b.WriteByte(0x1b)
			case 'x', 'u', 'U':
				n := 2
				if e == 'u' {
					n = 4
				} else if e == 'U' {
					n = 8
				}
				if s.i+n <= len(s.src) {
					if r, err := strconv.ParseUint(string(s.src[s.i:s.i+n]), 16, 32); err == nil {
						b.WriteRune(rune(r))
						s.i += n
						continue
					}
				}
				b.WriteByte(e)
			default:
				b.WriteByte(e)
			}
		default:
			b.WriteByte(c)
			s.i++
		}
	}
	return b.String(), false
}

func (s *lineScanner) literalString() (string, bool) {
	s.i++
	j := s.i
	for j < len(s.src) && s.src[j] != '\'' && s.src[j] != '\n' {
		j++
	}
	if j >= len(s.src) || s.src[j] != '\'' {
		s.i = j
		return "", false
	}
	seg := string(s.src[s.i:j])
	s.i = j + 1
	return seg, true
}

// multiline consumes a """ or ”' string, which may span lines and end in
// up to two extra quotes.
func (s *lineScanner) multiline(q byte) {
	s.i += 3
	for !s.eof() {
		c := s.src[s.i]
		if c == '\\' && q == '"' {
			s.next()
			if !s.eof() {
				s.next()
			}
			continue
		}
		if c == q && s.peek(1) == q && s.peek(2) == q {
			s.i += 3
			for k := 0; k < 2 && s.peek(0) == q; k++ {
				s.i++
			}
			return
		}
		s.next()
	}
}

// value consumes one value; inline tables and arrays record the keys and
// entries inside them under path. Past maxNesting it records nothing more
// (checkNesting refuses such files before they get here; this keeps the
// scanner linear whatever it is given).
func (s *lineScanner) value(path string) {
	if s.depth >= maxNesting {
		return
	}
	s.depth++
	defer func() { s.depth-- }()
	switch s.peek(0) {
	case '"', '\'':
		q := s.peek(0)
		if s.peek(1) == q && s.peek(2) == q {
			s.multiline(q)
		} else if q == '"' {
			s.basicString()
		} else {
			s.literalString()
		}
	case '{':
		s.i++
		for {
			s.skipSpace()
			if s.eof() {
				return
			}
			if s.peek(0) == '}' {
				s.i++
				return
			}
			if s.peek(0) == ',' {
				s.i++
				continue
			}
			line := s.line
			segs, ok := s.key()
			if !ok || s.peek(0) != '=' {
				return
			}
			s.i++
			s.assign(path, segs, line)
		}
	case '[':
		s.i++
		for n := 0; ; {
			s.skipSpace()
			if s.eof() {
				return
			}
			switch s.peek(0) {
			case ']':
				s.i++
				return
			case ',':
				s.i++
				continue
			}
			entry := path + "[" + strconv.Itoa(n) + "]"
			s.record(entry, s.line)
			before := s.i
			s.value(entry)
			if s.i == before {
				return
			}
			n++
		}
	default:
		// A number, boolean or date: runs until a delimiter.
		for !s.eof() {
			switch s.src[s.i] {
			case ',', ']', '}', '\n', '#', '\r':
				return
			case ' ', '\t':
				// Dates may hold one space ("1979-05-27 07:32:00").
				if j := s.i + 1; j < len(s.src) && s.src[j] >= '0' && s.src[j] <= '9' && s.i > 0 && s.src[s.i-1] >= '0' && s.src[s.i-1] <= '9' {
					s.i++
					continue
				}
				return
			}
			s.i++
		}
	}
}
