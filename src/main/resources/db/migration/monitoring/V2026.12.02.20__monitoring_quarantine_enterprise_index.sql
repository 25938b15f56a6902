-- An enterprise that moves takes its quarantined readings with it (one UPDATE by enterprise_id, issue 9); the
-- existing index covers only the open ones.
CREATE INDEX monitoring_quarantine_enterprise_idx ON monitoring_quarantine(enterprise_id);
