package explore

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Condition is a case of interest for scenario discovery that the user
// names (-discover METRIC<THRESHOLD or METRIC>THRESHOLD): a scenario's
// metric, its mean over the replicates at a point, below or above a
// threshold, in the metric's stored unit.
type Condition struct {
	Metric    string
	Above     bool // METRIC>THRESHOLD; otherwise METRIC<THRESHOLD
	Threshold float64
}

// ParseCondition reads METRIC<THRESHOLD or METRIC>THRESHOLD (spaces
// allowed around the parts). It checks the form only; whether the metric
// exists is the caller's to say, with the metrics it knows.
func ParseCondition(s string) (Condition, error) {
	i := strings.IndexAny(s, "<>")
	if i < 0 || strings.Count(s, "<")+strings.Count(s, ">") != 1 {
		return Condition{}, fmt.Errorf("%q is not METRIC<THRESHOLD or METRIC>THRESHOLD (for example composite_index<0.5)", s)
	}
	name, num := strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
	if name == "" || strings.ContainsAny(name, " \t=") {
		return Condition{}, fmt.Errorf("%q: %q is not a metric name; allowed METRIC<THRESHOLD or METRIC>THRESHOLD (for example composite_index<0.5)", s, name)
	}
	x, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return Condition{}, fmt.Errorf("%q: %q is not a finite number; allowed METRIC<THRESHOLD with a number such as 0.5 or -1e3", s, num)
	}
	return Condition{Metric: name, Above: s[i] == '>', Threshold: x}, nil
}

// String writes the condition as it is parsed.
func (c Condition) String() string {
	op := "<"
	if c.Above {
		op = ">"
	}
	return c.Metric + op + strconv.FormatFloat(c.Threshold, 'g', -1, 64)
}

// Holds reports whether v meets the condition; a NaN never does.
func (c Condition) Holds(v float64) bool {
	if c.Above {
		return v > c.Threshold
	}
	return v < c.Threshold
}
