package org.peakpilot.monitoring.internal;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** A missing interval range of a meter: readings expected at these interval ends and not received. */
@Schema(description = "A range of missing intervals of a meter · 表计缺数时段")
public record Gap(
		@Schema(description = "The meter's id · 表计 ID") long meterId,
		@Schema(description = "The first interval end without a reading · 首个缺失间隔结束时间") Instant firstMissing,
		@Schema(description = "The last interval end without a reading · 最后一个缺失间隔结束时间") Instant lastMissing,
		@Schema(description = "Missing intervals from first to last · 缺失间隔数") int intervals) {
}
