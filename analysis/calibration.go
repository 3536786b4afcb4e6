package analysis

import (
	"fmt"
	"strings"
)

// CalibrationRow is one figure of pattern P0 — a published figure about
// Nanhai — against what the model gives at its defaults, as measured by the
// model's TestPatterns (calibration_gen.go).
type CalibrationRow struct {
	What, Target, Model, Source string
	Held                        bool // the model lands in the target's range
}

// Calibration lists the calibration targets against the model.
func Calibration() []CalibrationRow { return calibration() }

// DefaultChecks are the pattern checks of TestPatterns at the defaults.
func DefaultChecks() []Check { return defaultChecks() }

// CalibrationTable renders the calibration targets against the model as
// Markdown, for docs/ODD.md (its CALIBRATION markers).
func CalibrationTable() string {
	var b strings.Builder
	b.WriteString("| figure | target | model (mean [95% interval]) | in range | source |\n| --- | --- | --- | --- | --- |\n")
	for _, r := range calibration() {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", cellMD(r.What), cellMD(r.Target), cellMD(r.Model), yesNo(r.Held), cellMD(r.Source))
	}
	return b.String()
}

// PatternTable renders the checks at the defaults as Markdown, with each
// pattern's robustness, for docs/ODD.md (its PATTERNS markers).
func PatternTable() string {
	var b strings.Builder
	b.WriteString("| pattern | claim | at the defaults | evidence | robustness |\n| --- | --- | --- | --- | --- |\n")
	for _, c := range defaultChecks() {
		r := RobustnessOf(c.ID)
		if r == "" {
			r = "—"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", c.ID, cellMD(c.Claim), yesNo(c.Held), cellMD(c.Evidence), cellMD(r))
	}
	fmt.Fprintf(&b, "\nP6 as an experiment: %s.\n", threatExperiment)
	return b.String()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "**no**"
}

func cellMD(s string) string { return strings.ReplaceAll(s, "|", "\\|") }

// VersionTable renders model version 3 beside version 2 for docs/ODD.md
// (its VERSIONS markers): how often each reform beat no reform on the
// composite index over each version's plausible space, how often each
// pattern pointed the claimed way, and the default comparison's headline
// differences from no reform.
func VersionTable() string {
	var b strings.Builder
	b.WriteString("Over the plausible space (version 2: its own ranges; version 3: the Assumptions table; the same design, " + robustnessBrief + "):\n\n")
	b.WriteString("| scenario | composite above no reform, version 2 | version 3 |\n| --- | --- | --- |\n")
	v2 := map[string]RobustReform{}
	for _, x := range version2Reforms() {
		v2[x.Scenario] = x
	}
	for _, x := range robustReforms() {
		o := v2[x.Scenario]
		fmt.Fprintf(&b, "| %s | %d of %d | %d of %d |\n", x.Scenario, o.Better, o.Points, x.Better, x.Points)
	}
	b.WriteString("\n| pattern | points the claimed way, version 2 | version 3 |\n| --- | --- | --- |\n")
	p2 := map[string]Robust{}
	for _, r := range version2Robustness() {
		p2[r.ID] = r
	}
	for _, r := range robustness() {
		o := p2[r.ID]
		fmt.Fprintf(&b, "| %s | %d of %d | %d of %d |\n", r.ID, o.Right, o.Points, r.Right, r.Points)
	}
	b.WriteString("\nP1 was restated in version 3 (contests that draw more candidates than seats of their own accord, and public-minded candidates who stand); version 2's P1 counted candidates per seat, which the 差额 rule keeps above 1.\n")
	b.WriteString("\nThe default comparison (`govsim compare`: the teaching district, 10 replicates, seed 1, the final five years), each reform minus no reform, paired, with 95% intervals:\n\n")
	b.WriteString("| metric | scenario | version 2 | version " + versionModel + " |\n| --- | --- | --- | --- |\n")
	old := map[[2]string]VersionRow{}
	for _, r := range version2Rows() {
		old[[2]string{r.Scenario, r.Metric}] = r
	}
	cell := func(r VersionRow, ok bool) string {
		if !ok {
			return "—"
		}
		return fmt.Sprintf("%+.4g [%+.4g, %+.4g]", r.Diff, r.Low, r.High)
	}
	for _, r := range versionNow() {
		o, ok := old[[2]string{r.Scenario, r.Metric}]
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", r.Metric, r.Scenario, cell(o, ok), cell(r, true))
	}
	return b.String()
}
