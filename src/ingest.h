/* ingest.h - placeholder */
