-- One payment per order: the primary key is what makes a second OrderCreated for the same order
-- (a replay with a new event id) charge nothing more. Only the payment method's token is kept,
-- never card data.
CREATE TABLE payments (
    order_id            text        PRIMARY KEY CHECK (length(order_id) BETWEEN 1 AND 100),
    payment_id          uuid        NOT NULL UNIQUE,
    user_id             text        NOT NULL,
    amount              numeric     NOT NULL,
    currency            text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    payment_method      text        NOT NULL CHECK (length(payment_method) <= 64),
    items               jsonb       NOT NULL,
    status              text        NOT NULL CHECK (status IN ('PENDING', 'CAPTURED', 'DECLINED', 'FAILED',
                                        'CANCELLED', 'REFUNDING', 'REFUNDED', 'REFUND_FAILED')),
    processor_charge_id text,
    decline_code        text,
    failure_reason      text,
    failure_detail      text,
    -- calls made to the processor for this payment's charge (retries included)
    attempts            integer     NOT NULL DEFAULT 0,
    refund_id           text,
    refunded_amount     numeric,
    -- the order's cancellation reason, once OrderCancelled arrived
    cancel_reason       text,
    -- the charger instance working on it (a lease, so that a crashed one's work is taken over)
    claim_token         uuid,
    claimed_until       timestamptz,
    next_attempt_at     timestamptz NOT NULL,
    wait_rounds         integer     NOT NULL DEFAULT 0,
    -- a charge call timed out after it may have reached the processor: a capture may exist there
    uncertain           boolean     NOT NULL DEFAULT false,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL
);

-- The charger's lookup: work that is due.
CREATE INDEX payments_due ON payments (next_attempt_at) WHERE status IN ('PENDING', 'REFUNDING');

-- What happened to each payment, in order: shown by GET /api/payments/{orderId}.
CREATE TABLE payment_timeline (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id text        NOT NULL REFERENCES payments (order_id),
    step     text        NOT NULL,
    detail   text,
    at       timestamptz NOT NULL
);
CREATE INDEX payment_timeline_order ON payment_timeline (order_id, id);

-- Every cancelled order, including those cancelled before their OrderCreated arrived: such a late
-- OrderCreated is recorded as CANCELLED and never charged.
CREATE TABLE cancellations (
    order_id    text        PRIMARY KEY,
    user_id     text,
    reason      text        NOT NULL,
    received_at timestamptz NOT NULL
);
