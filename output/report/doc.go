// Package report assembles and writes govsim's reports. Which charts and
// sections a report gets is declared as data (sections.go); titles, units
// and directions come from sim's metric table, and scenarios' labels and
// colours from their files through the manifest (look.go).
//
// # The reports
//
// [Compare] analyses the runs of govsim run or compare: report.html,
// summary.csv (with each metric's unit and direction), charts/ and the
// ranked terminal table. [Analyze] is the sensitivity analysis of a sweep
// (sensitivity.html, sensitivity.csv); [Explore] the analysis of an
// exploratory design (robustness.csv, discovery.csv, drivers.csv,
// explore.html); [Calibration] the page of a calibration
// (calibration.html); [Optimisation] the page of an optimisation
// (optimise.html, each package in words: [PackageText]); [Final] the
// final-years table of govsim run.
//
// # One file a page
//
// Each HTML page is one file: inline CSS and inline SVG charts, no scripts
// and no external resources, so it can be mailed, archived and printed as
// it is. All text is escaped by html/template; only the chart SVG, which
// our own chart code generates, is inserted as markup, and [Write] refuses
// SVG that would load anything from outside the file. Every page says
// first what was simulated: the district, its scale, the window, the
// replicates and seeds.
//
// It imports analysis, output/chart, sim and sim/table; never scenarios or
// sim/experiment: it reads what runs wrote, it runs nothing.
package report
