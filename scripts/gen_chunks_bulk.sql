-- gen_chunks_bulk.sql - a synthetic knowledge base for retrieval benchmarks, fast.
--
--   psql -v n=100000 -f scripts/gen_chunks_bulk.sql   (n chunks; default 100000; as the owner)
--   psql -c "DELETE FROM documents WHERE source_key = 'synthetic:load'"   to remove it
--
-- Like gen_chunks.sql (one document "synthetic:load", bodies of about 200 words drawn from the
-- real chunks' vocabulary, a model number SX-nnn and an error code Ennn each), but in one
-- INSERT ... SELECT: a pool of 4,000 random 50-word sentences is drawn once, and each chunk
-- concatenates four of them, so the cost is the tsvector, not 20M random() calls.  The GIN
-- indexes are dropped around the load and rebuilt once (as 001/003 define them).
\if :{?n}
\else
\set n 100000
\endif
CREATE TEMP TABLE vocab AS
SELECT array_agg(w) AS words
  FROM (SELECT regexp_split_to_table(lower(body), '[^a-z0-9]+') AS w
          FROM chunks
         WHERE document_id NOT IN (SELECT id FROM documents WHERE source_key = 'synthetic:load')) t
 WHERE length(w) > 1;

CREATE TEMP TABLE pool AS
SELECT s, (SELECT string_agg(v.words[1 + floor(random() * cardinality(v.words))::int], ' ')
             FROM vocab v, generate_series(1, 50) AS k WHERE s > 0) AS sentence
  FROM generate_series(0, 3999) AS s;
CREATE TEMP TABLE pool_arr AS SELECT array_agg(sentence ORDER BY s) AS a FROM pool;

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
       p.a[1 + (g * 7919) % 4000] || '. ' || p.a[1 + (g * 104729) % 4000] || '. ' ||
       p.a[1 + (g * 15485863) % 4000] || '. ' || p.a[1 + (g * 32452843) % 4000] ||
       '. Model SX-' || (g % 997) || ' shows code E' || (100 + g % 900) || '.'
  FROM generate_series(1, :n) AS g, pool_arr p;

CREATE INDEX IF NOT EXISTS chunks_tsv_idx ON chunks USING gin (tsv);
CREATE INDEX IF NOT EXISTS chunks_body_trgm_idx ON chunks USING gin (body gin_trgm_ops);
CREATE INDEX IF NOT EXISTS chunks_heading_trgm_idx ON chunks USING gin (heading gin_trgm_ops);
CREATE INDEX IF NOT EXISTS chunks_codes_idx ON chunks USING gin (codes);
ANALYZE chunks;
SELECT count(*) AS chunks FROM chunks;
