package main

import (
	"fmt"
	"html/template"
	"math"
	"os"
	"path/filepath"

	"gonum.org/v1/plot"

	"github.com/govsim/govsim/analysis"
	"github.com/govsim/govsim/output/chart"
	"github.com/govsim/govsim/output/report"
)

// chartSpec names a metric chart with its axis label.
type chartSpec struct{ metric, title, unit string }

// charts draws every chart of the report into dir/charts (PNG and SVG) and
// returns them grouped in sections, SVG inline.
// mapOptions chooses the village maps: at which months (year ends) and
// coloured by what.
type mapOptions struct {
	months []int  // nil: the first and the last year
	by     string // satisfaction, trust or status
}

func charts(dir string, d *analysis.Runs, rows []analysis.Row, ref string, from, to int, mo mapOptions) ([]report.Section, error) {
	cdir := filepath.Join(dir, "charts")
	if err := os.MkdirAll(cdir, 0o755); err != nil {
		return nil, err
	}
	const w, h = 16.0, 9.0
	save := func(p *plot.Plot, name, title, caption string) (report.Chart, error) {
		if err := chart.Save(p, cdir, name, w, h); err != nil {
			return report.Chart{}, fmt.Errorf("chart %s: %w", name, err)
		}
		svg, err := chart.SVG(p, w, h)
		if err != nil {
			return report.Chart{}, fmt.Errorf("chart %s: %w", name, err)
		}
		return report.Chart{Title: title, Caption: caption, SVG: template.HTML(svg), PNG: filepath.Join("charts", name+".png")}, nil
	}
	series := func(metric string) []chart.Series {
		var out []chart.Series
		for _, s := range d.Scenarios {
			b := d.Band(s, metric, 0.95)
			if len(b.Months) == 0 {
				continue
			}
			years := make([]float64, len(b.Months))
			for i, m := range b.Months {
				years[i] = m / 12
			}
			out = append(out, chart.Series{Name: chart.ScenarioLabel(s), X: years, Mean: b.Mean, Low: b.Low, High: b.High})
		}
		return out
	}
	var sections []report.Section

	// Over time.
	over := report.Section{Title: "Over time", Intro: "Each line is a scenario's mean over replicates, the band its 95% confidence interval."}
	for _, c := range []chartSpec{
		{"composite_index", "Composite index (higher is better)", "composite index, 0–1"},
		{"satisfaction_migrant", "Migrants' satisfaction with services", "satisfaction, 0–1"},
		{"satisfaction_local", "Locals' satisfaction with services", "satisfaction, 0–1"},
		{"disputes_opened_per_1000", "New disputes", "per 1,000 residents per month"},
		{"urban_rural_service_gap", "Urban–rural service gap", "quality gap (urban − rural origin)"},
		{"leakage_share", "Leakage of collective income", "share of income"},
		{"fiscal_spending", "District fiscal spending", "yuan per month"},
	} {
		p, err := chart.TimeSeries(c.title, "year", c.unit, series(c.metric), false)
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", c.metric, err)
		}
		ch, err := save(p, "ts-"+c.metric, c.title, "")
		if err != nil {
			return nil, err
		}
		over.Charts = append(over.Charts, ch)
	}
	sections = append(sections, over)

	// Against the reference.
	against := report.Section{Title: "Against the reference", Intro: fmt.Sprintf("Difference of each scenario from %s over months %d–%d, with 95%% Welch intervals; a whisker that crosses zero is not a clear difference.", ref, from, to-1)}
	for _, c := range []chartSpec{
		{"composite_index", "Composite index", "difference in composite index"},
		{"satisfaction_migrant", "Migrants' satisfaction", "difference in satisfaction"},
		{"disputes_opened_per_1000", "New disputes", "difference, per 1,000 residents per month"},
		{"vote_buying_rate", "Vote buying in committee elections", "difference in share of voters who sold"},
		{"fiscal_spending", "Fiscal spending", "difference, yuan per month"},
	} {
		var dots []chart.Dot
		for _, s := range d.Scenarios {
			if s == ref {
				continue
			}
			r, ok := analysis.Find(rows, s, c.metric)
			if !ok || math.IsNaN(r.Diff) {
				continue
			}
			dots = append(dots, chart.Dot{Label: chart.ScenarioLabel(s), Value: r.Diff, Low: r.DiffLow, High: r.DiffHigh})
		}
		if len(dots) == 0 {
			continue
		}
		p, err := chart.DotWhisker(c.title+" against "+ref, c.unit, dots)
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", c.metric, err)
		}
		ch, err := save(p, "diff-"+c.metric, c.title, "")
		if err != nil {
			return nil, err
		}
		against.Charts = append(against.Charts, ch)
	}
	sections = append(sections, against)

	// Elections.
	el := report.Section{Title: "Elections", Intro: "Measured at each election (every 36 months by default): markers are means over replicates with 95% intervals."}
	for _, c := range []chartSpec{
		{"vote_buying_rate", "Vote buying in committee elections", "share of voters who sold a vote"},
		{"candidates_per_seat", "Candidates per seat", "candidates per seat"},
		{"migrant_voter_share", "Migrants among registered voters", "share of voters"},
	} {
		p, err := chart.TimeSeries(c.title, "year", c.unit, series(c.metric), true)
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", c.metric, err)
		}
		ch, err := save(p, "el-"+c.metric, c.title, "")
		if err != nil {
			return nil, err
		}
		el.Charts = append(el.Charts, ch)
	}
	sections = append(sections, el)

	// Villages: a map of replicate 0 at the first and the last yearly rows.
	label := map[string]string{"satisfaction": "satisfaction of locals", "trust": "trust in the committee", "status": "urban community (1) or village (0)"}[mo.by]
	vm := report.Section{Title: "Villages", Intro: "Villages on the plane (the urban core at the centre), coloured by " + label + "; dark rings mark urban communities; the circle is the urban front."}
	months := mo.months
	if months == nil {
		months = []int{11, d.Months - 1}
	}
	for _, s := range d.Scenarios {
		if s != ref && s != analysis.Rank(rows, "composite_index")[0] {
			continue
		}
		for _, month := range months {
			g, err := os.Open(filepath.Join(dir, "villages.csv"))
			if err != nil {
				break
			}
			pts, err := analysis.ReadVillageMap(g, "villages.csv", s, d.Replicates(s)[0], month)
			g.Close()
			if err != nil {
				return nil, err
			}
			if len(pts) == 0 {
				continue
			}
			mp := make([]chart.MapPoint, len(pts))
			for i, p := range pts {
				mp[i] = chart.MapPoint{X: p.X, Y: p.Y, Value: p.Satisfaction, Community: p.Community}
				switch mo.by {
				case "trust":
					mp[i].Value = p.Trust
				case "status":
					mp[i].Value = 0
					if p.Community {
						mp[i].Value = 1
					}
				}
			}
			front := d.Series(s, d.Replicates(s)[0], "urban_front")
			u := 0.0
			if month < len(front) && !math.IsNaN(front[month]) {
				u = front[month]
			}
			title := fmt.Sprintf("%s, year %d", chart.ScenarioLabel(s), month/12+1)
			p, err := chart.VillageMap(title, label, mp, 0, 1, u)
			if err != nil {
				return nil, fmt.Errorf("village map: %w", err)
			}
			ch, err := save(p, fmt.Sprintf("map-%s-%s-%d", mo.by, s, month), title, "")
			if err != nil {
				return nil, err
			}
			vm.Charts = append(vm.Charts, ch)
		}
	}
	if len(vm.Charts) > 0 {
		sections = append(sections, vm)
	}
	return sections, nil
}
