package org.peakpilot.accounting;

import java.time.Instant;
import java.util.List;

/**
 * An enterprise's monthly report (报送) with its content, workflow state (核查: verification), current results and
 * their summary.
 */
public record Report(long id, long enterpriseId, String countyCode, Long parkId, String industryCode, int year, int month,
		ReportStatus status, int revision, ReportContent content, String returnComment, String revisionReason, String createdBy,
		Instant createdAt, Instant updatedAt, String submittedBy, Instant submittedAt, String verifiedBy, Instant verifiedAt,
		String lockedBy, Instant lockedAt, List<StoredResult> results, ReportSummary summary) {

	public boolean editable() {
		return status == ReportStatus.DRAFT || status == ReportStatus.RETURNED;
	}
}
