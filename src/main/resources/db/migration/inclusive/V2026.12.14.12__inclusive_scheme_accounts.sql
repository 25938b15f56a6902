-- The scheme's own ledger accounts (owner 'scheme'), created once here so that posting never creates one in a
-- transaction of its own (a second pool connection per post; as many concurrent posts as pool connections then waited
-- on each other until the pool's timeout). Issuance accounts hold their asset; RETIRED and EXPIRED each asset.
INSERT INTO inclusive_ledger_account (kind, owner, asset) VALUES
    ('POINT_ISSUANCE', 'scheme', 'POINT'),
    ('ENGAGEMENT_ISSUANCE', 'scheme', 'ENGAGEMENT'),
    ('TICKET_ISSUANCE', 'scheme', 'TICKET'),
    ('RETIRED', 'scheme', 'POINT'), ('RETIRED', 'scheme', 'ENGAGEMENT'), ('RETIRED', 'scheme', 'TICKET'),
    ('EXPIRED', 'scheme', 'POINT'), ('EXPIRED', 'scheme', 'ENGAGEMENT'), ('EXPIRED', 'scheme', 'TICKET')
ON CONFLICT (kind, owner, asset) DO NOTHING;
