package org.peakpilot.monitoring.internal;

import java.util.List;

/** A back-fill (数据补录) of missing intervals, with the reason. */
public record BackfillForm(String reason, List<IncomingReading> readings) {
}
