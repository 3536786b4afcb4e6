package table

import "strings"

// CommandLine renders a recorded command ("govsim" and its arguments) as
// one line a POSIX shell runs as given: arguments the shell would split or
// expand are single-quoted. The first word is always govsim, whatever the
// path the binary was started by (older manifests record it).
func CommandLine(args []string) string {
	out := []string{"govsim"}
	for i, a := range args {
		if i == 0 {
			continue
		}
		if a == "" || strings.ContainsAny(a, " \t\n'\"\\$`*?[]{}()<>|&;#~!") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		out = append(out, a)
	}
	return strings.Join(out, " ")
}
