-- API keys. Only a SHA-256 hash of each key is stored: keys are 256-bit random secrets (or a
-- bootstrap key of at least 32 characters chosen by the operator), so a fast hash is enough to
-- make a stolen table useless, and lets every request look its key up by an index.
--
-- An institution key belongs to one institution and carries scopes (ingest, read); an admin key
-- covers every institution and the platform and cluster endpoints. The limits are per-key
-- overrides of the configured defaults (NULL: use the default). A revoked key is kept, with
-- revoked_at set, so that `keys list` still shows it.
--
-- Every node needs the keys, and there are few of them: on Citus this is a reference table.
-- Its version number leaves room below for migrations of other features.

CREATE TABLE api_keys (
    id                  BIGSERIAL    PRIMARY KEY,
    key_hash            BYTEA        NOT NULL,
    key_prefix          VARCHAR(32)  NOT NULL,
    kind                VARCHAR(16)  NOT NULL,
    institution_id      BIGINT,
    scopes              TEXT[]       NOT NULL DEFAULT '{}',
    events_per_second   INTEGER,
    requests_per_second INTEGER,
    description         VARCHAR(200),
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    revoked_at          TIMESTAMPTZ,
    CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash),
    CONSTRAINT api_keys_key_hash_sha256 CHECK (octet_length(key_hash) = 32),
    CONSTRAINT api_keys_kind CHECK (kind IN ('institution', 'admin')),
    CONSTRAINT api_keys_institution_of_kind CHECK (
        (kind = 'admin' AND institution_id IS NULL) OR (kind = 'institution' AND institution_id > 0)),
    CONSTRAINT api_keys_scopes CHECK (scopes <@ ARRAY['ingest', 'read']::TEXT[]),
    CONSTRAINT api_keys_limits_positive CHECK (
        (events_per_second IS NULL OR events_per_second > 0) AND (requests_per_second IS NULL OR requests_per_second > 0))
);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        PERFORM create_reference_table('api_keys');
    END IF;
END
$$;
