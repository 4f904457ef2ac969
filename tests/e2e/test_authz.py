"""Authorisation matrix (issue 5): every route x {no key, wrong key, revoked
key, chat key, admin key}, each key sent as `Authorization: Bearer` and as
`X-API-Key`.

DESIGN.md: /health and /info are public; /metrics and /documents need the
admin scope; chat, conversations and feedback need the chat scope, and an
admin key may use them too.  Missing, wrong or revoked key -> 401 JSON;
a valid key of too small a scope -> 403 JSON; allowed -> anything but
401/403 and never a 5xx (the route's own answer: 200, 201, 404, 422 ...)."""

import json
import random

from harness import Fail, check

PUBLIC, CHAT, ADMIN = "public", "chat", "admin"


def routes(conv_id):
    """(method, path, scope, JSON body or None)"""
    return [
        ("GET", "/health", PUBLIC, None),
        ("GET", "/info", PUBLIC, None),
        ("GET", "/metrics", ADMIN, None),
        ("GET", "/metrics?format=prometheus", ADMIN, None),
        ("GET", "/metrics?window=24h", ADMIN, None),
        ("POST", "/chat/production", CHAT, {"message": "how hot should the fryer oil be",
                                            "conversation_id": conv_id}),
        ("POST", "/chat/stream", CHAT, {"message": "how do I close the store", "conversation_id": conv_id}),
        ("POST", "/chat/classify", CHAT, {"message": "grill shows E03"}),
        ("GET", f"/conversations/{conv_id}", CHAT, None),
        ("DELETE", "/conversations/authz-no-such-conversation", CHAT, None),
        ("POST", "/feedback", CHAT, {"request_id": "0" * 32, "rating": "up"}),
        ("GET", "/documents", ADMIN, None),
        ("POST", "/documents", ADMIN, None),     # body filled in per request
        ("DELETE", "/documents/999999999", ADMIN, None),
    ]


def _key_id(h, name):
    p = h.cli("apikey", "list")
    check(p.returncode == 0, f"apikey list failed: {p.stderr.strip()}")
    for line in p.stdout.splitlines():
        if name in line:
            for tok in line.replace("\t", " ").replace("|", " ").split():
                if tok.isdigit():
                    return tok
    raise Fail(f"key {name} not found in `apikey list`:\n{p.stdout}")


def _expect(r, statuses, what):
    if r.status not in statuses:
        return f"{what}: HTTP {r.status}, expected {sorted(statuses)}: {r.text[:160]!r}"
    return None


def _error_ok(r, what):
    ctype = r.header("Content-Type", "")
    if not ctype.startswith("application/json"):
        return f"{what}: HTTP {r.status} with Content-Type {ctype!r}"
    try:
        err = json.loads(r.body).get("error")
    except (ValueError, AttributeError):
        return f"{what}: HTTP {r.status}: body is not a JSON object"
    if not isinstance(err, dict) or err.get("request_id") != r.header("X-Request-ID"):
        return f"{what}: HTTP {r.status}: error shape or request_id wrong: {r.text[:160]!r}"
    return None


def test_authz_matrix(h):
    chat_key, _ = h.new_key("chat")
    admin_key, _ = h.new_key("admin")
    revoked_key, revoked_name = h.new_key("admin")
    p = h.cli("apikey", "revoke", _key_id(h, revoked_name))
    check(p.returncode == 0, f"apikey revoke failed: {p.stderr.strip()}")
    wrong_key = "ll_" + "%032x" % random.randrange(1 << 128)
    # A conversation the chat key can read (made with the chat key itself).
    conv_id = f"authz-{random.randrange(1 << 30):x}"
    keys = [("no key", None), ("wrong key", wrong_key), ("revoked key", revoked_key),
            ("chat key", chat_key), ("admin key", admin_key)]
    failures = []
    cells = 0
    doc_n = 0
    for method, path, scope, body in routes(conv_id):
        for kname, key in keys:
            for key_header in ("bearer", "x-api-key"):
                if key is None and key_header == "x-api-key":
                    continue
                what = f"{method} {path} with {kname}" + (" (X-API-Key)" if key_header != "bearer" else "")
                payload = body
                if method == "POST" and path == "/documents":
                    doc_n += 1
                    payload = {"title": f"Authz test {doc_n}", "category": "equipment",
                               "content": "# Authz\n\nA short test manual.", "source": f"authz-test-{conv_id}-{doc_n}"}
                headers = {"Content-Type": "application/json"} if payload is not None else {}
                data = json.dumps(payload) if payload is not None else None
                r = h.request(method, path, body=data, headers=headers, key=key, key_header=key_header,
                              source=h.source())
                cells += 1
                if scope == PUBLIC:
                    why = _expect(r, {200}, what)
                elif key is None or kname in ("wrong key", "revoked key"):
                    why = _expect(r, {401}, what) or _error_ok(r, what)
                elif scope == ADMIN and kname == "chat key":
                    why = _expect(r, {403}, what) or _error_ok(r, what)
                else:
                    # allowed: the route's own answer, never an auth refusal
                    # and never a server error
                    if r.status in (401, 403) or r.status >= 500:
                        why = f"{what}: HTTP {r.status} (allowed): {r.text[:160]!r}"
                    else:
                        why = None
                if why:
                    failures.append(why)
    # Clean up what the allowed requests made.
    h.sql(f"DELETE FROM documents WHERE source_key LIKE 'authz-test-{conv_id}-%'")
    h.sql(f"DELETE FROM conversations WHERE split_part(id, ':', 2) = '{conv_id}'")
    print(f"# authz: {cells} cells ({len(routes(conv_id))} routes x 5 keys, both key headers), "
          f"{len(failures)} failed")
    if failures:
        raise Fail(f"{len(failures)} of {cells} cells failed:\n  " + "\n  ".join(failures[:30]))
