-- What each batch produced, by the sender's batch id (docs/adr/0008, "Batch id"): one row per batch, never per
-- reading, written in the batch's own transaction, so that "what happened to batch X of gateway G" can be answered.
-- A batch id resent (a retry) gives another row. Rows older than peakpilot.monitoring.batch-retention are deleted.
CREATE TABLE monitoring_batch (
    id            BIGSERIAL    PRIMARY KEY,
    enterprise_id BIGINT       NOT NULL,
    gateway_id    BIGINT,
    sender        VARCHAR(64)  NOT NULL,
    channel       VARCHAR(8)   NOT NULL,
    batch_id      VARCHAR(64)  NOT NULL,
    received_at   TIMESTAMPTZ  NOT NULL,
    received      INT          NOT NULL,
    stored        INT          NOT NULL,
    duplicates    INT          NOT NULL,
    quarantined   INT          NOT NULL,
    corrected     INT          NOT NULL,
    snapped       INT          NOT NULL
);
CREATE INDEX monitoring_batch_gateway_idx ON monitoring_batch(gateway_id, batch_id) WHERE gateway_id IS NOT NULL;
CREATE INDEX monitoring_batch_received_idx ON monitoring_batch(received_at);
