package report

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
)

// Data is everything the report shows.
type Data struct {
	Title      string   // e.g. "Reform packages compared"
	Question   string   // the question the report answers (a paragraph; blank lines separate paragraphs)
	Generated  string   // timestamp text
	Version    string   // govsim version
	Commands   []string // command lines that remake the report, in order, ready to paste
	Build      string   // the govsim that made the data, when it is not Version
	Manifest   string   // manifest.json text, shown in a <details> block
	Reference  string   // reference scenario name
	Window     string   // e.g. "final 5 years (months 180–239)"
	Replicates string   // e.g. "10 per scenario" or the adaptive stop reason
	// What was simulated, said at the top: the district (units, the
	// people an agent stands for, against the reference district), its
	// residents at the start and the end, and the seeds.
	District, Residents, Seeds string
	// Kicker names the kind of report above the title ("scenario
	// comparison" when empty).
	Kicker string
	// Warnings are shown at the top, before anything else is read.
	Warnings  []string
	Scenarios []Scenario
	Columns   []Column    // headline metrics of the ranked table, in order
	Ranked    []RankedRow // best first
	// Composite defines the index the table is ranked by, stated under it.
	Composite     []CompositePart
	CompositeNote string
	Sections      []Section // groups of charts
	Patterns      []Pattern
	// Explore links the exploratory design whose shares the pattern
	// section states, when there is one (Comparison.Explore).
	Explore *Link
	Notes   []string // free text shown at the end
}

// Link is a link to a file beside the report, with its text.
type Link struct{ Text, Href string }

// Scenario describes one compared scenario. Settings are the parameters
// that differ from the defaults and the reform schedule.
type Scenario struct {
	Name, Label, Description string
	Settings                 []Setting
}

// Setting is one key and its value, both shown as given.
type Setting struct{ Key, Value string }

// Column is one headline metric of the ranked table.
type Column struct {
	Metric, Label, Unit string
	HigherIsBetter      bool
	Format              string // fmt verb like "%.3f"; "%.3g" when empty
}

// RankedRow is one scenario's row of the ranked table; Cells follow Columns.
type RankedRow struct {
	Rank              int
	Scenario, Label   string
	Cells             []Cell
	CostEffectiveness string // preformatted in composite per 100 M yuan/year, e.g. "+0.012", or "—"
}

// Cell is one metric of one scenario: the mean with the half-width of its
// interval, and the difference from the reference with its interval (NaN
// for the reference itself) and the Holm-adjusted p-value.
type Cell struct {
	Mean, Half              float64
	Diff, DiffLow, DiffHigh float64 // NaN for the reference
	PHolm                   float64
	Significant             bool
}

// Section is a group of charts under one heading.
type Section struct {
	Title, Intro string
	Charts       []Chart
}

// Chart is one inline SVG chart. SVG is inserted unescaped; PNG is the
// relative file name of a PNG version, linked when given.
type Chart struct {
	Title, Caption string
	SVG            template.HTML
	PNG            string
}

// Pattern is the result of checking one expected pattern.
type Pattern struct {
	ID, Claim string
	Held      bool
	Evidence  string // e.g. "diff −0.114 [−0.119, −0.108]"
	Skipped   string // non-empty: why it could not be checked
	// Robustness says how widely the pattern holds away from the defaults,
	// as the model's robustness analysis measured it: in words, and as the
	// points of its design where the pattern held, with the comparisons
	// that held at fewer than half of them. A pattern that holds here but
	// at fewer than half the points is marked as holding here only.
	Robustness               string
	RobustHeld, RobustPoints int
	RobustWeak               []string
}

// Write renders the report to w. Nothing is written when the data are
// inconsistent (a ranked row whose cells do not match the columns) or a
// chart's SVG refers to an external resource.
func Write(w io.Writer, d Data) error {
	v, err := buildView(d)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	t, err := newTemplate()
	if err != nil {
		return fmt.Errorf("report: template: %w", err)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, v); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// WriteFile renders the report to path through a temporary file in the same
// directory that is renamed into place, so an existing report is replaced
// whole or left as it was.
func WriteFile(path string, d Data) error {
	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	tmp := f.Name()
	_, werr := f.Write(buf.Bytes())
	merr := f.Chmod(0o644)
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, merr, serr, cerr); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("report: %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("report: %s: %w", path, err)
	}
	return nil
}
