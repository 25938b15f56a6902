package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.monitoring.MeterForm;

/** A meter's alarm limits as entered; the bounds are the ones {@link Alarms#setRule} validates. */
@Schema(description = "A meter's alarm limits; null or left out: no limit · 表计告警阈值（为空即不设限）")
public record AlarmRuleForm(
		@Schema(description = "Above 0. The largest quantity per quarter hour (per hour for hourly meters), in the meter's unit after the multiplier · 大于 0；每刻钟（小时表为每小时）最大量，表计单位（含倍率）",
				minimum = "0", maximum = MeterForm.QUANTITY_MAX, example = "500") BigDecimal intervalLimit,
		@Schema(description = "Above 0. The largest quantity per Beijing day, in the meter's unit after the multiplier · 大于 0；每个北京日最大量，表计单位（含倍率）",
				minimum = "0", maximum = MeterForm.QUANTITY_MAX, example = "20000") BigDecimal dayLimit,
		@Schema(description = "Intervals without a reading before the meter is reported OFFLINE (left out: the platform's default) · 连续多少个采集间隔无读数即告警离线（未给出则用平台默认值）",
				minimum = "" + OFFLINE_INTERVALS_MIN, maximum = "" + OFFLINE_INTERVALS_MAX, example = "4") Integer offlineIntervals,
		@Schema(description = "Whether SPIKE alarms (an interval far above the meter's recent profile) are raised; left out: true · 是否启用突增告警（未给出即启用）",
				example = "true") Boolean spikeEnabled) {

	public static final int OFFLINE_INTERVALS_MIN = 1;
	public static final int OFFLINE_INTERVALS_MAX = 100_000;
}
