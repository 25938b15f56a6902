-- 林业部门人员 (FORESTRY_OFFICER): the forestry bureau's user, who records verified sink increments in the budget's
-- sink ledger and reaches nothing else (issue 12 item 7, ADR 0016 amendment "adjustment and sink pages, the forestry role").
ALTER TABLE app_user DROP CONSTRAINT app_user_role_ck;
ALTER TABLE app_user ADD CONSTRAINT app_user_role_ck
    CHECK (role IN ('CITY_ADMIN','CITY_OFFICER','COUNTY_OFFICER','PARK_MANAGER','ENTERPRISE_USER','VERIFIER','FORESTRY_OFFICER'));
ALTER TABLE app_user DROP CONSTRAINT app_user_scope_ck;
ALTER TABLE app_user ADD CONSTRAINT app_user_scope_ck CHECK (
    (role = 'COUNTY_OFFICER' AND county_code IS NOT NULL) OR
    (role = 'PARK_MANAGER' AND park_id IS NOT NULL) OR
    (role = 'ENTERPRISE_USER' AND enterprise_id IS NOT NULL) OR
    role IN ('CITY_ADMIN','CITY_OFFICER','VERIFIER','FORESTRY_OFFICER'));
