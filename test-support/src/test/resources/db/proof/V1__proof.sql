CREATE TABLE proof (id bigint PRIMARY KEY, name text NOT NULL, taken_at timestamptz NOT NULL);
