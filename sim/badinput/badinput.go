package badinput

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Error is bad input: it names file, line (0 if unknown) and key, and says
// what is wrong and what is allowed (Msg), or wraps the error that does
// (Err).
type Error struct {
	File string
	Line int
	Key  string
	Msg  string
	Err  error // the problem as another package reported it; Msg then may be empty
}

// Errorf is bad input described by a message alone.
func Errorf(format string, a ...any) *Error { return &Error{Msg: fmt.Sprintf(format, a...)} }

// Wrap marks err as bad input, keeping its message; nil stays nil.
func Wrap(err error) error {
	if err == nil {
		return nil
	}
	return &Error{Err: err}
}

// Error renders "FILE:LINE: KEY: MSG: ERR", leaving out the parts that are
// empty. It is always one line: control characters are escaped.
func (e *Error) Error() string {
	var parts []string
	switch {
	case e.File != "" && e.Line > 0:
		parts = append(parts, e.File+":"+strconv.Itoa(e.Line))
	case e.File != "":
		parts = append(parts, e.File)
	case e.Line > 0:
		parts = append(parts, "line "+strconv.Itoa(e.Line))
	}
	if e.Key != "" {
		parts = append(parts, e.Key)
	}
	if e.Msg != "" || e.Err == nil {
		parts = append(parts, e.Msg)
	}
	if e.Err != nil {
		parts = append(parts, e.Err.Error())
	}
	return escapeControl(strings.Join(parts, ": "))
}

// Unwrap gives the wrapped error, if any.
func (e *Error) Unwrap() error { return e.Err }

// BadInput marks the error as bad input for the command line (exit status 2).
func (e *Error) BadInput() bool { return true }

func escapeControl(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}
