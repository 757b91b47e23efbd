-- The catalogue. pg_trgm gives trigram similarity for typo-tolerant search (a trusted extension:
-- the database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE products (
    id             uuid PRIMARY KEY,
    name           text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description    text        NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    price_amount   numeric(15, 3) NOT NULL CHECK (price_amount >= 0),
    price_currency char(3)     NOT NULL,
    category       text        NOT NULL,
    attributes     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    active         boolean     NOT NULL DEFAULT true,
    version        bigint      NOT NULL CHECK (version >= 1),
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    -- Weighted for ranking: a match in the name counts most, then the category, then the description.
    search_vector  tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', name), 'A') ||
        setweight(to_tsvector('english', category), 'B') ||
        setweight(to_tsvector('english', description), 'C')) STORED
);

CREATE INDEX products_search_vector ON products USING gin (search_vector);
CREATE INDEX products_name_trigrams ON products USING gin (name gin_trgm_ops);
-- Browsing (no text) pages by (name, id), optionally within a category.
CREATE INDEX products_browse ON products (name, id) WHERE active;
CREATE INDEX products_browse_category ON products (category, name, id) WHERE active;
