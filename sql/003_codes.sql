-- 003_codes.sql - error codes and model numbers of each chunk, extracted once at ingest into an
-- indexed text[] so retrieval matches "E3", "E-03" and "E03" exactly, by index, instead of
-- ILIKE '%E03%' scans over every body.

-- Codes in text, upper-cased and normalised: no hyphen, no leading zeros ("e-03" -> 'E3',
-- "BG-4" -> 'BG4', "IM-220" -> 'IM220'), each once.  IMMUTABLE so generated columns can use it.
CREATE OR REPLACE FUNCTION linelead_codes(t text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS
$$
    SELECT coalesce(array_agg(DISTINCT m[1] || m[2]::int::text || m[3]), '{}'::text[])
      FROM regexp_matches(upper(t), '\m([A-Z]{1,4})-?([0-9]{1,5})([A-Z]?)\M', 'g') AS m
$$;
COMMENT ON FUNCTION linelead_codes(text) IS
    'Error codes and model numbers in a text, normalised (E-03 -> E3, BG-4 -> BG4), for chunks.codes.';

ALTER TABLE chunks ADD COLUMN IF NOT EXISTS codes text[]
    GENERATED ALWAYS AS (linelead_codes(coalesce(title, '') || ' ' || coalesce(section, '') || ' ' || body)) STORED;
ALTER TABLE chunks ADD COLUMN IF NOT EXISTS heading_codes text[]
    GENERATED ALWAYS AS (linelead_codes(coalesce(title, '') || ' ' || coalesce(section, ''))) STORED;
CREATE INDEX IF NOT EXISTS chunks_codes_idx ON chunks USING gin (codes);

COMMENT ON COLUMN chunks.codes IS
    'Normalised error codes and model numbers in title, section and body (linelead_codes), GIN-indexed.';
COMMENT ON COLUMN chunks.heading_codes IS
    'Normalised codes in title and section only: a chunk whose heading names a code defines it.';

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'linelead_app') THEN
        GRANT EXECUTE ON FUNCTION linelead_codes(text) TO linelead_app;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'linelead_reporting') THEN
        GRANT EXECUTE ON FUNCTION linelead_codes(text) TO linelead_reporting;
    END IF;
END
$$;
