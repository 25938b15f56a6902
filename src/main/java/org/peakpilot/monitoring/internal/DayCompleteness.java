package org.peakpilot.monitoring.internal;

import io.swagger.v3.oas.annotations.media.Schema;

/** Readings received on a Beijing day against those expected (1440 / interval for a whole day, so far for today). */
public record DayCompleteness(
		@Schema(description = "The Beijing day · 北京日期") java.time.LocalDate day,
		@Schema(description = "Readings received · 已收读数条数") int received,
		@Schema(description = "Readings expected (1440 / interval; so far for today) · 应收读数条数") int expected) {

	/** received / expected as a percentage 0–100, rounded down; 100 when nothing was expected. */
	public int percent() {
		return expected == 0 ? 100 : (int) Math.min(100, received * 100L / expected);
	}
}
