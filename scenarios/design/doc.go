// Package design builds experiment designs: the parameter points that a
// sweep runs. A design is a list of points, each giving a value for every
// varied parameter (a [Factor]).
//
// # Kinds
//
// Five kinds are provided, each named by a [Kind]:
//
//   - [Grid]: full factorial over levels of each factor (last factor fastest).
//   - [LHS]: Latin hypercube sample, one point per stratum per factor.
//   - [Morris]: r elementary-effect trajectories of k+1 points (Morris 1991).
//   - [Saltelli]: N(k+2) points for Sobol' indices (Saltelli 2002/2010 layout).
//   - [FromCSV]: explicit points read from a CSV file.
//
// LHS, Morris and Saltelli sample factor ranges from a seed and take a
// sample size; a grid and a CSV design are fixed by their input. Callers
// ask the kind which it is ([Kind.Sampled]) rather than list the kinds.
//
// # Factors and distributions
//
// Every point carries unit coordinates in [0,1]^k as well as the parameter
// values. Sampling happens in unit space; a factor's Dist maps unit
// coordinates to values through its inverse CDF (quantile function):
//
//   - "uniform" (or ""): Min + u(Max−Min)
//   - "loguniform": exp(log Min + u(log Max − log Min)); needs Min > 0
//   - "normal": normal(Mean, SD) truncated to [Min, Max]
//   - "int": integers in [ceil Min, floor Max], each equally likely
//
// u = 0 maps to Min and u = 1 maps to Max exactly (for "int", to the end
// integers). A factor with Values is a list instead: only Grid and FromCSV
// accept lists, and its unit coordinate is NaN.
//
// # Errors and determinism
//
// All functions are pure. Randomness comes only from a generator built from
// the seed argument (golang.org/x/exp/rand PCG), so the same inputs always
// give the same design. Invalid input yields an error naming the factor key
// and the allowed values — a [FactorError], saying which factor, when one
// is at fault; nothing panics. A design's size is bounded by [MaxRuns].
//
// It imports no package of the project.
package design
