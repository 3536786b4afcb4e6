// Package pareto searches for Pareto-optimal candidates with NSGA-II (Deb,
// Pratap, Agarwal & Meyarivan 2002) and measures fronts by their
// hypervolume. It is pure: it runs nothing, keeps no state between calls,
// and imports no package of the project.
//
// # Ask and tell
//
// The search is a loop the caller drives, because every evaluation is a
// simulation run that may be spread over workers, sharded or resumed:
//
//	xs, _ := Initial(vars, n, seed)
//	parents := evaluate(xs) // the caller runs each candidate: []Evaluated
//	for g := 1; g <= generations; g++ {
//		kids, _ := Offspring(vars, parents, g, seed, Options{})
//		parents, _ = Select(slices.Concat(parents, evaluate(kids)), n)
//	}
//	front, _ := Front(allEvaluations) // for the report
//
// (errors left out; the package example is the loop in full).
//
// Each call is a pure function of its arguments: Offspring's proposals
// depend on (vars, the parents as a set, generation, seed, options) only,
// its randomness coming from a stream seeded from (seed, generation). A
// search killed at any point is rebuilt from the saved evaluations by
// calling Select and Offspring again, and gives the same proposals for any
// order in which the evaluations were done or saved.
//
// # Minimisation and constraints
//
// Every objective is minimised; negate one to be maximised. A constraint
// enters as a total violation, Evaluated.Violation ≥ 0, 0 when feasible.
// [Sort], [Select], [Front] and the tournament of [Offspring] all use
// Deb's constrained domination ([Dominates]; Deb 2000): feasible beats
// infeasible, the smaller violation beats the larger, and objectives decide
// only between feasible solutions.
//
// # Variables
//
// A candidate is a []float64 with one value per [Var]: a real in
// [Lo, Hi] ([Real]), an integer ([Int]), or the index of one of several
// unordered options ([Choice]; [Bool] is a choice of two). Reals are
// crossed by SBX and mutated polynomially; integers the same on their real
// relaxation, then rounded; choices by uniform crossover and by resetting
// to another option.
//
// # Determinism and duplicates
//
// Every function first puts evaluations in a canonical order (by X
// lexicographically, then objectives, then violation) and breaks every tie
// by it, so no result depends on input order, map order or sort
// stability. Identical candidates are kept from wasting places and runs:
// Offspring mutates a child again while it copies a parent or a sibling;
// Select lets one of identical evaluations compete; [Crowding] gives
// members with identical objectives one share of the front between them.
//
// # Hypervolume
//
// [Hypervolume] is the exact volume dominated by a set of points up to a
// reference point: by a sweep for two objectives and by slicing for more.
//
// # Validation
//
// The tests hold NSGA-II to the hypervolume of the true fronts of ZDT1 and
// ZDT2 (Zitzler, Deb & Thiele 2000) after 25,000 evaluations, to the known
// front of Deb's constrained problem CONSTR, and to the known optimum of a
// problem with integer, choice and boolean variables.
//
// # References
//
//   - Deb, K. (2000). An efficient constraint handling method for genetic
//     algorithms. Computer Methods in Applied Mechanics and Engineering
//     186, 311–338.
//   - Deb, K., Pratap, A., Agarwal, S. & Meyarivan, T. (2002). A fast and
//     elitist multiobjective genetic algorithm: NSGA-II. IEEE Transactions
//     on Evolutionary Computation 6(2), 182–197.
//   - Deb, K. & Agrawal, R. B. (1995). Simulated binary crossover for
//     continuous search space. Complex Systems 9, 115–148.
//   - Deb, K. (2001). Multi-Objective Optimization using Evolutionary
//     Algorithms. Wiley. (The CONSTR problem of the tests.)
//   - Deb, K. & Goyal, M. (1996). A combined genetic adaptive search
//     (GeneAS) for engineering design. Computer Science and Informatics
//     26(4), 30–45.
//   - McKay, M. D., Beckman, R. J. & Conover, W. J. (1979). A comparison of
//     three methods for selecting values of input variables in the
//     analysis of output from a computer code. Technometrics 21(2),
//     239–245.
//   - Steele, G. L., Lea, D. & Flood, C. H. (2014). Fast splittable
//     pseudorandom number generators. OOPSLA 2014, 453–472. (SplitMix64,
//     whose finaliser derives each generation's seed.)
//   - While, L., Hingston, P., Barone, L. & Huband, S. (2006). A faster
//     algorithm for calculating hypervolume. IEEE Transactions on
//     Evolutionary Computation 10(1), 29–38.
//   - Zitzler, E. & Thiele, L. (1998). Multiobjective optimization using
//     evolutionary algorithms: a comparative case study. Parallel Problem
//     Solving from Nature V, 292–301. (The hypervolume.)
//   - Zitzler, E., Deb, K. & Thiele, L. (2000). Comparison of
//     multiobjective evolutionary algorithms: empirical results.
//     Evolutionary Computation 8(2), 173–195.
package pareto
