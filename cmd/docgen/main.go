// Command docgen writes the generated parts of the documentation, each
// between its markers. Into docs/ODD.md: the parameter table and the
// assumptions table (from the tags of sim.Config), the metric list (from
// sim's metric table), and the measured results — calibration targets
// against the model, the pattern checks at the defaults and their
// robustness — which the model's tests write into analysis/*_gen.go, and
// the committed results of govsim calibrate in docs/calibration. Into
// docs/teaching.md and README.md: what the lesson plans quote, written by
// following each plan's steps on the classroom (output/live/lesson, on the
// backend `govsim serve` uses), so every number and ticker line is the
// page's. With -check it writes nothing and fails when a file is stale,
// which is how `make docs-check` keeps the docs from drifting.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/govsim/govsim/analysis"
	"github.com/govsim/govsim/cmd/internal/classroom"
	"github.com/govsim/govsim/output/live/lesson"
	"github.com/govsim/govsim/output/report"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/table"
)

// section is one generated part of the document.
type section struct {
	name, from string
	text       func() string
}

// oddSections are the generated parts of docs/ODD.md.
func oddSections() []section {
	return []section{
		{"PARAMS", "sim/config.go", sim.ParamTable},
		{"ASSUMPTIONS", "the class, src and plaus tags of sim/config.go", sim.AssumptionTable},
		{"METRICS", "sim/metrictable.go", sim.MetricTable},
		{"CALIBRATION", "analysis/calibration_gen.go (go test ./sim -run TestPatterns -update)", analysis.CalibrationTable},
		{"PATTERNS", "analysis/calibration_gen.go and analysis/robustness_gen.go", analysis.PatternTable},
		{"ROBUSTNESS", "analysis/robustness_gen.go (go test ./sim -run TestPatternsRobust -update)", analysis.RobustnessTable},
		{"CALIBRATION-ABC", "docs/calibration/*.csv (make calibration-example)", must(func() (string, error) { return report.CalibrationMarkdown("docs/calibration") })},
		{"SELFCHECK", "docs/calibration/selfcheck.csv (make calibrate-check)", must(func() (string, error) { return report.SelfCheckMarkdown("docs/calibration/selfcheck.csv") })},
		{"VERSIONS", "analysis/version2.go (as measured on version 2), analysis/robustness_gen.go and analysis/version_gen.go (go test ./sim -run 'TestPatternsRobust|TestVersionComparison' -update)", analysis.VersionTable},
	}
}

// lessonSections follows every lesson plan on the classroom and returns
// the blocks each writes, by document. A plan whose point a class could
// not see (an effect below what it declares visible) is written all the
// same, so that the text says what the page shows; TestLessonsShowTheirPoint
// fails on it.
func lessonSections() (map[string][]section, error) {
	out := map[string][]section{}
	for _, p := range lesson.Plans() {
		r, err := lesson.Follow(classroom.Backend{}, classroom.Options(), p)
		if err != nil {
			return nil, err
		}
		from := fmt.Sprintf("output/live/lesson (followed on the classroom, seed %d)", p.Seed)
		for doc, blocks := range map[string]map[string]string{p.Doc: r.Blocks, p.DocZH: r.BlocksZH} {
			if doc == "" {
				continue
			}
			var names []string
			for name := range blocks {
				names = append(names, name)
			}
			slices.Sort(names)
			for _, name := range names {
				text := strings.TrimSuffix(blocks[name], "\n") // splice ends it
				out[doc] = append(out[doc], section{name, from, func() string { return text }})
			}
		}
	}
	return out, nil
}

func main() {
	check := flag.Bool("check", false, "fail if a file is stale instead of writing it")
	root := flag.String("root", ".", "the repository, with docs/ODD.md, docs/teaching.md and README.md")
	flag.Parse()
	if err := run(*root, *check); err != nil {
		fmt.Fprintln(os.Stderr, "docgen:", err)
		os.Exit(1)
	}
}

// run writes (or checks) every document with generated parts.
func run(root string, check bool) error {
	docs, err := lessonSections()
	if err != nil {
		return err
	}
	docs["docs/ODD.md"] = append(oddSections(), docs["docs/ODD.md"]...)
	var paths []string
	for p := range docs {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	var stale []string
	for _, p := range paths {
		changed, err := write(filepath.Join(root, filepath.FromSlash(p)), docs[p], check)
		if err != nil {
			return err
		}
		if changed {
			stale = append(stale, p)
		}
	}
	if check && len(stale) > 0 {
		return fmt.Errorf("%v: generated parts differ from the code, the measured results and the lessons followed on the classroom; run `make docs`", stale)
	}
	return nil
}

// write splices the sections into the file at path; with check it only
// reports whether that would change the file.
func write(path string, sections []section, check bool) (bool, error) {
	old, err := os.ReadFile(path)
	if err != nil {
		return false, err
	}
	updated := old
	for _, s := range sections {
		updated, err = splice(updated, s)
		if err != nil {
			return false, fmt.Errorf("%s: %w", path, err)
		}
	}
	if bytes.Equal(old, updated) {
		return false, nil
	}
	if check {
		return true, nil
	}
	return true, table.WriteFileAtomic(path, updated)
}

// must turns a section made from files into a text, or stops docgen
// naming what could not be read.
func must(text func() (string, error)) func() string {
	return func() string {
		s, err := text()
		if err != nil {
			fmt.Fprintln(os.Stderr, "docgen:", err)
			os.Exit(1)
		}
		return s
	}
}

// splice replaces the text between a section's markers.
func splice(doc []byte, s section) ([]byte, error) {
	begin := fmt.Sprintf("<!-- BEGIN %s: generated by `make docs` from %s; do not edit -->\n", s.name, s.from)
	end := fmt.Sprintf("<!-- END %s -->", s.name)
	i := bytes.Index(doc, []byte(begin))
	j := bytes.Index(doc, []byte(end))
	if i < 0 || j < i {
		return nil, fmt.Errorf("no %s markers (%q … %q)", s.name, begin, end)
	}
	var b bytes.Buffer
	b.Write(doc[:i+len(begin)])
	b.WriteString(s.text())
	b.WriteString("\n")
	b.Write(doc[j:])
	return b.Bytes(), nil
}
