package org.peakpilot.accounting.internal;

import org.peakpilot.accounting.ReportStatus;

/** A key energy-using unit whose report for a month is past due. */
public record Overdue(long enterpriseId, String enterpriseName, String countyCode, int year, int month, ReportStatus status) {
}
