-- 009_request_log_partitions.sql - request_log partitioned by day; retention drops partitions.
--
-- Same rules as 001: applied in one transaction by `linelead migrate`, no BEGIN/COMMIT.
--
-- request_log is the one table that grows with traffic (a row a request, on every node).
-- Deleting its old rows costs a full write of each (WAL, vacuum, a bloated heap that the
-- standby replays too); dropping a day's partition costs a catalog change.  So:
--
-- - request_log is partitioned by RANGE (created_at), one partition a UTC day, named
--   request_log_YYYYMMDD, created a week ahead by linelead_request_log_partitions() (called by
--   this migration and by every linelead_prune call, that is hourly by each node).  A row
--   outside every partition (a clock far off, a backfill) lands in request_log_default
--   instead of failing; the day's partition, once created, takes its rows from there.
-- - linelead_prune(retention_days) drops the partitions whose whole day is older than
--   retention_days (a row is kept retention_days at least, one day more at most) and deletes
--   only what request_log_default holds past it.
-- - Readers see no change: the same table name and columns, the same rollup trigger keeping
--   request_log_hourly, which /metrics?window= and the DBA views read; the same grants.
--
-- The existing rows are copied into the partitions (one pass; the rollup is not re-run for
-- them: their hours are in request_log_hourly already), ids kept.

-- ---------------------------------------------------------------------------------------------
-- The old table steps aside
-- ---------------------------------------------------------------------------------------------

ALTER TABLE request_log RENAME TO request_log_unpartitioned;
ALTER SEQUENCE request_log_id_seq RENAME TO request_log_unpartitioned_id_seq;
ALTER INDEX request_log_pkey RENAME TO request_log_unpartitioned_pkey;
ALTER INDEX request_log_created_at_brin RENAME TO request_log_unpartitioned_created_at_brin;
ALTER INDEX request_log_request_id_idx RENAME TO request_log_unpartitioned_request_id_idx;
DROP TRIGGER request_log_rollup_trg ON request_log_unpartitioned;

-- ---------------------------------------------------------------------------------------------
-- The partitioned table
-- ---------------------------------------------------------------------------------------------

CREATE TABLE request_log (
    id          bigint GENERATED ALWAYS AS IDENTITY,
    created_at  timestamptz NOT NULL DEFAULT now(),
    request_id  text,
    node        text,
    worker_pid  int,
    method      text,
    route       text,
    status      int,
    duration_ms real,
    agent       text,
    degraded    boolean,
    cached      boolean,
    llm_called  boolean,
    api_key_id  bigint,
    -- a unique key of a partitioned table holds the partition key
    PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);

-- Partition pruning does what the BRIN index did; request_id is looked up (feedback, support).
CREATE INDEX request_log_request_id_idx ON request_log (request_id);

CREATE TABLE request_log_default PARTITION OF request_log DEFAULT;

COMMENT ON TABLE request_log IS
    'One row per HTTP request, written after the response is sent. Partitioned by UTC day (request_log_YYYYMMDD, created a week ahead); linelead_prune() drops the days past retention. Summarised in request_log_hourly.';
COMMENT ON TABLE request_log_default IS
    'Rows of request_log outside every day partition (a clock far off, a backfill); moved into their day when its partition is created. Normally empty.';
COMMENT ON COLUMN request_log.id IS 'Row id (unique with created_at).';
COMMENT ON COLUMN request_log.created_at IS 'When the request was logged (end of the request); the partition key.';
COMMENT ON COLUMN request_log.request_id IS 'HTTP request id (X-Request-ID), as in messages and feedback.';
COMMENT ON COLUMN request_log.node IS 'Host name of the app node that served the request.';
COMMENT ON COLUMN request_log.worker_pid IS 'Process id of the worker that served the request.';
COMMENT ON COLUMN request_log.method IS 'HTTP method (GET, POST, DELETE ...).';
COMMENT ON COLUMN request_log.route IS
    'Route pattern, not the raw path, e.g. "/chat/production" or "/conversations/{id}".';
COMMENT ON COLUMN request_log.status IS 'HTTP status code returned.';
COMMENT ON COLUMN request_log.duration_ms IS 'Time from request start to response end, in milliseconds.';
COMMENT ON COLUMN request_log.agent IS 'Agent that answered, for chat routes; NULL otherwise.';
COMMENT ON COLUMN request_log.degraded IS 'True when the LLM failed and the local composer answered.';
COMMENT ON COLUMN request_log.cached IS 'True when the answer came from answer_cache.';
COMMENT ON COLUMN request_log.llm_called IS 'True when an LLM endpoint was called for this request.';
COMMENT ON COLUMN request_log.api_key_id IS 'api_keys.id of the key used; NULL when auth is off or failed.';

-- ---------------------------------------------------------------------------------------------
-- Partitions ahead
-- ---------------------------------------------------------------------------------------------

-- One day's partition, created outside the table and then attached: ATTACH takes a lock that
-- lets the workers' inserts go on (CREATE TABLE ... PARTITION OF would block them).  Rows of
-- that day waiting in request_log_default move in first.
CREATE OR REPLACE FUNCTION linelead_request_log_partition_add(day date) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
AS $fn$
DECLARE
    name constant text := 'request_log_' || to_char(day, 'YYYYMMDD');
    lo constant timestamptz := day::timestamp AT TIME ZONE 'UTC';
    hi constant timestamptz := (day + 1)::timestamp AT TIME ZONE 'UTC';
BEGIN
    IF to_regclass('public.' || name) IS NOT NULL THEN
        RETURN false;
    END IF;
    EXECUTE format('CREATE TABLE public.%I (LIKE public.request_log INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', name);
    EXECUTE format('WITH moved AS (DELETE FROM public.request_log_default'
                   ' WHERE created_at >= $1 AND created_at < $2 RETURNING *)'
                   ' INSERT INTO public.%I SELECT * FROM moved', name) USING lo, hi;
    EXECUTE format('ALTER TABLE public.request_log ATTACH PARTITION public.%I FOR VALUES FROM (%L) TO (%L)',
                   name, lo, hi);
    EXECUTE format('COMMENT ON TABLE public.%I IS %L', name,
                   'request_log rows of ' || day || ' (UTC); dropped whole by linelead_prune() past retention.');
    RETURN true;
END
$fn$;

COMMENT ON FUNCTION linelead_request_log_partition_add(date) IS
    'Creates and attaches request_log_YYYYMMDD for one UTC day (moving its rows out of request_log_default); false when it exists.';

CREATE OR REPLACE FUNCTION linelead_request_log_partitions(days_ahead int DEFAULT 7) RETURNS int
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
AS $fn$
DECLARE
    today constant date := (now() AT TIME ZONE 'UTC')::date;
    made int := 0;
BEGIN
    -- nodes prune at the same hour: one of them creates, the others find it done
    PERFORM pg_advisory_xact_lock(4243);
    FOR i IN 0 .. greatest(days_ahead, 0) LOOP
        IF linelead_request_log_partition_add(today + i) THEN
            made := made + 1;
        END IF;
    END LOOP;
    RETURN made;
END
$fn$;

COMMENT ON FUNCTION linelead_request_log_partitions(int) IS
    'Creates the request_log partitions of today and the next days_ahead UTC days that are missing; returns how many it made. Called by linelead_prune().';

-- ---------------------------------------------------------------------------------------------
-- The rows move in
-- ---------------------------------------------------------------------------------------------

SELECT linelead_request_log_partition_add(d::date)
  FROM (SELECT DISTINCT (created_at AT TIME ZONE 'UTC')::date AS d FROM request_log_unpartitioned) days;
SELECT linelead_request_log_partitions(7);

-- Before the rollup trigger exists: these rows are in request_log_hourly already.
INSERT INTO request_log OVERRIDING SYSTEM VALUE
SELECT id, created_at, request_id, node, worker_pid, method, route, status, duration_ms, agent,
       degraded, cached, llm_called, api_key_id
  FROM request_log_unpartitioned;

SELECT setval(pg_get_serial_sequence('request_log', 'id'),
              greatest((SELECT max(id) FROM request_log),
                       (SELECT last_value FROM request_log_unpartitioned_id_seq)), true);

DROP TABLE request_log_unpartitioned;

CREATE TRIGGER request_log_rollup_trg
    AFTER INSERT ON request_log REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linelead_request_log_rollup();

-- ---------------------------------------------------------------------------------------------
-- Retention: drop whole days
-- ---------------------------------------------------------------------------------------------

-- linelead_prune keeps its signature and its contract (call until it returns 0; returns the
-- request_log rows removed), so the nodes' hourly call and `linelead prune` are unchanged.
-- A day whose partition cannot be locked at once (a long report reading it) is left for the
-- next call rather than making the workers' inserts wait behind the lock.
CREATE OR REPLACE FUNCTION linelead_request_log_drop_days(cutoff timestamptz) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
AS $fn$
DECLARE
    part record;
    n bigint;
    removed bigint := 0;
    caller_lock_timeout constant text := current_setting('lock_timeout');
BEGIN
    -- the nodes prune at the same hour: one drops, the others then find nothing to drop
    PERFORM pg_advisory_xact_lock(4243);
    PERFORM set_config('lock_timeout', '2s', true);
    FOR part IN
        SELECT c.relname
          FROM pg_inherits i
          JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = 'public.request_log'::regclass
           AND c.relname ~ '^request_log_[0-9]{8}$'
           AND (to_date(substr(c.relname, 13), 'YYYYMMDD') + 1)::timestamp AT TIME ZONE 'UTC' <= cutoff
         ORDER BY c.relname
    LOOP
        BEGIN
            EXECUTE format('SELECT count(*) FROM public.%I', part.relname) INTO n;
            EXECUTE format('ALTER TABLE public.request_log DETACH PARTITION public.%I', part.relname);
            EXECUTE format('DROP TABLE public.%I', part.relname);
            removed := removed + n;
        EXCEPTION WHEN lock_not_available THEN
            RAISE NOTICE 'linelead_prune: % is busy, left for the next call', part.relname;
        END;
    END LOOP;
    PERFORM set_config('lock_timeout', caller_lock_timeout, true);
    DELETE FROM request_log_default WHERE created_at < cutoff;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN removed + n;
END
$fn$;

COMMENT ON FUNCTION linelead_request_log_drop_days(timestamptz) IS
    'Retention: drops the request_log day partitions wholly before cutoff and deletes older rows of request_log_default; returns the rows removed.';

CREATE OR REPLACE FUNCTION linelead_prune(
    retention_days int,
    batch_size int DEFAULT 10000,
    max_batches int DEFAULT 10,
    hourly_retention_days int DEFAULT 400)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
AS $fn$
DECLARE
    hourly_cutoff timestamptz;
    deleted bigint := 0;
BEGIN
    IF batch_size IS NULL OR batch_size < 1 OR max_batches IS NULL OR max_batches < 1 THEN
        RAISE EXCEPTION 'linelead_prune: batch_size and max_batches must be >= 1';
    END IF;

    PERFORM linelead_request_log_partitions(7);

    IF retention_days IS NOT NULL AND retention_days > 0 THEN
        deleted := linelead_request_log_drop_days(now() - make_interval(days => retention_days));
    END IF;

    IF hourly_retention_days IS NOT NULL AND hourly_retention_days > 0 THEN
        hourly_cutoff := now() - make_interval(days => greatest(hourly_retention_days,
                                                                coalesce(retention_days, 0)));
        DELETE FROM request_log_hourly WHERE hour < hourly_cutoff;
    END IF;

    DELETE FROM answer_cache
     WHERE key IN (SELECT key FROM answer_cache WHERE expires_at < now() LIMIT batch_size);

    DELETE FROM idempotency_keys
     WHERE (api_key_id, key) IN (SELECT api_key_id, key FROM idempotency_keys
                                  WHERE created_at < now() - interval '1 day' LIMIT batch_size);

    RETURN deleted;
END
$fn$;

COMMENT ON FUNCTION linelead_prune(int, int, int, int) IS
    'Retention: creates the request_log partitions of the coming week, drops the day partitions older than retention_days (returns the rows they held; call again until it returns 0), deletes request_log_hourly rows older than hourly_retention_days, expired answer_cache entries and idempotency keys older than a day.';

-- ---------------------------------------------------------------------------------------------
-- Privileges: as before, on the new table and sequence
-- ---------------------------------------------------------------------------------------------

REVOKE ALL ON FUNCTION linelead_prune(int, int, int, int) FROM PUBLIC;
REVOKE ALL ON FUNCTION linelead_request_log_partition_add(date) FROM PUBLIC;
REVOKE ALL ON FUNCTION linelead_request_log_partitions(int) FROM PUBLIC;
REVOKE ALL ON FUNCTION linelead_request_log_drop_days(timestamptz) FROM PUBLIC;

DO $grants$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'linelead_app') THEN
        GRANT SELECT, INSERT ON request_log TO linelead_app;
        GRANT USAGE ON SEQUENCE request_log_id_seq TO linelead_app;
        GRANT EXECUTE ON FUNCTION linelead_prune(int, int, int, int) TO linelead_app;
    ELSE
        RAISE NOTICE 'role linelead_app does not exist: its grants are skipped';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'linelead_reporting') THEN
        GRANT SELECT ON request_log TO linelead_reporting;
    ELSE
        RAISE NOTICE 'role linelead_reporting does not exist: its grants are skipped';
    END IF;
END
$grants$;
