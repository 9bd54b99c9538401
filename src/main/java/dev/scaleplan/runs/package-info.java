/** Experiment runs: JSON and CSV ingest with all-or-nothing validation, idempotency by externalId, queries and export. */
package dev.scaleplan.runs;
