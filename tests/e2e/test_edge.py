"""What the edge and the logs keep (issue 14, part A):

- pg_log_keeps_no_chat_text: a statement PostgreSQL logs for its duration
  does not carry the crew's message into postgresql.log (item 2).
"""

import http.client
import os
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
