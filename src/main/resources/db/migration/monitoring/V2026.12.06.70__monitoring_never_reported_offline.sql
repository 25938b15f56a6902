-- An active meter that has never reported raises the OFFLINE alarm too, once its offline intervals have passed since
-- its registration (docs/adr/0009, "Offline by arrival"); such an alarm is keyed on the registration time and says so,
-- and recovers with the meter's first reading whatever its timestamp.
ALTER TABLE monitoring_alarm ADD COLUMN never_reported BOOLEAN NOT NULL DEFAULT FALSE;
