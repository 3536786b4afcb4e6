package lesson

import (
	"fmt"
	"strings"

	"github.com/govsim/govsim/sim"
)

// The documents the plans write into.
const (
	teaching   = "docs/teaching.md"
	teachingZH = "docs/teaching.zh.md"
	readme     = "README.md"
)

// Plans are the lesson plans, in the order of docs/teaching.md, then the
// page's description and the README's quote of the ticker.
func Plans() []Plan {
	return []Plan{
		{Name: "PAGE", Doc: teaching, DocZH: teachingZH, Seed: 1, follow: page},
		{Name: "LESSON1", Doc: teaching, DocZH: teachingZH, Seed: 1, follow: voteBuying},
		{Name: "LESSON2", Doc: teaching, DocZH: teachingZH, Seed: 1, follow: migrants},
		{Name: "LESSON3", Doc: teaching, DocZH: teachingZH, Seed: 1, follow: stagedPath},
		{Name: "TRY", Doc: teaching, DocZH: teachingZH, Seed: 1, follow: try},
		{Name: "TICKER", Doc: readme, Seed: 1, follow: readmeTicker},
	}
}

// Metric names and parameter keys, through sim's tables.
var (
	committeeBuying = sim.VoteBuying.Name()
	boardBuying     = sim.BoardVoteBuying.Name()
	trust           = sim.Trust.Name()
	leakage         = sim.LeakageShare.Name()
	composite       = sim.CompositeIndex.Name()
	satLocal        = sim.SatisfactionLocal.Name()
	satMigrant      = sim.SatisfactionMigrant.Name()
	petitions       = sim.Petitions.Name()
	lmDisputes      = sim.DisputesLocalMigrant.Name()
	migrantVoter    = sim.MigrantVoterShare.Name()
	threat          = sim.LocalMigrantThreat.Name()
	spending        = sim.FiscalSpending.Name()

	zhengjing = sim.KindZhengjing.Key()
	zhengshe  = sim.KindZhengshe.Key()
	cungaiju  = sim.KindCungaiju.Key()

	discretion = "economy.discretion"
	threshold  = "reform.trading_centre_threshold"
	detect     = "election.detect"
	interval   = "election.interval"
	hazard     = "economy.req_hazard"
	budget     = "services.rural_budget"
	access     = "services.collective_migrant_share"
)

// scenario is a scenario's name on the page's menu.
func (f *follower) scenario(name string) bi {
	if f.err != nil {
		return bi{}
	}
	cfg, err := f.b.Scenario(name)
	if err != nil {
		f.fail(err)
		return bi{}
	}
	zh := cfg.LabelZH
	if zh == "" {
		zh = cfg.Label
	}
	return bi{cfg.Label, zh}
}

// page is the part of "What is on the page" that names the sliders and
// quotes the ticker.
func page(f *follower) {
	var en, zh []string
	for _, key := range []string{"election.price", detect, interval, discretion, threshold, hazard, budget, access, "migration.growth", "district.migrant_ratio"} {
		l := f.label(key)
		en, zh = append(en, "“"+l.en+"”"), append(zh, "“"+l.zh+"”")
	}
	f.say("- Under **Parameters** are the sliders a class plays with: %s. With **parameters in both panes** ticked (the default), a slider moves both panes.",
		"- 在**参数**下是课堂可调的滑块：%s。勾选**两侧参数同步**（默认）时，一个滑块同时改变两侧。",
		bi{strings.Join(en, ", "), strings.Join(zh, "、")})
	f.do(Step{Action: Setup, Scenarios: [2]string{"baseline", "baseline"}})
	f.do(Step{Action: GoTo, Month: 0})
	f.say("- **What happened** is the ticker, one line for each thing a class should notice: \"%s\".",
		"- **大事记**逐条列出值得课堂注意的事，例如：“%s”。", f.ticker(0, 0, "elections"))
}

// voteBuying is lesson 1: vote buying and separation (政经分离).
func voteBuying(f *follower) {
	const switchAt, next, later = 24, 36, 72
	f.do(Step{Action: Setup, Scenarios: [2]string{"baseline", "baseline"}})
	base := f.scenario("baseline")
	f.say("**Set.** Choose **%s** in both panes, keep seed %d and press **Setup**.",
		"**设置.** 两侧都选**%s**，随机种子保持%d，按**初始化**。", base, f.seed)
	f.blank()
	f.say("**Press.**", "**操作.**")
	f.blank()
	f.do(Step{Action: GoTo, Month: switchAt})
	f.identical()
	f.say("1. Type %d in **pause at month** and press **Go**: both panes stop when the clock reads month %d (two years; the first election was at month 0). The two panes are identical — same seed, same settings: point at the two maps and charts.",
		"1. 在**暂停于第几月**中输入%d，按**运行**：时钟显示第%d个月时两侧同时暂停（两年；第一次选举在第0个月）。两侧完全相同——同一随机种子、同样设置：请学生对照两侧的地图和图表。", switchAt, switchAt)
	f.do(Step{Action: Tick, Pane: 1, Kind: zhengjing})
	start := f.clock() + 1
	f.say("2. Tick **%s** in the right pane. It starts at the next month, %d, in every village.",
		"2. 在右侧勾选**%s**：从下个月（第%d个月）起在所有村实施。", kind(zhengjing), start)
	f.do(Step{Action: GoTo, Month: next})
	f.say("3. Type %d (the next election) in **pause at month** and press **Go**.",
		"3. 在**暂停于第几月**中输入%d（下一次选举），按**运行**。", next)
	f.do(Step{Action: GoTo, Month: later})
	f.say("4. Type %d and press **Go** again: two more elections.",
		"4. 输入%d，再按**运行**：又经过两次选举。", later)
	f.blank()
	f.say("**What students should see** (seed %d; each figure is what the page shows).",
		"**学生应当看到**（随机种子%d；以下数字即页面所示）。", f.seed)
	f.blank()
	f.say("- Month 0, both tickers: \"%s\".", "- 第0个月，两侧大事记：“%s”。", f.ticker(0, 0, "elections"))
	f.say("- At the switch every village on the right map takes the colour of %s (the legend under the map: %s %d, of %d villages), and the ticker says \"%s\" and \"%s\": the boards' first election has vote buying too.",
		"- 改革开始时，右侧地图上所有村都变成%s的颜色（地图下的图例：%s %d，共%d个村），大事记显示“%s”和“%s”：理事会的第一次选举同样有贿选。",
		kind(zhengjing), kind(zhengjing), f.villages(1, zhengjing), f.units(), f.ticker(1, start, kind(zhengjing)), f.ticker(1, start, "shareholders"))
	f.say("- The month-%d election. Left: \"%s\". Right: \"%s\".", "- 第%d个月的选举。左侧：“%s”。右侧：“%s”。",
		next, f.ticker(0, next, "elections"), f.ticker(1, next, "elections"))
	f.effect("committee vote buying at the first election after 政经分离, left against right", committeeBuying,
		f.value(0, committeeBuying, next), f.value(1, committeeBuying, next), 0.01, false)
	b36, b72 := f.value(1, boardBuying, next), f.value(1, boardBuying, later)
	f.say("- In the right pane vote buying has moved to the cooperative boards' elections, and fades there: %s of board votes sold at month %d, %s at month %d (the vote-buying chart, dashed).",
		"- 右侧的贿选转移到了合作社理事会选举，并逐渐消退：第%[2]d个月理事会选举卖票率%[1]s，第%[4]d个月%[3]s（贿选率图中的虚线）。",
		f.show(1, boardBuying, next), next, f.show(1, boardBuying, later), later)
	f.effect("board vote buying under 政经分离, month 36 against month 72", boardBuying, b36, b72, 0.25, true)
	tl, tr := f.value(0, trust, later), f.value(1, trust, later)
	f.say("- By month %d trust in the committee is %s on the right against %s on the left (the readout beside each map). Pick \"%s\" in the last chart: %s against %s. The composite index: %s against %s.",
		"- 到第%d个月，右侧对两委的信任为%s，左侧为%s（地图旁的读数）。在最后一张图中选“%s”：右侧%s，左侧%s。综合指数：右侧%s，左侧%s。",
		later, f.show(1, trust, later), f.show(0, trust, later), title(leakage), f.show(1, leakage, later), f.show(0, leakage, later), f.show(1, composite, later), f.show(0, composite, later))
	f.effect("trust in the committee at month 72, left against right", trust, tl, tr, 0.05, false)

	f.in("LESSON1-MORE")
	f.say("Go on from month %d, both panes paused. With **parameters in both panes** ticked a slider moves both panes, and both rerun to month %d at once.",
		"从第%d个月继续，两侧暂停。勾选**两侧参数同步**时，一个滑块同时改变两侧，两侧立即重新运行到第%d个月。", later, later)
	f.blank()
	before, rBefore := f.value(0, committeeBuying, later), f.value(1, committeeBuying, later)
	d0 := f.param(discretion)
	f.do(Step{Action: Slide, Key: discretion, Value: 1})
	after, rAfter := f.value(0, committeeBuying, later), f.value(1, committeeBuying, later)
	f.say("- Raise **%s** from %s to 1 (whoever controls land compensation decides all of it): at the month-%d election committee vote buying on the left %s — a seat is worth more, so more of it is bought — while on the right, where the board controls compensation, it %s.",
		"- 把**%s**从%s调到1（掌握征地补偿的人决定全部补偿）：第%d个月选举中，左侧两委贿选率%s——席位更值钱，被买的票更多；而右侧由理事会掌握补偿，两委贿选率%s。",
		f.label(discretion), same(number(d0)), later, f.effect("committee vote buying at month 72 with discretion 1", committeeBuying, before, after, 0.25, true),
		f.flat("committee vote buying under 政经分离 at month 72 with discretion 1", committeeBuying, rBefore, rAfter, 0.01))
	f.do(Step{Action: Slide, Key: discretion, Value: d0})
	bBefore, lBefore := f.value(1, boardBuying, later), f.value(1, leakage, later)
	t0 := f.param(threshold)
	f.do(Step{Action: Slide, Key: threshold, Value: 10_000_000})
	bAfter, lAfter := f.value(1, boardBuying, later), f.value(1, leakage, later)
	f.say("- Put it back to %s and raise the **%s** from %s to 10,000,000 yuan (almost no deal must pass the asset trading centre): on the right, board vote buying at month %d %s and leakage %s. 政经分离 works through the trading centre.",
		"- 调回%s，再把**%s**从%s元调到10,000,000元（几乎没有交易必须进入集体资产交易平台）：右侧第%d个月理事会贿选率%s，集体收入流失%s。政经分离要靠交易平台才起作用。",
		same(number(d0)), f.label(threshold), same(number(t0)), later, f.effect("board vote buying at month 72 with the threshold at 10 million", boardBuying, bBefore, bAfter, 0.5, true),
		f.effect("leakage at month 72 with the threshold at 10 million", leakage, lBefore, lAfter, 0.5, true))
	f.do(Step{Action: Slide, Key: threshold, Value: t0})
	vBefore := f.value(0, committeeBuying, later)
	p0 := f.param(detect)
	f.do(Step{Action: Slide, Key: detect, Value: 0.9})
	vAfter := f.value(0, committeeBuying, later)
	f.say("- Put it back and raise the **%s** from %s to 0.9: committee vote buying on the left at month %d does not fall (it %s). In this model candidates weigh a seat's stake against the price of votes, not the risk of being caught. Is that realistic? That is a question about the model, and a good one.",
		"- 调回后，把**%s**从%s调到0.9：第%d个月左侧两委贿选率并没有下降（%s）。在这个模型里，候选人权衡的是席位的利益和买票的价格，而不是被查处的风险。这符合现实吗？这是对模型本身的提问，而且是个好问题。",
		f.label(detect), same(number(p0)), later, f.flat("committee vote buying at month 72 with detection 0.9", committeeBuying, vBefore, vAfter, 0.01))
}

// migrants is lesson 2: migrants' voice and services (政社分离).
func migrants(f *follower) {
	const before, mid = 11, 48
	f.do(Step{Action: Setup, Scenarios: [2]string{"baseline", zhengshe}})
	end := f.months() - 1
	f.say("**Set.** Left: **%s**. Right: **%s** (%s). Colour the map by \"%s\". Press **Setup**.",
		"**设置.** 左侧：**%s**。右侧：**%s**（%s）。地图着色选“%s”。按**初始化**。",
		f.scenario("baseline"), f.scenario(zhengshe), f.schedule(1), title(satMigrant))
	f.blank()
	f.say("**Press.** Type %d in **pause at month** and press **Go**; then %d; then %d (the end).",
		"**操作.** 在**暂停于第几月**中输入%d，按**运行**；再输入%d；再输入%d（结束）。", before, mid, end)
	f.blank()
	f.do(Step{Action: GoTo, Month: before})
	f.identical()
	f.say("**What students should see** (seed %d).", "**学生应当看到**（随机种子%d）。", f.seed)
	f.blank()
	f.say("- At month %d, before the switch, the panes are the same: migrants' satisfaction %s, locals' %s (the satisfaction chart: dashed below solid).",
		"- 第%d个月改革之前，两侧相同：外来人口满意度%s，本地居民%s（满意度图：虚线在实线之下）。",
		before, f.show(1, satMigrant, before), f.show(1, satLocal, before))
	f.do(Step{Action: GoTo, Month: mid})
	mL, mR := f.value(0, satMigrant, mid), f.value(1, satMigrant, mid)
	f.say("- At month %d migrants' satisfaction is %s on the right against %s on the left: the right map turns from dark to bright.",
		"- 第%d个月，右侧外来人口满意度为%s，左侧为%s：右侧地图由暗变亮。", mid, f.show(1, satMigrant, mid), f.show(0, satMigrant, mid))
	f.effect("migrants' satisfaction at month 48, left against right", satMigrant, mL, mR, 0.1, false)
	f.do(Step{Action: GoTo, Month: end})
	f.say("- At the end (month %d) locals' satisfaction is %s on the right against %s on the left, migrants' %s against %s: the reform lifts both, and migrants stay below locals.",
		"- 结束时（第%d个月）本地居民满意度右侧%s、左侧%s，外来人口右侧%s、左侧%s：改革提高了两者，外来人口仍低于本地居民。",
		end, f.show(1, satLocal, end), f.show(0, satLocal, end), f.show(1, satMigrant, end), f.show(0, satMigrant, end))
	pL, pR := f.smooth(0, petitions, end), f.smooth(1, petitions, end)
	f.say("- Tick **12-month average**: petitions in the last year are %s per 1,000 residents a month on the right against %s on the left; the composite index ends at %s against %s.",
		"- 勾选**12个月平均**：最后一年上访右侧为每千人每月%s，左侧%s；综合指数最终右侧%s，左侧%s。",
		f.showSmooth(1, petitions, end), f.showSmooth(0, petitions, end), f.show(1, composite, end), f.show(0, composite, end))
	f.effect("petitions in the last year, left against right", petitions, pL, pR, 0.3, true)
	e := f.lastElection(1, end)
	vL, vR := f.value(0, migrantVoter, e), f.value(1, migrantVoter, e)
	f.say("- Pick \"%s\" in the last chart: %s on the right against %s on the left at the last election (month %d).",
		"- 在最后一张图中选“%[1]s”：最后一次选举（第%[4]d个月）右侧%[2]s，左侧%[3]s。",
		title(migrantVoter), f.show(1, migrantVoter, e), f.show(0, migrantVoter, e), e)
	f.effect("migrants among registered voters at the last election, left against right", migrantVoter, vL, vR, 0.05, false)
	second := 23
	f.say("- Pick \"%s\" (12-month average): they do not fall with %s — from %s in the second year to %s in the last on the right, from %s to %s on the left.",
		"- 选“%s”（12个月平均）：%s并没有让它们下降——右侧从第二年的%s到最后一年的%s，左侧从%s到%s。",
		title(lmDisputes), kind(zhengshe), f.showSmooth(1, lmDisputes, second), f.showSmooth(1, lmDisputes, end), f.showSmooth(0, lmDisputes, second), f.showSmooth(0, lmDisputes, end))

	f.in("LESSON2-MORE")
	f.say("Go on from month %d, both panes paused.", "从第%d个月继续，两侧暂停。", end)
	f.blank()
	lB, mB := f.value(0, satLocal, end), f.value(0, satMigrant, end)
	b0 := f.param(budget)
	f.do(Step{Action: Slide, Key: budget, Value: 600})
	lA, mA := f.value(0, satLocal, end), f.value(0, satMigrant, end)
	f.say("- Raise the **%s** from %s to 600 yuan a resident a year (both panes rerun): on the left locals' satisfaction %s, migrants' only %s — what the collective funds goes to members first.",
		"- 把**%s**从每人每年%s元提高到600元（两侧重新运行）：左侧本地居民满意度%s，外来人口仅%s——集体出资的服务首先给成员。",
		f.label(budget), same(number(b0)), f.effect("locals' satisfaction at the end with budget 600", satLocal, lB, lA, 0.05, false), f.effect("migrants' satisfaction at the end with budget 600", satMigrant, mB, mA, 0, false))
	f.do(Step{Action: Slide, Key: budget, Value: b0})
	aB := f.value(0, satMigrant, end)
	a0 := f.param(access)
	f.do(Step{Action: Slide, Key: access, Value: 1})
	aA := f.value(0, satMigrant, end)
	f.say("- Put it back and set **%s** to 1: migrants' satisfaction on the left %s without any reform, against %s under %s on the right.",
		"- 调回后，把**%[1]s**设为1：不做任何改革，左侧外来人口满意度%[2]s；右侧%[4]s下为%[3]s。",
		f.label(access), f.effect("migrants' satisfaction at the end with full access", satMigrant, aB, aA, 0.03, false), f.show(1, satMigrant, end), kind(zhengshe))
	f.do(Step{Action: Slide, Key: access, Value: a0})
	tB, dB := f.smooth(1, threat, end), f.smooth(1, lmDisputes, end)
	f.do(Step{Action: Tick, Pane: 1, Kind: zhengjing})
	f.do(Step{Action: Start, Pane: 1, Kind: zhengjing, Month: 12})
	tA, dA := f.smooth(1, threat, end), f.smooth(1, lmDisputes, end)
	f.say("- Put it back, tick **%s** in the right pane as well and type 12 as its start: in the last year \"%s\" %s and the rate of local–migrant disputes %s (12-month averages). Separating the economy lets migrants have a voice without a fight over the dividend.",
		"- 调回后，在右侧再勾选**%s**，开始月份填12：最后一年“%s”%s，本地与外来人口纠纷%s（12个月平均）。政经分离让外来人口有发言权，而不引发分红之争。",
		kind(zhengjing), title(threat), f.effect("redistribution threat with 政经分离 from month 12", threat, tB, tA, 0.5, true), f.effect("local–migrant disputes with 政经分离 from month 12", lmDisputes, dB, dA, 0.3, true))
}

// stagedPath is lesson 3: the staged path and its cost (南海路径).
func stagedPath(f *follower) {
	const late, speed = 120, 20
	f.do(Step{Action: Setup, Scenarios: [2]string{"baseline", "nanhai"}})
	end := f.months() - 1
	f.say("**Set.** Left: **%s**. Right: **%s** (%s). In the last chart pick \"%s\". Map colour: status. Press **Setup**, then **Go** at speed %d and let it run to the end (%d seconds).",
		"**设置.** 左侧：**%s**。右侧：**%s**（%s）。最后一张图选“%s”。地图着色：状态。按**初始化**，速度%d，按**运行**，一直运行到结束（%d秒）。",
		f.scenario("baseline"), f.scenario("nanhai"), f.schedule(1), title(spending), speed, f.months()/speed)
	f.do(Step{Action: GoTo, Month: end})
	f.blank()
	f.say("**What students should see** (seed %d).", "**学生应当看到**（随机种子%d）。", f.seed)
	f.blank()
	f.say("- The right map changes in stages, and the ticker names each: \"%s\", \"%s\", \"%s\".",
		"- 右侧地图分阶段变化，大事记逐一列出：“%s”、“%s”、“%s”。",
		f.ticker(1, f.startOf(1, cungaiju), kind(cungaiju)), f.ticker(1, f.startOf(1, zhengjing), kind(zhengjing)), f.ticker(1, f.startOf(1, zhengshe), kind(zhengshe)))
	cL, cR := f.value(0, composite, end), f.value(1, composite, end)
	f.say("- The composite index climbs in steps to %s against %s; trust in the committee reaches %s against %s; petitions in the last year are %s a month per 1,000 residents against %s (12-month average).",
		"- 综合指数分阶段升至%s（左侧%s）；对两委的信任达到%s（左侧%s）；最后一年上访为每千人每月%s（左侧%s，12个月平均）。",
		f.show(1, composite, end), f.show(0, composite, end), f.show(1, trust, end), f.show(0, trust, end), f.showSmooth(1, petitions, end), f.showSmooth(0, petitions, end))
	f.effect("composite index at the end, baseline against nanhai", composite, cL, cR, 0.05, false)
	sL, sR := f.smooth(0, spending, end), f.smooth(1, spending, end)
	f.say("- The cost: district spending in the last year is %s against %s (12-month average): committee funding and supervision, service centres and social organisations, conversion subsidies and urban social insurance.",
		"- 代价：最后一年区财政支出为%s（左侧%s，12个月平均）：两委经费与监督、服务中心与社会组织、转制补贴与城镇社保。",
		f.showSmooth(1, spending, end), f.showSmooth(0, spending, end))
	f.effect("district spending in the last year, baseline against nanhai", spending, sL, sR, 0.2, true)

	f.in("LESSON3-MORE")
	// The scenario of a reform alone is named by its kind.
	for _, alt := range []string{zhengshe, zhengjing} {
		f.do(Step{Action: Choose, Pane: 1, Scenarios: [2]string{"", alt}})
		f.say("- Set the right pane to **%s** alone (it reruns to month %d): the composite ends at %s, for %s in the last year.",
			"- 右侧改选**%s**（重新运行到第%d个月）：综合指数最终为%s，最后一年支出%s。", f.scenario(alt), end, f.show(1, composite, end), f.showSmooth(1, spending, end))
	}
	f.do(Step{Action: Choose, Pane: 1, Scenarios: [2]string{"", "nanhai"}})
	early := f.startOf(1, zhengshe)
	cB, sB := f.value(1, composite, late-1), f.smooth(1, spending, late-1)
	f.do(Step{Action: Start, Pane: 1, Kind: zhengshe, Month: late})
	cA, sA := f.value(1, composite, late-1), f.smooth(1, spending, late-1)
	f.say("- Switch the right pane back to **%s** and type %d as %s's start (%d years late). Hover over month %d, just before it starts: the composite %s and spending %s (12-month average). At the end the composite is %s: how much of the gain is lost, and for how long?",
		"- 右侧改回**%s**，把%[3]s的开始月份改为%[2]d（晚%[4]d年）。把鼠标移到第%[5]d个月（改革开始之前）：综合指数%[6]s，支出%[7]s（12个月平均）。结束时综合指数为%[8]s：损失了多少收益，持续多久？",
		f.scenario("nanhai"), late, kind(zhengshe), (late-early)/12, late-1,
		f.effect("composite at month 119 with 政社分离 at 120", composite, cB, cA, 0.03, false), f.effect("spending at month 119 with 政社分离 at 120", spending, sB, sA, 0.1, true), f.show(1, composite, end))
}

// startOf is the start month of a pane's reform of a kind.
func (f *follower) startOf(pane int, kind string) int {
	if f.err != nil {
		return 0
	}
	for _, r := range f.c.Pane(pane).Reforms {
		if r.Kind == kind {
			return r.Start
		}
	}
	f.fail(fmt.Errorf("pane %d has no %s reform", pane, kind))
	return 0
}

// try is "Things to try" that quote numbers: each a slider in a baseline
// pane against the defaults, over the whole run.
func try(f *follower) {
	f.do(Step{Action: Setup, Scenarios: [2]string{"baseline", "baseline"}})
	end := f.months() - 1
	f.do(Step{Action: GoTo, Month: end})
	all := func(pane int) float64 { return f.mean(pane, committeeBuying, 0, end) }
	b0 := all(0)
	i0, h0 := f.param(interval), f.param(hazard)
	f.do(Step{Action: Slide, Key: interval, Value: 60})
	b1 := all(0)
	f.say("- Set **%s** to 60 (five-year terms, as since 2018): fewer elections, but a seat held for five years is worth more, so more of each election is bought — in the baseline, committee vote buying averaged over the run's elections %s.",
		"- 把**%s**设为60（五年一届，2018年起如此）：选举次数减少，但五年任期的席位更值钱，每次选举被买的票更多——无改革时全期各次选举的两委贿选率平均%s。",
		f.label(interval), f.effect("committee vote buying over the run with five-year terms", committeeBuying, b0, b1, 0.2, true))
	f.do(Step{Action: Slide, Key: interval, Value: i0})
	f.do(Step{Action: Slide, Key: hazard, Value: 0.1})
	b2 := all(0)
	f.say("- Raise the **%s** from %s to 0.1: more compensation money passes through the committee, and more of each election is bought (averaged over the run, it %s).",
		"- 把**%s**从%s提高到0.1：更多征地补偿经两委之手，每次选举被买的票更多（全期平均%s）。",
		f.label(hazard), same(number(h0)), f.effect("committee vote buying over the run with requisition hazard 0.1", committeeBuying, b0, b2, 0.2, true))
}

// readmeTicker is the README's example of the ticker.
func readmeTicker(f *follower) {
	f.do(Step{Action: Setup, Scenarios: [2]string{"baseline", zhengjing}})
	f.do(Step{Action: GoTo, Month: 36})
	f.say("> %s", "> %s", f.ticker(0, 36, "elections"))
}
