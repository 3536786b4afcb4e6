package report

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
)

// view is Data prepared for the template: every number formatted, every
// class chosen, so the template only prints.
type view struct {
	Title          string
	Kicker         string
	Question       []string
	Simulated      []Setting
	Warnings       []string
	Meta           []Setting
	Nav            []navItem
	ReferenceLabel string
	Scenarios      []scenarioView
	Columns        []columnView
	Rows           []rowView
	Tiers          []tierView
	Composite      []CompositePart
	CompositeNote  string
	Sections       []sectionView
	PatternSummary string
	Patterns       []patternView
	Explore        *Link
	Commands       []string
	Build          string
	Manifest       string
	Notes          []string
	Generated      string
	Version        string
}

type navItem struct{ ID, Title string }

type scenarioView struct {
	Name, Label string
	Description []string
	Settings    []Setting
	IsReference bool
}

type columnView struct {
	Label, Unit, Direction string
}

type rowView struct {
	Rank            string
	Scenario, Label string
	IsReference     bool
	Cells           []cellView
	CE              string
}

// tierView is one table of the ranked tiers: the rank and scenario, then a
// share of the headline columns (and, in the last, cost-effectiveness), so
// that every table fits the page without scrolling.
type tierView struct {
	Caption string
	Columns []columnView
	Rows    []tierRow
	CE      bool
}

type tierRow struct {
	Rank, Label, Scenario string
	IsReference           bool
	Cells                 []cellView
	CE                    string
}

// maxTierColumns is the most metric columns one ranked table holds: six
// cells of "0.911 ± 0.006" with their differences fit a 1,240-pixel page (and
// an A4 landscape page) next to the rank and the scenario.
const maxTierColumns = 6

type cellView struct {
	Value    string
	Ref      bool   // the reference row: no difference shown
	Class    string // good, bad or ns
	Marker   string // ▲, ▼ or =
	Diff     string
	Interval string
	Title    string
}

type sectionView struct {
	ID, Title, Intro string
	Charts           []chartView
}

type chartView struct {
	Title, Caption string
	SVG            template.HTML
	PNG            string
}

type patternView struct {
	ID, Claim, Class, Status, Evidence, Robustness string
}

const dash = "—"

func buildView(d Data) (view, error) {
	v := view{
		Title:         d.Title,
		Kicker:        d.Kicker,
		Warnings:      d.Warnings,
		Question:      paragraphs(d.Question),
		Commands:      d.Commands,
		Build:         d.Build,
		Manifest:      d.Manifest,
		Composite:     d.Composite,
		CompositeNote: d.CompositeNote,
		Notes:         d.Notes,
		Generated:     d.Generated,
		Version:       d.Version,
	}
	if strings.TrimSpace(v.Title) == "" {
		v.Title = "govsim report"
	}

	v.ReferenceLabel = d.Reference
	for _, s := range d.Scenarios {
		isRef := s.Name == d.Reference
		if isRef && s.Label != "" {
			v.ReferenceLabel = s.Label
		}
		label := s.Label
		if label == "" {
			label = s.Name
		}
		v.Scenarios = append(v.Scenarios, scenarioView{
			Name: s.Name, Label: label, Description: paragraphs(s.Description),
			Settings: s.Settings, IsReference: isRef,
		})
	}

	if v.Kicker == "" {
		v.Kicker = "scenario comparison"
	}
	for _, m := range []Setting{
		{"District", d.District},
		{"Residents", d.Residents},
		{"Window", d.Window},
		{"Replicates", d.Replicates},
		{"Seeds", d.Seeds},
	} {
		if strings.TrimSpace(m.Value) != "" {
			v.Simulated = append(v.Simulated, m)
		}
	}
	for _, m := range []Setting{
		{"Reference", v.ReferenceLabel},
		{"Generated", d.Generated},
		{"govsim version", d.Version},
	} {
		if strings.TrimSpace(m.Value) != "" {
			v.Meta = append(v.Meta, m)
		}
	}

	for _, c := range d.Columns {
		dir := "lower is better"
		if c.HigherIsBetter {
			dir = "higher is better"
		}
		label := c.Label
		if label == "" {
			label = c.Metric
		}
		v.Columns = append(v.Columns, columnView{Label: label, Unit: c.Unit, Direction: dir})
	}

	for i, r := range d.Ranked {
		if len(r.Cells) != len(d.Columns) {
			return view{}, fmt.Errorf("ranked row %d (%s) has %d cells for %d columns", i+1, r.Scenario, len(r.Cells), len(d.Columns))
		}
		label := r.Label
		if label == "" {
			label = r.Scenario
		}
		ce := r.CostEffectiveness
		if strings.TrimSpace(ce) == "" {
			ce = dash
		}
		row := rowView{
			Rank: strconv.Itoa(r.Rank), Scenario: r.Scenario, Label: label,
			IsReference: r.Scenario == d.Reference, CE: ce,
		}
		for j, c := range r.Cells {
			row.Cells = append(row.Cells, cell(d.Columns[j], c, row.IsReference))
		}
		v.Rows = append(v.Rows, row)
	}

	v.Tiers = tiers(v.Columns, v.Rows)

	for i, s := range d.Sections {
		sv := sectionView{ID: fmt.Sprintf("section-%d", i+1), Title: s.Title, Intro: s.Intro}
		for _, c := range s.Charts {
			if err := checkSVG(c.SVG); err != nil {
				return view{}, fmt.Errorf("chart %q in section %q: %w", c.Title, s.Title, err)
			}
			sv.Charts = append(sv.Charts, chartView{
				Title: c.Title, Caption: c.Caption, SVG: c.SVG, PNG: relativeLink(c.PNG),
			})
		}
		v.Sections = append(v.Sections, sv)
	}

	held, notHeld, skipped, fragile := 0, 0, 0, 0
	for _, p := range d.Patterns {
		pv := patternView{ID: p.ID, Claim: p.Claim, Evidence: p.Evidence, Robustness: p.Robustness}
		if pv.Robustness == "" {
			pv.Robustness = dash
		}
		switch {
		case p.Skipped != "":
			skipped++
			pv.Class, pv.Status, pv.Evidence = "skip", "– skipped", p.Skipped
		case p.Held && p.RobustPoints > 0 && 2*p.RobustHeld < p.RobustPoints:
			// It holds at these settings, but not across most of the
			// plausible space: a claim to make with care.
			held++
			fragile++
			pv.Class, pv.Status = "fragile", "◐ held here only"
			pv.Robustness = fmt.Sprintf("Holds at these settings but not across most of the plausible parameter space: %s", pv.Robustness)
			if n := len(p.RobustWeak); n > 0 {
				pv.Robustness += map[bool]string{true: "; the comparison that fails: ", false: "; the comparisons that fail: "}[n == 1] + strings.Join(p.RobustWeak, ", ")
			}
			pv.Robustness += "."
		case p.Held:
			held++
			pv.Class, pv.Status = "good", "✓ held"
		default:
			notHeld++
			pv.Class, pv.Status = "bad", "✗ not held"
		}
		if pv.Evidence == "" {
			pv.Evidence = dash
		}
		v.Patterns = append(v.Patterns, pv)
	}
	if d.Explore != nil && relativeLink(d.Explore.Href) != "" {
		v.Explore = &Link{Text: d.Explore.Text, Href: relativeLink(d.Explore.Href)}
	}
	if len(d.Patterns) > 0 {
		v.PatternSummary = fmt.Sprintf("%d of %d checked patterns held", held, held+notHeld)
		if fragile > 0 {
			v.PatternSummary += fmt.Sprintf(" (%d of them here only: ◐ marks a pattern that fails at most points of the plausible parameter space)", fragile)
		}
		if skipped > 0 {
			v.PatternSummary += fmt.Sprintf("; %d could not be checked", skipped)
		}
		v.PatternSummary += "."
	}

	v.Nav = append(v.Nav, navItem{"compared", "What was compared"})
	if len(v.Rows) > 0 {
		v.Nav = append(v.Nav, navItem{"ranked", "Ranked"})
	}
	for _, s := range v.Sections {
		v.Nav = append(v.Nav, navItem{s.ID, s.Title})
	}
	if len(v.Patterns) > 0 {
		v.Nav = append(v.Nav, navItem{"patterns", "Pattern checks"})
	}
	v.Nav = append(v.Nav, navItem{"reproduce", "Reproduce"})
	if len(v.Notes) > 0 {
		v.Nav = append(v.Nav, navItem{"notes", "Notes"})
	}
	return v, nil
}

// tiers splits the ranked table into tables of at most maxTierColumns
// metric columns, as even as possible, each repeating rank and scenario;
// cost-effectiveness goes in the last.
func tiers(cols []columnView, rows []rowView) []tierView {
	if len(rows) == 0 {
		return nil
	}
	n := max(1, (len(cols)+maxTierColumns-1)/maxTierColumns)
	size := (len(cols) + n - 1) / n
	var out []tierView
	for from := 0; from < len(cols) || len(out) == 0; from += size {
		to := min(from+size, len(cols))
		t := tierView{Columns: cols[from:to], CE: to == len(cols)}
		var labels []string
		for _, c := range t.Columns {
			labels = append(labels, c.Label)
		}
		if t.CE {
			labels = append(labels, "cost-effectiveness")
		}
		t.Caption = strings.Join(labels, ", ")
		if n > 1 {
			t.Caption = fmt.Sprintf("Table %d of %d: %s", len(out)+1, n, t.Caption)
		}
		for _, r := range rows {
			tr := tierRow{Rank: r.Rank, Label: r.Label, Scenario: r.Scenario, IsReference: r.IsReference, Cells: r.Cells[from:to]}
			if t.CE {
				tr.CE = r.CE
			}
			t.Rows = append(t.Rows, tr)
		}
		out = append(out, t)
		if to == len(cols) {
			break
		}
	}
	return out
}

// cell formats one ranked-table cell.
func cell(col Column, c Cell, isRef bool) cellView {
	f := col.Format
	if f == "" {
		f = "%.3g"
	}
	cv := cellView{Value: num(f, c.Mean)}
	if !math.IsNaN(c.Half) && !math.IsNaN(c.Mean) {
		cv.Value += " ± " + num(f, c.Half)
	}
	if math.IsNaN(c.Diff) {
		cv.Ref = true
		if !isRef {
			// A missing difference on another row: say so rather than
			// calling the row the reference.
			cv.Ref = false
			cv.Class, cv.Marker, cv.Diff, cv.Title = "ns", "", dash, "no difference available"
		}
		return cv
	}
	pf := plusFormat(f)
	cv.Diff = num(pf, c.Diff)
	cv.Interval = "[" + num(pf, c.DiffLow) + ", " + num(pf, c.DiffHigh) + "]"
	better := (c.Diff > 0) == col.HigherIsBetter
	switch {
	case c.Diff > 0:
		cv.Marker = "▲"
	case c.Diff < 0:
		cv.Marker = "▼"
	default:
		cv.Marker = "="
	}
	word := "worse than"
	if better {
		word = "better than"
	}
	if c.Diff == 0 {
		word = "same as"
	}
	p := ""
	if !math.IsNaN(c.PHolm) {
		p = " (Holm p = " + strings.ReplaceAll(strconv.FormatFloat(c.PHolm, 'g', 2, 64), "-", "−") + ")"
	}
	switch {
	case !c.Significant || c.Diff == 0:
		cv.Class = "ns"
		cv.Title = word + " the reference, not significant after Holm correction" + p
	case better:
		cv.Class = "good"
		cv.Title = word + " the reference, significant after Holm correction" + p
	default:
		cv.Class = "bad"
		cv.Title = word + " the reference, significant after Holm correction" + p
	}
	return cv
}

// num formats x with the verb f, NaN as a dash and with a true minus sign.
func num(f string, x float64) string {
	if math.IsNaN(x) {
		return dash
	}
	s := fmt.Sprintf(f, x)
	if negZero(s) {
		s = s[1:]
	}
	return strings.ReplaceAll(s, "-", "−")
}

// negZero reports whether s is a number that printed as "-0", "-0.000" and
// the like: a tiny negative rounded to zero, which reads better unsigned.
func negZero(s string) bool {
	if len(s) < 2 || s[0] != '-' {
		return false
	}
	digits := false
	for _, r := range s[1:] {
		switch {
		case r == '0':
			digits = true
		case r == '.':
		case r >= '1' && r <= '9':
			return false
		default:
			return digits // a unit or suffix after the zero digits
		}
	}
	return digits
}

// plusFormat adds the '+' flag to the first verb of f, so differences show
// their sign.
func plusFormat(f string) string {
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			continue
		}
		if i+1 < len(f) && f[i+1] == '%' {
			i++
			continue
		}
		j := i + 1
		for j < len(f) && strings.IndexByte("+-# 0", f[j]) >= 0 {
			if f[j] == '+' {
				return f
			}
			j++
		}
		return f[:i+1] + "+" + f[i+1:]
	}
	return f
}

// paragraphs splits text at blank lines.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// relativeLink returns name when it is a relative reference (the PNG beside
// the report) and "" for anything with a scheme or a network path.
func relativeLink(name string) string {
	n := strings.TrimSpace(name)
	if n == "" || strings.HasPrefix(n, "//") || strings.HasPrefix(n, `\\`) {
		return ""
	}
	if i := strings.IndexAny(n, ":/?#"); i >= 0 && n[i] == ':' {
		return ""
	}
	return n
}

// checkSVG refuses chart markup that would make the report load something
// from outside the file: scripts, external href/src, @import, and url()
// other than a local #fragment.
func checkSVG(svg template.HTML) error {
	s := strings.ToLower(string(svg))
	if strings.Contains(s, "<script") {
		return fmt.Errorf("SVG contains a script")
	}
	if strings.Contains(s, "@import") {
		return fmt.Errorf("SVG contains @import")
	}
	for _, attr := range []string{"href=", "src="} {
		for i := 0; ; {
			k := strings.Index(s[i:], attr)
			if k < 0 {
				break
			}
			i += k + len(attr)
			val := strings.TrimLeft(s[i:], " \t\n\"'")
			if !strings.HasPrefix(val, "#") {
				return fmt.Errorf("SVG refers to an external resource (%s%.40s)", attr, val)
			}
		}
	}
	for i := 0; ; {
		k := strings.Index(s[i:], "url(")
		if k < 0 {
			break
		}
		i += k + len("url(")
		val := strings.TrimLeft(s[i:], " \t\n\"'")
		if !strings.HasPrefix(val, "#") {
			return fmt.Errorf("SVG refers to an external resource (url(%.40s)", val)
		}
	}
	return nil
}
