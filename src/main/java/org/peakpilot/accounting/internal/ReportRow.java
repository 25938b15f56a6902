package org.peakpilot.accounting.internal;

import java.math.BigDecimal;
import java.time.Instant;
import org.peakpilot.accounting.ReportStatus;


/** A report in lists. */
public record ReportRow(long id, long enterpriseId, String countyCode, int year, int month, ReportStatus status, int revision,
		BigDecimal totalCo2T, BigDecimal tce, Instant updatedAt) {
}
