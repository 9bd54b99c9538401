-- A run sent without externalId is identified by its content: sending the same values again is the same run
-- (answered `unchanged`), not a second copy. Flops count only when the client gave them (derived flops follow
-- the project's flopsPerToken, which may change between uploads). float8 and jsonb print canonically
-- (shortest exact digits; jsonb keys sorted), so equal values give equal text.
CREATE FUNCTION run_content_hash(parameters double precision, tokens double precision, flops double precision,
                                 flops_given boolean, loss double precision, active_parameters double precision,
                                 unique_tokens double precision, dataset text, tags jsonb, metrics jsonb,
                                 learning_rate double precision, batch_size bigint, experts integer,
                                 total_parameters double precision)
    RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN md5(parameters::text || '|' || tokens::text || '|' || CASE WHEN flops_given THEN flops::text ELSE '-' END
        || '|' || loss::text || '|' || coalesce(active_parameters::text, '-') || '|' || coalesce(unique_tokens::text, '-')
        || '|' || coalesce(quote_literal(dataset), '-') || '|' || tags::text || '|' || metrics::text
        || '|' || coalesce(learning_rate::text, '-') || '|' || coalesce(batch_size::text, '-')
        || '|' || experts::text || '|' || total_parameters::text);

ALTER TABLE run ADD COLUMN content_hash text;

-- Runs already stored twice without externalId keep their rows; only the first of each copy is the one a
-- later upload matches.
UPDATE run r SET content_hash = h.content_hash
FROM (SELECT DISTINCT ON (project_id, content_hash) id, content_hash
      FROM (SELECT id, project_id,
                   run_content_hash(parameters, tokens, flops, flops_given, loss, active_parameters, unique_tokens,
                                    dataset, tags, metrics, learning_rate, batch_size, experts, total_parameters)
                       AS content_hash
            FROM run WHERE external_id IS NULL) hashed
      ORDER BY project_id, content_hash, id) h
WHERE r.id = h.id;

CREATE UNIQUE INDEX run_content_hash_unique ON run (project_id, content_hash) WHERE content_hash IS NOT NULL;
