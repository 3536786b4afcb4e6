package scenarios

import (
	"fmt"

	"github.com/govsim/govsim/sim/table"
)

// maxNesting bounds how deep a scenario or sweep file nests: header
// segments ([a.b.c]), dotted keys (a.b.c = 1), and arrays and inline tables
// inside each other. The files govsim reads nest three deep at most; the
// TOML decoder's cost grows with the square of the depth (a 40 KB dotted
// key takes 15 GB), so a file is checked by checkNesting, in one pass,
// before it is decoded.
const maxNesting = 16

// checkNesting refuses TOML source larger than table.MaxTOMLBytes, and
// scans it once to refuse, with the line, any nesting deeper than
// maxNesting. It understands strings and comments (so
// brackets and dots inside them do not count) and nothing else: what it
// lets through, the decoder judges.
func checkNesting(file string, src []byte) error {
	if len(src) > table.MaxTOMLBytes {
		return &InputError{File: file, Msg: fmt.Sprintf("too large (%s); allowed at most %s for a scenario or sweep file", table.Bytes(int64(len(src))), table.Bytes(table.MaxTOMLBytes))}
	}
	n := nestScan{src: src, line: 1, key: true}
	return n.run(file)
}

type nestScan struct {
	src   []byte
	i     int
	line  int
	stack []byte // open '[' and '{' of values
	key   bool   // reading a key (at a line's start, or in an inline table)
	dots  int    // dots of the key read so far
}

func (n *nestScan) run(file string) error {
	fail := func(what string) error {
		return &InputError{File: file, Line: n.line, Msg: fmt.Sprintf("%s nest deeper than %d levels; allowed at most %d levels of tables, dotted keys, arrays and inline tables", what, maxNesting, maxNesting)}
	}
	for n.i < len(n.src) {
		c := n.src[n.i]
		switch {
		case c == '\n':
			n.line++
			n.i++
			if len(n.stack) == 0 {
				n.key, n.dots = true, 0
			}
		case c == '#':
			for n.i < len(n.src) && n.src[n.i] != '\n' {
				n.i++
			}
		case c == '"' || c == '\'':
			n.skipString(c)
		case n.key && c == '[' && len(n.stack) == 0:
			// A [table] or [[array]] header: its dots are its depth.
			depth := 1
			for n.i++; n.i < len(n.src) && n.src[n.i] != '\n' && n.src[n.i] != ']'; {
				switch n.src[n.i] {
				case '.':
					depth++
					n.i++
				case '"', '\'':
					n.skipString(n.src[n.i])
				default:
					n.i++
				}
			}
			if depth > maxNesting {
				return fail("table headers")
			}
			for n.i < len(n.src) && n.src[n.i] != '\n' && n.src[n.i] != '#' {
				n.i++
			}
		case n.key && c == '.':
			if n.dots++; n.dots >= maxNesting {
				return fail("dotted keys")
			}
			n.i++
		case n.key && c == '=':
			n.key, n.dots = false, 0
			n.i++
		case !n.key && (c == '[' || c == '{'):
			if n.stack = append(n.stack, c); len(n.stack) > maxNesting {
				return fail("arrays and inline tables")
			}
			n.key = c == '{'
			n.i++
		case c == ']' || c == '}':
			if len(n.stack) > 0 {
				n.stack = n.stack[:len(n.stack)-1]
			}
			n.key = false // a value ended: a comma or a newline comes next
			n.i++
		case !n.key && c == ',' && len(n.stack) > 0 && n.stack[len(n.stack)-1] == '{':
			n.key, n.dots = true, 0
			n.i++
		default:
			n.i++
		}
	}
	return nil
}

// skipString consumes a string starting at n.i with quote q: basic or
// literal, on one line or (tripled) on many.
func (n *nestScan) skipString(q byte) {
	s := n.src
	if n.i+2 < len(s) && s[n.i+1] == q && s[n.i+2] == q {
		n.i += 3
		for n.i < len(s) {
			switch {
			case s[n.i] == '\\' && q == '"' && n.i+1 < len(s):
				n.i++
				if s[n.i] == '\n' {
					n.line++
				}
			case s[n.i] == q && n.i+2 < len(s) && s[n.i+1] == q && s[n.i+2] == q:
				// Up to two more quotes belong to the string.
				n.i += 3
				for k := 0; k < 2 && n.i < len(s) && s[n.i] == q; k++ {
					n.i++
				}
				return
			case s[n.i] == '\n':
				n.line++
			}
			n.i++
		}
		return
	}
	for n.i++; n.i < len(s) && s[n.i] != '\n'; n.i++ {
		switch {
		case s[n.i] == '\\' && q == '"':
			n.i++
		case s[n.i] == q:
			n.i++
			return
		}
	}
}
