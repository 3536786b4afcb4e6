package report

// calibrationPage is the calibration report's template: the comparison
// report's stylesheet (pageStyle) and a page of its own. The markup is kept
// well-formed XML, as the comparison report's is, so that tests can check
// it with encoding/xml.
const calibrationPage = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="generator" content="govsim{{if .Version}} {{.Version}}{{end}}" />
<title>{{.Title}}</title>
<style>{{.Style}}
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.good { color: var(--good); font-weight: 600; }
td.bad { color: var(--bad); font-weight: 600; }
td.ns { color: var(--ns); }
ul.findings li { margin-bottom: 8px; max-width: 70em; }
</style>
</head>
<body>
<div class="page">
<header class="top">
<p class="kicker">govsim · calibration</p>
<h1>{{.Title}}</h1>
{{range .Question}}<p class="question">{{.}}</p>
{{end}}<dl class="meta">
{{range .Meta}}<div><dt>{{.Key}}</dt><dd>{{.Value}}</dd></div>
{{end}}</dl>
<nav class="toc" aria-label="Contents"><a href="#findings">Findings</a> <a href="#parameters">Parameters</a> <a href="#targets">Targets</a> <a href="#generations">Generations</a> {{range .Sections}}<a href="#{{.ID}}">{{.Title}}</a> {{end}}<a href="#reproduce">Reproduce</a></nav>
</header>
<main>
<section id="findings">
<h2>Findings</h2>
<ul class="findings">
{{range .Findings}}<li>{{.}}</li>
{{end}}</ul>
</section>
<section id="parameters">
<h2>Parameters</h2>
<p class="lead">Each calibrated parameter: its prior, and the final population's weighted mean and 90% credible interval (5% to 95%).</p>
<div class="scroll">
<table>
<thead><tr><th scope="col">Parameter</th><th scope="col">Prior</th><th scope="col" class="num">Posterior mean</th><th scope="col" class="num">90% interval</th><th scope="col" class="num">SD ratio</th><th scope="col">The figures</th></tr></thead>
<tbody>
{{range .Params}}<tr><td><code>{{.Key}}</code>{{if .Doc}}<br /><span class="small muted">{{.Doc}}</span>{{end}}</td><td>{{.Prior}}</td><td class="num">{{.Mean}}</td><td class="num">{{.Interval}}</td><td class="num">{{.Ratio}}</td><td class="{{.Class}}">{{.Verdict}}</td></tr>
{{end}}</tbody>
</table>
</div>
</section>
<section id="targets">
<h2>Targets</h2>
<p class="lead">Each observed figure, how the model measures it, and the model's predictive distributions before (prior: generation 0's runs) and after calibration (posterior: new runs at draws from the final population). The intervals of an observation add to a run's value an error whose SD is the target's tolerance; the check asks whether the observed value lies inside the posterior one.</p>
<div class="scroll">
<table>
<thead><tr><th scope="col">Target</th><th scope="col">Measured as</th><th scope="col" class="num">Observed ± tolerance</th><th scope="col" class="num">Prior: observation 90%</th><th scope="col" class="num">Posterior runs: median [90%]</th><th scope="col" class="num">Posterior: observation 90%</th><th scope="col">Observed value</th></tr></thead>
<tbody>
{{range .Targets}}<tr><td><code>{{.Name}}</code>{{if .What}}<br /><span class="small">{{.What}}</span>{{end}}{{if .Source}}<br /><span class="small muted">{{.Source}}</span>{{end}}</td><td class="small"><code>{{.Formula}}</code>, {{.Window}}, {{.Scenario}}</td><td class="num">{{.Observed}}</td><td class="num">{{.PriorInterval}}</td><td class="num">{{.Simulated}}</td><td class="num">{{.Interval}}</td><td class="{{.Class}}">{{.Verdict}}</td></tr>
{{end}}</tbody>
</table>
</div>
</section>
<section id="generations">
<h2>Generations</h2>
<p class="lead">Generation 0 samples the priors; each later one keeps candidates within its tolerance, a distance counted in targets' tolerances.</p>
<div class="scroll">
<table>
<thead><tr><th scope="col" class="num">Generation</th><th scope="col" class="num">Tolerance</th><th scope="col" class="num">Acceptance</th><th scope="col" class="num">ESS</th><th scope="col" class="num">Candidates</th><th scope="col" class="num">Runs</th><th scope="col" class="num">Batches</th></tr></thead>
<tbody>
{{range .Gens}}<tr><td class="num">{{.Generation}}</td><td class="num">{{.Tolerance}}</td><td class="num">{{.Acceptance}}</td><td class="num">{{.ESS}}</td><td class="num">{{.Candidates}}</td><td class="num">{{.Runs}}</td><td class="num">{{.Batches}}</td></tr>
{{end}}</tbody>
</table>
</div>
</section>
{{range .Sections}}<section id="{{.ID}}" class="charts">
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
{{end}}<section id="reproduce">
<h2>Reproduce</h2>
{{if .Commands}}<p>With govsim {{.Version}}, this command remakes the calibration, every table and chart, from the directory it was run in (in a new or emptied directory; in this one it finds everything done):</p>
<pre class="cmd"><code>{{range .Commands}}{{.}}
{{end}}</code></pre>
{{end}}{{if .Identity}}<details>
<summary>calibration.json (targets, priors and the full configuration of each scenario)</summary>
<pre class="manifest">{{.Identity}}</pre>
</details>
{{end}}</section>
<section id="notes">
<h2>Notes</h2>
<ul class="notes">
{{range .Notes}}{{if .}}<li>{{.}}</li>
{{end}}{{end}}</ul>
</section>
</main>
<footer>{{if .Generated}}Generated {{.Generated}}{{end}}{{if .Version}} · govsim {{.Version}}{{end}}</footer>
</div>
</body>
</html>
`
