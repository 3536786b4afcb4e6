// Package chart draws govsim's figures with gonum.org/v1/plot.
//
// # Charts
//
// Every chart function takes plain data and returns a *plot.Plot:
// [TimeSeries], [DotWhisker], [VillageMap], [MorrisScatter], [SobolBars],
// [RegressionBars], the exploration's [RegretBars], [Trajectory] and
// [Boxes], and the calibration's [MarginalChart], [Pair], [Predictive] and
// [Constraint]. [SVG], [PNG], [Save] and [Write] encode them.
//
// # Look
//
// The charts share one look: Liberation Sans text, or a Chinese font
// ([FindCJKFont], [LoadFont], [WithFont]) with Chinese labels; the
// Okabe–Ito colour-blind-safe palette; legends in a band above the data.
// A scenario looks the same everywhere: [Scenario] carries the label,
// Chinese label and colour its file declares, and [ScenarioColors] gives
// the classroom the report's colours. Without a Chinese font, [WithLatin]
// spells Chinese terms in pinyin.
//
// The charts of an optimisation are [Front] (the Pareto front in two
// objectives, coloured by a third, fixed and adaptive packages marked
// apart) and [Progress] (the hypervolume by generation).
//
// It imports no package of the project: it draws numbers and labels.
package chart
