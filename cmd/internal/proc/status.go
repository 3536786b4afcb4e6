package proc

import (
	"errors"
	"fmt"
	"runtime/debug"
)

// Status is the exit status a command's error means: OK for none, Interrupted
// for an error with an Interrupted() method that says so, BadInput for one
// with a BadInput() method that says so (bad input, or an output directory
// refused), Failure for anything else.
func Status(err error) int {
	var ie interface{ Interrupted() bool }
	var bad interface{ BadInput() bool }
	switch {
	case err == nil:
		return OK
	case errors.As(err, &ie) && ie.Interrupted():
		return Interrupted
	case errors.As(err, &bad) && bad.BadInput():
		return BadInput
	}
	return Failure
}

// Call runs f and turns a panic into an error: a failure (exit status 1)
// with the stack, never a crash that the runtime would report as status 2.
func Call(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error (please report it): %v\n%s", r, debug.Stack())
		}
	}()
	return f()
}
