package org.peakpilot.monitoring.internal;

/** What one evaluation of the alarm rules raised and resolved. */
public record AlarmRound(int thresholds, int offline, int resolved, int spikes, int unitEnergy) {
}
