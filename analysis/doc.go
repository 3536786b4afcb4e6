// Package analysis turns the outputs of govsim runs into the numbers a
// report states: replicate summaries with confidence intervals, scenario
// comparisons against a reference, multiple-testing corrections, pattern
// checks, adaptive replication's stopping rule, and global sensitivity
// indices.
//
// It takes typed rows (sim/table's MonthlyRow, VillageRow, ResultRow,
// through the Add methods of Runs, VillageYears and Results) or plain
// float64 slices; it never parses a file format itself. It keeps no
// package-level mutable state and never touches a global random source, so
// the same inputs (and seed, where a bootstrap is involved) always give the
// same answer. It imports only sim/table and sim (for metric names).
//
// The pieces, by file:
//
//   - summary.go: [Summarize] gives mean, SD, quartiles and a Student t
//     confidence interval over independent replicates of one scenario.
//   - compare.go: [Welch] compares a scenario with a reference without
//     assuming equal variances; [Holm] adjusts a family of p-values;
//     [CostEffectiveness] expresses an effect per 100 million yuan spent.
//   - data.go, table.go: [Runs] holds monthly series; [Compare] makes the
//     rows of summary.csv.
//   - patterns.go: [Patterns] checks the patterns P0–P7 of docs/ODD.md.
//   - precision.go: [Precise] is adaptive replication's stopping rule.
//   - morris.go: [Morris] screens parameters with elementary effects
//     (Morris 1991; μ* of Campolongo et al. 2007), with bootstrap intervals
//     over trajectories.
//   - sobol.go: [Sobol] estimates first-order and total Sobol indices
//     (Saltelli et al. 2010; Jansen 1999) from a Saltelli design, and
//     [SplitSaltelli] unpacks a flat vector of run outputs into that design.
//   - regression.go: [Regression] gives standardised regression and partial
//     rank correlation coefficients from a Latin hypercube sample, with
//     bootstrap intervals over points.
//   - prcc.go: [PRCCs] gives the same partial rank correlations for many
//     outputs of one design at once, through the inverse of the ranks'
//     correlation matrix, with bootstrap intervals from shared resamples:
//     the drivers of every reform package and metric of an exploratory
//     design in the time one output would take.
//   - stability.go: the rules, with their sources, for when a design is too
//     small for its indices ([MorrisWarning], [SobolWarning],
//     [RegressionWarnings]).
//   - explore.go: for exploratory designs where every reform package runs
//     at every point with the reference package's seeds,
//     [RobustnessAcross] gives each package's share of points at which it
//     beats the reference (with a [Wilson] interval), its mean paired
//     difference and its regret; [KS] is the two-sample
//     Kolmogorov–Smirnov test of regional sensitivity analysis. Scenario
//     discovery (PRIM) is the subpackage analysis/prim.
//   - optimise.go: for an optimisation (govsim optimise), [Outcomes] gives
//     each objective's mean over replicates with a t interval, and [Score]
//     what NSGA-II minimises: the objectives (a maximised one negated) and
//     the total violation of the constraints, each excess relative to its
//     limit. The search itself is the subpackage analysis/pareto.
//
// Functions whose signature has no error return degrade to NaN for inputs
// that cannot support an estimate (for example a confidence interval from a
// single replicate); each documents exactly when. Functions that take a
// whole experimental design return an error instead, because a malformed
// design is a bug upstream that should stop the analysis.
package analysis
