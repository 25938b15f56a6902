package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** A meter's alarm settings: limits in its unit, offline after so many intervals, spike detection on or off. */
@Schema(description = "A meter's alarm settings · 表计告警设置")
public record AlarmRule(
		@Schema(description = "The meter's id · 表计 ID") long meterId,
		@Schema(description = "The largest quantity per quarter hour (per hour for hourly meters), in the meter's unit; null: no limit · 每刻钟（小时表每小时）上限，表计单位；空为不限") BigDecimal intervalLimit,
		@Schema(description = "The largest quantity per Beijing day, in the meter's unit; null: no limit · 每日上限，表计单位；空为不限") BigDecimal dayLimit,
		@Schema(description = "Intervals without a reading before an OFFLINE alarm · 多少个间隔无读数即离线告警") int offlineIntervals,
		@Schema(description = "Whether SPIKE alarms are raised · 是否启用突增告警") boolean spikeEnabled,
		@Schema(description = "Who last changed it; null for the default rule · 最近修改人（默认规则为空）") String updatedBy,
		@Schema(description = "When it was last changed; null for the default rule · 最近修改时间（默认规则为空）") Instant updatedAt) {
}
