-- 006_emergency_sections.sql - the link from an emergency to its procedure.
--
-- A manual's header may name the section that is the store's procedure for
-- one of the fixed emergencies of data/answers/emergencies.tsv:
--
--     emergency: fire | Grease Fire Steps in Order
--
-- Ingesting it sets chunks.emergency on that section's chunks, so the answer
-- path finds the procedure by this explicit tag (one index lookup), never by
-- the luck of full-text retrieval.  When two documents tag the same
-- emergency, the one ingested last wins (a store's own procedure replaces the
-- shipped one).

ALTER TABLE chunks ADD COLUMN IF NOT EXISTS emergency text
    CHECK (emergency ~ '^[a-z][a-z0-9-]{0,39}$');

CREATE INDEX IF NOT EXISTS chunks_emergency_idx ON chunks (emergency, document_id DESC, ordinal)
    WHERE emergency IS NOT NULL;

COMMENT ON COLUMN chunks.emergency IS
    'The emergency (data/answers/emergencies.tsv id) whose procedure this section is, from the manual''s "emergency:" header line; NULL for most chunks';

-- A section is read whole (all its chunks) once the ranker has chosen it:
-- one index lookup per (document, section).
CREATE INDEX IF NOT EXISTS chunks_document_section_idx ON chunks (document_id, section, ordinal);
