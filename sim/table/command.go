package table

import "strings"

// CommandLine renders a recorded command ("govsim" and its arguments) as
// one line a POSIX shell runs as given: arguments the shell would split or
// expand are single-quoted.
func CommandLine(args []string) string {
	out := make([]string, 0, len(args))
	for _, a := range args {
		if a == "" || strings.ContainsAny(a, " \t\n'\"\\$`*?[]{}()<>|&;#~!") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		out = append(out, a)
	}
	return strings.Join(out, " ")
}
