"""Foundation (issue 2): health, errors, edge policy in nginx, keys, and the
pool's lifecycle under faults - all through HTTPS nginx -> pool -> PostgreSQL."""

import json
import os
import signal
import ssl
import threading
import time
import uuid
import http.client

from harness import (Fail, Response, Skip, check, expect_error, expect_ok_json, last, wait_until)

QUESTION = "Taylor E01 grill not heating properly"


# ------------------------------------------------------------ health, info
def test_health(h):
    r = h.get("/health", source=h.source())
    body = expect_ok_json(r)
    check(body.get("status") == "healthy", f"status {body.get('status')!r}: {body}")
    db = body.get("database") or {}
    check(db.get("status") == "ok", f"database.status {db.get('status')!r}")
    check(isinstance(db.get("latency_ms"), (int, float)) and db["latency_ms"] >= 0,
          f"database.latency_ms {db.get('latency_ms')!r}")
    for field in ("version", "environment", "uptime_seconds"):
        check(field in body, f"/health has no {field}: {body}")
    check(r.header("X-Process-Time"), "no X-Process-Time header")


def test_info(h):
    r = h.get("/info", source=h.source())
    body = expect_ok_json(r)
    for field in ("name", "version", "environment", "agents"):
        check(field in body, f"/info has no {field}: {body}")
    text = r.text
    for secret in (h.chat_key, h.admin_key, "linelead_admin", "postgresql://"):
        check(secret not in text, f"/info leaks {secret[:12]}...")


# ------------------------------------------------------------ error shapes
def test_error_400_malformed_json(h):
    r = h.post_json("/chat/production", '{"message": "grill', key=h.chat_key, source=h.source())
    expect_error(r, 400)


def test_error_401_no_key(h):
    r = h.post_json("/chat/classify", {"message": QUESTION}, source=h.source())
    expect_error(r, 401, "unauthorized")


def test_error_403_scope(h):
    r = h.get("/metrics", key=h.chat_key, source=h.source())
    expect_error(r, 403, "forbidden")


def test_error_404(h):
    src = h.source()
    # from the app: an API prefix with no such route
    expect_error(h.get("/chat/no-such-route", key=h.chat_key, source=src), 404, "not_found")
    # from the app: a conversation that does not exist
    expect_error(h.get("/conversations/does-not-exist-123", key=h.chat_key, source=src), 404)
    # from nginx: no such static file
    expect_error(h.get("/no-such-page.html", source=src), 404, "not_found")


def test_error_405_with_allow(h):
    src = h.source()
    r = h.request("PUT", "/chat/production", body=b"{}", key=h.chat_key, source=src,
                  headers={"Content-Type": "application/json"})
    expect_error(r, 405, "method_not_allowed")
    allow = r.header("Allow", "")
    check("POST" in allow, f"405 Allow header {allow!r} does not list POST")
    r = h.request("DELETE", "/health", source=src)
    expect_error(r, 405)
    check("GET" in r.header("Allow", ""), f"405 on /health: Allow {r.header('Allow')!r}")


def test_error_413_from_nginx(h):
    body = b'{"message": "' + b"a" * (2 * 1024 * 1024) + b'"}'
    r = h.post_json("/chat/production", body, key=h.chat_key, source=h.source())
    expect_error(r, 413, "payload_too_large")


def test_error_413_from_app(h):
    # Under nginx's 1 MiB, over the app's max_body_bytes (64 KiB by default).
    body = b'{"message": "' + b"a" * (200 * 1024) + b'"}'
    r = h.post_json("/chat/production", body, key=h.chat_key, source=h.source())
    expect_error(r, 413, "payload_too_large")
    check(r.header("X-Process-Time"), "413 from the app has no X-Process-Time")


def test_error_415(h):
    r = h.request("POST", "/chat/classify", body=json.dumps({"message": QUESTION}),
                  headers={"Content-Type": "text/plain"}, key=h.chat_key, source=h.source())
    expect_error(r, 415, "unsupported_media_type")


def test_error_421_unknown_host(h):
    src = h.source()
    r = h.get("/health", host="evil.example.com", source=src)
    expect_error(r, 421, "misdirected_request")
    r = h.get("/health", host="evil.example.com", source=src, scheme="http")
    expect_error(r, 421, "misdirected_request")


def test_error_422_fields(h):
    src = h.source()
    r = h.post_json("/chat/production", {"message": ""}, key=h.chat_key, source=src)
    err = expect_error(r, 422)
    fields = err.get("fields")
    check(isinstance(fields, list) and fields, f"422 without a fields list: {err}")
    check("message" in json.dumps(fields), f"422 fields do not name 'message': {fields}")
    r = h.post_json("/chat/production", {"message": "x" * 2001, "priority": "whenever",
                                         "conversation_id": "bad id with spaces!"},
                    key=h.chat_key, source=src)
    err = expect_error(r, 422)
    text = json.dumps(err.get("fields"))
    for name in ("message", "priority", "conversation_id"):
        check(name in text, f"422 fields do not name {name!r}: {err.get('fields')}")


def test_error_429_per_address(h):
    """A burst past LINELEAD_RATE_BURST from one address: 429 JSON, Retry-After."""
    conn = h.session(source=h.source())
    statuses, first_429 = [], None
    try:
        for _ in range(h.rate_burst * 2 + 20):
            conn.request("GET", "/info")
            r = conn.getresponse()
            resp = h.conform("GET", "/info", Response(r.status, r.reason, r.getheaders(), r.read(), 0))
            statuses.append(resp.status)
            if resp.status == 429 and first_429 is None:
                first_429 = resp
    finally:
        conn.close()
    check(first_429 is not None, f"no 429 in a burst of {len(statuses)}: {sorted(set(statuses))}")
    expect_error(first_429, 429, "rate_limited")
    check(first_429.header("Retry-After") == "1", f"Retry-After {first_429.header('Retry-After')!r}")
    ok = statuses.count(200)
    check(ok >= h.rate_burst, f"only {ok} of the burst allowed (burst {h.rate_burst})")
    check(set(statuses) <= {200, 429}, f"unexpected statuses: {sorted(set(statuses))}")


def test_error_429_per_key(h):
    """One key from many addresses (each under its own limit) is still limited."""
    key, _ = h.new_key("admin")
    got429 = None
    n = 0
    sources = [h.source() for _ in range(6)]
    for i in range(h.rate_burst * 2 + 20):
        r = h.get("/metrics", key=key, source=sources[i % len(sources)])
        n += 1
        if r.status == 429:
            got429 = r
            break
        check(r.status == 200, f"/metrics: HTTP {r.status}: {r.text[:200]}")
    check(got429 is not None, f"no 429 after {n} requests with one key")
    expect_error(got429, 429, "rate_limited")


def test_nginx_rejects_malformed_as_json(h):
    """Requests nginx refuses before the app sees them still get the JSON
    error shape (not nginx's HTML pages)."""
    src = h.source()
    host = b"Host: 127.0.0.1\r\n"
    cases = [
        ("bad request line", b"G@T /health HTTP/1.1\r\n" + host + b"\r\n", 400),
        ("path above root", b"GET /../../etc/passwd HTTP/1.1\r\n" + host + b"\r\n", 400),
        ("negative Content-Length", b"POST /chat/production HTTP/1.1\r\n" + host +
         b"Content-Length: -5\r\n\r\n", 400),
        ("header over the buffer", b"GET /health HTTP/1.1\r\n" + host +
         b"X-Big: " + b"a" * 20000 + b"\r\n\r\n", 400),
        ("URI too long", b"GET /" + b"a" * 10000 + b" HTTP/1.1\r\n" + host + b"\r\n", 414),
        ("HTTP/1.1 without Host", b"GET /health HTTP/1.1\r\n\r\n", 400),
        ("huge declared body", b"POST /chat/production HTTP/1.1\r\n" + host +
         b"Content-Type: application/json\r\nContent-Length: 50000000\r\n\r\n", 413),
    ]
    for what, raw, status in cases:
        try:
            r = h.raw(raw, source=src)
        except Exception as exc:
            raise Fail(f"{what}: no response ({exc})")
        try:
            expect_error(r, status)
        except Fail as exc:
            raise Fail(f"{what}: {exc}")


# ------------------------------------------------------------ nginx policy
def test_cors(h):
    src = h.source()
    r = h.get("/info", headers={"Origin": h.origin}, source=src)
    check(r.status == 200, f"HTTP {r.status}")
    check(r.header("Access-Control-Allow-Origin") == h.origin,
          f"allowed origin: ACAO {r.header('Access-Control-Allow-Origin')!r}")
    check("Origin" in ",".join(r.headers_named("Vary")), f"no Vary: Origin ({r.headers_named('Vary')})")
    r = h.get("/info", headers={"Origin": "https://evil.example.net"}, source=src)
    check(r.status == 200, f"HTTP {r.status}")
    check(r.header("Access-Control-Allow-Origin") is None,
          f"foreign origin got ACAO {r.header('Access-Control-Allow-Origin')!r}")
    check(r.header("Access-Control-Allow-Credentials") is None, "Allow-Credentials sent")
    # preflight, answered by nginx
    r = h.request("OPTIONS", "/chat/production", source=src, headers={
        "Origin": h.origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type"})
    check(r.status == 204, f"preflight: HTTP {r.status} {r.text[:200]}")
    check(r.header("Access-Control-Allow-Origin") == h.origin, "preflight: no ACAO")
    check("POST" in (r.header("Access-Control-Allow-Methods") or ""), "preflight: Allow-Methods lacks POST")
    allow_h = (r.header("Access-Control-Allow-Headers") or "").lower()
    check(all(n in allow_h for n in ("authorization", "content-type", "x-api-key", "idempotency-key")),
          f"preflight: Allow-Headers {allow_h!r}")
    check(r.header("X-Request-ID"), "preflight: no X-Request-ID")
    # never a wildcard
    for resp in (r,):
        check(resp.header("Access-Control-Allow-Origin") != "*", "wildcard ACAO")


def test_security_headers(h):
    src = h.source()
    want = {
        "Strict-Transport-Security": "max-age=",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
    }
    cases = [
        ("api", h.get("/health", source=src), "default-src 'none'"),
        ("app error", h.get("/chat/nope", key=h.chat_key, source=src), "default-src 'none'"),
        ("nginx error", h.get("/nope.html", source=src), "default-src 'none'"),
        ("web", h.get("/", source=src), "default-src 'self'"),
    ]
    for what, r, csp in cases:
        for name, needle in want.items():
            v = r.header(name)
            check(v and needle in v, f"{what} (HTTP {r.status}): {name} = {v!r}")
        v = r.header("Content-Security-Policy") or ""
        check(csp in v, f"{what}: CSP {v!r} lacks {csp!r}")
        check(r.header("X-Request-ID"), f"{what}: no X-Request-ID")
    r = h.get("/", source=src)
    check(r.status == 200 and b"<html" in r.body.lower(), f"web UI at /: HTTP {r.status}")
    check(r.header("Content-Type", "").startswith("text/html"), f"/: {r.header('Content-Type')}")


def test_http_redirects_to_https(h):
    r = h.get("/health?x=1", scheme="http", source=h.source())
    check(r.status == 301, f"http: HTTP {r.status}")
    want = f"https://127.0.0.1:{h.https_port}/health?x=1"
    check(r.header("Location") == want, f"Location {r.header('Location')!r}, expected {want!r}")


def test_tls_versions(h):
    for version in (ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_3):
        ctx = ssl.create_default_context(cafile=h.path("nginx", "tls", "cert.pem"))
        ctx.minimum_version = ctx.maximum_version = version
        conn = http.client.HTTPSConnection("127.0.0.1", h.https_port, context=ctx, timeout=10,
                                           source_address=(h.source(), 0))
        try:
            conn.request("GET", "/health")
            r = conn.getresponse()
            h.conform("GET", "/health", Response(r.status, r.reason, r.getheaders(), r.read(), 0))
            check(r.status == 200, f"{version.name}: HTTP {r.status}")
        finally:
            conn.close()
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    try:
        ctx.minimum_version = ctx.maximum_version = ssl.TLSVersion.TLSv1_1
        ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
    except (ValueError, ssl.SSLError):
        return
    conn = http.client.HTTPSConnection("127.0.0.1", h.https_port, context=ctx, timeout=10)
    try:
        conn.request("GET", "/health")
        r = conn.getresponse()
        raise Fail(f"TLS 1.1 was accepted (HTTP {r.status})")
    except (ssl.SSLError, ConnectionError, OSError):
        pass
    finally:
        conn.close()


# ------------------------------------------------------------ API keys
def test_keys(h):
    src = h.source()
    body = {"message": QUESTION}
    expect_error(h.post_json("/chat/classify", body, source=src), 401)
    expect_error(h.post_json("/chat/classify", body, key="ll_not_a_real_key_0000000000", source=src), 401)
    expect_error(h.post_json("/chat/classify", body, key="", source=src), 401)
    # both header forms work
    expect_ok_json(h.post_json("/chat/classify", body, key=h.chat_key, source=src))
    expect_ok_json(h.post_json("/chat/classify", body, key=h.chat_key, key_header="x-api-key", source=src))
    # scopes: chat key cannot read metrics, admin key can, and may chat
    expect_error(h.get("/metrics", key=h.chat_key, source=src), 403, "forbidden")
    expect_error(h.get("/documents", key=h.chat_key, source=src), 403, "forbidden")
    expect_ok_json(h.get("/metrics", key=h.admin_key, source=src))
    expect_ok_json(h.post_json("/chat/classify", body, key=h.admin_key, source=src))


def _key_id(h, name):
    p = h.cli("apikey", "list")
    check(p.returncode == 0, f"apikey list failed: {p.stderr.strip()}")
    for line in p.stdout.splitlines():
        if name in line.split() or name in line:
            for tok in line.replace("\t", " ").replace("|", " ").split():
                if tok.isdigit():
                    return tok
    raise Fail(f"key {name} not found in `apikey list`:\n{p.stdout}")


def test_revoked_key(h):
    """Workers keep the keys they have verified; a revocation must still hold
    for the very next request, whichever worker takes it."""
    src = h.source()
    key, name = h.new_key("admin")
    for _ in range(3 * h.workers):  # every worker has seen (and kept) the key
        expect_ok_json(h.get("/metrics", key=key, source=src))
    kid = _key_id(h, name)
    p = h.cli("apikey", "revoke", kid)
    check(p.returncode == 0, f"apikey revoke {kid} failed: {p.stderr.strip()}")
    for _ in range(2 * h.workers):
        expect_error(h.get("/metrics", key=key, source=src), 401, "unauthorized")
    expect_error(h.get("/metrics", key=key, key_header="x-api-key", source=src), 401)
    expect_error(h.post_json("/chat/classify", {"message": QUESTION}, key=key, source=src), 401)


def test_kept_key_rechecked_after_database_restart(h):
    """A kept key is checked again after PostgreSQL restarts (what changed
    while the connection was down is unknown): a key revoked as soon as the
    database is back, before any worker has reconnected, is refused."""
    src = h.source()
    key, name = h.new_key("chat")
    for _ in range(3 * h.workers):
        expect_ok_json(h.post_json("/chat/classify", {"message": QUESTION}, key=key, source=src))
    kid = _key_id(h, name)
    h.pg_stop()
    h.pg_start()
    p = h.cli("apikey", "revoke", kid)
    check(p.returncode == 0, f"apikey revoke {kid} failed: {p.stderr.strip()}")
    for _ in range(2 * h.workers):
        expect_error(h.post_json("/chat/classify", {"message": QUESTION}, key=key, source=src), 401)


def _restart_pool(h):
    pool = h.pool_pid()
    os.kill(pool, signal.SIGTERM)
    wait_until(lambda: h.pool_pid() is None, 30, 0.1, "the pool to exit after SIGTERM")
    h.stack("start")


def test_no_key_cache_without_trigger(h):
    """Workers keep no keys when the database cannot tell them about changes
    (the api_keys_changed trigger missing or disabled, e.g. binaries upgraded
    before `linelead migrate`): a key revoked behind their back is refused at
    once."""
    h.sql("ALTER TABLE api_keys DISABLE TRIGGER api_keys_changed")
    try:
        _restart_pool(h)
        src = h.source()
        key, name = h.new_key("chat")
        for _ in range(3 * h.workers):
            expect_ok_json(h.post_json("/chat/classify", {"message": QUESTION}, key=key, source=src))
        p = h.cli("apikey", "revoke", _key_id(h, name))
        check(p.returncode == 0, f"apikey revoke failed: {p.stderr.strip()}")
        for _ in range(2 * h.workers):
            expect_error(h.post_json("/chat/classify", {"message": QUESTION}, key=key, source=src), 401)
    finally:
        h.sql("ALTER TABLE api_keys ENABLE TRIGGER api_keys_changed")
        _restart_pool(h)


def _request_log_counts(h, ids):
    if not ids:
        return {}
    quoted = ",".join("'" + i.replace("'", "") + "'" for i in ids)
    rows = h.sql(f"SELECT request_id, count(*) FROM request_log WHERE request_id IN ({quoted})"
                 " GROUP BY request_id")
    return {r[0]: int(r[1]) for r in rows}


def test_request_log_every_request_once(h):
    """Each served request becomes one request_log row: at once when the pool
    is quiet, and in batches (one statement for several rows) under a burst;
    rows a worker keeps are written within a second even if no further
    request comes to it."""
    keys = [h.new_key("chat")[0] for _ in range(8)]   # under nginx's per-key burst
    r = h.post_json("/chat/classify", {"message": QUESTION}, key=keys[0], source=h.source())
    expect_ok_json(r)
    rid = r.header("X-Request-ID")
    wait_until(lambda: _request_log_counts(h, [rid]).get(rid) == 1, 2, 0.05,
               "a lone request's row in request_log")
    ids, lock = [], threading.Lock()

    def burst(key):
        src = h.source()
        for _ in range(12):
            resp = h.post_json("/chat/classify", {"message": QUESTION}, key=key, source=src)
            if resp.status == 200:
                with lock:
                    ids.append(resp.header("X-Request-ID"))
    threads = [threading.Thread(target=burst, args=(k,)) for k in keys]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    check(len(ids) == 96, f"only {len(ids)} of 96 burst requests answered 200")
    wait_until(lambda: all(v == 1 for v in _request_log_counts(h, ids).values())
               and len(_request_log_counts(h, ids)) == len(ids), 2, 0.1,
               "every burst request in request_log exactly once")
    batches = h.sql("SELECT count(DISTINCT created_at) FROM request_log"
                    " WHERE request_id IN (" + ",".join("'%s'" % i for i in ids) + ")")
    print(f"# request_log: {len(ids)} burst rows written in {batches[0][0]} statements")


def test_metrics_window_is_durable(h):
    """/metrics?window= is read from PostgreSQL (the hourly rollup of
    request_log), so it counts what every worker served and outlives the
    pool: requests made now show up in it, and are still there after the
    pool is restarted."""
    src = h.source()

    def window():
        r = h.get("/metrics?window=1h", key=h.admin_key, source=src)
        return expect_ok_json(r)["history"]
    before = window()["request_count"]
    key, _ = h.new_key("chat")
    n = 12
    for _ in range(n):
        expect_ok_json(h.post_json("/chat/classify", {"message": QUESTION}, key=key, source=src))
    hist = wait_until(lambda: (lambda w: w if w["request_count"] >= before + n else None)(window()),
                      5, 0.2, f"/metrics?window=1h to count {n} more requests")
    check(hist["by_status"].get("200", 0) >= n, f"by_status {hist['by_status']}")
    check(hist["series"] and hist["series"][-1]["requests"] > 0, f"series {hist['series'][-3:]}")
    check(hist["response_time_ms"].get("p50") is not None, f"response_time_ms {hist['response_time_ms']}")
    for part in ("by_agent", "by_status"):
        check(sum(hist[part].values()) == hist["request_count"],
              f"{part} adds up to {sum(hist[part].values())}, request_count is {hist['request_count']}")
    check(sum(p["requests"] for p in hist["series"]) == hist["request_count"],
          f"the hourly series adds up to {sum(p['requests'] for p in hist['series'])}, not {hist['request_count']}")
    counted = hist["request_count"]
    _restart_pool(h)
    after = window()["request_count"]
    check(after >= counted, f"the history lost requests over a pool restart: {counted} -> {after}")


def test_chat_answers(h):
    r = h.post_json("/chat/production", {"message": QUESTION}, key=h.chat_key, source=h.source())
    body = expect_ok_json(r)
    for field in ("response", "conversation_id", "agent_used", "confidence", "request_id"):
        check(field in body, f"chat answer has no {field}: {list(body)}")
    check(body["request_id"] == r.header("X-Request-ID"), "chat request_id != X-Request-ID")


LEXEME_DRIFT = """SELECT count(*) FROM (
    (SELECT lx, count(*)::int FROM chunks, unnest(tsvector_to_array(tsv)) lx GROUP BY lx
     EXCEPT SELECT lexeme, chunks FROM chunk_lexemes)
    UNION ALL
    (SELECT lexeme, chunks FROM chunk_lexemes
     EXCEPT SELECT lx, count(*)::int FROM chunks, unnest(tsvector_to_array(tsv)) lx GROUP BY lx)) d"""


def test_chunk_lexemes_follow_documents(h):
    """chunk_lexemes (the word counts retrieval reads) stays equal to the
    chunks through ingest, re-ingest and delete, and a question whose one
    telling word is rare, among common ones, still finds its manual."""
    # ends in "q": the English stemmer leaves it whole (a random ending in "e"
    # or "s" was stemmed, and the count looked up under the wrong lexeme)
    word = "zorblax" + uuid.uuid4().hex[:6].translate(str.maketrans("0123456789", "ghijklmnop")) + "q"
    title = f"Lexeme check {word}"

    def ingest(sections):
        content = f"# {title}\n\n" + "\n\n".join(sections)
        r = h.post_json("/documents", {"title": title, "category": "equipment", "content": content,
                                       "source": f"e2e:{word}"}, key=h.admin_key, source=h.source())
        check(r.status in (200, 201), f"ingest: HTTP {r.status} {r.text[:200]}")
        return json.loads(r.text)["id"]

    def count():
        rows = h.sql(f"SELECT chunks FROM chunk_lexemes WHERE lexeme = '{word}'")
        return int(rows[0][0]) if rows else 0

    doc = ingest([f"## Reset\n\nPress and hold the {word} button for 5 seconds to reset the unit.",
                  f"## Clean\n\nWipe the {word} panel with a damp towel every day."])
    check(count() == 2, f"{word}: {count()} chunks counted, 2 hold it")
    body = expect_ok_json(h.post_json("/chat/production",
                                      {"message": f"how long do I hold the {word} button to reset the unit"},
                                      key=h.chat_key, source=h.source()))
    cited = [c.get("title", "") + " " + c.get("section", "") for c in body.get("citations", [])]
    check(any(word in c.lower() for c in cited) or word in body.get("response", "").lower(),
          f"the rare word's manual was not found: {cited}")
    doc = ingest([f"## Reset\n\nHold the {word} button for 5 seconds."])   # replaces it
    check(count() == 1, f"after re-ingest with one section: {count()} chunks counted")
    r = h.request("DELETE", f"/documents/{doc}", key=h.admin_key, source=h.source())
    check(r.status in (200, 204), f"delete: HTTP {r.status} {r.text[:200]}")
    check(count() == 0, f"after delete: {count()} chunks still counted")
    drift = int(h.sql(LEXEME_DRIFT)[0][0])
    check(drift == 0, f"chunk_lexemes differs from chunks in {drift} rows")


# ------------------------------------------------------------ migrations
def _schema_fingerprint(h):
    rows = h.sql("""SELECT string_agg(x, ',' ORDER BY x) FROM (
        SELECT table_name || '.' || column_name || ':' || data_type AS x
          FROM information_schema.columns WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
        UNION ALL SELECT indexname FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog')) s""")
    return rows[0][0] if rows else ""


def _migrations_table(h):
    rows = h.sql("""SELECT table_schema || '.' || table_name FROM information_schema.tables
                     WHERE table_name ILIKE '%migration%' AND table_schema NOT IN ('pg_catalog', 'information_schema')""")
    check(rows, "no migrations table (a table whose name contains 'migration')")
    return rows[0][0]


def test_migrate_twice(h):
    table = _migrations_table(h)
    before_n = h.sql(f"SELECT count(*) FROM {table}")[0][0]
    before = _schema_fingerprint(h)
    check(int(before_n) >= 1, f"{table} is empty after start")
    for attempt in (1, 2):
        p = h.cli("migrate")
        check(p.returncode == 0, f"migrate #{attempt} exited {p.returncode}: {p.stderr.strip()} {p.stdout.strip()}")
    after_n = h.sql(f"SELECT count(*) FROM {table}")[0][0]
    check(after_n == before_n, f"{table}: {before_n} rows before, {after_n} after")
    check(_schema_fingerprint(h) == before, "the schema changed on a second migrate")


# ------------------------------------------------------------ faults (last)
def _health(h, src):
    try:
        r = h.get("/health", source=src, timeout=10)
        return r.status, (r.json() if r.header("Content-Type", "").startswith("application/json") else {})
    except (OSError, http.client.HTTPException) as exc:
        return 0, {"error": str(exc)}


@last
def test_postgres_restart(h):
    src = h.source()
    pool = h.pool_pid()
    check(pool, "pool not running")
    status, body = _health(h, src)
    check(status == 200, f"not healthy before the test: {status} {body}")
    h.pg_stop()
    try:
        def unhealthy():
            s, b = _health(h, src)
            return (s, b) if s == 503 else None
        s, b = wait_until(unhealthy, 15, 0.25, "/health 503 with PostgreSQL down")
        check(b.get("status") == "unhealthy", f"503 body status {b.get('status')!r}: {b}")
        # a keyed route needs the database for the key: 503 JSON, not a hang
        expect_error(h.get("/metrics", key=h.admin_key, source=src), 503)
    finally:
        h.pg_start()
    wait_until(lambda: _health(h, src)[0] == 200, 15, 0.25, "/health 200 after PostgreSQL restart")
    check(h.pool_pid() == pool, "the pool was restarted")
    expect_ok_json(h.get("/metrics", key=h.admin_key, source=src))


@last
def test_worker_sigkill_replaced(h):
    pool = h.pool_pid()
    check(pool, "pool not running")
    before = wait_until(lambda: h.worker_pids() if len(h.worker_pids()) >= 2 else None, 10,
                        what="at least two workers")
    key, _ = h.new_key("admin")
    src = h.source()
    results = []
    stop = threading.Event()

    def traffic():
        while not stop.is_set():
            try:
                r = h.get("/metrics", key=key, source=src, timeout=15)
                results.append(r)
            except Exception as exc:
                results.append(exc)
            time.sleep(0.06)     # ~15 r/s: under the rate limit
    t = threading.Thread(target=traffic, daemon=True)
    t.start()
    killed = []
    try:
        time.sleep(0.5)
        for victim in before[:2]:
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)
            time.sleep(1.0)

        def replaced():
            now = h.worker_pids()
            return now if len(now) >= len(before) and not set(killed) & set(now) else None
        now = wait_until(replaced, 15, 0.2, "killed workers to be replaced")
        time.sleep(1.0)
    finally:
        stop.set()
        t.join(20)
    check(h.pool_pid() == pool, "the pool master changed")
    bad = [r for r in results if not (hasattr(r, "status") and r.status == 200)]
    print(f"# sigkill: {len(results)} requests, workers {before} -> {now}, {len(bad)} failed")
    check(len(results) >= 20, f"only {len(results)} requests during the test")
    # A request in the hands of a worker at the moment it is killed may fail
    # (nginx answers 502 JSON); nothing else may.
    check(len(bad) <= len(killed), f"{len(bad)} of {len(results)} failed: {bad[:5]}")
    for r in bad:
        check(hasattr(r, "status"), f"transport error: {r}")
        expect_error(r, 502)
    tail = results[-5:]
    check(all(getattr(r, "status", 0) == 200 for r in tail), f"requests after replacement failed: {tail}")
    check(set(now) - set(before), f"no new worker pids: before {before}, now {now}")


def _pool_log_requests(h):
    """request_id -> status of every request the pool logged as answered."""
    done = {}
    try:
        with open(h.path("log", "linelead.log"), errors="replace") as f:
            for line in f:
                try:
                    rec = json.loads(line)
                except ValueError:
                    continue
                if rec.get("request_id") and "status" in rec:
                    done[rec["request_id"]] = rec["status"]
    except OSError:
        pass
    return done


@last
def test_sigterm_drains(h):
    """SIGTERM to the pool under traffic: every request a worker took is
    answered completely (a whole JSON body, the status the pool logged);
    requests that arrive after the pool stopped get nginx's 502 JSON; nginx
    never sees a response cut off.  The pool exits; the stack restarts it."""
    pool = h.pool_pid()
    check(pool, "pool not running")
    key, _ = h.new_key("chat")
    question = ("The Taylor clamshell grill shows E01 and the upper platen is not heating "
                "properly during the lunch rush; what do I check first, step by step, and "
                "when do I call for service? " * 8)[:1900]
    results = []
    lock = threading.Lock()
    stop = threading.Event()

    def client():
        src = h.source()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                r = h.post_json("/chat/production", {"message": question}, key=key, source=src, timeout=30)
            except Exception as exc:
                r = exc
            with lock:
                results.append(r)
            if stop.is_set() and (not hasattr(r, "status") or r.status == 502):
                break      # the pool is gone: done
            time.sleep(0.05)
    err_log = h.path("nginx", "error.log")
    log_size = os.path.getsize(err_log) if os.path.exists(err_log) else 0
    threads = [threading.Thread(target=client, daemon=True) for _ in range(4)]
    for t in threads:
        t.start()
    time.sleep(0.6)
    os.kill(pool, signal.SIGTERM)
    stop.set()
    for t in threads:
        t.join(40)
    try:
        wait_until(lambda: h.pool_pid() is None, 30, 0.1, "the pool to exit after SIGTERM")
        logged = _pool_log_requests(h)
        check(all(hasattr(r, "status") for r in results),
              f"transport errors: {[r for r in results if not hasattr(r, 'status')][:3]}")
        # 429: nginx's per-key limit refused it before the pool saw it.
        limited = [r for r in results if r.status == 429]
        answered = [r for r in results if r.status not in (502, 429)]
        refused = [r for r in results if r.status == 502]
        for r in limited:
            expect_error(r, 429)
        print(f"# sigterm: {len(answered)} answered ({sum(r.status == 200 for r in answered)} x 200), "
              f"{len(refused)} refused after the shutdown (502)")
        check(answered, "no request was answered before the shutdown")
        check(refused, "no request arrived after the shutdown (the test proves nothing)")
        for r in answered:
            rid = r.header("X-Request-ID")
            r.json()        # a whole JSON body
            check(logged.get(rid) == r.status,
                  f"HTTP {r.status} (request {rid}) but the pool logged {logged.get(rid)!r}")
            if r.status == 200:
                check("response" in r.json(), f"incomplete answer: {r.text[:200]}")
        for r in refused:
            expect_error(r, 502)
            rid = r.header("X-Request-ID")
            check(rid not in logged, f"request {rid} was taken by a worker yet answered 502")
        # the workers wrote the request_log rows they still kept before exiting
        ids = [r.header("X-Request-ID") for r in answered]
        in_db = _request_log_counts(h, ids)
        missing = [i for i in ids if in_db.get(i) != 1]
        check(not missing, f"{len(missing)} answered requests not in request_log once: {missing[:3]}")
        with open(err_log, errors="replace") as f:
            f.seek(log_size)
            cut = [l for l in f if "prematurely closed" in l]
        check(not cut, f"nginx saw a response cut off: {cut[:2]}")
    finally:
        # leave a running stack for whatever runs after
        h.stack("start")
    expect_ok_json(h.get("/health", source=h.source()))
