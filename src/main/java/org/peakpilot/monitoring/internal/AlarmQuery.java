package org.peakpilot.monitoring.internal;

/** Filters of the alarm list; every one optional. */
public record AlarmQuery(AlarmKind kind, AlarmStatus status, Long enterpriseId, Integer limit) {
}
