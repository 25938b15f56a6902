package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.monitoring.Meter;

/** A meter with its latest reading; offline when that is older than the configured number of its intervals, or absent. */
@Schema(description = "A meter with its latest reading · 表计及其最新读数")
public record MeterState(
		@Schema(description = "The meter · 表计") Meter meter,
		@Schema(description = "The time of its latest reading · 最新读数时间") Instant lastTs,
		@Schema(description = "Its latest value, in the meter's unit before the multiplier · 最新读数（表计单位，未乘倍率）") BigDecimal lastValue,
		@Schema(description = "When the latest reading arrived · 最新读数接收时间") Instant lastReceivedAt,
		@Schema(description = "Whether it is online · 是否在线") boolean online) {
}
