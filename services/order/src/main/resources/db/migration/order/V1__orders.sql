-- One row per order. The lines and the address are JSON because they are written once, with the
-- order, and only ever read with it; the saga changes status, tracking_number, cancellation_reason.
-- The idempotency key lives on the order it created: (user_id, idempotency_key) is unique, so two
-- concurrent requests with one key insert one order (the second waits on the index, then sees it).
CREATE TABLE orders (
    id                  uuid        PRIMARY KEY,
    user_id             text        NOT NULL,
    idempotency_key     text        NOT NULL,
    request_hash        text        NOT NULL,
    status              text        NOT NULL CHECK (status IN ('PENDING', 'PAID', 'RESERVED', 'COMPLETED', 'CANCELLED')),
    items               jsonb       NOT NULL,
    total               numeric     NOT NULL CHECK (total >= 0),
    currency            text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    shipping_address    jsonb       NOT NULL,
    payment_method      text        NOT NULL,
    from_cart           boolean     NOT NULL,
    tracking_number     text,
    cancellation_reason text,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    status_since        timestamptz NOT NULL,
    UNIQUE (user_id, idempotency_key),
    CHECK ((status = 'CANCELLED') = (cancellation_reason IS NOT NULL))
);

-- A user's orders, newest first (keyset pages on created_at, id).
CREATE INDEX orders_by_user ON orders (user_id, created_at DESC, id DESC);

-- The step-timeout sweeper's lookup: orders still in flight, longest in their status first.
CREATE INDEX orders_in_flight ON orders (status_since) WHERE status IN ('PENDING', 'PAID', 'RESERVED');

-- What happened to each order, in the order it was recorded.
CREATE TABLE order_timeline (
    seq      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id uuid        NOT NULL REFERENCES orders (id),
    step     text        NOT NULL,
    at       timestamptz NOT NULL,
    detail   text,
    ignored  boolean     NOT NULL DEFAULT false
);

CREATE INDEX order_timeline_by_order ON order_timeline (order_id, seq);
