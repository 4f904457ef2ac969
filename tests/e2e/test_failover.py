"""The database connection across a failover (issue 15), on the shared stack.

- read_only_server_left: a worker whose connection reaches a server that
  takes no writes (what the old primary is after a failover, or what a
  pooler or a virtual IP in front may still point at) answers 503 with
  Retry-After, not 500, and opens a new connection: once the server takes
  writes again the next requests are answered, without a restart.
  (tests/cluster/run.py kills a real primary under Patroni.)
"""

import time

from harness import check, wait_until

QUESTION = "how do I clean the fryer at close?"


def _terminate_app_sessions(h):
    h.sql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
          " WHERE usename = 'linelead' AND pid <> pg_backend_pid()")


def test_failover_read_only_server_left(h):
    src = h.source()
    try:
        # Every new session of the app's role is read-only, as on a standby;
        # the workers' next connections get such sessions.
        h.sql("ALTER ROLE linelead SET default_transaction_read_only = on")
        _terminate_app_sessions(h)
        seen = []
        for i in range(6):
            r = h.post_json("/chat/production", {"message": QUESTION}, key=h.chat_key, source=src)
            seen.append(r.status)
            check(r.status == 503, f"a write on a read-only server: HTTP {r.status}, want 503: {r.text[:300]}")
            check(r.json()["error"]["code"] == "database_unavailable", f"error code: {r.text[:200]}")
            check(r.header("Retry-After"), "a 503 without Retry-After")
    finally:
        h.sql("ALTER ROLE linelead RESET default_transaction_read_only")
    # No one terminates the read-only sessions now: only the workers' own
    # reconnect (the backoff is at most 2 s) gets them writable ones.
    t0 = time.monotonic()

    def answered():
        r = h.post_json("/chat/production", {"message": QUESTION}, key=h.chat_key, source=src)
        return r.status == 200 and r

    wait_until(answered, 15, 0.3, "a 200 once the server takes writes again")
    for i in range(8):
        r = h.post_json("/chat/production", {"message": QUESTION}, key=h.chat_key, source=src)
        check(r.status == 200, f"after the server took writes again: HTTP {r.status}: {r.text[:300]}")
    print(f"# read-only server: 503s {seen}; answered again {time.monotonic() - t0:.1f} s after it took writes")
