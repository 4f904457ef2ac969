-- bench/sql/chunks.sql - grow the knowledge base to :target chunks with synthetic
-- manuals, in bulk (psql -v target=100000 -f chunks.sql).  Run as the owner.
--
-- Each synthetic document is a "manual" of 50 chunks for one of 8 equipment
-- classes; bodies are 60-140 words (vocabularies below).  Titles carry model numbers and sections
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

-- Vocabularies (psql variables, folded into the query as constant arrays: a
-- table column would be detoasted for every word drawn).  A chunk of a manual
-- for equipment class k draws half its words from that class's topic list,
-- 30% from the general QSR list and 20% from 5,000 rare pseudo-words with a
-- skewed distribution, so a question's words match a few % of the chunks,
-- as in a real mixed knowledge base, not all of them.
\set topic0 'grill platen upper lower plate release sheet gap calibrate clamshell sear patty burger bun toaster heat element thermocouple'
\set topic1 'fryer oil vat basket filter boil-out skim crumb high-limit thermostat burner pilot gas drain fries nuggets heat melt'
\set topic2 'freezer soft-serve mix hopper auger cone shake viscosity beater draw valve heat-treatment cylinder freeze-up lubricant'
\set topic3 'ice machine evaporator bin harvest water filter scale descale sanitize curtain thin cubes float valve condenser'
\set topic4 'oven conveyor belt impinger toaster heat element thermostat door hinge fan cook time bake rack preheat'
\set topic5 'holding cabinet tray timer humidity slot hold temperature heat display alarm fan door drawer'
\set topic6 'dish machine wash rinse sanitizer chlorine quat detergent arm nozzle drain booster heater ppm rack'
\set topic7 'brewer coffee urn tea spray-head basket filter water heater thermostat leak carafe grind dispense syrup'
\set general 'temperature clean check replace manager shift wash hands cook hold cooler walk-in door gasket probe thermometer timer alarm error code reset power breaker switch drain valve pump compressor coil fan motor blade slicer knife glove apron towel bucket chemical label date rotate stock receive delivery invoice order count cash drawer register headset battery station window speaker screen printer ticket customer complaint refund schedule break training quiz sign-off checklist opening closing procedure step warning caution danger burn cut slip fire extinguisher hood suppression allergen peanut milk egg wheat soy fish shellfish sesame chicken beef pork lettuce tomato cheese sauce lever handle level sensor light display button panel menu setting program cycle service technician call warranty part number model serial unit store crew lead owner supervisor weekly daily monthly inspection log record inspector pest rodent fly trap spray vent grease floor mat wet sign ladder lift lock tag unplug cool-down tray pan lid wrap'


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
       (SELECT string_agg(CASE WHEN x < 0.5 THEN v.t[1 + floor(array_length(v.t, 1) * y)::int]
                               WHEN x < 0.8 THEN v.g[1 + floor(array_length(v.g, 1) * y)::int]
                               ELSE 'x' || floor(5000 * y ^ 3)::int END, ' ')
          FROM (SELECT string_to_array((ARRAY[:'topic0', :'topic1', :'topic2', :'topic3', :'topic4',
                                              :'topic5', :'topic6', :'topic7'])[array_position(ARRAY['grill','fryer','freezer','ice machine','oven','holding cabinet',
                                              'dish machine','brewer'], substring(nd.title from '^Synthetic (.*) manual'))], ' ') AS t,
                       string_to_array(:'general', ' ') AS g) v,
               LATERAL (SELECT random() AS x, random() AS y, w FROM generate_series(1, 60 + (nd.id * 7 + o * 13) % 81) AS w) r)
  FROM newdocs nd, generate_series(0, 49) AS o;

DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT def FROM bench_gin LOOP EXECUTE r.def; END LOOP;
END $$;
COMMIT;
ANALYZE documents;
ANALYZE chunks;
SELECT count(*) AS chunks FROM chunks \gset
\echo chunks :chunks
