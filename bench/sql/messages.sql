-- bench/sql/messages.sql - grow the messages table to about :target rows
-- (psql -v target=1000000 -v prefix=bench-m- -f messages.sql), in bulk, as the owner.
--
-- Conversations '0::prefix N' (owner 0, sql/007) of 20 messages each (user / assistant turns, with
-- request ids, citations and steps like the application writes), spread over
-- the last 30 days.  The statement-level triggers keep message_count.  Adds
-- only what is missing, so it can be run again with a larger target.
\set ON_ERROR_STOP on
\set QUIET on
SET synchronous_commit = off;
SELECT count(*) AS have FROM conversations WHERE id LIKE '0:' || :'prefix' || '%' \gset
SELECT (:target + 19) / 20 AS want \gset
BEGIN;
INSERT INTO conversations (id, created_at, updated_at)
SELECT '0:' || :'prefix' || c, now() - (c % 43200) * interval '1 minute', now()
  FROM generate_series(:have + 1, :want) AS c
ON CONFLICT DO NOTHING;
INSERT INTO messages (conversation_id, role, content, agent, agents_consulted, confidence, priority,
                      citations, safety_warnings, steps, request_id, model, processing_ms, created_at)
SELECT '0:' || :'prefix' || c,
       CASE WHEN t % 2 = 0 THEN 'user' ELSE 'assistant' END,
       CASE WHEN t % 2 = 0
            THEN (ARRAY['fryer not heating', 'grill shows E03', 'how long to hold fries',
                        'walk-in at 45 degrees', 'close the store checklist'])[1 + (c + t) % 5]
            ELSE repeat('Check the high-limit reset and the breaker; call service if it trips again. ', 4) END,
       (ARRAY['equipment', 'safety', 'operations', 'training'])[1 + c % 4],
       ARRAY[(ARRAY['equipment', 'safety', 'operations', 'training'])[1 + c % 4]],
       CASE WHEN t % 2 = 1 THEN 0.8 END,
       'normal',
       CASE WHEN t % 2 = 1 THEN '[{"document_id": 1, "title": "Fryer", "section": "Heating", "score": 0.7}]'::jsonb
            ELSE '[]'::jsonb END,
       '[]'::jsonb,
       CASE WHEN t % 2 = 1 THEN '["Check the breaker", "Reset the high limit", "Call service"]'::jsonb
            ELSE '[]'::jsonb END,
       :'prefix' || c || '-' || (t / 2),
       CASE WHEN t % 2 = 1 THEN 'local' END,
       CASE WHEN t % 2 = 1 THEN 4.0 END,
       now() - (c % 43200) * interval '1 minute' + t * interval '10 seconds'
  FROM generate_series(:have + 1, :want) AS c, generate_series(0, 19) AS t;
COMMIT;
ANALYZE conversations;
ANALYZE messages;
SELECT count(*) AS messages FROM messages \gset
\echo messages :messages
