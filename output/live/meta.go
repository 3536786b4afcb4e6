package live

import (
	"embed"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/govsim/govsim/output/chart"
	"github.com/govsim/govsim/sim"
)

// staticFiles is the page: HTML, CSS and JavaScript, no third-party code.
//
//go:embed static
var staticFiles embed.FS

// The page's static description (/api/meta): which scenarios, reforms,
// parameters, metrics, map layers and charts there are, with labels in
// English and Chinese from the metric and parameter tables, and the
// report's colours. The page builds its controls from it, so nothing the
// tables say is repeated in JavaScript.

type metaScenario struct {
	Name          string            `json:"name"`
	EN            string            `json:"en"`
	ZH            string            `json:"zh"`
	Description   string            `json:"description"`
	DescriptionZH string            `json:"descriptionZh,omitempty"`
	Color         string            `json:"color"`
	Months        int               `json:"months"`
	Reforms       []map[string]any  `json:"reforms"`
	Params        map[string]number `json:"params"` // the class parameters' values in this scenario
}

type metaParam struct {
	Key     string  `json:"key"`
	EN      string  `json:"en"`
	ZH      string  `json:"zh"`
	Doc     string  `json:"doc"`
	Unit    string  `json:"unit"`
	UnitZH  string  `json:"unitZh"`
	Kind    string  `json:"kind"`
	Min     number  `json:"min"`
	Max     number  `json:"max"`
	Lo      float64 `json:"lo"`
	Hi      float64 `json:"hi"`
	Step    float64 `json:"step"`
	Log     bool    `json:"log"`
	Default string  `json:"default"`
}

type metaField struct {
	Key  string   `json:"key"`
	Doc  string   `json:"doc"`
	Unit string   `json:"unit"`
	Kind string   `json:"kind"`
	Min  number   `json:"min"`
	Max  number   `json:"max"`
	Enum []string `json:"enum,omitempty"`
}

type metaMetric struct {
	Name   string  `json:"name"`
	Show   string  `json:"show"` // the unit tables show it in
	ShowZH string  `json:"showZh"`
	Scale  float64 `json:"scale"` // stored value × scale = shown value
	// How the page writes a value (Format): in per cent, or scaled with
	// Fixed decimals, or else Sig significant digits.
	Percent bool   `json:"percent"`
	Fixed   int    `json:"fixed"`
	Sig     int    `json:"sig"`
	EN      string `json:"en"`
	Short   string `json:"short"`
	ZH      string `json:"zh"`
	Unit    string `json:"unit"`
	UnitZH  string `json:"unitZh"`
	Doc     string `json:"doc"`
	Better  int    `json:"better"`
	Bounded bool   `json:"bounded"`
	When    string `json:"when"`
}

type metaLayer struct {
	Key    string     `json:"key"`
	Metric metaMetric `json:"metric"`
}

type metaChart struct {
	ID      string   `json:"id"`
	Metrics []string `json:"metrics"`
	EN      string   `json:"en"`
	ZH      string   `json:"zh"`
}

type meta struct {
	Scenarios   []metaScenario `json:"scenarios"`
	Defaults    []string       `json:"defaults"` // left and right scenarios
	ReformKinds []reformKind   `json:"reformKinds"`
	// SeveralColor colours a village under several reforms on the map:
	// the colour of the first scenario that schedules several kinds (the
	// staged path), as its charts draw it.
	SeveralColor string         `json:"severalColor"`
	ReformFields []metaField    `json:"reformFields"`
	Params       []metaParam    `json:"params"`
	Metrics      []metaMetric   `json:"metrics"` // district metrics, in the order of a row's values
	Layers       []metaLayer    `json:"layers"`
	Charts       []metaChart    `json:"charts"`
	MapScale     []string       `json:"mapScale"`
	Limits       map[string]any `json:"limits"`
}

// number is a float64 that JSON can carry when it is infinite (an
// unbounded range): written as null.
type number float64

func (n number) MarshalJSON() ([]byte, error) {
	if math.IsInf(float64(n), 0) || math.IsNaN(float64(n)) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, float64(n), 'g', -1, 64), nil
}

func metricMeta(m sim.Metric) metaMetric {
	fixed, sig := digits(m)
	return metaMetric{Name: m.Name, EN: m.Title, Short: m.Label, ZH: m.LabelZH, Unit: m.Unit, UnitZH: UnitZH(m.Unit), Doc: m.Doc,
		Better: int(m.Better), Bounded: m.Bounded, When: m.When.String(), Show: m.Display.Unit, ShowZH: UnitZH(m.Display.Unit), Scale: m.Display.Scale,
		Percent: percent(m), Fixed: fixed, Sig: sig}
}

func buildMeta(b Backend, names []string, opt Options) ([]byte, error) {
	var md meta
	if len(names) == 0 {
		return nil, fmt.Errorf("the backend offers no scenario")
	}
	cfgs := make([]sim.Config, len(names))
	looks := make([]chart.Scenario, len(names))
	for i, n := range names {
		cfg, err := b.Scenario(n)
		if err != nil {
			return nil, fmt.Errorf("scenario %s: %w", n, err)
		}
		cfgs[i], looks[i] = cfg, lookOf(cfg)
	}
	cols := chart.ScenarioColors(looks)
	colorOf := map[string]string{}
	for i, n := range names {
		cfg := cfgs[i]
		colorOf[n] = hexColor(cols[i])
		sc := metaScenario{Name: n, EN: looks[i].Text(), ZH: textZH(looks[i]), Description: cfg.Description, DescriptionZH: cfg.DescriptionZH,
			Color: colorOf[n], Months: cfg.Months, Reforms: []map[string]any{}, Params: map[string]number{}}
		for _, r := range cfg.Reforms {
			sc.Reforms = append(sc.Reforms, encodeReform(r))
		}
		for _, cp := range classParams() {
			p, _ := sim.Lookup(cp.Key)
			switch x := p.Get(&cfg).(type) {
			case float64:
				sc.Params[cp.Key] = number(x)
			case int:
				sc.Params[cp.Key] = number(x)
			}
		}
		md.Scenarios = append(md.Scenarios, sc)
	}
	md.Defaults = defaultScenarios(names, opt.Panes)
	md.SeveralColor = "#888888"
	for i, cfg := range cfgs {
		kinds := map[string]bool{}
		for _, r := range cfg.Reforms {
			kinds[r.Kind] = true
		}
		if len(kinds) > 1 {
			md.SeveralColor = colorOf[names[i]]
			break
		}
	}
	md.ReformKinds = reformKinds(func(kind string) string {
		if c, ok := colorOf[kind]; ok {
			return c
		}
		return hexColor(chart.ScenarioColors([]chart.Scenario{{Name: kind}})[0])
	})
	for _, key := range reformFields() {
		for _, p := range sim.ReformSpecParams() {
			if p.Name == key {
				md.ReformFields = append(md.ReformFields, metaField{Key: key, Doc: p.Doc, Unit: p.Unit, Kind: p.Kind, Min: number(p.Min), Max: number(p.Max), Enum: p.Enum})
			}
		}
	}
	for _, cp := range classParams() {
		p, ok := sim.Lookup(cp.Key)
		if !ok {
			return nil, fmt.Errorf("class parameter %s is not in the parameter table", cp.Key)
		}
		md.Params = append(md.Params, metaParam{Key: cp.Key, EN: cp.EN, ZH: cp.ZH, Doc: p.Doc, Unit: p.Unit, UnitZH: UnitZH(p.Unit), Kind: p.Kind,
			Min: number(p.Min), Max: number(p.Max), Lo: cp.Lo, Hi: cp.Hi, Step: cp.Step, Log: cp.Logarithmic, Default: p.Default})
	}
	for _, m := range sim.Metrics() {
		if m.District {
			md.Metrics = append(md.Metrics, metricMeta(m))
		}
	}
	vnames := sim.VillageMetrics()
	for _, l := range layers() {
		ml := metaLayer{Key: l.Key}
		if l.Key != statusLayer {
			m, _ := sim.MetricByName(vnames[l.Metric])
			ml.Metric = metricMeta(m)
		}
		md.Layers = append(md.Layers, ml)
	}
	for _, c := range charts() {
		mc := metaChart{ID: c.ID, Metrics: c.Metrics, EN: c.EN, ZH: c.ZH}
		if mc.EN == "" {
			m, _ := sim.MetricByName(c.Metrics[0])
			mc.EN, mc.ZH = m.Title, m.LabelZH
		}
		md.Charts = append(md.Charts, mc)
	}
	for _, c := range chart.MapScale() {
		md.MapScale = append(md.MapScale, hexColor(c))
	}
	md.Limits = map[string]any{"maxSessions": opt.MaxSessions, "idleSeconds": opt.IdleTimeout.Seconds(),
		"maxAgents": opt.MaxAgents, "maxSpeed": maxSpeed, "defaultSpeed": defaultSpeed, "maxSeed": int64(maxSeed)}
	return json.Marshal(md)
}

// defaultScenarios is what a new page shows: the panes the server was
// given, or the first two scenarios offered.
func defaultScenarios(names []string, panes [2]string) []string {
	if panes[0] != "" && slices.Contains(names, panes[0]) && slices.Contains(names, panes[1]) {
		return panes[:]
	}
	return []string{names[0], names[min(1, len(names)-1)]}
}

func (srv *Server) defaults() []string { return defaultScenarios(srv.names, srv.opt.Panes) }
