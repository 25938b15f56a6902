-- Scheduled jobs run once per tick across all instances (issue 16): ShedLock's table. A job takes its row by name
-- for at most lock_until (the database's clock decides, usingDbTime), releases it at the end, and an instance that
-- dies holding it loses it when lock_until passes.
CREATE TABLE shedlock (
    name       VARCHAR(64)  PRIMARY KEY,
    lock_until TIMESTAMPTZ  NOT NULL,
    locked_at  TIMESTAMPTZ  NOT NULL,
    locked_by  VARCHAR(255) NOT NULL
);
