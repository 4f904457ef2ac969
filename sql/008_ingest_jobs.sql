-- 008_ingest_jobs.sql - uploads read in the background (issue 13).
--
-- Same rules as 001: applied in one transaction by `linelead migrate`, no BEGIN/COMMIT.
--
-- A scanned PDF is read by OCR, a few seconds a page: longer than a request may take.  POST
-- /documents then stores the upload here and answers 202 with the job's id; the pool's job
-- runner (src/jobs.c) takes each queued job exactly once (UPDATE ... WHERE id = (SELECT ...
-- FOR UPDATE SKIP LOCKED)), woken by NOTIFY ingest_jobs, reports its progress page by page,
-- and publishes the document in one transaction (ingest_document): answers never see half a
-- manual.  A job whose runner died (no progress for lease_seconds) is queued again.

CREATE TABLE IF NOT EXISTS ingest_jobs (
    id            bigserial PRIMARY KEY,
    state         text NOT NULL DEFAULT 'queued'
                  CONSTRAINT ingest_jobs_state_check CHECK (state IN ('queued', 'running', 'done', 'failed')),
    title         text NOT NULL CONSTRAINT ingest_jobs_title_check CHECK (length(title) BETWEEN 1 AND 200),
    category      text NOT NULL,
    source        text NOT NULL,
    source_key    text NOT NULL,
    format        text NOT NULL DEFAULT 'auto',
    media_type    text NOT NULL DEFAULT '',
    body          bytea,
    pages_total   integer NOT NULL DEFAULT 0,
    pages_done    integer NOT NULL DEFAULT 0,
    attempts      integer NOT NULL DEFAULT 0,
    document_id   bigint REFERENCES documents (id) ON DELETE SET NULL,
    report        jsonb,
    error         text,
    api_key_id    bigint,
    created_at    timestamptz NOT NULL DEFAULT now(),
    started_at    timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz
);

CREATE INDEX IF NOT EXISTS ingest_jobs_queued_idx ON ingest_jobs (id) WHERE state IN ('queued', 'running');

COMMENT ON TABLE ingest_jobs IS
    'Uploads read in the background (scanned PDFs through OCR): queued by POST /documents (202), taken once by the job runner, published in one transaction. GET /documents/jobs/{id} reads a row.';
COMMENT ON COLUMN ingest_jobs.id IS 'Job id, as returned by POST /documents (job_id) and read at GET /documents/jobs/{id}.';
COMMENT ON COLUMN ingest_jobs.state IS 'queued (waiting), running (taken by a runner), done (document_id published), failed (error says why; nothing stored).';
COMMENT ON COLUMN ingest_jobs.title IS 'The document''s title, as the upload gave it.';
COMMENT ON COLUMN ingest_jobs.category IS 'The document''s category (equipment, safety, operations, training, general).';
COMMENT ON COLUMN ingest_jobs.source IS 'The source shown to people ("api" when none was given).';
COMMENT ON COLUMN ingest_jobs.source_key IS 'The document''s identity: a document with the same key is replaced.';
COMMENT ON COLUMN ingest_jobs.format IS 'The format a person named (auto, markdown, text, pdf, docx).';
COMMENT ON COLUMN ingest_jobs.media_type IS 'The upload''s Content-Type, a hint for detection.';
COMMENT ON COLUMN ingest_jobs.body IS 'The uploaded bytes; cleared when the job ends.';
COMMENT ON COLUMN ingest_jobs.pages_total IS 'Pages to read (a PDF''s pages); 0 until known.';
COMMENT ON COLUMN ingest_jobs.pages_done IS 'Pages read so far (the progress the CLI and dashboard show).';
COMMENT ON COLUMN ingest_jobs.attempts IS 'How many times a runner took the job (more than 1: a runner died on it).';
COMMENT ON COLUMN ingest_jobs.document_id IS 'The document published by the job (state done).';
COMMENT ON COLUMN ingest_jobs.report IS 'The ingest report (sections, tables, fault codes, warnings, doubtful parts) of a done job.';
COMMENT ON COLUMN ingest_jobs.error IS 'Why a failed job failed, in words for the person who uploaded it.';
COMMENT ON COLUMN ingest_jobs.api_key_id IS 'The API key that uploaded it (api_keys.id); NULL for the bootstrap key or the CLI.';
COMMENT ON COLUMN ingest_jobs.created_at IS 'When the upload was accepted.';
COMMENT ON COLUMN ingest_jobs.started_at IS 'When a runner last took it.';
COMMENT ON COLUMN ingest_jobs.updated_at IS 'The runner''s last sign of life (each page): the lease.';
COMMENT ON COLUMN ingest_jobs.finished_at IS 'When it ended (done or failed).';

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'linelead_app') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON ingest_jobs TO linelead_app;
        GRANT USAGE ON SEQUENCE ingest_jobs_id_seq TO linelead_app;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'linelead_reporting') THEN
        GRANT SELECT (id, state, title, category, source, format, pages_total, pages_done, attempts,
                      document_id, report, error, created_at, started_at, updated_at, finished_at)
            ON ingest_jobs TO linelead_reporting;
    END IF;
END
$$;
