// Package scenarios reads govsim's input files and turns them into an
// experiment's inputs.
//
// # Scenario files
//
// TOML files that set some of the model's parameters and schedule reforms
// ([[reforms]], read by sim.DecodeReform), optionally on top of another
// scenario named by `extends`; a file's own keys (name, label, label_zh,
// description, description_zh, color) are never inherited. A few are
// embedded ([Embedded], [Teaching], [Reference], [ClassroomPanes]); any
// other is a path. [Load], [LoadAll] and [Parse] resolve the whole chain
// over the defaults and check every key, type and range; [Format] writes a
// resolved configuration back as a complete, commented file that loads to
// the same configuration. [ParseOverrides] and [ApplyOverrides] are -set.
//
// # Designs
//
// Sweep files ([LoadSweep], [Sweep], [Plan]) name scenarios, the
// parameters to vary and a design (scenarios/design); [PlanExplore] is the
// exploratory design of govsim explore over the uncertain parameters
// ([UncertainRanges], [LoadRanges]); calibration files
// ([LoadCalibration]) name the observed figures and the parameters to
// calibrate; optimisation files ([LoadOptimisation]) say what a reform
// package may hold, what it should achieve and within what, and lay every
// candidate out as a point over one template scenario
// ([Optimisation.Point]).
//
// # Bad input
//
// Every problem is an [InputError] (govsim's one bad-input type,
// badinput.Error) naming file, line and key and what is allowed; [All]
// lists every problem of a file.
//
// It imports sim, sim/experiment, sim/table, scenarios/design, sim/shard
// and sim/badinput; never analysis or output.
package scenarios
