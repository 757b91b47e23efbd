-- One row per cart: the lines are one JSON array because they are only ever read and written
-- together. version makes writes conditional (no lost update between two requests).
CREATE TABLE carts (
  user_id    text        PRIMARY KEY,
  lines      jsonb       NOT NULL,
  version    bigint      NOT NULL CHECK (version > 0),
  updated_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);

-- The sweep deletes expired carts oldest first.
CREATE INDEX carts_expires_at ON carts (expires_at);
