-- 004_key_changes.sql - tell the workers when API keys change.
--
-- Each pool worker keeps the keys it has verified (src/auth.h) and LISTENs on
-- linelead_api_keys; this trigger notifies that channel whenever a key is
-- revoked, re-scoped, re-hashed or deleted, so a revocation reaches every
-- worker within milliseconds.  The notification is sent when the changing transaction
-- commits.  New keys need no notice (unknown keys are never cached), nor does
-- the workers' own touch of last_used_at.

CREATE OR REPLACE FUNCTION linelead_api_keys_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('linelead_api_keys', '');
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION linelead_api_keys_changed() IS
    'Notifies channel linelead_api_keys after api_keys rows change (the workers drop the keys they cached).';

DROP TRIGGER IF EXISTS api_keys_changed ON api_keys;
CREATE TRIGGER api_keys_changed
    AFTER UPDATE OF revoked_at, scope, key_hash OR DELETE OR TRUNCATE ON api_keys
    FOR EACH STATEMENT EXECUTE FUNCTION linelead_api_keys_changed();

REVOKE ALL ON FUNCTION linelead_api_keys_changed() FROM PUBLIC;
