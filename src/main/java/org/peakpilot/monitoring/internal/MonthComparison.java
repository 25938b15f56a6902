package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.monitoring.ClosingOutcome;

/** Metered versus reported energy of an enterprise's month, per energy and in total tce. */
@Schema(description = "Metered versus reported energy of an enterprise's month · 企业月度计量与报告能耗对比")
public record MonthComparison(
		@Schema(description = "The enterprise's id · 企业 ID") long enterpriseId,
		@Schema(description = "The county's administrative code · 区县代码") String countyCode,
		@Schema(description = "The year · 年份") int year,
		@Schema(description = "The month, 1 to 12 · 月份（1–12）") int month,
		@Schema(description = "What the closing did with the report · 关账结果") ClosingOutcome outcome,
		@Schema(description = "The accounting report's id, if any · 核算报告 ID") Long reportId,
		@Schema(description = "The report's state, if any · 报告状态") String reportStatus,
		@Schema(description = "Metered energy in tce · 计量能耗（tce）") BigDecimal meteredTce,
		@Schema(description = "Reported energy in tce · 报告能耗（tce）") BigDecimal reportedTce,
		@Schema(description = "(reported − metered) in % of metered · 差异（%，相对计量值）") BigDecimal differencePercent,
		@Schema(description = "Whether the difference is beyond the tolerance · 是否超出容差") boolean flagged,
		@Schema(description = "The tolerance in % · 容差（%）") BigDecimal tolerancePercent,
		@Schema(description = "Per energy code · 分能源对比") List<EnergyComparison> energies) {
}
