"""Hostile input (issue 5): a table of malformed, oversized, injected and
slow requests.  Each gets the right 4xx as a JSON error with X-Request-ID
(from nginx or from the app) and leaves the database unchanged; the pool
stays healthy throughout.  Requests whose framing http.client would refuse
to send go over a raw TLS socket."""

import http.client
import io
import json
import re
import socket
import threading
import time

import faults
from harness import Fail, check, expect_ok_json

TABLES = ("messages", "conversations", "documents", "chunks", "feedback", "api_keys")
CHAT = "/chat/production"


# ------------------------------------------------------------ raw requests
class RawResponse:
    def __init__(self, status, headers, body):
        self.status = status
        self.header_list = headers
        self.body = body

    def header(self, name, default=None):
        for k, v in self.header_list:
            if k.lower() == name.lower():
                return v
        return default

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


def raw(h, data, timeout=15, source=None):
    """Send bytes as they are over TLS; the parsed response, or None when the
    server closed the connection without one."""
    sock = socket.create_connection(("127.0.0.1", h.https_port), timeout=timeout,
                                    source_address=(source, 0) if source else None)
    tls = h.tls.wrap_socket(sock, server_hostname="127.0.0.1")
    try:
        tls.sendall(data)
        resp = http.client.HTTPResponse(tls, method="POST" if data.startswith(b"POST") else None)
        try:
            resp.begin()
        except (http.client.RemoteDisconnected, ConnectionError):
            return None
        line = data.split(b"\r\n", 1)[0].decode("latin-1").split(" ")
        return h.conform(line[0], line[1] if len(line) > 1 else "",
                         RawResponse(resp.status, resp.getheaders(), resp.read()))
    finally:
        tls.close()


class _Replay:
    """A socket that holds one response already read (for http.client)."""
    def __init__(self, data):
        self.data = data

    def makefile(self, *args, **kw):
        return io.BytesIO(self.data)


def parse_response(data):
    resp = http.client.HTTPResponse(_Replay(data))
    resp.begin()
    return RawResponse(resp.status, resp.getheaders(), resp.read())


def send_and_close(h, data, source=None):
    """Send bytes, then close the connection at once (no response read)."""
    sock = socket.create_connection(("127.0.0.1", h.https_port), timeout=10,
                                    source_address=(source, 0) if source else None)
    tls = h.tls.wrap_socket(sock, server_hostname="127.0.0.1")
    try:
        tls.sendall(data)
    finally:
        tls.close()
    return None


def req_bytes(method, path, headers, body=b"", host="127.0.0.1", version="HTTP/1.1"):
    head = f"{method} {path} {version}\r\nHost: {host}\r\nConnection: close\r\n".encode()
    for k, v in headers:
        head += (k.encode() if isinstance(k, str) else k) + b": " + (v.encode() if isinstance(v, str) else v) + b"\r\n"
    return head + b"\r\n" + body


# ------------------------------------------------------------ the table
def _nested(n):
    return ('{"message": ' + "[" * n + "]" * n + "}").encode()


def _nested_obj(n):
    return ('{"a":' * n + "1" + "}" * n).encode()


SQLI = "x'; DROP TABLE messages; --"
SQLI2 = "1' OR '1'='1"


def cases(h, key):
    """(name, expected statuses, send function) - send returns a response or
    None (no response: the server just closed the connection)."""
    auth = {"Authorization": f"Bearer {key}"}
    js = dict(auth, **{"Content-Type": "application/json"})
    A = [("Authorization", f"Bearer {key}")]
    J = A + [("Content-Type", "application/json")]

    def post(body, path=CHAT, headers=js):
        return lambda src: h.request("POST", path, body=body, headers=headers, source=src)

    def send(method, path, body=None, headers=auth):
        return lambda src: h.request(method, path, body=body, headers=headers, source=src)

    def rawsend(data):
        return lambda src: raw(h, data, source=src)

    msg = lambda **kw: json.dumps(dict({"message": "grill shows E03"}, **kw))
    return [
        # -- malformed bodies
        ("malformed JSON", {400}, post(b'{"message": "grill')),
        ("trailing garbage after JSON", {400}, post(b'{"message": "grill"} xyz')),
        ("single quotes JSON", {400}, post(b"{'message': 'grill'}")),
        ("empty body", {400, 422}, post(b"")),
        ("JSON null", {400, 422}, post(b"null")),
        ("top-level array", {400, 422}, post(b'[{"message": "grill"}]')),
        ("top-level string", {400, 422}, post(b'"grill"')),
        ("1000-deep nested arrays", {400, 422}, post(_nested(1000))),
        ("1000-deep nested objects", {400, 422}, post(_nested_obj(1000))),
        ("invalid UTF-8 in message", {400, 422}, post(b'{"message": "grill \xc3\x28 \xff\xfe"}')),
        ("overlong UTF-8 encoding", {400, 422}, post(b'{"message": "\xc0\xaf etc"}')),
        ("raw NUL byte in JSON", {400, 422}, post(b'{"message": "grill\x00 E03"}')),
        ("escaped NUL in message", {400, 422}, post(b'{"message": "grill\\u0000E03"}')),
        ("NUL in conversation_id", {400, 422}, post(b'{"message": "grill", "conversation_id": "a\\u0000b"}')),
        ("duplicate keys, second invalid", {400, 422}, post(b'{"message": "grill", "message": 5}')),
        # -- wrong types and bad values
        ("message is a number", {422}, post(msg(message=123))),
        ("message is null", {422}, post(msg(message=None))),
        ("message is an object", {422}, post(msg(message={"a": 1}))),
        ("message missing", {422}, post(json.dumps({"conversation_id": "abc"}))),
        ("message empty", {422}, post(msg(message=""))),
        ("conversation_id is a list", {422}, post(msg(conversation_id=["a"]))),
        ("priority is a number", {422}, post(msg(priority=5))),
        ("priority unknown", {422}, post(msg(priority="whenever"))),
        ("context is a string", {422}, post(msg(context="x"))),
        ("stream is a string", {422}, post(msg(stream="yes"))),
        ("agent unknown", {422}, post(msg(agent="root"))),
        # -- overlong fields
        ("message 2001 chars", {422}, post(msg(message="a" * 2001))),
        ("message 2001 multibyte chars", {422}, post(msg(message="é" * 2001))),
        ("conversation_id 101 chars", {422}, post(msg(conversation_id="c" * 101))),
        ("conversation_id with space and slash", {422}, post(msg(conversation_id="a b/../c"))),
        # -- SQL injection: rejected by validation before any query
        ("SQL injection in conversation_id", {422}, post(msg(conversation_id=SQLI))),
        ("SQL injection in message with a bad field", {422}, post(msg(message=SQLI, priority=SQLI2))),
        ("SQL injection in conversation path (GET)", {400, 404, 422},
         send("GET", "/conversations/" + "x%27%20OR%20%271%27%3D%271")),
        ("SQL injection in conversation path (DELETE)", {400, 404, 422},
         send("DELETE", "/conversations/" + "x%27%3B%20DELETE%20FROM%20messages%3B--")),
        ("SQL injection in feedback request_id", {400, 404, 422},
         post(json.dumps({"request_id": SQLI2, "rating": "up"}), path="/feedback")),
        ("feedback rating invalid", {400, 404, 422},
         post(json.dumps({"request_id": "0" * 32, "rating": "meh"}), path="/feedback")),
        ("SQL injection as the API key", {401},
         send("POST", CHAT, msg(), {"Authorization": f"Bearer {SQLI2}", "Content-Type": "application/json"})),
        ("SQL injection in X-API-Key", {401},
         send("POST", CHAT, msg(), {"X-API-Key": SQLI, "Content-Type": "application/json"})),
        ("SQL injection in documents path (admin route, chat key)", {403, 404},
         send("DELETE", "/documents/1%20OR%201%3D1")),
        # -- framing
        ("huge Content-Length", {413}, rawsend(req_bytes("POST", CHAT, J + [("Content-Length", "99999999999")], b"{}"))),
        ("negative Content-Length", {400}, rawsend(req_bytes("POST", CHAT, J + [("Content-Length", "-5")], b"{}"))),
        ("non-numeric Content-Length", {400}, rawsend(req_bytes("POST", CHAT, J + [("Content-Length", "12abc")], b"{}"))),
        ("two different Content-Lengths", {400},
         rawsend(req_bytes("POST", CHAT, J + [("Content-Length", "2"), ("Content-Length", "30")], b"{}"))),
        ("Content-Length and chunked together", {400},
         rawsend(req_bytes("POST", CHAT, J + [("Content-Length", "2"), ("Transfer-Encoding", "chunked")],
                           b"2\r\n{}\r\n0\r\n\r\n"))),
        ("Content-Length larger than the body, then close", None,
         lambda src: send_and_close(h, req_bytes("POST", CHAT, J + [("Content-Length", "500")],
                                                 b'{"message": "gri'), src)),
        ("body over the app limit", {413}, post(b'{"message": "' + b"a" * (200 * 1024) + b'"}')),
        ("body over the nginx limit", {413}, post(b'{"message": "' + b"a" * (2 * 1024 * 1024) + b'"}')),
        ("text/plain body", {415}, post(msg(), headers=dict(auth, **{"Content-Type": "text/plain"}))),
        ("no Content-Type", {415}, post(msg(), headers=auth)),
        ("form-encoded body", {415},
         post(b"message=grill", headers=dict(auth, **{"Content-Type": "application/x-www-form-urlencoded"}))),
        # -- header injection
        ("CR in a header value", {400},
         rawsend(req_bytes("POST", CHAT, J + [("X-Note", b"a\rSet-Cookie: x=1"), ("Content-Length", "2")], b"{}"))),
        ("NUL in a header value", {400},
         rawsend(req_bytes("POST", CHAT, J + [("X-Note", b"a\x00b"), ("Content-Length", "2")], b"{}"))),
        ("CRLF injected into the API key", {401},
         rawsend(req_bytes("POST", CHAT, [("Authorization", "Bearer x"), ("X-Injected", "Set-Cookie: x=1"),
                                          ("Content-Type", "application/json"), ("Content-Length", "2")], b"{}"))),
        ("header too large", {400, 431},
         send("GET", "/info", headers={"X-Big": "a" * 40000})),
        ("URI too long", {414, 400}, send("GET", "/conversations/" + "a" * 20000)),
        ("space in the request target", {400},
         rawsend(b"GET /conv ersations/x HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")),
        # -- paths and methods
        ("path traversal ../../etc/passwd", {400, 404}, send("GET", "/conversations/../../etc/passwd")),
        ("path traversal %2e%2e", {400, 404}, send("GET", "/conversations/%2e%2e/%2e%2e/etc/passwd")),
        ("path traversal %2f", {400, 404, 422}, send("GET", "/conversations/..%2f..%2fetc%2fpasswd")),
        ("path traversal on the web root", {400, 404}, send("GET", "/../../../../etc/passwd")),
        ("encoded NUL in the path", {400, 404, 422}, send("GET", "/conversations/abc%00def")),
        ("PROPFIND", {405}, send("PROPFIND", CHAT)),
        ("TRACE", {405}, send("TRACE", "/health")),
        ("PUT on chat", {405}, send("PUT", CHAT, msg(), js)),
        ("made-up method", {400, 405}, send("FROB", "/health")),
        ("lower-case method", {400, 405}, rawsend(req_bytes("get", "/health", []))),
        # -- auth in odd shapes
        ("Bearer without a key", {401}, send("POST", CHAT, msg(), {"Authorization": "Bearer", "Content-Type": "application/json"})),
        ("Basic auth", {401}, send("POST", CHAT, msg(), {"Authorization": "Basic YWRtaW46YWRtaW4=", "Content-Type": "application/json"})),
        ("a 4 KB key", {401}, send("POST", CHAT, msg(), {"X-API-Key": "k" * 4000, "Content-Type": "application/json"})),
        # over nginx's 8 KB header line: refused by nginx before any lookup
        ("a 10 KB key", {400, 401}, send("POST", CHAT, msg(), {"X-API-Key": "k" * 10000, "Content-Type": "application/json"})),
    ]


# ------------------------------------------------------------ slow clients
def _slow_client(h, data, out):
    """Send a partial request, then nothing: nginx must give up on us
    (client_header_timeout / client_body_timeout) and close."""
    t0 = time.monotonic()
    sock = socket.create_connection(("127.0.0.1", h.https_port), timeout=30, source_address=(h.source(), 0))
    tls = h.tls.wrap_socket(sock, server_hostname="127.0.0.1")
    try:
        tls.sendall(data)
        chunks = []
        while True:
            try:
                b = tls.recv(65536)
            except (OSError, ConnectionError) as exc:
                out["error"] = str(exc)
                break
            if not b:
                break
            chunks.append(b)
        out["closed_after"] = time.monotonic() - t0
        out["data"] = b"".join(chunks)
    except Exception as exc:      # reported by the test
        out["error"] = f"{exc.__class__.__name__}: {exc}"
    finally:
        tls.close()


def test_hostile_requests(h):
    faults.extend_alarm(150)
    key, _ = h.new_key("chat")
    # Slow clients first, so they hang while all the other cases run.
    slow = []
    for what, data in (
            ("headers never finished", b"POST /chat/production HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "),
            ("body never finished", req_bytes("POST", CHAT, [("Authorization", f"Bearer {key}"),
                                                            ("Content-Type", "application/json"),
                                                            ("Content-Length", "100")], b'{"message": "gr'))):
        out = {}
        t = threading.Thread(target=_slow_client, args=(h, data, out), daemon=True)
        t.start()
        slow.append((what, t, out))
    t_slow = time.monotonic()

    before = faults.table_counts(h, TABLES)
    table = [c for c in cases(h, key) if c]
    failures = []
    for name, expected, send in table:
        src = h.source()
        try:
            r = send(src)
        except Exception as exc:
            failures.append(f"{name}: {exc.__class__.__name__}: {exc}")
            continue
        if expected is None:
            if r is not None and not (400 <= r.status < 500):
                failures.append(f"{name}: HTTP {r.status}: {r.text[:150]!r}")
        elif r is None:
            failures.append(f"{name}: connection closed without a response (expected {sorted(expected)})")
        else:
            if r.status not in expected:
                failures.append(f"{name}: HTTP {r.status}, expected {sorted(expected)}: {r.text[:150]!r}")
            else:
                why = faults.error_shape(r.status, r.header_list, r.body)
                if why:
                    failures.append(f"{name}: {why}")
            if b"root:x:0" in r.body or b"Set-Cookie" in b"".join(v.encode() for _, v in r.header_list):
                failures.append(f"{name}: the response leaks or echoes the injection")
            rid = r.header("X-Request-ID") or ""
            if not re.fullmatch(r"[0-9a-f]{32}", rid):
                failures.append(f"{name}: X-Request-ID {rid!r} is not nginx's request id")
        after = faults.table_counts(h, TABLES)
        if after != before:
            changed = {t: (before[t], after[t]) for t in TABLES if before[t] != after[t]}
            failures.append(f"{name}: the database changed: {changed}")
            before = after
        # The pool is still there after every case.
        hr = h.get("/health", source=h.source(), timeout=10)
        if hr.status != 200:
            failures.append(f"{name}: /health {hr.status} afterwards")
    t_cases = time.monotonic() - t_slow

    # The slow clients: nginx closes them (15 s header/body timeouts in the
    # site), with a 408 JSON or without a word; the pool never saw them.
    for what, t, out in slow:
        t.join(max(1.0, 25 - (time.monotonic() - t_slow)))
        if t.is_alive():
            failures.append(f"slow client ({what}): nginx has not closed it after 25 s (the site sets "
                            "15 s header/body timeouts; a request's headers are read with the "
                            "default_server's settings)")
            continue
        if "error" in out and "closed_after" not in out:
            failures.append(f"slow client ({what}): {out['error']}")
            continue
        data = out.get("data", b"")
        if data.startswith(b"HTTP/"):
            try:
                h.conform("POST", CHAT, parse_response(data))
            except Fail as exc:
                failures.append(f"slow client ({what}): {exc}")
        if data and not data.startswith(b"HTTP/1.1 408"):
            failures.append(f"slow client ({what}): answered {data[:60]!r}, expected 408 or a close")
        if data.startswith(b"HTTP/1.1 408") and b'"request_timeout"' not in data:
            failures.append(f"slow client ({what}): 408 without the JSON error body")
    expect_ok_json(h.get("/health", source=h.source()))
    after = faults.table_counts(h, TABLES)
    check(after == before, f"the database changed: {before} -> {after}")
    n = len(table) + len(slow)
    print(f"# hostile: {n} cases ({len(table)} requests + {len(slow)} slow clients, "
          f"{t_cases:.0f}s while the slow clients hung), {len(failures)} failed")
    if failures:
        raise Fail(f"{len(failures)} of {n} hostile cases failed:\n  " + "\n  ".join(failures))
