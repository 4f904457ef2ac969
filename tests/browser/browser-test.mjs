// browser-test.mjs — the crew app and the manager dashboard in Debian's Chromium, against a
// real running stack (nginx → pool → PostgreSQL). Run through run.sh:
//   node browser-test.mjs BASE_URL CHAT_KEY ADMIN_KEY DATABASE_URL OUTDIR
// Prints `ok - name` / `FAIL - name: reason` per test, then `N passed, N failed`; a screenshot
// of each test's page is saved in OUTDIR.

import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [BASE_URL, CHAT_KEY, ADMIN_KEY, DATABASE_URL, OUTDIR] = process.argv.slice(2);
if (!BASE_URL || !CHAT_KEY || !ADMIN_KEY || !DATABASE_URL || !OUTDIR) {
  console.error('usage: node browser-test.mjs BASE_URL CHAT_KEY ADMIN_KEY DATABASE_URL OUTDIR');
  process.exit(2);
}
const BASE = BASE_URL.replace(/\/+$/, '');
const TEST_TIMEOUT_MS = 90000;
const TABLET = { width: 1024, height: 768 };
const PHONE = { width: 390, height: 844 };
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage',
];

mkdirSync(OUTDIR, { recursive: true });
// Playwright gives every launch a fresh temporary --user-data-dir of its own (and refuses one
// passed in args), so no profile is shared between runs.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: CHROMIUM_ARGS,
});

// ---------------------------------------------------------------- helpers

function check(condition, message) {
  if (!condition) throw new Error(message);
}

// A fresh context (empty localStorage) with optional keys already stored, and a page that
// records script errors and CSP violations (every test fails on them).
async function openPage(t, { path = '/', key = null, adminKey = null, viewport = TABLET } = {}) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport, baseURL: BASE });
  t.contexts.push(context);
  if (key || adminKey) {
    await context.addInitScript(([k, a]) => {
      try {
        if (k && !sessionStorage.getItem('seeded')) localStorage.setItem('linelead.key', k);
        if (a && !sessionStorage.getItem('seeded')) localStorage.setItem('linelead.adminKey', a);
        sessionStorage.setItem('seeded', '1');     // seed once: a test may change the key later
      } catch { /* about:blank has no storage */ }
    }, [key, adminKey]);
  }
  // Keep a copy of every chat response body as the page received it (CDP cannot always give
  // back a body the page consumed as a stream).
  await context.addInitScript(() => {
    window.__chat = [];
    const original = window.fetch;
    window.fetch = async (...args) => {
      const res = await original(...args);
      if (String(args[0]).includes('/chat/production')) {
        const entry = { status: res.status, type: res.headers.get('Content-Type') || '', body: null };
        window.__chat.push(entry);
        res.clone().text().then((text) => { entry.body = text; }, () => { entry.body = ''; });
      }
      return res;
    };
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => t.problems.push(`script error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) {
      t.problems.push(`CSP: ${msg.text()}`);
    }
  });
  t.page = page;
  await page.goto(path);
  return page;
}

function parseEvents(text) {
  const events = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    let event = 'message';
    const data = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length) events.push({ event, data: data.join('\n') });
  }
  return events;
}

// Types a question, sends it with Enter, waits for the answer to be laid out. Returns the
// answer object as the server sent it, whether it came as a stream, its token count, and how
// many times the page updated the answer text while it streamed.
async function ask(page, question) {
  await page.evaluate(() => {
    window.__streamUpdates = 0;
    const thread = document.querySelector('#thread');
    new MutationObserver((records) => {
      for (const r of records) {
        const text = r.target.closest ? r.target.closest('.answer-text') : r.target.parentElement?.closest('.answer-text');
        if (text && text.getAttribute('aria-busy') === 'true') window.__streamUpdates++;
      }
    }).observe(thread, { childList: true, characterData: true, subtree: true });
  });
  const turns = await page.locator('.turn').count();
  const seen = await page.evaluate(() => window.__chat.length);
  await page.locator('#question').fill(question);
  await page.locator('#question').press('Enter');
  const handle = await page.waitForFunction((n) => {
    const last = window.__chat[window.__chat.length - 1];
    return window.__chat.length > n && last.body !== null && last;
  }, seen, { timeout: 60000 });
  const { status, type, body } = await handle.jsonValue();
  let answer = null;
  let tokens = 0;
  const streamed = type.includes('text/event-stream');
  if (streamed) {
    const events = parseEvents(body);
    tokens = events.filter((e) => e.event === 'token').length;
    const done = events.find((e) => e.event === 'done');
    const error = events.find((e) => e.event === 'error');
    check(!error, `the stream ended in an error event: ${error && error.data}`);
    check(done, 'the stream had no done event');
    answer = JSON.parse(done.data);
  } else {
    check(status >= 200 && status < 300, `POST /chat/production answered ${status}: ${body.slice(0, 200)}`);
    answer = JSON.parse(body);
  }
  const turn = page.locator('.turn').nth(turns);
  await turn.locator('.answer-text[aria-busy="false"]').waitFor({ state: 'attached', timeout: 30000 });
  const updates = await page.evaluate(() => window.__streamUpdates);
  return { answer, turn, streamed, tokens, updates };
}

// Waits until the last turn on the page is answered (or failed); a failure is the test's error.
async function lastTurnAnswered(page) {
  const turn = page.locator('.turn').last();
  await turn.locator('.answer-text[aria-busy="false"]').waitFor({ state: 'attached', timeout: 60000 });
  if (await turn.locator('.error').count()) {
    throw new Error(`the page shows an error: ${(await turn.locator('.error').innerText()).replace(/\s+/g, ' ')}`);
  }
  return turn;
}

function psql(sql, vars = {}) {
  const args = [DATABASE_URL, '-X', '-At', '-v', 'ON_ERROR_STOP=1'];
  for (const [name, value] of Object.entries(vars)) args.push('-v', `${name}=${value}`);
  try {
    return execFileSync('psql', args, { input: sql, encoding: 'utf8', stdio: 'pipe' }).trim();
  } catch (err) {
    throw new Error(`psql: ${String(err.stderr || err.message).trim().split('\n')[0]}`);
  }
}

async function poll(fn, { timeout = 20000, interval = 500, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

async function dashboardNumbers(page) {
  return page.evaluate(() => {
    const count = Number((document.querySelector('#tile-request-count')?.textContent || '').replace(/[^0-9.]/g, ''));
    const agents = {};
    for (const bar of document.querySelectorAll('#chart-agents [data-label]')) {
      agents[bar.getAttribute('data-label')] = Number(bar.getAttribute('data-value'));
    }
    return { count, agents, updated: document.querySelector('#updated')?.textContent || '' };
  });
}

// ---------------------------------------------------------------- tests

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('a missing key shows a clear prompt, a refused key brings it back', async (t) => {
  const page = await openPage(t);
  await page.locator('#key-screen').waitFor({ state: 'visible' });
  check(await page.locator('#main').isHidden(), 'the app shows behind the key prompt');
  check(/store key/i.test(await page.locator('#key-title').textContent()), 'the prompt does not say what it wants');
  const source = await (await page.request.get('/')).text();
  check(!source.includes(CHAT_KEY), 'the key is in the page source');
  await t.shot('key-prompt');

  await page.locator('#key-input').fill('ll_wrong_key_for_the_browser_test');
  await page.locator('#key-input').press('Enter');
  await page.locator('.quick-question').first().click();
  await page.locator('#key-screen').waitFor({ state: 'visible' });
  check(/not accepted/i.test(await page.locator('#key-message').textContent()), 'no plain message after a 401');
  await t.shot('key-refused');

  await page.locator('#key-input').fill(CHAT_KEY);
  await page.locator('button[type="submit"]', { hasText: 'Save key' }).click();
  // The question the 401 interrupted is asked again by itself.
  const turn = await lastTurnAnswered(page);
  check(await turn.locator('.badge').count() > 0, 'the retried question has no answer');
  check(await page.evaluate(() => localStorage.getItem('linelead.key')) === CHAT_KEY, 'the key was not stored');
});

test('a question streams in, with the agent badge, steps to tick', async (t) => {
  const page = await openPage(t, { key: CHAT_KEY });
  const { answer, turn, streamed, tokens, updates } = await ask(page, 'The fryer is not heating up, what should I check?');
  check(streamed, 'the answer did not come as text/event-stream');
  check(tokens > 0, 'the stream had no token events');
  check(updates > 0, 'the page did not show the answer while it streamed');
  check(answer.agent_used, 'the answer names no agent');
  const badge = (await turn.locator('.badge').first().textContent()).toLowerCase();
  check(badge.includes(answer.agent_used.toLowerCase()), `badge "${badge}" is not the agent ${answer.agent_used}`);
  const shown = (await turn.locator('.answer').innerText()).replace(/\s+/g, ' ');
  const firstWords = String(answer.response || '').replace(/\s+/g, ' ').trim().slice(0, 30);
  const steps = answer.steps || [];
  check(steps.length > 0 || shown.includes(firstWords), 'the answer text is not on the page');
  if (steps.length) {
    check(await turn.locator('.steps li').count() === steps.length, 'not every step is listed');
    await turn.locator('.steps li label').first().click();
    check(await turn.locator('.steps li').first().evaluate((li) => li.classList.contains('done')), 'a tapped step is not ticked');
  }
  await t.shot('answer');
});

test('a safety question shows the safety box above the steps', async (t) => {
  const page = await openPage(t, { key: CHAT_KEY });
  const { answer, turn } = await ask(page, 'Grease fire on the fryer, what do I do?');
  check(answer.agent_used === 'safety' || (answer.agents_consulted || []).includes('safety'),
    `the safety agent did not answer (agent_used ${answer.agent_used})`);
  check((answer.safety_warnings || []).length > 0, 'the answer has no safety warnings');
  const box = turn.locator('.safety');
  await box.waitFor();
  check(await box.locator('li').count() === answer.safety_warnings.length, 'not every warning is in the box');
  if (await turn.locator('.steps').count()) {
    const above = await turn.evaluate((el) => Boolean(el.querySelector('.safety')
      .compareDocumentPosition(el.querySelector('.steps')) & Node.DOCUMENT_POSITION_FOLLOWING));
    check(above, 'the safety box is not above the steps');
  }
  if (answer.escalate) {
    const first = await turn.locator('.answer > :not(:empty)').first().getAttribute('class');
    check(/slot/.test(first) && await turn.locator('.answer .emergency').isVisible(), 'the emergency box is not first');
    check((await turn.locator('.emergency').textContent()).includes('Call 911'), 'the emergency box has no number to call');
  }
  await t.shot('safety');
});

test('citations open in place, with the keyboard', async (t) => {
  const page = await openPage(t, { key: CHAT_KEY });
  const { answer, turn } = await ask(page, 'How do I filter the fryer oil?');
  const citations = answer.citations || [];
  check(citations.length > 0, 'the answer cites nothing');
  const summary = turn.locator('.citation summary').first();
  check(!(await turn.locator('.cite-body').first().isVisible()), 'the passage shows before it is opened');
  await summary.focus();
  await page.keyboard.press('Enter');
  const body = turn.locator('.cite-body').first();
  await body.waitFor({ state: 'visible' });
  const norm = (s) => String(s || '').replace(/\s+/g, ' ').trim();
  const text = norm(await body.innerText());
  check(text.includes(norm(citations[0].snippet).slice(0, 40)), 'the opened citation does not show its passage');
  check(text.includes(norm(citations[0].title)), 'the opened citation does not show its title');
  await t.shot('citation');
});

test('feedback is stored in the database', async (t) => {
  const page = await openPage(t, { key: CHAT_KEY });
  const { answer, turn } = await ask(page, 'How do I clean the grill at close?');
  check(/^[A-Za-z0-9_.-]{1,100}$/.test(answer.request_id || ''), `odd request_id ${answer.request_id}`);
  await turn.locator('.thumb[data-rating="down"]').click();
  await turn.locator('.feedback-status', { hasText: 'Thanks' }).waitFor();
  const rating = await poll(() => psql("select rating from feedback where request_id = :'rid';", { rid: answer.request_id }),
    { timeout: 10000, what: 'the feedback row' });
  check(rating.split('\n').pop() === 'down', `the database has rating "${rating}"`);
  check(await turn.locator('.thumb[data-rating="down"]').getAttribute('aria-pressed') === 'true', 'the chosen thumb is not marked');
  await t.shot('feedback');
});

test('follow-ups keep the conversation; New conversation clears it', async (t) => {
  const page = await openPage(t, { key: CHAT_KEY });
  const first = await ask(page, 'The shake machine is not freezing');
  const id = await page.evaluate(() => localStorage.getItem('linelead.conversation'));
  check(id && id === first.answer.conversation_id, 'the conversation id was not kept');
  const sent = page.waitForRequest((r) => r.url().endsWith('/chat/production'));
  const second = ask(page, 'What if that does not work?');
  check((await sent).postDataJSON().conversation_id === id, 'the follow-up did not send the conversation id');
  await second;

  await page.reload();
  await page.locator('.turn-question', { hasText: 'shake machine is not freezing' }).waitFor({ timeout: 10000 });

  const deleted = page.waitForRequest((r) => r.method() === 'DELETE' && r.url().includes('/conversations/'));
  await page.locator('#new-conversation').click();
  check((await deleted).url().endsWith(`/conversations/${encodeURIComponent(id)}`), 'the wrong conversation was deleted');
  check(await page.locator('.turn').count() === 0, 'the thread was not cleared');
  check(await page.evaluate(() => localStorage.getItem('linelead.conversation')) === null, 'the id is still stored');
  const gone = await poll(async () => (await page.request.get(`/conversations/${encodeURIComponent(id)}`,
    { headers: { Authorization: `Bearer ${CHAT_KEY}` } })).status() === 404, { timeout: 5000, what: 'the conversation to go' });
  check(gone, 'the conversation still exists');
  await t.shot('new-conversation');
});

test('offline: a plain message and Retry, working again when the network is back', async (t) => {
  const page = await openPage(t, { key: CHAT_KEY });
  await t.contexts[0].setOffline(true);
  await page.locator('#offline').waitFor({ state: 'visible' });
  await page.locator('#question').fill('How do I set up the fry station?');
  await page.locator('#question').press('Enter');
  const error = page.locator('.turn .error');
  await error.waitFor();
  check(/no connection/i.test(await error.textContent()), 'the offline error is not in plain words');
  await t.shot('offline');
  await t.contexts[0].setOffline(false);
  await page.locator('#offline').waitFor({ state: 'hidden' });
  await error.locator('button', { hasText: 'Retry' }).click();
  const turn = await lastTurnAnswered(page);
  check(await turn.locator('.badge').count() > 0, 'no answer after the retry');
});

test('429, server errors and a degraded JSON answer read in plain words', async (t) => {
  const page = await openPage(t, { key: CHAT_KEY });
  const reply = [];
  await page.route('**/chat/production', (route) => route.fulfill(reply.shift()));
  const json = (status, body) => ({ status, contentType: 'application/json', body: JSON.stringify(body) });

  reply.push(json(429, { error: { code: 'rate_limited', message: 'Too many requests; slow down', request_id: 'r1' } }));
  await page.locator('#question').fill('Is the grill hot enough?');
  await page.locator('#question').press('Enter');
  await page.locator('.turn .error').waitFor();
  check((await page.locator('.turn .error').textContent()).includes('Too many requests — wait a moment'), 'no plain 429 message');
  await t.shot('429');

  // A 502 is sent again with the question's one Idempotency-Key (the stream, then the plain
  // request, then that once more): only when all of them fail does the crew see the error.
  const keys = [];
  page.on('request', (r) => { if (r.url().includes('/chat/production')) keys.push(r.headers()['idempotency-key']); });
  for (let i = 0; i < 3; i++) {
    reply.push(json(502, { error: { code: 'upstream_error', message: 'The application is not reachable', request_id: 'r2' } }));
  }
  await page.locator('.turn .error button').click();
  await page.locator('.turn .error', { hasText: 'server had a problem' }).waitFor();
  check(keys.length === 3 && keys[0] && keys.every((k) => k === keys[0]), `the retries did not carry one Idempotency-Key: ${keys}`);

  // A server that answers plain JSON to a streaming request is read as it is.
  reply.push(json(200, {
    response: 'Check the pilot light.', conversation_id: 'c-json', agent_used: 'equipment', agents_consulted: ['equipment'],
    confidence: 0.7, safety_warnings: [], steps: [], citations: [], service_call_recommended: false, escalate: false,
    degraded: true, cached: false, model: 'local', timestamp: new Date().toISOString(), processing_time: 0.01, request_id: 'r3',
  }));
  await page.locator('.turn .error button').click();
  await page.locator('.turn .status', { hasText: 'Answered from the store manuals (AI model unavailable)' }).waitFor();
  check((await page.locator('.turn .answer-text').textContent()).includes('Check the pilot light.'), 'the JSON answer is not shown');
  await t.shot('errors');
});

test('phone screen: touch targets are at least 48px', async (t) => {
  const page = await openPage(t, { key: CHAT_KEY, viewport: PHONE });
  await ask(page, 'How do I filter the fryer oil?');
  const small = await page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('button, summary, .steps label, input, textarea, select')) {
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height || el.type === 'checkbox') continue;        // hidden, or inside its 48px label
      if (r.height < 47.5 || r.width < 47.5) out.push(`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 30)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
    return out;
  });
  check(small.length === 0, `too small: ${small.join('; ')}`);
  await t.shot('phone');
});

test('the dashboard needs an admin key, not a crew key', async (t) => {
  const page = await openPage(t, { path: '/admin' });
  await page.locator('#key-screen').waitFor({ state: 'visible' });
  check(/admin key/i.test(await page.locator('#key-title').textContent()), 'the prompt does not ask for the admin key');
  await page.locator('#key-input').fill(CHAT_KEY);
  await page.locator('#key-input').press('Enter');
  await page.locator('#key-message', { hasText: /not an admin key|not accepted/ }).waitFor();
  await page.locator('#key-input').fill(ADMIN_KEY);
  await page.locator('#key-input').press('Enter');
  await page.locator('#tile-request-count').waitFor();
  await t.shot('admin-key');
});

test('the dashboard shows a request just made (and refreshes by itself)', async (t) => {
  const page = await openPage(t, { path: '/admin', adminKey: ADMIN_KEY });
  await page.locator('#tile-request-count').waitFor();
  await page.locator('#chart-agents svg').waitFor();
  const before = await dashboardNumbers(page);
  const res = await page.request.post('/chat/production', {
    headers: { Authorization: `Bearer ${CHAT_KEY}` },
    data: { message: 'The grill shows error code E5 and will not heat' },
  });
  check(res.ok(), `asking failed: ${res.status()}`);
  const agent = (await res.json()).agent_used;
  // No click: the 10-second refresh must bring it in.
  const after = await poll(async () => {
    const now = await dashboardNumbers(page);
    return now.count > before.count && (now.agents[agent] || 0) > (before.agents[agent] || 0) ? now : null;
  }, { timeout: 30000, what: `request_count > ${before.count} and by_agent.${agent} > ${before.agents[agent] || 0}` });
  check(after.updated !== before.updated, 'the "Updated" time did not change');
  check(await page.locator('#chart-latency svg rect').count() >= 4, 'no latency chart');
  await t.shot('dashboard');
});

test('upload a Markdown manual, ask about it, delete it', async (t) => {
  const title = `Zorblax 9000 service guide ${Date.now()}`;
  const manual = [
    '# Zorblax 9000 frozen yogurt dispenser — service guide', '',
    '## Error Q7: mix hopper sensor blocked', '',
    'When the Zorblax 9000 display shows error Q7, frozen mix is blocking the violet sensor window.', '',
    '1. Press and hold the STANDBY key for five seconds.',
    '2. Lift the hopper lid and wipe the violet sensor window with a sanitized towel.',
    '3. Wait ninety seconds, then press AUTO.', '',
    'If error Q7 comes back three times in one shift, call Zorblax service.', '',
  ].join('\n');
  const admin = await openPage(t, { path: '/admin', adminKey: ADMIN_KEY });
  await admin.locator('#tile-request-count').waitFor();
  await admin.locator('#doc-file').setInputFiles({ name: 'zorblax-9000.md', mimeType: 'text/markdown', buffer: Buffer.from(manual) });
  await admin.locator('#doc-title').fill(title);
  await admin.locator('#doc-category').selectOption('equipment');
  await admin.locator('#upload-form button[type="submit"]').click();
  const status = admin.locator('#upload-status');
  await poll(async () => /Added|error|refused|problem|not/i.test(await status.textContent()), { what: 'the upload to finish' });
  check(/Added/.test(await status.textContent()), `upload failed: ${await status.textContent()}`);
  const row = admin.locator('#documents tr', { hasText: title });
  await row.waitFor();
  await t.shot('upload');

  try {
    const crew = await openPage(t, { key: CHAT_KEY });
    const { answer, turn } = await ask(crew, 'The Zorblax 9000 shows error Q7. What do I do?');
    const titles = (answer.citations || []).map((c) => c.title);
    check(titles.includes(title), `the answer does not cite the new manual (cites: ${titles.join(' | ') || 'nothing'})`);
    check(/violet sensor window/i.test(JSON.stringify(answer)), 'the answer does not use the new manual');
    await turn.locator('.cite-title', { hasText: title }).first().waitFor();
    await t.shot('ask-uploaded');
  } finally {
    await admin.bringToFront();
    const del = row.locator('button', { hasText: 'Delete' });
    await del.click();
    await row.locator('button', { hasText: 'Tap again' }).click();
    await row.waitFor({ state: 'detached', timeout: 15000 });
  }
});

test('a manager uploads a text export and a PDF, sees the ingest report, the crew is answered', async (t) => {
  const stamp = Date.now();
  const title = `Quorvane QX-5 waffle iron ${stamp}`;
  // a plain-text export: running header, page footer, ALL-CAPS headings, a fault-code table
  const text = [
    'QUORVANE QX-5 WAFFLE IRON                          Operator Guide', '',
    'DAILY START-UP', '',
    '  1. Turn the QX-5 on and wait for the READY light (about 8 minutes).',
    '  2. Brush the plates with the supplied release oil.', '',
    'FAULT CODES', '',
    'Code   Meaning                      What to do',
    'Q-41   Lower plate below 300 °F     Close the lid, wait 4 minutes, then press',
    '                                    the amber RESET key twice.',
    'Q-42   Hinge sensor open            Open and close the lid fully once.', '',
    'Quorvane QX-5 Operator Guide                       Page 1 of 1', '',
  ].join('\n');
  const admin = await openPage(t, { path: '/admin', adminKey: ADMIN_KEY });
  await admin.locator('#tile-request-count').waitFor();
  const uploadFile = async (file, docTitle) => {
    await admin.locator('#doc-file').setInputFiles(file);
    await admin.locator('#doc-title').fill(docTitle);
    await admin.locator('#doc-category').selectOption('equipment');
    await admin.locator('#upload-form button[type="submit"]').click();
    const status = admin.locator('#upload-status');
    await poll(async () => /Added|error|refused|problem|not/i.test(await status.textContent()),
      { timeout: 90000, what: `the upload of ${file.name} to finish` });
    check(/Added/.test(await status.textContent()), `upload of ${file.name} failed: ${await status.textContent()}`);
    return admin.locator('#upload-report');
  };
  const rows = [];
  try {
    let report = await uploadFile({ name: 'quorvane-qx5.txt', mimeType: 'text/plain', buffer: Buffer.from(text) }, title);
    rows.push(title);
    const said = await report.textContent();
    check(/Ingest report/.test(said) && /Read as text/.test(said), `no ingest report for the text file: ${said}`);
    check(/Q-41/.test(said) && /Q-42/.test(said), `the report does not list the fault codes: ${said}`);
    await t.shot('report-text');

    const here = dirname(fileURLToPath(import.meta.url));
    const pdf = readFileSync(join(here, '..', 'data', 'blind-manuals13', 'harlow-hm20-planetary-mixer.pdf'));
    const pdfTitle = `Harlow HM-20 browser ${stamp}`;
    report = await uploadFile({ name: 'harlow-hm20.pdf', mimeType: 'application/pdf', buffer: pdf }, pdfTitle);
    rows.push(pdfTitle);
    const pdfSaid = await report.textContent();
    check(/Read as pdf, 2 pages/.test(pdfSaid) && /E07/.test(pdfSaid), `the PDF's report: ${pdfSaid}`);
    check(/SECTION 5/.test(pdfSaid), `the PDF's sections are not listed: ${pdfSaid}`);
    await t.shot('report-pdf');

    const crew = await openPage(t, { key: CHAT_KEY });
    const { answer } = await ask(crew, 'the quorvane waffle iron says Q-41 what do i do');
    const titles = (answer.citations || []).map((c) => c.title);
    check(titles.includes(title), `the answer does not cite the uploaded export (cites: ${titles.join(' | ')})`);
    check(/RESET key twice/i.test(JSON.stringify(answer)), 'the answer lost the wrapped remedy');
    check(!/Page 1 of 1/.test(JSON.stringify(answer)), 'page furniture in the answer');
    await t.shot('ask-export');
  } finally {
    await admin.bringToFront();
    for (const name of rows) {
      const row = admin.locator('#documents tr', { hasText: name });
      await row.locator('button', { hasText: 'Delete' }).click();
      await row.locator('button', { hasText: 'Tap again' }).click();
      await row.waitFor({ state: 'detached', timeout: 15000 });
    }
  }
});

// ---------------------------------------------------------------- runner

let passed = 0;
let failed = 0;
let n = 0;
for (const { name, fn } of tests) {
  n++;
  const slug = `${String(n).padStart(2, '0')}-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 50)}`;
  const t = {
    contexts: [], problems: [], page: null, shots: 0,
    shot: async (label) => {
      t.shots++;
      await t.page.screenshot({ path: join(OUTDIR, `${slug}-${label}.png`), fullPage: true });
    },
  };
  let timer;
  try {
    await Promise.race([
      fn(t),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${TEST_TIMEOUT_MS / 1000} s`)), TEST_TIMEOUT_MS); }),
    ]);
    check(t.problems.length === 0, t.problems.join('; '));
    passed++;
    console.log(`ok - ${name}`);
  } catch (err) {
    failed++;
    console.log(`FAIL - ${name}: ${String(err.message || err).split('\n')[0]}`);
    if (t.page) await t.page.screenshot({ path: join(OUTDIR, `${slug}-failed.png`), fullPage: true }).catch(() => {});
  } finally {
    clearTimeout(timer);
    if (t.page && !t.shots) await t.page.screenshot({ path: join(OUTDIR, `${slug}.png`), fullPage: true }).catch(() => {});
    for (const c of t.contexts) await c.close().catch(() => {});
  }
}
await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
