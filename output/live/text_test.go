package live

import (
	"math"
	"strings"
	"testing"

	"github.com/govsim/govsim/sim"
)

func TestMarkdown(t *testing.T) {
	md := "Intro with `a<b` and **bold** and *it* and [ODD](#x) and [site](https://example.org/?a=1&b=2).\n" +
		"continued <script>alert(1)</script>\n\n" +
		"## Part\n\n1. first\n   more of first\n2. second\n\n- a\n- b\n\n" +
		"| h1 | h2 |\n| --- | --- |\n| `c|` | x & y |\n\n```\ncode <here>\n```\n> quoted\n\n---\n"
	got := markdownHTML(md)
	for _, want := range []string{
		"<p>Intro with <code>a&lt;b</code> and <strong>bold</strong> and <em>it</em> and ODD and <a href=\"https://example.org/?a=1&amp;b=2\" target=\"_blank\" rel=\"noopener noreferrer\">site</a>. continued &lt;script&gt;alert(1)&lt;/script&gt;</p>",
		"<h3>Part</h3>",
		"<ol>\n<li>first more of first</li>\n<li>second</li>\n</ol>",
		"<ul>\n<li>a</li>\n<li>b</li>\n</ul>",
		"<tr><th>h1</th><th>h2</th></tr>",
		"<td>x &amp; y</td>",
		"<pre><code>code &lt;here&gt;</code></pre>",
		"<blockquote><p>quoted</p>\n</blockquote>",
		"<hr>",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, "<script") {
		t.Error("a script got through")
	}
}

func TestSection(t *testing.T) {
	doc := "# Title\n\nIntro text.\n\n---\n\n## 1 One\n\nbody one\n\n### 1.1 Sub\n\nsub body\n\n## 2 Two\n\n```\n## not a heading\n```\nbody two\n"
	for _, tc := range []struct{ heading, want string }{
		{"", "Intro text."},
		{"## 1 ", "body one\n\n### 1.1 Sub\n\nsub body"},
		{"### 1.1 ", "sub body"},
		{"## 2 ", "```\n## not a heading\n```\nbody two"},
	} {
		got, ok := section(doc, tc.heading)
		if !ok || got != tc.want {
			t.Errorf("section %q = %q, %v; want %q", tc.heading, got, ok, tc.want)
		}
	}
	if _, ok := section(doc, "## 9 "); ok {
		t.Error("found a section that is not there")
	}
}

func TestMonthEvents(t *testing.T) {
	n := 4
	village := make([][]float64, n)
	for i := range village {
		village[i] = make([]float64, sim.NumVillageMetrics)
		village[i][sim.VVoteBuying] = math.NaN()
		village[i][sim.VVoteBuyingDetected] = math.NaN()
	}
	district := make([]float64, sim.NumDistrictMetrics)
	for i := range district {
		district[i] = math.NaN()
	}
	prev := []int{0, stCommunity, 0, 0}
	zj := kindBit(sim.KindZhengjing)
	cur := []int{zj, stCommunity | zj, zj, 0}
	// Elections in three villages, votes bought in two, detected in one.
	for i, vb := range []float64{0.1, 0, 0.05} {
		village[i][sim.VVoteBuying] = vb
		village[i][sim.VVoteBuyingDetected] = 0
	}
	village[2][sim.VVoteBuyingDetected] = 1
	district[sim.VoteBuying] = 0.0512
	district[sim.BoardVoteBuying] = 0.02
	ev := monthEvents(36, prev, cur, village, district)
	if len(ev) != 2 {
		t.Fatalf("%d events: %+v", len(ev), ev)
	}
	for _, want := range []string{
		"Month 36: 政经分离 reaches 3 villages (3 of 4 units so far)",
		"Month 36: elections in 3 villages; committee votes bought in 2; vote buying caught in 1 (committees or boards); 5.1% of voters sold their vote; in cooperative board elections 2.0%",
	} {
		if ev[0].EN != want && ev[1].EN != want {
			t.Errorf("want %q in %+v", want, ev)
		}
	}
	if !strings.HasPrefix(ev[1].ZH, "第36个月：3个村选举；2个村两委选举有贿选；1个村查出贿选（两委或理事会）") {
		t.Errorf("Chinese: %q", ev[1].ZH)
	}
	// A month with a board election only (政经分离 arriving) and nothing else.
	for i := range village {
		village[i][sim.VVoteBuying] = math.NaN()
	}
	district[sim.VoteBuying] = math.NaN()
	ev = monthEvents(24, cur, cur, village, district)
	if len(ev) != 1 || ev[0].EN != "Month 24: shareholders elect cooperative boards; 2.0% of their votes sold" {
		t.Errorf("board month: %+v", ev)
	}
	district[sim.BoardVoteBuying] = math.NaN()
	if ev := monthEvents(25, cur, cur, village, district); len(ev) != 0 {
		t.Errorf("a quiet month: %+v", ev)
	}
}

func TestEncodeExact(t *testing.T) {
	xs := []float64{0.1, 1.0 / 3, math.NaN(), math.Inf(1), 1e-7, -2.5e300, 0}
	got := string(appendFloats(nil, xs, -1))
	if got != "[0.1,0.3333333333333333,null,null,1e-07,-2.5e+300,0]" {
		t.Errorf("got %s", got)
	}
	if got := string(appendFloats(nil, []float64{0.123456, 12345.6}, 4)); got != "[0.1235,1.235e+04]" {
		t.Errorf("rounded: %s", got)
	}
}
