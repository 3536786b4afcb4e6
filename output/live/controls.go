package live

import (
	"github.com/govsim/govsim/output/chart"
	"github.com/govsim/govsim/sim"
)

// What the page lets a class change and what it shows. Each list is a
// function so that no caller can change it for another.

// classParam is a parameter the page has a slider for. The slider spans
// [Lo, Hi], a teaching range inside the parameter table's allowed range;
// the number box beside it takes anything the table allows. The parameter
// table documents parameters in English only, so the Chinese label is here.
type classParam struct {
	Key         string
	EN, ZH      string
	Lo, Hi      float64
	Step        float64
	Logarithmic bool // slider moves by factors, for parameters that span decades
}

func classParams() []classParam {
	return []classParam{
		{Key: "election.price", EN: "Price of a bought vote", ZH: "贿选一票的价格", Lo: 0, Hi: 10000, Step: 100},
		{Key: "election.detect", EN: "Chance vote buying is detected", ZH: "贿选被查处的概率", Lo: 0, Hi: 1, Step: 0.05},
		{Key: "election.interval", EN: "Months between elections", ZH: "选举间隔（月）", Lo: 12, Hi: 72, Step: 12},
		{Key: "economy.discretion", EN: "Share of land compensation left to discretion", ZH: "征地补偿中的自由裁量比例", Lo: 0, Hi: 1, Step: 0.05},
		{Key: "reform.trading_centre_threshold", EN: "Trading-centre threshold", ZH: "交易平台门槛", Lo: 1000, Hi: 10000000, Step: 0, Logarithmic: true},
		{Key: "economy.req_hazard", EN: "Land requisition hazard", ZH: "征地风险", Lo: 0, Hi: 0.2, Step: 0.005},
		{Key: "services.rural_budget", EN: "Service budget of a village", ZH: "村公共服务预算", Lo: 0, Hi: 1500, Step: 25},
		{Key: "services.collective_migrant_share", EN: "Migrants' share of collectively funded services", ZH: "外来人口享受集体出资服务的比例", Lo: 0, Hi: 1, Step: 0.05},
		{Key: "migration.growth", EN: "Growth of migrant numbers", ZH: "外来人口增长率", Lo: -0.05, Hi: 0.15, Step: 0.005},
		{Key: "district.migrant_ratio", EN: "Migrants per registered villager", ZH: "外来人口与户籍人口之比", Lo: 0, Hi: 3, Step: 0.1},
	}
}

// reformFields are the keys of a [[reforms]] entry the page has a control
// for, besides kind. When sim.ReformSpec gains a field (intensity), adding
// its key here is all the page needs: ranges and choices come from
// sim.ReformSpecParams, and requests decode into sim.ReformSpec by key.
func reformFields() []string {
	return []string{"start", "coverage", "fraction", "intensity", "trigger", "threshold"}
}

// reformKind is a kind of reform as the page shows it: its name, the bit
// that marks it in a village's status, and its colour on the map.
type reformKind struct {
	Kind  string `json:"kind"`
	EN    string `json:"en"`
	ZH    string `json:"zh"`
	Bit   int    `json:"bit"`
	Color string `json:"color"`
}

// reformKinds are the kinds' table's, coloured as the scenario of each
// kind alone is (the embedded scenario named by its key), or else by a
// palette colour.
func reformKinds(color func(kind string) string) []reformKind {
	var out []reformKind
	for k, kind := range sim.Kinds() {
		out = append(out, reformKind{Kind: kind.Key, EN: kind.Label, ZH: kind.LabelZH, Bit: kindBit(sim.KindID(k)), Color: color(kind.Key)})
	}
	return out
}

// lookOf is how a scenario is shown: its file's labels and colour.
func lookOf(cfg sim.Config) chart.Scenario {
	return chart.Scenario{Name: cfg.Name, Label: cfg.Label, LabelZH: cfg.LabelZH, Color: cfg.Color}
}

// textZH is a scenario's label on the page in Chinese: its Chinese label,
// or its label.
func textZH(s chart.Scenario) string {
	if s.LabelZH != "" {
		return s.LabelZH
	}
	return s.Text()
}

// layer is a way to colour the village map. Status is drawn from the
// reform flags; the others are village metrics. Election metrics keep the
// value of the last election until the next one.
type layer struct {
	Key    string // "status" or a village metric name
	Metric sim.VillageMetricID
	Carry  bool // defined in election months only: show the last election's value
}

const statusLayer = "status"

func layers() []layer {
	return []layer{
		{Key: statusLayer},
		{Key: sim.VillageMetrics()[sim.VSatisfactionLocal], Metric: sim.VSatisfactionLocal},
		{Key: sim.VillageMetrics()[sim.VSatisfactionMigrant], Metric: sim.VSatisfactionMigrant},
		{Key: sim.VillageMetrics()[sim.VTrust], Metric: sim.VTrust},
		{Key: sim.VillageMetrics()[sim.VVoteBuying], Metric: sim.VVoteBuying, Carry: true},
		{Key: sim.VillageMetrics()[sim.VServiceQuality], Metric: sim.VServiceQuality},
		{Key: sim.VillageMetrics()[sim.VDisputesOpened], Metric: sim.VDisputesOpened},
		{Key: sim.VillageMetrics()[sim.VMigrantShare], Metric: sim.VMigrantShare},
		{Key: sim.VillageMetrics()[sim.VMigrantVoterShare], Metric: sim.VMigrantVoterShare, Carry: true},
		{Key: sim.VillageMetrics()[sim.VResidents], Metric: sim.VResidents}, // also sizes the circles
	}
}

// chartSpec is one time-series chart: both panes' lines for each metric.
type chartSpec struct {
	ID      string
	Metrics []string // district metric names; the first is drawn solid
	EN, ZH  string   // title; empty: the first metric's title
}

func charts() []chartSpec {
	return []chartSpec{
		{ID: "composite", Metrics: []string{sim.CompositeIndex.Name()}},
		{ID: "votebuying", Metrics: []string{sim.VoteBuyingTotal.Name(), sim.BoardVoteBuying.Name()}, EN: "Vote buying: all elections (solid) and cooperative board elections (dashed)", ZH: "贿选率：全部选举（实线）与理事会选举（虚线）"},
		{ID: "disputes", Metrics: []string{sim.DisputesOpened.Name()}},
		{ID: "petitions", Metrics: []string{sim.Petitions.Name()}},
		{ID: "satisfaction", Metrics: []string{sim.SatisfactionLocal.Name(), sim.SatisfactionMigrant.Name()}, EN: "Satisfaction: locals (solid) and migrants (dashed)", ZH: "满意度：本地居民（实线）与外来人口（虚线）"},
		{ID: "choice", Metrics: []string{sim.Trust.Name()}}, // the page lets the class pick the metric
	}
}
