-- 005_lexeme_counts.sql - how many chunks hold each word, kept exact by triggers.
--
-- The retriever's looser tiers (any two words, any one word) match chunks by
-- an OR of the question's words.  A GIN index answers an OR by reading the
-- posting list of every word in full, and at 100k chunks a common word's list
-- holds tens of thousands of entries.  With these counts the statement keeps
-- a question's common words only when they are among its three rarest, so
-- the cost follows the rare words, which are also the telling ones.  At a
-- store's size (a few thousand chunks) no word is common enough to be dropped.
--
-- Statement-level triggers with transition tables, like the request_log
-- rollup: ingesting a document upserts each of its words once.  Upserts go
-- in lexeme order, a fixed lock order, so concurrent ingests cannot deadlock.

CREATE TABLE IF NOT EXISTS chunk_lexemes (
    lexeme text PRIMARY KEY,
    chunks int NOT NULL
);

COMMENT ON TABLE chunk_lexemes IS
    'Each full-text lexeme of chunks.tsv and the number of chunks that hold it, kept by triggers on chunks; the retriever drops a question''s common words by it.';
COMMENT ON COLUMN chunk_lexemes.lexeme IS 'A lexeme as stored in chunks.tsv (English stem, e.g. "fri" for "fried").';
COMMENT ON COLUMN chunk_lexemes.chunks IS 'Number of chunks whose tsv holds the lexeme.';

-- Counts of the lexemes of a set of tsvectors (a transition table's), lexeme order.
CREATE OR REPLACE FUNCTION linelead_lexeme_counts(rows_tsv tsvector[])
RETURNS TABLE (lexeme text, n bigint)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$
    SELECT lx, count(*) FROM unnest(rows_tsv) AS t(v), unnest(tsvector_to_array(t.v)) AS lx
     GROUP BY lx ORDER BY lx;
$fn$;

COMMENT ON FUNCTION linelead_lexeme_counts(tsvector[]) IS
    'Each lexeme of the given tsvectors and how many of them hold it, in lexeme order (chunk_lexemes upkeep).';

CREATE OR REPLACE FUNCTION linelead_chunk_lexemes_trg() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
AS $fn$
DECLARE
    gone tsvector[];
    came tsvector[];
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM chunk_lexemes;
        RETURN NULL;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        SELECT array_agg(tsv) INTO gone FROM old_rows;
        PERFORM 1 FROM chunk_lexemes WHERE chunk_lexemes.lexeme IN
            (SELECT c.lexeme FROM linelead_lexeme_counts(gone) c) ORDER BY 1 FOR UPDATE;
        UPDATE chunk_lexemes l SET chunks = l.chunks - c.n
          FROM linelead_lexeme_counts(gone) c WHERE l.lexeme = c.lexeme;
        DELETE FROM chunk_lexemes WHERE chunks <= 0;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        SELECT array_agg(tsv) INTO came FROM new_rows;
        INSERT INTO chunk_lexemes AS l (lexeme, chunks)
        SELECT c.lexeme, c.n FROM linelead_lexeme_counts(came) c ORDER BY c.lexeme
        ON CONFLICT (lexeme) DO UPDATE SET chunks = l.chunks + EXCLUDED.chunks;
    END IF;
    RETURN NULL;
END
$fn$;

COMMENT ON FUNCTION linelead_chunk_lexemes_trg() IS
    'Trigger function: keeps chunk_lexemes equal to the lexeme counts of chunks.tsv (statement level).';
CREATE OR REPLACE TRIGGER chunks_lexemes_ins AFTER INSERT ON chunks REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linelead_chunk_lexemes_trg();
CREATE OR REPLACE TRIGGER chunks_lexemes_del AFTER DELETE ON chunks REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linelead_chunk_lexemes_trg();
CREATE OR REPLACE TRIGGER chunks_lexemes_upd AFTER UPDATE ON chunks
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linelead_chunk_lexemes_trg();
CREATE OR REPLACE TRIGGER chunks_lexemes_trunc AFTER TRUNCATE ON chunks
    FOR EACH STATEMENT EXECUTE FUNCTION linelead_chunk_lexemes_trg();

-- The chunks already there.
LOCK TABLE chunks IN SHARE MODE;
TRUNCATE chunk_lexemes;
INSERT INTO chunk_lexemes (lexeme, chunks)
SELECT lx, count(*) FROM chunks, unnest(tsvector_to_array(tsv)) AS lx GROUP BY lx;

REVOKE ALL ON FUNCTION linelead_chunk_lexemes_trg() FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'linelead_app') THEN
        GRANT SELECT ON chunk_lexemes TO linelead_app;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'linelead_reporting') THEN
        GRANT SELECT ON chunk_lexemes TO linelead_reporting;
    END IF;
END
$$;
