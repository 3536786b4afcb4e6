// Package analysis turns the outputs of govsim runs into the numbers a
// report states. It takes typed rows (sim/table's rows, through [Runs.Add]
// and [Results.Add]) or plain float64 slices; it never parses a file
// format itself, keeps no package-level mutable state and never touches a
// global random source, so the same inputs (and seed, where a bootstrap is
// involved) always give the same answer.
//
// # Comparisons
//
// [Summarize] gives a replicate summary with a Student t interval;
// [Paired] and [Welch] compare a scenario with a reference ([Versus]
// picks paired when the replicates share seeds); [Holm] adjusts a family
// of p-values; [Compare] makes the rows of summary.csv and [Rank] orders
// them; [CostEffectiveness] puts an effect per 100 million yuan;
// [Precise] is adaptive replication's stopping rule.
//
// # Patterns
//
// [CheckPatterns] checks P0–P7 of docs/ODD.md on runs of the embedded
// scenarios ([PatternList], [NoReform]); [Robustness],
// [ReformsVsNoReform] and [VersionTable] are what the model's tests
// measured over the plausible space (the *_gen.go files); [Calibration]
// the calibration targets against the model.
//
// # Sensitivity and exploration
//
// [Morris], [Sobol] and [Regression] (standardised regression and partial
// rank correlation, [PRCCs] for many outputs at once) estimate global
// sensitivity indices, and [MorrisWarning], [SobolWarning] and
// [RegressionWarnings] say when a design is too small for them.
// [RobustnessAcross] gives each package's share of points where it beats
// the reference, with a [Wilson] interval, its paired difference and its
// regret; [KS] is the regional sensitivity of scenario discovery (PRIM is
// analysis/prim; the whole exploration is analysis/explore). For an
// optimisation, [Outcomes] gives each objective's mean over replicates with
// a t interval and [Score] turns them into what NSGA-II minimises
// (analysis/pareto) and a constraint violation.
//
// Functions whose signature has no error return degrade to NaN for inputs
// that cannot support an estimate; those that take a whole design return
// an error instead, because a malformed design is a bug upstream.
package analysis
