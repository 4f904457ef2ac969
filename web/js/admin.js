// admin.js — the manager dashboard at /admin: traffic, errors and latency from /metrics, what
// breaks and what people ask (when the server reports it), and the knowledge base's documents
// with upload and delete. Refreshes every 10 seconds while the page is visible.

import { createClient, newIdempotencyKey } from './api.js';
import { h, clear, $ } from './dom.js';
import { setupKeyPrompt } from './keyprompt.js';
import { lineChart, barChart, formatNumber } from './chart.js';

const REFRESH_MS = 10000;
const AGENTS = ['equipment', 'safety', 'operations', 'training', 'general'];

const client = createClient('linelead.adminKey');
const dashboard = $('#dashboard');
let refreshing = false;
let redraw = () => {};       // draws the charts again from the last metrics (after a resize)

const openKeyPrompt = setupKeyPrompt(
  client,
  { screen: 'key-screen', form: 'key-form', input: 'key-input', message: 'key-message', cancel: 'key-cancel' },
  [dashboard, $('.top-actions')],
  () => refresh(),
);

// ---- formatting ----

const num = (v) => (typeof v === 'number' ? v : Number.NaN);

function duration(seconds) {
  if (!Number.isFinite(seconds)) return '–';
  const d = Math.floor(seconds / 86400);
  const hrs = Math.floor((seconds % 86400) / 3600);
  const min = Math.floor((seconds % 3600) / 60);
  if (d) return `${d} d ${hrs} h`;
  if (hrs) return `${hrs} h ${min} min`;
  return `${min} min`;
}

function percent(rate) {
  if (!Number.isFinite(rate)) return '–';
  // error_rate is a fraction (0.02) by contract; a server sending a percentage (2.0) is read as such.
  return `${formatNumber(rate <= 1 ? rate * 100 : rate)} %`;
}

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;

function cellText(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string' && ISO_TIME.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date.toLocaleString();
  }
  if (typeof value === 'object') return Array.isArray(value) ? value.map(cellText).join(', ') : JSON.stringify(value);
  return String(value);
}

function heading(key) {
  const text = key.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function hourLabel(hour) {
  if (typeof hour === 'number') return `${String(hour).padStart(2, '0')}:00`;
  const date = new Date(hour);
  if (typeof hour === 'string' && ISO_TIME.test(hour) && !Number.isNaN(date.getTime())) {
    return date.toLocaleTimeString([], { hour: 'numeric' });
  }
  return String(hour);
}

// A table of whatever rows the server sends: the columns are the keys of the rows, in order of
// first appearance, so a new field on the server shows up without a change here.
// extra(row) may return one more cell (the delete button of a document).
function table(rows, { columns, caption, extra } = {}) {
  const keys = columns || [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return h('table', {},
    caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
    h('thead', {}, h('tr', {},
      keys.map((k) => h('th', { scope: 'col' }, heading(k))),
      extra ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')) : null)),
    h('tbody', {}, rows.map((row) => h('tr', {},
      keys.map((k) => h('td', { class: typeof row[k] === 'number' ? 'num' : null }, cellText(row[k]))),
      extra ? h('td', {}, extra(row)) : null))));
}

// ---- metrics ----

function pick(obj, ...paths) {
  for (const path of paths) {
    const value = path.split('.').reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), obj);
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

function renderTiles(m, history) {
  const s = m.server_metrics || {};
  const t = m.response_time_ms || {};
  const tiles = [
    ['Requests', formatNumber(num(s.request_count)), 'request-count'],
    ['Requests / hour', formatNumber(num(s.requests_per_hour))],
    ['Errors', formatNumber(num(s.error_count))],
    ['Error rate', percent(num(s.error_rate))],
    ['Median response', `${formatNumber(num(t.p50))} ms`],
    ['95th percentile', `${formatNumber(num(t.p95))} ms`],
    ['Up for', duration(num(s.uptime_seconds))],
  ];
  // Degraded (LLM down, answered from the manuals) and cached answers, when the server counts them.
  const degraded = pick(m, 'counters.llm_fallbacks', 'answers.degraded', 'server_metrics.degraded_count');
  const cached = pick(m, 'counters.cache_hits', 'answers.cached', 'server_metrics.cached_count');
  if (typeof degraded === 'number') tiles.push(['Degraded answers', formatNumber(degraded)]);
  if (typeof cached === 'number') tiles.push(['Cached answers', formatNumber(cached)]);
  if (m.workers && typeof m.workers.total === 'number') {
    tiles.push(['Workers busy', `${formatNumber(num(m.workers.busy))} / ${formatNumber(m.workers.total)}`]);
  }
  // The durable history (all nodes, from PostgreSQL), when the windows answered.
  for (const [label, w] of [['24 h', history.day], ['7 days', history.week]]) {
    if (w && typeof w.request_count === 'number') {
      tiles.push([`Requests, ${label}`, formatNumber(w.request_count)]);
      tiles.push([`Error rate, ${label}`, percent(num(w.error_rate))]);
    }
  }

  clear($('#tiles')).append(...tiles.map(([label, value, id]) =>
    h('div', { class: 'tile' }, h('dt', {}, label), h('dd', { id: id ? `tile-${id}` : null }, value))));
}

function renderCharts(m) {
  const t = m.response_time_ms || {};
  barChart($('#chart-latency'), {
    title: 'Response time in milliseconds',
    unit: ' ms',
    items: ['avg', 'p50', 'p95', 'p99'].map((k) => ({
      label: { avg: 'Average', p50: 'Median', p95: '95th pct', p99: '99th pct' }[k], value: num(t[k]),
    })),
  });

  const byAgent = m.by_agent || {};
  const agents = [...AGENTS.filter((a) => a in byAgent), ...Object.keys(byAgent).filter((a) => !AGENTS.includes(a))];
  barChart($('#chart-agents'), {
    title: 'Answers by agent',
    items: agents.map((a) => ({ label: a, value: countOf(byAgent[a]), cls: `bar-${a}` })),
  });

  const byStatus = m.by_status || {};
  barChart($('#chart-status'), {
    title: 'Responses by HTTP status',
    items: Object.keys(byStatus).sort().map((code) => ({
      label: code, value: countOf(byStatus[code]), cls: Number(code) >= 400 ? 'bar-error' : 'series-0',
    })),
  });
}

// by_agent / by_status values are counts, or objects with a count in them.
function countOf(v) {
  if (typeof v === 'number') return v;
  return num(pick(v, 'count', 'requests', 'total'));
}

// The window's figures: under `history` (as the server sends them) or at the top level.
function windowOf(data) {
  if (!data) return null;
  return data.history && typeof data.history === 'object' ? data.history : data;
}

// The server lists only the hours that had requests: lay them on the last 24 hours, quiet
// hours as zero, so the chart's x axis is time. Hours that are not timestamps stay as sent.
function lastDay(series) {
  const hours = series.map((p) => Date.parse(p.hour));
  if (!series.length || hours.some(Number.isNaN)) return series;
  const byHour = new Map(series.map((p, i) => [Math.floor(hours[i] / 3600e3), p]));
  const now = Math.floor(Date.now() / 3600e3);
  return Array.from({ length: 24 }, (_, i) => {
    const hour = now - 23 + i;
    return byHour.get(hour) || { hour: new Date(hour * 3600e3).toISOString(), requests: 0, errors: 0 };
  });
}

function renderSeries(day) {
  const series = lastDay(day && Array.isArray(day.series) ? day.series : []);
  $('#series-panel').hidden = series.length === 0;
  if (!series.length) return;
  const labels = series.map((p) => hourLabel(p.hour));
  lineChart($('#chart-requests'), {
    title: 'Requests and errors per hour',
    labels,
    series: [
      { name: 'Requests', values: series.map((p) => num(p.requests)) },
      { name: 'Errors', values: series.map((p) => num(p.errors)) },
    ],
  });
  // p95 per hour when the server has it, else the hourly average.
  const p95 = series.some((p) => typeof p.p95_ms === 'number');
  lineChart($('#chart-p95'), {
    title: `${p95 ? '95th percentile' : 'Average'} response time per hour (ms)`,
    labels,
    series: [{ name: p95 ? 'p95 ms' : 'average ms', values: series.map((p) => num(p95 ? p.p95_ms : p.avg_ms)) }],
  });
}

function renderPanel(panelId, boxId, rows, caption) {
  const list = Array.isArray(rows) ? rows : [];
  $(`#${panelId}`).hidden = list.length === 0;
  if (list.length) clear($(`#${boxId}`)).append(table(list, { caption }));
}

// ---- documents ----

function deleteButton(doc) {
  let armed = false;
  let timer = 0;
  const button = h('button', { type: 'button', class: 'danger', 'aria-label': `Delete ${doc.title || doc.id}` }, 'Delete');
  button.addEventListener('click', async () => {
    if (!armed) {            // two taps, so a stray one on a tablet deletes nothing
      armed = true;
      button.textContent = 'Tap again to delete';
      timer = setTimeout(() => { armed = false; button.textContent = 'Delete'; }, 5000);
      return;
    }
    clearTimeout(timer);
    button.disabled = true;
    try {
      await client.request('DELETE', `/documents/${encodeURIComponent(doc.id)}`);
      setStatus('#upload-status', `Deleted “${doc.title || doc.id}”.`);
      await loadDocuments();
    } catch (err) {
      handleError(err, '#upload-status');
      button.disabled = false;
    }
  });
  return button;
}

async function loadDocuments() {
  const data = await client.request('GET', '/documents');
  const docs = Array.isArray(data) ? data : (data && data.documents) || [];
  const box = clear($('#documents'));
  if (!docs.length) {
    box.append(h('p', {}, 'No documents yet. Add the store manuals below.'));
    return;
  }
  box.append(table(docs, {
    columns: ['title', 'category', 'chunk_count', 'updated_at', 'id'],
    caption: 'Documents in the knowledge base',
    extra: deleteButton,
  }));
}

// The media type a file is sent with: the browser's, else the one its name says; the server
// reads the bytes anyway (a PDF is a PDF whatever it is called), the type only breaks a tie.
const FILE_TYPES = {
  pdf: 'application/pdf', md: 'text/markdown', markdown: 'text/markdown', txt: 'text/plain', text: 'text/plain',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};
const SENDABLE = new Set(Object.values(FILE_TYPES).concat(['application/octet-stream']));

function fileType(file) {
  const ext = (file.name.match(/\.([^.]+)$/) || [])[1];
  const byName = FILE_TYPES[(ext || '').toLowerCase()];
  return SENDABLE.has(file.type) ? file.type : byName || 'application/octet-stream';
}

// The ingest report: what was found, so a manager sees the manual went in right.
function renderReport(title, report) {
  const box = clear($('#upload-report'));
  box.hidden = !report;
  if (!report) return;
  const codes = report.fault_codes || [];
  const facts = [
    `Read as ${report.format}${report.pages ? `, ${report.pages} page${report.pages === 1 ? '' : 's'}` : ''}${report.ocr ? ' (by OCR)' : ''}`,
    `${report.sections} sections, ${report.tables} tables, ${codes.length} fault codes, ${report.warnings} warnings, ${report.steps} steps`,
    `${report.dropped_lines} lines of page headers, footers and page numbers left out`,
  ];
  box.append(h('h4', {}, `Ingest report: ${title}`), h('ul', {}, ...facts.map((f) => h('li', {}, f))));
  if (codes.length) box.append(h('p', {}, `Fault codes: ${codes.map((c) => c.split(/[:.\s]/)[0]).join(', ')}`));
  const names = report.section_names || [];
  if (names.length) {
    box.append(h('details', {}, h('summary', {}, `Sections (${names.length})`),
      h('ol', {}, ...names.map((n) => h('li', {}, n)))));
  }
  for (const d of report.doubtful || []) box.append(h('p', { class: 'doubtful' }, `Check: ${d}`));
}

// A scanned PDF is read in the background: follow its job until it ends.
async function followJob(title, accepted) {
  for (;;) {
    const job = await client.request('GET', accepted.status_url);
    if (job.state === 'done') return job;
    if (job.state === 'failed') throw Object.assign(new Error(job.error || 'The upload could not be read.'), { kind: 'job' });
    const pages = job.pages_total ? ` page ${job.pages_done} of ${job.pages_total}` : '';
    setStatus('#upload-status', `Reading the scanned PDF “${title}” by OCR:${pages || ' queued'}…`);
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }
}

async function upload(event) {
  event.preventDefault();
  const file = $('#doc-file').files[0];
  const pasted = $('#doc-content').value;
  const category = $('#doc-category').value;
  const source = $('#doc-source').value.trim();
  const title = $('#doc-title').value.trim() || (file ? file.name.replace(/\.[^.]+$/, '') : '');
  if (!file && !pasted.trim()) return setStatus('#upload-status', 'Choose a file or paste the text first.');
  if (!title) return setStatus('#upload-status', 'Give the document a title.');

  const button = event.submitter || $('#upload-form button[type="submit"]');
  button.disabled = true;
  renderReport(title, null);
  setStatus('#upload-status', 'Uploading…');
  try {
    let result;
    if (file) {
      // every file as it is, with its real type: the server tells PDF, .docx, Markdown and text apart
      const query = new URLSearchParams({ title, category, filename: file.name });
      query.set('source', source || file.name);
      result = await client.upload(`/documents?${query}`, file, fileType(file));
    } else {
      const doc = { title, category, content: pasted, source: source || 'dashboard' };
      result = await client.request('POST', '/documents', doc, { idempotencyKey: newIdempotencyKey() });
    }
    if (result && result.job_id) {
      const job = await followJob(title, result);
      result = { sections: job.report && job.report.sections, report: job.report };
    }
    const sections = result && result.sections;
    setStatus('#upload-status', `Added “${title}”${typeof sections === 'number' ? ` (${sections} sections)` : ''}.`);
    renderReport(title, result && result.report);
    $('#upload-form').reset();
    await loadDocuments();
  } catch (err) {
    if (err.kind === 'job') setStatus('#upload-status', `Not added: ${err.message}`);
    else handleError(err, '#upload-status');
  } finally {
    button.disabled = false;
  }
}

// ---- refresh and errors ----

function setStatus(selector, text) {
  $(selector).textContent = text;
}

function handleError(err, statusSelector) {
  if (err.kind === 'auth' || err.kind === 'forbidden') {
    client.clearKey();
    openKeyPrompt(err.kind === 'auth'
      ? 'The admin key was not accepted. Enter it again.'
      : 'That key is not an admin key. The dashboard needs a manager (admin) key.');
    return;
  }
  const text = err.requestId ? `${err.message} (reference ${err.requestId})` : err.message;
  if (statusSelector) setStatus(statusSelector, text);
  else clear($('#dashboard-error')).append(h('div', { class: 'error' }, h('p', {}, text)));
}

async function refresh() {
  if (refreshing || !client.getKey()) return;
  refreshing = true;
  try {
    const [now, day, week, docs] = await Promise.allSettled([
      client.request('GET', '/metrics'),
      client.request('GET', '/metrics?window=24h'),
      client.request('GET', '/metrics?window=7d&include=dashboard'),
      loadDocuments(),
    ]);
    // The documents panel stands alone: its failure is written in it, the metrics still show.
    if (docs.status === 'rejected') {
      if (docs.reason.kind === 'auth' || docs.reason.kind === 'forbidden') throw docs.reason;
      clear($('#documents')).append(h('p', { class: 'error' }, `The documents could not be listed: ${docs.reason.message}`));
    }
    if (now.status === 'rejected') throw now.reason;
    clear($('#dashboard-error'));
    // The windows are optional: a server without them just leaves their panels hidden.
    const d = windowOf(day.status === 'fulfilled' ? day.value : null);
    const w = windowOf(week.status === 'fulfilled' ? week.value : null);
    renderTiles(now.value || {}, { day: d, week: w });
    redraw = () => {
      renderCharts(now.value || {});
      renderSeries(d);
    };
    redraw();
    const week7 = week.status === 'fulfilled' ? week.value : null;
    renderPanel('problems-panel', 'problems', pick(w, 'top_equipment_problems') || pick(week7, 'top_equipment_problems'),
      'Top recurring equipment problems');
    renderPanel('conversations-panel', 'conversations', pick(w, 'recent_conversations') || pick(week7, 'recent_conversations'),
      'Recent conversations with feedback');
    setStatus('#updated', `Updated ${new Date().toLocaleTimeString()}`);
  } catch (err) {
    handleError(err);
  } finally {
    refreshing = false;
  }
}

function updateOnline() {
  $('#offline').hidden = navigator.onLine !== false;
  if (navigator.onLine !== false) refresh();
}

$('#refresh').addEventListener('click', refresh);
$('#change-key').addEventListener('click', () => openKeyPrompt('Enter the new admin key.'));
$('#upload-form').addEventListener('submit', upload);
window.addEventListener('online', updateOnline);
window.addEventListener('offline', updateOnline);
document.addEventListener('visibilitychange', () => { if (!document.hidden) refresh(); });
setInterval(() => { if (!document.hidden) refresh(); }, REFRESH_MS);
let resizeTimer = 0;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => redraw(), 150);
});
refresh();
