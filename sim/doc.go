// Package sim is the model: a district of villages and communities whose
// villagers, migrants, committees and cooperatives live month by month
// under the reforms the Nanhai study describes (村改居, 政经分离, 政社分离),
// as docs/ODD.md sets out.
//
// # Running a model
//
// [New] builds a district from a [Config] and a seed; [Model.Run] steps it
// to the end, handing each month's values to an [Observer], and
// [Model.Start] returns a [Runner] that steps it a month at a time (the
// classroom). Results are the same bytes for any number of workers: each
// village draws from its own [Stream], derived from (seed, replicate,
// village) by [NewStream].
//
// # Parameters
//
// [Config] is one tagged table of every parameter: key, unit, default,
// allowed range, plausible range and source, read by validation
// ([Config.Validate]), the scenario loader ([Lookup], [Param.Set],
// [DecodeReform] for [[reforms]] entries, [Param.Parse] for values written
// as text) and the generated tables of docs/ODD.md ([ParamTable],
// [AssumptionTable]). [RobustnessParams] are the uncertain ones that
// robustness analyses sample.
//
// # Reforms
//
// The kinds of reform are declared once in the kinds' table
// ([Kinds], [KindOf], sim/reformkind.go). A schedule entry ([ReformSpec],
// built in code with [Reform]) reaches the units it covers at its start,
// or when its trigger fires (trigger.go); phase 1 derives each unit's
// [Mechanisms] from the strengths in force (reform.go), and the other
// phases read only those.
//
// # Mechanisms and metrics
//
// One file per mechanism (economy.go, membership.go, disputes.go,
// services.go, opinion.go, election.go, migration.go) and step.go for the
// order of the phases. Every metric is declared once in the metric table
// ([Metrics], [MetricOf], [MetricByName], metrictable.go), with its name,
// unit, labels, direction, [Display] and composite transform; metrics.go
// computes them. rng.go is the only file that imports a random package.
//
// sim imports no package of the project: it knows nothing of files,
// flags, charts or experiments.
package sim
