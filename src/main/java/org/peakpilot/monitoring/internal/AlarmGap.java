package org.peakpilot.monitoring.internal;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The silence of a RECOVERED offline alarm: from the last reading before it to the interval end at which readings
 * came again; {@code intervals} the meter's intervals in between (neither end counted), {@code backfilled} those
 * of them present now (resent later), {@code missing} the rest.
 */
@Schema(description = "The silence of a RECOVERED offline alarm · 离线告警恢复前的中断时段")
public record AlarmGap(
		@Schema(description = "The last reading before the silence · 中断前最后一次读数时间") Instant from,
		@Schema(description = "The interval end at which readings came again · 恢复上报的间隔结束时间") Instant to,
		@Schema(description = "The meter's intervals in between (neither end counted) · 其间的采集间隔数（不含两端）") int intervals,
		@Schema(description = "Of those, intervals present now (resent later) · 其中已补传的间隔数") int backfilled) {

	public int missing() {
		return Math.max(0, intervals - backfilled);
	}
}
