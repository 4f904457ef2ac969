"""LLM generation (issue 4) end to end: nginx -> pool -> a local
OpenAI-compatible test server (tests/mock/openai_server.py).

These tests run against their own private stack (the shared one has no LLM
configured), started on first use with LINELEAD_LLM_BASE_URL pointing at the
test server, and stopped when the module's last test ends.  The test server
is driven through POST /_control and inspected through GET /_requests.
"""

import http.client
import json
import os
import socket
import time
import uuid

from harness import Fail, MockedStack, Response, check, expect_ok_json, last, wait_until

HERE = os.path.dirname(os.path.abspath(__file__))
MOCK = os.path.join(HERE, "..", "mock", "openai_server.py")
LLM_KEY = "sk-test-" + uuid.uuid4().hex            # must never show up anywhere
LLM_TIMEOUT_MS = 3000
MODEL = "test-model"

_STACK = MockedStack(MOCK, lambda port: {
    "LINELEAD_LLM_BASE_URL": f"http://127.0.0.1:{port}/v1",
    "LINELEAD_LLM_MODEL": MODEL,
    "OPENAI_API_KEY": LLM_KEY,
    "LINELEAD_LLM_TIMEOUT_MS": str(LLM_TIMEOUT_MS),
    "LINELEAD_CACHE_TTL_S": "600",
})


def llm(h):
    """The LLM stack (started once) and its test server, reset to mode ok."""
    return _STACK.get()


def ask(st, message, **extra):
    """One agent unless told otherwise: a question routed to two agents
    (safety + another) calls the model once per agent."""
    body = {"message": message, "agent": "equipment"}
    body.update(extra)
    r = st.post_json("/chat/production", body, key=st.chat_key, source=st.source(), timeout=40)
    return expect_ok_json(r), r


def chat_calls(mock):
    return [e for e in mock.requests() if e["path"].endswith("/chat/completions")]


def unique(q):
    return f"{q} (case {uuid.uuid4().hex[:8]})"


def sse_events(st, path, body, on_event=None, timeout=40):
    """POSTs body and reads Server-Sent Events as they arrive: a list of
    (seconds since the request, event, data).  on_event may return True to
    hang up at once (the client going away)."""
    conn = http.client.HTTPSConnection("127.0.0.1", st.https_port, timeout=timeout, context=st.tls)
    t0 = time.monotonic()
    events = []
    try:
        conn.request("POST", path, body=json.dumps(body), headers={
            "Content-Type": "application/json", "Authorization": f"Bearer {st.chat_key}",
            "Accept": "text/event-stream"})
        r = conn.getresponse()
        if r.status != 200:
            body = st.conform("POST", path, Response(r.status, r.reason, r.getheaders(), r.read(), 0)).body
            raise Fail(f"{path}: HTTP {r.status}: {body[:300]!r}")
        received = []       # the raw stream, for the contract check
        check(r.getheader("Content-Type", "").startswith("text/event-stream"),
              f"{path}: Content-Type {r.getheader('Content-Type')!r}")
        name, data = "message", []
        while True:
            line = r.readline()
            if not line:
                break
            received.append(line)
            line = line.decode("utf-8").rstrip("\r\n")
            if line == "":
                if data:
                    events.append((time.monotonic() - t0, name, "\n".join(data)))
                    if on_event and on_event(events[-1]):
                        conn.sock.shutdown(socket.SHUT_RDWR)
                        break
                    if name in ("done", "error"):
                        break
                name, data = "message", []
            elif line.startswith(":"):
                continue
            elif line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].lstrip(" "))
        st.conform("POST", path, Response(r.status, r.reason, r.getheaders(), b"".join(received), 0))
    finally:
        conn.close()
    return events


def token_text(data):
    try:
        obj = json.loads(data)
    except ValueError:
        return data
    if isinstance(obj, dict):
        for k in ("text", "token", "delta", "content"):
            if isinstance(obj.get(k), str):
                return obj[k]
    return str(obj)


def expect_degraded(body, what):
    check(body.get("degraded") is True, f"{what}: degraded is {body.get('degraded')!r}")
    check(body.get("model") == "local", f"{what}: model {body.get('model')!r}, expected local")
    check(isinstance(body.get("response"), str) and body["response"].strip(), f"{what}: empty response")


# ------------------------------------------------------------------ tests
def test_llm_answer_uses_prompt_passages_and_model(h):
    st, mock = llm(h)
    q = unique("How do I clean the fryer at close?")
    body, _ = ask(st, q)
    check(body.get("model") == MODEL, f"model {body.get('model')!r}, expected {MODEL}")
    check(body.get("degraded") is False, f"degraded {body.get('degraded')!r}")
    check("From the manual" in body.get("response", ""), f"not the model's answer: {body.get('response')!r}")
    calls = chat_calls(mock)
    check(len(calls) == 1, f"{len(calls)} calls to the model, expected 1")
    req = calls[0]["body"]
    msgs = req["messages"]
    check(msgs[0]["role"] == "system" and "Line Lead" in msgs[0]["content"], "no agent system prompt first")
    check(q in msgs[-1]["content"], "the question is not in the last user message")
    check("[P1]" in msgs[-1]["content"], "no passages with ids in the request")
    check(req.get("model") == MODEL and req.get("stream") is True, f"model/stream: {req.get('model')} {req.get('stream')}")
    fmt = req.get("response_format") or {}
    check(fmt.get("type") == "json_schema" and fmt["json_schema"].get("strict") is True,
          f"response_format {fmt}")
    check(calls[0]["headers"].get("authorization") == f"Bearer {LLM_KEY}", "the key was not sent as Bearer")
    cits = body.get("citations") or []
    check(len(cits) >= 1 and all(c.get("title") for c in cits), f"citations {cits}")


def test_llm_history_is_sent(h):
    st, mock = llm(h)
    first, _ = ask(st, unique("What temperature must the walk-in cooler hold?"))
    conv = first["conversation_id"]
    mock.reset()
    second, _ = ask(st, "And how often do we log it?", conversation_id=conv)
    check(second.get("model") == MODEL, f"model {second.get('model')!r}")
    msgs = chat_calls(mock)[0]["body"]["messages"]
    roles = [m["role"] for m in msgs]
    check(roles.count("user") >= 2 and "assistant" in roles, f"no earlier turns sent: roles {roles}")
    check(any("walk-in cooler" in m["content"] for m in msgs[1:-1]), "the earlier question is not in the history")


def test_llm_stream_tokens_before_done(h):
    st, mock = llm(h)
    delay_ms = 400
    mock.control(delay_ms=delay_ms, token_delay_ms=30, chunk_chars=4)
    events = sse_events(st, "/chat/stream", {"message": unique("How do I calibrate the grill?"), "agent": "equipment"})
    names = [e[1] for e in events]
    check("done" in names, f"no done event: {names}")
    tokens = [e for e in events if e[1] == "token"]
    check(len(tokens) >= 3, f"{len(tokens)} token events; the model streamed many")
    done_at = [e for e in events if e[1] == "done"][0][0]
    check(tokens[0][0] < done_at - 0.1, f"first token at {tokens[0][0]:.3f}s, done at {done_at:.3f}s")
    text = "".join(token_text(e[2]) for e in tokens)
    done = json.loads([e for e in events if e[1] == "done"][0][2])
    check(done.get("model") == MODEL, f"done.model {done.get('model')!r}")
    check(done["response"].startswith(text.strip()[:20]), f"tokens {text[:60]!r} vs response {done['response'][:60]!r}")
    check("{" not in text and "cited_passages" not in text, f"raw JSON leaked into tokens: {text[:80]!r}")
    overhead = (tokens[0][0] - delay_ms / 1000.0) * 1000
    print(f"    time to first token {tokens[0][0]*1000:.0f} ms; model's own delay {delay_ms} ms; "
          f"overhead {overhead:.0f} ms (includes the JSON prefix chunks and TLS)")


def test_llm_cache_answers_repeat_and_forgets_after_ingest(h):
    st, mock = llm(h)
    q = unique("How do I descale the coffee brewer?")
    first, _ = ask(st, q)
    check(first.get("cached") is False and first.get("model") == MODEL, f"first: cached {first.get('cached')}")
    second, _ = ask(st, q.upper() + "?!")
    check(second.get("cached") is True, f"repeat not cached: {second.get('cached')!r}")
    check(second.get("response") == first.get("response"), "cached response differs")
    check(len(chat_calls(mock)) == 1, f"{len(chat_calls(mock))} model calls; the repeat must not call")
    r = st.post_json("/documents", {"title": f"Brewer notes {uuid.uuid4().hex[:6]}", "category": "equipment",
                                    "content": "# Brewer\n\nDescale the brewer monthly with the descaler."},
                     key=st.admin_key, source=st.source())
    check(r.status in (200, 201), f"ingest: HTTP {r.status} {r.text[:200]}")
    third, _ = ask(st, q)
    check(third.get("cached") is False, "the cache still answered after an ingest")
    check(len(chat_calls(mock)) == 2, "the model was not called after the ingest")


def test_llm_error500_retried_then_degraded(h):
    st, mock = llm(h)
    mock.control(mode="error500")
    t0 = time.monotonic()
    body, _ = ask(st, unique("The fryer shows E05, what now?"))
    expect_degraded(body, "500")
    n = len(chat_calls(mock))
    check(2 <= n <= 3, f"{n} calls: 5xx must be retried, boundedly")
    check(time.monotonic() - t0 < LLM_TIMEOUT_MS / 1000 + 2, "took longer than the LLM budget")


def test_llm_429_honours_retry_after(h):
    st, mock = llm(h)
    mock.control(mode="error429", count=1, retry_after=1)
    t0 = time.monotonic()
    body, _ = ask(st, unique("How do I restock the ice machine?"))
    elapsed = time.monotonic() - t0
    check(body.get("model") == MODEL and body.get("degraded") is False, f"not answered by the model: {body.get('model')}")
    check(len(chat_calls(mock)) == 2, f"{len(chat_calls(mock))} calls, expected 429 then one retry")
    check(elapsed >= 1.0, f"answered in {elapsed:.2f}s: Retry-After: 1 was not honoured")


def test_llm_4xx_not_retried(h):
    st, mock = llm(h)
    mock.control(mode="error401")
    body, _ = ask(st, unique("How do I count the drawer?"))
    expect_degraded(body, "401")
    check(len(chat_calls(mock)) == 1, f"{len(chat_calls(mock))} calls: a 401 must not be retried")


def test_llm_success_resets_breaker_count(h):
    st, mock = llm(h)
    body, _ = ask(st, unique("How do I sanitize the prep table?"))
    check(body.get("model") == MODEL, "the model did not answer")


def test_llm_hang_times_out_degraded(h):
    st, mock = llm(h)
    mock.control(mode="hang")
    t0 = time.monotonic()
    body, _ = ask(st, unique("The shake machine is beeping"))
    elapsed = time.monotonic() - t0
    expect_degraded(body, "hang")
    check(elapsed < LLM_TIMEOUT_MS / 1000 + 2, f"took {elapsed:.1f}s; the LLM timeout is {LLM_TIMEOUT_MS} ms")
    check(len(chat_calls(mock)) == 1, "a timeout must not be retried")


def test_llm_malformed_degraded(h):
    st, mock = llm(h)
    mock.control(mode="malformed")
    body, _ = ask(st, unique("How do I close the register?"))
    expect_degraded(body, "malformed")


def test_llm_schema_violation_one_corrective_retry(h):
    st, mock = llm(h)
    mock.control(mode="schema_violation", count=1)
    body, _ = ask(st, unique("How do I train a new cashier?"))
    calls = chat_calls(mock)
    check(len(calls) == 2, f"{len(calls)} calls, expected the first and one corrective retry")
    retry = calls[1]["body"]["messages"]
    check("not valid" in retry[-1]["content"] and retry[-2]["role"] == "assistant",
          "the retry does not tell the model what was wrong")
    check(body.get("model") == MODEL and body.get("degraded") is False, "the corrected answer was not used")


def test_llm_schema_violation_twice_falls_back(h):
    st, mock = llm(h)
    mock.control(mode="schema_violation")
    body, _ = ask(st, unique("How do I sign off a trainee on fries?"))
    check(len(chat_calls(mock)) == 2, f"{len(chat_calls(mock))} calls: exactly one corrective retry")
    expect_degraded(body, "schema violation")


def test_llm_refusal_falls_back(h):
    st, mock = llm(h)
    mock.control(mode="refusal")
    body, _ = ask(st, unique("How do I handle a guest allergy question?"))
    expect_degraded(body, "refusal")


def test_llm_invented_passage_ids_dropped(h):
    st, mock = llm(h)
    mock.control(cite=["P1", "P77", "doc9#9"])
    body, _ = ask(st, unique("How do I clean the grill plates?"))
    check(body.get("model") == MODEL, "the model did not answer")
    check(len(body.get("citations") or []) == 1, f"citations {body.get('citations')}: only P1 names a passage")


def test_llm_disconnect_cancels_upstream(h):
    st, mock = llm(h)
    mock.control(tokens=400, token_delay_ms=25, chunk_chars=4)
    conv = "conv_disc_" + uuid.uuid4().hex[:10]
    events = sse_events(st, "/chat/stream", {"message": unique("How do I break down the slicer?"),
                                             "conversation_id": conv, "agent": "equipment"},
                        on_event=lambda e: e[1] == "token")
    check(any(e[1] == "token" for e in events), "no token arrived before hanging up")

    def aborted():
        calls = chat_calls(mock)
        return calls and calls[-1]["aborted"] and not calls[-1]["completed"]
    wait_until(aborted, 8, what="the upstream call to be cancelled")
    rows = wait_until(lambda: st.sql(
        f"SELECT incomplete FROM messages WHERE split_part(conversation_id, ':', 2) = '{conv}' AND role = 'assistant'"),
        10, what="the cut-off exchange to be stored")
    check(rows[0][0] == "t", f"stored assistant message incomplete = {rows[0][0]!r}")


def test_llm_key_never_leaks(h):
    st, mock = llm(h)
    for path in ("/info", "/health"):
        r = st.get(path, source=st.source())
        check(LLM_KEY not in r.text, f"{path} shows the LLM key")
    mock.control(mode="error401")
    ask(st, unique("What is the cash limit?"))
    for root, _, files in os.walk(st.path("log")):
        for f in files:
            with open(os.path.join(root, f), errors="replace") as fh:
                check(LLM_KEY not in fh.read(), f"{f} holds the LLM key")


def test_llm_breaker_opens_and_probes(h):
    st, mock = llm(h)
    mock.control(mode="error500")
    for i in range(6):
        body, _ = ask(st, unique(f"Fryer fault {i}"))
        expect_degraded(body, f"500 #{i}")
    before = len(chat_calls(mock))
    health = st.get("/health", source=st.source()).json()
    check((health.get("llm") or {}).get("status") == "open", f"/health llm {health.get('llm')}")
    check(health.get("status") == "degraded", f"/health status {health.get('status')!r}")
    body, r = ask(st, unique("Fryer fault again"))
    expect_degraded(body, "breaker open")
    check(len(chat_calls(mock)) == before, "the model was called while the breaker was open")
    check(r.elapsed < 1.0, f"an open breaker answered in {r.elapsed:.2f}s")
    mock.control(mode="ok")
    wait_until(lambda: (st.get("/health", source=st.source()).json().get("llm") or {}).get("status")
               in ("half_open",), 40, interval=1, what="the breaker's cool-down")
    body, _ = ask(st, unique("Fryer fault probe"))
    check(body.get("model") == MODEL, "the half-open probe did not use the model")
    health = st.get("/health", source=st.source()).json()
    check((health.get("llm") or {}).get("status") == "ok", f"breaker not closed after the probe: {health.get('llm')}")


@last
def test_llm_zz_stop_stack(h):
    _STACK.stop()
