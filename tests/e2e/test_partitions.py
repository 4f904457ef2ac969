"""request_log partitioned by day (issue 15, sql/009), in a scratch database of
the shared stack's PostgreSQL:

- same_figures: a database at 008 with a week of request_log rows is migrated
  to 009; the raw rows (count, ids, sums), request_log_hourly (the one table
  /metrics?window= reads) and the DBA view daily_volume_by_agent read the same
  before and after; the table is partitioned by day with a week ahead; the
  app's role still inserts (through the rollup trigger); retention drops whole
  days (no DELETE of their rows) and leaves the hourly history and the views'
  figures as they were.
- metrics_window_live: /metrics?window=24h on the migrated stack.
"""

import glob
import os
import re
import subprocess
import uuid

from harness import REPO, check, expect_ok_json

PSQL = "/usr/lib/postgresql/15/bin/psql"


def _url(h, db):
    return re.sub(r"/linelead\?", f"/{db}?", h.env["LINELEAD_ADMIN_DATABASE_URL"], count=1)


def _psql(url, *args, single=False):
    cmd = [PSQL, "-X", "-q", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", url]
    if single:
        cmd.append("-1")
    p = subprocess.run(cmd + list(args), capture_output=True, text=True, timeout=120,
                       env={**os.environ, "PGCONNECT_TIMEOUT": "5", "PGTZ": "UTC"})
    if p.returncode != 0:
        raise AssertionError(f"psql {' '.join(args)[:120]} failed: {p.stderr.strip()[-800:]}")
    return [line.split("\t") for line in p.stdout.splitlines() if line]


def _sql(url, query):
    return _psql(url, "-c", query)


FIGURES = {
    "raw": "SELECT count(*), count(DISTINCT request_id), min(id), max(id), sum(duration_ms)::numeric(14,2),"
           " count(*) FILTER (WHERE status >= 500), min(created_at), max(created_at) FROM request_log",
    "hourly": "SELECT hour, route, agent, status, requests, errors, duration_ms_sum::numeric(14,2),"
              " duration_ms_max, degraded, cached, llm_called, latency_buckets"
              " FROM request_log_hourly ORDER BY 1, 2, 3, 4",
    "daily": "SELECT * FROM daily_volume_by_agent ORDER BY day, agent",
}


def _figures(url):
    return {k: _sql(url, q) for k, q in FIGURES.items()}


def _migrate_to(url, last):
    for path in sorted(glob.glob(os.path.join(REPO, "sql", "[0-9][0-9][0-9]_*.sql"))):
        if int(os.path.basename(path)[:3]) <= last:
            _psql(url, "-f", path, single=True)


def test_partitions_same_figures(h):
    db = "linelead_part_" + uuid.uuid4().hex[:8]
    admin = _url(h, "postgres")
    url = _url(h, db)
    _sql(admin, f"CREATE DATABASE {db} OWNER linelead_admin")
    try:
        _migrate_to(url, 8)
        # a week of traffic, a row every 7 minutes, of every kind the rollup sorts
        _sql(url, """
            INSERT INTO request_log (created_at, request_id, node, method, route, status, duration_ms,
                                     agent, degraded, cached, llm_called)
            SELECT now() - g * interval '7 minutes', md5(g::text), 'n' || g % 2, 'POST',
                   (ARRAY['/chat/production', '/health', '/chat/classify'])[1 + g % 3],
                   (ARRAY[200, 200, 200, 429, 503])[1 + g % 5], (g % 997)::real / 3,
                   (ARRAY['equipment', 'safety', NULL])[1 + g % 3], g % 11 = 0, g % 7 = 0, g % 13 = 0
              FROM generate_series(1, 1500) g""")
        before = _figures(url)
        check(int(before["raw"][0][0]) == 1500 and len(before["hourly"]) > 100, f"the 008 data: {before['raw']}")

        _migrate_to_only(url, 9)
        after = _figures(url)
        for k in FIGURES:
            check(before[k] == after[k], f"{k} figures differ after 009: {before[k][:3]} != {after[k][:3]}")
        kind = _sql(url, "SELECT relkind FROM pg_class WHERE oid = 'request_log'::regclass")
        check(kind == [["p"]], f"request_log is not partitioned: {kind}")
        parts = _sql(url, "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                          " WHERE i.inhparent = 'request_log'::regclass ORDER BY 1")
        days = [p[0] for p in parts if re.fullmatch(r"request_log_\d{8}", p[0])]
        check(len(days) >= 13 and ["request_log_default"] in parts,
              f"a partition a day for the week of rows and the week ahead, and a default: {parts}")
        check(_sql(url, "SELECT count(*) FROM request_log_default") == [["0"]], "rows left in the default partition")

        # the app's role inserts as before; the trigger rolls the row up
        n0 = _sql(url, "SELECT coalesce(sum(requests), 0) FROM request_log_hourly")[0][0]
        _sql(url, "SET ROLE linelead_app; INSERT INTO request_log (request_id, route, status, duration_ms)"
                  " VALUES ('after-009', '/chat/production', 200, 12)")
        n1 = _sql(url, "SELECT coalesce(sum(requests), 0) FROM request_log_hourly")[0][0]
        check(int(n1) == int(n0) + 1, f"the rollup after 009: {n0} -> {n1}")
        fresh = _sql(url, "SELECT id > 0 AND id > (SELECT max(id) FROM request_log WHERE request_id <> 'after-009')"
                          " FROM request_log WHERE request_id = 'after-009'")
        check(fresh == [["t"]], f"new ids continue after the copied ones: {fresh}")

        # retention: 3 days; whole days older than that go, their hourly history stays
        daily_before = _figures(url)["daily"]
        due = _sql(url, "SELECT count(*) FROM request_log WHERE created_at <"
                        " date_trunc('day', now() - interval '3 days', 'UTC')")[0][0]
        due_days = _sql(url, "SELECT count(DISTINCT (created_at AT TIME ZONE 'UTC')::date) FROM request_log"
                             " WHERE created_at < date_trunc('day', now() - interval '3 days', 'UTC')")[0][0]
        pruned = _sql(url, "SELECT linelead_prune(3)")[0][0]
        check(int(pruned) == int(due) and int(due) > 0, f"linelead_prune(3) removed {pruned} rows, {due} were due")
        check(_sql(url, "SELECT linelead_prune(3)") == [["0"]], "a second prune call returns 0")
        old = _sql(url, "SELECT count(*) FROM request_log WHERE created_at < now() - interval '4 days'")
        check(old == [["0"]], f"rows older than retention + 1 day remain: {old}")
        left = _sql(url, "SELECT count(*) FROM pg_inherits WHERE inhparent = 'request_log'::regclass")[0][0]
        check(int(left) == len(days) + 1 - int(due_days),
              f"the {due_days} days past retention dropped: {len(days) + 1} partitions -> {left}")
        stats = _sql(url, "SELECT n_tup_del FROM pg_stat_user_tables WHERE relname LIKE 'request_log_2%'"
                          " AND n_tup_del > 0")
        check(not stats, f"retention deleted rows instead of dropping days: {stats}")
        check(_figures(url)["daily"] == daily_before, "daily_volume_by_agent changed when raw days were dropped")
    finally:
        _sql(admin, f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")


def _migrate_to_only(url, version):
    path = glob.glob(os.path.join(REPO, "sql", f"{version:03d}_*.sql"))[0]
    _psql(url, "-f", path, single=True)


def test_partitions_metrics_window_live(h):
    r = h.get("/metrics?window=24h", key=h.admin_key, source=h.source())
    body = expect_ok_json(r)
    check("window" in body or "history" in body or any("window" in k for k in body),
          f"/metrics?window=24h has no window figures: {list(body)}")
    kind = h.sql("SELECT relkind FROM pg_class WHERE oid = 'request_log'::regclass")
    check(kind == [["p"]], f"the stack's request_log is not partitioned: {kind}")
