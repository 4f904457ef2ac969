/* orchestrator.h - placeholder */
