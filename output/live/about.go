package live

import (
	"strings"

	"github.com/govsim/govsim/docs"
)

// The "About this model" panel, NetLogo's Info tab for govsim: sections of
// docs/teaching.md, its Chinese twin docs/teaching.zh.md and docs/ODD.md,
// read from the embedded files, so the panel says what the documents say.
// It opens on the classroom (how to use the page, the lesson plans), then
// the model as a class meets it, and ends with the material for
// researchers and developers, which is in English only. A test checks
// every section is found.

type aboutSection struct {
	ID     string `json:"id"`
	EN     string `json:"en"` // tab title
	ZH     string `json:"zh"`
	HTML   string `json:"html"`
	HTMLZH string `json:"htmlZh,omitempty"` // "": the English, with a note
}

// aboutText is where one language of a section comes from: a document and
// the headings (prefixes) of the sections it joins, each shown under its
// heading; "" is the text before the first section, of which first keeps
// only the first paragraph.
type aboutText struct {
	doc   func() string
	heads []string
	first bool
}

type aboutPart struct {
	id, en, zh   string
	text, zhText aboutText // zhText.doc nil: English only
}

func aboutParts() []aboutPart {
	t, tz := docs.Teaching, docs.TeachingZH
	return []aboutPart{
		{"class", "In class", "课堂", aboutText{doc: t, heads: []string{"## On the page"}}, aboutText{doc: tz, heads: []string{"## 课堂页面"}}},
		{"lessons", "Lesson plans", "教案", aboutText{doc: t, heads: []string{"## Lesson 1", "## Lesson 2", "## Lesson 3"}}, aboutText{doc: tz, heads: []string{"## 教案一", "## 教案二", "## 教案三"}}},
		{"try", "Things to try", "可以试试", aboutText{doc: t, heads: []string{"## Things to try"}}, aboutText{doc: tz, heads: []string{"## 可以试试"}}},
		{"what", "What it is", "这个模型是什么", aboutText{doc: docs.ODD, heads: []string{""}, first: true}, aboutText{doc: tz, heads: []string{"## 这个模型是什么"}}},
		{"how", "How a month runs", "一个月里发生什么", aboutText{doc: docs.ODD, heads: []string{"## 3 "}}, aboutText{doc: tz, heads: []string{"## 一个月里发生什么"}}},
		{"reforms", "The reforms", "三项改革", aboutText{doc: docs.ODD, heads: []string{"### 7.1 "}}, aboutText{doc: tz, heads: []string{"## 三项改革"}}},
		{"limits", "What the model does not say", "模型不能说明什么", aboutText{doc: t, heads: []string{"## What the model does not say"}}, aboutText{doc: tz, heads: []string{"## 模型不能说明什么"}}},
		{"patterns", "Purpose and patterns", "目的与模式（英文）", aboutText{doc: docs.ODD, heads: []string{"## 1 "}}, aboutText{}},
		{"developers", "For developers", "开发者说明（英文）", aboutText{doc: docs.ODD, heads: []string{""}}, aboutText{}},
	}
}

func aboutSections() []aboutSection {
	var out []aboutSection
	for _, p := range aboutParts() {
		s := aboutSection{ID: p.id, EN: p.en, ZH: p.zh, HTML: markdownHTML(p.text.markdown())}
		if p.zhText.doc != nil {
			s.HTMLZH = markdownHTML(p.zhText.markdown())
		}
		out = append(out, s)
	}
	return out
}

// markdown joins the sections, each under its heading (but the first, which
// the tab names).
func (a aboutText) markdown() string {
	var parts []string
	for i, h := range a.heads {
		md, ok := section(a.doc(), h)
		if !ok {
			md = "(This section is missing from the documentation: " + h + ")"
		}
		if a.first {
			md, _, _ = strings.Cut(md, "\n\n")
		}
		if i > 0 || len(a.heads) > 1 {
			md = headingLine(a.doc(), h) + "\n\n" + md
		}
		parts = append(parts, md)
	}
	return strings.Join(parts, "\n\n")
}

// headingLine is the whole heading line that starts with prefix.
func headingLine(md, prefix string) string {
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return prefix
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
