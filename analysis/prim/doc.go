// Package prim finds boxes in parameter space where a case of interest is
// concentrated, with the Patient Rule Induction Method (Friedman & Fisher
// 1999) as scenario discovery uses it (Bryant & Lempert 2010; Kwakkel
// 2017, the EMA Workbench): given design points x and a yes/no outcome y
// at each (say, "the reform package fails to beat the reference"), [Find]
// returns a few limits on a few parameters inside which the outcome is
// mostly yes, and says how much of it they catch.
//
// # Measures of a box
//
// A box is a set of limits [Low, High] on every parameter; a point is in
// it when every coordinate lies within its limits, inclusive. Its
// coverage is the share of all cases of interest inside it, its density
// the share of the points inside it that are cases, and its mass the share
// of all points inside it. Peeling trades coverage for density; a good box
// has both high, and few restricted dimensions.
//
// # Algorithm
//
// Peeling starts from the initial box (the plausible range of every
// parameter, not the data's minimum and maximum) and repeatedly removes a
// slice holding a share PeelAlpha of the box's points from the low or the
// high side of one dimension, the one slice of all 2k whose removal leaves
// the densest box. Ties are broken, in order, for the peel that restricts
// no new dimension, then for the larger remaining box, then for the lower
// dimension, low side first. A peel never splits points with equal values
// (ties at the cut go together), and the new limit lies midway between the
// last point removed and the first kept. Peeling stops when every peel
// would leave less than MinMass of all points, or when the box holds only
// cases (no peel can then raise its density). The boxes visited are the
// trajectory: their mass never rises, nor their coverage.
//
// The chosen box is the densest box on the trajectory whose coverage is at
// least Threshold; among equally dense boxes, the first, which has the
// highest coverage. It is then refined, and the refinement only ever
// widens it:
//
//   - Pruning. Peeling is greedy and takes whatever slice is densest,
//     so near the end it also peels dimensions the outcome does not depend
//     on, where a slice happens to hold few cases. Each moved limit is
//     tested by its quasi-p-value (below); a limit whose p exceeds MaxQuasiP
//     is returned to the initial box's, the least significant first, until
//     every remaining limit is significant. This is the rule analysts apply
//     by hand with the EMA Workbench's drop_restriction, made automatic so
//     that the box [Find] returns describes the data and not its noise.
//   - Pasting (Friedman & Fisher 1999): a moved limit is moved back out
//     to take in a share PasteAlpha of the box's points from the slab just
//     outside it, whichever such step raises the density most, for as long
//     as some step raises it.
//
// The two alternate until neither changes the box.
//
// # Quasi-p-values
//
// For a restricted dimension, the quasi-p-value (Bryant & Lempert 2010) is
// a one-sided binomial test: the probability that the box's points would
// hold at least as many cases as they do if each were a case with the rate
// found in the box with that dimension's restriction removed. A small value
// says the restriction picks out cases; a value near 1/2 or above says the
// box would do as well without it. [Box] gives it per dimension
// (QuasiP) and per limit (LimitQuasiP, one limit relaxed at a time, as the
// EMA Workbench reports it); pruning uses the per-limit values, so that a
// dimension whose one limit matters keeps only that limit.
//
// # Choosing the threshold
//
// The densest box is found deep in the trajectory, where the last peels
// fit noise: its density is flattered and its coverage low. So the
// threshold is best set to the coverage the box must have. In the
// package's validation (a box planted on two of five parameters, 1000
// uniform points, 5% of labels flipped), the default 0.5 gives boxes of
// density above 0.92 that cover less than 0.8 of the cases in 99 of 100
// samples; Threshold 0.8 finds the planted box (limits within 0.05,
// density at least 0.9) in 70 of 100 samples, where the planted box
// itself meets those figures in 85, and in 85 of 100 at 5000 points
// (planted: 97). Pruning left no noise parameter restricted in any of
// these 200 samples.
//
// # Determinism
//
// There is no randomness: the same inputs give the same result, bit for
// bit.
package prim
