package sim

import (
	"fmt"
	"strings"
	"text/tabwriter"
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

// ParamText renders every parameter as a plain-text table (govsim params).
func ParamText() string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "key\tdefault\tunit\tallowed\tmeaning")
	def := Default()
	for _, p := range Params() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", p.Key, p.Format(&def), p.Unit, p.Range(), p.Doc)
	}
	for _, p := range ReformSpecParams() {
		fmt.Fprintf(tw, "[[%s]].%s\t-\t%s\t%s\t%s\n", p.Section, p.Name, p.Unit, p.Range(), p.Doc)
	}
	tw.Flush()
	return b.String()
}
