package org.peakpilot.monitoring.internal;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.monitoring.ClosingOutcome;
import org.peakpilot.monitoring.MeteredEnergy;

/** The latest monthly closing of an enterprise's month. */
@Schema(description = "The latest monthly closing of an enterprise's month · 企业月度关账")
public record MonthClosing(
		@Schema(description = "The closing's id · 关账记录 ID") long id,
		@Schema(description = "The enterprise's id · 企业 ID") long enterpriseId,
		@Schema(description = "The year · 年份") int year,
		@Schema(description = "The month, 1 to 12 · 月份（1–12）") int month,
		@Schema(description = "What the closing did with the report · 关账对报告的处理结果") ClosingOutcome outcome,
		@Schema(description = "The accounting report's id, if any · 核算报告 ID（可为空）") Long reportId,
		@Schema(description = "A note on the outcome · 结果说明") String note,
		@Schema(description = "Metered energy per energy code and unit · 分能源计量能耗") List<MeteredEnergy> metered,
		@Schema(description = "When the report was drafted, if it was · 报告起草时间") Instant draftedAt,
		@Schema(description = "Who closed the month · 关账人") String closedBy,
		@Schema(description = "When · 关账时间") Instant closedAt) {
}
