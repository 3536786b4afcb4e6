// govsim classroom: the page of `govsim serve`. It builds its controls
// from /api/meta (the model's own metric and parameter tables), sends
// button presses and settings to the server, and draws what the server
// streams: two districts stepped month by month, with the same seed.
// No libraries: the charts and maps are drawn on canvases here.
'use strict';

(() => {
  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

  // Words of the page itself; everything about the model comes from meta.
  const WORDS = {
    en: {
      title: 'govsim classroom', subtitle: 'governance reform in an urbanising district',
      setup: 'Setup', go: 'Go', pause: 'Pause', step: 'Step', speed: 'Speed', seed: 'Seed',
      colourBy: 'Map colour', link: 'parameters in both panes', smooth: '12-month average',
      about: 'About this model', close: 'Close', scenario: 'Scenario', rerunning: 'rerunning…',
      events: 'What happened', settings: 'Reforms and parameters', reforms: 'Reforms', params: 'Parameters',
      toml: 'this pane as a scenario file for govsim run',
      rerunNote: 'Both panes use the same seed. Changing a pane\'s scenario, reforms or parameters reruns it from month 0 to the current month with the new settings, so a pane always shows exactly what govsim run gives for them. A reform switched on starts at the next month unless you set its start.',
      tipSetup: 'Start both panes again at month 0 with the seed and settings shown', tipStep: 'Simulate one month (key: S)',
      tipGo: 'Run or pause both panes (key: space)',
      tipSeed: 'The random seed of both panes; press Setup to use a new one',
      notStarted: 'not started: press Go or Step', month: 'Month', of: 'of', year: 'year', finished: 'finished',
      perSec: 'months/s', start: 'from month', coverage: 'coverage', fraction: 'fraction', reset: 'back to the scenario\'s value',
      status: 'Status', village: 'village', community: 'urban community (ring)', statusBoth: 'two or more reforms',
      noData: 'no values yet', front: 'dashed circle: urban front; dot: district core',
      lastElection: 'last election', full: 'The classroom is full.', ended: 'This session has ended. Reload the page to start again.',
      chooseMetric: 'metric', left: 'left', right: 'right', aboutLang: '',
      until: 'pause at month', tipUntil: 'Go runs until the clock shows this month, then pauses both panes',
      zoom: 'zoom axes', tipZoom: 'Fit each chart\'s vertical axis to its lines (otherwise a share runs from 0 to 100%)',
      projector: 'projector', tipProjector: 'Large text and thick lines for the back of a room',
      intensity: 'intensity', trigger: 'start where', threshold: 'passes', cov_all: 'all', cov_eligible: 'eligible', cov_pilot: 'pilot', monthAxis: 'month',
    },
    zh: {
      title: 'govsim 课堂', subtitle: '城镇化地区的基层治理改革',
      setup: '初始化', go: '运行', pause: '暂停', step: '单步', speed: '速度', seed: '随机种子',
      colourBy: '地图着色', link: '两侧参数同步', smooth: '12个月平均',
      about: '关于模型', close: '关闭', scenario: '情景', rerunning: '重新运行中…',
      events: '大事记', settings: '改革与参数', reforms: '改革', params: '参数',
      toml: '下载此侧情景文件（供 govsim run 使用）',
      rerunNote: '两侧使用相同的随机种子。修改一侧的情景、改革或参数后，该侧会按新设置从第0个月重新运行到当前月份，因此每一侧显示的结果都与 govsim run 完全一致。新开启的改革默认从下个月开始，也可以自行设置开始月份。',
      tipSetup: '按当前种子和设置，两侧从第0个月重新开始', tipStep: '模拟一个月（快捷键 S）',
      tipGo: '两侧同时运行或暂停（快捷键：空格）',
      tipSeed: '两侧共用的随机种子；按“初始化”后生效',
      notStarted: '尚未开始：请按“运行”或“单步”', month: '第', of: '/', year: '年', finished: '已结束',
      perSec: '月/秒', start: '开始月份', coverage: '覆盖范围', fraction: '试点比例', reset: '恢复情景默认值',
      status: '状态', village: '村', community: '城市社区（外圈）', statusBoth: '两项及以上改革',
      noData: '暂无数据', front: '虚线圆：城市边界；圆点：城区中心',
      lastElection: '最近一次选举', full: '课堂已满。', ended: '本次会话已结束，请刷新页面。',
      chooseMetric: '指标', left: '左', right: '右', aboutLang: '此部分只有英文原文（取自模型文档 docs/ODD.md）。',
      until: '暂停于第几月', tipUntil: '按“运行”后，时钟显示这个月份时两侧同时暂停',
      zoom: '缩放坐标轴', tipZoom: '让每张图的纵轴贴合曲线（否则比例从0到100%）',
      projector: '投影模式', tipProjector: '大字号、粗线条，教室后排也看得清',
      intensity: '强度', trigger: '触发条件', threshold: '阈值', cov_all: '全部', cov_eligible: '符合条件的', cov_pilot: '试点', monthAxis: '月',
    },
  };
  const SPEEDS = [1, 2, 5, 10, 20, 50, 100];
  // A village's status bits: 1 an urban community, then one bit a reform
  // kind (meta.reformKinds[i].bit), coloured as the server says.
  const ST_COMMUNITY = 1;

  const state = {
    meta: null, lang: 'en', id: null, es: null,
    month: 0, months: 240, running: false, over: false, speed: 10, seed: 1,
    panes: [null, null], // what the server sent
    edit: [null, null], // what the controls say: {scenario, reforms, params}
    layer: 'status', choice: 'trust_committee', smooth: false, zoom: false, projector: false,
    scales: {}, dirty: true, hover: null, busy: [false, false],
    stats: { frames: 0, drawMs: 0, updates: 0, bytes: 0, started: performance.now() },
  };

  const t = (k) => (WORDS[state.lang][k] ?? WORDS.en[k] ?? k);
  const L = (o) => (o ? (state.lang === 'zh' ? (o.zh || o.en) : o.en) : '');
  const metric = (name) => state.meta.metrics.find((m) => m.name === name);
  const metricIndex = (name) => state.meta.metrics.findIndex((m) => m.name === name);
  const scenario = (name) => state.meta.scenarios.find((s) => s.name === name);

  // ---- talking to the server --------------------------------------------

  async function api(method, path, body) {
    const opt = { method, headers: {} };
    if (body !== undefined) {
      opt.headers['Content-Type'] = 'application/json';
      opt.body = JSON.stringify(body);
    }
    const r = await fetch(path, opt);
    const text = await r.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch { data = null; }
    if (!r.ok) {
      const err = new Error((data && data.error) || `${r.status} ${r.statusText}`);
      err.status = r.status;
      throw err;
    }
    return data;
  }

  function notice(msg, kind) {
    const n = $('#notice');
    n.textContent = msg || '';
    n.className = kind || '';
    n.hidden = !msg;
  }

  const paneBody = (i) => {
    const e = state.edit[i];
    const body = { scenario: e.scenario, params: { ...e.params } };
    if (e.reforms) body.reforms = e.reforms.map((r) => ({ ...r }));
    return body;
  };

  async function control(action, speed) {
    const body = speed ? { action, speed } : { action };
    // Go with a month in "pause at month" ahead of the clock pauses there;
    // the server stops both panes exactly, whatever the speed.
    const u = $('#until').value;
    if (action === 'go' && u !== '' && Number(u) >= state.month) body.until = Number(u);
    try {
      await api('POST', `/api/sessions/${state.id}/control`, body);
    } catch (e) { notice(e.message); }
  }

  async function setup() {
    const seed = Number($('#seed').value);
    try {
      notice('');
      await api('POST', `/api/sessions/${state.id}/setup`, { seed, panes: [paneBody(0), paneBody(1)] });
      state.scales = {};
    } catch (e) { notice(e.message); }
  }

  async function sendPane(i) {
    state.busy[i] = true;
    renderBusy();
    try {
      notice('');
      await api('POST', `/api/sessions/${state.id}/panes/${i}`, paneBody(i));
    } catch (e) {
      notice(e.message);
      syncControls(i); // back to what the server runs
    } finally {
      state.busy[i] = false;
      renderBusy();
    }
  }

  function connect() {
    if (state.es) state.es.close();
    const es = new EventSource(`/api/sessions/${state.id}/events`);
    state.es = es;
    es.addEventListener('update', (ev) => {
      state.stats.updates++;
      state.stats.bytes += ev.data.length;
      receive(JSON.parse(ev.data));
    });
    es.addEventListener('ended', () => { es.close(); notice(t('ended')); });
    es.onerror = () => {
      if (es.readyState === EventSource.CLOSED) notice(t('ended'));
    };
  }

  // receive merges one stream message into the page's copy.
  function receive(u) {
    Object.assign(state, { month: u.month, months: u.months || state.months, running: u.running, over: u.over, speed: u.speed, seed: u.seed });
    if (u.error) notice(u.error);
    let full = false;
    u.panes.forEach((p, i) => {
      let d = state.panes[i];
      if (p.full || !d || d.gen !== p.gen) {
        full = true;
        // Label and colour first: syncControls draws the legends.
        d = {
          gen: p.gen, months: p.months, settings: p.settings, reforms: p.reforms, x: p.x, y: p.y,
          cols: state.meta.metrics.map(() => []), n: 0, layers: p.layers, events: [],
          label: p.label, color: p.color, dashed: p.dashed,
        };
        state.panes[i] = d;
        state.edit[i] = { scenario: p.settings.scenario, params: { ...p.settings.params }, reforms: p.settings.reforms ? p.reforms.map((r) => ({ ...r })) : null };
        syncControls(i);
      }
      if (p.from !== d.n) { // a message was lost: start the stream again
        connect();
        return;
      }
      Object.assign(d, { label: p.label, color: p.color, dashed: p.dashed });
      for (const row of p.rows) {
        for (let k = 0; k < row.length; k++) d.cols[k].push(row[k]);
        d.n++;
      }
      if (p.layers) d.layers = p.layers;
      for (const [m, en, zh] of p.events) d.events.push({ m, en, zh, fresh: true });
    });
    renderClock();
    renderPaneHeads();
    renderReadouts();
    renderTickers();
    const keys = state.panes.map((d) => d && `${d.color}${d.dashed}${L(d.label)}`).join('|');
    if (full || keys !== state.keys) { state.keys = keys; renderChartKeys(); }
    state.dirty = true;
  }

  // ---- controls ------------------------------------------------------------

  function buildBar() {
    const sp = $('#speed');
    for (const s of SPEEDS) sp.add(new Option(String(s), String(s)));
    sp.value = String(state.meta.limits.defaultSpeed);
    sp.addEventListener('change', () => control('speed', Number(sp.value)));
    $('#setup').addEventListener('click', setup);
    $('#go').addEventListener('click', () => control(state.running ? 'pause' : 'go'));
    $('#step').addEventListener('click', () => control('step'));
    const ly = $('#layer');
    ly.addEventListener('change', () => { state.layer = ly.value; renderLegends(); state.dirty = true; });
    $('#smooth').addEventListener('change', (e) => { state.smooth = e.target.checked; state.dirty = true; });
    $('#zoom').addEventListener('change', (e) => { state.zoom = e.target.checked; state.dirty = true; });
    $('#projector').addEventListener('change', (e) => setProjector(e.target.checked));
    $('#lang').addEventListener('click', () => setLang(state.lang === 'en' ? 'zh' : 'en'));
    $('#about-open').addEventListener('click', openAbout);
    $('#about-close').addEventListener('click', () => $('#about').close());
    // Space runs or pauses, S steps: a teacher with a presenter's clicker
    // or at the keyboard need not aim at buttons.
    document.addEventListener('keydown', (e) => {
      const a = document.activeElement;
      if (e.ctrlKey || e.metaKey || e.altKey || $('#about').open) return;
      if (a && a !== document.body && /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(a.tagName)) return;
      if (e.key === ' ') { e.preventDefault(); control(state.running ? 'pause' : 'go'); }
      if (e.key === 's' || e.key === 'S') control('step');
    });
    window.addEventListener('pagehide', () => {
      if (state.id) fetch(`/api/sessions/${state.id}`, { method: 'DELETE', keepalive: true });
    });
  }

  function buildPane(i) {
    const root = $(`#pane-${i}`);
    root.append($('#pane-template').content.cloneNode(true));
    const sel = $('.scenario', root);
    sel.id = `scenario-${i}`;
    sel.addEventListener('change', () => {
      state.edit[i] = { scenario: sel.value, params: { ...state.edit[i].params }, reforms: null };
      syncControls(i);
      sendPane(i);
    });
    $('.map', root).id = `map-${i}`;
    $('.readout', root).id = `readout-${i}`;
    $('.ticker', root).id = `ticker-${i}`;
    const rf = $('.reforms', root);
    for (const k of state.meta.reformKinds) {
      const row = document.createElement('div');
      row.className = 'reform';
      row.dataset.kind = k.kind;
      const lab = document.createElement('label');
      lab.className = 'name';
      const cb = document.createElement('input');
      cb.type = 'checkbox';
      cb.id = `reform-${i}-${k.kind}`;
      cb.addEventListener('change', () => toggleReform(i, k.kind, cb.checked));
      const name = document.createElement('span');
      name.className = 'kname';
      lab.append(cb, ' ', name);
      row.append(lab);
      for (const f of state.meta.reformFields) row.append(fieldControl(i, k.kind, f));
      rf.append(row);
    }
    const pf = $('.params', root);
    for (const p of state.meta.params) pf.append(paramControl(i, p));
  }

  // fieldControl is the control of one key of a reform entry: a choice for
  // an enumerated key, a number box otherwise, with the table's range.
  function fieldControl(i, kind, f) {
    const lab = document.createElement('label');
    lab.dataset.field = f.key;
    const cap = document.createElement('small');
    cap.className = 'fcap';
    cap.dataset.key = f.key;
    let input;
    if (f.enum && f.enum.length) {
      input = document.createElement('select');
      for (const v of f.enum) { const o = new Option(v, v); o.dataset.word = `cov_${v}`; input.add(o); }
    } else if (f.kind === 'string') {
      // A trigger: a village metric and a comparison, as in a scenario file.
      input = document.createElement('input');
      input.type = 'text';
      input.placeholder = 'vote_buying_total_rate >';
      input.size = 24;
    } else {
      input = document.createElement('input');
      input.type = 'number';
      if (f.min !== null) input.min = f.min;
      if (f.max !== null) input.max = f.max;
      input.step = f.kind === 'int' ? '1' : '0.05';
    }
    input.id = `reform-${i}-${kind}-${f.key}`;
    input.title = f.doc;
    input.addEventListener('change', () => {
      const r = (state.edit[i].reforms || []).find((x) => x.kind === kind);
      if (!r) return;
      r[f.key] = f.kind === 'string' ? input.value : Number(input.value);
      if (f.key === 'coverage' && r.coverage === 'pilot' && !(r.fraction > 0)) r.fraction = 0.5;
      syncControls(i);
      sendPane(i);
    });
    lab.append(cap, ' ', input);
    return lab;
  }

  function toggleReform(i, kind, on) {
    const e = state.edit[i];
    if (!e.reforms) e.reforms = (state.panes[i] ? state.panes[i].reforms : []).map((r) => ({ ...r }));
    if (on) {
      const r = { kind, start: state.month, coverage: 'all', fraction: 0 };
      e.reforms.push(r);
    } else {
      e.reforms = e.reforms.filter((r) => r.kind !== kind);
    }
    syncControls(i);
    sendPane(i);
  }

  // A slider spans the teaching range; the number box takes anything the
  // parameter table allows (the server checks it).
  function paramControl(i, p) {
    const row = document.createElement('div');
    row.className = 'param';
    row.dataset.key = p.key;
    const lab = document.createElement('label');
    lab.className = 'plabel';
    lab.title = `${p.key}: ${p.doc} (${p.unit})`;
    const slider = document.createElement('input');
    slider.type = 'range';
    slider.id = `param-${i}-${p.key}`;
    const box = document.createElement('input');
    box.type = 'number';
    box.id = `value-${i}-${p.key}`;
    if (p.min !== null) box.min = p.min;
    if (p.max !== null) box.max = p.max;
    box.step = p.kind === 'int' ? '1' : 'any';
    if (p.log) {
      slider.min = 0; slider.max = 1000; slider.step = 1;
    } else {
      slider.min = p.lo; slider.max = p.hi; slider.step = p.step || 'any';
    }
    const fromSlider = () => (p.log ? roundSig(p.lo * Math.pow(p.hi / p.lo, slider.value / 1000)) : Number(slider.value));
    slider.addEventListener('input', () => { box.value = fmtParam(fromSlider()); });
    slider.addEventListener('change', () => setParam(i, p.key, fromSlider()));
    box.addEventListener('change', () => setParam(i, p.key, Number(box.value)));
    const reset = document.createElement('button');
    reset.type = 'button';
    reset.textContent = '↺';
    reset.addEventListener('click', () => setParam(i, p.key, null));
    lab.htmlFor = slider.id;
    row.append(lab, slider, box, reset);
    return row;
  }

  function setParam(i, key, value) {
    const targets = $('#link').checked ? [0, 1] : [i];
    for (const j of targets) {
      const e = state.edit[j];
      if (value === null || value === scenario(e.scenario).params[key]) delete e.params[key];
      else e.params[key] = value;
      syncControls(j);
      sendPane(j);
    }
  }

  // syncControls shows pane i's settings (state.edit) in its controls.
  function syncControls(i) {
    const root = $(`#pane-${i}`);
    const e = state.edit[i];
    if (!e) return;
    const sc = scenario(e.scenario);
    const sel = $('.scenario', root);
    if (!sel.options.length) for (const s of state.meta.scenarios) sel.add(new Option(s.name, s.name));
    sel.value = e.scenario;
    const reforms = e.reforms || sc.reforms;
    for (const row of $$('.reform', root)) {
      const r = reforms.find((x) => x.kind === row.dataset.kind);
      $('input[type=checkbox]', row).checked = !!r;
      for (const lab of $$('[data-field]', row)) {
        const input = $('input, select', lab);
        const key = lab.dataset.field;
        input.disabled = !r;
        input.value = r && r[key] !== undefined ? String(r[key]) : (key === 'coverage' ? 'all' : '');
        lab.hidden = key === 'fraction' && !(r && r.coverage === 'pilot');
      }
    }
    for (const row of $$('.param', root)) {
      const key = row.dataset.key;
      const p = state.meta.params.find((x) => x.key === key);
      const v = key in e.params ? e.params[key] : sc.params[key];
      row.classList.toggle('changed', key in e.params);
      $('input[type=number]', row).value = fmtParam(v);
      const slider = $('input[type=range]', row);
      slider.value = p.log ? String(Math.round(1000 * Math.log(Math.max(v, p.lo) / p.lo) / Math.log(p.hi / p.lo))) : String(v);
    }
    renderLabels();
  }

  const roundSig = (x) => Number(x.toPrecision(2));
  const fmtParam = (v) => (v === undefined || v === null ? '' : String(Number(Number(v).toPrecision(6))));

  function setProjector(on) {
    state.projector = on;
    document.documentElement.classList.toggle('projector', on);
    $('#projector').checked = on;
    state.dirty = true;
  }

  // ---- language --------------------------------------------------------------

  function setLang(lang) {
    state.lang = lang;
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    $('#lang').textContent = lang === 'zh' ? 'English' : '中文';
    renderLabels();
    renderClock();
    renderPaneHeads();
    renderReadouts();
    renderTickers(true);
    renderLegends();
    state.keys = '';
    if ($('#about').open) renderAbout();
    state.dirty = true;
  }

  function renderLabels() {
    for (const el of $$('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    for (const el of $$('[data-tip]')) el.title = t(el.dataset.tip);
    for (let i = 0; i < 2; i++) {
      const root = $(`#pane-${i}`);
      for (const o of $$('.scenario option', root)) o.textContent = L(scenario(o.value));
      for (const row of $$('.reform', root)) {
        const k = state.meta.reformKinds.find((x) => x.kind === row.dataset.kind);
        const kn = $('.kname', row);
        kn.textContent = k.zh;
        if (state.lang !== 'zh') {
          const en = document.createElement('small');
          en.textContent = k.en;
          kn.append(en);
        }
      }
      for (const cap of $$('.fcap', root)) cap.textContent = t(cap.dataset.key);
      for (const o of $$('option[data-word]', root)) o.textContent = t(o.dataset.word);
      const e = state.edit[i];
      if (e) {
        const sc = scenario(e.scenario);
        $('.desc', root).textContent = state.lang === 'zh' && sc.descriptionZh ? sc.descriptionZh : sc.description;
      }
      for (const row of $$('.param', root)) {
        const p = state.meta.params.find((x) => x.key === row.dataset.key);
        $('.plabel', row).textContent = L(p);
        $('.plabel', row).title = `${p.key}: ${p.doc} (${state.lang === 'zh' ? p.unitZh : p.unit})`;
        $('button', row).title = t('reset');
      }
    }
    const ly = $('#layer');
    if (!ly.options.length) for (const l of state.meta.layers) ly.add(new Option(l.key, l.key));
    for (const o of ly.options) {
      const l = state.meta.layers.find((x) => x.key === o.value);
      o.textContent = l.key === 'status' ? t('status') : L({ en: l.metric.en, zh: l.metric.zh });
    }
    ly.value = state.layer;
    for (const c of state.meta.charts) {
      const box = $(`#chart-${c.id}`);
      if (!box) continue;
      const title = c.id === 'choice' ? '' : L(c);
      $('h3', box).textContent = title;
      const sel = $('select', box);
      if (sel) for (const o of sel.options) o.textContent = L(metric(o.value));
    }
    renderChartKeys();
  }

  // ---- rendering: text ---------------------------------------------------------

  function renderClock() {
    const m = state.month;
    const el = $('#month');
    if (m === 0) el.textContent = t('notStarted');
    else if (state.lang === 'zh') el.textContent = `第${m - 1}个月 / 共${state.months}个月（第${Math.floor((m - 1) / 12) + 1}年）${state.over ? ' · ' + t('finished') : ''}`;
    else el.textContent = `${t('month')} ${m - 1} ${t('of')} ${state.months} (${t('year')} ${Math.floor((m - 1) / 12) + 1})${state.over ? ' · ' + t('finished') : ''}`;
    el.dataset.month = String(m);
    $('#progress').max = state.months;
    $('#progress').value = m;
    const go = $('#go');
    go.textContent = state.running ? t('pause') : t('go');
    go.dataset.running = String(state.running);
    go.disabled = state.over && !state.running;
    $('#step').disabled = state.over;
    // Show the server's speed and seed when they change there, and not
    // otherwise: a seed being typed waits for Setup.
    if (state.speed !== state.shownSpeed) { $('#speed').value = String(state.speed); state.shownSpeed = state.speed; }
    if (state.seed !== state.shownSeed) { $('#seed').value = String(state.seed); state.shownSeed = state.seed; }
  }

  function renderPaneHeads() {
    state.panes.forEach((d, i) => {
      if (!d) return;
      const root = $(`#pane-${i}`);
      $('.pane-title', root).textContent = L(d.label);
      const sw = $('.swatch', root);
      sw.style.backgroundColor = d.color;
      sw.classList.toggle('dashed', d.dashed);
      $('.toml', root).href = `/api/sessions/${state.id}/panes/${i}/scenario.toml`;
    });
    renderBusy();
  }

  function renderBusy() {
    state.busy.forEach((b, i) => { $(`#pane-${i} .busy`).hidden = !b; });
  }

  // last returns the latest defined value of a metric in pane d.
  function last(d, name) {
    const col = d.cols[metricIndex(name)];
    for (let k = col.length - 1; k >= 0; k--) if (col[k] !== null) return col[k];
    return null;
  }

  // fmt writes a value as the server's Format does (output/live/format.go),
  // from what /api/meta says of the metric: shares in per cent, others
  // scaled with the metric's decimals, and the unit when it is not the
  // stored one.
  function fmt(v, m) {
    if (v === null || v === undefined || !Number.isFinite(v)) return '—';
    if (!m) return plain(v, 4);
    if (m.percent) return `${(100 * v).toFixed(1)}%`;
    const x = v * m.scale;
    const s = m.fixed >= 0 ? x.toFixed(m.fixed) : plain(x, m.sig);
    return m.scale !== 1 ? `${s} ${L({ en: m.show, zh: m.showZh })}` : s;
  }

  // plain writes x with sig significant digits and no exponent, as Go's
  // %g does and, where %g would write an exponent, sim.Display does.
  function plain(x, sig) {
    if (x === 0) return '0';
    const e = Math.floor(Math.log10(Math.abs(x)));
    if (e < -4 || e >= sig) return x.toFixed(Math.max(sig - 1 - e, 0));
    return String(Number(x.toPrecision(sig)));
  }

  // unitOf is a metric's unit as an axis or a legend names it.
  const unitOf = (m) => `${L({ en: m.show, zh: m.showZh })}${m.percent ? (state.lang === 'zh' ? '（%）' : ' (%)') : ''}`;

  const READOUT = ['composite_index', 'vote_buying_total_rate', 'disputes_opened_per_1000', 'petitions_per_1000', 'satisfaction_local', 'satisfaction_migrant', 'trust_committee', 'fiscal_spending'];

  function renderReadouts() {
    state.panes.forEach((d, i) => {
      if (!d) return;
      const dl = $(`#readout-${i}`);
      dl.textContent = '';
      for (const name of READOUT) {
        const m = metric(name);
        const dt = document.createElement('dt');
        dt.textContent = L({ en: m.short, zh: m.zh }) + (m.when === 'election months' ? ` (${t('lastElection')})` : '');
        dt.title = m.doc;
        const dd = document.createElement('dd');
        dd.dataset.metric = name;
        dd.textContent = fmt(last(d, name), m);
        dl.append(dt, dd);
      }
    });
  }

  function renderTickers(all) {
    state.panes.forEach((d, i) => {
      if (!d) return;
      const ol = $(`#ticker-${i}`);
      if (all || ol.dataset.gen !== String(d.gen)) {
        ol.textContent = '';
        ol.dataset.gen = String(d.gen);
        ol.dataset.count = '0';
      }
      for (const li of $$('li.new', ol)) li.classList.remove('new');
      const shown = Number(ol.dataset.count);
      for (const e of d.events.slice(shown)) {
        const li = document.createElement('li');
        li.textContent = state.lang === 'zh' ? e.zh : e.en;
        li.dataset.month = String(e.m);
        if (!all) li.className = 'new';
        ol.prepend(li);
      }
      ol.dataset.count = String(d.events.length);
      while (ol.children.length > 300) ol.lastChild.remove();
    });
  }

  // ---- rendering: map -----------------------------------------------------------

  // The map's status colours, keyed none, each kind's key, several.
  const STATUS_COLOURS = () => {
    const pal = { none: '#d9d9d9' };
    for (const k of state.meta.reformKinds) pal[k.kind] = k.color;
    pal.several = state.meta.severalColor;
    return pal;
  };

  // statusKey is the legend key of a status: none, a kind, or several.
  function statusKey(s) {
    const on = state.meta.reformKinds.filter((k) => s & k.bit);
    if (on.length > 1) return 'several';
    return on.length ? on[0].kind : 'none';
  }

  function statusColour(s, pal) { return pal[statusKey(s)]; }

  function layerIndex(key) { return state.meta.layers.findIndex((l) => l.key === key); }

  // The colour scale of a layer is shared by both panes and only widens
  // during a run, so a colour means the same number left and right.
  function layerScale(key) {
    const k = layerIndex(key);
    const l = state.meta.layers[k];
    let { lo, hi } = state.scales[key] || { lo: Infinity, hi: -Infinity };
    for (const d of state.panes) {
      if (!d || !d.layers) continue;
      for (const v of d.layers[k]) {
        if (v === null) continue;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (!(hi >= lo)) return null;
    if (l.metric.bounded) { lo = Math.max(0, lo); hi = Math.min(1, hi); }
    state.scales[key] = { lo, hi };
    return hi > lo ? { lo, hi } : { lo, hi: lo + 1e-9 };
  }

  function rampColour(u) {
    const s = state.meta.mapScale;
    const x = Math.min(1, Math.max(0, u)) * (s.length - 1);
    const i = Math.min(s.length - 2, Math.floor(x));
    const f = x - i;
    const a = hex(s[i]), b = hex(s[i + 1]);
    return `rgb(${Math.round(a[0] + f * (b[0] - a[0]))},${Math.round(a[1] + f * (b[1] - a[1]))},${Math.round(a[2] + f * (b[2] - a[2]))})`;
  }

  const hex = (h) => [1, 3, 5].map((k) => parseInt(h.slice(k, k + 2), 16));

  function drawMap(i, scale) {
    const d = state.panes[i];
    const cv = $(`#map-${i}`);
    const ctx = fit(cv);
    const w = cv.clientWidth, h = cv.clientHeight;
    ctx.clearRect(0, 0, w, h);
    if (!d) return;
    const R = Math.min(w, h) / 2 - 12;
    const cx = w / 2, cy = h / 2;
    ctx.fillStyle = '#f3f4f6';
    ctx.beginPath(); ctx.arc(cx, cy, R, 0, 2 * Math.PI); ctx.fill();
    const front = last(d, 'urban_front');
    if (front !== null && front > 0) {
      ctx.setLineDash([5, 4]);
      ctx.strokeStyle = '#888';
      ctx.beginPath(); ctx.arc(cx, cy, Math.min(front, 1.05) * R, 0, 2 * Math.PI); ctx.stroke();
      ctx.setLineDash([]);
    }
    ctx.fillStyle = '#333';
    ctx.beginPath(); ctx.arc(cx, cy, 3, 0, 2 * Math.PI); ctx.fill();
    const res = d.layers[layerIndex('residents')];
    const maxRes = Math.max(1, ...res.filter((v) => v !== null));
    const status = d.layers[layerIndex('status')];
    const k = layerIndex(state.layer);
    const vals = d.layers[k];
    const pal = STATUS_COLOURS();
    for (let v = 0; v < d.x.length; v++) {
      const x = cx + d.x[v] * R, y = cy - d.y[v] * R;
      const r = 3 + 8 * Math.sqrt((res[v] || 0) / maxRes);
      let fill;
      if (state.layer === 'status') fill = statusColour(status[v], pal);
      else if (vals[v] === null || !scale) fill = '#ffffff';
      else fill = rampColour((vals[v] - scale.lo) / (scale.hi - scale.lo));
      ctx.fillStyle = fill;
      ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI); ctx.fill();
      ctx.lineWidth = status[v] & ST_COMMUNITY ? 2 : 0.8;
      ctx.strokeStyle = status[v] & ST_COMMUNITY ? '#111' : '#777';
      ctx.stroke();
    }
  }

  function renderLegends(scale) {
    for (let i = 0; i < 2; i++) {
      const el = $(`#pane-${i} .legend`);
      if (!el) continue;
      el.textContent = '';
      const d = state.panes[i];
      if (state.layer === 'status') {
        const pal = STATUS_COLOURS();
        const counts = {};
        for (const k of Object.keys(pal)) counts[k] = 0;
        if (d) for (const s of d.layers[layerIndex('status')]) counts[statusKey(s)]++;
        const names = { none: t('village'), several: t('statusBoth') };
        for (const k of state.meta.reformKinds) names[k.kind] = k.zh; // short: the reforms are known by their Chinese names
        for (const k of Object.keys(pal)) {
          const key = document.createElement('span');
          key.className = 'key';
          key.dataset.status = k;
          const dot = document.createElement('i');
          dot.className = 'dot';
          dot.style.backgroundColor = pal[k];
          key.append(dot, `${names[k]} ${counts[k]}`);
          el.append(key);
        }
        const ring = document.createElement('span');
        ring.className = 'key';
        ring.textContent = `◯ ${t('community')}`;
        el.append(ring);
      } else {
        const l = state.meta.layers[layerIndex(state.layer)];
        const bar = document.createElement('span');
        bar.className = 'bar';
        bar.style.backgroundImage = `linear-gradient(90deg, ${state.meta.mapScale.join(',')})`;
        const ends = document.createElement('span');
        ends.className = 'ends';
        const sc = scale || state.scales[state.layer];
        const a = document.createElement('span'), b = document.createElement('span');
        a.textContent = sc ? fmt(sc.lo, l.metric) : t('noData');
        b.textContent = sc ? fmt(sc.hi, l.metric) : '';
        ends.append(a, b);
        const cap = document.createElement('span');
        cap.textContent = state.lang === 'zh' ? `${l.metric.zh}（${unitOf(l.metric)}）` : `${l.metric.en} (${unitOf(l.metric)})`;
        el.append(cap, bar, ends);
      }
      const fr = document.createElement('div');
      fr.textContent = t('front');
      el.append(fr);
    }
  }

  // ---- rendering: charts ------------------------------------------------------------

  function buildCharts() {
    const root = $('#charts');
    for (const c of state.meta.charts) {
      const box = document.createElement('figure');
      box.className = 'chart';
      box.id = `chart-${c.id}`;
      box.style.margin = '0';
      const h = document.createElement('h3');
      box.append(h);
      if (c.id === 'choice') {
        const sel = document.createElement('select');
        sel.id = 'choice';
        for (const m of state.meta.metrics) sel.add(new Option(m.name, m.name));
        sel.value = c.metrics[0];
        sel.addEventListener('change', () => { state.choice = sel.value; renderChartKeys(); state.dirty = true; });
        box.append(sel);
      }
      const keys = document.createElement('div');
      keys.className = 'keys';
      const cv = document.createElement('canvas');
      cv.id = `canvas-${c.id}`;
      cv.addEventListener('mousemove', (ev) => { state.hover = { id: c.id, x: ev.offsetX }; state.dirty = true; });
      cv.addEventListener('mouseleave', () => { state.hover = null; state.dirty = true; });
      box.append(keys, cv);
      root.append(box);
    }
  }

  const chartMetrics = (c) => (c.id === 'choice' ? [state.choice] : c.metrics);

  function renderChartKeys() {
    for (const c of state.meta.charts) {
      const keys = $(`#chart-${c.id} .keys`);
      if (!keys) continue;
      keys.textContent = '';
      state.panes.forEach((d, i) => {
        if (!d) return;
        chartMetrics(c).forEach((name, k) => {
          const s = document.createElement('span');
          const line = document.createElement('i');
          line.style.borderTopColor = d.color;
          if (k > 0 || d.dashed) line.className = 'dash';
          const m = metric(name);
          s.append(line, `${t(i === 0 ? 'left' : 'right')}: ${L(d.label)}${chartMetrics(c).length > 1 ? ' · ' + L({ en: m.short, zh: m.zh }) : ''}`);
          keys.append(s);
        });
      });
    }
  }

  // series returns a pane's values of a metric, averaged over the last 12
  // months when asked (election metrics are never averaged).
  function series(d, name) {
    const col = d.cols[metricIndex(name)];
    const m = metric(name);
    if (!state.smooth || m.when !== 'monthly') return col;
    const out = new Array(col.length);
    let sum = 0, n = 0;
    for (let k = 0; k < col.length; k++) {
      if (col[k] !== null) { sum += col[k]; n++; }
      if (k >= 12 && col[k - 12] !== null) { sum -= col[k - 12]; n--; }
      out[k] = n ? sum / n : null;
    }
    return out;
  }

  function niceTicks(lo, hi, target) {
    const span = hi - lo;
    if (!(span > 0)) return [lo];
    const raw = span / target;
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((f) => f * mag).find((s) => span / s <= target) || 10 * mag;
    const out = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    return out;
  }

  // axisRange is a chart's vertical range: the metric's natural one — from
  // 0, and up to 1 for a share or an index — so that a small gap looks
  // small; with "zoom axes" the range of the lines.
  function axisRange(m0, all) {
    let lo = all.length ? Math.min(...all) : 0, hi = all.length ? Math.max(...all) : 1;
    if (!state.zoom) {
      lo = Math.min(0, lo);
      if (m0.bounded) hi = Math.max(1, hi);
    }
    if (!(hi > lo)) { const d = (Math.abs(lo) || 1) * 0.1; hi = lo + d; lo -= d; }
    return { lo, hi };
  }

  // The charts' text and lines, larger in projector mode.
  const look = () => (state.projector
    ? { font: 16, line: 3, dot: 4.5, hoverLine: 20 }
    : { font: 12, line: 2, dot: 3, hoverLine: 15 });

  function drawChart(c) {
    const cv = $(`#canvas-${c.id}`);
    const ctx = fit(cv);
    const w = cv.clientWidth, h = cv.clientHeight;
    ctx.clearRect(0, 0, w, h);
    const names = chartMetrics(c);
    const panes = state.panes.filter(Boolean);
    if (!panes.length) return;
    const all = [];
    for (const d of panes) for (const n of names) for (const v of series(d, n)) if (v !== null) all.push(v);
    const m0 = metric(names[0]);
    const { lo, hi } = axisRange(m0, all);
    const lk = look();
    const font = `${lk.font}px system-ui, "Noto Sans CJK SC", sans-serif`;
    ctx.font = font;
    const sc = m0.percent ? 1 : m0.scale || 1;
    const tickText = (v) => (m0.percent ? `${+(100 * v).toPrecision(3)}%` : plain(v, 4));
    const ticks = niceTicks(lo * sc, hi * sc, state.projector ? 4 : 5);
    const months = state.months;
    const step = months > 480 ? 120 : months > 120 ? 24 : 12;
    // Room for the tick labels, the axis titles, and half the last month's
    // label on the right, so that it is not clipped.
    const labelW = Math.max(...ticks.map((v) => ctx.measureText(tickText(v)).width));
    const pad = { l: Math.ceil(labelW + lk.font * 1.9), r: Math.ceil(ctx.measureText(String(months)).width / 2 + 4), t: 6, b: Math.ceil(lk.font * 2.8) };
    const X = (m) => pad.l + (m / Math.max(1, months)) * (w - pad.l - pad.r);
    const Y = (v) => h - pad.b - ((v - lo) / (hi - lo)) * (h - pad.t - pad.b);
    ctx.fillStyle = '#3c4043';
    ctx.strokeStyle = '#e3e3e3';
    ctx.lineWidth = 1;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const v of ticks) {
      const y = Math.round(Y(v / sc)) + 0.5;
      ctx.beginPath(); ctx.moveTo(pad.l, y); ctx.lineTo(w - pad.r, y); ctx.stroke();
      ctx.fillText(tickText(v), pad.l - 4, y);
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (let m = 0; m <= months; m += step) {
      const x = Math.round(X(m)) + 0.5;
      ctx.beginPath(); ctx.moveTo(x, pad.t); ctx.lineTo(x, h - pad.b); ctx.stroke();
      ctx.fillText(String(m), x, h - pad.b + 3);
    }
    // Axis titles, outside the plot: the month below, the unit on the left.
    ctx.textBaseline = 'bottom';
    ctx.fillText(t('monthAxis'), pad.l + (w - pad.l - pad.r) / 2, h - 1);
    ctx.save();
    ctx.translate(lk.font * 0.2, pad.t + (h - pad.t - pad.b) / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'top';
    ctx.fillText(unitOf(m0), 0, 0, h - pad.t - pad.b);
    ctx.restore();
    // reform starts: a tick in the pane's colour at the bottom
    panes.forEach((d) => {
      for (const r of d.reforms || []) {
        if (r.start >= months) continue;
        ctx.fillStyle = d.color;
        const x = X(r.start);
        ctx.beginPath(); ctx.moveTo(x, h - pad.b); ctx.lineTo(x - 5, h - pad.b + 9); ctx.lineTo(x + 5, h - pad.b + 9); ctx.fill();
      }
    });
    ctx.save();
    ctx.beginPath(); ctx.rect(pad.l, pad.t - lk.dot, w - pad.l - pad.r + lk.dot, h - pad.t - pad.b + 2 * lk.dot); ctx.clip();
    panes.forEach((d) => {
      names.forEach((name, k) => {
        const ys = series(d, name);
        const sparse = metric(name).when !== 'monthly';
        ctx.strokeStyle = d.color;
        ctx.fillStyle = d.color;
        ctx.lineWidth = lk.line;
        ctx.setLineDash(k > 0 ? [3 * lk.line, 2 * lk.line] : d.dashed ? [lk.line, 2 * lk.line] : []);
        ctx.beginPath();
        let started = false;
        for (let m = 0; m < ys.length; m++) {
          if (ys[m] === null) { if (!sparse) started = false; continue; }
          const x = X(m), y = Y(ys[m]);
          if (started) ctx.lineTo(x, y); else ctx.moveTo(x, y);
          started = true;
        }
        ctx.stroke();
        ctx.setLineDash([]);
        if (sparse) for (let m = 0; m < ys.length; m++) {
          if (ys[m] === null) continue;
          ctx.beginPath(); ctx.arc(X(m), Y(ys[m]), k > 0 ? lk.dot * 0.7 : lk.dot, 0, 2 * Math.PI);
          if (k > 0) ctx.stroke(); else ctx.fill();
        }
      });
    });
    ctx.restore();
    // now, and the hovered month with its values
    const now = state.month - 1;
    if (now >= 0) {
      ctx.strokeStyle = 'rgba(0,0,0,0.3)';
      ctx.lineWidth = 1;
      ctx.beginPath(); ctx.moveTo(X(now), pad.t); ctx.lineTo(X(now), h - pad.b); ctx.stroke();
    }
    if (state.hover && state.hover.id === c.id) {
      const m = Math.round(((state.hover.x - pad.l) / (w - pad.l - pad.r)) * months);
      if (m >= 0 && m < state.month) {
        ctx.strokeStyle = '#333';
        ctx.beginPath(); ctx.moveTo(X(m), pad.t); ctx.lineTo(X(m), h - pad.b); ctx.stroke();
        const lines = [state.lang === 'zh' ? `第${m}个月` : `${t('month')} ${m}`];
        panes.forEach((d) => names.forEach((n) => lines.push(`${L(d.label).slice(0, 18)}: ${fmt(series(d, n)[m], metric(n))}`)));
        ctx.font = font;
        const bw = Math.max(...lines.map((s) => ctx.measureText(s).width)) + 10;
        const bx = Math.min(X(m) + 6, w - bw - 2);
        ctx.fillStyle = 'rgba(255,255,255,0.92)';
        ctx.fillRect(bx, pad.t, bw, lines.length * lk.hoverLine + 6);
        ctx.fillStyle = '#222';
        ctx.textAlign = 'left';
        ctx.textBaseline = 'top';
        lines.forEach((s, k) => ctx.fillText(s, bx + 5, pad.t + 4 + k * lk.hoverLine));
      }
    }
  }

  // fit sizes a canvas's buffer to its box and the screen's pixel ratio.
  function fit(cv) {
    const r = window.devicePixelRatio || 1;
    const w = Math.round(cv.clientWidth * r), h = Math.round(cv.clientHeight * r);
    if (cv.width !== w || cv.height !== h) { cv.width = w; cv.height = h; }
    const ctx = cv.getContext('2d');
    ctx.setTransform(r, 0, 0, r, 0, 0);
    return ctx;
  }

  // draw repaints everything that changed, at most once a frame; the count
  // and time of repaints are kept for the frame-rate check.
  function frame() {
    if (state.forceUntil && performance.now() < state.forceUntil) state.dirty = true;
    if (state.dirty && state.meta) {
      const t0 = performance.now();
      state.dirty = false;
      const scale = state.layer === 'status' ? null : layerScale(state.layer);
      drawMap(0, scale);
      drawMap(1, scale);
      renderLegendsIfNeeded(scale);
      for (const c of state.meta.charts) drawChart(c);
      state.stats.frames++;
      state.stats.drawMs += performance.now() - t0;
    }
    requestAnimationFrame(frame);
  }

  let legendKey = '';
  function renderLegendsIfNeeded(scale) {
    const key = `${state.lang}|${state.layer}|${scale ? fmt(scale.lo) + fmt(scale.hi) : ''}|${state.panes.map((d) => d && d.gen + ':' + (d.layers ? d.layers[layerIndex('status')].join('') : '')).join('/')}`;
    if (key !== legendKey) {
      legendKey = key;
      renderLegends(scale);
    }
  }

  // ---- about --------------------------------------------------------------------------

  let about = null;
  let aboutTab = null; // the first: the classroom
  async function openAbout() {
    if (!about) {
      try { about = await api('GET', '/api/about'); } catch (e) { notice(e.message); return; }
    }
    renderAbout();
    $('#about').showModal();
  }

  function renderAbout() {
    if (!aboutTab) aboutTab = about[0].id;
    const nav = $('#about-tabs');
    nav.textContent = '';
    for (const s of about) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = L(s);
      b.className = s.id === aboutTab ? 'on' : '';
      b.addEventListener('click', () => { aboutTab = s.id; renderAbout(); });
      nav.append(b);
    }
    // The sections are the project's own docs, rendered and escaped by the
    // server; in Chinese, the Chinese where the docs have it.
    const s = about.find((x) => x.id === aboutTab);
    const zh = state.lang === 'zh';
    $('#about-body').innerHTML = zh && s.htmlZh ? s.htmlZh : s.html;
    $('#about-lang').textContent = t('aboutLang');
    $('#about-lang').hidden = !(zh && !s.htmlZh);
  }

  // ---- start ----------------------------------------------------------------------------

  async function start() {
    try {
      state.meta = await api('GET', '/api/meta');
    } catch (e) { notice(e.message); return; }
    buildBar();
    buildPane(0);
    buildPane(1);
    buildCharts();
    const d = state.meta.defaults;
    state.edit = [0, 1].map((i) => ({ scenario: d[i], params: {}, reforms: null }));
    if (navigator.language && navigator.language.startsWith('zh')) state.lang = 'zh';
    setLang(state.lang);
    try {
      const s = await api('POST', '/api/sessions', { seed: 1, panes: [paneBody(0), paneBody(1)] });
      state.id = s.id;
    } catch (e) {
      notice(e.status === 503 ? `${t('full')} ${e.message}` : e.message);
      return;
    }
    connect();
    requestAnimationFrame(frame);
    window.addEventListener('resize', () => { state.dirty = true; });
  }

  // What tests (and the curious) can read: the page's own copy of the data.
  window.govsim = {
    state,
    get ready() { return !!(state.id && state.panes[0] && state.panes[1]); },
    get stats() { return { ...state.stats, month: state.month, running: state.running }; },
    value(i, name, month) { const d = state.panes[i]; return d ? d.cols[metricIndex(name)][month] ?? null : null; },
    gen(i) { return state.panes[i] ? state.panes[i].gen : -1; },
    // What the page writes for a value of a metric, its axis unit, the
    // 12-month average it draws, and the charts' text and line sizes.
    fmt(v, name) { return fmt(v, metric(name)); },
    unit(name) { return unitOf(metric(name)); },
    smoothed(i, name, month) {
      const was = state.smooth;
      state.smooth = true;
      const v = series(state.panes[i], name)[month];
      state.smooth = was;
      return v ?? null;
    },
    look() { return look(); },
    statusCount(i, bit) { const d = state.panes[i]; return d ? d.layers[layerIndex('status')].filter((s) => s & bit).length : -1; },
    // measure repaints everything at every frame for ms milliseconds and
    // says how many repaints a second the page managed.
    measure(ms) {
      return new Promise((done) => {
        const a = { ...state.stats }, t0 = performance.now();
        state.forceUntil = t0 + ms;
        setTimeout(() => {
          const s = (performance.now() - t0) / 1000, n = state.stats.frames - a.frames;
          done({ fps: n / s, drawMs: (state.stats.drawMs - a.drawMs) / Math.max(1, n) });
        }, ms);
      });
    },
    fingerprint(id) {
      const cv = document.getElementById(id);
      const px = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
      let h = 2166136261;
      for (let k = 0; k < px.length; k += 3) { h ^= px[k]; h = Math.imul(h, 16777619); }
      return (h >>> 0).toString(16);
    },
  };

  start();
})();
