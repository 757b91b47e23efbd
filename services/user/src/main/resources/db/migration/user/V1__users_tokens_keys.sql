-- Accounts. Emails are compared in lower case: the unique index is what makes a taken email a 409
-- even when two registrations race.
CREATE TABLE users (
    id            uuid PRIMARY KEY,
    email         text        NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    password_hash text        NOT NULL,
    roles         text[]      NOT NULL,
    created_at    timestamptz NOT NULL
);
CREATE UNIQUE INDEX users_email ON users (lower(email));

-- Refresh tokens, stored as SHA-256 hashes of the opaque values handed out. Each use rotates: the
-- token is marked used and a new one of the same family is issued. A used token presented again
-- means it leaked, so the whole family is revoked.
CREATE TABLE refresh_tokens (
    token_hash  bytea PRIMARY KEY,
    family_id   uuid        NOT NULL,
    subject     text        NOT NULL,
    roles       text[]      NOT NULL,
    scopes      text[]      NOT NULL,
    issued_at   timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_expiry ON refresh_tokens (expires_at);

-- Signing keys. The newest unretired key signs; retired keys stay published until every token they
-- signed has expired. Public keys are plain JWKs; private keys are AES-256-GCM ciphertexts.
CREATE TABLE signing_keys (
    kid          text PRIMARY KEY,
    public_jwk   text        NOT NULL,
    private_key  bytea       NOT NULL,
    created_at   timestamptz NOT NULL,
    retired_at   timestamptz
);
