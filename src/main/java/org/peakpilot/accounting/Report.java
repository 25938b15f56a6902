package org.peakpilot.accounting;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An enterprise's monthly report (报送) with its content, workflow state (核查: verification), current results and
 * their summary.
 */
@Schema(description = "An enterprise's monthly report with its workflow state and current results · 企业月度报告（含流程状态与当前结果）")
public record Report(
		@Schema(example = "42", description = "The report's id · 报告 ID") long id,
		@Schema(example = "7", description = "The reporting enterprise's id (/api/v1/registry/enterprises) · 企业 ID") long enterpriseId,
		@Schema(example = "511111", description = "The enterprise's county code (GB/T 2260) · 区县代码") String countyCode,
		@Schema(example = "3", description = "The enterprise's park id; absent outside a park · 园区 ID") Long parkId,
		@Schema(example = "3011", description = "The enterprise's industry code (GB/T 4754) · 行业代码") String industryCode,
		@Schema(example = "2025", description = "Accounting year · 核算年度") int year,
		@Schema(minimum = "1", maximum = "12", example = "3", description = "Month of the year, 1–12 · 月份") int month,
		@Schema(description = "Workflow state: DRAFT → SUBMITTED → VERIFIED or RETURNED → LOCKED · 流程状态") ReportStatus status,
		@Schema(example = "0", description = "Number of revisions after locking, from 0 · 修订次数") int revision,
		@Schema(description = "What the enterprise entered · 填报内容") ReportContent content,
		@Schema(description = "The verifier's comment when returned · 核查退回意见") String returnComment,
		@Schema(description = "Why the locked report was last revised · 最近一次修订原因") String revisionReason,
		@Schema(description = "Who created the report · 创建人") String createdBy,
		@Schema(description = "When the report was created · 创建时间") Instant createdAt,
		@Schema(description = "When the report was last changed · 最后修改时间") Instant updatedAt,
		@Schema(description = "Who submitted it last · 提交人") String submittedBy,
		@Schema(description = "When it was submitted last · 提交时间") Instant submittedAt,
		@Schema(description = "Who verified it · 核查人") String verifiedBy,
		@Schema(description = "When it was verified · 核查时间") Instant verifiedAt,
		@Schema(description = "Who locked it · 锁定人") String lockedBy,
		@Schema(description = "When it was locked · 锁定时间") Instant lockedAt,
		@Schema(description = "The current result of each activity line, with the factor versions used · 各行当前核算结果") List<StoredResult> results,
		@Schema(description = "Totals of the current results · 当前结果合计") ReportSummary summary) {

	public boolean editable() {
		return status == ReportStatus.DRAFT || status == ReportStatus.RETURNED;
	}
}
