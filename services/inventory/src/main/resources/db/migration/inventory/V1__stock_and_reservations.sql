-- Stock per product and warehouse. on_hand is what the warehouse holds; reserved is the part of it
-- promised to paid orders; available = on_hand - reserved. The CHECKs are the last line of defence
-- against overselling: a bug in the application cannot commit a negative or over-reserved row.
CREATE TABLE stock (
    product_id uuid        NOT NULL,
    warehouse  text        NOT NULL CHECK (warehouse ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(warehouse) <= 64),
    on_hand    bigint      NOT NULL CHECK (on_hand >= 0),
    reserved   bigint      NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    version    bigint      NOT NULL DEFAULT 1 CHECK (version >= 1),
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (product_id, warehouse),
    CHECK (reserved <= on_hand)
);

-- One row per order this service has decided on: it makes a reservation idempotent per order (not
-- only per event id) and remembers a cancellation that arrived before the payment (RELEASED, no lines).
CREATE TABLE reservations (
    order_id   text        PRIMARY KEY CHECK (length(order_id) BETWEEN 1 AND 100),
    state      text        NOT NULL CHECK (state IN ('RESERVED', 'INSUFFICIENT', 'RELEASED', 'COMMITTED')),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

-- What a reservation holds: a line per product and warehouse the order's quantity was taken from.
CREATE TABLE reservation_lines (
    order_id   text    NOT NULL REFERENCES reservations (order_id),
    product_id uuid    NOT NULL,
    warehouse  text    NOT NULL,
    quantity   integer NOT NULL CHECK (quantity > 0),
    state      text    NOT NULL CHECK (state IN ('RESERVED', 'RELEASED', 'COMMITTED')),
    PRIMARY KEY (order_id, product_id, warehouse)
);
