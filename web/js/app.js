// app.js — the crew app at /: quick questions per station, a typed question, the answer
// streamed in and then laid out for a busy line (emergency first, safety warnings, steps to
// tick, sources to open), feedback, and a conversation that survives a reload.

import { createClient } from './api.js';
import { h, append, clear, $ } from './dom.js';
import { setupKeyPrompt } from './keyprompt.js';

const CONVERSATION = 'linelead.conversation';

const STATIONS = [
  { id: 'grill', name: 'Grill', questions: [
    'The grill is not heating up',
    'The grill shows an error code',
    'How do I clean the grill at close?',
    'What temperature must burger patties reach?',
  ] },
  { id: 'fryer', name: 'Fryer', questions: [
    'The fryer oil is smoking',
    'How do I filter the fryer oil?',
    'The fryer shows an error code',
    'Grease fire on the fryer — what do I do?',
  ] },
  { id: 'shake', name: 'Shake machine', questions: [
    'The shake machine is not freezing',
    'How do I run the shake machine heat cycle?',
    'The shake machine is leaking',
    'How do I clean the shake machine?',
  ] },
  { id: 'safety', name: 'Safety', questions: [
    'How do I wash my hands properly?',
    'Someone cut their hand — what do I do?',
    'How long can food stay in the danger zone?',
    'A crew member is sick — can they work?',
  ] },
  { id: 'opening', name: 'Opening', questions: [
    'What is the opening checklist?',
    'How do I check the walk-in cooler temperature?',
    'How do I set up the fry station?',
  ] },
  { id: 'closing', name: 'Closing', questions: [
    'What is the closing checklist?',
    'How do I count the cash drawer at close?',
    'How do I break down the shake machine at close?',
  ] },
];

const AGENT_NAMES = {
  equipment: 'Equipment', safety: 'Safety', operations: 'Operations',
  training: 'Training', general: 'General',
};

const client = createClient('linelead.key');
const thread = $('#thread');
const form = $('#ask-form');
const question = $('#question');
const askButton = $('#ask-button');
const offline = $('#offline');
let busy = false;
let retryAfterKey = null;      // the question a 401 interrupted, asked again once a key is saved
let uid = 0;

const openKeyPrompt = setupKeyPrompt(
  client,
  { screen: 'key-screen', form: 'key-form', input: 'key-input', message: 'key-message', cancel: 'key-cancel' },
  [$('#main'), form, $('.top-actions')],
  () => {
    const retry = retryAfterKey;
    retryAfterKey = null;
    if (retry) retry();
    else question.focus();
  },
);

// ---- stations and quick questions ----

function showStation(station) {
  for (const button of document.querySelectorAll('.station')) {
    button.setAttribute('aria-pressed', String(button.dataset.station === station.id));
  }
  const list = clear($('#quick-list'));
  for (const text of station.questions) {
    list.append(h('button', { type: 'button', class: 'quick-question', onclick: () => ask(text) }, text));
  }
}

function buildStations() {
  const bar = $('#stations');
  for (const station of STATIONS) {
    bar.append(h('button', {
      type: 'button', class: 'station', 'data-station': station.id, 'aria-pressed': 'false',
      'aria-controls': 'quick-list', onclick: () => showStation(station),
    }, station.name));
  }
  showStation(STATIONS[0]);
}

// ---- asking ----

function conversationId() {
  return localStorage.getItem(CONVERSATION) || '';
}

function newTurn(text) {
  const slots = {
    emergency: h('div', { class: 'slot' }),
    badges: h('div', { class: 'badges' }),
    status: h('p', { class: 'status', role: 'status' }, 'Thinking…'),
    safety: h('div', { class: 'slot' }),
    text: h('div', { class: 'answer-text', 'aria-live': 'polite', 'aria-busy': 'true' }),
    steps: h('div', { class: 'slot' }),
    citations: h('div', { class: 'slot' }),
    feedback: h('div', { class: 'slot' }),
    error: h('div', { class: 'slot' }),
  };
  const el = h('article', { class: 'turn' },
    h('p', { class: 'turn-question' }, h('span', { class: 'visually-hidden' }, 'You asked: '), text),
    h('div', { class: 'answer' }, Object.values(slots)));
  thread.append(el);
  return { el, slots, text };
}

function resetTurn(turn) {
  for (const slot of Object.values(turn.slots)) clear(slot);
  turn.slots.status.textContent = 'Thinking…';
  turn.slots.text.setAttribute('aria-busy', 'true');
}

async function ask(text, turn = null) {
  text = text.trim();
  if (!text || busy) return;
  if (!client.getKey()) {
    openKeyPrompt('Enter the store key to ask a question.');
    return;
  }
  busy = true;
  askButton.disabled = true;
  askButton.textContent = 'Asking…';
  if (turn) resetTurn(turn);
  else turn = newTurn(text);
  turn.el.scrollIntoView({ block: 'start', behavior: 'smooth' });

  const body = { message: text };
  if (conversationId()) body.conversation_id = conversationId();
  let streamed = '';
  try {
    const answer = await client.ask(body, {
      onMeta(meta) {
        if (meta.conversation_id) localStorage.setItem(CONVERSATION, meta.conversation_id);
        if (meta.agent) renderBadges(turn.slots.badges, meta.agent, []);
        turn.slots.status.textContent = 'Answering…';
      },
      onToken(piece) {
        streamed += piece;
        turn.slots.text.textContent = streamed;
      },
      onFallback() {
        streamed = '';
        turn.slots.text.textContent = '';
        turn.slots.status.textContent = 'Still working…';
      },
    });
    if (answer && answer.conversation_id) localStorage.setItem(CONVERSATION, answer.conversation_id);
    renderAnswer(turn, answer || {});
  } catch (err) {
    renderError(turn, err);
  } finally {
    busy = false;
    askButton.disabled = false;
    askButton.textContent = 'Ask';
  }
}

// ---- the answer ----

function renderBadges(slot, agent, consulted) {
  clear(slot);
  const agents = [agent, ...consulted.filter((a) => a && a !== agent)];
  agents.forEach((name, i) => {
    slot.append(h('span', { class: `badge agent-${name}`, title: i ? 'Also consulted' : 'Answered by' },
      i ? `+ ${AGENT_NAMES[name] || name}` : AGENT_NAMES[name] || name));
  });
}

function renderAnswer(turn, answer) {
  const { slots } = turn;
  slots.status.textContent = '';
  slots.text.setAttribute('aria-busy', 'false');

  if (answer.escalate) {
    slots.emergency.append(h('div', { class: 'emergency', role: 'alert' },
      h('h3', {}, 'Emergency'),
      h('p', { class: 'emergency-call' }, 'Call 911 for fire or serious injury, then your manager')));
  }
  if (answer.agent_used) renderBadges(slots.badges, answer.agent_used, answer.agents_consulted || []);

  const notes = [];
  if (answer.degraded) notes.push('Answered from the store manuals (AI model unavailable)');
  if (answer.service_call_recommended) notes.push('This may need a service technician — tell your manager.');
  if (typeof answer.confidence === 'number' && answer.confidence < 0.4) {
    notes.push('Not sure about this one — check with your manager.');
  }
  slots.status.textContent = notes.join(' ');
  slots.status.classList.toggle('note', notes.length > 0);

  const warnings = answer.safety_warnings || [];
  if (warnings.length) {
    slots.safety.append(h('section', { class: 'safety', 'aria-label': 'Safety warnings' },
      h('h3', {}, '⚠ Safety first'),
      h('ul', {}, warnings.map((w) => h('li', {}, w)))));
  }

  const steps = answer.steps || [];
  const text = typeof answer.response === 'string' ? answer.response : '';
  // When the text repeats the steps, the list carries the answer and the text stays one tap away.
  const repeatsSteps = steps.length > 0 && text.includes(String(steps[0]).slice(0, 40));
  if (steps.length) {
    slots.steps.append(h('section', { class: 'steps', 'aria-label': 'Steps' },
      h('h3', {}, 'Steps'),
      h('ol', {}, steps.map((step) => {
        const id = `step-${++uid}`;
        const box = h('input', { type: 'checkbox', id });
        const item = h('li', {}, h('label', { for: id }, box, h('span', {}, step)));
        box.addEventListener('change', () => item.classList.toggle('done', box.checked));
        return item;
      }))));
  }
  if (repeatsSteps) {
    clear(slots.text).append(h('details', { class: 'full-text' },
      h('summary', {}, 'Full answer text'), h('p', {}, text)));
  } else {
    slots.text.textContent = text;
  }

  const citations = answer.citations || [];
  if (citations.length) {
    slots.citations.append(h('section', { class: 'citations', 'aria-label': 'Sources' },
      h('h3', {}, 'Sources'),
      h('ul', {}, citations.map((c) => h('li', {}, h('details', { class: 'citation' },
        h('summary', {},
          h('span', { class: 'cite-title' }, c.title || c.document_id || 'Manual'),
          c.section ? h('span', { class: 'cite-section' }, c.section) : null),
        h('div', { class: 'cite-body' },
          h('p', { class: 'cite-where' }, [c.title, c.section].filter(Boolean).join(' › ')),
          h('blockquote', {}, c.snippet || '(no passage text)'))))))));
  }

  if (answer.request_id) renderFeedback(slots.feedback, answer.request_id);
}

function renderFeedback(slot, requestId) {
  const status = h('span', { class: 'feedback-status', role: 'status' });
  const buttons = [];
  const send = async (rating, button) => {
    status.textContent = 'Sending…';
    try {
      await client.request('POST', '/feedback', { request_id: requestId, rating });
      for (const b of buttons) b.setAttribute('aria-pressed', String(b === button));
      status.textContent = 'Thanks — sent.';
    } catch (err) {
      status.textContent = err.message;
      if (err.kind === 'auth') openKeyPrompt(err.message);
    }
  };
  const up = h('button', { type: 'button', class: 'thumb', 'aria-pressed': 'false', 'data-rating': 'up' }, '▲ Helpful');
  const down = h('button', { type: 'button', class: 'thumb', 'aria-pressed': 'false', 'data-rating': 'down' }, '▼ Not helpful');
  buttons.push(up, down);
  up.addEventListener('click', () => send('up', up));
  down.addEventListener('click', () => send('down', down));
  slot.append(h('div', { class: 'feedback', role: 'group', 'aria-label': 'Was this answer helpful?' },
    h('span', { class: 'feedback-label' }, 'Was this helpful?'), up, down, status));
}

function renderError(turn, err) {
  const { slots } = turn;
  slots.status.textContent = '';
  slots.text.setAttribute('aria-busy', 'false');
  const message = err && err.message ? err.message : 'Something went wrong. Try again.';
  const retry = () => ask(turn.text, turn);
  slots.error.append(h('div', { class: 'error', role: 'alert' },
    h('p', {}, message),
    err && err.requestId ? h('p', { class: 'reference' }, `Reference: ${err.requestId}`) : null,
    h('button', { type: 'button', class: 'primary', onclick: retry }, 'Retry')));
  if (err && err.kind === 'auth') {
    client.clearKey();
    retryAfterKey = retry;
    openKeyPrompt('The key was not accepted. Enter the store key again (ask your manager).');
  }
}

// ---- conversation ----

// After a reload, show what was already said in the kept conversation (best effort).
async function restoreConversation() {
  const id = conversationId();
  if (!id || !client.getKey()) return;
  try {
    // The server sends a conversation a page at a time (at most 1,000 messages in all).
    const messages = [];
    let cursor = '';
    for (let page = 0; page < 5; page++) {
      const data = await client.request('GET',
        `/conversations/${encodeURIComponent(id)}?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      messages.push(...(Array.isArray(data) ? data : (data && data.messages) || []));
      cursor = data && data.next_cursor;
      if (!cursor) break;
    }
    for (const m of messages) {
      const content = m.content ?? m.text ?? m.message ?? '';
      if (m.role === 'user') {
        thread.append(h('article', { class: 'turn' }, h('p', { class: 'turn-question' },
          h('span', { class: 'visually-hidden' }, 'You asked: '), content)));
      } else {
        const last = thread.lastElementChild || thread.appendChild(h('article', { class: 'turn' }));
        const agent = m.agent || m.agent_used;
        append(last, h('div', { class: 'answer' },
          agent ? h('div', { class: 'badges' }, h('span', { class: `badge agent-${agent}` }, AGENT_NAMES[agent] || agent)) : null,
          h('div', { class: 'answer-text' }, content)));
      }
    }
  } catch (err) {
    if (err.status === 404) localStorage.removeItem(CONVERSATION);
  }
}

async function newConversation() {
  const id = conversationId();
  localStorage.removeItem(CONVERSATION);
  clear(thread);
  question.value = '';
  question.focus();
  if (id && client.getKey()) {
    try {
      await client.request('DELETE', `/conversations/${encodeURIComponent(id)}`);
    } catch { /* already gone, or offline: it no longer continues either way */ }
  }
}

// ---- wiring ----

function updateOnline() {
  offline.hidden = navigator.onLine !== false;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = question.value;
  if (!text.trim() || busy) return;
  question.value = '';
  ask(text);
});
question.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});
$('#new-conversation').addEventListener('click', newConversation);
$('#change-key').addEventListener('click', () => openKeyPrompt('Enter the new store key.'));
window.addEventListener('online', updateOnline);
window.addEventListener('offline', updateOnline);

buildStations();
updateOnline();
restoreConversation();
