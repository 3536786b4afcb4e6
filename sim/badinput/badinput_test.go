package badinput

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"
)

func TestErrorFormat(t *testing.T) {
	cause := fmt.Errorf("run 3: %w", fs.ErrNotExist)
	tests := []struct {
		e    Error
		want string
	}{
		{Error{File: "a.toml", Line: 3, Key: "months", Msg: "bad"}, "a.toml:3: months: bad"},
		{Error{File: "a.toml", Key: "months", Msg: "bad"}, "a.toml: months: bad"},
		{Error{File: "a.toml", Msg: "bad"}, "a.toml: bad"},
		{Error{Msg: "bad"}, "bad"},
		{Error{Line: 4, Key: "k", Msg: "bad"}, "line 4: k: bad"},
		{Error{Err: cause}, "run 3: file does not exist"},
		{Error{File: "m.json", Err: cause}, "m.json: run 3: file does not exist"},
		{Error{File: "m.json", Msg: "unreadable", Err: cause}, "m.json: unreadable: run 3: file does not exist"},
		// One line, whatever the key, message or wrapped error hold.
		{Error{File: "v.csv", Line: 1, Key: "a\nb", Msg: "unknown column"}, `v.csv:1: a\nb: unknown column`},
		{Error{Msg: "JOB_COMPLETION_INDEX = 3\r\x1b[2J is set"}, `JOB_COMPLETION_INDEX = 3\r\x1b[2J is set`},
		{Error{Err: errors.Join(errors.New("first"), errors.New("second"))}, `first\nsecond`},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.e, got, tt.want)
		}
	}
}

func TestWrap(t *testing.T) {
	if Wrap(nil) != nil {
		t.Fatal("Wrap(nil) is not nil")
	}
	cause := &fs.PathError{Op: "open", Path: "x", Err: fs.ErrNotExist}
	err := fmt.Errorf("report: %w", Wrap(cause))
	if err.Error() != "report: open x: file does not exist" {
		t.Errorf("message changed: %q", err)
	}
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe != cause {
		t.Error("errors.As does not find the wrapped error")
	}
	var bad interface{ BadInput() bool }
	if !errors.As(err, &bad) || !bad.BadInput() {
		t.Error("a wrapped error is not bad input")
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Error("errors.Is does not see through Wrap")
	}
}

func ExampleError() {
	err := &Error{File: "sweep.toml", Line: 8, Key: "factor[1]", Msg: "min 0.7 is not below max 0.2"}
	fmt.Println(err)
	fmt.Println(Errorf("-shard %q: want I/N with 0 <= I < N", "5/2"))
	// Output:
	// sweep.toml:8: factor[1]: min 0.7 is not below max 0.2
	// -shard "5/2": want I/N with 0 <= I < N
}
