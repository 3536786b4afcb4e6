package sim

import (
	"fmt"
	"strings"
)

// ParamTable renders every parameter as a Markdown table. docs/ODD.md
// carries this exact text between its PARAMS markers (written by
// `make docs`, checked by `make docs-check`), so the documentation cannot
// drift from the code.
func ParamTable() string {
	var b strings.Builder
	def := Default()
	section := "-"
	for _, p := range Params() {
		if p.Section != section {
			section = p.Section
			title := "top level"
			if section != "" {
				title = "[" + section + "]"
			}
			fmt.Fprintf(&b, "\n**%s**\n\n| key | default | unit | allowed | meaning |\n| --- | --- | --- | --- | --- |\n", title)
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", p.Key, cell(p.Format(&def)), cell(p.Unit), cell(p.Range()), cell(p.Doc))
	}
	fmt.Fprintf(&b, "\n**[[reforms]]** (the schedule; one entry per reform)\n\n| key | unit | allowed | meaning |\n| --- | --- | --- | --- |\n")
	for _, p := range ReformSpecParams() {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", p.Name, cell(p.Unit), cell(p.Range()), cell(p.Doc))
	}
	return b.String()
}

func cell(s string) string { return strings.ReplaceAll(s, "|", "\\|") }
