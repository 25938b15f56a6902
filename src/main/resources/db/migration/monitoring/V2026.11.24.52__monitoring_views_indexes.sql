-- monitoring pages: the live view and month-to-date read the day and month rollups of every meter in the caller's
-- scope for one period. The primary key (meter_id, grain, period_start) cannot find "every meter's rollup of this
-- day" without probing each meter; this partial index holds only the day and month rows (about 1/100 of the table
-- with 15-minute data) and covers the columns the views read, so that those queries are index-only scans. Queries
-- write the grain as a literal ('D', 'M') so that the planner can use the partial index.
CREATE INDEX monitoring_rollup_day_month_idx ON monitoring_rollup (grain, period_start, meter_id)
    INCLUDE (quantity, readings, excluded) WHERE grain IN ('D', 'M');

-- The live view lists the latest alarms that are not closed, and counts the open ones, within a scope.
CREATE INDEX monitoring_alarm_raised_idx ON monitoring_alarm (raised_at DESC, id DESC) WHERE status <> 'CLOSED';
