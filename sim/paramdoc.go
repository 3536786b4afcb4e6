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
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", p.Key, cell(p.Format(&def)), cell(p.Unit), cell(p.allowed()), cell(p.Doc))
	}
	fmt.Fprintf(&b, "\n**[[reforms]]** (the schedule; one entry per reform; sweeps name an entry's key as `reforms[i].key`)\n\n| key | default | unit | allowed | meaning |\n| --- | --- | --- | --- | --- |\n")
	for _, p := range ReformSpecParams() {
		d := p.Default
		switch {
		case p.Name == "separations":
			d = "by kind"
		case d == "":
			d = "required"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", p.Name, d, cell(p.Unit), cell(p.Range()), cell(p.Doc))
	}
	return b.String()
}

// AssumptionTable renders every parameter through which a reform acts
// (class "reform") as a Markdown table: its default, where the default
// comes from — a section of the Nanhai study, a cited figure, or the word
// "assumption" — and the range a reviewer would still find plausible,
// which robustness analyses sample. docs/ODD.md carries it between its
// ASSUMPTIONS markers.
func AssumptionTable() string {
	var b strings.Builder
	def := Default()
	b.WriteString("| key | default | unit | source | plausible | meaning |\n| --- | --- | --- | --- | --- | --- |\n")
	for _, p := range Params() {
		if p.Class != "reform" {
			continue
		}
		plaus := p.Plausible()
		if plaus == "" {
			plaus = "—"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s |\n", p.Key, cell(p.Format(&def)), cell(p.Unit), cell(p.Source), cell(plaus), cell(p.Doc))
	}
	return b.String()
}

// RobustnessParams are the parameters a robustness analysis varies: the
// uncertain ones ([Param.Uncertain]), in declaration order.
func RobustnessParams() []Param {
	var out []Param
	for _, p := range Params() {
		if p.Uncertain() {
			out = append(out, p)
		}
	}
	return out
}

// allowed is the allowed range, and for an uncertain parameter the
// plausible range that govsim explore samples: the tables mark them.
func (p Param) allowed() string {
	if p.Uncertain() {
		return p.Range() + "; uncertain: " + p.Plausible()
	}
	return p.Range()
}

func cell(s string) string { return strings.ReplaceAll(s, "|", "\\|") }

// ParamText renders every parameter as a plain-text table (govsim params).
func ParamText() string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "key\tdefault\tunit\tallowed\tmeaning")
	def := Default()
	for _, p := range Params() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", p.Key, p.Format(&def), p.Unit, p.allowed(), p.Doc)
	}
	for _, p := range ReformSpecParams() {
		fmt.Fprintf(tw, "[[%s]].%s\t-\t%s\t%s\t%s\n", p.Section, p.Name, p.Unit, p.Range(), p.Doc)
	}
	tw.Flush()
	return b.String()
}
