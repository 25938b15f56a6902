-- Caches that other instances can invalidate (issue 16): one row per topic (e.g. accounting.factors). A writer bumps
-- its topic's version in the transaction that changes the cached data, so the new version becomes visible exactly
-- when the data does; a cache reads the version before it uses an entry and drops entries of another version.
CREATE TABLE platform_cache_version (
    topic   VARCHAR(64) PRIMARY KEY,
    version BIGINT      NOT NULL
);
