package scenarios

import (
	"fmt"
	"io"
	"slices"
	"text/tabwriter"
)

// WriteList writes the embedded scenarios, one line each with its
// description, marking those run by default (Teaching) with *.
func WriteList(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, n := range Embedded() {
		d, err := Describe(n)
		if err != nil {
			return err
		}
		mark := " "
		if slices.Contains(Teaching(), n) {
			mark = "*"
		}
		fmt.Fprintf(tw, "%s %s\t%s\n", mark, n, d)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, "(* run by default; govsim show NAME prints one in full)")
	return err
}
