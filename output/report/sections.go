package report

import "github.com/govsim/govsim/sim"

// Which charts a comparison gets, declared as data: adding a chart to the
// report is a metric in one of these lists. Titles, units and directions
// come from the metric table in sim.

// chartKind is how a section draws its metrics.
type chartKind int

const (
	overTime    chartKind = iota // lines over years with 95% bands
	againstRef                   // dot-and-whisker differences from the reference
	atElections                  // markers at election months
	villageMaps                  // the villages on the plane
)

// chartSection is one section of charts.
type chartSection struct {
	title, intro string
	kind         chartKind
	metrics      []sim.MetricID
}

// comparisonCharts are the chart sections of a comparison report.
func comparisonCharts() []chartSection {
	return []chartSection{
		{"Over time", "Each line is a scenario's mean over replicates, the band its 95% confidence interval.", overTime,
			[]sim.MetricID{sim.CompositeIndex, sim.SatisfactionMigrant, sim.SatisfactionLocal, sim.DisputesOpened, sim.ServiceGap, sim.LeakageShare, sim.FiscalSpending}},
		{"Against the reference", "", againstRef,
			[]sim.MetricID{sim.CompositeIndex, sim.SatisfactionMigrant, sim.DisputesOpened, sim.VoteBuyingTotal, sim.CommitteeCompetence, sim.FiscalSpending}},
		{"Elections", "Measured at each election (every 36 months by default): markers are means over replicates with 95% intervals.", atElections,
			[]sim.MetricID{sim.VoteBuyingTotal, sim.VoteBuying, sim.BoardVoteBuying, sim.CandidatesPerSeat, sim.CommitteeCompetence, sim.StakeLandShare, sim.MigrantVoterShare}},
		{"Villages", "", villageMaps, nil},
	}
}

// mapColours are what village maps may be coloured by, with their legends.
func mapColours() map[string]string {
	return map[string]string{
		"satisfaction": "satisfaction of locals",
		"trust":        "trust in the committee",
		"status":       "urban community (1) or village (0)",
	}
}
