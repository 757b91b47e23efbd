-- Authorization codes (authorization_code grant with PKCE), stored as SHA-256 hashes of the values
-- sent to the client's redirect URI. A code is good for one exchange; the refresh-token family that
-- exchange starts is named here in advance, so that a code presented twice revokes what the first
-- exchange handed out (RFC 6749 4.1.2).
CREATE TABLE authorization_codes (
    code_hash       bytea PRIMARY KEY,
    client_id       text        NOT NULL,
    redirect_uri    text        NOT NULL,
    subject         text        NOT NULL,
    roles           text[]      NOT NULL,
    scopes          text[]      NOT NULL,
    code_challenge  text        NOT NULL,
    nonce           text,
    family_id       uuid        NOT NULL,
    authenticated_at timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    used_at         timestamptz
);
CREATE INDEX authorization_codes_expiry ON authorization_codes (expires_at);
