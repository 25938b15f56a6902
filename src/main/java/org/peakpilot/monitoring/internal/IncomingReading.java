package org.peakpilot.monitoring.internal;

/**
 * One reading as sent: the meter by its code within the sender's enterprise (or by id), the end of the
 * interval (ISO-8601; without an offset it is Beijing time), the register or interval value, and optionally
 * the unit (which must then be the meter's).
 */
public record IncomingReading(String meter, Long meterId, String ts, String value, String unit) {
}
