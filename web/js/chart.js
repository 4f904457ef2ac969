// chart.js — small SVG charts for the dashboard: a line chart (several series over shared x
// labels) and a horizontal bar chart. Axes, grid lines, value labels and a legend; colours come
// from CSS classes (.series-0 …), so the charts follow the stylesheet and the CSP.

const NS = 'http://www.w3.org/2000/svg';

// Charts are drawn at their container's width in CSS pixels, so the labels are real 14px text
// whatever the screen; the caller redraws when the window is resized.
function widthOf(container) {
  return Math.max(300, Math.round(container.clientWidth || 560));
}

function svg(tag, attrs = {}, text) {
  const el = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  if (text !== undefined) el.textContent = String(text);
  return el;
}

// A round top for the y axis and its tick step: 0–7 → 8 in steps of 2, 0–930 → 1000 by 200.
export function niceScale(max, ticks = 4) {
  if (!(max > 0)) return { top: 1, step: 0.25 };
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw);
  return { top: Math.ceil(max / step - 1e-9) * step, step };
}

export function formatNumber(value) {
  if (!Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${+(value / 1e6).toFixed(1)}M`;
  if (abs >= 1e4) return `${+(value / 1e3).toFixed(1)}k`;
  if (Number.isInteger(value)) return String(value);
  return String(+value.toFixed(abs < 1 ? 3 : 1));
}

function frame(title, width, height) {
  const root = svg('svg', {
    viewBox: `0 0 ${width} ${height}`, width, height, class: 'chart', role: 'img', 'aria-label': title,
  });
  root.append(svg('title', {}, title));
  return root;
}

// Draws into `container` (replacing what was there).
// series: [{name, values: [number…]}], labels: [string…] for the x axis (same length).
export function lineChart(container, { title, labels, series, unit = '' }) {
  const width = widthOf(container);
  const height = 260;
  const pad = { left: 56, right: 20, top: 36, bottom: 40 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const max = Math.max(0, ...series.flatMap((s) => s.values.filter(Number.isFinite)));
  const { top, step } = niceScale(max);
  const n = labels.length;
  const x = (i) => pad.left + (n <= 1 ? plotW / 2 : (i * plotW) / (n - 1));
  const y = (v) => pad.top + plotH - (v / top) * plotH;
  const root = frame(title, width, height);

  for (let v = 0; v <= top + 1e-9; v += step) {
    root.append(svg('line', { x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), class: 'chart-grid' }));
    root.append(svg('text', { x: pad.left - 8, y: y(v) + 4, class: 'chart-label', 'text-anchor': 'end' },
      formatNumber(v) + unit));
  }
  root.append(svg('line', { x1: pad.left, x2: pad.left, y1: pad.top, y2: pad.top + plotH, class: 'chart-axis' }));
  root.append(svg('line', {
    x1: pad.left, x2: width - pad.right, y1: pad.top + plotH, y2: pad.top + plotH, class: 'chart-axis',
  }));

  // As many x labels as fit (~80px each): every `every`-th, and the last one (instead of a
  // neighbour too close to it).
  const every = Math.max(1, Math.ceil(n / Math.max(2, Math.floor(plotW / 80))));
  const shown = labels.map((_, i) => i).filter((i) => i % every === 0);
  if (n && shown[shown.length - 1] !== n - 1) {
    if (n - 1 - shown[shown.length - 1] < every) shown.pop();
    shown.push(n - 1);
  }
  for (const i of shown) {
    const anchor = n > 1 && i === 0 ? 'start' : n > 1 && i === n - 1 ? 'end' : 'middle';
    root.append(svg('text', { x: x(i), y: height - pad.bottom + 20, class: 'chart-label', 'text-anchor': anchor }, labels[i]));
  }

  series.forEach((s, k) => {
    const points = s.values.map((v, i) => (Number.isFinite(v) ? `${x(i)},${y(v)}` : null)).filter(Boolean);
    if (points.length > 1) root.append(svg('polyline', { points: points.join(' '), class: `chart-line series-${k}` }));
    s.values.forEach((v, i) => {
      if (!Number.isFinite(v)) return;
      const dot = svg('circle', { cx: x(i), cy: y(v), r: 3.5, class: `chart-dot series-${k}` });
      dot.append(svg('title', {}, `${s.name} ${labels[i]}: ${formatNumber(v)}${unit}`));
      root.append(dot);
    });
    // legend
    const lx = pad.left + k * 160;
    root.append(svg('rect', { x: lx, y: 10, width: 14, height: 14, class: `chart-swatch series-${k}` }));
    root.append(svg('text', { x: lx + 20, y: 22, class: 'chart-legend' }, s.name));
  });

  container.replaceChildren(root);
}

// items: [{label, value, cls?}] (cls: a CSS class for the bar's colour). One horizontal bar per item, its value written after the bar.
export function barChart(container, { title, items, unit = '' }) {
  const width = widthOf(container);
  const row = 30;
  const pad = { left: 110, right: 70, top: 10, bottom: 30 };
  const height = pad.top + pad.bottom + Math.max(1, items.length) * row;
  const plotW = width - pad.left - pad.right;
  const max = Math.max(0, ...items.map((d) => d.value).filter(Number.isFinite));
  const { top, step } = niceScale(max);
  const x = (v) => pad.left + (v / top) * plotW;
  const root = frame(title, width, height);
  const bottom = height - pad.bottom;

  for (let v = 0; v <= top + 1e-9; v += step) {
    root.append(svg('line', { x1: x(v), x2: x(v), y1: pad.top, y2: bottom, class: 'chart-grid' }));
    root.append(svg('text', { x: x(v), y: bottom + 18, class: 'chart-label', 'text-anchor': 'middle' }, formatNumber(v) + unit));
  }
  if (!items.length) {
    root.append(svg('text', { x: pad.left + 8, y: pad.top + row / 2 + 5, class: 'chart-label' }, 'No data yet'));
  }
  items.forEach((d, i) => {
    const rowTop = pad.top + i * row;
    const value = Number.isFinite(d.value) ? d.value : 0;
    root.append(svg('text', { x: pad.left - 8, y: rowTop + row / 2 + 5, class: 'chart-label', 'text-anchor': 'end' }, d.label));
    const bar = svg('rect', {
      x: pad.left, y: rowTop + 5, height: row - 10, width: Math.max(value > 0 ? 2 : 0, x(value) - pad.left),
      class: `chart-bar ${d.cls || 'series-0'}`, 'data-label': d.label, 'data-value': value,
    });
    bar.append(svg('title', {}, `${d.label}: ${formatNumber(value)}${unit}`));
    root.append(bar);
    root.append(svg('text', { x: x(value) + 6, y: rowTop + row / 2 + 5, class: 'chart-value' }, formatNumber(value) + unit));
  });
  root.append(svg('line', { x1: pad.left, x2: pad.left, y1: pad.top, y2: bottom, class: 'chart-axis' }));
  container.replaceChildren(root);
}
