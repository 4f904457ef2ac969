-- 007_ownership.sql - conversations and feedback belong to an API key; idempotent retries.
--
-- Same rules as 001: applied in one transaction by `linelead migrate`, no BEGIN/COMMIT.
--
-- 1. A conversation belongs to the API key that started it.  Its stored id is
--    "<owner>:<client id>": owner is api_keys.id, or 0 for "no key" (the bootstrap
--    API_KEY of linelead.conf, auth off, the CLI).  Clients never see the prefix: two keys
--    that both choose "store12" hold "7:store12" and "9:store12", and a key can only ever
--    name conversations in its own namespace (ids a client chooses cannot hold ':').  An
--    admin key may also name any conversation by its stored id (GET /conversations/7:store12).
--
--    Rows from before this migration had no owner.  Each is given to the key that made
--    every one of its requests, when request_log (kept retention_days) still says which key
--    that was; a conversation that several keys wrote to - exactly the leak this closes -
--    or that the log no longer covers goes to owner 0: only admin keys (and the bootstrap
--    key, under its plain id) can read it from then on.
--
-- 2. Feedback: one rating per answer (a second one replaces the first), tied to the answer's
--    message so that deleting the conversation deletes its feedback.
--
-- 3. Messages per conversation are bounded (CONVERSATION_MAX_MESSAGES in src/store.h).
--
-- 4. idempotency_keys: the answer a POST with an Idempotency-Key header got, so that the
--    client's retry gets it again instead of a second exchange.

-- ---------------------------------------------------------------------------------------------
-- 1. Conversation owners
-- ---------------------------------------------------------------------------------------------

-- The key can change below; messages follow (the app itself never renames a conversation).
ALTER TABLE messages DROP CONSTRAINT IF EXISTS messages_conversation_id_fkey;
ALTER TABLE messages ADD CONSTRAINT messages_conversation_id_fkey
    FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE conversations DROP CONSTRAINT IF EXISTS conversations_id_check;

UPDATE conversations c
   SET id = coalesce(
           (SELECT CASE WHEN count(DISTINCT coalesce(r.api_key_id, 0)) = 1 THEN max(r.api_key_id) END
              FROM messages m
              JOIN request_log r ON r.request_id = m.request_id
             WHERE m.conversation_id = c.id AND m.role = 'user'),
           0)::text || ':' || c.id
 WHERE position(':' IN c.id) = 0;

ALTER TABLE conversations ADD CONSTRAINT conversations_id_check
    CHECK (id ~ '^[0-9]{1,19}:[A-Za-z0-9_.-]{1,100}$' AND split_part(id, ':', 2) NOT IN ('.', '..'));

ALTER TABLE conversations ADD COLUMN IF NOT EXISTS api_key_id bigint
    GENERATED ALWAYS AS (split_part(id, ':', 1)::bigint) STORED;

CREATE INDEX IF NOT EXISTS conversations_api_key_id_idx ON conversations (api_key_id, updated_at DESC);

COMMENT ON COLUMN conversations.id IS
    '"<owner>:<client id>": the owning key (api_keys.id, 0 = no key) and the id the client chose or was given (1-100 characters of A-Z a-z 0-9 _ . -). Clients see only the part after the colon.';
COMMENT ON COLUMN conversations.api_key_id IS
    'Generated from id: the API key that owns the conversation (api_keys.id); 0 = no key (the bootstrap API_KEY, auth off, the CLI, or rows from before migration 007 that no single key made). Other chat keys cannot see it; admin keys can.';

-- A bound on messages per conversation (an unbounded one made GET /conversations/{id}
-- return 42 MB).  NOT VALID: rows over it from before stay readable and deletable, but take
-- no new message.  Keep in step with CONVERSATION_MAX_MESSAGES in src/store.h.
ALTER TABLE conversations DROP CONSTRAINT IF EXISTS conversations_message_count_max;
ALTER TABLE conversations ADD CONSTRAINT conversations_message_count_max
    CHECK (message_count <= 1000) NOT VALID;

-- ---------------------------------------------------------------------------------------------
-- 2. Feedback: one per answer, deleted with it
-- ---------------------------------------------------------------------------------------------

ALTER TABLE feedback ADD COLUMN IF NOT EXISTS message_id bigint
    REFERENCES messages (id) ON DELETE CASCADE;

UPDATE feedback f
   SET message_id = m.id
  FROM messages m
 WHERE f.message_id IS NULL AND m.request_id = f.request_id AND m.role = 'assistant';

-- Feedback on an answer that is no longer stored (its conversation was deleted): gone, as
-- it would have been had the cascade existed.
DELETE FROM feedback WHERE message_id IS NULL;
-- Several ratings of one answer: the latest stands, as a replacement would have left it.
DELETE FROM feedback f USING feedback g WHERE g.message_id = f.message_id AND g.id > f.id;

ALTER TABLE feedback ALTER COLUMN message_id SET NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS feedback_message_id_key ON feedback (message_id);

COMMENT ON COLUMN feedback.message_id IS
    'The rated answer (messages.id, role assistant); one rating per answer, replaced by a later one; deleted with the conversation.';
COMMENT ON COLUMN feedback.created_at IS 'When the feedback was given (or last replaced).';

-- ---------------------------------------------------------------------------------------------
-- 4. Idempotency keys
-- ---------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS idempotency_keys (
    api_key_id  bigint NOT NULL,
    key         text NOT NULL CHECK (key ~ '^[A-Za-z0-9_.:-]{1,128}$'),
    route       text NOT NULL,
    fingerprint text NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
    request_id  text NOT NULL,
    status      int NOT NULL CHECK (status BETWEEN 200 AND 299),
    response    text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (api_key_id, key)
);

CREATE INDEX IF NOT EXISTS idempotency_keys_created_at_idx ON idempotency_keys (created_at);

COMMENT ON TABLE idempotency_keys IS
    'The response a POST with an Idempotency-Key header got: a retry with the same key (and the same API key) gets it again instead of doing the work twice. Kept 24 hours (linelead_prune).';
COMMENT ON COLUMN idempotency_keys.api_key_id IS 'The API key that sent it (api_keys.id; 0 = no key). Keys are per API key.';
COMMENT ON COLUMN idempotency_keys.key IS 'The Idempotency-Key header: 1-128 characters of A-Z a-z 0-9 _ . : -';
COMMENT ON COLUMN idempotency_keys.route IS 'Route pattern it was used on, e.g. "/chat/production".';
COMMENT ON COLUMN idempotency_keys.fingerprint IS
    'Hex SHA-256 of the request (route, query string, content type, body): the same key with another request is refused (422).';
COMMENT ON COLUMN idempotency_keys.request_id IS 'Request id of the request that did the work (joins messages and request_log).';
COMMENT ON COLUMN idempotency_keys.status IS 'HTTP status of the stored response.';
COMMENT ON COLUMN idempotency_keys.response IS 'The JSON response body, as sent.';
COMMENT ON COLUMN idempotency_keys.created_at IS 'When the work was done.';

-- linelead_prune as in 001, and idempotency keys older than a day.
CREATE OR REPLACE FUNCTION linelead_prune(
    retention_days int,
    batch_size int DEFAULT 10000,
    max_batches int DEFAULT 10,
    hourly_retention_days int DEFAULT 400)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
AS $fn$
DECLARE
    raw_cutoff timestamptz;
    hourly_cutoff timestamptz;
    deleted bigint := 0;
    n bigint;
    lo bigint;
    head_at timestamptz;
    batches int := 0;
BEGIN
    IF batch_size IS NULL OR batch_size < 1 OR max_batches IS NULL OR max_batches < 1 THEN
        RAISE EXCEPTION 'linelead_prune: batch_size and max_batches must be >= 1';
    END IF;

    IF retention_days IS NOT NULL AND retention_days > 0 THEN
        raw_cutoff := now() - make_interval(days => retention_days);
        -- See 001 for why the batches walk the primary key.
        SELECT id, created_at INTO lo, head_at FROM request_log ORDER BY id LIMIT 1;
        WHILE lo IS NOT NULL AND head_at < raw_cutoff AND batches < max_batches LOOP
            DELETE FROM request_log
             WHERE id >= lo AND id < lo + batch_size AND created_at < raw_cutoff;
            GET DIAGNOSTICS n = ROW_COUNT;
            EXIT WHEN n = 0;
            deleted := deleted + n;
            lo := lo + batch_size;
            batches := batches + 1;
        END LOOP;
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

REVOKE ALL ON FUNCTION linelead_prune(int, int, int, int) FROM PUBLIC;

-- ---------------------------------------------------------------------------------------------
-- Privileges
-- ---------------------------------------------------------------------------------------------
--   feedback          a rating replaces the earlier one (UPDATE of these columns only)
--   idempotency_keys  look up and record; an expired key is reused (linelead_prune deletes them)
DO $grants$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'linelead_app') THEN
        GRANT UPDATE (rating, comment, created_at) ON feedback TO linelead_app;
        GRANT SELECT, INSERT, UPDATE ON idempotency_keys TO linelead_app;
        GRANT EXECUTE ON FUNCTION linelead_prune(int, int, int, int) TO linelead_app;
    ELSE
        RAISE NOTICE 'role linelead_app does not exist: its grants are skipped';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'linelead_reporting') THEN
        GRANT SELECT ON idempotency_keys TO linelead_reporting;
    ELSE
        RAISE NOTICE 'role linelead_reporting does not exist: its grants are skipped';
    END IF;
END
$grants$;
