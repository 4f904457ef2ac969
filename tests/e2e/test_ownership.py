"""Conversations and feedback belong to the API key that made them (issue 14,
items 1, 7 and 12), through nginx.

- A conversation is readable, deletable and rateable only with the key that
  started it; any other chat key gets 404 (never 403: no existence oracle).
- Client-chosen ids are per key: two keys both choosing "store12" never meet,
  and each still sees "store12".
- Admin keys read any conversation by its stored id "<owner>:<id>".
- GET /conversations/{id} is paginated (?limit=, ?cursor=), a conversation
  takes at most 1000 messages (409 after), ids "." and ".." are refused.
- One rating per answer (a second replaces it), deleted with the conversation.
"""

import json
import os
import uuid

from harness import Fail, check, expect_error, expect_ok_json


def _key_id(h, name):
    rows = h.sql(f"SELECT id FROM api_keys WHERE name = '{name}'")
    check(len(rows) == 1, f"key {name} not found")
    return rows[0][0]


def _ask(h, key, message, conversation=None, **kw):
    body = {"message": message}
    if conversation is not None:
        body["conversation_id"] = conversation
    return h.post_json("/chat/production", body, key=key, source=h.source(), **kw)


def test_conversations_belong_to_their_key(h):
    key_a, name_a = h.new_key("chat")
    key_b, _ = h.new_key("chat")
    key_c, _ = h.new_key("chat")
    conv = f"store12-{uuid.uuid4().hex[:6]}"
    a = expect_ok_json(_ask(h, key_a, "how hot should the fryer oil be", conv))
    b = expect_ok_json(_ask(h, key_b, "how do I close the drive-thru", conv))
    check(a["conversation_id"] == conv and b["conversation_id"] == conv,
          f"each key sees its own id: {a['conversation_id']!r}, {b['conversation_id']!r}")

    # each key reads its own conversation, and only its own messages
    for key, answer, other in ((key_a, a, b), (key_b, b, a)):
        got = expect_ok_json(h.get(f"/conversations/{conv}", key=key, source=h.source()))
        rids = {m["request_id"] for m in got["messages"]}
        check(got["conversation_id"] == conv, f"conversation_id {got['conversation_id']!r}")
        check(rids == {answer["request_id"]}, f"two keys' '{conv}' met: {rids}")
        check(other["request_id"] not in rids, "another key's exchange is visible")

    # a third key: 404 for read, delete and feedback, and nothing changes
    expect_error(h.get(f"/conversations/{conv}", key=key_c, source=h.source()), 404)
    expect_error(h.request("DELETE", f"/conversations/{conv}", key=key_c, source=h.source()), 404)
    expect_error(h.post_json("/feedback", {"request_id": a["request_id"], "rating": "down"},
                             key=key_c, source=h.source()), 404)
    # a generated id is just as private
    gen = expect_ok_json(_ask(h, key_a, "what is the hot holding temperature for chicken"))
    expect_error(h.get(f"/conversations/{gen['conversation_id']}", key=key_b, source=h.source()), 404)
    # a chat key cannot name a stored id, even its own
    owner_a = _key_id(h, name_a)
    expect_error(h.get(f"/conversations/{owner_a}:{conv}", key=key_a, source=h.source()), 404)
    # an admin key reads any conversation by its stored id
    got = expect_ok_json(h.get(f"/conversations/{owner_a}:{conv}", key=h.admin_key, source=h.source()))
    check({m["request_id"] for m in got["messages"]} == {a["request_id"]},
          f"admin read of {owner_a}:{conv}: {got}")
    # the third key's attempts changed nothing
    check(h.sql(f"SELECT count(*) FROM feedback WHERE request_id = '{a['request_id']}'")[0][0] == "0",
          "another key's feedback was stored")
    expect_ok_json(h.get(f"/conversations/{conv}", key=key_a, source=h.source()))
    # a follow-up with another key's id does not see the first key's history
    rows = h.sql(f"SELECT api_key_id, count(*) FROM conversations WHERE split_part(id, ':', 2) = '{conv}'"
                 " GROUP BY 1 ORDER BY 1")
    check(len(rows) == 2, f"expected two conversations named {conv}, one per key: {rows}")


def test_feedback_one_per_answer_deleted_with_conversation(h):
    key, _ = h.new_key("chat")
    conv = f"fb-{uuid.uuid4().hex[:8]}"
    a = expect_ok_json(_ask(h, key, "grill shows E03 and will not heat", conv))
    rid = a["request_id"]
    r = h.post_json("/feedback", {"request_id": rid, "rating": "up"}, key=key, source=h.source())
    check(r.status == 201, f"first rating: HTTP {r.status} {r.text[:200]}")
    r = h.post_json("/feedback", {"request_id": rid, "rating": "down", "comment": "wrong grill"},
                    key=key, source=h.source())
    body = expect_ok_json(r, 200)
    check(body.get("status") == "replaced", f"second rating: {body}")
    rows = h.sql(f"SELECT rating, comment FROM feedback WHERE request_id = '{rid}'")
    check(rows == [["down", "wrong grill"]], f"one rating per answer, the latest: {rows}")
    # an admin key may rate (and so replace) any answer
    expect_ok_json(h.post_json("/feedback", {"request_id": rid, "rating": "up"}, key=h.admin_key,
                               source=h.source()), 200)
    expect_ok_json(h.request("DELETE", f"/conversations/{conv}", key=key, source=h.source()))
    rows = h.sql(f"SELECT count(*) FROM feedback WHERE request_id = '{rid}'")
    check(rows[0][0] == "0", f"feedback survived its conversation: {rows}")


def _seed(h, owner, conv, n):
    """A conversation of n messages, written straight into the database, as
    the app writes them (each exchange's request_id is 32 hex digits)."""
    ref = f"{owner}:{conv}"
    h.sql(f"INSERT INTO conversations (id) VALUES ('{ref}')")
    h.sql(f"""INSERT INTO messages (conversation_id, role, content, request_id)
              SELECT '{ref}', CASE WHEN i % 2 = 0 THEN 'user' ELSE 'assistant' END,
                     'message ' || i, md5('{conv}-' || (i / 2))
                FROM generate_series(0, {n - 1}) AS i""")


def test_conversation_pages(h):
    key, name = h.new_key("chat")
    owner = _key_id(h, name)
    conv = f"pages-{uuid.uuid4().hex[:8]}"
    _seed(h, owner, conv, 120)
    first = expect_ok_json(h.get(f"/conversations/{conv}", key=key, source=h.source()))
    check(len(first["messages"]) == 50, f"default page: {len(first['messages'])} messages, expected 50")
    check(first.get("message_count") == 120, f"message_count {first.get('message_count')}")
    check(isinstance(first.get("next_cursor"), str), f"no next_cursor: {first.get('next_cursor')!r}")
    seen = [m["content"] for m in first["messages"]]
    cursor, pages = first["next_cursor"], 1
    while cursor:
        page = expect_ok_json(h.get(f"/conversations/{conv}?limit=30&cursor={cursor}", key=key,
                                    source=h.source()))
        check(len(page["messages"]) <= 30, f"limit=30 gave {len(page['messages'])}")
        seen += [m["content"] for m in page["messages"]]
        cursor = page["next_cursor"]
        pages += 1
        check(pages < 10, "the cursor never ends")
    check(seen == [f"message {i}" for i in range(120)], "pages are not the conversation in order, once each")
    whole = expect_ok_json(h.get(f"/conversations/{conv}?limit=200", key=key, source=h.source()))
    check(len(whole["messages"]) == 120 and whole["next_cursor"] is None, "limit=200: all, no next_cursor")
    other = expect_ok_json(h.get(f"/conversations/{conv}?nolimit=3&xcursor=a", key=key, source=h.source()))
    check(len(other["messages"]) == 50, "parameters that only end in limit/cursor are not limit/cursor")
    for bad in ("limit=0", "limit=201", "limit=abc", "limit=-1", "cursor=abc", "cursor=-5", "limit=",
                "limit=99999999999999999999999"):
        expect_error(h.get(f"/conversations/{conv}?{bad}", key=key, source=h.source()), 422)


def test_conversation_message_bound(h):
    key, name = h.new_key("chat")
    owner = _key_id(h, name)
    conv = f"full-{uuid.uuid4().hex[:8]}"
    _seed(h, owner, conv, 999)
    for stream in (False, True):
        headers = {"Accept": "text/event-stream"} if stream else {}
        r = h.post_json("/chat/production", {"message": "one more question", "conversation_id": conv,
                                             "stream": stream}, key=key, source=h.source(), headers=headers)
        err = expect_error(r, 409, "conflict")
        check("full" in err["message"], f"the 409 does not say why: {err}")
    rows = h.sql(f"SELECT message_count FROM conversations WHERE id = '{owner}:{conv}'")
    check(rows == [["999"]], f"the full conversation changed: {rows}")
    # the database holds the bound too (a race past the check above)
    try:
        h.sql(f"INSERT INTO messages (conversation_id, role, content) VALUES ('{owner}:{conv}', 'user', 'a'),"
              f" ('{owner}:{conv}', 'assistant', 'b')")
    except Fail as exc:
        check("conversations_message_count_max" in str(exc), f"unexpected failure: {exc}")
    else:
        raise Fail("the database took message 1001")


def test_dot_conversation_ids_refused(h):
    for conv in (".", ".."):
        r = _ask(h, h.chat_key, "how do I mop the floor", conv)
        err = expect_error(r, 422, "validation_failed")
        check(any(f.get("field") == "conversation_id" for f in err.get("fields", [])), f"{conv!r}: {err}")
    rows = h.sql("SELECT count(*) FROM conversations WHERE split_part(id, ':', 2) IN ('.', '..')")
    check(rows[0][0] == "0", "a '.' or '..' conversation was stored")


SQL_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "sql")


def test_migration_007_gives_existing_conversations_owners(h):
    """sql/007 on a database of the old shape: a conversation one key wrote
    is that key's; one several keys wrote, or one the log no longer knows,
    is admin-only (owner 0); feedback keeps the latest rating per answer and
    loses what rated answers already gone."""
    db = f"e2e_mig_{uuid.uuid4().hex[:8]}"
    h.sql(f"CREATE DATABASE {db}")

    def psql(*args):
        h.stack("psql", "-d", db, "-v", "ON_ERROR_STOP=1", "-q", *args)

    try:
        for name in sorted(os.listdir(SQL_DIR)):
            if name.endswith(".sql") and name < "007":
                psql("-1", "-f", os.path.join(SQL_DIR, name))   # one transaction, as linelead migrate
        psql("-c", """
            INSERT INTO api_keys (name, prefix, key_hash) VALUES
                ('k1', 'll_k1', repeat('1', 64)), ('k2', 'll_k2', repeat('2', 64));
            INSERT INTO conversations (id) VALUES ('solo'), ('shared'), ('old');
            INSERT INTO messages (conversation_id, role, content, request_id) VALUES
                ('solo', 'user', 'q', 'r1'), ('solo', 'assistant', 'a', 'r1'),
                ('shared', 'user', 'q', 'r2'), ('shared', 'assistant', 'a', 'r2'),
                ('shared', 'user', 'q', 'r3'), ('shared', 'assistant', 'a', 'r3'),
                ('old', 'user', 'q', 'r4'), ('old', 'assistant', 'a', 'r4');
            INSERT INTO request_log (request_id, api_key_id) VALUES
                ('r1', (SELECT id FROM api_keys WHERE name = 'k1')),
                ('r2', (SELECT id FROM api_keys WHERE name = 'k1')),
                ('r3', (SELECT id FROM api_keys WHERE name = 'k2'));
            INSERT INTO feedback (request_id, rating) VALUES ('r1', 'up'), ('r1', 'down'), ('gone', 'up');
        """)
        psql("-1", "-f", os.path.join(SQL_DIR, "007_ownership.sql"))
        out = _rows(h, db, "SELECT id, api_key_id, message_count FROM conversations ORDER BY id")
        k1id = _key_in(h, db, "k1")
        check(out == [["0:old", "0", "2"], ["0:shared", "0", "4"], [f"{k1id}:solo", k1id, "2"]],
              f"owners after 007: {out}")
        msgs = _rows(h, db, "SELECT DISTINCT conversation_id FROM messages ORDER BY 1")
        check(msgs == [["0:old"], ["0:shared"], [f"{k1id}:solo"]], f"messages did not follow: {msgs}")
        fb = _rows(h, db, "SELECT request_id, rating FROM feedback ORDER BY id")
        check(fb == [["r1", "down"]], f"feedback after 007: {fb}")
    finally:
        h.sql(f"DROP DATABASE IF EXISTS {db}")


def _rows(h, db, query):
    p = h.stack("psql", "-d", db, "-At", "-F", "\t", "-c", query)
    return [line.split("\t") for line in p.stdout.splitlines() if line]


def _key_in(h, db, name):
    return _rows(h, db, f"SELECT id FROM api_keys WHERE name = '{name}'")[0][0]
