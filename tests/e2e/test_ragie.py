"""Ragie retrieval (issue 4) end to end: nginx -> pool -> a local stand-in
for Ragie's API (tests/mock/ragie_server.py), with retrieval = both: Ragie's
passages join the built-in ones, and Ragie failing in any way leaves the
built-in retrieval answering, marked degraded.  `linelead ingest --to ragie`
uploads a document there as well.  Own private stack, started on first use,
stopped by the module's last test.
"""
import os
import time
import uuid

from harness import MockedStack, check, expect_ok_json

HERE = os.path.dirname(os.path.abspath(__file__))
MOCK = os.path.join(HERE, "..", "mock", "ragie_server.py")
RAGIE_KEY = "ragie-test-" + uuid.uuid4().hex       # must never show up anywhere
PARTITION = "store-12"
RAGIE_TIMEOUT_MS = 600
MARKER = "zorblax"                                # a word no shipped document holds

_STACK = MockedStack(MOCK, lambda port: {
    "LINELEAD_RETRIEVAL": "both",
    "RAGIE_BASE_URL": f"http://127.0.0.1:{port}",
    "RAGIE_API_KEY": RAGIE_KEY,
    "RAGIE_PARTITION": PARTITION,
    "LINELEAD_RAGIE_TIMEOUT_MS": str(RAGIE_TIMEOUT_MS),
})


def ragie(h):
    """The Ragie stack (started once) and its stand-in, reset to mode ok."""
    return _STACK.get()


def ask(st, message):
    r = st.post_json("/chat/production", {"message": message}, key=st.chat_key, source=st.source(),
                     timeout=30)
    return expect_ok_json(r)


def retrievals(mock):
    return [e for e in mock.requests() if e["path"] == "/retrievals"]


def test_ragie_passages_answer(h):
    """A passage only Ragie holds is quoted and cited; the request Ragie got
    carries the question, top_k, rerank, the partition and the key."""
    st, mock = ragie(h)
    mock.control(chunks=[{
        "text": f"To reset the {MARKER} controller, hold the blue key for five seconds "
                "until the display reads RDY.",
        "score": 0.93, "document_name": "Zorblax Controller Guide",
        "document_metadata": {"title": "Zorblax Controller Guide", "category": "equipment",
                              "section": "Reset"}}])
    q = f"how do I reset the {MARKER} controller"
    body = ask(st, q)
    check("blue key" in body.get("response", "") + " ".join(body.get("steps") or []),
          f"Ragie's passage not in the answer: {body.get('response')!r}")
    titles = [c.get("title") for c in body.get("citations") or []]
    check("Zorblax Controller Guide" in titles, f"Ragie's document not cited: {titles}")
    check(body.get("degraded") is False, f"degraded {body.get('degraded')!r} with Ragie up")
    calls = retrievals(mock)
    check(len(calls) == 1, f"{len(calls)} retrievals for one question")
    req = calls[0]["body"]
    check(req.get("query") == q, f"query sent {req.get('query')!r}")
    check(isinstance(req.get("top_k"), int) and req["top_k"] > 0, f"top_k {req.get('top_k')!r}")
    check(req.get("rerank") is True, f"rerank {req.get('rerank')!r}")
    check(req.get("partition") == PARTITION, f"partition {req.get('partition')!r}")
    check(calls[0]["headers"].get("authorization") == f"Bearer {RAGIE_KEY}", "the key was not sent as Bearer")


def _degraded_but_answered(st, what):
    t0 = time.monotonic()
    body = ask(st, "the fryer is not heating up, what do I check")
    took = time.monotonic() - t0
    check(body.get("degraded") is True, f"{what}: degraded {body.get('degraded')!r}")
    check(body.get("citations"), f"{what}: no citations from the built-in retrieval")
    check(any("ryer" in (c.get("title") or "") for c in body["citations"]),
          f"{what}: not the fryer document: {[c.get('title') for c in body['citations']]}")
    check(body.get("response", "").strip(), f"{what}: empty answer")
    return took


def test_ragie_error_falls_back(h):
    st, mock = ragie(h)
    for mode in ("error500", "error401", "malformed"):
        mock.control(mode=mode)
        _degraded_but_answered(st, mode)


def test_ragie_slow_falls_back_in_time(h):
    st, mock = ragie(h)
    mock.control(mode="slow")               # 5 s before it answers
    took = _degraded_but_answered(st, "slow")
    check(took < RAGIE_TIMEOUT_MS / 1000 + 2, f"answered after {took:.1f}s; Ragie's budget is "
                                              f"{RAGIE_TIMEOUT_MS} ms")


def test_ragie_key_never_leaks(h):
    st, mock = ragie(h)
    mock.control(mode="error500")
    ask(st, "grease fire on the fryer")
    for path in ("/health", "/info"):
        r = st.get(path, source=st.source())
        check(RAGIE_KEY not in r.text, f"{path} shows the Ragie key")
    for name in ("linelead.log", "linelead-fcgi.out"):
        text = st.log_tail(name, lines=100000)
        check(RAGIE_KEY not in text, f"{name} holds the Ragie key")


def test_ingest_to_ragie_uploads(h):
    st, mock = ragie(h)
    title = f"Zorblax Care {uuid.uuid4().hex[:6]}"
    path = os.path.join(st.dir, "zorblax.md")
    with open(path, "w") as f:
        f.write(f"# {title}\n\n## Cleaning\n\nWipe the {MARKER} drip tray daily with warm water.\n")
    p = st.cli("ingest", "--category", "equipment", "--title", title, "--to", "ragie", path)
    check(p.returncode == 0, f"ingest --to ragie failed: {p.stderr.strip()}")
    ups = [e for e in mock.requests() if e["path"] in ("/documents/raw", "/documents")]
    check(len(ups) == 1, f"{len(ups)} uploads to Ragie")
    body = ups[0]["body"]
    check(body.get("name") == title and MARKER in body.get("data", ""), f"upload body {str(body)[:200]}")
    check((body.get("metadata") or {}).get("category") == "equipment", f"metadata {body.get('metadata')}")
    check(body.get("partition") == PARTITION, f"partition {body.get('partition')!r}")
    # stored here too: the built-in retrieval finds it with Ragie down
    mock.control(mode="error500")
    ans = ask(st, f"how do I clean the {MARKER} drip tray")
    check(title in [c.get("title") for c in ans.get("citations") or []],
          f"the ingested document is not answered from: {ans.get('citations')}")


def test_ragie_zz_stop_stack(h):
    _STACK.stop()
