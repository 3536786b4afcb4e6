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
