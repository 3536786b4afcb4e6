// Package scenarios loads govsim scenario files: TOML files that set some of
// the model's parameters (sim.Params) and schedule reforms ([[reforms]]),
// optionally on top of another scenario named by `extends`; and sweep
// files, which name scenarios, the parameters to vary and an experiment
// design (subpackage design), and become an experiment's run specs; and
// calibration files (LoadCalibration), which name observed figures
// (targets), the parameters to calibrate (priors) and the scenarios to run;
// and optimisation files (LoadOptimisation), which say what a reform
// package may hold, what it should achieve and within what, and lay every
// candidate out as a point over one template scenario
// ([Optimisation.Point]).
//
// A few scenarios are embedded in the binary (Embedded); any other is a path
// to a .toml file. Loading resolves the whole extends chain over the
// defaults, checks every key, type and range, and reports bad input as an
// *InputError (govsim's one bad-input type, [badinput.Error]) naming file,
// line and key, so that the command line can print one clear line. Format
// writes a resolved configuration back out as a complete, commented TOML
// file that loads to exactly the same configuration.
//
// It imports sim, sim/experiment and sim/table (to hand over scenarios,
// design points and a sweep's identity), scenarios/design and
// sim/badinput; never analysis or output.
package scenarios
