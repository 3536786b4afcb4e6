package lesson

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/govsim/govsim/output/live"
	"github.com/govsim/govsim/sim"
)

// Action is what a teacher does on the page.
type Action int

// The actions a plan may take, each one control of the page.
const (
	// Setup chooses Scenarios[0] and Scenarios[1] for the left and right
	// panes, types Seed, and presses Setup.
	Setup Action = iota + 1
	// GoTo types Month into "pause at month" and presses Go: both panes
	// run until the clock shows Month.
	GoTo
	// Tick ticks reform Kind in pane Pane: it starts at the next month, in
	// every village.
	Tick
	// Start types Month into the start box of pane Pane's reform Kind.
	Start
	// Slide sets parameter Key to Value with "parameters in both panes"
	// ticked: both panes rerun.
	Slide
	// Choose picks scenario Scenarios[Pane] for pane Pane; it keeps the
	// parameters set on the page and reruns to the clock.
	Choose
)

// Step is one action with what it needs.
type Step struct {
	Action    Action
	Pane      int
	Scenarios [2]string
	Seed      uint64
	Month     int
	Kind      string
	Key       string
	Value     float64
}

// Figure is a number or ticker line a plan quotes, read from pane Pane
// after step Step: the value of a district metric at Month, or, when
// Metric is empty, the English ticker line of Month that contains Ticker.
type Figure struct {
	Step   int
	Pane   int
	Metric string
	Month  int
	Value  float64
	Ticker string
	// Smooth: the mean over the 12 months up to Month, as the page draws
	// it with "12-month average" ticked.
	Smooth bool
	Text   string // as the plan quotes it
}

// Effect is a comparison a plan's point rests on: From becomes To, and a
// class sees it when the change is at least Visible in the metric's
// stored unit (or, with Relative, as a share of From). A Flat effect is a
// point that nothing much changes: it holds when the change is below
// Visible.
type Effect struct {
	What     string
	Metric   string
	From, To float64
	Visible  float64
	Relative bool
	Flat     bool
}

// Seen reports whether the effect is there for a class to see: a change
// at least Visible, or for a Flat one, less.
func (e Effect) Seen() bool {
	d := math.Abs(e.To - e.From)
	v := e.Visible
	if e.Relative {
		v *= math.Abs(e.From)
	}
	if e.Flat {
		return d < v
	}
	return d >= v
}

// Result is a plan followed: the Markdown of each generated block, by
// marker, in English (Blocks, for Plan.Doc) and Chinese (BlocksZH, for
// Plan.DocZH), and what was done and quoted.
type Result struct {
	Blocks, BlocksZH map[string]string
	Steps            []Step
	Figures          []Figure
	Effects          []Effect
}

// Unseen lists the effects a class could not see, in words.
func (r Result) Unseen() []string {
	var out []string
	for _, e := range r.Effects {
		if e.Seen() {
			continue
		}
		m, _ := sim.MetricByName(e.Metric)
		v := live.Format(m, e.Visible)
		if e.Relative {
			v = fmt.Sprintf("%.0f%% of it", 100*e.Visible)
		}
		what := "a change of less than %s, too small for a class to see"
		if e.Flat {
			what = "a change of %s or more, where the plan says it hardly moves"
		}
		out = append(out, fmt.Sprintf("%s: %s → %s, "+what, e.What, live.Format(m, e.From), live.Format(m, e.To), v))
	}
	return out
}

// Plan is a lesson plan: the blocks it writes into a document, in English
// and Chinese, and how it follows the page to write them.
type Plan struct {
	Name   string // the first block's marker, e.g. LESSON1
	Doc    string // the English document, relative to the repository
	DocZH  string // the Chinese one ("": none)
	Seed   uint64
	follow func(f *follower)
}

// Follow follows a plan on a classroom backend (with the options `govsim
// serve` uses) and returns what it writes.
func Follow(b live.Backend, opt live.Options, p Plan) (Result, error) {
	f := &follower{b: b, opt: opt, seed: p.Seed, res: Result{Blocks: map[string]string{}, BlocksZH: map[string]string{}}, block: p.Name}
	defer func() {
		if f.c != nil {
			f.c.Close()
		}
	}()
	p.follow(f)
	f.flush()
	if f.err != nil {
		return Result{}, fmt.Errorf("lesson %s: %w", p.Name, f.err)
	}
	if p.DocZH == "" {
		f.res.BlocksZH = nil
	}
	return f.res, nil
}

// follower takes a plan's steps and writes its text. The first error
// stops it; every later call does nothing.
type follower struct {
	b    live.Backend
	opt  live.Options
	seed uint64
	c    *live.Class
	err  error
	res  Result

	block  string
	en, zh strings.Builder
}

// bi is a piece of text in both languages, for say's arguments.
type bi struct{ en, zh string }

// same is a piece of text that reads the same in both (a number).
func same(s string) bi { return bi{s, s} }

func (f *follower) fail(err error) {
	if f.err == nil && err != nil {
		f.err = err
	}
}

// in starts writing the block with the marker name.
func (f *follower) in(name string) {
	f.flush()
	f.block = name
}

func (f *follower) flush() {
	if f.en.Len() > 0 || f.zh.Len() > 0 {
		f.res.Blocks[f.block] += f.en.String()
		f.res.BlocksZH[f.block] += f.zh.String()
		f.en.Reset()
		f.zh.Reset()
	}
}

// say writes a line of Markdown in each language: en and zh are formats,
// and an argument of type bi gives each its own text.
func (f *follower) say(en, zh string, a ...any) {
	ae, az := make([]any, len(a)), make([]any, len(a))
	for i, x := range a {
		ae[i], az[i] = x, x
		if b, ok := x.(bi); ok {
			ae[i], az[i] = b.en, b.zh
		}
	}
	fmt.Fprintf(&f.en, en+"\n", ae...)
	fmt.Fprintf(&f.zh, zh+"\n", az...)
}

// blank writes an empty line in both languages.
func (f *follower) blank() { f.say("", "") }

// do takes a step on the class.
func (f *follower) do(s Step) {
	if f.err != nil {
		return
	}
	var err error
	switch s.Action {
	case Setup:
		s.Seed = f.seed
		st := live.Settings{Seed: s.Seed, Panes: []live.PaneSettings{{Scenario: s.Scenarios[0]}, {Scenario: s.Scenarios[1]}}}
		if f.c == nil {
			f.c, err = live.NewClass(f.b, f.opt, st)
		} else {
			err = f.c.Setup(st)
		}
	case GoTo:
		err = f.c.GoTo(s.Month)
	case Tick:
		err = f.c.SwitchOn(s.Pane, s.Kind)
	case Start:
		err = f.c.SetStart(s.Pane, s.Kind, s.Month)
	case Slide:
		if _, _, ok := live.ParamLabel(s.Key); !ok {
			err = fmt.Errorf("the page has no slider for %s", s.Key)
		} else {
			err = f.c.SetParam(s.Key, s.Value, 0, 1)
		}
	case Choose:
		err = f.c.Choose(s.Pane, s.Scenarios[s.Pane])
	default:
		err = fmt.Errorf("unknown action %d", s.Action)
	}
	if err != nil {
		f.fail(fmt.Errorf("step %d: %w", len(f.res.Steps)+1, err))
		return
	}
	f.res.Steps = append(f.res.Steps, s)
}

// clock is the month the page's clock shows.
func (f *follower) clock() int {
	if f.c == nil {
		return -1
	}
	return f.c.Clock()
}

// months is the length of the panes' runs.
func (f *follower) months() int {
	if f.c == nil {
		return 0
	}
	return f.c.Months()
}

// value reads a district metric of a pane at a month and records it as a
// figure the plan quotes.
func (f *follower) value(pane int, metric string, month int) float64 {
	if f.err != nil {
		return math.NaN()
	}
	m, ok := sim.MetricByName(metric)
	if !ok {
		f.fail(fmt.Errorf("no metric %q", metric))
		return math.NaN()
	}
	v := f.c.Value(pane, metric, month)
	if math.IsNaN(v) {
		f.fail(fmt.Errorf("%s is not defined in pane %d at month %d (clock %d)", metric, pane, month, f.clock()))
		return v
	}
	f.res.Figures = append(f.res.Figures, Figure{Step: len(f.res.Steps) - 1, Pane: pane, Metric: metric, Month: month, Value: v, Text: live.Format(m, v)})
	return v
}

// show is value, written as the page shows it.
func (f *follower) show(pane int, metric string, month int) bi {
	v := f.value(pane, metric, month)
	m, _ := sim.MetricByName(metric)
	return bi{live.Format(m, v), live.FormatZH(m, v)}
}

// mean is the mean of a metric of a pane over the months it is defined in
// [from, to].
func (f *follower) mean(pane int, metric string, from, to int) float64 {
	if f.err != nil {
		return math.NaN()
	}
	sum, n := 0.0, 0
	for m := from; m <= to; m++ {
		if v := f.c.Value(pane, metric, m); !math.IsNaN(v) {
			sum += v
			n++
		}
	}
	if n == 0 {
		f.fail(fmt.Errorf("%s is not defined in pane %d from month %d to %d", metric, pane, from, to))
		return math.NaN()
	}
	return sum / float64(n)
}

// smooth reads a monthly metric of a pane averaged over the 12 months up
// to month, as the page draws it with "12-month average" ticked.
func (f *follower) smooth(pane int, metric string, month int) float64 {
	if f.err != nil {
		return math.NaN()
	}
	m, _ := sim.MetricByName(metric)
	v := f.mean(pane, metric, max(0, month-11), month)
	f.res.Figures = append(f.res.Figures, Figure{Step: len(f.res.Steps) - 1, Pane: pane, Metric: metric, Month: month, Value: v, Smooth: true, Text: live.Format(m, v)})
	return v
}

// showSmooth is smooth, written as the page shows it.
func (f *follower) showSmooth(pane int, metric string, month int) bi {
	v := f.smooth(pane, metric, month)
	m, _ := sim.MetricByName(metric)
	return bi{live.Format(m, v), live.FormatZH(m, v)}
}

// ticker returns the ticker line of a pane at a month that contains word
// (in English), recorded as a figure.
func (f *follower) ticker(pane, month int, word string) bi {
	if f.err != nil {
		return bi{}
	}
	prefix := fmt.Sprintf("Month %d: ", month)
	for _, e := range f.c.Events(pane) {
		if e.Month == month && strings.HasPrefix(e.EN, prefix) && strings.Contains(e.EN, word) {
			f.res.Figures = append(f.res.Figures, Figure{Step: len(f.res.Steps) - 1, Pane: pane, Month: month, Ticker: word, Text: e.EN})
			return bi{e.EN, e.ZH}
		}
	}
	f.fail(fmt.Errorf("pane %d has no ticker line at month %d with %q", pane, month, word))
	return bi{}
}

// effect records a comparison the plan's point rests on and says it in
// words: "rises from 6.3% to 10.6%" (or falls, or stays).
func (f *follower) effect(what, metric string, from, to, visible float64, relative bool) bi {
	return f.record(Effect{What: what, Metric: metric, From: from, To: to, Visible: visible, Relative: relative})
}

// flat records a point that a change leaves a metric much as it was (by
// less than visible), and says it as effect does.
func (f *follower) flat(what, metric string, from, to, visible float64) bi {
	return f.record(Effect{What: what, Metric: metric, From: from, To: to, Visible: visible, Flat: true})
}

func (f *follower) record(e Effect) bi {
	if f.err != nil {
		return bi{}
	}
	f.res.Effects = append(f.res.Effects, e)
	m, _ := sim.MetricByName(e.Metric)
	a, b := live.Format(m, e.From), live.Format(m, e.To)
	az, bz := live.FormatZH(m, e.From), live.FormatZH(m, e.To)
	switch {
	case a == b:
		return bi{"stays at " + a, "保持在" + az}
	case e.To > e.From:
		return bi{fmt.Sprintf("rises from %s to %s", a, b), fmt.Sprintf("从%s升至%s", az, bz)}
	default:
		return bi{fmt.Sprintf("falls from %s to %s", a, b), fmt.Sprintf("从%s降至%s", az, bz)}
	}
}

// identical checks that the two panes hold the same values up to the
// clock, as they must with the same seed and settings.
func (f *follower) identical() {
	if f.err != nil {
		return
	}
	for _, m := range sim.Metrics() {
		if !m.District {
			continue
		}
		for month := 0; month <= f.clock(); month++ {
			a, b := f.c.Value(0, m.Name, month), f.c.Value(1, m.Name, month)
			if a != b && !(math.IsNaN(a) && math.IsNaN(b)) {
				f.fail(fmt.Errorf("the panes differ in %s at month %d: %v and %v", m.Name, month, a, b))
				return
			}
		}
	}
}

// villages counts the villages a reform kind has reached in a pane.
func (f *follower) villages(pane int, kind string) int {
	if f.err != nil {
		return 0
	}
	return f.c.Villages(pane, kind)
}

// units is the number of villages on the map.
func (f *follower) units() int {
	if f.err != nil {
		return 0
	}
	return f.c.Units(0)
}

// label is a class parameter's label on the page.
func (f *follower) label(key string) bi {
	en, zh, ok := live.ParamLabel(key)
	if !ok {
		f.fail(fmt.Errorf("the page has no slider for %s", key))
	}
	return bi{en, zh}
}

// setting is a class parameter's value in a pane, as a number in words:
// 100,000 or 0.3.
func (f *follower) setting(pane int, key string) bi {
	if f.err != nil {
		return bi{}
	}
	v := f.c.Param(pane, key)
	if math.IsNaN(v) {
		f.fail(fmt.Errorf("the page has no slider for %s", key))
		return bi{}
	}
	return same(number(v))
}

// param is a class parameter's value in the left pane.
func (f *follower) param(key string) float64 {
	if f.err != nil {
		return math.NaN()
	}
	return f.c.Param(0, key)
}

// number writes a parameter's value: whole numbers with thousands
// separators, others as short as they read back.
func number(v float64) string {
	if v != math.Trunc(v) || math.Abs(v) >= 1e15 {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	s := strconv.FormatInt(int64(math.Abs(v)), 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if v < 0 {
		s = "-" + s
	}
	return s
}

// schedule is a pane's reform schedule in words: "村改居 from month 12
// (eligible villages), 政经分离 from 24".
func (f *follower) schedule(pane int) bi {
	if f.err != nil {
		return bi{}
	}
	var en, zh []string
	for i, r := range f.c.Pane(pane).Reforms {
		k := kind(r.Kind)
		e, z := fmt.Sprintf("%s from month %d", k, r.Start), fmt.Sprintf("第%d个月起%s", r.Start, k)
		if i > 0 {
			e = fmt.Sprintf("%s from %d", k, r.Start)
		}
		if r.Coverage != "all" {
			e += " in " + r.Coverage + " villages"
			z = fmt.Sprintf("第%d个月起%s村%s", r.Start, map[string]string{"eligible": "符合条件的", "pilot": "试点"}[r.Coverage], k)
		}
		en, zh = append(en, e), append(zh, z)
	}
	return bi{strings.Join(en, ", "), strings.Join(zh, "，")}
}

// kind is a reform kind's name on the page (its Chinese name, in both).
func kind(key string) string {
	k, ok := sim.KindOf(key)
	if !ok {
		return key
	}
	return k.Kind().LabelZH
}

// title is a metric's title as the page's menus show it.
func title(metric string) bi {
	m, _ := sim.MetricByName(metric)
	return bi{m.Title, m.LabelZH}
}

// lastElection is the last month up to month in which a pane held
// committee elections.
func (f *follower) lastElection(pane, month int) int {
	for m := month; m >= 0 && f.err == nil; m-- {
		if !math.IsNaN(f.c.Value(pane, sim.VoteBuying.Name(), m)) {
			return m
		}
	}
	f.fail(fmt.Errorf("pane %d held no election up to month %d", pane, month))
	return 0
}
