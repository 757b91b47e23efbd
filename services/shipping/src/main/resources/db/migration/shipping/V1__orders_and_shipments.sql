-- What the service knows of each order of the saga. OrderCreated (order-events) and InventoryReserved
-- (inventory-events) travel on different topics, so either may arrive first: each half is kept here
-- until the other comes, and the row's lock serialises the listeners of one order. A cancellation
-- that arrives first is remembered (outcome CANCELLED), so a late reservation ships nothing.
CREATE TABLE shipping_orders (
    order_id         text        PRIMARY KEY CHECK (length(order_id) BETWEEN 1 AND 100),
    user_id          text,
    items            jsonb,
    shipping_address jsonb,
    ordered_at       timestamptz,
    reserved_lines   jsonb,
    reserved_at      timestamptz,
    cancelled_at     timestamptz,
    cancel_reason    text,
    outcome          text        NOT NULL DEFAULT 'PENDING'
                                 CHECK (outcome IN ('PENDING', 'SHIPPED', 'FAILED', 'CANCELLED')),
    failure_reason   text,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);

-- The nine-digit serials behind tracking numbers (TrackingNumbers scrambles them): unique without
-- retries, and never reused, even by a rolled-back transaction.
CREATE SEQUENCE shipment_serial START 1 MAXVALUE 999999999 NO CYCLE;

-- One shipment per order at most (the UNIQUE order_id is the last defence against a double shipment).
CREATE TABLE shipments (
    id              uuid        PRIMARY KEY,
    order_id        text        NOT NULL UNIQUE REFERENCES shipping_orders (order_id),
    user_id         text        NOT NULL,
    tracking_number text        NOT NULL UNIQUE,
    carrier         text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('CREATED', 'DISPATCHED', 'DELIVERED', 'CANCELLED')),
    destination     jsonb       NOT NULL,
    items           jsonb       NOT NULL,
    lines           jsonb       NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    dispatched_at   timestamptz,
    delivered_at    timestamptz,
    cancelled_at    timestamptz,
    cancel_reason   text
);
