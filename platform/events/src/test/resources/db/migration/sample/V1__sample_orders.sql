CREATE TABLE sample_orders (
    order_id text    NOT NULL,
    sequence integer NOT NULL,
    PRIMARY KEY (order_id, sequence)
);

-- What the sample consumer did: one row per effect, in the order the effects happened.
CREATE TABLE sample_effects (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id text    NOT NULL,
    order_id text    NOT NULL,
    sequence integer NOT NULL
);
