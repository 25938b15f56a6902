package org.peakpilot.monitoring.internal;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An enterprise's curve over from (inclusive) to (exclusive): every period start of the grain, one line per
 * energy and unit, the totals, and the accounting factors the conversions used.
 */
@Schema(description = "An enterprise's energy curve · 企业能耗曲线")
public record EnterpriseSeries(
		@Schema(description = "The enterprise's id · 企业 ID") long enterpriseId,
		@Schema(description = "The span shown · 时间范围") Range range,
		@Schema(description = "The grain of the periods · 粒度") Grain grain,
		@Schema(description = "Start (inclusive) · 开始（含）") Instant from,
		@Schema(description = "End (exclusive) · 结束（不含）") Instant to,
		@Schema(description = "The start of every period · 各时段开始时间") List<Instant> periods,
		@Schema(description = "One line per energy and unit · 分能源曲线") List<EnergyLine> lines,
		@Schema(description = "tce and tCO2 of all energies per period · 各时段合计") List<TotalPoint> totals,
		@Schema(description = "The accounting factors the conversions used · 换算所用核算因子") List<FactorConversion> conversions) {
}
