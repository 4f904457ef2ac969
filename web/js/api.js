// api.js — the one place both pages talk to the Line Lead API: the key kept in this browser's
// storage, fetch with `Authorization: Bearer`, errors turned into plain words, and the reader
// for streamed answers (Server-Sent Events over a POST, which EventSource cannot do).

const REQUEST_TIMEOUT_MS = 60000;   // a whole JSON request (an LLM answer can take a while)
const STREAM_IDLE_MS = 45000;       // silence on an open stream before we give up on it
const RETRY_DELAY_MS = 1000;        // before the one retry of an idempotent request

// One key per question or upload: the server stores the answer under it, so a retry after a
// dropped connection or a 502 gets that answer back instead of asking a second time.
export function newIdempotencyKey() {
  if (globalThis.crypto && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// Worth sending again with the same Idempotency-Key: the request may or may not have arrived.
function retryable(err) {
  return err instanceof ApiError &&
    (err.kind === 'offline' || err.kind === 'timeout' || [502, 503, 504].includes(err.status));
}

async function withRetry(attempt) {
  try {
    return await attempt();
  } catch (e) {
    if (!retryable(e)) throw e;
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
    return attempt();
  }
}

// kind: auth (401), forbidden (403), rate (429), server (5xx or a broken answer),
// timeout, offline, client (any other 4xx: the server's own message says what was wrong).
export class ApiError extends Error {
  constructor(kind, { status = 0, detail = '', requestId = '', code = '' } = {}) {
    super(plainMessage(kind, status, detail));
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.detail = detail;
    this.requestId = requestId;
    this.code = code;
  }
}

function plainMessage(kind, status, detail) {
  switch (kind) {
    case 'auth': return 'The key was not accepted. Enter the key again.';
    case 'forbidden': return 'This key is not allowed to do that.';
    case 'rate': return 'Too many requests — wait a moment, then try again.';
    case 'server': return status
      ? `The server had a problem (error ${status}). Try again in a moment.`
      : 'The server had a problem. Try again in a moment.';
    case 'timeout': return 'The server took too long to answer. Try again.';
    case 'offline': return 'No connection to the server. Check the Wi-Fi, then tap Retry.';
    default: return detail || `The request was refused (error ${status}).`;
  }
}

function kindForStatus(status) {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 429) return 'rate';
  if (status >= 500) return 'server';
  return 'client';
}

// Error bodies have one shape, from the app and from nginx alike:
// {"error": {"code", "message", "request_id", "fields"}}; anything else still gets a message.
async function errorFromResponse(res) {
  let body = null;
  try { body = await res.json(); } catch { /* an HTML error page or nothing */ }
  const err = (body && body.error) || {};
  return new ApiError(kindForStatus(res.status), {
    status: res.status,
    detail: typeof err.message === 'string' ? err.message : '',
    requestId: err.request_id || res.headers.get('X-Request-ID') || '',
    code: err.code || '',
  });
}

function errorFromEvent(data) {
  const err = (data && data.error) || {};
  const code = String(err.code || '');
  const kind = code.includes('rate') ? 'rate'
    : code.includes('auth') ? 'auth'
    : 'server';
  return new ApiError(kind, { detail: err.message || '', requestId: err.request_id || '', code });
}

// Yields {event, data} for each Server-Sent Event in a response body. Lines end in \n or
// \r\n (a bare \r, allowed by the spec but sent by no server we talk to, is not split on).
// `onChunk` is called for every piece read, so the caller can keep an idle timer alive.
export async function* readEvents(body, onChunk = () => {}) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = '';
  let data = [];
  const take = () => {
    const out = { event: event || 'message', data: data.join('\n') };
    event = '';
    data = [];
    return out;
  };
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      onChunk();
      buffer += value;
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        let line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.endsWith('\r')) line = line.slice(0, -1);
        if (line === '') {
          if (data.length) yield take();
          else event = '';
          continue;
        }
        if (line.startsWith(':')) continue;            // a comment / keep-alive
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        let value = colon < 0 ? '' : line.slice(colon + 1);
        if (value.startsWith(' ')) value = value.slice(1);
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
    }
    if (data.length) yield take();                      // a last event without its blank line
  } finally {
    reader.cancel().catch(() => {});
  }
}

// A client for one page: `storageName` is where this page keeps its key in localStorage.
export function createClient(storageName) {
  const getKey = () => localStorage.getItem(storageName) || '';
  const setKey = (key) => localStorage.setItem(storageName, key.trim());
  const clearKey = () => localStorage.removeItem(storageName);

  // Sends one request; resolves to the Response when it is 2xx, otherwise throws ApiError.
  async function send(method, path, { json, raw, contentType, accept, signal, idempotencyKey } = {}) {
    if (navigator.onLine === false) throw new ApiError('offline');
    const headers = { Accept: accept || 'application/json' };
    const key = getKey();
    if (key) headers.Authorization = `Bearer ${key}`;
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    let body;
    if (raw !== undefined) {
      body = raw;
      headers['Content-Type'] = contentType;
    } else if (json !== undefined) {
      body = JSON.stringify(json);
      headers['Content-Type'] = 'application/json';
    }
    let res;
    try {
      res = await fetch(path, {
        method, headers, body, cache: 'no-store', credentials: 'omit',
        signal: signal || AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (e) {
      throw new ApiError(e.name === 'AbortError' || e.name === 'TimeoutError' ? 'timeout' : 'offline');
    }
    if (!res.ok) throw await errorFromResponse(res);
    return res;
  }

  async function parseJson(res) {
    if (res.status === 204) return null;
    const text = await res.text();
    if (!text) return null;
    try {
      return JSON.parse(text);
    } catch {
      throw new ApiError('server', { status: res.status, requestId: res.headers.get('X-Request-ID') || '' });
    }
  }

  // A JSON request: request('GET', '/metrics'), request('POST', '/feedback', {...}).
  // { idempotencyKey } sends that key and retries once when the answer was lost on the way.
  async function request(method, path, json, { idempotencyKey } = {}) {
    if (!idempotencyKey) return parseJson(await send(method, path, { json }));
    return withRetry(async () => parseJson(await send(method, path, { json, idempotencyKey })));
  }

  // A request whose body is a file as it is (a PDF upload), with its own Idempotency-Key.
  async function upload(path, blob, contentType) {
    const idempotencyKey = newIdempotencyKey();
    return withRetry(async () => parseJson(await send('POST', path, { raw: blob, contentType, idempotencyKey })));
  }

  // Asks a question and streams the answer. handlers.onMeta({request_id, agent,
  // conversation_id}) and handlers.onToken(text) are called as events arrive; resolves to the
  // full answer object. A server that answers plain JSON is taken as it is; a stream that
  // breaks before its `done` event is asked once more without streaming (same conversation),
  // and that once more again after a network failure or a 502: all with the question's one
  // Idempotency-Key, so the question is answered and stored once whatever got lost.
  async function ask(body, handlers = {}) {
    const idempotencyKey = newIdempotencyKey();
    const controller = new AbortController();
    let timer = 0;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(), STREAM_IDLE_MS);
    };
    arm();
    try {
      const res = await send('POST', '/chat/production', {
        json: { ...body, stream: true }, accept: 'text/event-stream', signal: controller.signal,
        idempotencyKey,
      });
      if (!(res.headers.get('Content-Type') || '').includes('text/event-stream')) {
        return await parseJson(res);
      }
      try {
        for await (const ev of readEvents(res.body, arm)) {
          const data = ev.data ? JSON.parse(ev.data) : {};
          if (ev.event === 'meta') {
            handlers.onMeta?.(data);
          } else if (ev.event === 'token') {
            if (typeof data.text === 'string') handlers.onToken?.(data.text);
          } else if (ev.event === 'done') {
            return data;
          } else if (ev.event === 'error') {
            throw errorFromEvent(data);
          }
        }
      } catch (e) {
        if (e instanceof ApiError) throw e;
        // A broken stream, a bad event or the idle timer: fall through to the plain request.
      }
    } catch (e) {
      if (!retryable(e)) throw e;
      // No first byte within the idle time, no connection, or a 502: try the plain request.
    } finally {
      clearTimeout(timer);
    }
    handlers.onFallback?.();
    // The same question as first sent (not the conversation id its meta event named): with the
    // same key it is the same request, and a stored answer comes back with its conversation.
    const plain = { ...body, stream: false };
    return request('POST', '/chat/production', plain, { idempotencyKey });
  }

  return { getKey, setKey, clearKey, request, upload, ask };
}
