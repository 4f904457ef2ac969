"""Input the app refuses and the status each failure gets (issue 14, items 3,
8, 9 and 12), through nginx.

- Query values: NUL, control characters, bad %-escapes and bytes that are not
  UTF-8 are a 400 JSON, for every route; ?title=a%00b never replaces "a".
- Documents: at most 5000 sections / 10000 chunks (413); ids are plain digits.
- JSON bodies: a key named twice in one object is a 400; `context` is bounded
  (size, and numbers like 1e999999).
- SQLSTATE classes: 22 -> 422, 23 -> 409 (404 for an append racing a delete),
  503 + Retry-After only for connection, resource and shutdown trouble.
- CORS preflights are under the rate limit.
"""

import json
import uuid

from harness import check, expect_error, expect_ok_json


def _upload_raw(h, query, text=b"# Title\n\nSome words about the fryer.\n", **kw):
    return h.request("POST", f"/documents?{query}", body=text,
                     headers={"Content-Type": "text/markdown"}, key=h.admin_key, source=h.source(), **kw)


def test_query_values_checked(h):
    title = f"qv{uuid.uuid4().hex[:6]}"
    expect_ok_json(_upload_raw(h, f"title={title}&category=safety"), 201)
    before = h.sql(f"SELECT id, content_hash FROM documents WHERE title = '{title}'")
    for bad in ("%00", "%01", "%1F", "%7F", "%FF", "%C0%AF", "%ED%A0%80", "%zz", "%4"):
        r = _upload_raw(h, f"title={title}{bad}x&category=safety",
                        text=b"# Other\n\nEntirely different words about ice.\n")
        expect_error(r, 400, "invalid_request")
    after = h.sql(f"SELECT id, content_hash FROM documents WHERE title = '{title}'")
    check(after == before, f"a refused upload changed the document titled {title!r}: {before} -> {after}")
    # every route, not only uploads
    expect_error(h.get("/metrics?window=24h%00", key=h.admin_key, source=h.source()), 400)
    expect_error(h.get("/conversations/abc?limit=5%00", key=h.chat_key, source=h.source()), 400)
    # UTF-8 that is text is fine
    ok = _upload_raw(h, f"title={title}-caf%C3%A9&category=safety")
    check(ok.status == 201, f"a UTF-8 title: HTTP {ok.status} {ok.text[:200]}")
    h.sql(f"DELETE FROM documents WHERE title LIKE '{title}%'")


def test_document_sections_capped(h):
    text = "".join(f"## Heading {i}\n\nword{i}\n\n" for i in range(6000)).encode()
    r = _upload_raw(h, "title=many-headings&category=training", text=text, timeout=60)
    err = expect_error(r, 413, "payload_too_large")
    check("sections" in err["message"], f"the 413 does not say why: {err}")
    rows = h.sql("SELECT count(*) FROM documents WHERE title = 'many-headings'")
    check(rows[0][0] == "0", "the capped document was stored")


def test_document_ids_plain_digits(h):
    title = f"ids{uuid.uuid4().hex[:6]}"
    doc = expect_ok_json(_upload_raw(h, f"title={title}&category=operations"), 201)
    did = doc["id"]
    for path in (f"+{did}", f"%2B{did}", f"0{did}", f"{did}.0", f"%20{did}", f"-{did}"):
        r = h.request("DELETE", f"/documents/{path}", key=h.admin_key, source=h.source())
        check(r.status in (400, 404), f"DELETE /documents/{path}: HTTP {r.status} {r.text[:160]}")
        rows = h.sql(f"SELECT count(*) FROM documents WHERE id = {did}")
        check(rows[0][0] == "1", f"DELETE /documents/{path} deleted document {did}")
    expect_ok_json(h.request("DELETE", f"/documents/{did}", key=h.admin_key, source=h.source()))


def test_duplicate_json_keys_refused(h):
    for body in ('{"message": "how do I clean the grill", "message": "ignore that"}',
                 '{"message": "grill", "context": {"store": 1, "store": 2}}',
                 '{"message": "grill", "\\u006dessage": "x"}'):
        err = expect_error(h.post_json("/chat/production", body, key=h.chat_key, source=h.source()), 400)
        check("twice" in err["message"], f"{body}: {err}")
    # a colon inside a string is not a key
    ok = h.post_json("/chat/production", {"message": "temps: fryer: 350?"}, key=h.chat_key, source=h.source())
    check(ok.status == 200, f"colons in a string: HTTP {ok.status} {ok.text[:200]}")


def test_context_bounded(h):
    for body in ('{"message": "grill", "context": {"x": 1e999999}}',
                 '{"message": "grill", "context": {"x": [-1e400]}}',
                 json.dumps({"message": "grill", "context": {"pad": "x" * 5000}})):
        err = expect_error(h.post_json("/chat/production", body, key=h.chat_key, source=h.source()), 422)
        check(any(f.get("field") == "context" for f in err.get("fields", [])), f"{body[:60]}: {err}")
    ok = h.post_json("/chat/production", {"message": "grill", "context": {"store": 12, "shift": "close"}},
                     key=h.chat_key, source=h.source())
    check(ok.status == 200, f"a small context: HTTP {ok.status} {ok.text[:200]}")


_RAISE = """
CREATE OR REPLACE FUNCTION e2e_raise_sqlstate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'e2e fault %', NEW.comment USING ERRCODE = substr(NEW.comment, 10, 5);
END $$;
DROP TRIGGER IF EXISTS e2e_raise_sqlstate ON feedback;
CREATE TRIGGER e2e_raise_sqlstate BEFORE INSERT OR UPDATE ON feedback FOR EACH ROW
    WHEN (NEW.comment LIKE 'sqlstate:%') EXECUTE FUNCTION e2e_raise_sqlstate();
CREATE OR REPLACE FUNCTION e2e_fk_race() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'e2e: the conversation went away' USING ERRCODE = '23503';
END $$;
DROP TRIGGER IF EXISTS e2e_fk_race ON messages;
CREATE TRIGGER e2e_fk_race BEFORE INSERT ON messages FOR EACH ROW
    WHEN (NEW.content = 'e2e append racing a delete') EXECUTE FUNCTION e2e_fk_race();
"""
_UNRAISE = """
DROP TRIGGER IF EXISTS e2e_raise_sqlstate ON feedback;
DROP TRIGGER IF EXISTS e2e_fk_race ON messages;
DROP FUNCTION IF EXISTS e2e_raise_sqlstate();
DROP FUNCTION IF EXISTS e2e_fk_race();
"""


def test_sqlstate_classes(h):
    """A trigger raises a chosen SQLSTATE inside the app's own statement."""
    answer = expect_ok_json(h.post_json("/chat/production", {"message": "how do I clean the fryer"},
                                        key=h.chat_key, source=h.source()))
    h.sql(_RAISE)
    try:
        cases = [("22023", 422, False), ("22P02", 422, False), ("23505", 409, False),
                 ("23514", 409, False), ("53300", 503, True), ("40001", 503, True),
                 ("42P01", 500, False), ("XX000", 500, False)]
        for state, status, retry in cases:
            r = h.post_json("/feedback", {"request_id": answer["request_id"], "rating": "up",
                                          "comment": f"sqlstate:{state}"}, key=h.chat_key, source=h.source())
            expect_error(r, status)
            has_retry = r.header("Retry-After") is not None
            check(has_retry == retry, f"SQLSTATE {state}: Retry-After {r.header('Retry-After')!r}")
        r = h.post_json("/chat/production", {"message": "e2e append racing a delete"},
                        key=h.chat_key, source=h.source())
        expect_error(r, 404)
    finally:
        h.sql(_UNRAISE)
    # and the app is fine afterwards
    expect_ok_json(h.post_json("/feedback", {"request_id": answer["request_id"], "rating": "up"},
                               key=h.chat_key, source=h.source()), 201)


def test_preflights_rate_limited(h):
    """The harness's limit is 20 r/s per address with a burst of 40."""
    src = h.source()
    conn = h.session(source=src)
    statuses, allow = [], None
    try:
        for _ in range(100):
            conn.request("OPTIONS", "/chat/production", headers={
                "Origin": h.origin, "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, content-type, idempotency-key"})
            r = conn.getresponse()
            r.read()
            statuses.append(r.status)
            if r.status == 204 and allow is None:
                allow = r.getheader("Access-Control-Allow-Headers") or ""
    finally:
        conn.close()
    check(statuses[0] == 204, f"the first preflight: HTTP {statuses[0]}")
    check(429 in statuses, f"100 preflights at once were never limited: {sorted(set(statuses))}")
    check("Idempotency-Key" in allow, f"preflight Allow-Headers lacks Idempotency-Key: {allow!r}")
