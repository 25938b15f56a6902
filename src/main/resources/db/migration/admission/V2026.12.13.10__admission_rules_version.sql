-- Issue 13: every version of the plan folder's admission rules (admission.properties) as first seen at start, with its
-- effective content (every key, sorted) and SHA-256 checksum. A version never changes: starting with the same version
-- and other content is refused, so an assessment's rules_version always names the rules that judged it.
CREATE TABLE admission_rules_version (
    version         TEXT PRIMARY KEY CHECK (length(version) BETWEEN 1 AND 40),
    content         TEXT NOT NULL,
    checksum        CHAR(64) NOT NULL,
    first_seen_at   TIMESTAMPTZ NOT NULL
);
