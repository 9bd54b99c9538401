-- API keys. Only a SHA-256 hash of each secret is stored; the secret is shown once, at creation.
CREATE TABLE api_key (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL,
    prefix      text        NOT NULL,
    secret_hash text        NOT NULL UNIQUE,
    scopes      text[]      NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);

CREATE INDEX api_key_active_idx ON api_key (id) WHERE revoked_at IS NULL;
