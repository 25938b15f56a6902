package org.peakpilot.accounting.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.accounting.ReportStatus;

/** A key energy-using unit whose report for a month is past due. */
@Schema(description = "A key energy-using unit whose monthly report is past due · 逾期未报的重点用能单位月报")
public record Overdue(
		@Schema(example = "7", description = "The enterprise's id · 企业 ID") long enterpriseId,
		@Schema(example = "乐山某水泥有限公司", description = "The enterprise's name · 企业名称") String enterpriseName,
		@Schema(example = "511111", description = "The enterprise's county code (GB/T 2260) · 区县代码") String countyCode,
		@Schema(example = "2025", description = "Year of the overdue month · 年份") int year,
		@Schema(minimum = "1", maximum = "12", example = "3", description = "The overdue month, 1–12 (due the 15th of the following month) · 逾期月份") int month,
		@Schema(description = "The report's state (DRAFT or RETURNED), absent when none was started · 报告状态（未填报为空）") ReportStatus status) {
}
