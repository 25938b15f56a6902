package org.peakpilot.monitoring.internal;

import java.time.Instant;

/** A missing interval range of a meter: readings expected at these interval ends and not received. */
public record Gap(long meterId, Instant firstMissing, Instant lastMissing, int intervals) {
}
