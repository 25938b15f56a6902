-- The 2027 tourism certification (碳普惠 + 旅游: low-carbon scenic spots and tourism enterprises, issue 14): a partner
-- applies against the criteria of the plan folder's tourism-certification.csv (the version recorded), states per
-- criterion how it meets it with evidence documents, and the office decides per criterion; the certified are public.
CREATE TABLE inclusive_cert_application (
    id               BIGSERIAL PRIMARY KEY,
    partner_id       BIGINT       NOT NULL REFERENCES inclusive_partner(id),
    -- SCENIC_SPOT (a scenic-area partner) or ENTERPRISE (hotel, restaurant, operator, …)
    kind             VARCHAR(16)  NOT NULL CHECK (kind IN ('SCENIC_SPOT','ENTERPRISE')),
    criteria_version VARCHAR(40)  NOT NULL,
    status           VARCHAR(16)  NOT NULL CHECK (status IN ('DRAFT','SUBMITTED','CERTIFIED','REJECTED')),
    -- CERTIFIED: the certificate's serial and date (no validity period: the criteria file sets none)
    serial           VARCHAR(32)  UNIQUE,
    certified_on     DATE,
    decided_by       VARCHAR(64),
    decided_at       TIMESTAMPTZ,
    decision_comment VARCHAR(2000),
    created_by       VARCHAR(64)  NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL,
    submitted_at     TIMESTAMPTZ
);
CREATE INDEX inclusive_cert_application_partner ON inclusive_cert_application (partner_id);
-- one open application (draft or submitted) per partner at a time
CREATE UNIQUE INDEX inclusive_cert_application_open ON inclusive_cert_application (partner_id) WHERE status IN ('DRAFT','SUBMITTED');

-- The applicant's statement per criterion and the office's verdict with its reason.
CREATE TABLE inclusive_cert_claim (
    application_id   BIGINT       NOT NULL REFERENCES inclusive_cert_application(id),
    criterion_code   VARCHAR(16)  NOT NULL,
    statement        VARCHAR(2000) NOT NULL,
    verdict          VARCHAR(8)   CHECK (verdict IN ('MET','NOT_MET')),
    reason           VARCHAR(1000),
    PRIMARY KEY (application_id, criterion_code)
);

-- Evidence documents (platform.EvidenceDocument: PDF/PNG/JPEG, ≤ 10 MiB, SHA-256), optionally for one criterion.
CREATE TABLE inclusive_cert_evidence (
    id               BIGSERIAL PRIMARY KEY,
    application_id   BIGINT       NOT NULL REFERENCES inclusive_cert_application(id),
    criterion_code   VARCHAR(16),
    file_name        VARCHAR(200) NOT NULL,
    content_type     VARCHAR(40)  NOT NULL,
    sha256           CHAR(64)     NOT NULL,
    content          BYTEA        NOT NULL,
    uploaded_by      VARCHAR(64)  NOT NULL,
    uploaded_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX inclusive_cert_evidence_application ON inclusive_cert_evidence (application_id);
