package live

import "github.com/govsim/govsim/sim"

// UnitZH is a unit as the page writes it in Chinese. Units are English in
// the metric and parameter tables; the page, in Chinese, must show every
// one of them in Chinese, and TestUnitsInChinese holds this list to the
// tables: a unit a table gains fails the test until it is here.
func UnitZH(unit string) string {
	switch unit {
	case "-":
		return "—"
	case "0 or 1":
		return "0或1"
	case "0–1":
		return "0–1"
	case "M yuan/year":
		return "百万元/年"
	case "candidates per seat":
		return "人/席"
	case "distance":
		return "距离"
	case "people":
		return "人"
	case "per 1,000 residents per month", "per 1,000/month":
		return "每千人每月"
	case "per 1,000 residents":
		return "每千人"
	case "per 100 units per month":
		return "每百个单位每月"
	case "quality":
		return "质量"
	case "share":
		return "比例"
	case "share of contests":
		return "占选举比例"
	case "share of candidates":
		return "占候选人比例"
	case "share of income":
		return "占收入比例"
	case "share of residents":
		return "占常住人口比例"
	case "share of seats":
		return "占席位比例"
	case "share of stake":
		return "占席位利益比例"
	case "share of units":
		return "占单位比例"
	case "share of value":
		return "占交易额比例"
	case "share of villages":
		return "占村比例"
	case "share of voters":
		return "占选民比例"
	case "share of votes":
		return "占选票比例"
	case "yuan":
		return "元"
	case "yuan per month":
		return "元/月"
	case "yuan per seat per term":
		return "元/席/届"
	case "yuan per share":
		return "元/股"
	case "yuan/year":
		return "元/年"
	// the class parameters'
	case "1/month":
		return "每月"
	case "1/year":
		return "每年"
	case "migrants/registered":
		return "外来人口/户籍人口"
	case "months":
		return "月"
	case "probability":
		return "概率"
	case "yuan/resident/year":
		return "元/人/年"
	case "yuan/vote":
		return "元/票"
	}
	return ""
}

// FormatZH is Format with the unit's name in Chinese.
func FormatZH(m sim.Metric, v float64) string {
	s := Format(m, v)
	if m.Display.Scale != 1 && !percent(m) && s != "—" {
		s = s[:len(s)-len(m.Display.Unit)] + UnitZH(m.Display.Unit)
	}
	return s
}
