-- The analytics service's aggregates. Facts (one row per order, payment, refund) make each step
-- count once, whatever arrives twice or out of order; the hourly tables are what the reports read,
-- incremented in the same transaction as the fact that is new. Hours are UTC, truncated.

-- One row per order, each saga step's time set by the first event that reports it. Steps may arrive
-- in any order across topics (a payment before its order): a row starts with whichever comes first.
CREATE TABLE order_facts (
    order_id      text        PRIMARY KEY CHECK (length(order_id) BETWEEN 1 AND 100),
    created_at    timestamptz,
    paid_at       timestamptz,
    reserved_at   timestamptz,
    shipped_at    timestamptz,
    completed_at  timestamptz,
    cancelled_at  timestamptz,
    cancel_reason text,
    updated_at    timestamptz NOT NULL
);
-- The funnel's cohort: orders created in a range.
CREATE INDEX order_facts_created_at ON order_facts (created_at) WHERE created_at IS NOT NULL;

-- Captured charges and their refunds, one row each per payment id: a payment replayed under a new
-- event id is not revenue twice.
CREATE TABLE payments (
    payment_id   text          PRIMARY KEY CHECK (length(payment_id) BETWEEN 1 AND 100),
    order_id     text          NOT NULL,
    amount       numeric(20,4) NOT NULL CHECK (amount >= 0),
    currency     text          NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    processed_at timestamptz   NOT NULL
);

CREATE TABLE refunds (
    payment_id  text          PRIMARY KEY CHECK (length(payment_id) BETWEEN 1 AND 100),
    order_id    text          NOT NULL,
    amount      numeric(20,4) NOT NULL CHECK (amount >= 0),
    currency    text          NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    refunded_at timestamptz   NOT NULL
);

-- Orders per hour of their OrderCreated.
CREATE TABLE orders_hourly (
    hour   timestamptz PRIMARY KEY,
    orders bigint      NOT NULL CHECK (orders >= 0)
);

-- Revenue per hour and currency: payments at the hour of PaymentProcessed, refunds at the hour of
-- PaymentRefunded; net = gross - refunded.
CREATE TABLE revenue_hourly (
    hour     timestamptz   NOT NULL,
    currency text          NOT NULL,
    gross    numeric(24,4) NOT NULL DEFAULT 0,
    refunded numeric(24,4) NOT NULL DEFAULT 0,
    payments bigint        NOT NULL DEFAULT 0,
    refunds  bigint        NOT NULL DEFAULT 0,
    PRIMARY KEY (hour, currency)
);

-- Cancellations per hour of OrderCancelled and reason (the first cancellation of an order counts).
CREATE TABLE cancellations_hourly (
    hour          timestamptz NOT NULL,
    reason        text        NOT NULL,
    cancellations bigint      NOT NULL CHECK (cancellations >= 0),
    PRIMARY KEY (hour, reason)
);

-- Events of types the service does not know, counted (once per event id) and otherwise skipped.
CREATE TABLE skipped_events (
    topic      text        NOT NULL,
    event_type text        NOT NULL,
    events     bigint      NOT NULL,
    first_seen timestamptz NOT NULL,
    last_seen  timestamptz NOT NULL,
    PRIMARY KEY (topic, event_type)
);
