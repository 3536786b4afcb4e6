package report

// explorePage is the template of explore.html. Its stylesheet is the
// comparison report's (pageStyle), with a few rules of its own; the markup
// is kept well-formed XML as that page's is, so tests can parse it.
const explorePage = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="generator" content="govsim{{if .Version}} {{.Version}}{{end}}" />
<title>{{.Title}}</title>
{{.Style}}
<style>
ul.findings { list-style: none; padding: 0; margin: 10px 0; }
ul.findings li { border-left: 5px solid var(--ns); padding: 6px 12px; margin: 8px 0; background: var(--soft); max-width: 70em; }
ul.findings li.good { border-color: var(--good); }
ul.findings li.bad { border-color: var(--bad); }
td.share.good { color: var(--good); font-weight: 700; }
td.share.bad { color: var(--bad); font-weight: 700; }
.pkg { border-top: 1px dashed var(--line); margin-top: 22px; padding-top: 6px; }
p.warning { border-left: 5px solid var(--bad); padding: 6px 12px; background: #fdf1f0; max-width: 70em; }
table.narrow { width: auto; }
</style>
</head>
<body>
<div class="page">
<header class="top">
<p class="kicker">govsim · exploratory modelling</p>
<h1>{{.Title}}</h1>
{{range .Question}}<p class="question">{{.}}</p>
{{end}}<dl class="meta">
{{range .Meta}}<div><dt>{{.Key}}</dt><dd>{{.Value}}</dd></div>
{{end}}</dl>
<nav class="toc" aria-label="Contents"><a href="#findings">Findings</a> <a href="#ranked">Ranked</a> <a href="#regret">Regret</a> <a href="#fails">Where each fails</a> {{if .Conditions}}<a href="#conditions">Conditions</a> {{end}}<a href="#drivers">Drivers</a> <a href="#patterns">Patterns</a> <a href="#reproduce">Reproduce</a></nav>
</header>
<main>
<section id="findings">
<h2>Findings</h2>
<ul class="findings">
{{range .Findings}}<li class="{{.Class}}"><strong>{{.Label}}.</strong> {{.Text}}</li>
{{end}}</ul>
{{range .Warnings}}<p class="warning">Warning: {{.}}</p>
{{end}}</section>
<section id="ranked">
<h2>Ranked by how often each package beats the reference</h2>
<p class="legend">On {{.First}}: the share of points where the package beats the reference, with its 95% Wilson interval; the mean paired difference with its 95% interval; and regret, the shortfall from the best package at a point (90th percentile and largest). A tie does not count as beating the reference.</p>
<div class="scroll">
<table class="ranked">
<thead><tr><th scope="col">Rank</th><th scope="col">Package</th><th scope="col" class="num">beats the reference</th><th scope="col" class="num">95% interval</th><th scope="col" class="num">mean difference</th><th scope="col" class="num">95% interval</th><th scope="col" class="num">regret p90</th><th scope="col" class="num">regret max</th></tr></thead>
<tbody>
{{range .Ranked}}<tr><td class="rank">{{.Rank}}</td><th scope="row" class="scen">{{.Label}}<code>{{.Scenario}}</code></th><td class="num">{{.Share}}</td><td class="num">{{.Interval}}</td><td class="num">{{.Diff}}</td><td class="num">{{.DiffInterval}}</td><td class="num">{{.RegretP90}}</td><td class="num">{{.RegretMax}}</td></tr>
{{end}}</tbody>
</table>
</div>
{{if .Columns}}<p class="legend">On every other headline metric: the share of points where the package beats the reference (green at 95% or more, red at 5% or less), with its 95% interval below.</p>
<div class="scroll">
<table class="ranked">
<thead><tr><th scope="col">Package</th>{{range .Columns}}<th scope="col" class="num">{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Ranked}}<tr><th scope="row" class="scen">{{.Label}}</th>{{range .Shares}}<td class="num share {{.Class}}"><span class="mean">{{.Value}}</span><span class="ci">{{.Interval}}</span></td>{{end}}</tr>
{{end}}</tbody>
</table>
</div>
{{end}}</section>
<section id="regret">
<h2>Regret</h2>
<div class="grid">
{{range .Regret}}<figure class="chart"><h3>{{.Title}}</h3><div class="svg">{{.SVG}}</div><figcaption>{{.Caption}}{{if .PNG}} <a class="png" href="{{.PNG}}">PNG</a>{{end}}</figcaption></figure>
{{end}}</div>
</section>
<section id="fails">
<h2>Where each package fails to beat the reference on {{.First}}</h2>
{{if not .Failing}}<p class="lead">Every package beats the reference at every point.</p>
{{end}}{{range .Failing}}<div class="pkg">
<h3>{{.Label}}</h3>
<p class="lead">{{.Sentence}}</p>
{{if .Coverage}}<p class="legend">{{.Coverage}}</p>
{{end}}{{if .Limits}}<div class="scroll"><table class="narrow">
<thead><tr><th scope="col">Parameter</th><th scope="col">In the box</th><th scope="col">Range sampled</th><th scope="col">Quasi-p-value of each limit</th></tr></thead>
<tbody>
{{range .Limits}}<tr><td><code>{{.Param}}</code></td><td class="num">{{.Restriction}}</td><td class="num">{{.Range}}</td><td>{{.QuasiP}}</td></tr>
{{end}}</tbody>
</table></div>
{{end}}<div class="grid">
{{range .Charts}}<figure class="chart"><h3>{{.Title}}</h3><div class="svg">{{.SVG}}</div><figcaption>{{.Caption}}{{if .PNG}} <a class="png" href="{{.PNG}}">PNG</a>{{end}}</figcaption></figure>
{{end}}</div>
{{if .Regional}}<p class="legend">Regional sensitivity — the parameters whose values differ most between the points where it fails and where it succeeds (Kolmogorov–Smirnov distance D, 0 to 1):</p>
<div class="scroll"><table class="narrow">
<thead><tr><th scope="col">Parameter</th><th scope="col" class="num">D</th><th scope="col" class="num">approximate p</th></tr></thead>
<tbody>
{{range .Regional}}<tr><td><code>{{.Param}}</code></td><td class="num">{{.D}}</td><td class="num">{{.P}}</td></tr>
{{end}}</tbody>
</table></div>
{{end}}</div>
{{end}}{{if .AllBoxes}}<h3 class="pkg">Every package's box at once</h3>
<div class="grid">
{{range .AllBoxes}}<figure class="chart"><h3>{{.Title}}</h3><div class="svg">{{.SVG}}</div><figcaption>{{.Caption}}{{if .PNG}} <a class="png" href="{{.PNG}}">PNG</a>{{end}}</figcaption></figure>
{{end}}</div>
{{end}}{{if .Others}}<h3 class="pkg">On the other headline metrics</h3>
<div class="scroll"><table>
<thead><tr><th scope="col">Package</th><th scope="col">Metric</th><th scope="col" class="num">fails at</th><th scope="col">mostly where</th><th scope="col" class="num">coverage</th><th scope="col" class="num">density</th></tr></thead>
<tbody>
{{range .Others}}<tr><td>{{.Label}}</td><td>{{.Metric}}</td><td class="num">{{.Fails}}</td><td>{{.Where}}</td><td class="num">{{.Coverage}}</td><td class="num">{{.Density}}</td></tr>
{{end}}</tbody>
</table></div>
{{end}}</section>
{{if .Conditions}}<section id="conditions">
<h2>Where the conditions asked for hold</h2>
{{range .Conditions}}<div class="pkg">
<h3><code>{{.Condition}}</code></h3>
<div class="scroll"><table>
<thead><tr><th scope="col">Scenario</th><th scope="col" class="num">holds at</th><th scope="col">mostly where</th><th scope="col" class="num">coverage</th><th scope="col" class="num">density</th></tr></thead>
<tbody>
{{range .Rows}}<tr><td>{{.Label}}</td><td class="num">{{.Fails}}</td><td>{{.Where}}</td><td class="num">{{.Coverage}}</td><td class="num">{{.Density}}</td></tr>
{{end}}</tbody>
</table></div>
<div class="grid">
{{range .Charts}}<figure class="chart"><h3>{{.Title}}</h3><div class="svg">{{.SVG}}</div><figcaption>{{.Caption}}{{if .PNG}} <a class="png" href="{{.PNG}}">PNG</a>{{end}}</figcaption></figure>
{{end}}</div>
</div>
{{end}}</section>
{{end}}<section id="drivers">
<h2>Drivers of each package's difference from the reference on {{.First}}</h2>
<p class="legend">PRCC: the partial rank correlation of the paired difference with the parameter, with its bootstrap 95% interval (positive: the package gains on the reference as the parameter rises). KS: the distance between the parameter's values where the package beats the reference and where it does not. The eight parameters that matter most; drivers.csv has all, for every metric.</p>
{{range .Drivers}}<h3>{{.Label}}</h3>
{{if .Note}}<p class="legend">{{.Note}}</p>
{{else}}<div class="scroll"><table class="narrow">
<thead><tr><th scope="col">Parameter</th><th scope="col" class="num">PRCC</th><th scope="col" class="num">95% interval</th><th scope="col" class="num">KS D</th><th scope="col" class="num">approximate p</th></tr></thead>
<tbody>
{{range .Rows}}<tr><td><code>{{.Param}}</code></td><td class="num">{{.PRCC}}</td><td class="num">{{.Interval}}</td><td class="num">{{.KS}}</td><td class="num">{{.P}}</td></tr>
{{end}}</tbody>
</table></div>
{{end}}{{end}}</section>
<section id="patterns">
<h2>The model's patterns over this design</h2>
<p class="lead">{{.PatternsOn}}</p>
<div class="scroll">
<table class="patterns">
<thead><tr><th scope="col">ID</th><th scope="col">Claim</th><th scope="col">Pointed the claimed way</th><th scope="col">Held clearly</th></tr></thead>
<tbody>
{{range .Patterns}}<tr><td class="id"><code>{{.ID}}</code></td><td>{{.Claim}}</td>{{if .Skipped}}<td class="status skip" colspan="2">not explored: {{.Skipped}}</td>{{else}}<td class="evidence">{{.Right}}</td><td class="evidence">{{.Held}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
</div>
</section>
<section id="reproduce">
<h2>Reproduce</h2>
{{if .Commands}}<p>With govsim {{.Version}}, these commands remake the runs and then this page, every number and chart, from the directory they were run in (the same command again only analyses, once every run is done):</p>
<pre class="cmd"><code>{{range .Commands}}{{.}}
{{end}}</code></pre>
{{end}}<p class="small muted"><code>govsim rerun</code> on this directory reproduces the runs from manifest.json alone and checks them byte for byte.</p>
{{if .SweepJSON}}<details>
<summary>sweep.json (the design points, seeds and the full configuration of each scenario)</summary>
<pre class="manifest">{{.SweepJSON}}</pre>
</details>
{{end}}</section>
<section id="notes">
<h2>Notes</h2>
<ul class="notes">
{{range .Notes}}{{if .}}<li>{{.}}</li>
{{end}}{{end}}</ul>
</section>
</main>
<footer>Generated {{.Generated}} · govsim {{.Version}}</footer>
</div>
</body>
</html>
`
