// Package chart draws the report figures of govsim with gonum.org/v1/plot.
//
// Every chart function takes plain data and returns a *plot.Plot; SVG, PNG
// and Save encode a plot. The charts share one look: Liberation Sans text
// (metric-compatible with Arial, which the SVG names as a fallback), the
// Okabe–Ito colour-blind-safe palette assigned to scenarios in a fixed order,
// and legends placed in a band above the data area so they never cover data.
//
// Sizes are chosen for figures of about DefaultWidthCM × DefaultHeightCM,
// which stay legible when the SVG is shown 700 px wide.
//
// The charts of an exploratory design are [RegretBars] (each package's
// shortfall from the best), [Trajectory] (a PRIM peeling trajectory,
// coverage against density) and [Boxes] (the boxes where packages fail,
// every package's in one figure, against the ranges sampled).
//
// The charts of an optimisation are [Front] (the Pareto front in two
// objectives, coloured by a third, fixed and adaptive packages marked
// apart) and [Progress] (the hypervolume by generation).
//
// Labels must be Latin/pinyin: the embedded fonts have no CJK glyphs.
//
// It imports no package of the project: it draws numbers and labels.
package chart
