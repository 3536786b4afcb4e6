package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"html/template"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/govsim/govsim/sim/testkit"
)

var update = flag.Bool("update", false, "rewrite testdata/report.golden.html")

// node is a minimal element tree parsed with encoding/xml: the report is
// kept well-formed so the whole document can be checked this way.
type node struct {
	name     string
	attr     map[string]string
	children []*node
	text     strings.Builder // all descendant text, in order
}

func parse(t *testing.T, doc []byte) *node {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(doc))
	dec.Strict = true
	root := &node{name: "#document"}
	stack := []*node{root}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("report is not well-formed: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{name: tok.Name.Local, attr: map[string]string{}}
			for _, a := range tok.Attr {
				n.attr[a.Name.Local] = a.Value
			}
			top := stack[len(stack)-1]
			top.children = append(top.children, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			for _, n := range stack {
				n.text.Write(tok)
			}
		}
	}
	if len(stack) != 1 {
		t.Fatalf("unclosed elements: %d", len(stack)-1)
	}
	return root
}

// find returns the elements (depth first) for which ok is true.
func (n *node) find(ok func(*node) bool) []*node {
	var out []*node
	var walk func(*node)
	walk = func(n *node) {
		if ok(n) {
			out = append(out, n)
		}
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(n)
	return out
}

func hasClass(n *node, class string) bool {
	for _, c := range strings.Fields(n.attr["class"]) {
		if c == class {
			return true
		}
	}
	return false
}

func render(t *testing.T, d Data) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSampleRenders(t *testing.T) {
	d := sampleData()
	out := render(t, d)
	s := string(out)
	doc := parse(t, out)

	// Self-contained: nothing that would load a resource.
	for _, bad := range []string{`src="http`, `href="http`, `<link`, `@import`, `url(`, `<script`, `<img`, `<iframe`} {
		if strings.Contains(s, bad) {
			t.Errorf("report contains %q", bad)
		}
	}
	for _, n := range doc.find(func(*node) bool { return true }) {
		for k, v := range n.attr {
			if (k == "href" || k == "src") && (strings.Contains(v, "://") || strings.HasPrefix(v, "//")) {
				t.Errorf("<%s %s=%q> refers outside the file", n.name, k, v)
			}
		}
	}

	// Encoding and CJK fonts.
	if !strings.Contains(s, `<meta charset="utf-8"`) {
		t.Error("no <meta charset=\"utf-8\">")
	}
	for _, f := range []string{`"Noto Sans CJK SC"`, `"PingFang SC"`, `"Microsoft YaHei"`, `sans-serif`} {
		if !strings.Contains(s, f) {
			t.Errorf("font stack lacks %s", f)
		}
	}

	titles := doc.find(func(n *node) bool { return n.name == "title" || n.name == "h1" })
	if len(titles) != 2 || titles[0].text.String() != d.Title || titles[1].text.String() != d.Title {
		t.Errorf("title and h1 should both be %q", d.Title)
	}

	// Every scenario has a card with its label and description.
	cards := doc.find(func(n *node) bool { return hasClass(n, "card") })
	if len(cards) != len(d.Scenarios) {
		t.Fatalf("%d scenario cards, want %d", len(cards), len(d.Scenarios))
	}
	for i, sc := range d.Scenarios {
		txt := cards[i].text.String()
		for _, want := range []string{sc.Label, sc.Name, sc.Description} {
			if !strings.Contains(txt, want) {
				t.Errorf("card %d lacks %q", i, want)
			}
		}
		for _, st := range sc.Settings {
			if !strings.Contains(txt, st.Key) || !strings.Contains(txt, st.Value) {
				t.Errorf("card %d lacks setting %s = %s", i, st.Key, st.Value)
			}
		}
		if ref := hasClass(cards[i], "ref"); ref != (sc.Name == d.Reference) {
			t.Errorf("card %d (%s): reference marked %v", i, sc.Name, ref)
		}
	}

	// The ranked tables: tiers of at most maxTierColumns metric columns,
	// each repeating rank and scenario; together the headline columns in
	// order; cost-effectiveness in the last.
	tables := doc.find(func(n *node) bool { return n.name == "table" && hasClass(n, "ranked") })
	if want := (len(d.Columns) + maxTierColumns - 1) / maxTierColumns; len(tables) != want {
		t.Fatalf("%d ranked tables, want %d", len(tables), want)
	}
	type cellAt struct {
		td  *node
		col int
	}
	cells := make([][]cellAt, len(d.Ranked)) // by row, every metric cell across the tables
	col := 0
	for k, tb := range tables {
		last := k == len(tables)-1
		heads := tb.find(func(n *node) bool { return n.name == "th" && n.attr["scope"] == "col" })
		metricCols := len(heads) - 2
		if last {
			metricCols--
			if !strings.Contains(heads[len(heads)-1].text.String(), "cost-effectiveness") {
				t.Errorf("last table's last column %q", heads[len(heads)-1].text.String())
			}
		}
		if metricCols < 1 || metricCols > maxTierColumns {
			t.Fatalf("table %d has %d metric columns", k, metricCols)
		}
		for i := 0; i < metricCols; i++ {
			c := d.Columns[col+i]
			h := heads[i+2].text.String()
			if !strings.Contains(h, c.Label) || !strings.Contains(h, c.Unit) {
				t.Errorf("column %d header %q lacks label or unit", col+i, h)
			}
			want := "lower is better"
			if c.HigherIsBetter {
				want = "higher is better"
			}
			if !strings.Contains(h, want) {
				t.Errorf("column %d header %q lacks %q", col+i, h, want)
			}
		}
		rows := tb.find(func(n *node) bool { return n.name == "tr" })[1:]
		if len(rows) != len(d.Ranked) {
			t.Fatalf("table %d: %d ranked rows, want %d", k, len(rows), len(d.Ranked))
		}
		for i, r := range d.Ranked {
			tr := rows[i]
			want := metricCols + 2
			if last {
				want++
			}
			if len(tr.children) != want {
				t.Fatalf("table %d row %d has %d cells, want %d", k, i, len(tr.children), want)
			}
			if got := strings.TrimSpace(tr.children[0].text.String()); got != strconv.Itoa(r.Rank) {
				t.Errorf("row %d rank %q, want %d", i, got, r.Rank)
			}
			if got := tr.children[1].text.String(); got != r.Label+r.Scenario {
				t.Errorf("row %d scenario %q, want %q", i, got, r.Label+r.Scenario)
			}
			if last {
				if got := tr.children[len(tr.children)-1].text.String(); got != r.CostEffectiveness {
					t.Errorf("row %d cost-effectiveness %q, want %q", i, got, r.CostEffectiveness)
				}
			}
			if hasClass(tr, "ref") != (r.Scenario == d.Reference) {
				t.Errorf("row %d reference class wrong", i)
			}
			for j := 0; j < metricCols; j++ {
				cells[i] = append(cells[i], cellAt{tr.children[j+2], col + j})
			}
		}
		col += metricCols
	}
	if col != len(d.Columns) {
		t.Fatalf("the tables hold %d metric columns, want %d", col, len(d.Columns))
	}
	for i, r := range d.Ranked {
		isRef := r.Scenario == d.Reference
		for _, at := range cells[i] {
			j, td, c := at.col, at.td, r.Cells[at.col]
			f := d.Columns[j].Format
			mean := td.find(func(n *node) bool { return hasClass(n, "mean") })[0].text.String()
			if want := num(f, c.Mean) + " ± " + num(f, c.Half); mean != want {
				t.Errorf("row %d col %d: %q, want %q", i, j, mean, want)
			}
			diff := td.find(func(n *node) bool { return hasClass(n, "diff") })[0]
			if isRef {
				if diff.text.String() != "reference" {
					t.Errorf("reference row col %d: %q", j, diff.text.String())
				}
				continue
			}
			wantClass := "ns"
			if c.Significant {
				wantClass = "bad"
				if (c.Diff > 0) == d.Columns[j].HigherIsBetter {
					wantClass = "good"
				}
			}
			if !hasClass(diff, wantClass) {
				t.Errorf("row %d col %d: diff class %q, want %q", i, j, diff.attr["class"], wantClass)
			}
			marker := "▼"
			if c.Diff > 0 {
				marker = "▲"
			}
			if want := marker + " " + num(plusFormat(f), c.Diff); diff.text.String() != want {
				t.Errorf("row %d col %d: diff %q, want %q", i, j, diff.text.String(), want)
			}
		}
	}
	// The composite index's definition under the tables.
	comp := doc.find(func(n *node) bool { return n.name == "table" && hasClass(n, "composite") })
	if len(comp) != 1 || len(comp[0].find(func(n *node) bool { return n.name == "tr" })) != len(d.Composite)+1 {
		t.Fatal("composite definition missing")
	}
	// The one-line ranking above the table, in order.
	order := doc.find(func(n *node) bool { return n.name == "ol" && hasClass(n, "order") })
	if len(order) != 1 || len(order[0].children) != len(d.Ranked) {
		t.Fatal("no one-line ranking")
	}
	for i, r := range d.Ranked {
		if got := order[0].children[i].text.String(); got != strconv.Itoa(r.Rank)+r.Label {
			t.Errorf("ranking item %d is %q", i, got)
		}
	}

	// Charts: sections in order, each chart with title, SVG, caption.
	secs := doc.find(func(n *node) bool { return n.name == "section" && hasClass(n, "charts") })
	if len(secs) != len(d.Sections) {
		t.Fatalf("%d chart sections, want %d", len(secs), len(d.Sections))
	}
	for i, sec := range d.Sections {
		figs := secs[i].find(func(n *node) bool { return n.name == "figure" })
		if len(figs) != len(sec.Charts) {
			t.Fatalf("section %d: %d figures, want %d", i, len(figs), len(sec.Charts))
		}
		for j, c := range sec.Charts {
			if len(figs[j].find(func(n *node) bool { return n.name == "svg" })) != 1 {
				t.Errorf("section %d chart %d has no inline svg", i, j)
			}
			caps := figs[j].find(func(n *node) bool { return n.name == "figcaption" })
			if len(caps) != 1 || !strings.HasPrefix(caps[0].text.String(), c.Caption) {
				t.Errorf("section %d chart %d: caption missing", i, j)
			}
			links := caps[0].find(func(n *node) bool { return n.name == "a" })
			if (c.PNG != "") != (len(links) == 1) || (c.PNG != "" && links[0].attr["href"] != c.PNG) {
				t.Errorf("section %d chart %d: PNG link wrong", i, j)
			}
		}
	}
	// Charts come before the pattern table, the ranked table before charts.
	iRanked, iCharts, iPatterns := strings.Index(s, `id="ranked"`), strings.Index(s, `id="section-1"`), strings.Index(s, `id="patterns"`)
	if !(iRanked < iCharts && iCharts < iPatterns) {
		t.Error("sections out of order")
	}

	// Patterns: every id, with the right status.
	prow := doc.find(func(n *node) bool { return n.name == "table" && hasClass(n, "patterns") })[0].
		find(func(n *node) bool { return n.name == "tr" })[1:]
	if len(prow) != len(d.Patterns) {
		t.Fatalf("%d pattern rows, want %d", len(prow), len(d.Patterns))
	}
	for i, p := range d.Patterns {
		cells := prow[i].children
		if cells[0].text.String() != p.ID || cells[1].text.String() != p.Claim {
			t.Errorf("pattern row %d: %q %q", i, cells[0].text.String(), cells[1].text.String())
		}
		status, evidence := "✗ not held", p.Evidence
		switch {
		case p.Skipped != "":
			status, evidence = "– skipped", p.Skipped
		case p.Held && 2*p.RobustHeld < p.RobustPoints:
			// Holds here but at fewer than half the points of the
			// plausible space: marked so, and said in words.
			status = "◐ held here only"
			if r := cells[4].text.String(); !strings.HasPrefix(r, "Holds at these settings but not across most of the plausible parameter space: held at 5 of 20 points") || !strings.Contains(r, "the comparison that fails: zhengshe satisfaction_gap held at 5") {
				t.Errorf("pattern %s: robustness %q", p.ID, r)
			}
		case p.Held:
			status = "✓ held"
		}
		if cells[2].text.String() != status || cells[3].text.String() != evidence {
			t.Errorf("pattern %s: %q / %q, want %q / %q", p.ID, cells[2].text.String(), cells[3].text.String(), status, evidence)
		}
	}
	if !strings.Contains(s, "7 of 8 checked patterns held (1 of them here only: ◐ marks a pattern that fails at most points of the plausible parameter space); 1 could not be checked.") {
		t.Error("pattern summary missing")
	}
	// What was simulated, at the top.
	for _, want := range []string{"<dt>District</dt><dd>60 units at 1 agent = 20 people, 21% of the 282 units", "<dt>Residents</dt>", "<dt>Seeds</dt><dd>seed 1, replicates 0–9"} {
		if !strings.Contains(s, want) {
			t.Errorf("the top of the report lacks %q", want)
		}
	}

	// Reproduce: the command in a <pre>, the manifest in <details>.
	pres := doc.find(func(n *node) bool { return n.name == "pre" && hasClass(n, "cmd") })
	if len(pres) != 1 || pres[0].text.String() != strings.Join(d.Commands, "\n")+"\n" {
		t.Error("command not shown in <pre>")
	}
	det := doc.find(func(n *node) bool { return n.name == "details" })
	if len(det) != 1 || !strings.Contains(det[0].text.String(), d.Manifest) {
		t.Error("manifest not shown in <details>")
	}
	notes := doc.find(func(n *node) bool { return n.name == "ul" && hasClass(n, "notes") })
	if len(notes) != 1 || len(notes[0].children) != len(d.Notes) {
		t.Error("notes missing")
	}
}

func TestEscaping(t *testing.T) {
	const evil = `<script>alert(1)</script>`
	d := sampleData()
	d.Title = evil
	d.Question = evil
	d.Scenarios[1].Description = evil
	d.Scenarios[1].Label = evil
	d.Scenarios[1].Settings = append(d.Scenarios[1].Settings, Setting{evil, evil})
	d.Ranked[4].Label = evil
	d.Ranked[4].CostEffectiveness = evil
	d.Patterns[0].Claim = evil
	d.Patterns[0].Evidence = evil
	d.Sections[0].Charts[0].Caption = evil
	d.Sections[0].Charts[0].PNG = `javascript:alert(1)`
	d.Sections[0].Charts[1].PNG = `" onclick="alert(1)`
	d.Manifest = evil
	d.Commands = []string{evil}
	d.Notes = []string{evil}
	out := render(t, d)
	s := string(out)
	if strings.Contains(s, "<script") || strings.Contains(s, "javascript:") || strings.Contains(s, `" onclick=`) {
		t.Fatal("markup from the data reached the report unescaped")
	}
	if n := strings.Count(s, "&lt;script&gt;alert(1)&lt;/script&gt;"); n < 10 {
		t.Errorf("escaped text appears %d times, want at least 10", n)
	}
	parse(t, out) // still well-formed
}

func TestDeterministic(t *testing.T) {
	a := render(t, sampleData())
	b := render(t, sampleData())
	if !bytes.Equal(a, b) {
		t.Fatal("two renderings of the same data differ")
	}
}

func TestGolden(t *testing.T) {
	testkit.Golden(t, filepath.Join("testdata", "report.golden.html"), render(t, sampleData()), *update)
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.html")
	if err := os.WriteFile(path, []byte("old report"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, sampleData()); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, render(t, sampleData())) {
		t.Error("WriteFile content differs from Write")
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode().Perm())
	}
	onlyReport(t, dir)

	// A failing render leaves the existing file alone and no temp file.
	bad := sampleData()
	bad.Ranked[0].Cells = bad.Ranked[0].Cells[:3]
	if err := WriteFile(path, bad); err == nil {
		t.Fatal("inconsistent data accepted")
	}
	if again, _ := os.ReadFile(path); !bytes.Equal(again, got) {
		t.Error("failed WriteFile changed the existing report")
	}
	onlyReport(t, dir)

	// A missing directory is an error, not a panic.
	if err := WriteFile(filepath.Join(dir, "missing", "report.html"), sampleData()); err == nil {
		t.Error("WriteFile into a missing directory succeeded")
	}
}

func onlyReport(t *testing.T, dir string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 1 || ents[0].Name() != "report.html" {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %v, want only report.html", names)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteErrors(t *testing.T) {
	if err := Write(failWriter{}, sampleData()); err == nil {
		t.Error("writer error not returned")
	}
	var buf bytes.Buffer
	bad := sampleData()
	bad.Ranked[2].Cells = append(bad.Ranked[2].Cells, Cell{})
	if err := Write(&buf, bad); err == nil || buf.Len() != 0 {
		t.Errorf("mismatched cells: err %v, %d bytes written", err, buf.Len())
	}
	for _, svg := range []string{
		`<svg><image href="http://example.com/x.png"/></svg>`,
		`<svg><image xlink:href='https://example.com/x.png'/></svg>`,
		`<svg><style>@import "x.css";</style></svg>`,
		`<svg><rect fill="url(http://example.com/p.svg#g)"/></svg>`,
		`<svg><script>alert(1)</script></svg>`,
	} {
		d := sampleData()
		d.Sections[0].Charts[0].SVG = template.HTML(svg)
		if err := Write(io.Discard, d); err == nil {
			t.Errorf("external SVG accepted: %s", svg)
		}
	}
	d := sampleData()
	d.Sections[0].Charts[0].SVG = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs><linearGradient id="g"/></defs><rect fill="url(#g)"/><use href="#g"/></svg>`
	if err := Write(io.Discard, d); err != nil {
		t.Errorf("local SVG references refused: %v", err)
	}
}

func TestCell(t *testing.T) {
	nan := math.NaN()
	up := Column{HigherIsBetter: true, Format: "%.2f"}
	down := Column{HigherIsBetter: false, Format: "%.2f"}
	for _, tc := range []struct {
		name                     string
		col                      Column
		c                        Cell
		ref                      bool
		value, class, mark, diff string
		interval                 string
	}{
		{"better higher", up, Cell{1, 0.1, 0.5, 0.2, 0.8, 0.001, true}, false, "1.00 ± 0.10", "good", "▲", "+0.50", "[+0.20, +0.80]"},
		{"worse higher", down, Cell{1, 0.1, 0.5, 0.2, 0.8, 0.001, true}, false, "1.00 ± 0.10", "bad", "▲", "+0.50", "[+0.20, +0.80]"},
		{"better lower", down, Cell{-1, 0.1, -0.5, -0.8, -0.2, 0.001, true}, false, "−1.00 ± 0.10", "good", "▼", "−0.50", "[−0.80, −0.20]"},
		{"not significant", up, Cell{1, 0.1, -0.5, -0.9, 0.1, 0.3, false}, false, "1.00 ± 0.10", "ns", "▼", "−0.50", "[−0.90, +0.10]"},
		{"zero", up, Cell{1, 0.1, 0, -0.1, 0.1, 1, true}, false, "1.00 ± 0.10", "ns", "=", "+0.00", "[−0.10, +0.10]"},
		{"negative zero", up, Cell{1, 0.1, -0.001, -0.1, 0.1, 1, false}, false, "1.00 ± 0.10", "ns", "▼", "0.00", "[−0.10, +0.10]"},
		{"NaN mean", up, Cell{nan, nan, 0.5, nan, nan, nan, false}, false, "—", "ns", "▲", "+0.50", "[—, —]"},
		{"NaN half", up, Cell{2, nan, 0.5, 0.1, 0.9, 0.01, true}, false, "2.00", "good", "▲", "+0.50", "[+0.10, +0.90]"},
		{"default format", Column{HigherIsBetter: true}, Cell{1234.5, 12, 5, 1, 9, 0.01, true}, false, "1.23e+03 ± 12", "good", "▲", "+5", "[+1, +9]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := cell(tc.col, tc.c, tc.ref)
			if got.Value != tc.value || got.Class != tc.class || got.Marker != tc.mark || got.Diff != tc.diff || got.Interval != tc.interval {
				t.Errorf("got %+v", got)
			}
		})
	}
	if got := cell(up, Cell{1, 0.1, nan, nan, nan, nan, false}, true); !got.Ref || got.Value != "1.00 ± 0.10" {
		t.Errorf("reference cell: %+v", got)
	}
	if got := cell(up, Cell{1, 0.1, nan, nan, nan, nan, false}, false); got.Ref || got.Diff != "—" {
		t.Errorf("missing difference on a non-reference row: %+v", got)
	}
}

func TestFormatHelpers(t *testing.T) {
	for f, want := range map[string]string{
		"%.3f": "%+.3f", "%+.3f": "%+.3f", "%5.1f%%": "%+5.1f%%", "%% %.2g": "%% %+.2g", "%-8.2f": "%+-8.2f", "x": "x",
	} {
		if got := plusFormat(f); got != want {
			t.Errorf("plusFormat(%q) = %q, want %q", f, got, want)
		}
	}
	for _, tc := range []struct {
		f    string
		x    float64
		want string
	}{
		{"%.3f", -0.1234, "−0.123"}, {"%.1f", -0.01, "0.0"}, {"%.1f%%", -0.01, "0.0%"}, {"%.0f", math.NaN(), "—"}, {"%+.2f", 0.5, "+0.50"},
	} {
		if got := num(tc.f, tc.x); got != tc.want {
			t.Errorf("num(%q, %v) = %q, want %q", tc.f, tc.x, got, tc.want)
		}
	}
	if got := paragraphs("a\nb\n\n\n c \r\n\r\n"); len(got) != 2 || got[0] != "a\nb" || got[1] != "c" {
		t.Errorf("paragraphs: %q", got)
	}
	for in, want := range map[string]string{"trust.png": "trust.png", "png/a b.png": "png/a b.png", "http://x/y.png": "", "//x/y.png": "", "javascript:alert(1)": "", "": ""} {
		if got := relativeLink(in); got != want {
			t.Errorf("relativeLink(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEmptyData(t *testing.T) {
	out := render(t, Data{})
	doc := parse(t, out)
	if got := doc.find(func(n *node) bool { return n.name == "title" })[0].text.String(); got != "govsim report" {
		t.Errorf("default title %q", got)
	}
	if strings.Contains(string(out), `id="ranked"`) || strings.Contains(string(out), `id="patterns"`) {
		t.Error("empty sections rendered")
	}
}
