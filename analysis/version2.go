package analysis

// Model version 2's figures, kept as measured so that docs/ODD.md can set
// version 3 beside them ("Changes in version 3"). They were written by
// `go test ./sim -run 'TestPatternsRobust|TestVersionComparison' -update`
// on the version 2 model, at the commit that added this file (`git log
// --diff-filter=A analysis/version2.go`; check it out and rerun to
// reproduce them), with the robustness design and the default comparison
// version 3 uses. Version 2's plausible ranges were its own (its
// docs/ODD.md), so the design sampled its assumptions, not version 3's.

const version2Design = "a 128-point Latin hypercube over the whole plausible range of each of 106 parameters through which a reform's effect passes (docs/ODD.md, Assumptions); 4 replicates of each scenario per point on the same seeds, 30 units at 1 agent = 50 people, paired differences over the final five years"

func version2Robustness() []Robust {
	return []Robust{
		{ID: "P0", Held: 121, Right: 123, Points: 128, Parts: []RobustPart{{"membership+dividend share of new disputes", 121, 123}, {"dividend per share in years 4–5", 128, 128}}},
		{ID: "P1", Held: 127, Right: 128, Points: 128, Parts: []RobustPart{{"zhengjing vote_buying_total_rate", 128, 128}, {"zhengjing committee_stake", 128, 128}, {"zhengjing candidates_per_seat", 128, 128}, {"zhengjing committee_competence", 127, 128}}},
		{ID: "P2", Held: 128, Right: 128, Points: 128, Parts: []RobustPart{{"zhengjing leakage_share", 128, 128}, {"zhengjing dividend_per_share", 128, 128}}},
		{ID: "P3", Held: 128, Right: 128, Points: 128, Parts: []RobustPart{{"zhengjing disputes_blamed_committee_per_1000", 128, 128}, {"zhengjing satisfaction_local", 128, 128}, {"zhengjing satisfaction_migrant", 128, 128}}},
		{ID: "P4", Held: 48, Right: 66, Points: 128, Parts: []RobustPart{{"zhengshe satisfaction_local", 128, 128}, {"zhengshe satisfaction_migrant", 128, 128}, {"zhengshe trust_committee", 128, 128}, {"zhengshe satisfaction_gap", 48, 66}}},
		{ID: "P5", Held: 128, Right: 128, Points: 128, Parts: []RobustPart{{"cungaiju urban_rural_service_gap", 128, 128}, {"cungaiju fiscal_spending", 128, 128}}},
		{ID: "P6", Held: 128, Right: 128, Points: 128, Parts: []RobustPart{{"threat slope", 128, 128}}},
		{ID: "P7", Held: 128, Right: 128, Points: 128, Parts: []RobustPart{{"composite vs baseline", 128, 128}, {"fiscal vs baseline", 128, 128}, {"composite vs cungaiju", 128, 128}, {"fiscal vs cungaiju", 128, 128}, {"composite vs zhengjing", 128, 128}, {"fiscal vs zhengjing", 128, 128}, {"composite vs zhengshe", 128, 128}, {"fiscal vs zhengshe", 128, 128}}},
	}
}

func version2Reforms() []RobustReform {
	return []RobustReform{
		{"cungaiju", 128, 128, 128},
		{"zhengjing", 128, 128, 128},
		{"zhengshe", 128, 128, 128},
		{"nanhai", 128, 128, 128},
	}
}

func version2Rows() []VersionRow {
	return []VersionRow{
		{"cungaiju", "composite_index", 0.08313, 0.07801, 0.08824},
		{"zhengjing", "composite_index", 0.1415, 0.1364, 0.1466},
		{"zhengshe", "composite_index", 0.2207, 0.215, 0.2265},
		{"nanhai", "composite_index", 0.3498, 0.3432, 0.3565},
		{"cungaiju", "disputes_opened_per_1000", -0.03128, -0.03716, -0.02539},
		{"zhengjing", "disputes_opened_per_1000", -0.1164, -0.1229, -0.11},
		{"zhengshe", "disputes_opened_per_1000", -0.06175, -0.06749, -0.056},
		{"nanhai", "disputes_opened_per_1000", -0.187, -0.1925, -0.1814},
		{"cungaiju", "petitions_per_1000", -0.04942, -0.06683, -0.03201},
		{"zhengjing", "petitions_per_1000", -0.2438, -0.2616, -0.226},
		{"zhengshe", "petitions_per_1000", -0.3017, -0.3234, -0.2799},
		{"nanhai", "petitions_per_1000", -0.3081, -0.3299, -0.2863},
		{"cungaiju", "vote_buying_total_rate", -0.03181, -0.03678, -0.02684},
		{"zhengjing", "vote_buying_total_rate", -0.07106, -0.07801, -0.0641},
		{"zhengshe", "vote_buying_total_rate", -0.01996, -0.02406, -0.01586},
		{"nanhai", "vote_buying_total_rate", -0.07144, -0.07839, -0.06448},
		{"cungaiju", "satisfaction_local", 0.1714, 0.1637, 0.179},
		{"zhengjing", "satisfaction_local", 0.1255, 0.1239, 0.1271},
		{"zhengshe", "satisfaction_local", 0.2863, 0.2838, 0.2888},
		{"nanhai", "satisfaction_local", 0.5192, 0.5115, 0.5269},
		{"cungaiju", "satisfaction_migrant", 0.1623, 0.1584, 0.1662},
		{"zhengjing", "satisfaction_migrant", 0.07858, 0.07665, 0.08051},
		{"zhengshe", "satisfaction_migrant", 0.3025, 0.2993, 0.3058},
		{"nanhai", "satisfaction_migrant", 0.5057, 0.5012, 0.5102},
		{"cungaiju", "trust_committee", 0.1709, 0.1657, 0.1762},
		{"zhengjing", "trust_committee", 0.1867, 0.1838, 0.1896},
		{"zhengshe", "trust_committee", 0.291, 0.288, 0.2939},
		{"nanhai", "trust_committee", 0.6161, 0.611, 0.6211},
		{"cungaiju", "integration", 0.02244, 0.02128, 0.0236},
		{"zhengjing", "integration", 0.02848, 0.02723, 0.02973},
		{"zhengshe", "integration", 0.2361, 0.235, 0.2371},
		{"nanhai", "integration", 0.2865, 0.285, 0.288},
		{"cungaiju", "urban_rural_service_gap", -0.2182, -0.221, -0.2154},
		{"zhengjing", "urban_rural_service_gap", -0.08354, -0.0869, -0.08018},
		{"zhengshe", "urban_rural_service_gap", -0.1536, -0.1613, -0.146},
		{"nanhai", "urban_rural_service_gap", -0.3595, -0.3675, -0.3514},
		{"cungaiju", "dividend_per_share", 37.06, -115.8, 190},
		{"zhengjing", "dividend_per_share", 2757, 2510, 3004},
		{"zhengshe", "dividend_per_share", -1.94, -205.6, 201.8},
		{"nanhai", "dividend_per_share", 2478, 2241, 2714},
		{"cungaiju", "fiscal_spending", 2.179e+07, 2.102e+07, 2.256e+07},
		{"zhengjing", "fiscal_spending", 3.874e+06, 3.732e+06, 4.015e+06},
		{"zhengshe", "fiscal_spending", 1.513e+07, 1.488e+07, 1.539e+07},
		{"nanhai", "fiscal_spending", 3.574e+07, 3.501e+07, 3.647e+07},
	}
}
