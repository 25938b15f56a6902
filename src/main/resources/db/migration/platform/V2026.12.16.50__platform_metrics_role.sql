-- 监控采集账号 (METRICS): the account a Prometheus server scrapes /actuator/prometheus with (HTTP Basic or a personal
-- token), reaching nothing else (issue 16, docs/deploy.md "Metrics"). No county, park or enterprise.
ALTER TABLE app_user DROP CONSTRAINT app_user_role_ck;
ALTER TABLE app_user ADD CONSTRAINT app_user_role_ck
    CHECK (role IN ('CITY_ADMIN','CITY_OFFICER','COUNTY_OFFICER','PARK_MANAGER','ENTERPRISE_USER','VERIFIER','FORESTRY_OFFICER','BANK','CITIZEN','PARTNER','METRICS'));
ALTER TABLE app_user DROP CONSTRAINT app_user_scope_ck;
ALTER TABLE app_user ADD CONSTRAINT app_user_scope_ck CHECK (
    (role = 'COUNTY_OFFICER' AND county_code IS NOT NULL) OR
    (role = 'PARK_MANAGER' AND park_id IS NOT NULL) OR
    (role = 'ENTERPRISE_USER' AND enterprise_id IS NOT NULL) OR
    role IN ('CITY_ADMIN','CITY_OFFICER','VERIFIER','FORESTRY_OFFICER','BANK','CITIZEN','PARTNER','METRICS'));
