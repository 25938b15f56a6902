-- Bench data of the citizen home-page benchmark (run-home.sh): :citizens citizens (usernames home-c-<i>, the admin's
-- password hash) and :trips credited trips spread evenly over them and over the 365 days before now, written straight
-- into the real tables in chunks of 1 M trips (one commit each), with one ledger EARN transaction per citizen holding
-- the sum of its trips' points (bench data: the ledger's HMACs are placeholders, the reconciliation will flag them).
-- Full scale: citizens=1000000 trips=50000000. Each trip: EBUS 5 km, 134 g (26.9 × 5 = 134.5, rounded down).
INSERT INTO inclusive_partner (code, name, kind) VALUES ('BENCH-HOME', 'bench home-page partner', 'TRANSIT');
INSERT INTO app_user (username, display_name, password_hash, role, enabled, created_at, updated_at)
SELECT 'home-c-' || i, 'home citizen ' || i, (SELECT password_hash FROM app_user WHERE username = 'admin'), 'CITIZEN', TRUE, now(), now()
FROM generate_series(1, :citizens) i;
INSERT INTO inclusive_citizen (user_id, public_name, created_at)
SELECT id, 'home ' || substr(username, 8), now() FROM app_user WHERE username LIKE 'home-c-%' ORDER BY id;
CREATE TEMP TABLE home_bench AS
SELECT (SELECT min(c.id) FROM inclusive_citizen c JOIN app_user u ON u.id = c.user_id AND u.username LIKE 'home-c-%') AS first_citizen,
       (SELECT id FROM inclusive_partner WHERE code = 'BENCH-HOME') AS partner,
       (SELECT id FROM inclusive_methodology WHERE code = 'LS-CM-001' AND version = 1) AS methodology,
       :citizens::bigint AS citizens, :trips::bigint AS trips;
-- the trips, 1 M per statement (psql's \gexec runs one INSERT per chunk, each its own transaction)
SELECT format($f$
INSERT INTO inclusive_trip (partner_id, external_id, citizen_id, mode, start_at, end_at, day, distance_km, status,
  methodology_id, gco2, points, received_at)
SELECT b.partner, 'h-' || g, b.first_citizen + (g %% b.citizens), 'EBUS', t.s, t.s + interval '20 minutes',
  (t.s AT TIME ZONE 'Asia/Shanghai')::date, 5, 'CREDITED', b.methodology, 134, 134, t.s + interval '1 hour'
FROM home_bench b, generate_series(%s, %s) g,
  LATERAL (SELECT now() - interval '1 hour' - (g / b.citizens) * (interval '365 days' / GREATEST(1, b.trips / b.citizens))
           - (g %% 97) * interval '1 minute' AS s) t
$f$, lo, LEAST(lo + 999999, :trips)) FROM generate_series(0, :trips - 1, 1000000) lo
\gexec
-- one EARN per citizen with its balance (issuance − Σ, citizen + Σ)
INSERT INTO inclusive_ledger_account (kind, owner, asset) VALUES ('POINT_ISSUANCE', 'scheme', 'POINT') ON CONFLICT DO NOTHING;
INSERT INTO inclusive_ledger_account (kind, owner, asset)
SELECT 'CITIZEN', c.id::text, 'POINT' FROM inclusive_citizen c JOIN app_user u ON u.id = c.user_id AND u.username LIKE 'home-c-%'
ON CONFLICT DO NOTHING;
CREATE TEMP TABLE home_sums AS SELECT citizen_id, sum(points) AS points FROM inclusive_trip WHERE partner_id = (SELECT partner FROM home_bench) GROUP BY citizen_id;
CREATE TEMP TABLE home_txn AS
WITH t AS (INSERT INTO inclusive_ledger_txn (kind, reference, memo, at, hmac)
           SELECT 'EARN', 'bench-home:' || citizen_id, 'bench data', now(), repeat('0', 64) FROM home_sums ORDER BY citizen_id RETURNING seq, reference)
SELECT seq, substr(reference, 12)::bigint AS citizen_id FROM t;
INSERT INTO inclusive_ledger_entry (txn_seq, account_id, amount, balance_after)
SELECT x.seq, a.id, s.points, s.points FROM home_txn x JOIN home_sums s ON s.citizen_id = x.citizen_id
JOIN inclusive_ledger_account a ON a.kind = 'CITIZEN' AND a.owner = x.citizen_id::text AND a.asset = 'POINT';
INSERT INTO inclusive_ledger_entry (txn_seq, account_id, amount, balance_after)
SELECT x.seq, (SELECT id FROM inclusive_ledger_account WHERE kind = 'POINT_ISSUANCE' AND owner = 'scheme' AND asset = 'POINT'), -s.points, NULL
FROM home_txn x JOIN home_sums s ON s.citizen_id = x.citizen_id;
VACUUM ANALYZE inclusive_trip;
VACUUM ANALYZE inclusive_ledger_entry;
VACUUM ANALYZE inclusive_citizen;
