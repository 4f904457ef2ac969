-- bench/sql/request_log.sql - add rows :first..:last of a :total-row synthetic
-- request log in one bulk INSERT ... SELECT generate_series, as the owner:
--   psql -v first=1 -v last=1000000 -v total=10000000 -f request_log.sql
-- Row g is placed at g/total of the way through the last 7 days (newest last,
-- so within one session ids grow with created_at as in production); disjoint
-- slices can be loaded by concurrent sessions (they touch different hours of
-- the rollup, so they do not wait on each other's upserts), with the routes, agents, status
-- mix and latency spread of a busy store chain.  The statement-level rollup
-- trigger (docs/schema.md) groups the whole batch into request_log_hourly.
-- Call it several times for more rows: each call is one transaction.
-- request_id: time-prefixed and increasing (like a ULID), not random md5, so the
-- btree on it is appended to; a random id would add random-insert cost that
-- the live application pays one row at a time, not in bulk.
\set ON_ERROR_STOP on
\set QUIET on
SET synchronous_commit = off;
INSERT INTO request_log (created_at, request_id, node, worker_pid, method, route, status,
                         duration_ms, agent, degraded, cached, llm_called, api_key_id)
SELECT now() - interval '7 days' + (g::float8 / :total) * interval '7 days' - random() * interval '1 minute',
       to_char(clock_timestamp(), 'YYYYMMDDHH24MISS') || lpad(to_hex(g), 12, '0'),
       'bench-node',
       1000 + g % 8,
       CASE WHEN g % 10 < 7 THEN 'POST' ELSE 'GET' END,
       (ARRAY['/chat/production', '/chat/production', '/chat/production', '/chat/classify',
              '/chat/stream', '/health', '/metrics', '/conversations/{id}', '/feedback',
              '/chat/production'])[1 + g % 10],
       CASE WHEN g % 1000 = 0 THEN 500 WHEN g % 97 = 0 THEN 429 WHEN g % 53 = 0 THEN 400 ELSE 200 END,
       (2 + 40 * random() ^ 4 + CASE WHEN g % 50 = 0 THEN 2000 * random() ELSE 0 END)::real,
       CASE WHEN g % 10 IN (0, 1, 2, 3, 4, 9)
            THEN (ARRAY['equipment', 'safety', 'operations', 'training', 'general'])[1 + g % 5] END,
       g % 200 = 0, g % 7 = 0, g % 3 = 0,
       1 + g % 5
  FROM generate_series(:first, :last) AS g;
