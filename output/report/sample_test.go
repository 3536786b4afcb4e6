package report

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// sampleData is a realistic comparison: five scenarios, eight headline
// metrics, two chart sections and eight pattern checks, one skipped.
func sampleData() Data {
	nan := math.NaN()
	cols := []Column{
		{Metric: "trust", Label: "Trust in committee", Unit: "share, 0–1", HigherIsBetter: true, Format: "%.3f"},
		{Metric: "turnout", Label: "Election turnout", Unit: "share of eligible", HigherIsBetter: true, Format: "%.3f"},
		{Metric: "capture", Label: "Elite capture", Unit: "index, 0–1", HigherIsBetter: false, Format: "%.3f"},
		{Metric: "dividend", Label: "Dividend per member", Unit: "yuan / year", HigherIsBetter: true, Format: "%.0f"},
		{Metric: "gini", Label: "Dividend Gini", Unit: "0–1", HigherIsBetter: false, Format: "%.3f"},
		{Metric: "migrant_access", Label: "Migrant service access", Unit: "share of migrants", HigherIsBetter: true, Format: "%.3f"},
		{Metric: "disputes", Label: "Land disputes", Unit: "per 1,000 households / year", HigherIsBetter: false, Format: "%.2f"},
		{Metric: "fiscal_cost", Label: "District fiscal cost", Unit: "M yuan / year", HigherIsBetter: false, Format: "%.1f"},
	}
	// c builds a cell; sig marks significance after Holm.
	c := func(mean, half, diff, lo, hi, p float64, sig bool) Cell {
		return Cell{Mean: mean, Half: half, Diff: diff, DiffLow: lo, DiffHigh: hi, PHolm: p, Significant: sig}
	}
	ref := func(mean, half float64) Cell {
		return Cell{Mean: mean, Half: half, Diff: nan, DiffLow: nan, DiffHigh: nan, PHolm: nan}
	}
	return Data{
		Title:     "Reform packages compared",
		Question:  "Which reform package best keeps village committees trusted and accountable while opening services to migrants, and at what cost to the district? Each scenario runs the same 60 villages of Nanhai district for 20 years.",
		Generated: "2025-05-01 14:03 CST",
		Version:   "v0.9.0",
		Commands: []string{"govsim compare -replicates 10 -seed 20250501 -out runs/compare status-quo cungaiju zhengjing zhengshe nanhai",
			"govsim report -ref status-quo runs/compare"},
		Build: "v0.8.0 (commit 0123456789ab)",
		Composite: []CompositePart{{"satisfaction of all residents", "as is", "2", "40.0%"},
			{"disputes_opened_per_1000", "1 − min(1, x / 2)", "3", "60.0%"}},
		CompositeNote: "Each component is mapped to [0, 1] by a fixed transform.",
		Manifest:      "{\n  \"govsim_version\": \"v0.9.0\",\n  \"seed\": 20250501,\n  \"replicates\": 10,\n  \"scenarios\": [\n    {\"name\": \"status-quo\", \"source\": \"embed:status-quo.toml\"},\n    {\"name\": \"nanhai\", \"source\": \"embed:nanhai.toml\", \"note\": \"zhengjing < zhengshe & cungaiju\"}\n  ]\n}",
		Reference:     "status-quo",
		Window:        "final 5 years (months 180–239)",
		Replicates:    "10 per scenario",
		District:      "60 units at 1 agent = 20 people, 21% of the 282 units of the reference district (Nanhai) the calibration describes: district totals, money included, are for these 60 units, not for Nanhai",
		Residents:     "0.54 million at month 0, 0.71 million at month 239 (baseline, mean over its replicates)",
		Seeds:         "seed 1, replicates 0–9: a run's random streams come from the seed and its replicate number, the same in every scenario (common random numbers); every run is listed in manifest.json",
		Scenarios: []Scenario{
			{Name: "status-quo", Label: "Status quo", Description: "Village committees run both village administration and the collective economy (村委会 and 经济联社 share one leadership)."},
			{Name: "cungaiju", Label: "Village to community (村改居)", Description: "All villages convert to urban residents' communities in month 24; the collective stays with the former villagers.",
				Settings: []Setting{{"reform.cungaiju.month", "24"}, {"reform.cungaiju.share", "1.0"}}},
			{Name: "zhengjing", Label: "Committee and economy separated (政经分离)", Description: "The collective economy gets its own elected board; the committee no longer signs land leases.",
				Settings: []Setting{{"reform.zhengjing.month", "12"}, {"coop.board_election", "every 3 years"}}},
			{Name: "zhengshe", Label: "Administration and services separated (政社分离)", Description: "A district service centre takes over social services, open to registered migrants.",
				Settings: []Setting{{"reform.zhengshe.month", "12"}, {"services.migrant_eligible", "true"}}},
			{Name: "nanhai", Label: "Nanhai staged path", Description: "政经分离 first, then 政社分离, then 村改居 where the village is already urbanised — the sequence Nanhai followed after 2011.",
				Settings: []Setting{{"reform.zhengjing.month", "12"}, {"reform.zhengshe.month", "36"}, {"reform.cungaiju.month", "60"}, {"reform.cungaiju.share", "0.4"}, {"budget.service_centre", "120 M yuan / year"}}},
		},
		Columns: cols,
		Ranked: []RankedRow{
			{Rank: 1, Scenario: "nanhai", Label: "Nanhai staged path", CostEffectiveness: "+0.021 trust per 100 M yuan",
				Cells: []Cell{
					c(0.642, 0.011, 0.098, 0.083, 0.113, 0.0001, true),
					c(0.711, 0.014, 0.052, 0.033, 0.071, 0.0004, true),
					c(0.214, 0.009, -0.114, -0.119, -0.108, 0.0001, true),
					c(5230, 140, 610, 420, 800, 0.0002, true),
					c(0.281, 0.006, -0.018, -0.027, -0.009, 0.003, true),
					c(0.584, 0.017, 0.231, 0.208, 0.254, 0.0001, true),
					c(3.12, 0.22, -1.05, -1.36, -0.74, 0.0001, true),
					c(412.5, 6.1, 96.3, 88.0, 104.6, 0.0001, true),
				}},
			{Rank: 2, Scenario: "zhengjing", Label: "Committee and economy separated (政经分离)", CostEffectiveness: "+0.046 trust per 100 M yuan",
				Cells: []Cell{
					c(0.611, 0.012, 0.067, 0.051, 0.083, 0.0001, true),
					c(0.683, 0.015, 0.024, 0.004, 0.044, 0.041, false),
					c(0.236, 0.010, -0.092, -0.104, -0.080, 0.0001, true),
					c(5010, 150, 390, 190, 590, 0.004, true),
					c(0.296, 0.007, -0.003, -0.013, 0.007, 0.61, false),
					c(0.371, 0.015, 0.018, -0.004, 0.040, 0.38, false),
					c(3.48, 0.25, -0.69, -1.02, -0.36, 0.002, true),
					c(331.0, 5.2, 14.8, 7.5, 22.1, 0.004, true),
				}},
			{Rank: 3, Scenario: "zhengshe", Label: "Administration and services separated (政社分离)", CostEffectiveness: "+0.008 trust per 100 M yuan",
				Cells: []Cell{
					c(0.561, 0.013, 0.017, -0.001, 0.035, 0.22, false),
					c(0.672, 0.016, 0.013, -0.008, 0.034, 0.44, false),
					c(0.321, 0.011, -0.007, -0.022, 0.008, 0.71, false),
					c(4640, 160, 20, -190, 230, 0.85, false),
					c(0.301, 0.007, 0.002, -0.008, 0.012, 0.79, false),
					c(0.612, 0.016, 0.259, 0.236, 0.282, 0.0001, true),
					c(4.02, 0.27, -0.15, -0.52, 0.22, 0.74, false),
					c(520.2, 7.4, 204.0, 194.2, 213.8, 0.0001, true),
				}},
			{Rank: 4, Scenario: "status-quo", Label: "Status quo", CostEffectiveness: "—",
				Cells: []Cell{
					ref(0.544, 0.012), ref(0.659, 0.015), ref(0.328, 0.011), ref(4620, 150),
					ref(0.299, 0.007), ref(0.353, 0.016), ref(4.17, 0.26), ref(316.2, 5.0),
				}},
			{Rank: 5, Scenario: "cungaiju", Label: "Village to community (村改居)", CostEffectiveness: "−0.019 trust per 100 M yuan",
				Cells: []Cell{
					c(0.489, 0.014, -0.055, -0.074, -0.036, 0.0001, true),
					c(0.547, 0.018, -0.112, -0.135, -0.089, 0.0001, true),
					c(0.347, 0.012, 0.019, 0.003, 0.035, 0.048, false),
					c(4310, 170, -310, -530, -90, 0.02, true),
					c(0.332, 0.008, 0.033, 0.022, 0.044, 0.0001, true),
					c(0.442, 0.016, 0.089, 0.066, 0.112, 0.0001, true),
					c(5.36, 0.31, 1.19, 0.79, 1.59, 0.0001, true),
					c(604.9, 8.2, 288.7, 277.4, 300.0, 0.0001, true),
				}},
		},
		Sections: []Section{
			{Title: "Over time", Intro: "Monthly district averages, mean of the replicates with a shaded 95% band; dashed lines mark reform dates.",
				Charts: []Chart{
					{Title: "Trust in the village committee", Caption: "Trust rises after 政经分离 separates the committee from land deals and falls for a while after 村改居.",
						SVG: lineChart("trust", []series{
							{"Status quo", "#6e7781", 0.55, 0.0, 0},
							{"村改居", "#c0392b", 0.55, -0.07, 24},
							{"政经分离", "#1f77b4", 0.55, 0.07, 12},
							{"政社分离", "#9467bd", 0.55, 0.02, 12},
							{"Nanhai path", "#1a7f37", 0.55, 0.10, 12},
						}), PNG: "trust.png"},
					{Title: "Migrants with access to services", Caption: "Only the scenarios that open the service centre to registered migrants (政社分离 and the Nanhai path) move this line.",
						SVG: lineChart("access", []series{
							{"Status quo", "#6e7781", 0.35, 0.0, 0},
							{"村改居", "#c0392b", 0.35, 0.09, 24},
							{"政经分离", "#1f77b4", 0.35, 0.02, 12},
							{"政社分离", "#9467bd", 0.35, 0.26, 12},
							{"Nanhai path", "#1a7f37", 0.35, 0.23, 36},
						}), PNG: "access.png"},
				}},
			{Title: "Against the reference", Intro: "Differences from the status quo over the final five years, with 95% intervals; bars to the right of zero are higher than the status quo.",
				Charts: []Chart{
					{Title: "Elite capture, difference from status quo", Caption: "Separating the committee from the collective economy cuts elite capture; converting villages alone does not.",
						SVG: barChart([]bar{{"Nanhai path", -0.114, -0.119, -0.108}, {"政经分离", -0.092, -0.104, -0.080}, {"政社分离", -0.007, -0.022, 0.008}, {"村改居", 0.019, 0.003, 0.035}}, "#1f77b4")},
					{Title: "Land disputes, difference from status quo", Caption: "Disputes fall where leases are signed by an elected board and rise where villages convert before land rights are settled.",
						SVG: barChart([]bar{{"Nanhai path", -1.05, -1.36, -0.74}, {"政经分离", -0.69, -1.02, -0.36}, {"政社分离", -0.15, -0.52, 0.22}, {"村改居", 1.19, 0.79, 1.59}}, "#9467bd")},
				}},
		},
		Patterns: []Pattern{
			{ID: "P1", Claim: "Separating committee and economy (政经分离) lowers elite capture.", Held: true, Evidence: "diff −0.092 [−0.104, −0.080]"},
			{ID: "P2", Claim: "The staged Nanhai path lowers elite capture more than 政经分离 alone.", Held: true, Evidence: "diff −0.022 [−0.031, −0.013]"},
			{ID: "P3", Claim: "村改居 without prior land-rights settlement raises land disputes.", Held: true, Evidence: "diff +1.19 [+0.79, +1.59]"},
			{ID: "P4", Claim: "Opening services to migrants (政社分离) raises migrant service access.", Held: true, Evidence: "diff +0.259 [+0.236, +0.282]",
				Robustness: "held at 5 of 20 points of a ±30% Latin hypercube", RobustHeld: 5, RobustPoints: 20, RobustWeak: []string{"zhengshe satisfaction_gap held at 5"}},
			{ID: "P4b", Claim: "The same, held at most points.", Held: true, Evidence: "diff +0.259 [+0.236, +0.282]",
				Robustness: "held at 18 of 20 points of a ±30% Latin hypercube", RobustHeld: 18, RobustPoints: 20},
			{ID: "P5", Claim: "Election turnout falls after 村改居 as villagers lose the collective vote.", Held: true, Evidence: "diff −0.112 [−0.135, −0.089]"},
			{ID: "P6", Claim: "政经分离 raises election turnout.", Held: false, Evidence: "diff +0.024 [+0.004, +0.044], Holm p = 0.041 > 0.01"},
			{ID: "P7", Claim: "Dividend inequality does not rise under the Nanhai path.", Held: true, Evidence: "diff −0.018 [−0.027, −0.009]"},
			{ID: "P8", Claim: "A fast 村改居 (month 6) is worse than a late one for trust.", Skipped: "scenario cungaiju-fast is not in this comparison"},
		},
		Notes: []string{
			"Intervals are 95% t-intervals over replicates; a difference is marked significant when its Holm-adjusted p-value across all scenario × metric comparisons is below 0.05.",
			"Cost-effectiveness is the change in trust per 100 M yuan of extra district spending over the status quo; “—” where there is no extra spending.",
			"The model is a teaching and exploration tool: it shows how mechanisms interact, not forecasts for any real village.",
		},
	}
}

type series struct {
	name   string
	colour string
	base   float64
	shift  float64
	start  int // month (in years×12) the reform starts
}

// lineChart draws a small deterministic line chart like the chart code's.
func lineChart(id string, ss []series) template.HTML {
	const w, h, l, r, t, b = 560.0, 300.0, 48.0, 130.0, 14.0, 36.0
	x := func(m float64) float64 { return l + m/240*(w-l-r) }
	y := func(v float64) float64 { return t + (1-(v-0.2)/0.6)*(h-t-b) }
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %g %g" width="%g" height="%g" role="img" aria-label="%s" font-family="sans-serif" font-size="12">`, w, h, w, h, id)
	for _, v := range []float64{0.2, 0.4, 0.6, 0.8} {
		fmt.Fprintf(&sb, `<line x1="%g" x2="%g" y1="%.1f" y2="%.1f" stroke="#e5e7eb"/><text x="%g" y="%.1f" text-anchor="end" fill="#57606a">%.1f</text>`, l, w-r, y(v), y(v), l-6, y(v)+4, v)
	}
	for yr := 0; yr <= 20; yr += 5 {
		fmt.Fprintf(&sb, `<text x="%.1f" y="%g" text-anchor="middle" fill="#57606a">%d</text>`, x(float64(yr*12)), h-b+16, yr)
	}
	fmt.Fprintf(&sb, `<text x="%.1f" y="%g" text-anchor="middle" fill="#57606a">year</text>`, x(120), h-4)
	for i, s := range ss {
		var pts []string
		for m := 0; m <= 240; m += 6 {
			v := s.base
			if s.start > 0 && m > s.start {
				k := float64(m-s.start) / 48
				v += s.shift * (1 - math.Exp(-k))
			}
			v += 0.008 * math.Sin(float64(m)/9+float64(i))
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(float64(m)), y(v)))
		}
		fmt.Fprintf(&sb, `<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>`, s.colour, strings.Join(pts, " "))
		fmt.Fprintf(&sb, `<rect x="%g" y="%d" width="14" height="3" fill="%s"/><text x="%g" y="%d">%s</text>`, w-r+12, 24+i*20, s.colour, w-r+32, 29+i*20, s.name)
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

type bar struct {
	name         string
	diff, lo, hi float64
}

// barChart draws differences with interval whiskers around a zero line.
func barChart(bs []bar, colour string) template.HTML {
	const w, h, l, r = 560.0, 220.0, 110.0, 20.0
	lo, hi := 0.0, 0.0
	for _, b := range bs {
		lo, hi = math.Min(lo, b.lo), math.Max(hi, b.hi)
	}
	pad := (hi - lo) * 0.1
	lo, hi = lo-pad, hi+pad
	x := func(v float64) float64 { return l + (v-lo)/(hi-lo)*(w-l-r) }
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %g %g" width="%g" height="%g" font-family="sans-serif" font-size="12">`, w, h, w, h)
	fmt.Fprintf(&sb, `<line x1="%.1f" x2="%.1f" y1="10" y2="%g" stroke="#1f2328"/>`, x(0), x(0), h-30)
	for i, b := range bs {
		yc := 30.0 + float64(i)*44
		x0, x1 := math.Min(x(0), x(b.diff)), math.Max(x(0), x(b.diff))
		fmt.Fprintf(&sb, `<text x="%g" y="%.1f" text-anchor="end">%s</text>`, l-8, yc+4, b.name)
		fmt.Fprintf(&sb, `<rect x="%.1f" y="%.1f" width="%.1f" height="18" fill="%s" opacity="0.75"/>`, x0, yc-9, x1-x0, colour)
		fmt.Fprintf(&sb, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="#1f2328" stroke-width="1.5"/>`, x(b.lo), x(b.hi), yc, yc)
	}
	fmt.Fprintf(&sb, `<text x="%.1f" y="%g" text-anchor="middle" fill="#57606a">0 = status quo</text>`, x(0), h-12)
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}
