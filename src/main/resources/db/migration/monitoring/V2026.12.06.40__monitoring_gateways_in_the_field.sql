-- Gateways in the field (docs/adr/0008, "Gateways in the field").
-- A reading whose time lay within the alignment tolerance of an interval boundary is stored on the boundary; the
-- time it came with is kept here (NULL for a reading sent on the boundary).
ALTER TABLE monitoring_reading ADD COLUMN snapped_from TIMESTAMPTZ;

-- Token rotation with an overlap: the previous token keeps working until previous_token_until; a revocation ends
-- both tokens at once.
ALTER TABLE monitoring_gateway ADD COLUMN previous_token_sha256 CHAR(64);
ALTER TABLE monitoring_gateway ADD COLUMN previous_token_until TIMESTAMPTZ;
CREATE INDEX monitoring_gateway_previous_token_idx ON monitoring_gateway(previous_token_sha256)
    WHERE previous_token_sha256 IS NOT NULL;

-- The status a gateway reports on its own (heartbeat): when, and what it said (a small JSON object).
ALTER TABLE monitoring_gateway ADD COLUMN last_status_at TIMESTAMPTZ;
ALTER TABLE monitoring_gateway ADD COLUMN last_status VARCHAR(2000);
