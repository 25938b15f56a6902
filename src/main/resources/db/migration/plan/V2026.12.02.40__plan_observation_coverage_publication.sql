-- A computed value carries the coverage of the data it was computed from: provisional while the data is incomplete
-- (coverage_percent says how much of the expected data was there). A computed value reaches the public only once
-- the office has published it (published_at, published_by); the row stays what was published when a recompute
-- supersedes it, so the public keeps seeing the published figure until the new one is published.
ALTER TABLE plan_observation ADD COLUMN provisional BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE plan_observation ADD COLUMN coverage_percent NUMERIC(5,1);
ALTER TABLE plan_observation ADD COLUMN published_at TIMESTAMPTZ;
ALTER TABLE plan_observation ADD COLUMN published_by VARCHAR(64);
ALTER TABLE plan_observation ADD CONSTRAINT plan_observation_provisional_unpublished CHECK (NOT (provisional AND published_at IS NOT NULL));
