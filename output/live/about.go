package live

import (
	"strings"

	"github.com/govsim/govsim/docs"
)

// The "About this model" panel, NetLogo's Info tab for govsim: sections of
// docs/ODD.md and docs/teaching.md, read from the embedded files, so the
// panel says what the documents say. The ODD protocol fixes the section
// headings; a test checks every section is found.

type aboutSection struct {
	ID   string `json:"id"`
	EN   string `json:"en"` // tab title
	ZH   string `json:"zh"`
	HTML string `json:"html"`
}

// aboutPart names where a section comes from: a document and a heading
// prefix ("" for the text before the first section).
type aboutPart struct {
	id, en, zh string
	doc        func() string
	heading    string
}

func aboutParts() []aboutPart {
	return []aboutPart{
		{"what", "What it is", "这是什么", docs.ODD, ""},
		{"patterns", "Purpose and patterns", "目的与模式", docs.ODD, "## 1 "},
		{"how", "How it works", "运行机制", docs.ODD, "## 3 "},
		{"reforms", "The reforms", "三项改革", docs.ODD, "### 7.1 "},
		{"try", "Things to try", "可以试试", docs.Teaching, "## Things to try"},
		{"lessons", "Lesson plans", "教案", docs.Teaching, "# "},
	}
}

func aboutSections() []aboutSection {
	var out []aboutSection
	for _, p := range aboutParts() {
		md, ok := section(p.doc(), p.heading)
		if !ok {
			md = "(This section is missing from the documentation: " + p.heading + ")"
		}
		out = append(out, aboutSection{ID: p.id, EN: p.en, ZH: p.zh, HTML: markdownHTML(md)})
	}
	return out
}

// section returns the body of the section whose heading line starts with
// heading, up to the next heading of the same or a higher level; "" takes
// the text between the title and the first section or rule. A "# " heading
// takes the whole document after the title.
func section(md, heading string) (string, bool) {
	lines := strings.Split(md, "\n")
	start := -1
	if heading == "" {
		for i, l := range lines {
			if headingLevel(strings.TrimSpace(l)) == 1 {
				start = i + 1
				break
			}
		}
		if start < 0 {
			return "", false
		}
		end := start
		for end < len(lines) {
			t := strings.TrimSpace(lines[end])
			if headingLevel(t) > 0 || t == "---" {
				break
			}
			end++
		}
		return strings.TrimSpace(strings.Join(lines[start:end], "\n")), end > start
	}
	level := headingLevel(strings.TrimSpace(heading + "x"))
	inFence := false
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "```") {
			inFence = !inFence
		}
		if !inFence && strings.HasPrefix(l, heading) {
			start = i + 1
			break
		}
	}
	if start < 0 {
		return "", false
	}
	end := len(lines)
	inFence = false
	for i := start; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if strings.HasPrefix(t, "```") {
			inFence = !inFence
		}
		if n := headingLevel(t); !inFence && n > 0 && n <= level {
			end = i
			break
		}
	}
	body := strings.TrimSpace(strings.Join(lines[start:end], "\n"))
	return body, body != ""
}
