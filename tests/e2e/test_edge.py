"""What the edge and the logs keep (issue 14, part A):

- pg_log_keeps_no_chat_text: a statement PostgreSQL logs for its duration
  does not carry the crew's message into postgresql.log (item 2).
"""

import os
import time
import uuid

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
