-- bench/sql/chunks.sql - grow the knowledge base to :target chunks with synthetic
-- manuals, in bulk (psql -v target=100000 -f chunks.sql).  Run as the owner.
--
-- Each synthetic document is a "manual" of 50 chunks.  Bodies are 60-140 words
-- drawn from a QSR vocabulary with a skewed (quadratic) distribution, so common
-- words ("temperature", "fryer", "clean") match many chunks, as in real manuals:
-- the retrieval queries are measured against the worst realistic case, not
-- against rows they can never match.  Titles carry model numbers and sections
-- error codes, for the trigram side of retrieval.  Idempotent by target: it only
-- adds what is missing (documents with source_key 'bench:synthetic:N').
--
-- Bulk load as a DBA would do it: the GIN indexes on chunks (tsv, trigram on
-- body and heading) are dropped, the rows inserted, and the indexes recreated
-- from their own definitions (pg_get_indexdef), which builds them sorted and is
-- several times faster than maintaining them row by row.  The indexes that
-- result are the same as the migration's.  This is a throw-away bench database.
\set ON_ERROR_STOP on
\set QUIET on
SET synchronous_commit = off;
SET maintenance_work_mem = '256MB';
SELECT setseed(0.8) \gset
CREATE TEMP TABLE bench_gin AS
SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
 WHERE i.indrelid = 'chunks'::regclass AND a.amname = 'gin';
BEGIN;
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT name FROM bench_gin LOOP EXECUTE format('DROP INDEX %I', r.name); END LOOP;
END $$;

CREATE TEMP TABLE bench_vocab AS
SELECT string_to_array(
 'temperature fryer grill clean oil heat minutes degrees check replace filter manager '
 'shift sanitize wash hands cook hold cabinet ice machine freezer cooler walk-in door '
 'gasket probe thermometer calibrate timer alarm error code reset power breaker switch '
 'burner element thermostat platen upper lower plate release sheet scraper drain valve '
 'pump compressor condenser coil fan motor belt blade slicer knife glove apron towel '
 'bucket chemical label date rotate stock receive delivery invoice order count cash drawer '
 'register headset battery base station drive-thru window speaker screen printer ticket '
 'customer complaint refund coupon schedule break training quiz sign-off checklist '
 'opening closing procedure step warning caution danger burn cut slip fire extinguisher '
 'hood suppression first aid allergen peanut milk egg wheat soy fish shellfish sesame '
 'chicken beef pork burger patty bun lettuce tomato cheese sauce fries nuggets shake cone '
 'coffee brewer urn tea soda syrup carbonator nozzle lever handle hopper auger mix level '
 'sensor light display button panel menu setting program cycle service technician call '
 'warranty part number model serial unit store crew lead owner supervisor district '
 'weekly daily monthly inspection log record record-keeping health department inspector '
 'pest rodent fly trap spray vent grease trap floor drain mat wet sign ladder lift '
 'lock tag unplug cool-down boil-out skim filter-paper crumb basket rack tray pan lid wrap',
 ' ') AS v;

WITH cfg AS (SELECT :target::int AS target),
have AS (SELECT count(*)::int AS n FROM documents WHERE source_key LIKE 'bench:synthetic:%'),
newdocs AS (
    INSERT INTO documents (title, category, source, source_key, content_hash, content, bytes, chunk_count)
    SELECT format('Synthetic %s manual %s-%s', (ARRAY['grill','fryer','freezer','ice machine','oven',
                  'holding cabinet','dish machine','brewer'])[1 + d % 8],
                  (ARRAY['BG','FR','SF','IM','OV','HC','DM','BR'])[1 + d % 8], d),
           (ARRAY['equipment','safety','operations','training','equipment'])[1 + d % 5],
           'bench', 'bench:synthetic:' || d, md5(d::text), NULL, 0, 50
      FROM have, cfg, generate_series(have.n + 1, (cfg.target + 49) / 50) AS d
    RETURNING id, title, category
)
INSERT INTO chunks (document_id, ordinal, title, category, section, body)
SELECT nd.id, o, nd.title, nd.category,
       CASE WHEN o % 10 = 3 THEN format('Error E%s', lpad((o % 20)::text, 2, '0'))
            ELSE (ARRAY['Troubleshooting','Cleaning','Daily checks','Calibration','Safety',
                        'Parts','Startup','Shutdown','Maintenance','Filters'])[1 + o % 10] || ' ' || o END,
       (SELECT string_agg(bv.v[1 + floor(array_length(bv.v, 1) * random() ^ 2)::int], ' ')
          FROM bench_vocab bv, generate_series(1, 60 + (nd.id * 7 + o * 13) % 81) AS w
         WHERE nd.id IS NOT NULL)
  FROM newdocs nd, generate_series(0, 49) AS o;

DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT def FROM bench_gin LOOP EXECUTE r.def; END LOOP;
END $$;
COMMIT;
ANALYZE documents;
ANALYZE chunks;
SELECT count(*) AS chunks FROM chunks \gset
\echo chunks :chunks
