package report

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/govsim/govsim/sim/table"
)

// CalibrationMarkdown renders a calibration's summaries (parameters.csv,
// targets.csv and generations.csv in dir) as Markdown, for docs/ODD.md:
// what the figures constrain, and to what, and whether the calibrated
// model reproduces each figure.
func CalibrationMarkdown(dir string) (string, error) {
	var b strings.Builder
	var gens, runs int64
	var last table.Cell
	err := table.ReadCalibrationTable(dir, table.GenerationsCSV, table.GenerationsColumns(), func(row []table.Cell) error {
		gens++
		runs += row[6].I
		last = row[1]
		return nil
	})
	if err != nil {
		return "", err
	}
	fmt.Fprintf(&b, "%d generations, %d runs; the last tolerance %s (a distance in targets' tolerances).\n\n", gens, runs, calNum(last.F))
	b.WriteString("| parameter | prior | posterior mean | 90% interval | SD ratio | the figures |\n| --- | --- | --- | --- | --- | --- |\n")
	var cons, none []string
	err = table.ReadCalibrationTable(dir, table.ParametersCSV, table.ParametersColumns(), func(r []table.Cell) error {
		prior := fmt.Sprintf("%s [%s, %s]", r[1].S, calNum(r[2].F), calNum(r[3].F))
		fmt.Fprintf(&b, "| `%s` | %s | %s | [%s, %s] | %.2f | %s |\n", r[0].S, prior, calNum(r[6].F), calNum(r[8].F), calNum(r[10].F), r[11].F, r[12].S)
		switch r[12].S {
		case "not constrained":
			none = append(none, "`"+r[0].S+"`")
		default:
			cons = append(cons, fmt.Sprintf("`%s` (%s) to [%s, %s]", r[0].S, r[12].S, calNum(r[8].F), calNum(r[10].F)))
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	b.WriteString("\n| target | observed ± tolerance | posterior runs: median [90%] | observation 90% | observed inside |\n| --- | --- | --- | --- | --- |\n")
	var outside []string
	err = table.ReadCalibrationTable(dir, table.TargetsCSV, table.TargetsColumns(), func(r []table.Cell) error {
		in := "yes"
		if r[13].I == 0 {
			in = "**no**"
			outside = append(outside, "`"+r[0].S+"`")
		}
		fmt.Fprintf(&b, "| `%s` | %s ± %s | %s [%s, %s] | [%s, %s] | %s |\n", r[0].S, calNum(r[4].F), calNum(r[5].F),
			calNum(r[8].F), calNum(r[9].F), calNum(r[10].F), calNum(r[11].F), calNum(r[12].F), in)
		return nil
	})
	if err != nil {
		return "", err
	}
	b.WriteString("\n")
	if len(cons) > 0 {
		b.WriteString("The figures constrain " + joinWords(cons) + ". ")
	}
	if len(none) > 0 {
		b.WriteString("They cannot constrain " + joinWords(none) + ": each posterior is about its prior, and its plausible range remains an assumption these figures do not test. ")
	}
	if len(outside) > 0 {
		b.WriteString("At the calibrated values the model does not reproduce " + joinWords(outside) + ".")
	} else {
		b.WriteString("At the calibrated values the model reproduces every figure within its tolerance (each observed value inside its posterior predictive interval).")
	}
	b.WriteString("\n")
	return b.String(), nil
}

// SelfCheckMarkdown renders a self-calibration's result (the file
// table.SelfCheckColumns lays out) as Markdown, for docs/ODD.md: per
// parameter how often the 90% interval held the true value, and each
// case.
func SelfCheckMarkdown(path string) (string, error) {
	type tally struct {
		n, covered int
		ratio      float64
	}
	per := map[string]*tally{}
	var order []string
	var cases strings.Builder
	cases.WriteString("| case | parameter | true value | posterior mean | 90% interval | SD ratio | covered |\n| --- | --- | --- | --- | --- | --- | --- |\n")
	err := table.ReadCalibrationTable(filepath.Dir(path), filepath.Base(path), table.SelfCheckColumns(), func(r []table.Cell) error {
		t := per[r[1].S]
		if t == nil {
			t = &tally{}
			per[r[1].S] = t
			order = append(order, r[1].S)
		}
		t.n++
		t.covered += int(r[7].I)
		t.ratio += r[6].F
		fmt.Fprintf(&cases, "| %d | `%s` | %s | %s | [%s, %s] | %.2f | %s |\n", r[0].I, r[1].S, calNum(r[2].F), calNum(r[3].F), calNum(r[4].F), calNum(r[5].F), r[6].F, yes(r[7].I == 1))
		return nil
	})
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("| parameter | 90% interval holds the true value | mean SD ratio |\n| --- | --- | --- |\n")
	for _, k := range order {
		t := per[k]
		fmt.Fprintf(&b, "| `%s` | %d of %d cases | %.2f |\n", k, t.covered, t.n, t.ratio/float64(t.n))
	}
	b.WriteString("\n<details><summary>Each case</summary>\n\n" + cases.String() + "\n</details>\n")
	return b.String(), nil
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return "**no**"
}
