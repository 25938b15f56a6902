-- What a gateway's times mark when a batch does not say (docs/adr/0008, "Time marking"): the end of the interval
-- (the key's meaning, and the default) or its start. A batch's own timestampMarks (X-Timestamp-Marks) wins.
ALTER TABLE monitoring_gateway ADD COLUMN timestamp_marks VARCHAR(5) NOT NULL DEFAULT 'END'
    CHECK (timestamp_marks IN ('START', 'END'));
