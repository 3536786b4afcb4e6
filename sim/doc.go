// Package sim is the model: a district of villages and communities whose
// villagers, migrants, committees and cooperatives live month by month
// under the reforms the Nanhai study describes (村改居, 政经分离, 政社分离),
// as docs/ODD.md sets out.
//
// It owns Config (one tagged table of every parameter: key, unit, default,
// allowed range, meaning — read by validation, the scenario loader and the
// generated docs), the metric table (metrictable.go: every metric declared
// once with its name, unit, labels, direction, composite transform and
// whether it is a headline), one file per mechanism (reform.go,
// economy.go, membership.go, disputes.go, services.go, opinion.go,
// election.go, migration.go) and step.go for the order of the phases, and
// the engine that steps villages in parallel with results identical for
// any number of workers (run.go). rng.go is the only file that imports a
// random package.
//
// sim imports no package of the project: it knows nothing of files,
// flags, charts or experiments. Its results reach the outside through an
// Observer, month by month.
package sim
