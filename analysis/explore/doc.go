// Package explore analyses an exploratory design: every reform package and
// the reference package run at every point of a sample of the plausible
// parameter space, on the same seeds at a point (govsim explore). It
// answers a policy advisor's question — which package wins across
// everything we are unsure of, and where does it fail? — with each
// package's paired difference from the reference at every point, never
// with levels, so that the luck of the runs cancels.
//
// # Robustness
//
// For each package and metric, [Analyse] gives the share of points at
// which the package beats the reference (strictly, in the metric's
// better direction; a tie does not count), with a Wilson interval, the
// mean paired difference with its t interval, and regret: how far the
// package falls short of the best package at a point (maximum and 90th
// percentile). These are analysis.RobustnessAcross's. A conclusion that
// holds at 95% of the points is a finding; one that holds at 55% is an
// assumption, and a report must say so.
//
// # Scenario discovery
//
// Where a package fails to beat the reference, PRIM (Friedman & Fisher
// 1999, as scenario discovery uses it: Bryant & Lempert 2010; Kwakkel
// 2017) finds a box of parameter limits inside which the failures
// concentrate (analysis/prim: peeling with α = 0.05, pasting, the peeling
// trajectory, quasi-p-values of each limit, and by default the densest box
// covering at least half of the failures). Beside it, the regional
// sensitivity of each parameter (Spear & Hornberger 1980): the
// Kolmogorov–Smirnov distance between its values where the package
// succeeds and where it fails. [Condition] names other cases of interest
// (a metric below or above a threshold), searched for in every scenario.
//
// # Drivers
//
// For each package and metric, the partial rank correlation of the paired
// difference with each parameter (analysis.PRCCs), with bootstrap
// intervals. They need more design points than parameters, and about ten
// per parameter to be stable; a smaller design gets a warning naming the
// rule, and its drivers are read from the KS distance alone.
//
// # Patterns
//
// [Patterns] checks the model's patterns P1–P7 at every point as the
// comparison report checks them, and counts where each held.
//
// # Data and determinism
//
// [Data] holds each run's results (a sweep's results table, through Add).
// At a point, a metric's scenarios are compared over the replicates where
// all of them are defined; a point where none is drops out of that
// metric's analysis, and the count is reported. Everything is a pure
// function of the design, the data and the options (the bootstrap's
// stream is seeded from Options.Seed): the same inputs give the same
// result, bit for bit.
//
// It imports analysis and analysis/prim, and sim/table for the rows it
// reads.
package explore
