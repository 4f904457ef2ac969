"""What the edge and the logs keep (issue 14, part A):

- pg_log_keeps_no_chat_text: a statement PostgreSQL logs for its duration
  does not carry the crew's message into postgresql.log (item 2).
- failed_stream_counts_as_failed: a stream whose store fails is recorded
  with the error's status in request_log, /metrics and the pool's log (10).
- every_nginx_error_is_json: each status nginx makes itself is JSON (11).
- upstream_errors_are_json_whatever_the_body: with the pool down, a 2 MiB
  upload gets the JSON 502 too, not an HTML 413 (11); the pool, started
  again, counts those 502s nginx made in /metrics (10).
"""

import http.client
import json
import os
import re
import signal
import socket
import time
import uuid

import faults
import harness
from harness import check, expect_ok_json, wait_until


def _read_from(path, offset):
    with open(path, "rb") as f:
        f.seek(offset)
        return f.read().decode("utf-8", "replace")


def test_pg_log_keeps_no_chat_text(h):
    """Every statement is made "slow" (log_min_duration_statement = 0, the
    honest way to get the INSERT of a message logged for its duration); the
    log then holds the statements, never the message that was bound to them."""
    log = h.path("pg", "postgresql.log")
    marker = f"crewsecret{uuid.uuid4().hex[:12]}"
    start = os.path.getsize(log)
    h.sql("ALTER SYSTEM SET log_min_duration_statement = 0")
    h.sql("SELECT pg_reload_conf()")
    try:
        time.sleep(0.5)      # the backends take the reload before their next statement
        r = h.post_json("/chat/production", {"message": f"Jamie {marker} burned a hand on the fryer"},
                        key=h.chat_key, source=h.source())
        expect_ok_json(r)
        wait_until(lambda: "INSERT INTO messages" in _read_from(log, start), 10, 0.2,
                   "the message INSERT to be logged for its duration")
    finally:
        h.sql("ALTER SYSTEM RESET log_min_duration_statement")
        h.sql("SELECT pg_reload_conf()")
    text = _read_from(log, start)
    check("duration:" in text, "no statement was logged for its duration: the test proves nothing")
    leaked = [line for line in text.splitlines() if marker in line]
    check(not leaked, f"postgresql.log holds the crew's message: {leaked[:1]}")


# ------------------------------------------------------------ failures counted
def _metrics(h):
    return expect_ok_json(h.get("/metrics", key=h.admin_key, source=h.source()))


def _app_log_status(h, request_id):
    """The status of the pool's access-log line ("request") for request_id."""
    for line in h.log_tail("log/linelead.log", 400).splitlines():
        if f'"request_id":"{request_id}"' in line and '"event":"request"' in line:
            return json.loads(line).get("status")
    return None


def test_failed_stream_counts_as_failed(h):
    """A streamed answer whose store fails after its 200 went out: the
    stream ends with an error event, and request_log, /metrics and the
    pool's access log record the error's status, not 200.  The store is made
    to fail for real: a trigger refuses this test's message."""
    marker = f"storefail{uuid.uuid4().hex[:10]}"
    h.sql(f"""CREATE FUNCTION e2e_refuse_{marker}() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN RAISE EXCEPTION 'e2e: refused'; END $$;
              CREATE TRIGGER e2e_refuse_{marker} BEFORE INSERT ON messages FOR EACH ROW
              WHEN (NEW.content LIKE '%{marker}%') EXECUTE FUNCTION e2e_refuse_{marker}()""")
    try:
        before = _metrics(h)["by_status"]
        r = h.post_json("/chat/stream", {"message": f"how do I clean the grill {marker}"},
                        key=h.chat_key, source=h.source())
    finally:
        h.sql(f"DROP TRIGGER e2e_refuse_{marker} ON messages; DROP FUNCTION e2e_refuse_{marker}()")
    check(r.status == 200 and r.header("Content-Type", "").startswith("text/event-stream"),
          f"the stream did not start: HTTP {r.status} {r.body[:200]!r}")
    events = [block.split("\n", 1) for block in r.text.strip().split("\n\n")]
    names = [e[0].removeprefix("event: ") for e in events]
    check(names[-1] == "error" and "done" not in names, f"the stream's events: {names}")
    err = json.loads(events[-1][1].removeprefix("data: "))["error"]
    rid = r.header("X-Request-ID")
    check(err.get("request_id") == rid, f"error event {err} is not request {rid}")
    rows = wait_until(lambda: h.sql(f"SELECT status FROM request_log WHERE request_id = '{rid}'"),
                      10, 0.2, "the request_log row of the failed stream")
    status = int(rows[0][0])
    check(status >= 500, f"request_log records the failed stream as {status}")
    logged = wait_until(lambda: _app_log_status(h, rid), 5, 0.2, "the pool's access log line")
    check(logged == status, f"the pool's access log says {logged}, request_log {status}")
    after = _metrics(h)["by_status"]
    grew = after.get(str(status), 0) - before.get(str(status), 0)
    check(grew >= 1, f"/metrics by_status[{status}] did not grow: {before} -> {after}")


# ------------------------------------------------------------ one error shape
def _raw_plain(h, data, timeout=10):
    """Plain-text HTTP bytes to the HTTPS port (no TLS)."""
    sock = socket.create_connection(("127.0.0.1", h.https_port), timeout=timeout)
    try:
        sock.sendall(data)
        r = http.client.HTTPResponse(sock)
        r.begin()
        return harness.Response(r.status, r.reason, r.getheaders(), r.read(), 0)
    finally:
        sock.close()


def _error_cases(h):
    """(what, status, callable) for every error nginx answers by itself."""
    host = b"Host: 127.0.0.1\r\n"
    far = "Thu, 01 Jan 1970 00:00:01 GMT"
    return [
        ("bad request line", 400, lambda: h.raw(b"G@T /health HTTP/1.1\r\n" + host + b"\r\n")),
        ("header too large (494)", 400, lambda: h.raw(b"GET /health HTTP/1.1\r\n" + host +
                                                       b"X-Big: " + b"a" * 20000 + b"\r\n\r\n")),
        ("plain HTTP to the HTTPS port (497)", 400,
         lambda: _raw_plain(h, b"GET /health HTTP/1.1\r\n" + host + b"\r\n")),
        ("static directory without index", 403, lambda: h.get("/css/")),
        ("static file missing", 404, lambda: h.get("/no-such-page.html")),
        ("POST to a static file", 405, lambda: h.request("POST", "/index.html", body="x")),
        ("If-Unmodified-Since in the past", 412,
         lambda: h.get("/index.html", headers={"If-Unmodified-Since": far})),
        ("declared body over the limit", 413, lambda: h.raw(
            b"POST /chat/production HTTP/1.1\r\n" + host +
            b"Content-Type: application/json\r\nContent-Length: 50000000\r\n\r\n")),
        ("URI too long", 414, lambda: h.raw(b"GET /" + b"a" * 10000 + b" HTTP/1.1\r\n" + host + b"\r\n")),
        ("range past the end", 416, lambda: h.get("/index.html", headers={"Range": "bytes=99999999-"})),
        ("unknown host", 421, lambda: h.get("/health", host="unknown.example")),
        ("unknown Transfer-Encoding", 501, lambda: h.raw(
            b"POST /chat/production HTTP/1.1\r\n" + host +
            b"Content-Type: application/json\r\nTransfer-Encoding: gzip\r\n\r\n")),
        ("HTTP version 9.9", 505, lambda: h.raw(b"GET /health HTTP/9.9\r\n" + host + b"\r\n")),
    ]


def test_every_nginx_error_is_json(h):
    """Each status nginx produces itself, through the real nginx: the JSON
    error shape (code, message, request_id = X-Request-ID), never an HTML page."""
    bad = []
    for what, status, send in _error_cases(h):
        try:
            r = send()
        except Exception as exc:
            bad.append(f"{what}: no response ({exc})")
            continue
        why = faults.error_shape(r.status, r.header_list, r.body)
        if r.status != status or why:
            bad.append(f"{what}: HTTP {r.status} (expected {status}) {why or ''} {r.body[:80]!r}")
    check(not bad, "nginx errors not in the JSON shape:\n  " + "\n  ".join(bad))


# ------------------------------------------------------------ the pool down
def _edge_stack():
    """A stack of our own whose pool this module stops (no manuals loaded)."""
    return faults.private_stack("edge", rate_limit=0, rate_burst=0, workers=2,
                                env={"LINELEAD_STACK_INGEST": "0"})


def _stop_pool(h):
    pool = h.pool_pid()
    if pool:
        os.kill(pool, signal.SIGTERM)
        wait_until(lambda: h.pool_pid() is None and not faults.pool_processes(h), 30, 0.1,
                   "the pool to stop")


def test_upstream_errors_are_json_whatever_the_body(h0):
    """With the pool down, nginx's 502 is the JSON error for every request -
    an upload over the server's 1 MiB body limit too (its error page used to
    inherit that limit and became an HTML 413)."""
    faults.extend_alarm(120)
    h = _edge_stack()
    _stop_pool(h)
    try:
        big = b"# Big manual\n\n" + b"Clean the grill every night.\n" * (2 * 1024 * 1024 // 29)
        cases = [
            ("a chat question", lambda: h.post_json("/chat/production", {"message": "grill E03?"},
                                                    key=h.chat_key)),
            ("a 2 MiB upload", lambda: h.request("POST", "/documents?title=Big&category=equipment",
                                                 body=big, key=h.admin_key,
                                                 headers={"Content-Type": "text/markdown"})),
            ("/health", lambda: h.get("/health")),
        ]
        bad = []
        for what, send in cases:
            r = send()
            why = faults.error_shape(r.status, r.header_list, r.body)
            if r.status != 502 or why:
                bad.append(f"{what}: HTTP {r.status} {why or ''} {r.body[:80]!r}")
        check(not bad, "with the pool down:\n  " + "\n  ".join(bad))
    finally:
        h.stack("start")
    # Those 502s never reached a worker; the pool counts them from nginx's
    # errors log (nginx_errors_log), in both /metrics formats.
    def prometheus():
        r = h.get("/metrics?format=prometheus", key=h.admin_key)
        check(r.status == 200, f"/metrics?format=prometheus: HTTP {r.status}")
        m = re.search(r'^linelead_nginx_errors_total\{status="502"\} (\d+)$', r.text, re.M)
        return int(m.group(1)) if m and int(m.group(1)) >= len(cases) else None
    n = wait_until(prometheus, 10, 0.3, f"linelead_nginx_errors_total{{status=\"502\"}} >= {len(cases)}")
    nginx = expect_ok_json(h.get("/metrics", key=h.admin_key))["nginx"]
    check(nginx["errors_by_status"].get("502") == n and nginx["server_errors"] >= n,
          f"/metrics nginx: {nginx}, Prometheus says {n} 502s")
