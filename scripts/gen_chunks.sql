-- gen_chunks.sql - a synthetic knowledge base for retrieval benchmarks.
--
--   psql -v n=100000 -f scripts/gen_chunks.sql      (n chunks; default 100000)
--   psql -c "DELETE FROM documents WHERE source_key = 'synthetic:load'"   to remove it
--
-- One document ("synthetic:load") whose n chunks are 200 words drawn at random
-- from the vocabulary of the real chunks, plus a model number (SX-nnn) and an
-- error code (Ennn) each, so full-text and trigram searches meet realistic
-- term frequencies.  Re-running replaces the synthetic chunks.
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

INSERT INTO documents (title, category, source, source_key, bytes, chunk_count)
VALUES ('Synthetic load', 'equipment', 'scripts/gen_chunks.sql', 'synthetic:load', 0, :n)
ON CONFLICT (source_key) DO UPDATE SET updated_at = now(), chunk_count = EXCLUDED.chunk_count
RETURNING id AS synthetic_id \gset

DELETE FROM chunks WHERE document_id = :synthetic_id;

INSERT INTO chunks (document_id, ordinal, title, category, section, body)
SELECT :synthetic_id, g,
       'Synthetic manual ' || (g % 500),
       (ARRAY['equipment', 'safety', 'operations', 'training'])[1 + g % 4],
       'Section ' || (g % 37),
       (SELECT string_agg(v.words[1 + floor(random() * cardinality(v.words))::int], ' ')
          FROM vocab v, generate_series(1, 200) AS k
         WHERE g > 0)
       || ' Model SX-' || (g % 997) || ' shows code E' || (100 + g % 900) || '.'
  FROM generate_series(1, :n) AS g;

ANALYZE chunks;
SELECT count(*) AS chunks FROM chunks;
