// The explorer's page: every number shown comes from the library through /api/*; this script only asks and draws.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
const $ = id => document.getElementById(id);

function node(tag, attributes, parent, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attributes || {})) element.setAttribute(k, v);
  if (text !== undefined) element.textContent = text;
  if (parent) parent.appendChild(element);
  return element;
}

function decimals(values, places = 4) { return '[' + values.map(v => v === null ? 'NaN' : (v + 0).toFixed(places)).join(', ') + ']'; }
function number(v) {
  if (v === null || v === undefined) return '—';
  if (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0)) return (+v.toExponential(3)).toExponential().replace('e+', 'e');
  return (+v.toPrecision(6)).toString();
}

// GET an endpoint; a refusal is one line of text, shown where the page keeps its errors.
async function api(path, params, errorId) {
  const response = await fetch(path + '?' + new URLSearchParams(params));
  const error = errorId ? $(errorId) : null;
  if (!response.ok) {
    const line = (await response.text()).trim();
    if (error) { error.textContent = `${response.status}: ${line}`; error.hidden = false; }
    throw new Error(line);
  }
  if (error) error.hidden = true;
  return response.json();
}

// A line chart with linear or log axes; series are {name, points: [[x, y]], color, dashed, marker}.
function chart(svg, series, options) {
  svg.replaceChildren();
  const width = +svg.getAttribute('width'), height = +svg.getAttribute('height');
  const margin = { left: 62, right: 14, top: 26, bottom: options.legendRows === 0 ? 40 : 40 + 16 * Math.ceil(series.length / 2) };
  const f = v => options.logY ? Math.log10(v) : v, fx = v => options.logX ? Math.log10(v) : v;
  const usable = series.map(s => s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && (!options.logY || y > 0) && (!options.logX || x > 0)));
  const xs = usable.flat().map(p => fx(p[0])), ys = usable.flat().map(p => f(p[1]));
  if (options.extraY) ys.push(...options.extraY.filter(v => !options.logY || v > 0).map(f));
  if (xs.length === 0) { node('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'label' }, svg, options.empty || 'no data'); return; }
  let [x0, x1] = [Math.min(...xs), Math.max(...xs)], [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  if (x1 === x0) { x0 -= 1; x1 += 1; }
  if (y1 === y0) { y0 -= 1; y1 += 1; }
  const pad = (y1 - y0) * 0.06; y0 -= pad; y1 += pad;
  const X = v => margin.left + (fx(v) - x0) / (x1 - x0) * (width - margin.left - margin.right);
  const Y = v => height - margin.bottom - (f(v) - y0) / (y1 - y0) * (height - margin.top - margin.bottom);
  const axis = node('g', { class: 'axis' }, svg), grid = node('g', { class: 'grid' }, svg);
  const ticks = (lo, hi, log) => {
    if (log) {
      // Decades when there are several (every k-th when there are many); within a decade or two, 1-2-5 steps.
      const out = [], decades = Math.floor(hi) - Math.ceil(lo) + 1, every = Math.max(1, Math.ceil(decades / 7));
      const mantissas = decades <= 2 ? [1, 2, 5] : [1];
      for (let e = Math.floor(lo); e <= Math.ceil(hi); e++) {
        if (mantissas.length === 1 && e % every !== 0) continue;
        for (const m of mantissas) { const v = m * Math.pow(10, e); if (Math.log10(v) >= lo - 1e-9 && Math.log10(v) <= hi + 1e-9) out.push(v); }
      }
      return out;
    }
    const step = Math.pow(10, Math.floor(Math.log10((hi - lo) / 5))), nice = [1, 2, 5, 10].map(m => m * step).find(s => (hi - lo) / s <= 6);
    const out = []; for (let t = Math.ceil(lo / nice) * nice; t <= hi + 1e-12; t += nice) out.push(+t.toPrecision(12)); return out;
  };
  for (const t of ticks(x0, x1, options.logX)) {
    node('line', { x1: X(t), x2: X(t), y1: margin.top, y2: height - margin.bottom }, grid);
    node('text', { x: X(t), y: height - margin.bottom + 15, 'text-anchor': 'middle' }, axis, number(t));
  }
  for (const t of ticks(y0, y1, options.logY)) {
    node('line', { x1: margin.left, x2: width - margin.right, y1: Y(t), y2: Y(t) }, grid);
    node('text', { x: margin.left - 5, y: Y(t) + 4, 'text-anchor': 'end' }, axis, number(t));
  }
  node('path', { d: `M${margin.left},${margin.top}V${height - margin.bottom}H${width - margin.right}`, fill: 'none' }, axis);
  node('text', { x: (width + margin.left) / 2, y: height - margin.bottom + 32, 'text-anchor': 'middle' }, axis, options.xlabel);
  node('text', { x: margin.left, y: 16, 'text-anchor': 'start' }, axis, options.ylabel);
  const legend = node('g', { class: 'legend' }, svg);
  series.forEach((s, i) => {
    const points = usable[i].slice(0, s.limit ?? usable[i].length);
    if (points.length > 0) {
      const line = node('polyline', { points: points.map(([x, y]) => `${X(x)},${Y(y)}`).join(' '), fill: 'none', stroke: s.color, 'stroke-width': 2, 'data-series': s.name, 'data-points': points.length }, svg);
      if (s.dashed) line.setAttribute('stroke-dasharray', '6 4');
      if (s.marker) for (const [x, y] of points) node('circle', { cx: X(x), cy: Y(y), r: 3, fill: s.color }, svg);
    }
    for (const [x, y] of s.crosses || []) node('path', { d: `M${X(x) - 6},${Y(y) - 6}l12,12m0,-12l-12,12`, stroke: s.color, 'stroke-width': 2.5 }, svg);
    const lx = margin.left + (i % 2) * (width - margin.left) / 2, ly = height - margin.bottom + 50 + 16 * Math.floor(i / 2);
    node('line', { x1: lx, x2: lx + 20, y1: ly - 4, y2: ly - 4, stroke: s.color, 'stroke-width': 2, 'stroke-dasharray': s.dashed ? '6 4' : '' }, legend);
    node('text', { x: lx + 26, y: ly }, legend, s.name);
  });
}

// ---- Norm playground -------------------------------------------------------------------------------------------
const playground = { g: [1.5, -0.75], pending: false, again: false };
const SCALE = 60, CENTER = 220;
const toScreen = ([x, y]) => [CENTER + x * SCALE, CENTER - y * SCALE];
const fromScreen = (sx, sy) => [(sx - CENTER) / SCALE, (CENTER - sy) / SCALE];

function normName() {
  const n = $('norm').value;
  return n === 'lp' ? `lp:${$('p').value}` : n;
}

async function derive() {
  if (playground.pending) { playground.again = true; return; }
  playground.pending = true;
  const spectral = $('norm').value === 'spectral';
  $('matrix-mode').hidden = !spectral;
  $('p-control').hidden = $('norm').value !== 'lp';
  $('w-control').hidden = $('norm').value !== 'weighted';
  for (const id of ['p', 'w1', 'w2', 'alpha']) $(id + '-value').textContent = $(id).value;
  const grad = spectral ? `${$('g11').value},${$('g12').value};${$('g21').value},${$('g22').value}` : playground.g.map(v => v.toFixed(3)).join(',');
  const params = { norm: normName(), grad, alpha: $('alpha').value };
  if ($('norm').value === 'weighted') params.weights = `${$('w1').value},${$('w2').value}`;
  const started = performance.now();
  try {
    const d = await api('/api/derive', params, 'playground-error');
    $('latency').textContent = `${(performance.now() - started).toFixed(0)} ms`;
    drawDerivation(d, spectral);
  } catch (e) { /* shown by api() */ }
  playground.pending = false;
  if (playground.again) { playground.again = false; derive(); }
}

function matrixText(values, rows, columns) {
  const out = [];
  for (let r = 0; r < rows; r++) out.push(values.slice(r * columns, (r + 1) * columns).map(v => (+v.toPrecision(6)).toString()).join(', '));
  return rows === 1 ? `[${out[0]}]` : `[${out.join('; ')}]`;
}

function drawDerivation(d, spectral) {
  const [rows, columns] = d.shape;
  $('g-value').textContent = 'g = ' + matrixText(d.gradient, rows, columns);
  $('u-value').textContent = 'u = ' + matrixText(d.update, rows, columns);
  $('u-value').dataset.values = JSON.stringify(d.update);
  $('formula').textContent = d.formula;
  $('dual-value').textContent = '‖g‖* = ' + number(d.dualNorm);
  $('objective').textContent = `⟨g,u⟩ + (1/α)‖u‖² = ${number(d.objective)} (general solver: ${number(d.numericObjective)})`;
  $('optimizer').textContent = d.optimizer;
  const svg = $('plane');
  svg.replaceChildren();
  if (spectral) {
    node('text', { x: 20, y: 40, class: 'label' }, svg, 'The spectral step is a matrix: U·Vᵀ of G = U·Σ·Vᵀ, scaled.');
    node('text', { x: 20, y: 64, class: 'label' }, svg, 'u = ' + matrixText(d.update, rows, columns));
    return;
  }
  const grid = node('g', { class: 'grid' }, svg);
  for (let t = -3; t <= 3; t++) {
    node('line', { x1: toScreen([t, -4])[0], x2: toScreen([t, 4])[0], y1: 0, y2: 440 }, grid);
    node('line', { y1: toScreen([-4, t])[1], y2: toScreen([4, t])[1], x1: 0, x2: 440 }, grid);
  }
  const axis = node('g', { class: 'axis' }, svg);
  node('line', { x1: 0, x2: 440, y1: CENTER, y2: CENTER }, axis);
  node('line', { y1: 0, y2: 440, x1: CENTER, x2: CENTER }, axis);
  node('polygon', { points: d.ball.map(p => toScreen(p).join(',')).join(' '), fill: '#e8eefc', stroke: '#4a63b5', 'stroke-width': 1.5, id: 'ball' }, svg);
  const defs = node('defs', {}, svg);
  for (const [id, color] of [['head-g', '#888'], ['head-u', '#d62728']]) {
    const marker = node('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, defs);
    node('path', { d: 'M0,0L10,5L0,10z', fill: color }, marker);
  }
  const arrow = (to, color, head, label) => {
    const [x, y] = toScreen(to);
    node('line', { x1: CENTER, y1: CENTER, x2: x, y2: y, stroke: color, 'stroke-width': 2.5, 'marker-end': `url(#${head})` }, svg);
    node('text', { x: x + 6, y: y - 6, class: 'label', fill: color }, svg, label);
  };
  arrow(d.gradient.map(v => -v), '#888', 'head-g', '−g');
  arrow(d.update, '#d62728', 'head-u', 'u');
  const [gx, gy] = toScreen(d.gradient);
  const handle = node('circle', { cx: gx, cy: gy, r: 9, fill: '#1f77b4', id: 'g-handle', style: 'cursor: grab' }, svg);
  node('text', { x: gx + 10, y: gy - 10, class: 'label' }, svg, 'g');
  handle.addEventListener('pointerdown', startDrag);
}

function startDrag(event) {
  const svg = $('plane');
  svg.setPointerCapture(event.pointerId);
  const move = e => {
    const box = svg.getBoundingClientRect();
    const sx = (e.clientX - box.left) * 440 / box.width, sy = (e.clientY - box.top) * 440 / box.height;
    playground.g = fromScreen(sx, sy).map(v => Math.max(-3.6, Math.min(3.6, v)));
    derive();
  };
  const stop = () => { svg.removeEventListener('pointermove', move); svg.removeEventListener('pointerup', stop); };
  svg.addEventListener('pointermove', move);
  svg.addEventListener('pointerup', stop);
}

for (const id of ['norm', 'p', 'w1', 'w2', 'alpha', 'g11', 'g12', 'g21', 'g22']) $(id).addEventListener('input', derive);

// ---- Convergence lab --------------------------------------------------------------------------------------------
let animation = 0;

async function runLab() {
  const optimizers = [...document.querySelectorAll('#lab-optimizers input:checked')].map(c => c.value).join(',');
  $('run-lab').disabled = true;
  try {
    const runs = await api('/api/converge', { x: $('lab-x').value, y: $('lab-y').value, optimizers }, 'lab-error');
    const body = $('limits').tBodies[0];
    body.replaceChildren();
    runs.forEach(r => {
      const row = body.insertRow();
      row.dataset.optimizer = r.label;
      [r.label, decimals(r.theta), r.predicted ? decimals(r.predicted) : 'no closed form', r.predictionRule || '—',
        r.distanceToPrediction === null ? '—' : r.distanceToPrediction.toExponential(1), `${r.iterations} (${r.reason})`]
        .forEach((text, i) => { const cell = row.insertCell(); cell.textContent = text; cell.className = ['optimizer', 'limit', 'predicted', 'rule', 'distance', 'steps'][i]; });
    });
    animate(runs);
  } catch (e) { /* shown by api() */ }
  $('run-lab').disabled = false;
}

function animate(runs) {
  cancelAnimationFrame(animation);
  const frames = 90;
  let frame = 0;
  const draw = () => {
    const shown = Math.max(2, Math.ceil(runs[0] ? Math.max(...runs.map(r => r.trajectory.length)) * frame / frames : 0));
    chart($('lab-plane'), runs.map((r, i) => ({
      name: r.label, color: COLORS[i % COLORS.length], points: r.trajectory.map(t => [t.theta[0], t.theta[1] ?? 0]), limit: shown,
      crosses: r.predicted ? [[r.predicted[0], r.predicted[1] ?? 0]] : [],
    })), { xlabel: 'θ₁', ylabel: 'θ₂ (× marks each predicted limit)' });
    chart($('lab-loss'), runs.map((r, i) => ({
      name: r.label, color: COLORS[i % COLORS.length], points: r.trajectory.map(t => [t.step + 1, t.loss]), limit: shown,
    })), { xlabel: 'step + 1', ylabel: 'loss', logX: true, logY: true });
    if (++frame <= frames) animation = requestAnimationFrame(draw);
  };
  draw();
}

$('run-lab').addEventListener('click', runLab);

// ---- Communication calculator ------------------------------------------------------------------------------------
let gamma = 2.5e-10;

function seconds(s) { return s >= 1 ? `${s.toPrecision(3)} s` : s >= 1e-3 ? `${(s * 1e3).toPrecision(3)} ms` : `${(s * 1e6).toPrecision(3)} µs`; }

async function communication() {
  const n = +$('n').value, p = Math.round(Math.pow(10, +$('pp').value)), alpha = Math.pow(10, +$('a').value), beta = Math.pow(10, +$('b').value);
  const kappa = +$('k').value >= 17 ? 'inf' : $('k').value;
  $('n-value').textContent = n; $('pp-value').textContent = p.toLocaleString('en-US');
  $('a-value').textContent = `${(alpha * 1e6).toPrecision(3)} µs`; $('b-value').textContent = `${(beta * 1e9).toPrecision(3)} ns/byte (${(1 / beta / 1e9).toPrecision(3)} GB/s)`;
  $('k-value').textContent = kappa === 'inf' ? '∞' : kappa;
  try {
    const c = await api('/api/comm', { n, p, alpha, beta, gamma, kappa }, 'comm-error');
    const body = $('messages').tBodies[0];
    body.replaceChildren();
    for (const s of c.strategies) {
      const row = body.insertRow();
      row.dataset.strategy = s.strategy;
      const size = s.messageValuesMin === s.messageValuesMax ? `${s.messageValuesMax.toLocaleString('en-US')} values` : `${s.messageValuesMin.toLocaleString('en-US')}–${s.messageValuesMax.toLocaleString('en-US')} values`;
      [s.strategy, s.messages.toLocaleString('en-US'), `${s.messagesFormula} = ${s.messages}`, size, s.bytesPerWorker.toLocaleString('en-US'), seconds(s.modelSeconds)]
        .forEach(text => { row.insertCell().textContent = text; });
    }
    chart($('comm-plot'), c.strategies.map((s, i) => ({
      name: s.strategy, color: COLORS[i], marker: true, points: c.sweep.map(point => [point.workers, point.modelSeconds[s.strategy]]),
    })), { xlabel: 'workers n', ylabel: `predicted seconds per reduction, p = ${p.toLocaleString('en-US')}`, logX: true, logY: true });
  } catch (e) { /* shown by api() */ }
}

async function measure() {
  $('measure').disabled = true;
  $('measure-status').textContent = 'measuring on 4 in-process workers…';
  try {
    const m = await api('/api/calibrate', { workers: 4 }, 'comm-error');
    $('a').value = Math.log10(m.alpha); $('b').value = Math.log10(m.beta);
    $('k').value = m.kappa === null ? 17 : Math.min(17, m.kappa);
    gamma = m.gamma;
    $('measure-status').textContent = `measured: α = ${(m.alpha * 1e6).toPrecision(3)} µs, β = ${(m.beta * 1e9).toPrecision(3)} ns/byte, γ = ${(m.gamma * 1e9).toPrecision(3)} ns/addition, κ = ${m.kappa === null ? '∞' : m.kappa.toPrecision(3)}`;
    communication();
  } catch (e) { $('measure-status').textContent = ''; }
  $('measure').disabled = false;
}

for (const id of ['n', 'pp', 'a', 'b', 'k']) $(id).addEventListener('input', communication);
$('measure').addEventListener('click', measure);

// ---- Training dashboard -----------------------------------------------------------------------------------------
const dashboard = { selected: new Set(), logs: new Map(), listed: false, timer: 0 };

async function listRuns() {
  try {
    const list = await api('/api/runs', {}, 'dashboard-error');
    const ul = $('runs');
    const names = list.runs.map(r => r.name);
    if (!dashboard.listed && names.length > 0) dashboard.selected.add(names[0]);
    dashboard.listed = true;
    if (ul.dataset.names !== JSON.stringify(names)) {
      ul.dataset.names = JSON.stringify(names);
      ul.replaceChildren();
      if (names.length === 0) ul.textContent = `no .jsonl logs in ${list.root} yet`;
      for (const name of names) {
        const li = document.createElement('li'), label = document.createElement('label'), box = document.createElement('input');
        box.type = 'checkbox'; box.value = name; box.checked = dashboard.selected.has(name);
        box.addEventListener('change', () => { if (box.checked) dashboard.selected.add(name); else dashboard.selected.delete(name); refreshRuns(); });
        label.append(box, ' ' + name); li.append(label); ul.append(li);
      }
    }
  } catch (e) { /* shown by api() */ }
}

async function refreshRuns() {
  for (const name of dashboard.selected) {
    try { dashboard.logs.set(name, await api('/api/run', { name }, 'dashboard-error')); }
    catch (e) { dashboard.selected.delete(name); }
  }
  const selected = [...dashboard.selected].map(name => dashboard.logs.get(name)).filter(Boolean);
  const status = $('run-status');
  status.replaceChildren();
  const notes = $('notes');
  notes.replaceChildren();
  const loss = [], accuracy = [];
  selected.forEach((log, i) => {
    const li = document.createElement('li');
    li.dataset.run = log.name; li.dataset.rows = log.rows.length;
    li.textContent = `${log.name}: ${log.rows.length} rows`;
    status.append(li);
    for (const note of log.notes) { const n = document.createElement('li'); n.textContent = `${log.name}: ${note}`; notes.append(n); }
    const x = r => r.step ?? r.epoch;
    const color = COLORS[i % COLORS.length];
    const series = (field, dashed) => ({ name: `${log.name} ${field}`, color, dashed, marker: true, points: log.rows.filter(r => r[field] !== undefined).map(r => [x(r), r[field]]) });
    const held = log.rows.some(r => 'valLoss' in r) ? 'val' : 'test';
    loss.push(series('trainLoss', true), series(`${held}Loss`, false));
    accuracy.push(series('trainAccuracy', true), series(`${held}Accuracy`, false));
  });
  chart($('loss-plot'), loss, { xlabel: 'step', ylabel: 'loss (dashed: train)', empty: 'select a run' });
  chart($('accuracy-plot'), accuracy, { xlabel: 'step', ylabel: 'accuracy (dashed: train)', empty: 'select a run' });
}

async function poll() {
  await listRuns();
  await refreshRuns();
}

// ---- Pages -----------------------------------------------------------------------------------------------------
const started = { playground: derive, lab: runLab, comm: communication, dashboard: poll };

function show() {
  const page = (location.hash || '#playground').slice(1);
  const known = page in started ? page : 'playground';
  for (const section of document.querySelectorAll('.page')) section.classList.toggle('active', section.id === known);
  for (const link of document.querySelectorAll('nav a')) link.classList.toggle('active', link.dataset.page === known);
  clearInterval(dashboard.timer);
  if (known === 'dashboard') dashboard.timer = setInterval(poll, 1000);
  started[known]();
}

window.addEventListener('hashchange', show);
show();
