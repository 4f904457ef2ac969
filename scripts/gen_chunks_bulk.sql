-- gen_chunks_bulk.sql - a synthetic knowledge base for retrieval benchmarks, fast.
--
--   psql -v n=100000 -f scripts/gen_chunks_bulk.sql   (n chunks; default 100000; as the owner)
--   psql -c "DELETE FROM documents WHERE source_key = 'synthetic:load'"   to remove it
--
-- Like gen_chunks.sql (one document "synthetic:load", bodies of about 200 words drawn from the
-- real chunks' vocabulary, a model number SX-nnn and an error code Ennn each), but in one
-- INSERT ... SELECT: a pool of 4,000 random 50-word sentences is drawn once (200k word picks), and
-- each chunk concatenates four of them, so the cost is the tsvector, not 20M random() calls.  The GIN
-- indexes are dropped around the load and rebuilt once (as 001/003 define them).
\if :{?n}
\else
\set n 100000
\endif
-- Words as rows, not one array: subscripting a large array detoasts all of it on every access,
-- which is what made gen_chunks.sql slow.
CREATE TEMP TABLE vocab AS
SELECT row_number() OVER () AS i, w
  FROM (SELECT regexp_split_to_table(lower(body), '[^a-z0-9]+') AS w
          FROM chunks
         WHERE document_id NOT IN (SELECT id FROM documents WHERE source_key = 'synthetic:load')) t
 WHERE length(w) > 1;
CREATE TEMP TABLE picks AS
SELECT s, k, 1 + floor(random() * (SELECT count(*) FROM vocab))::bigint AS i
  FROM generate_series(0, 3999) AS s, generate_series(1, 50) AS k;
CREATE TEMP TABLE pool AS
SELECT p.s, string_agg(v.w, ' ' ORDER BY p.k) AS sentence
  FROM picks p JOIN vocab v USING (i) GROUP BY p.s;
ANALYZE pool;

BEGIN;
INSERT INTO documents (title, category, source, source_key, bytes, chunk_count, content)
VALUES ('Synthetic load', 'equipment', 'scripts/gen_chunks_bulk.sql', 'synthetic:load', 0, :n, '')
ON CONFLICT (source_key) DO UPDATE SET updated_at = now(), chunk_count = EXCLUDED.chunk_count
RETURNING id AS synthetic_id \gset

DELETE FROM chunks WHERE document_id = :synthetic_id;
DROP INDEX IF EXISTS chunks_tsv_idx, chunks_body_trgm_idx, chunks_heading_trgm_idx, chunks_codes_idx;

INSERT INTO chunks (document_id, ordinal, title, category, section, body)
SELECT :synthetic_id, g,
       'Synthetic manual ' || (g % 500),
       (ARRAY['equipment', 'safety', 'operations', 'training'])[1 + g % 4],
       'Section ' || (g % 37),
       p1.sentence || '. ' || p2.sentence || '. ' || p3.sentence || '. ' || p4.sentence ||
       '. Model SX-' || (g % 997) || ' shows code E' || (100 + g % 900) || '.'
  FROM generate_series(1::bigint, :n) AS g
  JOIN pool p1 ON p1.s = (g * 7919) % 4000
  JOIN pool p2 ON p2.s = (g * 104729) % 4000
  JOIN pool p3 ON p3.s = (g * 1299709) % 4000
  JOIN pool p4 ON p4.s = (g * 15485863) % 4000;

CREATE INDEX IF NOT EXISTS chunks_tsv_idx ON chunks USING gin (tsv);
CREATE INDEX IF NOT EXISTS chunks_body_trgm_idx ON chunks USING gin (body gin_trgm_ops);
CREATE INDEX IF NOT EXISTS chunks_heading_trgm_idx ON chunks USING gin (heading gin_trgm_ops);
CREATE INDEX IF NOT EXISTS chunks_codes_idx ON chunks USING gin (codes);
COMMIT;
ANALYZE chunks;
SELECT count(*) AS chunks FROM chunks;
