-- 碳普惠用户 (CITIZEN) and 碳普惠合作方 (PARTNER): the carbon-inclusive scheme's public side (issue 14, ADR 0019). A
-- citizen signs up itself with a phone number or an e-mail address as its login; a partner (transit, bike-share or
-- scenic-area operator, hotel, event organiser) is created by the office. Neither has a county, park or enterprise.
ALTER TABLE app_user DROP CONSTRAINT app_user_role_ck;
ALTER TABLE app_user ADD CONSTRAINT app_user_role_ck
    CHECK (role IN ('CITY_ADMIN','CITY_OFFICER','COUNTY_OFFICER','PARK_MANAGER','ENTERPRISE_USER','VERIFIER','FORESTRY_OFFICER','BANK','CITIZEN','PARTNER'));
ALTER TABLE app_user DROP CONSTRAINT app_user_scope_ck;
ALTER TABLE app_user ADD CONSTRAINT app_user_scope_ck CHECK (
    (role = 'COUNTY_OFFICER' AND county_code IS NOT NULL) OR
    (role = 'PARK_MANAGER' AND park_id IS NOT NULL) OR
    (role = 'ENTERPRISE_USER' AND enterprise_id IS NOT NULL) OR
    role IN ('CITY_ADMIN','CITY_OFFICER','VERIFIER','FORESTRY_OFFICER','BANK','CITIZEN','PARTNER'));
