package org.peakpilot.monitoring;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A metering point. {@code energyCode} is ELECTRICITY, HEAT or a fuel factor code of the accounting library;
 * {@code maxPerInterval} is the largest quantity one interval can plausibly hold (its range, 量程, after the
 * multiplier); {@code counterMax} the value at which a register rolls over to zero.
 */
public record Meter(long id, long enterpriseId, String countyCode, Long parkId, String industryCode, String code, String name,
		String facility, String energyCode, String unit, MeterKind kind, BigDecimal multiplier, int intervalMinutes,
		String productCode, BigDecimal maxPerInterval, BigDecimal counterMax, boolean active, Instant createdAt,
		Instant updatedAt) {
}
