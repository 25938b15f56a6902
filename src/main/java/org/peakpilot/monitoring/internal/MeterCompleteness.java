package org.peakpilot.monitoring.internal;

import java.util.List;

public record MeterCompleteness(long meterId, String code, String name, int intervalMinutes, List<DayCompleteness> days) {
}
