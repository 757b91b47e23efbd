-- The service's copy of the catalogue, from ProductCreated and ProductUpdated. version is the
-- product service's: an event whose version is not newer than the row's changes nothing.
-- created_at is when the product first appeared (the occurredAt of the oldest event seen), for the
-- "newest products" fallback of a catalogue without sales.
CREATE TABLE products (
    product_id     uuid          PRIMARY KEY,
    version        bigint        NOT NULL CHECK (version >= 1),
    name           text          NOT NULL,
    price_amount   numeric       NOT NULL CHECK (price_amount >= 0),
    price_currency char(3)       NOT NULL,
    category       text          NOT NULL,
    active         boolean       NOT NULL,
    created_at     timestamptz   NOT NULL,
    updated_at     timestamptz   NOT NULL
);

-- The newest active products, overall and per category.
CREATE INDEX products_newest ON products (created_at DESC, product_id) WHERE active;
CREATE INDEX products_newest_in_category ON products (category, created_at DESC, product_id) WHERE active;

-- One row per completed order counted: makes counting idempotent per order, not only per event id
-- (the order service publishing OrderCompleted again under a new id counts nothing twice).
CREATE TABLE completed_orders (
    order_id     text        PRIMARY KEY CHECK (length(order_id) BETWEEN 1 AND 100),
    user_id      text        NOT NULL,
    completed_at timestamptz NOT NULL,
    counted_at   timestamptz NOT NULL DEFAULT now()
);

-- Each user's purchase history: units of each product over all their completed orders.
CREATE TABLE purchases (
    user_id        text        NOT NULL,
    product_id     uuid        NOT NULL,
    units          bigint      NOT NULL CHECK (units > 0),
    orders         bigint      NOT NULL CHECK (orders > 0),
    last_bought_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, product_id)
);

-- A personalised answer starts from the user's most recent purchases.
CREATE INDEX purchases_recent ON purchases (user_id, last_bought_at DESC, product_id);

-- Units sold per product and UTC day of completion: the history "popular" is computed from.
CREATE TABLE product_sales (
    day        date   NOT NULL,
    product_id uuid   NOT NULL,
    units      bigint NOT NULL CHECK (units > 0),
    PRIMARY KEY (day, product_id)
);

-- Units sold per product within the popular window, so that a request reads the best sellers from
-- an index instead of summing days. Each completed order adds to it; a periodic recomputation from
-- product_sales drops the days that have left the window.
CREATE TABLE popular_products (
    product_id uuid   PRIMARY KEY,
    units      bigint NOT NULL CHECK (units > 0)
);

CREATE INDEX popular_products_ranked ON popular_products (units DESC, product_id);

-- "Bought together": in how many completed orders product_id and other_id were both bought. Kept in
-- both directions, so that the partners of one product are one index range, most frequent first.
CREATE TABLE product_pairs (
    product_id uuid   NOT NULL,
    other_id   uuid   NOT NULL,
    orders     bigint NOT NULL CHECK (orders > 0),
    PRIMARY KEY (product_id, other_id),
    CHECK (product_id <> other_id)
);

CREATE INDEX product_pairs_ranked ON product_pairs (product_id, orders DESC, other_id);
