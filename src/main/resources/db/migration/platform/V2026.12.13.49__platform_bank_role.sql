-- 银行/金融机构用户 (BANK): a bank's or financial institution's user, who reads the green enterprise and green project
-- library (绿色企业和绿色项目库, plan 二(五)5) and its export, and reaches nothing else (issue 13, ADR 0018 "Green library").
ALTER TABLE app_user DROP CONSTRAINT app_user_role_ck;
ALTER TABLE app_user ADD CONSTRAINT app_user_role_ck
    CHECK (role IN ('CITY_ADMIN','CITY_OFFICER','COUNTY_OFFICER','PARK_MANAGER','ENTERPRISE_USER','VERIFIER','FORESTRY_OFFICER','BANK'));
ALTER TABLE app_user DROP CONSTRAINT app_user_scope_ck;
ALTER TABLE app_user ADD CONSTRAINT app_user_scope_ck CHECK (
    (role = 'COUNTY_OFFICER' AND county_code IS NOT NULL) OR
    (role = 'PARK_MANAGER' AND park_id IS NOT NULL) OR
    (role = 'ENTERPRISE_USER' AND enterprise_id IS NOT NULL) OR
    role IN ('CITY_ADMIN','CITY_OFFICER','VERIFIER','FORESTRY_OFFICER','BANK'));
