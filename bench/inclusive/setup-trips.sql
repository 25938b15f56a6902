-- Bench data of the partner-API benchmark (run-trips.sh): :citizens citizens (role CITIZEN, the admin's password hash so
-- that nobody needs a new one), each linked to every bench partner (codes BENCH-P*) with a TRAVEL consent and a link
-- token the driver derives the same way: 'ppl_' || md5('bench-link-<partner id>-<i>') || md5('bench-link2-<partner id>-<i>');
-- and a personal API token per partner user: 'ppt_' || md5('bench-token-<partner id>') || md5('bench-token2-<partner id>').
INSERT INTO app_user (username, display_name, password_hash, role, enabled, created_at, updated_at)
SELECT 'bench-c-' || i, 'bench citizen ' || i, (SELECT password_hash FROM app_user WHERE username = 'admin'), 'CITIZEN', TRUE, now(), now()
FROM generate_series(1, :citizens) i;
INSERT INTO inclusive_citizen (user_id, public_name, created_at)
SELECT id, 'bench ' || substr(username, 9), now() FROM app_user WHERE username LIKE 'bench-c-%';
INSERT INTO inclusive_consent (citizen_id, scene, partner_id, granted_at)
SELECT c.id, 'TRAVEL', p.id, now() FROM inclusive_citizen c JOIN app_user u ON u.id = c.user_id AND u.username LIKE 'bench-c-%'
CROSS JOIN inclusive_partner p WHERE p.code LIKE 'BENCH-P%';
INSERT INTO inclusive_account_link (citizen_id, partner_id, token_sha256, token_prefix, created_at)
SELECT x.citizen_id, x.partner_id, encode(sha256(convert_to(x.token, 'UTF8')), 'hex'), left(x.token, 10), now()
FROM (SELECT c.id AS citizen_id, p.id AS partner_id,
             'ppl_' || md5('bench-link-' || p.id || '-' || substr(u.username, 9)) || md5('bench-link2-' || p.id || '-' || substr(u.username, 9)) AS token
      FROM inclusive_citizen c JOIN app_user u ON u.id = c.user_id AND u.username LIKE 'bench-c-%'
      CROSS JOIN inclusive_partner p WHERE p.code LIKE 'BENCH-P%') x;
INSERT INTO api_token (user_id, name, token_prefix, token_sha256, created_at)
SELECT pu.user_id, 'bench', left(x.token, 10), encode(sha256(convert_to(x.token, 'UTF8')), 'hex'), now()
FROM inclusive_partner_user pu JOIN inclusive_partner p ON p.id = pu.partner_id AND p.code LIKE 'BENCH-P%',
     LATERAL (SELECT 'ppt_' || md5('bench-token-' || p.id) || md5('bench-token2-' || p.id) AS token) x;
ANALYZE;
