-- platform: failed sign-ins per account and per client address, and the temporary lock they earn (docs/adr/0011).
-- kind ACCOUNT: subject is the user name as typed (also for names that do not exist, so a lock tells nothing);
-- kind ADDRESS: subject is the client's IP address.
CREATE TABLE login_throttle (
    kind            VARCHAR(8)   NOT NULL,
    subject         VARCHAR(128) NOT NULL,
    failures        INT          NOT NULL,
    last_failure_at TIMESTAMPTZ  NOT NULL,
    locked_until    TIMESTAMPTZ,
    PRIMARY KEY (kind, subject),
    CONSTRAINT login_throttle_kind_ck CHECK (kind IN ('ACCOUNT','ADDRESS'))
);
