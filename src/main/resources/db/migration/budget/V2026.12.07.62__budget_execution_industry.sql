-- An enterprise holder's execution rows and warnings carry a copy of all three owner columns of its enterprise
-- (county, park, industry), like every other module's owned rows, so that a move in the registry moves them at once
-- (budget.internal.EnterpriseMoves) instead of at the next recompute.
ALTER TABLE budget_execution ADD COLUMN industry_code TEXT;
ALTER TABLE budget_warning ADD COLUMN industry_code TEXT;
UPDATE budget_execution x SET industry_code = e.industry_code FROM enterprise e WHERE e.id = x.enterprise_id;
UPDATE budget_warning x SET industry_code = e.industry_code FROM enterprise e WHERE e.id = x.enterprise_id;
CREATE INDEX budget_execution_enterprise ON budget_execution (enterprise_id) WHERE enterprise_id IS NOT NULL;
CREATE INDEX budget_warning_enterprise ON budget_warning (enterprise_id) WHERE enterprise_id IS NOT NULL;
