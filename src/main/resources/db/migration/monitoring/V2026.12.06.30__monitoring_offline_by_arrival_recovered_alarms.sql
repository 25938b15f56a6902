-- monitoring: monitoring that does not cry wolf (docs/adr/0009).
-- A meter is offline when nothing has ARRIVED from it for its offline intervals, not when its newest reading is old:
-- a catch-up (the simulator at speed, a gateway resending after an outage) delivers old intervals quickly and is
-- online while it does. last_arrival_at: the latest time any reading of the meter was received (a resent old interval
-- counts), kept by the rollup job; last_received_at stays the arrival of the newest reading.
ALTER TABLE monitoring_meter_status ADD COLUMN last_arrival_at TIMESTAMPTZ;
UPDATE monitoring_meter_status SET last_arrival_at = last_received_at;
ALTER TABLE monitoring_meter_status ALTER COLUMN last_arrival_at SET NOT NULL;

-- An OFFLINE alarm whose meter sends again closes itself as RECOVERED, with its gap: gap_from the last reading before
-- the silence, gap_to the interval end at which readings came again, gap_intervals the intervals in between (neither
-- end counted), backfilled_intervals those of them present (resent) — the rest are still missing. Alarms raised
-- before, marked resolved but left open, are taken up by the next round of the rules.
ALTER TABLE monitoring_alarm DROP CONSTRAINT monitoring_alarm_status_check;
ALTER TABLE monitoring_alarm ADD CONSTRAINT monitoring_alarm_status_check
    CHECK (status IN ('OPEN','ACKNOWLEDGED','RECOVERED','CLOSED'));
ALTER TABLE monitoring_alarm
    ADD COLUMN gap_from             TIMESTAMPTZ,
    ADD COLUMN gap_to               TIMESTAMPTZ,
    ADD COLUMN gap_intervals        INT CHECK (gap_intervals >= 0),
    ADD COLUMN backfilled_intervals INT CHECK (backfilled_intervals >= 0);

-- The live view lists and counts the alarms still to be handled (open or acknowledged).
DROP INDEX monitoring_alarm_raised_idx;
CREATE INDEX monitoring_alarm_raised_idx ON monitoring_alarm (raised_at DESC, id DESC) WHERE status IN ('OPEN', 'ACKNOWLEDGED');
