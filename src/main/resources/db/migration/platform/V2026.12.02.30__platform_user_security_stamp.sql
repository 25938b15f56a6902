-- platform: a user's security stamp, bumped whenever their rights or password change (disabled, role, scope,
-- password); a web session signed in with an older stamp is ended on its next request (docs/adr/0011).
ALTER TABLE app_user ADD COLUMN security_stamp BIGINT NOT NULL DEFAULT 0;
