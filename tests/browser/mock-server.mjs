// mock-server.mjs — a stand-in for the Line Lead API with the web UI served as nginx serves it
// (same CSP), for working on web/ without building the C stack. Not used by run.sh, which
// always drives the real stack.
//   node tests/browser/mock-server.mjs [port]    keys: chat-key (chat), admin-key (admin)
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, extname, normalize } from 'node:path';
import { randomUUID } from 'node:crypto';

const WEB = new URL('../../web/', import.meta.url).pathname;
const PORT = Number(process.argv[2] || 8765);
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const TYPES = { '.html': 'text/html', '.css': 'text/css', '.js': 'application/javascript', '.svg': 'image/svg+xml' };
const docs = [{ id: 'd1', title: 'Grill manual', category: 'equipment', chunk_count: 12, updated_at: new Date().toISOString() }];
const feedback = [];
const conversations = new Map();
let requests = 0;
const byAgent = { equipment: 0, safety: 0, operations: 0 };

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'X-Request-ID': randomUUID(), ...headers });
  res.end(JSON.stringify(body));
}
const fail = (res, status, code, message) => send(res, status, { error: { code, message, request_id: 'r-' + status } });

function answerFor(message, conversationId) {
  const safety = /fire|cut|burn|temperature|sick|danger/i.test(message);
  return {
    response: safety
      ? 'Stop and make the area safe first.\nThen follow the steps below.'
      : 'Here is what the manual says about that.',
    conversation_id: conversationId,
    agent_used: safety ? 'safety' : 'equipment',
    agents_consulted: safety ? ['safety', 'equipment'] : ['equipment'],
    confidence: 0.82,
    safety_warnings: safety ? ['Never pour water on a grease fire.', 'Keep the area clear.'] : [],
    steps: ['Turn the unit off at the switch.', 'Wait for it to cool down.', 'Call your manager.'],
    citations: [{ document_id: 'd1', title: 'Grill manual', section: '4.2 Heating faults', snippet: 'If the grill does not heat, check the breaker first.', score: 0.9 }],
    service_call_recommended: !safety,
    escalate: /fire/i.test(message),
    degraded: /degraded/i.test(message),
    cached: false,
    model: 'local',
    timestamp: new Date().toISOString(),
    processing_time: 0.01,
    request_id: randomUUID(),
  };
}

async function body(req) {
  let data = '';
  for await (const chunk of req) data += chunk;
  return data;
}

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  const auth = (req.headers.authorization || '').replace(/^Bearer /, '');
  const api = /^\/(chat|feedback|conversations|metrics|documents)/.test(url.pathname);
  if (!api) {
    let path = url.pathname === '/' ? '/index.html' : url.pathname === '/admin' ? '/admin.html' : url.pathname;
    path = normalize(path).replace(/^(\.\.[/\\])+/, '');
    try {
      const data = await readFile(join(WEB, path));
      res.writeHead(200, { 'Content-Type': TYPES[extname(path)] || 'application/octet-stream', 'Content-Security-Policy': CSP });
      return res.end(data);
    } catch {
      return fail(res, 404, 'not_found', 'Not found');
    }
  }
  requests++;
  const admin = /^\/(metrics|documents)/.test(url.pathname);
  if (auth !== 'chat-key' && auth !== 'admin-key') return fail(res, 401, 'unauthorized', 'A valid API key is required');
  if (admin && auth !== 'admin-key') return fail(res, 403, 'forbidden', 'This key cannot do that');
  if (url.pathname === '/chat/production' && req.method === 'POST') {
    const input = JSON.parse(await body(req));
    if (/ratelimit/.test(input.message)) return fail(res, 429, 'rate_limited', 'Too many requests; slow down');
    const id = input.conversation_id || 'c-' + randomUUID().slice(0, 8);
    const answer = answerFor(input.message, id);
    byAgent[answer.agent_used]++;
    const words = input.message.toLowerCase().match(/[a-z0-9]{5,}/g) || [];
    for (const d of docs) {
      if (d.content && words.some((w) => d.content.toLowerCase().includes(w))) {
        answer.citations.unshift({ document_id: d.id, title: d.title, section: '', snippet: d.content.slice(0, 300), score: 1 });
        answer.response += '\n' + d.content.slice(0, 300);
      }
    }
    conversations.set(id, [...(conversations.get(id) || []),
      { role: 'user', content: input.message }, { role: 'assistant', content: answer.response, agent: answer.agent_used }]);
    if (!input.stream) return send(res, 200, answer);
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    res.write(`event: meta\ndata: ${JSON.stringify({ request_id: answer.request_id, agent: answer.agent_used, conversation_id: id })}\n\n`);
    for (const word of answer.response.split(/(?<= )/)) {
      res.write(`event: token\ndata: ${JSON.stringify({ text: word })}\r\n\r\n`);
      await new Promise((r) => setTimeout(r, 60));
    }
    res.end(`event: done\ndata: ${JSON.stringify(answer)}\n\n`);
    return;
  }
  if (url.pathname === '/feedback' && req.method === 'POST') {
    feedback.push(JSON.parse(await body(req)));
    return send(res, 201, { status: 'recorded' });
  }
  if (url.pathname.startsWith('/conversations/')) {
    const id = decodeURIComponent(url.pathname.slice(15));
    if (!conversations.has(id)) return fail(res, 404, 'not_found', 'No such conversation');
    if (req.method === 'DELETE') { conversations.delete(id); return send(res, 200, { deleted: id }); }
    return send(res, 200, { conversation_id: id, messages: conversations.get(id) });
  }
  if (url.pathname === '/metrics') {
    const m = {
      server_metrics: { uptime_seconds: 5000, request_count: requests, error_count: 2, error_rate: 2 / requests, requests_per_hour: 42.5 },
      response_time_ms: { avg: 18.2, p50: 9, p95: 61, p99: 140 },
      by_agent: byAgent,
      by_status: { 200: requests - 2, 401: 1, 429: 1 },
      timestamp: new Date().toISOString(),
    };
    if (url.searchParams.get('window') === '24h') {
      m.series = Array.from({ length: 24 }, (_, i) => ({ hour: new Date(Date.now() - (23 - i) * 3600e3).toISOString(), requests: 10 + ((i * 7) % 13), errors: i % 5 === 0 ? 1 : 0, p95_ms: 40 + ((i * 11) % 30) }));
    }
    if (url.searchParams.get('window') === '7d') {
      m.top_equipment_problems = [{ equipment: 'fryer', model: 'FR-200', error_code: 'E4', count: 9, last_seen: new Date().toISOString() }];
      m.recent_conversations = feedback.map((f) => ({ request_id: f.request_id, rating: f.rating }));
    }
    return send(res, 200, m);
  }
  if (url.pathname === '/documents' && req.method === 'GET') return send(res, 200, { documents: docs });
  if (url.pathname === '/documents' && req.method === 'POST') {
    // JSON, or a raw file with ?title=&category= (the content decides the format on the real server)
    const raw = !String(req.headers['content-type'] || '').startsWith('application/json');
    const text = await body(req);
    const doc = raw ? { title: url.searchParams.get('title'), category: url.searchParams.get('category'), content: text }
      : JSON.parse(text);
    const d = { id: 'd' + (docs.length + 1), title: doc.title, category: doc.category, chunk_count: 3, updated_at: new Date().toISOString() };
    Object.defineProperty(d, 'content', { value: doc.content, enumerable: false });
    docs.push(d);
    const codes = [...new Set(String(doc.content).match(/\b[A-Z]{1,2}-?\d{1,3}\b/g) || [])];
    const report = { format: raw && /pdf/.test(req.headers['content-type']) ? 'pdf' : 'text', pages: 0, ocr: false,
      sections: 3, section_names: ['Mock section'], tables: 1, fault_codes: codes, warnings: 1, steps: 3,
      dropped_lines: 0, doubtful: [] };
    return send(res, 201, { ...d, sections: 3, chunks: 3, unchanged: false, format: report.format, report });
  }
  if (url.pathname.startsWith('/documents/') && req.method === 'DELETE') {
    const i = docs.findIndex((d) => d.id === url.pathname.slice(11));
    if (i < 0) return fail(res, 404, 'not_found', 'No such document');
    docs.splice(i, 1);
    return send(res, 200, { deleted: true });
  }
  return fail(res, 404, 'not_found', 'Not found');
}).listen(PORT, '127.0.0.1', () => console.log(`mock on http://127.0.0.1:${PORT}`));
