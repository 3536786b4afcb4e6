// Package report assembles and writes govsim's reports: the comparison of
// scenarios (report.html, summary.csv, charts/ and the ranked terminal
// table), the sensitivity analysis of a sweep (sensitivity.html,
// sensitivity.csv), the exploration, calibration and optimisation pages
// (optimise.html, with each package in words: [PackageText]) and the
// final-years table of govsim run. Which charts
// and sections a report gets is declared as data (sections.go); titles,
// units and directions come from sim's metric table.
//
// The HTML report is one file: inline CSS and inline SVG charts, no scripts
// and no external resources, so it can be mailed, archived and printed as
// it is. It is laid out for readers who will not study tables: what was
// compared, the ranking in one line, then the ranked table, the chart
// sections with one-sentence captions, the pattern checks, how to reproduce
// the run and the notes. All text is escaped by html/template; only the
// chart SVG, which our own chart code generates, is inserted as markup, and
// Write refuses SVG that would load anything from outside the file.
//
// It imports analysis, output/chart, sim and sim/table; never scenarios or
// sim/experiment: it reads what runs wrote, it runs nothing.
package report
