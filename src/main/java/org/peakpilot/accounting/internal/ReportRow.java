package org.peakpilot.accounting.internal;

import java.math.BigDecimal;
import java.time.Instant;
import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.accounting.ReportStatus;


/** A report in lists. */
@Schema(description = "A report in lists, with its current totals · 报告列表项（含当前合计）")
public record ReportRow(
		@Schema(example = "42", description = "The report's id · 报告 ID") long id,
		@Schema(example = "7", description = "The reporting enterprise's id · 企业 ID") long enterpriseId,
		@Schema(example = "511111", description = "The enterprise's county code (GB/T 2260) · 区县代码") String countyCode,
		@Schema(example = "2025", description = "Accounting year · 核算年度") int year,
		@Schema(minimum = "1", maximum = "12", example = "3", description = "Month of the year, 1–12 · 月份") int month,
		@Schema(description = "Workflow state · 流程状态") ReportStatus status,
		@Schema(example = "0", description = "Number of revisions after locking · 修订次数") int revision,
		@Schema(example = "25310.5", description = "Total emissions of the current results, location-based, tCO2 · 排放总量（吨二氧化碳）") BigDecimal totalCo2T,
		@Schema(example = "9120.4", description = "Energy of the current results, tce · 综合能耗（吨标准煤）") BigDecimal tce,
		@Schema(description = "When the report was last changed · 最后修改时间") Instant updatedAt) {
}
