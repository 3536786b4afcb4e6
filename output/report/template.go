package report

import "html/template"

// newTemplate parses the page template. It is built on each Write, so the
// package holds no state.
func newTemplate() (*template.Template, error) {
	return template.New("report").Parse(page)
}

// page is the report template. The markup is kept well-formed XML (void
// elements closed, no named entities, no '<' or '&' in the CSS) so that
// tests can check the whole document with encoding/xml.
const page = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="generator" content="govsim{{if .Version}} {{.Version}}{{end}}" />
<title>{{.Title}}</title>
<style>
:root {
  --text: #1f2328; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa;
  --accent: #0b5cad; --good: #1a7f37; --bad: #c0392b; --ns: #6e7781;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: var(--text); background: #fff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC",
    "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
  font-size: 16px; line-height: 1.5;
}
code, pre, .mono {
  font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono",
    "Noto Sans Mono CJK SC", monospace;
  font-size: 0.9em;
}
.page { max-width: 1240px; margin: 0 auto; padding: 0 20px 48px; }
header.top { border-bottom: 3px solid var(--accent); padding: 28px 0 16px; margin-bottom: 8px; }
.kicker { margin: 0; color: var(--accent); font-weight: 600; letter-spacing: 0.06em; text-transform: uppercase; font-size: 13px; }
h1 { font-size: 30px; line-height: 1.2; margin: 4px 0 12px; }
h2 { font-size: 22px; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 17px; margin: 0 0 6px; }
p { margin: 0 0 10px; }
.question { font-size: 18px; max-width: 60em; }
.simulated { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; margin: 14px 0 6px; font-size: 15px; max-width: 70em; }
.simulated dt { color: var(--muted); font-weight: 600; }
.simulated dd { margin: 0; }
.warning { margin: 10px 0; padding: 8px 12px; border-left: 4px solid var(--bad); background: #fdecea; max-width: 70em; }
.fragile { color: #9a6700; }
.meta { display: flex; flex-wrap: wrap; gap: 6px 28px; margin: 14px 0 10px; font-size: 14px; }
.meta div { display: flex; gap: 6px; }
.meta dt { color: var(--muted); }
.meta dt::after { content: ":"; }
.meta dd { margin: 0; font-weight: 600; }
nav.toc { font-size: 14px; color: var(--muted); }
nav.toc a { color: var(--accent); text-decoration: none; margin-right: 14px; white-space: nowrap; }
nav.toc a:hover { text-decoration: underline; }
.lead { color: var(--text); max-width: 60em; }
.muted { color: var(--muted); }
.small { font-size: 13px; }

.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 14px; margin-top: 12px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; background: #fff; }
.card.ref { border-color: var(--accent); box-shadow: inset 4px 0 0 var(--accent); }
.card .name { margin: -2px 0 8px; color: var(--muted); font-size: 13px; }
.card p { font-size: 15px; }
.badge { display: inline-block; vertical-align: middle; margin-left: 6px; padding: 1px 8px; border-radius: 10px; background: var(--accent); color: #fff; font-size: 11px; font-weight: 600; letter-spacing: 0.03em; text-transform: uppercase; }
.settings { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 10px 0 0; padding-top: 8px; border-top: 1px dashed var(--line); font-size: 13px; }
.settings dt { color: var(--muted); font-family: ui-monospace, Menlo, Consolas, "Liberation Mono", monospace; }
.settings dd { margin: 0; overflow-wrap: anywhere; }

ol.order { list-style: none; display: flex; flex-wrap: wrap; gap: 8px; padding: 0; margin: 8px 0 12px; }
ol.order li { border: 1px solid var(--line); border-radius: 16px; padding: 3px 12px 3px 4px; background: var(--soft); font-size: 15px; }
ol.order .n { display: inline-block; min-width: 22px; height: 22px; line-height: 22px; border-radius: 11px; background: var(--accent); color: #fff; text-align: center; font-size: 13px; font-weight: 700; margin-right: 6px; }
.legend { font-size: 14px; color: var(--muted); max-width: 70em; }
.legend .good, .legend .bad, .legend .ns { font-weight: 700; }

.scroll { overflow-x: auto; margin: 8px 0 4px; border: 1px solid var(--line); border-radius: 6px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
table.ranked { font-size: 13.5px; }
th, td { padding: 7px 9px; border-bottom: 1px solid var(--line); vertical-align: top; text-align: left; }
thead th { background: var(--soft); font-weight: 600; vertical-align: bottom; border-bottom: 2px solid var(--line); }
tbody tr:last-child th, tbody tr:last-child td { border-bottom: 0; }
.num { text-align: right; white-space: nowrap; }
table.ranked th, table.ranked td { padding: 7px 6px; }
table.ranked th:first-child, table.ranked td:first-child { padding-left: 10px; }
table.ranked th:last-child, table.ranked td:last-child { padding-right: 10px; }
thead th.num { white-space: normal; }
thead .num .label { display: block; }
thead .unit, thead .dir { display: block; font-weight: 400; color: var(--muted); font-size: 0.88em; }
thead .dir { white-space: nowrap; }
td.rank { font-weight: 700; font-size: 1.15em; text-align: center; }
th.scen { font-weight: 600; min-width: 9em; max-width: 13em; }
th.scen code { display: block; font-weight: 400; color: var(--muted); font-size: 0.88em; }
tr.ref td, tr.ref th { background: #eef4fb; }
.mean { display: block; font-variant-numeric: tabular-nums; }
.diff { display: block; font-size: 0.93em; font-variant-numeric: tabular-nums; }
.ci { display: block; font-size: 0.85em; color: var(--muted); font-variant-numeric: tabular-nums; }
.good { color: var(--good); }
.bad { color: var(--bad); }
.ns { color: var(--ns); }
.diff.good, .diff.bad { font-weight: 700; }
.mk { font-size: 0.85em; }
td.ce { font-size: 0.93em; }
table.ranked caption { caption-side: top; text-align: left; padding: 8px 10px 4px; font-weight: 600; color: var(--muted); font-size: 13px; }
.scroll + .scroll { margin-top: 14px; }
.composite { margin-top: 18px; max-width: 70em; }
table.composite { font-size: 13.5px; width: auto; }
table.composite td, table.composite th { padding: 5px 10px; }

.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 540px), 1fr)); gap: 18px; margin-top: 12px; }
figure.chart { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px 12px; background: #fff; }
figure.chart .svg svg { display: block; width: 100%; max-width: 100%; height: auto; }
figure.chart figcaption { margin-top: 8px; font-size: 15px; }
a.png { font-size: 12px; color: var(--accent); margin-left: 6px; white-space: nowrap; }

table.patterns td.id { white-space: nowrap; }
table.patterns td.status { white-space: nowrap; font-weight: 700; }
table.patterns td.status.fragile { color: #9a6700; }
table.patterns td.status.skip { color: var(--ns); font-weight: 400; font-style: italic; }
table.patterns td.evidence { font-size: 13px; }
table.patterns tr.p-skip td { color: var(--muted); }

pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; margin: 6px 0 12px; }
details { margin: 8px 0; }
details summary { cursor: pointer; color: var(--accent); font-weight: 600; }
details pre { max-height: 32em; overflow: auto; font-size: 12px; }
ul.notes li { margin-bottom: 6px; max-width: 70em; }
footer { border-top: 1px solid var(--line); margin-top: 36px; padding-top: 10px; font-size: 13px; color: var(--muted); }

@media print {
  @page { margin: 14mm 12mm; }
  @page wide { size: A4 landscape; margin: 12mm; }
  body { font-size: 10.5pt; }
  .page { max-width: none; padding: 0; }
  nav.toc { display: none; }
  h1 { font-size: 20pt; }
  h2 { font-size: 14pt; margin-top: 18pt; break-after: avoid; }
  .question { font-size: 11.5pt; }
  .scroll { overflow: visible; border: 0; }
  table, table.ranked { font-size: 7.5pt; }
  th, td, table.ranked th, table.ranked td { padding: 3pt 3pt; }
  #ranked { page: wide; }
  tr, figure.chart, .card { break-inside: avoid; }
  .grid { display: block; }
  figure.chart { margin-bottom: 10pt; border: 0; padding: 0; }
  figure.chart .svg svg { max-height: 95mm; }
  .card, ol.order li, thead th, tr.ref td, tr.ref th, .badge, ol.order .n { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
  a.png { display: none; }
  pre { white-space: pre-wrap; }
}
</style>
</head>
<body>
<div class="page">
<header class="top">
<p class="kicker">govsim · {{.Kicker}}</p>
<h1>{{.Title}}</h1>
{{range .Warnings}}<p class="warning" role="note"><strong>Warning:</strong> {{.}}</p>
{{end}}{{range .Question}}<p class="question">{{.}}</p>
{{end}}{{if .Simulated}}<dl class="simulated">
{{range .Simulated}}<dt>{{.Key}}</dt><dd>{{.Value}}</dd>
{{end}}</dl>
{{end}}{{if .Meta}}<dl class="meta">
{{range .Meta}}<div><dt>{{.Key}}</dt><dd>{{.Value}}</dd></div>
{{end}}</dl>
{{end}}<nav class="toc" aria-label="Contents">{{range .Nav}}<a href="#{{.ID}}">{{.Title}}</a> {{end}}</nav>
</header>
<main>
<section id="compared">
<h2>What was compared</h2>
<p class="lead">{{len .Scenarios}} scenario{{if ne (len .Scenarios) 1}}s{{end}}{{if .ReferenceLabel}}; every difference in this report is measured against the reference, <strong>{{.ReferenceLabel}}</strong>{{end}}.</p>
<div class="cards">
{{range .Scenarios}}<article class="card{{if .IsReference}} ref{{end}}">
<h3>{{.Label}}{{if .IsReference}}<span class="badge">reference</span>{{end}}</h3>
<p class="name"><code>{{.Name}}</code></p>
{{range .Description}}<p>{{.}}</p>
{{end}}{{if .Settings}}<dl class="settings">
{{range .Settings}}<dt>{{.Key}}</dt><dd>{{.Value}}</dd>
{{end}}</dl>
{{else}}<p class="muted small">Default settings.</p>
{{end}}</article>
{{end}}</div>
</section>
{{if .Rows}}<section id="ranked">
<h2>Ranked</h2>
<p class="lead">Best first:</p>
<ol class="order">
{{range .Rows}}<li><span class="n">{{.Rank}}</span>{{.Label}}</li>
{{end}}</ol>
<p class="legend">Each cell shows the mean ± the half-width of its interval across replicates. Below it: the difference from the reference with its interval. <span class="good">▲/▼ green</span> = better than the reference, <span class="bad">▲/▼ red</span> = worse (▲ means the value is higher, ▼ lower); <span class="ns">grey</span> = not significant after Holm correction for multiple comparisons.</p>
{{range $t := .Tiers}}<div class="scroll">
<table class="ranked">
<caption>{{$t.Caption}}</caption>
<thead>
<tr><th scope="col">Rank</th><th scope="col">Scenario</th>{{range $t.Columns}}<th scope="col" class="num"><span class="label">{{.Label}}</span>{{if .Unit}}<span class="unit">{{.Unit}}</span>{{end}}<span class="dir">{{.Direction}}</span></th>{{end}}{{if $t.CE}}<th scope="col" class="num"><span class="label">cost-effectiveness</span><span class="unit">composite per 100 M yuan/year</span><span class="dir">against the reference</span></th>{{end}}</tr>
</thead>
<tbody>
{{range $t.Rows}}<tr{{if .IsReference}} class="ref"{{end}}><td class="rank">{{.Rank}}</td><th scope="row" class="scen">{{.Label}}<code>{{.Scenario}}</code></th>{{range .Cells}}<td class="num"><span class="mean">{{.Value}}</span>{{if .Ref}}<span class="diff ns">reference</span>{{else}}<span class="diff {{.Class}}" title="{{.Title}}">{{if .Marker}}<span class="mk">{{.Marker}}</span> {{end}}{{.Diff}}</span>{{if .Interval}}<span class="ci">{{.Interval}}</span>{{end}}{{end}}</td>{{end}}{{if $t.CE}}<td class="num ce">{{.CE}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
</div>
{{end}}{{if .Composite}}<div class="composite">
<h3>How the composite index is made</h3>
<table class="composite">
<thead><tr><th scope="col">Component</th><th scope="col">Transform to [0, 1]</th><th scope="col" class="num">Weight</th><th scope="col" class="num">Share</th></tr></thead>
<tbody>
{{range .Composite}}<tr><td>{{.Component}}</td><td class="mono">{{.Transform}}</td><td class="num">{{.Weight}}</td><td class="num">{{.Share}}</td></tr>
{{end}}</tbody>
</table>
{{if .CompositeNote}}<p class="legend">{{.CompositeNote}}</p>
{{end}}</div>
{{end}}</section>
{{end}}{{range .Sections}}<section id="{{.ID}}" class="charts">
<h2>{{.Title}}</h2>
{{if .Intro}}<p class="lead">{{.Intro}}</p>
{{end}}<div class="grid">
{{range .Charts}}<figure class="chart">
<h3>{{.Title}}</h3>
<div class="svg">{{.SVG}}</div>
<figcaption>{{.Caption}}{{if .PNG}} <a class="png" href="{{.PNG}}">PNG</a>{{end}}</figcaption>
</figure>
{{end}}</div>
</section>
{{end}}{{if .Patterns}}<section id="patterns">
<h2>Pattern checks</h2>
<p class="lead">Patterns the model is expected to reproduce, checked on this run. {{.PatternSummary}}</p>
{{with .Explore}}<p class="legend">Across the plausible parameter space: {{.Text}} <a href="{{.Href}}">{{.Href}}</a></p>
{{end}}<div class="scroll">
<table class="patterns">
<thead><tr><th scope="col">ID</th><th scope="col">Claim</th><th scope="col">Result</th><th scope="col">Evidence</th><th scope="col">Across the plausible parameter space</th></tr></thead>
<tbody>
{{range .Patterns}}<tr class="p-{{.Class}}"><td class="id"><code>{{.ID}}</code></td><td>{{.Claim}}</td><td class="status {{.Class}}">{{.Status}}</td><td class="evidence">{{.Evidence}}</td><td class="evidence">{{.Robustness}}</td></tr>
{{end}}</tbody>
</table>
</div>
</section>
{{end}}<section id="reproduce">
<h2>Reproduce</h2>
{{if .Commands}}<p>With govsim {{.Version}}{{if .Build}} (the data were made by govsim {{.Build}}){{end}}, {{if gt (len .Commands) 1}}these commands remake the data and then this report{{else}}this command remakes the data and this report{{end}}, every number and chart, from the directory it was run in:</p>
<pre class="cmd"><code>{{range .Commands}}{{.}}
{{end}}</code></pre>
<p class="small muted">Without govsim on your PATH, run <code>go install ./cmd/govsim</code> in a clone of govsim checked out at that commit, or write <code>go run ./cmd/govsim</code> for <code>govsim</code>. <code>govsim rerun</code> on the output directory reproduces its data from manifest.json alone and checks it byte for byte.</p>
{{end}}{{if .Manifest}}<details>
<summary>manifest.json (versions, seeds and the full configuration of each scenario)</summary>
<pre class="manifest">{{.Manifest}}</pre>
</details>
{{end}}</section>
{{if .Notes}}<section id="notes">
<h2>Notes</h2>
<ul class="notes">
{{range .Notes}}<li>{{.}}</li>
{{end}}</ul>
</section>
{{end}}</main>
<footer>{{if .Generated}}Generated {{.Generated}}{{end}}{{if .Version}} · govsim {{.Version}}{{end}}</footer>
</div>
</body>
</html>
`
