package org.peakpilot.monitoring.internal;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.monitoring.Meter;

/** A meter's series over from (inclusive) to (exclusive) at a grain, with the conversion used per year. */
@Schema(description = "A meter's rollups · 表计汇总曲线")
public record MeterSeries(
		@Schema(description = "The meter · 表计") Meter meter,
		@Schema(description = "The grain of the points · 粒度") Grain grain,
		@Schema(description = "One point per period · 各时段数据") List<MeterPoint> points,
		@Schema(description = "The conversion used per year · 各年换算因子") List<FactorConversion> conversions) {
}
