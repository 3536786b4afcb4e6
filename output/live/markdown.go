package live

import (
	"html"
	"regexp"
	"strings"
)

// markdownHTML renders the Markdown the project's docs use — headings,
// paragraphs, lists, tables, code blocks, quotes, rules; code spans, bold,
// italics and links inline — as HTML. Every piece of text is escaped, so
// the output is safe to insert into the page whatever the docs say. It is
// not a general Markdown renderer: what it does not know it shows as text.
func markdownHTML(md string) string {
	var b strings.Builder
	lines := strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n")
	for i := 0; i < len(lines); {
		line := lines[i]
		t := strings.TrimSpace(line)
		switch {
		case t == "":
			i++
		case strings.HasPrefix(t, "```"):
			j := i + 1
			for j < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[j]), "```") {
				j++
			}
			b.WriteString("<pre><code>" + html.EscapeString(strings.Join(lines[i+1:min(j, len(lines))], "\n")) + "</code></pre>\n")
			i = j + 1
		case t == "---" || t == "***":
			b.WriteString("<hr>\n")
			i++
		case strings.HasPrefix(t, "<!--"):
			for i < len(lines) && !strings.Contains(lines[i], "-->") {
				i++
			}
			i++
		case headingLevel(t) > 0:
			n := headingLevel(t)
			tag := "h" + string(rune('0'+min(n+1, 6))) // the panel has its own title: # is h2
			b.WriteString("<" + tag + ">" + inline(strings.TrimSpace(t[n:])) + "</" + tag + ">\n")
			i++
		case strings.HasPrefix(t, "|"):
			j := i
			for j < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[j]), "|") {
				j++
			}
			b.WriteString(table(lines[i:j]))
			i = j
		case listItem(t) != "":
			i = list(&b, lines, i)
		case strings.HasPrefix(t, ">"):
			var q []string
			for i < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i]), ">") {
				q = append(q, strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(lines[i]), ">"), " "))
				i++
			}
			b.WriteString("<blockquote>" + markdownHTML(strings.Join(q, "\n")) + "</blockquote>\n")
		default:
			var p []string
			for i < len(lines) {
				u := strings.TrimSpace(lines[i])
				if u == "" || headingLevel(u) > 0 || strings.HasPrefix(u, "|") || strings.HasPrefix(u, "```") || listItem(u) != "" || u == "---" {
					break
				}
				p = append(p, u)
				i++
			}
			b.WriteString("<p>" + inline(strings.Join(p, " ")) + "</p>\n")
		}
	}
	return b.String()
}

func headingLevel(t string) int {
	n := 0
	for n < len(t) && n < 6 && t[n] == '#' {
		n++
	}
	if n == 0 || n >= len(t) || t[n] != ' ' {
		return 0
	}
	return n
}

var (
	bulletRE  = regexp.MustCompile(`^[-*+] `)
	orderedRE = regexp.MustCompile(`^\d{1,3}[.)] `)
)

// listItem says which kind of list a line starts ("ul", "ol" or "").
func listItem(t string) string {
	switch {
	case bulletRE.MatchString(t):
		return "ul"
	case orderedRE.MatchString(t):
		return "ol"
	}
	return ""
}

// list renders the list starting at lines[i]; continuation lines are the
// indented ones that follow an item. It returns the line after the list.
func list(b *strings.Builder, lines []string, i int) int {
	kind := listItem(strings.TrimSpace(lines[i]))
	b.WriteString("<" + kind + ">\n")
	for i < len(lines) {
		t := strings.TrimSpace(lines[i])
		if listItem(t) != kind {
			break
		}
		item := []string{bulletRE.ReplaceAllString(orderedRE.ReplaceAllString(t, ""), "")}
		i++
		for i < len(lines) {
			raw := lines[i]
			u := strings.TrimSpace(raw)
			if u == "" || !strings.HasPrefix(raw, " ") {
				break // an item goes on in indented lines (a nested list is flattened into it)
			}
			item = append(item, u)
			i++
		}
		b.WriteString("<li>" + inline(strings.Join(item, " ")) + "</li>\n")
	}
	b.WriteString("</" + kind + ">\n")
	return i
}

func table(rows []string) string {
	var b strings.Builder
	b.WriteString("<table>\n")
	for k, r := range rows {
		cells := splitRow(r)
		if k == 1 && isRule(cells) {
			continue
		}
		tag := "td"
		if k == 0 {
			tag = "th"
		}
		b.WriteString("<tr>")
		for _, c := range cells {
			b.WriteString("<" + tag + ">" + inline(c) + "</" + tag + ">")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</table>\n")
	return b.String()
}

func splitRow(r string) []string {
	r = strings.TrimSpace(r)
	r = strings.TrimPrefix(r, "|")
	r = strings.TrimSuffix(r, "|")
	var cells []string
	for _, c := range strings.Split(r, "|") {
		cells = append(cells, strings.TrimSpace(c))
	}
	return cells
}

func isRule(cells []string) bool {
	for _, c := range cells {
		if strings.Trim(c, "-: ") != "" {
			return false
		}
	}
	return true
}

var (
	codeRE   = regexp.MustCompile("`([^`]+)`")
	boldRE   = regexp.MustCompile(`\*\*([^*]+)\*\*`)
	italicRE = regexp.MustCompile(`(^|[\s(])[*_]([^*_\s][^*_]*)[*_]`)
	linkRE   = regexp.MustCompile(`\[([^\]]+)\]\(([^)\s]+)\)`)
)

// inline renders code spans, bold, italics and links in escaped text.
// Code spans are cut out first so that nothing inside them is touched.
func inline(s string) string {
	var codes []string
	s = codeRE.ReplaceAllStringFunc(s, func(m string) string {
		codes = append(codes, "<code>"+html.EscapeString(m[1:len(m)-1])+"</code>")
		return "\x00" + string(rune('a'+len(codes)-1)) + "\x00"
	})
	s = html.EscapeString(s)
	s = linkRE.ReplaceAllStringFunc(s, func(m string) string {
		sub := linkRE.FindStringSubmatch(m)
		text, url := sub[1], html.UnescapeString(sub[2])
		if strings.HasPrefix(url, "https://") || strings.HasPrefix(url, "http://") {
			return `<a href="` + html.EscapeString(url) + `" target="_blank" rel="noopener noreferrer">` + text + "</a>"
		}
		return text // links into the repository or the document: the page cannot follow them
	})
	s = boldRE.ReplaceAllString(s, "<strong>$1</strong>")
	s = italicRE.ReplaceAllString(s, "$1<em>$2</em>")
	for k, c := range codes {
		s = strings.Replace(s, "\x00"+string(rune('a'+k))+"\x00", c, 1)
	}
	return s
}
