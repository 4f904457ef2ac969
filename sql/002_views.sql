-- 002_views.sql — read-only views for a DBA, a BI tool and the manager dashboard.
--
-- Same rules as 001: no BEGIN/COMMIT, safe to meet existing objects. Views run with their
-- owner's rights (the default), so a reader needs SELECT on the view only. Days are computed in
-- the session's TimeZone: `SET TimeZone = 'America/Chicago'` before reading to get store days.

-- One row per message, in conversation order.
CREATE OR REPLACE VIEW conversation_transcripts AS
SELECT m.conversation_id,
       c.created_at AS conversation_started_at,
       row_number() OVER (PARTITION BY m.conversation_id ORDER BY m.id) AS turn,
       m.id AS message_id,
       m.role,
       m.agent,
       m.content,
       m.confidence,
       m.degraded,
       m.cached,
       m.request_id,
       m.created_at
  FROM messages m
  JOIN conversations c ON c.id = m.conversation_id
 ORDER BY m.conversation_id, m.id;

COMMENT ON VIEW conversation_transcripts IS
    'Every conversation as a readable transcript, one row per message, oldest first. Filter on conversation_id.';
COMMENT ON COLUMN conversation_transcripts.conversation_id IS 'The conversation.';
COMMENT ON COLUMN conversation_transcripts.conversation_started_at IS 'When the conversation began.';
COMMENT ON COLUMN conversation_transcripts.turn IS 'Position of the message in its conversation, from 1.';
COMMENT ON COLUMN conversation_transcripts.message_id IS 'messages.id.';
COMMENT ON COLUMN conversation_transcripts.role IS 'user (question) or assistant (answer).';
COMMENT ON COLUMN conversation_transcripts.agent IS 'Agent that handled the message.';
COMMENT ON COLUMN conversation_transcripts.content IS 'Message text.';
COMMENT ON COLUMN conversation_transcripts.confidence IS 'Confidence from 0 to 1.';
COMMENT ON COLUMN conversation_transcripts.degraded IS 'Answered without the LLM because it was unavailable.';
COMMENT ON COLUMN conversation_transcripts.cached IS 'Answered from the cache.';
COMMENT ON COLUMN conversation_transcripts.request_id IS 'HTTP request id of the exchange.';
COMMENT ON COLUMN conversation_transcripts.created_at IS 'When the message was stored.';

-- From the hourly rollup, not the raw log: it covers the whole hourly horizon (400 days by
-- default) and reads a few hundred rows a day instead of every request.
CREATE OR REPLACE VIEW daily_volume_by_agent AS
SELECT d.day,
       d.agent,
       d.requests,
       d.errors,
       round(d.errors::numeric / nullif(d.requests, 0), 4) AS error_rate,
       d.client_errors,
       round((d.duration_ms_sum / nullif(d.requests, 0))::numeric, 1) AS avg_ms,
       round(linelead_latency_quantile(d.buckets, 0.50, d.max_ms)::numeric, 1) AS p50_ms,
       round(linelead_latency_quantile(d.buckets, 0.95, d.max_ms)::numeric, 1) AS p95_ms,
       d.max_ms,
       d.degraded,
       d.cached,
       d.llm_called
  FROM (SELECT h.hour::date AS day,
               coalesce(nullif(h.agent, ''), '(none)') AS agent,
               sum(h.requests) AS requests,
               sum(h.errors) AS errors,
               coalesce(sum(h.requests) FILTER (WHERE h.status BETWEEN 400 AND 499), 0) AS client_errors,
               sum(h.duration_ms_sum) AS duration_ms_sum,
               max(h.duration_ms_max) AS max_ms,
               sum(h.degraded) AS degraded,
               sum(h.cached) AS cached,
               sum(h.llm_called) AS llm_called,
               -- element by element: see linelead_buckets_add() in 001 for why
               ARRAY[
                   sum(h.latency_buckets[1]), sum(h.latency_buckets[2]), sum(h.latency_buckets[3]),
                   sum(h.latency_buckets[4]), sum(h.latency_buckets[5]), sum(h.latency_buckets[6]),
                   sum(h.latency_buckets[7]), sum(h.latency_buckets[8]), sum(h.latency_buckets[9]),
                   sum(h.latency_buckets[10]), sum(h.latency_buckets[11]), sum(h.latency_buckets[12]),
                   sum(h.latency_buckets[13]), sum(h.latency_buckets[14])
               ]::bigint[] AS buckets
          FROM request_log_hourly h
         GROUP BY 1, 2) d
 ORDER BY d.day DESC, d.agent;

COMMENT ON VIEW daily_volume_by_agent IS
    'Requests per day and agent with error rate and latency, from request_log_hourly. Days follow the session TimeZone (whole-hour offsets).';
COMMENT ON COLUMN daily_volume_by_agent.day IS 'Calendar day in the session''s TimeZone.';
COMMENT ON COLUMN daily_volume_by_agent.agent IS 'Agent that answered; "(none)" for requests without an agent (health, documents, auth failures).';
COMMENT ON COLUMN daily_volume_by_agent.requests IS 'Requests served.';
COMMENT ON COLUMN daily_volume_by_agent.errors IS 'Server-side failures (status >= 500).';
COMMENT ON COLUMN daily_volume_by_agent.error_rate IS 'errors / requests, 0 to 1.';
COMMENT ON COLUMN daily_volume_by_agent.client_errors IS 'Requests refused as invalid or unauthorised (status 4xx).';
COMMENT ON COLUMN daily_volume_by_agent.avg_ms IS 'Mean duration in ms.';
COMMENT ON COLUMN daily_volume_by_agent.p50_ms IS 'Median duration in ms, estimated from the latency histogram.';
COMMENT ON COLUMN daily_volume_by_agent.p95_ms IS '95th percentile duration in ms, estimated from the latency histogram.';
COMMENT ON COLUMN daily_volume_by_agent.max_ms IS 'Longest duration in ms.';
COMMENT ON COLUMN daily_volume_by_agent.degraded IS 'Requests answered in degraded mode (LLM down).';
COMMENT ON COLUMN daily_volume_by_agent.cached IS 'Requests answered from the cache.';
COMMENT ON COLUMN daily_volume_by_agent.llm_called IS 'Requests that called the LLM.';

-- Model numbers and error codes the crew mention in questions the equipment agent handled.
-- Text is upper-cased first so "bg-4 e3" and "BG-4 E03" count together.
--   model:  1-4 letters, a hyphen and digits (BG-4, XL-200B), or 1-3 letters and 2-5 digits
--           (C602, TX5000). One digit without a hyphen (CO2, H2O) or a word run into a number
--           (STEP10) is not a model.
--   code:   E or F, optional hyphen, 1-3 digits, written as letter + at least two digits
--           (E3, E-3, E03 -> E03). Codes are not also counted as models.
-- A question naming two models and one code counts once for each (model, code) pair.
CREATE OR REPLACE VIEW top_equipment_problems AS
WITH questions AS (
    SELECT u.conversation_id, u.created_at, upper(u.content) AS text
      FROM messages u
     WHERE u.role = 'user'
       AND (u.agent = 'equipment'
            OR EXISTS (SELECT 1
                         FROM messages a
                        WHERE a.request_id = u.request_id
                          AND a.role = 'assistant'
                          AND (a.agent = 'equipment' OR 'equipment' = ANY (a.agents_consulted))))
), found AS (
    SELECT q.conversation_id, q.created_at,
           (SELECT array_agg(DISTINCT m[1])
              FROM regexp_matches(q.text,
                     '\m([A-Z]{1,4}-[0-9]{1,5}[A-Z0-9]{0,3}|[A-Z]{1,3}[0-9]{2,5}[A-Z]{0,2})\M', 'g') AS m
             WHERE m[1] !~ '^[EF]-?[0-9]{1,3}$') AS models,
           (SELECT array_agg(DISTINCT c[1] || lpad(ltrim(c[2], '0'), 2, '0'))
              FROM regexp_matches(q.text, '\m([EF])-?([0-9]{1,3})\M', 'g') AS c) AS codes
      FROM questions q
)
SELECT model,
       error_code,
       count(*) AS mentions,
       count(DISTINCT f.conversation_id) AS conversations,
       min(f.created_at) AS first_seen,
       max(f.created_at) AS last_seen
  FROM found f
 CROSS JOIN LATERAL unnest(coalesce(f.models, ARRAY[NULL::text])) AS model
 CROSS JOIN LATERAL unnest(coalesce(f.codes, ARRAY[NULL::text])) AS error_code
 WHERE model IS NOT NULL OR error_code IS NOT NULL
 GROUP BY model, error_code
 ORDER BY mentions DESC, last_seen DESC;

COMMENT ON VIEW top_equipment_problems IS
    'Recurring equipment problems: model numbers (BG-4, C602) and error codes (E03) found in equipment questions, most mentioned first.';
COMMENT ON COLUMN top_equipment_problems.model IS 'Model number as written, upper-cased; NULL when the question named only a code.';
COMMENT ON COLUMN top_equipment_problems.error_code IS 'Error code, normalised (E3, E-3, E03 -> E03); NULL when the question named only a model.';
COMMENT ON COLUMN top_equipment_problems.mentions IS 'Questions that mention this model/code pair.';
COMMENT ON COLUMN top_equipment_problems.conversations IS 'Distinct conversations those questions came from.';
COMMENT ON COLUMN top_equipment_problems.first_seen IS 'First time it was asked about.';
COMMENT ON COLUMN top_equipment_problems.last_seen IS 'Latest time it was asked about.';

CREATE OR REPLACE VIEW feedback_by_agent AS
SELECT coalesce(m.agent, '(unknown)') AS agent,
       count(*) FILTER (WHERE f.rating = 'up') AS up,
       count(*) FILTER (WHERE f.rating = 'down') AS down,
       count(*) AS total,
       round((count(*) FILTER (WHERE f.rating = 'up'))::numeric / count(*), 3) AS up_ratio,
       count(f.comment) AS comments,
       max(f.created_at) AS last_feedback_at
  FROM feedback f
  LEFT JOIN messages m ON m.request_id = f.request_id AND m.role = 'assistant'
 GROUP BY 1
 ORDER BY total DESC;

COMMENT ON VIEW feedback_by_agent IS
    'Thumbs up/down per agent (feedback joined to the rated answer by request_id).';
COMMENT ON COLUMN feedback_by_agent.agent IS 'Agent that gave the rated answer; "(unknown)" when the answer is no longer stored.';
COMMENT ON COLUMN feedback_by_agent.up IS 'Ratings "up".';
COMMENT ON COLUMN feedback_by_agent.down IS 'Ratings "down".';
COMMENT ON COLUMN feedback_by_agent.total IS 'All ratings.';
COMMENT ON COLUMN feedback_by_agent.up_ratio IS 'up / total, 0 to 1.';
COMMENT ON COLUMN feedback_by_agent.comments IS 'Ratings that came with a comment.';
COMMENT ON COLUMN feedback_by_agent.last_feedback_at IS 'Most recent rating.';

CREATE OR REPLACE VIEW recent_conversations AS
SELECT c.id AS conversation_id,
       c.created_at AS started_at,
       c.updated_at AS last_activity_at,
       c.message_count,
       fq.first_question,
       la.last_agent,
       ag.agents
  FROM conversations c
  LEFT JOIN LATERAL (SELECT left(m.content, 200) AS first_question
                       FROM messages m
                      WHERE m.conversation_id = c.id AND m.role = 'user'
                      ORDER BY m.id LIMIT 1) fq ON true
  LEFT JOIN LATERAL (SELECT m.agent AS last_agent
                       FROM messages m
                      WHERE m.conversation_id = c.id AND m.role = 'assistant'
                      ORDER BY m.id DESC LIMIT 1) la ON true
  LEFT JOIN LATERAL (SELECT array_agg(DISTINCT m.agent ORDER BY m.agent) AS agents
                       FROM messages m
                      WHERE m.conversation_id = c.id AND m.agent IS NOT NULL) ag ON true
 WHERE c.updated_at > now() - interval '30 days'
 ORDER BY c.updated_at DESC;

COMMENT ON VIEW recent_conversations IS
    'Conversations active in the last 30 days, latest first, with their opening question. Add LIMIT for a dashboard.';
COMMENT ON COLUMN recent_conversations.conversation_id IS 'The conversation.';
COMMENT ON COLUMN recent_conversations.started_at IS 'When it began.';
COMMENT ON COLUMN recent_conversations.last_activity_at IS 'Time of its latest message.';
COMMENT ON COLUMN recent_conversations.message_count IS 'Messages in it (questions and answers).';
COMMENT ON COLUMN recent_conversations.first_question IS 'The first question, cut to 200 characters.';
COMMENT ON COLUMN recent_conversations.last_agent IS 'Agent of the latest answer.';
COMMENT ON COLUMN recent_conversations.agents IS 'All agents involved, alphabetically.';

-- Both roles read every view (the app shows some on the manager dashboard).
DO $grants$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['linelead_app', 'linelead_reporting'] LOOP
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            EXECUTE format('GRANT SELECT ON conversation_transcripts, daily_volume_by_agent, '
                           'top_equipment_problems, feedback_by_agent, recent_conversations TO %I', r);
        ELSE
            RAISE NOTICE 'role % does not exist: its view grants are skipped', r;
        END IF;
    END LOOP;
END
$grants$;
