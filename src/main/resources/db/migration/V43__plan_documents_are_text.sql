-- A plan's request and answer are documents the database never looks inside (no query reads a field of
-- them): kept as the JSON text the service wrote, they are no longer parsed into jsonb on every plan's
-- INSERT and printed back on every read. Measured on PostgreSQL 15: 74 µs per 3.5 kB document inserted as
-- jsonb, 17 µs as text (BENCHMARKS.md). Rows written as jsonb read back as its text form, which is JSON.
ALTER TABLE plan
    ALTER COLUMN request TYPE text USING request::text,
    ALTER COLUMN result TYPE text USING result::text;
