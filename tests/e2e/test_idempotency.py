"""Idempotency-Key on chat and document uploads (issue 14, item 5), through
nginx (which replaces a client's X-Request-ID but passes Idempotency-Key).

A retry with the same key and the same API key gets the stored answer (same
request_id, header Idempotent-Replayed: true) and stores nothing more; the
same key on another request is a 422; a malformed key a 400; keys are per
API key.  The reliability run (test_reliability) retries after worker kills.
"""

import json
import uuid

from harness import check, expect_error, expect_ok_json


def _chat(h, body, key, idem=None, stream=False):
    headers = {}
    if idem is not None:
        headers["Idempotency-Key"] = idem
    if stream:
        headers["Accept"] = "text/event-stream"
    return h.post_json("/chat/production", body, key=key, headers=headers, source=h.source())


def _exchanges(h, marker):
    rows = h.sql(f"SELECT count(*) FROM messages WHERE role = 'user' AND content LIKE '%{marker}%'")
    return int(rows[0][0])


def _events(text):
    out = []
    for block in text.split("\n\n"):
        ev = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        if ev:
            out.append((ev.get("event"), json.loads(ev.get("data", "null"))))
    return out


def test_idempotent_chat_replay(h):
    marker = f"idem-{uuid.uuid4().hex[:8]}"
    key = str(uuid.uuid4())
    body = {"message": f"how hot should the fryer oil be [{marker}]"}
    first = _chat(h, body, h.chat_key, key)
    a = expect_ok_json(first)
    check(first.header("Idempotent-Replayed") is None, "the first answer says it was replayed")
    second = _chat(h, body, h.chat_key, key)
    b = expect_ok_json(second)
    check(second.header("Idempotent-Replayed") == "true", "the retry is not marked as replayed")
    check(b == a, f"the retry's answer differs:\n{a}\n{b}")
    check(second.header("X-Request-ID") != first.header("X-Request-ID"), "nginx gave both the same id")
    check(_exchanges(h, marker) == 1, f"the retry stored a second exchange ({_exchanges(h, marker)})")
    # the stream flag is how, not what: the same key asked as a stream gets the
    # stored answer as a stream
    c = _events(_chat(h, dict(body, stream=True), h.chat_key, key, stream=True).text)
    check([e for e, _ in c] == ["meta", "done"] and c[-1][1] == a, f"streamed retry: {c}")
    # a stream asked with a key already answered: meta and done from the store
    key2 = str(uuid.uuid4())
    s1 = _chat(h, dict(body, message=body["message"] + " again"), h.chat_key, key2, stream=True)
    check(s1.status == 200 and "text/event-stream" in s1.header("Content-Type", ""), f"stream: {s1.status}")
    done1 = [d for e, d in _events(s1.text) if e == "done"]
    s2 = _chat(h, dict(body, message=body["message"] + " again"), h.chat_key, key2, stream=True)
    evs = _events(s2.text)
    check([e for e, _ in evs] == ["meta", "done"], f"replayed stream events: {[e for e, _ in evs]}")
    check(done1 and evs[-1][1] == done1[0], "the replayed stream's done differs from the first")
    # a broken stream is retried as plain JSON (as the crew app does): the stored answer
    plain = expect_ok_json(_chat(h, dict(body, message=body["message"] + " again"), h.chat_key, key2))
    check(plain == done1[0], "the plain retry of a stream differs from its done event")
    check(_exchanges(h, marker) == 2, f"exchanges after two keys: {_exchanges(h, marker)}")


def test_idempotency_key_rules(h):
    marker = f"idem-{uuid.uuid4().hex[:8]}"
    key = f"k-{uuid.uuid4().hex}"
    body = {"message": f"grill shows E03 [{marker}]"}
    expect_ok_json(_chat(h, body, h.chat_key, key))
    # the same key on another question: refused, nothing stored
    err = expect_error(_chat(h, {"message": f"something else [{marker}]"}, h.chat_key, key), 422)
    check("Idempotency-Key" in err["message"], f"{err}")
    # per API key: another key's same Idempotency-Key is its own
    other, _ = h.new_key("chat")
    r = _chat(h, body, other, key)
    expect_ok_json(r)
    check(r.header("Idempotent-Replayed") is None, "a key's answer was replayed to another API key")
    check(_exchanges(h, marker) == 2, f"exchanges: {_exchanges(h, marker)}")
    for bad in ("x" * 129, "has space", "semi;colon", "quote\"d", "é"):
        expect_error(_chat(h, body, h.chat_key, bad), 400)
    check(_exchanges(h, marker) == 2, "a malformed key stored an exchange")


def test_idempotent_document_upload(h):
    title = f"idem-doc-{uuid.uuid4().hex[:6]}"
    key = str(uuid.uuid4())
    headers = {"Content-Type": "text/markdown", "Idempotency-Key": key}
    text = b"# Closing\n\nLock the back door and count the drawer.\n"

    def upload(data=text):
        return h.request("POST", f"/documents?title={title}&category=operations", body=data,
                         headers=headers, key=h.admin_key, source=h.source())

    first = upload()
    a = expect_ok_json(first, 201)
    second = upload()
    b = expect_ok_json(second, 201)
    check(second.header("Idempotent-Replayed") == "true", "the upload retry is not marked as replayed")
    check(b == a and b["request_id"] == a["request_id"], f"the upload retry differs:\n{a}\n{b}")
    expect_error(upload(b"# Other\n\nSomething else entirely.\n"), 422)
    h.sql(f"DELETE FROM documents WHERE title = '{title}'")
