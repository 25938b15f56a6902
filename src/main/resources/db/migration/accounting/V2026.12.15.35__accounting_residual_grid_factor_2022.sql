-- The 2022 residual grid factor (national, excluding market-traded non-fossil electricity, 0.5856 tCO2/MWh; MEE/NBS
-- release of Dec 2024, [verified-secondary], ../shared/INCLUSIVE-POWER.md §2), which prices market-based scope 2 of
-- 2022 (issue 15). A new database loads it from factors/grid_factors.csv with the rest of the library (this inserts
-- nothing into an empty library, which would stop that load); a library already loaded gets it here as version 1.
INSERT INTO accounting_factor (code, version, kind, name_zh, name_en, value, unit, activity_unit, region_code, year, sector,
    source, tag, effective_from, effective_to, published_by, published_at, change_note)
SELECT 'GRID-NATIONAL-EXCL-NONFOSSIL-2022', 1, 'GRID', '全国 2022', 'national excl. market-traded non-fossil electricity 2022',
       0.5856, 'tCO2/MWh', 'MWh', 'NATIONAL-EXCL-NONFOSSIL', 2022, 'electricity',
       '[verified-secondary] MEE & NBS release of 2022 electricity CO2 factors (Dec 2024), the caliber ''excluding market-traded non-fossil electricity'' (residual); value as tabled in ../shared/INCLUSIVE-POWER.md §2 from daydaynews.cc/zh-hant/finance/3899452.html and 163.com/dy/article/KIQVBKCG05567I2C.html (calibers: hzhxkt.com …/244420.html); official PDF not read',
       'VERIFIED_SECONDARY', DATE '2022-01-01', DATE '2022-12-31', 'system:migration', now(), 'reference data'
WHERE EXISTS (SELECT 1 FROM accounting_factor)
  AND NOT EXISTS (SELECT 1 FROM accounting_factor WHERE code = 'GRID-NATIONAL-EXCL-NONFOSSIL-2022');
