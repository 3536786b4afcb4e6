// Package intflag defines integer command-line flags read in base 10
// only, as flag.IntVar, flag.Int and flag.Uint64Var would define them: the
// flag package's own read 010 as octal 8 and 0x10 as 16, which no one
// means by -months.
//
// # Flags
//
// [Var] and [New] define an int flag, [Uint64Var] a uint64 one. A value
// that is not a whole number in decimal digits is refused with a message
// saying so.
//
// It imports nothing of the project.
package intflag

import (
	"errors"
	"flag"
	"strconv"
)

// Var defines an int flag with a default, read in decimal digits.
func Var(fs *flag.FlagSet, p *int, name string, def int, usage string) {
	*p = def
	fs.Func(name, usage, func(s string) error {
		n, err := strconv.ParseInt(s, 10, strconv.IntSize)
		if err != nil {
			return errors.New("want a whole number, in decimal digits")
		}
		*p = int(n)
		return nil
	})
}

// New is Var into a new int, which it returns.
func New(fs *flag.FlagSet, name string, def int, usage string) *int {
	p := new(int)
	Var(fs, p, name, def, usage)
	return p
}

// Uint64Var defines a uint64 flag with a default, read in decimal digits.
func Uint64Var(fs *flag.FlagSet, p *uint64, name string, def uint64, usage string) {
	*p = def
	fs.Func(name, usage, func(s string) error {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return errors.New("want a whole number from 0, in decimal digits")
		}
		*p = n
		return nil
	})
}
