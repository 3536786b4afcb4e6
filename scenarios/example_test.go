package scenarios_test

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/govsim/govsim/scenarios"
)

func Example_embedded() {
	for _, name := range scenarios.Embedded() {
		d, err := scenarios.Describe(name)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%-12s %s\n", name, d)
	}
	// Output:
	// baseline     no reform: merged village governance, villages stay rural
	// cungaiju     村改居 from month 12: eligible villages become urban communities
	// nanhai       Nanhai's staged path: 村改居 (month 12), 政经分离 (24), 政社分离 (36)
	// nanhai-full  Nanhai's staged path at 1:1 scale: 282 units, about 2.5 million residents
	// zhengjing    政经分离 from month 12 in all villages: committees stop running the collective economy
	// zhengshe     政社分离 from month 12 in all villages: service centres take over administrative tasks
}

func ExampleLoad() {
	sc, err := scenarios.Load("nanhai")
	if err != nil {
		panic(err)
	}
	fmt.Println(sc.Name, sc.Source, sc.Config.Months, "months")
	for _, r := range sc.Config.Reforms {
		fmt.Printf("%s from month %d (%s)\n", r.Kind, r.Start, r.Coverage)
	}
	// Output:
	// nanhai embedded:nanhai.toml 240 months
	// cungaiju from month 12 (eligible)
	// zhengjing from month 24 (all)
	// zhengshe from month 36 (all)
}

func ExampleParse() {
	src := []byte(`extends = "baseline"
name = "leaky"

[economy]
lamda0 = 0.6
`)
	_, err := scenarios.Parse("leaky.toml", src, "")
	var ie *scenarios.InputError
	if errors.As(err, &ie) {
		fmt.Println(ie.Line, ie.Key)
	}
	fmt.Println(err)
	// Output:
	// 5 economy.lamda0
	// leaky.toml:5: economy.lamda0: unknown key "economy.lamda0" (did you mean "economy.lambda0"?)
}

func ExampleFormat() {
	sc, err := scenarios.Load("zhengjing")
	if err != nil {
		panic(err)
	}
	out := scenarios.Format(sc.Config)
	// The file ends with the schedule.
	fmt.Printf("%s", out[bytes.LastIndex(out, []byte("[[reforms]]")):])
	// Output:
	// [[reforms]]
	// kind = "zhengjing"
	// start = 12
	// end = 0
	// ramp = 0
	// intensity = 1.0
	// coverage = "all"
	// separations = ["personnel", "institutions", "assets", "finance", "functions"]
}

// A calibration file names targets (observed figures with tolerances) and
// priors (each parameter's range defaults to its plausible one); Build
// runs each scenario only as long as its targets need.
func ExampleParseCalibration() {
	file := `particles = 50

[[target]]
metric = "dividend_per_share"
from = 36
to = 60
observed = 7000.0
tolerance = 5000.0

[[prior]]
key = "economy.lambda0"
`
	c, err := scenarios.ParseCalibration("cal.toml", []byte(file), "")
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := c.Build(); err != nil {
		fmt.Println(err)
		return
	}
	t := c.Targets[0]
	fmt.Printf("%s: %s, %s, observed %g ± %g\n", t.Name, t.Formula(), t.Window(), t.Observed, t.Tolerance)
	fmt.Printf("prior %s on [%g, %g]; %s runs %d months\n", c.Priors[0].Key, c.Priors[0].Min, c.Priors[0].Max, c.Scenarios[0].Name, c.Scenarios[0].Config.Months)
	// Output:
	// dividend_per_share: dividend_per_share, months 36–59, observed 7000 ± 5000
	// prior economy.lambda0 on [0.3, 0.6]; baseline runs 60 months
}
